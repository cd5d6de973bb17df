//! The project file: one SQLite database per plan.

use crate::error::StoreError;
use crate::header;
use crate::rows::TableShape;
use crate::schema::{migrations, APPLICATION_ID, SCHEMA_VERSION};
use nap_core::{validate, with_record_type, Id, Plan, PlanMeta, Record, RecordKind};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Whether a file is opened for reading only or for editing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Never writes to the file (info, export).
    ReadOnly,
    /// Edits are written at once, each in its own transaction.
    ReadWrite,
}

/// An open plan file.
pub struct PlanFile {
    conn: Connection,
    path: PathBuf,
    access: Access,
    plan_shape: TableShape,
    shapes: HashMap<RecordKind, TableShape>,
}

impl std::fmt::Debug for PlanFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlanFile")
            .field("path", &self.path)
            .field("access", &self.access)
            .finish()
    }
}

/// Turns SQLite's "this is corrupt" family of errors into a file-level damage report.
fn damaged(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::DamagedFile {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        // A file whose permission bits allow writing, on a medium that does not (a locked
        // USB stick, a read-only share).
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly(path.to_path_buf()),
        _ => StoreError::Sqlite(e),
    }
}

/// The SQLite URI that opens `path` as immutable: read without locks, journal or shared
/// memory, so that reading works on a read-only medium and leaves no `-wal` or `-shm` file
/// beside the plan.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            ' ' => uri.push_str("%20"),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

fn temp_path_for(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan.nap".into());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Removes the SQLite journals left beside `path` by a file that was there before (deleted,
/// or being written over). SQLite takes a `-wal` it finds beside a database as that
/// database's own and replays it on opening, so a new plan would otherwise take in the old
/// file's last edits.
fn remove_leftover_journals(path: &Path) -> Result<(), StoreError> {
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let journal = PathBuf::from(name);
        match std::fs::remove_file(&journal) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::io(&journal, e)),
        }
    }
    Ok(())
}

impl PlanFile {
    /// Writes `plan` as a new file at `path`, atomically: the file appears complete or not
    /// at all (it is built under a temporary name beside `path`, synced, then renamed).
    /// Refuses to replace an existing file unless `overwrite`.
    pub fn create(path: &Path, plan: &Plan, overwrite: bool) -> Result<Self, StoreError> {
        let errors = validate(plan);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        if !overwrite && path.exists() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        let tmp = temp_path_for(path);
        let result = (|| -> Result<(), StoreError> {
            let _ = std::fs::remove_file(&tmp);
            let mut conn = Connection::open(&tmp)?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            // Built with a rollback journal so that the finished file is self-contained
            // (no -wal beside the temporary name); WAL is switched on when it is opened.
            conn.pragma_update(None, "synchronous", "FULL")?;
            conn.pragma_update(None, "foreign_keys", true)?;
            migrations().to_latest(&mut conn).map_err(|e| {
                StoreError::Migration(nap_core::text::quoted(&e.to_string()).into_owned())
            })?;
            let mut file = Self::wrap(conn, tmp.clone(), Access::ReadWrite)?;
            file.write_all(plan)?;
            file.conn.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
            let f = std::fs::File::open(&tmp).map_err(|e| StoreError::io(&tmp, e))?;
            f.sync_all().map_err(|e| StoreError::io(&tmp, e))?;
            remove_leftover_journals(path)?;
            std::fs::rename(&tmp, path).map_err(|e| StoreError::io(path, e))?;
            Ok(())
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        Self::open(path, Access::ReadWrite)
    }

    /// Opens an existing plan file.
    ///
    /// Files that are not plans, are damaged or truncated, or come from a newer version are
    /// refused with their own error before anything is written. An older file is upgraded
    /// when opened for editing, after a copy of the original is kept beside it
    /// (`NAME.nap.v<N>.bak`); opened for reading, it is upgraded in memory and left as it is.
    pub fn open(path: &Path, access: Access) -> Result<Self, StoreError> {
        let header = header::check(path)?;
        if access == Access::ReadWrite {
            let meta = std::fs::metadata(path).map_err(|e| StoreError::io(path, e))?;
            // Checked explicitly because SQLite silently opens such files read-only, and
            // root may write regardless of the permission bits.
            if meta.permissions().readonly() {
                return Err(StoreError::ReadOnly(path.to_path_buf()));
            }
        }
        let flags = match access {
            Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
            Access::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = if access == Access::ReadOnly && !header::has_wal(path) {
            // Nobody is writing (a writer in WAL mode always has a log beside the file):
            // read the file as it is, creating nothing beside it.
            Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)
        } else {
            Connection::open_with_flags(path, flags)
        }
        .map_err(|e| damaged(path, e))?;
        // Integrity first, before any statement that could write.
        let check: String = conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
            .map_err(|e| damaged(path, e))?;
        if check != "ok" {
            return Err(StoreError::DamagedFile {
                path: path.to_path_buf(),
                detail: check,
            });
        }
        if access == Access::ReadWrite {
            if header.schema_version < SCHEMA_VERSION && header.schema_version > 0 {
                let backup =
                    PathBuf::from(format!("{}.v{}.bak", path.display(), header.schema_version));
                std::fs::copy(path, &backup).map_err(|e| StoreError::io(&backup, e))?;
            }
            migrations().to_latest(&mut conn).map_err(|e| {
                StoreError::Migration(nap_core::text::quoted(&e.to_string()).into_owned())
            })?;
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| damaged(path, e))?;
            conn.pragma_update(None, "synchronous", "FULL")?;
            conn.pragma_update(None, "foreign_keys", true)?;
        } else if header.schema_version < SCHEMA_VERSION {
            // Reading an older file: upgrade a copy in memory, never the file itself.
            let mut copy = Connection::open_in_memory()?;
            rusqlite::backup::Backup::new(&conn, &mut copy)?
                .run_to_completion(256, std::time::Duration::ZERO, None)
                .map_err(|e| damaged(path, e))?;
            migrations().to_latest(&mut copy).map_err(|e| {
                StoreError::Migration(nap_core::text::quoted(&e.to_string()).into_owned())
            })?;
            conn = copy;
        }
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let file = Self::wrap(conn, path.to_path_buf(), access)?;
        let rows: i64 = file
            .conn
            .query_row("SELECT count(*) FROM plan", [], |r| r.get(0))
            .map_err(|e| damaged(path, e))?;
        if rows != 1 {
            return Err(StoreError::DamagedFile {
                path: path.to_path_buf(),
                detail: format!("it holds {rows} plan records instead of 1"),
            });
        }
        Ok(file)
    }

    fn wrap(conn: Connection, path: PathBuf, access: Access) -> Result<Self, StoreError> {
        let plan_shape = TableShape::read(&conn, "plan")?;
        let mut shapes = HashMap::new();
        for kind in RecordKind::ALL {
            shapes.insert(kind, TableShape::read(&conn, kind.name())?);
        }
        Ok(Self {
            conn,
            path,
            access,
            plan_shape,
            shapes,
        })
    }

    /// The connection, for the sharing tables (`sharing.rs`).
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The connection, to write the sharing tables in a transaction.
    pub(crate) fn conn_mut(&mut self) -> Result<&mut Connection, StoreError> {
        self.writable()?;
        Ok(&mut self.conn)
    }

    /// Whether the file was opened for editing or only to read.
    pub fn access(&self) -> Access {
        self.access
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the file (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Reads the whole plan.
    pub fn load(&self) -> Result<Plan, StoreError> {
        let plan = self.load_unvalidated()?;
        // Every write is validated, so only a file changed outside NAP Studio fails here; its
        // totals could be wrong (a line of a missing activity dropped, a record counted
        // twice), so it is refused rather than shown.
        let problems = validate(&plan);
        if !problems.is_empty() {
            return Err(StoreError::Inconsistent {
                path: self.path.clone(),
                problems,
            });
        }
        Ok(plan)
    }

    /// Reads the whole plan as the file holds it, valid or not: only to repair it.
    pub(crate) fn load_unvalidated(&self) -> Result<Plan, StoreError> {
        let mut metas: Vec<PlanMeta> = self.plan_shape.read_all(&self.conn)?;
        let meta = metas
            .pop()
            .ok_or_else(|| StoreError::Damaged("the plan record is missing".into()))?;
        let mut plan = Plan::empty(meta);
        for kind in RecordKind::ALL {
            let shape = &self.shapes[&kind];
            with_record_type!(kind, T => {
                *T::list_mut(&mut plan) = shape.read_all::<T>(&self.conn)?;
            });
        }
        Ok(plan)
    }

    fn writable(&self) -> Result<(), StoreError> {
        match self.access {
            Access::ReadWrite => Ok(()),
            Access::ReadOnly => Err(StoreError::ReadOnly(self.path.clone())),
        }
    }

    /// Replaces the whole content of the file with `plan`, in one transaction.
    pub fn write_all(&mut self, plan: &Plan) -> Result<(), StoreError> {
        self.writable()?;
        let errors = validate(plan);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // References are checked at commit, so rows can be replaced in any order.
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        tx.execute("DELETE FROM version_snapshot", [])?;
        for kind in RecordKind::ALL.iter().rev() {
            tx.execute(&format!("DELETE FROM \"{}\"", kind.name()), [])?;
        }
        tx.execute("DELETE FROM plan", [])?;
        self.plan_shape.write(&tx, &plan.meta, 0)?;
        for kind in RecordKind::ALL {
            let shape = &self.shapes[&kind];
            with_record_type!(kind, T => {
                for (i, r) in T::list(plan).iter().enumerate() {
                    shape.write(&tx, r, i as i64)?;
                }
            });
        }
        tx.commit()?;
        Ok(())
    }

    /// Writes the difference between `before` (what the file holds) and `after` in one
    /// transaction: changed and new records are written, missing ones deleted, and the
    /// order of every list that changed is stored. The caller validates `after`.
    pub fn write_changes(&mut self, before: &Plan, after: &Plan) -> Result<(), StoreError> {
        self.write_changes_and(before, after, |_| Ok(()))
    }

    /// [`PlanFile::write_changes`], with `also` run in the same transaction (e.g. to log a
    /// merge together with what it changed).
    pub fn write_changes_and(
        &mut self,
        before: &Plan,
        after: &Plan,
        also: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        also(&tx)?;
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        if before.meta != after.meta {
            self.plan_shape.write(&tx, &after.meta, 0)?;
        }
        for kind in RecordKind::ALL {
            let shape = &self.shapes[&kind];
            with_record_type!(kind, T => {
                let old: HashMap<Id, (usize, &T)> = T::list(before)
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (r.meta().id, (i, r)))
                    .collect();
                let new_ids: std::collections::HashSet<Id> =
                    T::list(after).iter().map(|r| r.meta().id).collect();
                let mut reordered = T::list(before).len() != T::list(after).len();
                for (i, r) in T::list(after).iter().enumerate() {
                    match old.get(&r.meta().id) {
                        Some((j, o)) if *o == r => reordered |= *j != i,
                        Some((j, _)) => {
                            reordered |= *j != i;
                            shape.write(&tx, r, i as i64)?;
                        }
                        None => shape.write(&tx, r, i as i64)?,
                    }
                }
                for id in old.keys().filter(|id| !new_ids.contains(id)) {
                    tx.execute(
                        &format!("DELETE FROM \"{}\" WHERE id = ?1", kind.name()),
                        [id.to_string()],
                    )?;
                }
                if reordered {
                    let mut stmt = tx.prepare_cached(&format!(
                        "UPDATE \"{}\" SET position = ?1 WHERE id = ?2",
                        kind.name()
                    ))?;
                    for (i, r) in T::list(after).iter().enumerate() {
                        stmt.execute(rusqlite::params![i as i64, r.meta().id.to_string()])?;
                    }
                }
            });
        }
        tx.commit()?;
        Ok(())
    }

    /// Writes one record in one transaction: a record with a new id goes to the end of its
    /// list; an existing one is replaced where it stands. The caller validates the plan the
    /// record belongs to (see `Document`).
    pub fn write_record<T: Record>(&mut self, record: &T) -> Result<(), StoreError> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let table = T::KIND.name();
        let position: i64 = tx.query_row(
            &format!(
                "SELECT coalesce((SELECT position FROM \"{table}\" WHERE id = ?1),
                                 (SELECT max(position) + 1 FROM \"{table}\"), 0)"
            ),
            [record.meta().id.to_string()],
            |r| r.get(0),
        )?;
        self.shapes[&T::KIND].write(&tx, record, position)?;
        tx.commit()?;
        Ok(())
    }

    /// Writes the plan metadata and settings, in one transaction.
    pub fn write_meta(&mut self, meta: &PlanMeta) -> Result<(), StoreError> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        self.plan_shape.write(&tx, meta, 0)?;
        tx.commit()?;
        Ok(())
    }

    /// Writes the named version `version` and the plan as it was when it was taken
    /// (`snapshot`, interchange JSON), in one transaction.
    pub fn write_version(
        &mut self,
        version: &nap_core::NamedVersion,
        snapshot: &str,
    ) -> Result<(), StoreError> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let table = RecordKind::Version.name();
        let position: i64 = tx.query_row(
            &format!("SELECT coalesce(max(position) + 1, 0) FROM \"{table}\""),
            [],
            |r| r.get(0),
        )?;
        self.shapes[&RecordKind::Version].write(&tx, version, position)?;
        tx.execute(
            "INSERT OR REPLACE INTO version_snapshot (version_id, plan_json) VALUES (?1, ?2)",
            rusqlite::params![version.record.id.to_string(), snapshot],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The plan as it was when version `id` was taken; `None` when the file holds no
    /// snapshot for it (a version that came in with a merged copy).
    pub fn read_snapshot(&self, id: Id) -> Result<Option<Plan>, StoreError> {
        use rusqlite::OptionalExtension;
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT plan_json FROM version_snapshot WHERE version_id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        json.map(|j| {
            nap_core::interchange::from_json(&j)
                .map_err(|e| StoreError::Damaged(format!("the snapshot of version {id}: {e}")))
        })
        .transpose()
    }

    /// The versions that have a snapshot in this file.
    pub fn snapshot_ids(&self) -> Result<std::collections::HashSet<Id>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT version_id FROM version_snapshot")?;
        let ids = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .filter_map(|r| r.ok().and_then(|s| s.parse().ok()))
            .collect();
        Ok(ids)
    }

    /// Copies the whole file to `dest` with SQLite's online backup, into a temporary file
    /// beside `dest` that is renamed over it only once complete: a backup is whole or absent.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        let partial = dest.with_extension("nap-partial");
        let _ = std::fs::remove_file(&partial);
        let result = (|| {
            let mut copy = Connection::open(&partial)?;
            rusqlite::backup::Backup::new(&self.conn, &mut copy)?.run_to_completion(
                256,
                std::time::Duration::ZERO,
                None,
            )?;
            copy.pragma_update(None, "journal_mode", "DELETE")?;
            drop(copy);
            Ok::<(), StoreError>(())
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        std::fs::rename(&partial, dest).map_err(|e| StoreError::io(dest, e))
    }

    /// Deletes one record, in one transaction. Refused while other rows refer to it.
    pub fn delete_record(&mut self, kind: RecordKind, id: Id) -> Result<(), StoreError> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let n = tx
            .execute(
                &format!("DELETE FROM \"{}\" WHERE id = ?1", kind.name()),
                [id.to_string()],
            )
            .map_err(|e| match e.sqlite_error_code() {
                Some(ErrorCode::ConstraintViolation) => StoreError::StillReferenced { kind, id },
                _ => StoreError::Sqlite(e),
            })?;
        if n == 0 {
            return Err(StoreError::RecordNotFound { kind, id });
        }
        tx.commit()?;
        Ok(())
    }
}
