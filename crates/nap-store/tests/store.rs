//! The project file: round trips of every kind of record, edits, and every way a file can
//! be refused without being changed.

use nap_core::sample::{generated_plan, sample_plan, PlanSize};
use nap_core::{CostLine, Plan, RecordKind, ValidationError};
use nap_store::{Access, Document, PlanFile, StoreError, APPLICATION_ID, SCHEMA_VERSION};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn write_sample(dir: &Path) -> PathBuf {
    let path = dir.join("sample.nap");
    PlanFile::create(&path, &sample_plan(), false).expect("create");
    path
}

/// Changes a plan file with SQL, as a tool outside NAP Studio would (references unchecked).
fn tamper(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF;").unwrap();
    conn.execute_batch(sql).unwrap();
}

/// Bytes of the file after SQLite has been closed cleanly (WAL checkpointed).
fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read")
}

#[test]
fn every_kind_of_record_round_trips() {
    let plan = sample_plan();
    for kind in RecordKind::ALL {
        assert!(
            kind.count_in(&plan) > 0,
            "the sample has no {kind:?}: the round trip would not cover it"
        );
    }
    let dir = temp();
    let path = write_sample(dir.path());
    let back = PlanFile::open(&path, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(back, plan);
}

#[test]
fn a_medium_plan_round_trips() {
    let plan = generated_plan(PlanSize::Medium);
    let dir = temp();
    let path = dir.path().join("m.nap");
    PlanFile::create(&path, &plan, false).unwrap();
    assert_eq!(
        PlanFile::open(&path, Access::ReadOnly)
            .unwrap()
            .load()
            .unwrap(),
        plan
    );
}

#[test]
fn files_are_marked_and_configured() {
    let dir = temp();
    let path = write_sample(dir.path());
    let raw = bytes(&path);
    assert_eq!(
        u32::from_be_bytes(raw[68..72].try_into().unwrap()),
        APPLICATION_ID
    );
    assert_eq!(
        u32::from_be_bytes(raw[60..64].try_into().unwrap()),
        SCHEMA_VERSION
    );
    let _doc = Document::open(&path, "test").unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    // Money is stored as text, never as a floating-point number.
    let kind: String = conn
        .query_row("SELECT typeof(contingency) FROM plan", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kind, "text");
    let unit_cost: String = conn
        .query_row(
            "SELECT unit_cost FROM catalogue_item WHERE code = 'CONS-INT'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unit_cost, "550");
}

#[test]
fn create_refuses_to_overwrite_and_leaves_no_temporary_file() {
    let dir = temp();
    let path = write_sample(dir.path());
    let before = bytes(&path);
    let err = PlanFile::create(&path, &sample_plan(), false).unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists(_)), "{err}");
    assert_eq!(bytes(&path), before);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["sample.nap"]);
}

#[test]
fn an_invalid_plan_is_never_written() {
    let dir = temp();
    let path = dir.path().join("bad.nap");
    let mut plan = sample_plan();
    plan.cost_lines[0]
        .quantities
        .insert(2027, Decimal::from(-3));
    let err = PlanFile::create(&path, &plan, false).unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref e) if matches!(e[0], ValidationError::NegativeQuantity { .. })),
        "{err}"
    );
    assert!(!path.exists());
}

fn assert_refused_unchanged(path: &Path, check: impl Fn(&StoreError) -> bool) {
    let before = bytes(path);
    for access in [Access::ReadOnly, Access::ReadWrite] {
        let err = PlanFile::open(path, access).unwrap_err();
        assert!(
            check(&err),
            "unexpected error for {}: {err:?}",
            path.display()
        );
        assert!(!err.to_string().is_empty());
    }
    // Opened for editing, as the app opens it.
    let err = Document::open(path, "x").unwrap_err();
    assert!(
        check(&err),
        "unexpected error opening {} for editing: {err:?}",
        path.display()
    );
    assert_eq!(
        bytes(path),
        before,
        "refusing {} changed it",
        path.display()
    );
}

#[test]
fn random_bytes_are_not_a_plan() {
    let dir = temp();
    let path = dir.path().join("random.nap");
    let noise: Vec<u8> = (0..10_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&path, noise).unwrap();
    assert_refused_unchanged(&path, |e| matches!(e, StoreError::NotAPlan { .. }));
    let text = dir.path().join("hostname");
    std::fs::write(&text, "laptop-mowa-07\n").unwrap();
    assert_refused_unchanged(&text, |e| matches!(e, StoreError::NotAPlan { .. }));
    let empty = dir.path().join("empty.nap");
    std::fs::write(&empty, "").unwrap();
    assert_refused_unchanged(&empty, |e| matches!(e, StoreError::NotAPlan { .. }));
}

#[test]
fn a_truncated_plan_is_refused() {
    let dir = temp();
    let path = write_sample(dir.path());
    let full = bytes(&path);
    let cut = dir.path().join("cut.nap");
    std::fs::write(&cut, &full[..full.len() / 2]).unwrap();
    assert_refused_unchanged(&cut, |e| matches!(e, StoreError::Truncated { .. }));
    let tiny = dir.path().join("tiny.nap");
    std::fs::write(&tiny, &full[..60]).unwrap();
    assert_refused_unchanged(&tiny, |e| matches!(e, StoreError::Truncated { .. }));
}

#[test]
fn another_applications_database_is_refused() {
    let dir = temp();
    let other = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.pragma_update(None, "application_id", 0x0F05_5112u32)
            .unwrap();
        conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    assert_refused_unchanged(&other, |e| {
        matches!(
            e,
            StoreError::ForeignDatabase {
                application_id: 0x0F05_5112,
                ..
            }
        )
    });
    let plain = dir.path().join("plain.db");
    {
        let conn = rusqlite::Connection::open(&plain).unwrap();
        conn.execute_batch("CREATE TABLE t(x);").unwrap();
    }
    assert_refused_unchanged(&plain, |e| matches!(e, StoreError::NotAPlan { .. }));
}

#[test]
fn a_plan_from_a_newer_schema_is_refused() {
    let dir = temp();
    let path = write_sample(dir.path());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    assert_refused_unchanged(
        &path,
        |e| matches!(e, StoreError::NewerSchema { found, .. } if *found == SCHEMA_VERSION + 1),
    );
}

#[test]
fn a_damaged_plan_is_refused() {
    let dir = temp();
    let path = write_sample(dir.path());
    let mut raw = bytes(&path);
    let page = usize::from(u16::from_be_bytes([raw[16], raw[17]]));
    // Scribble over the b-tree pages after the schema page, leaving the header intact.
    for b in &mut raw[page..page * 6] {
        *b = 0xA5;
    }
    let damaged = dir.path().join("damaged.nap");
    std::fs::write(&damaged, &raw).unwrap();
    assert_refused_unchanged(&damaged, |e| matches!(e, StoreError::DamagedFile { .. }));
}

/// A row whose cells are well-formed SQL but not a record (changed outside NAP Studio) is
/// refused with the table it is in, and the file is left as it is.
#[test]
fn a_row_that_is_not_a_record_is_refused_naming_its_table() {
    for (column, value) in [("quantities", "'\"lots\"'"), ("unit_cost", "'twelve'")] {
        let dir = temp();
        let path = write_sample(dir.path());
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch(&format!(
                "UPDATE cost_line SET {column} = {value} WHERE position = 3;"
            ))
            .unwrap();
            conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        }
        let before = bytes(&path);
        let read = || {
            PlanFile::open(&path, Access::ReadOnly)
                .and_then(|f| f.load())
                .unwrap_err()
        };
        let err = read();
        assert!(
            matches!(&err, StoreError::Damaged(m) if m.starts_with("a row of cost_line cannot be read")),
            "{column}: {err}"
        );
        assert!(
            bytes(&path) == before,
            "{column}: reading it changed the file"
        );
        // Opened for editing, it is refused too, and nothing in it is repaired or lost.
        assert!(Document::open(&path, "x").is_err(), "{column}");
        assert_eq!(read().to_string(), err.to_string(), "{column}");
    }
}

#[test]
fn a_read_only_file_can_be_read_but_not_edited() {
    let dir = temp();
    let path = write_sample(dir.path());
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let before = bytes(&path);
    let err = PlanFile::open(&path, Access::ReadWrite).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly(_)), "{err}");
    let err = Document::open(&path, "x").unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly(_)), "{err}");
    assert_eq!(
        PlanFile::open(&path, Access::ReadOnly)
            .unwrap()
            .load()
            .unwrap(),
        sample_plan()
    );
    assert_eq!(bytes(&path), before);
}

fn reload(path: &Path) -> Plan {
    PlanFile::open(path, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap()
}

#[test]
fn an_edit_is_stamped_and_persists() {
    let dir = temp();
    let path = write_sample(dir.path());
    let mut doc = Document::open(&path, "MOI planning department").unwrap();
    let mut line: CostLine = doc.plan().cost_lines[5].clone();
    let created = line.record.created.clone();
    line.quantities.insert(2028, Decimal::new(125, 1));
    let stored = doc.upsert(line).unwrap();
    assert_eq!(stored.record.modified_by, "MOI planning department");
    assert_eq!(stored.record.created, created);
    assert!(stored.record.modified > created);
    drop(doc);
    let back = reload(&path);
    assert_eq!(
        back.cost_lines[5], stored,
        "edited in place, at the same position"
    );
    assert_eq!(back.cost_lines[5].quantities[&2028].to_string(), "12.5");
}

#[test]
fn a_new_record_goes_to_the_end_even_after_a_delete() {
    let dir = temp();
    let path = write_sample(dir.path());
    let mut doc = Document::open(&path, "t").unwrap();
    let victim = doc.plan().cost_lines[1].record.id;
    doc.delete::<CostLine>(victim).unwrap();
    let mut line = doc.plan().cost_lines[0].clone();
    line.record.id = uuid::Uuid::from_u128(7);
    doc.upsert(line).unwrap();
    let in_memory = doc.plan().clone();
    drop(doc);
    assert_eq!(reload(&path), in_memory);
}

#[test]
fn an_invalid_edit_changes_nothing() {
    let dir = temp();
    let path = write_sample(dir.path());
    let mut doc = Document::open(&path, "t").unwrap();
    let before = doc.plan().clone();
    let mut line = before.cost_lines[0].clone();
    line.quantities.insert(2031, Decimal::ONE);
    let err = doc.upsert(line).unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref e) if matches!(e[0], ValidationError::YearOutsidePeriod { year: 2031, .. })),
        "{err}"
    );
    assert_eq!(doc.plan(), &before);
    let mut activity = before.activities[0].clone();
    activity.lead_agency_id = Some(uuid::Uuid::from_u128(99));
    assert!(matches!(
        doc.upsert(activity).unwrap_err(),
        StoreError::Invalid(_)
    ));
    assert_eq!(doc.plan(), &before);
    // A new record the plan refuses is not left at the end of its list.
    let mut added = before.cost_lines[0].clone();
    added.record.id = uuid::Uuid::from_u128(4242);
    added.activity_id = uuid::Uuid::from_u128(99);
    assert!(matches!(
        doc.upsert(added).unwrap_err(),
        StoreError::Invalid(_)
    ));
    assert_eq!(doc.plan(), &before);
    assert!(doc.undo_label().is_none());
    drop(doc);
    assert_eq!(reload(&path), before);
}

#[test]
fn an_edit_the_file_refuses_leaves_the_open_plan_as_it_was() {
    // The edit passes validation but SQLite refuses to write it (here a trigger added by
    // another connection; on a real machine a full disk or a lock): the plan in memory
    // must still match the file.
    let dir = temp();
    let path = write_sample(dir.path());
    let mut doc = Document::open(&path, "t").unwrap();
    let before = doc.plan().clone();
    let table = RecordKind::CostLine.name();
    tamper(&path, &format!(
            "CREATE TRIGGER no_update BEFORE UPDATE ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'refused'); END;
             CREATE TRIGGER no_insert BEFORE INSERT ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'refused'); END;
             CREATE TRIGGER no_delete BEFORE DELETE ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'refused'); END;"
        ));
    let mut line = before.cost_lines[2].clone();
    line.quantities.insert(2027, Decimal::from(41));
    assert!(doc.upsert(line).is_err());
    assert_eq!(doc.plan(), &before);
    let mut added = before.cost_lines[2].clone();
    added.record.id = uuid::Uuid::from_u128(4243);
    assert!(doc.upsert(added).is_err());
    assert_eq!(doc.plan(), &before);
    assert!(doc
        .delete::<CostLine>(before.cost_lines[2].record.id)
        .is_err());
    assert_eq!(doc.plan(), &before);
    assert!(doc.undo_label().is_none());
}

#[test]
fn deleting_a_referenced_record_is_refused() {
    let dir = temp();
    let path = write_sample(dir.path());
    let mut doc = Document::open(&path, "t").unwrap();
    let before = doc.plan().clone();
    let activity = before.activities[0].record.id;
    let err = doc.delete::<nap_core::Activity>(activity).unwrap_err();
    assert!(matches!(err, StoreError::StillReferenced { .. }), "{err}");
    let err = doc
        .delete::<nap_core::Activity>(uuid::Uuid::from_u128(5))
        .unwrap_err();
    assert!(matches!(err, StoreError::RecordNotFound { .. }), "{err}");
    // Back in memory too, at its place in the list.
    assert_eq!(doc.plan(), &before);
    drop(doc);
    assert_eq!(reload(&path), before);
}

#[test]
fn the_store_refuses_references_the_validator_would_miss() {
    // Even if a caller bypasses Document's validation, SQLite's foreign keys hold.
    let dir = temp();
    let path = write_sample(dir.path());
    let mut file = PlanFile::open(&path, Access::ReadWrite).unwrap();
    let mut line = sample_plan().cost_lines[0].clone();
    line.activity_id = uuid::Uuid::from_u128(1234);
    assert!(file.write_record(&line).is_err());
    drop(file);
    assert_eq!(reload(&path), sample_plan());
}

#[test]
fn replace_writes_only_the_differences_and_keeps_order() {
    let dir = temp();
    let path = write_sample(dir.path());
    let mut doc = Document::open(&path, "t").unwrap();
    let mut next = doc.plan().clone();
    next.cost_lines.remove(3);
    next.cost_lines.swap(0, 1);
    let mut extra = next.cost_lines[10].clone();
    extra.record.id = uuid::Uuid::from_u128(77);
    next.cost_lines.insert(5, extra);
    next.meta.title.text = "Renamed".into();
    next.pillars[2].title.l2 = None;
    doc.replace(next.clone()).unwrap();
    drop(doc);
    assert_eq!(reload(&path), next);
}

#[test]
fn replace_refuses_an_invalid_plan_and_changes_nothing() {
    let dir = temp();
    let path = write_sample(dir.path());
    let mut doc = Document::open(&path, "t").unwrap();
    let mut next = doc.plan().clone();
    next.cost_lines[0]
        .quantities
        .insert(2026, Decimal::from(-1));
    assert!(matches!(
        doc.replace(next).unwrap_err(),
        StoreError::Invalid(_)
    ));
    drop(doc);
    assert_eq!(reload(&path), sample_plan());
}

#[test]
fn an_older_file_is_upgraded_after_a_backup_and_read_in_memory_without_one() {
    let dir = temp();
    let path = dir.path().join("v1.nap");
    // A plan of those days: no names of classification codes, no activity statuses or
    // spending, progress values with no date, source or breakdown.
    let mut plan = sample_plan();
    plan.classification_names.clear();
    plan.activity_statuses.clear();
    plan.expenditures.clear();
    plan.reporting_events.clear();
    for p in &mut plan.progress {
        p.date = None;
        p.source.clear();
    }
    PlanFile::create(&path, &plan, false).unwrap();
    // Make it look like a file of schema version 1: no sharing tables, no table of names.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        // No translation flags either (migration 6).
        let flags: Vec<(String, String)> = conn
            .prepare("SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name LIKE '%_l2_outdated'")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(flags.len() > 20, "{flags:?}");
        for (table, column) in flags {
            conn.execute_batch(&format!("ALTER TABLE {table} DROP COLUMN {column};"))
                .unwrap();
        }
        conn.execute_batch("DROP TABLE copy_info; DROP TABLE sync_base; DROP TABLE merge_log; DROP TABLE classification_name; DROP TABLE activity_status; DROP TABLE expenditure; DROP TABLE reporting_event; ALTER TABLE progress DROP COLUMN date; ALTER TABLE progress DROP COLUMN source; ALTER TABLE progress DROP COLUMN breakdown; PRAGMA user_version = 1; PRAGMA journal_mode = DELETE;").unwrap();
    }
    let v1 = bytes(&path);
    // Read-only: upgraded in memory, the file untouched.
    let read = PlanFile::open(&path, Access::ReadOnly).unwrap();
    assert_eq!(read.load().unwrap(), plan);
    drop(read);
    assert_eq!(bytes(&path), v1);
    assert!(!PathBuf::from(format!("{}.v1.bak", path.display())).exists());
    let mut doc = Document::open(&path, "t").unwrap();
    assert_eq!(doc.file().schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(doc.plan(), &plan);
    // The upgraded file takes names like a new one.
    let stored = doc
        .upsert(sample_plan().classification_names[0].clone())
        .unwrap();
    assert_eq!(doc.plan().classification_names, vec![stored.clone()]);
    drop(doc);
    assert_eq!(reload(&path).classification_names, vec![stored]);
    let backup = PathBuf::from(format!("{}.v1.bak", path.display()));
    assert_eq!(bytes(&backup), v1, "the original is kept before upgrading");
}

#[test]
fn a_new_plan_never_takes_in_the_leftover_journal_of_a_file_once_at_its_path() {
    let dir = temp();
    let path = dir.path().join("plan.nap");
    let wal = dir.path().join("plan.nap-wal");
    PlanFile::create(&path, &sample_plan(), false).expect("create");
    // An edit still in the write-ahead log of an open plan (a crash would leave it there).
    let mut doc = Document::open(&path, "MOWA").expect("open");
    let mut line = doc.plan().cost_lines[0].clone();
    line.note = "from the old file".into();
    doc.upsert(line).expect("edit");
    let leftover = std::fs::read(&wal).expect("the edit is in the log");
    assert!(!leftover.is_empty());
    drop(doc);
    // The plan is deleted in the file manager; its log is left beside where it was.
    std::fs::remove_file(&path).unwrap();
    std::fs::write(&wal, &leftover).unwrap();

    let fresh = sample_plan();
    PlanFile::create(&path, &fresh, false).expect("a new plan at the same path");
    let opened = Document::open(&path, "reader").expect("open the new plan");
    assert!(
        opened.plan() == &fresh,
        "the new plan is exactly what was created, without the old file's edit"
    );
    // The same when a plan is written over an existing one.
    drop(opened);
    std::fs::write(&wal, &leftover).unwrap();
    PlanFile::create(&path, &fresh, true).expect("overwrite");
    assert!(Document::open(&path, "reader").unwrap().plan() == &fresh);
}

/// The costing a screen reads is the plan's own after every kind of change: shared while
/// the plan stays as it is, computed again once it changes (in the memory of the earlier
/// costing once no one else holds it), refused edits included.
#[test]
fn the_cached_costing_follows_every_change_to_the_plan() {
    use nap_core::costing::compute;
    use std::sync::Arc;
    let dir = temp();
    let path = write_sample(dir.path());
    let mut doc = Document::open(&path, "t").unwrap();
    let fresh = |doc: &Document| compute(doc.plan(), None).unwrap();

    let first = doc.costing().unwrap();
    assert!(
        Arc::ptr_eq(&first, &doc.costing().unwrap()),
        "unchanged: shared"
    );
    assert_eq!(*first, fresh(&doc));

    let changed_quantity = |doc: &Document, by: i64| {
        let mut line = doc.plan().cost_lines[0].clone();
        let q = line.quantities.entry(2026).or_default();
        *q += Decimal::from(by);
        line
    };
    let mut seen = vec![doc.costing().unwrap().summary(doc.plan()).total_cost];
    let mut check = |doc: &Document, what: &str| {
        let cached = doc.costing().unwrap();
        assert_eq!(*cached, fresh(doc), "after {what}");
        seen.push(cached.summary(doc.plan()).total_cost);
    };

    doc.upsert(changed_quantity(&doc, 5)).unwrap();
    check(&doc, "an edit");
    doc.undo().unwrap();
    check(&doc, "undo");
    doc.redo().unwrap();
    check(&doc, "redo");
    let mut bad = changed_quantity(&doc, 0);
    bad.quantities.insert(2026, Decimal::from(-1));
    assert!(doc.upsert(bad).is_err());
    check(&doc, "a refused edit");
    let id = doc.plan().cost_lines[1].record.id;
    doc.delete::<CostLine>(id).unwrap();
    check(&doc, "a delete");
    let mut meta = doc.plan().meta.clone();
    meta.contingency = Decimal::new(10, 2);
    doc.set_meta(meta).unwrap();
    check(&doc, "a settings change");
    let mut next = doc.plan().clone();
    next.cost_lines[2].unit_cost = next.cost_lines[2].unit_cost.map(|c| c * Decimal::from(2));
    doc.edit_many(next, "edit", "cost_line").unwrap();
    check(&doc, "an edit of many records");
    let mut next = doc.plan().clone();
    next.cost_lines.truncate(10);
    doc.replace(next).unwrap();
    check(&doc, "a replaced plan");
    // Each of these changes moved the total: a stale costing would have shown it.
    seen.dedup();
    assert!(seen.len() >= 7, "{seen:?}");
}

/// A file changed outside NAP Studio so that its totals would be wrong (a cost line of an
/// activity that is not there, a negative contingency) is refused on open with the
/// problems named, by the app and by read-only commands alike, and is left as it was.
#[test]
fn an_inconsistent_file_is_refused_on_open_with_its_problems_and_left_unchanged() {
    let dir = temp();
    let path = write_sample(dir.path());
    tamper(
        &path,
        "UPDATE cost_line SET activity_id = '00000000-0000-4000-8000-00000000dead'
           WHERE rowid = (SELECT min(rowid) FROM cost_line);
         UPDATE plan SET contingency = '-0.5';",
    );
    let before = bytes(&path);
    let refused = |r: Result<(), StoreError>, what: &str| match r {
        Ok(()) => panic!("{what}: an inconsistent file was opened"),
        Err(e) => e,
    };
    for err in [
        refused(Document::open(&path, "test").map(|_| ()), "for editing"),
        refused(
            PlanFile::open(&path, Access::ReadOnly)
                .and_then(|f| f.load())
                .map(|_| ()),
            "for reading",
        ),
    ] {
        let message = err.to_string();
        assert!(matches!(err, StoreError::Inconsistent { .. }), "{message}");
        assert!(message.contains("sample.nap"), "{message}");
        assert!(message.contains("2 problems"), "{message}");
        assert!(message.contains("contingency"), "{message}");
        assert!(
            message.contains("00000000-0000-4000-8000-00000000dead"),
            "{message}"
        );
    }
    assert!(bytes(&path) == before, "the file is left as it was");
}

/// Reading a plan (info, costs, exports, the copy being merged) writes nothing beside it:
/// no `-wal` or `-shm` file is left, so it works on a read-only medium too; a path with
/// spaces and URI characters opens all the same.
#[test]
fn reading_a_plan_leaves_nothing_beside_it() {
    let dir = temp();
    let folder = dir.path().join("USB stick 100% #2?");
    std::fs::create_dir(&folder).unwrap();
    let path = write_sample(&folder);
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(listing(), ["sample.nap"]);
    let plan = PlanFile::open(&path, Access::ReadOnly)
        .and_then(|f| f.load())
        .expect("read");
    assert_eq!(plan, sample_plan());
    assert_eq!(
        listing(),
        ["sample.nap"],
        "nothing was created beside the plan"
    );
}

/// While the plan is open for editing, a reader sees the edits already made (they are in
/// the write-ahead log, not yet in the file).
#[test]
fn a_reader_sees_the_edits_of_the_plan_open_for_editing() {
    let dir = temp();
    let path = write_sample(dir.path());
    let mut doc = Document::open(&path, "test").unwrap();
    let mut line = doc.plan().cost_lines[0].clone();
    line.note = "quoted by the venue on 3 December".into();
    doc.upsert(line.clone()).unwrap();
    let read = PlanFile::open(&path, Access::ReadOnly)
        .and_then(|f| f.load())
        .expect("read while open");
    let seen = read
        .cost_lines
        .iter()
        .find(|l| l.record.id == line.record.id)
        .unwrap();
    assert_eq!(seen.note, line.note);
    drop(doc);
}

/// A process killed while it folded a large edit from the write-ahead log into the file
/// leaves a header announcing the grown file before the file has grown. SQLite recovers
/// such a file from its log; the header check used to refuse it as truncated.
#[test]
fn a_file_caught_mid_checkpoint_with_its_log_opens_with_every_edit() {
    let dir = temp();
    let path = write_sample(dir.path());
    let copy = dir.path().join("killed.nap");
    let big = "Situation analysis. ".repeat(50_000);
    {
        // An edit that grows the file by about a megabyte, left in the log as a process
        // killed before its checkpoint leaves it.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        let before: i64 = conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        conn.execute(
            "UPDATE narrative_section SET body = ?1 WHERE rowid = (SELECT min(rowid) FROM narrative_section)",
            [&big],
        )
        .unwrap();
        let grown: i64 = conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        assert!(grown > before + 100, "{before} → {grown} pages");
        std::fs::copy(&path, &copy).unwrap();
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let mut copy_wal = copy.as_os_str().to_owned();
        copy_wal.push("-wal");
        std::fs::copy(&wal, &copy_wal).unwrap();
        // The checkpoint wrote the new header (the grown page count, valid for the current
        // change counter) and was killed before the pages.
        let mut raw = std::fs::read(&copy).unwrap();
        raw[28..32].copy_from_slice(&u32::try_from(grown).unwrap().to_be_bytes());
        let counter: [u8; 4] = raw[24..28].try_into().unwrap();
        raw[92..96].copy_from_slice(&counter);
        std::fs::write(&copy, &raw).unwrap();
        assert!((raw.len() as i64) < grown * 4096);
    }
    let doc = Document::open(&copy, "test").expect("recovered from its log");
    assert!(doc.plan().narrative.iter().any(|s| s.body.text == big));
}

/// A period altered outside NAP Studio to span thousands of years made exports allocate
/// gigabytes; such a file is refused on open, by reading commands too.
#[test]
fn an_absurd_plan_period_is_refused_on_open() {
    let dir = temp();
    let path = write_sample(dir.path());
    tamper(&path, "UPDATE plan SET start_year = -5, end_year = 100000;");
    let err = PlanFile::open(&path, Access::ReadOnly)
        .and_then(|f| f.load())
        .map(|_| ())
        .unwrap_err();
    assert!(matches!(err, StoreError::Inconsistent { .. }), "{err}");
    assert!(err.to_string().contains("plan period"), "{err}");
}

/// A plan file whose format version was cleared printed 19 KB of migration SQL; it is now
/// refused as damaged in one sentence that names the file, and left as it was.
#[test]
fn a_file_without_a_format_version_is_refused_in_one_short_sentence() {
    let dir = temp();
    let path = write_sample(dir.path());
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 0)
        .unwrap();
    let before = bytes(&path);
    for access in [Access::ReadWrite, Access::ReadOnly] {
        let err = PlanFile::open(&path, access).map(|_| ()).unwrap_err();
        let message = err.to_string();
        assert!(matches!(err, StoreError::DamagedFile { .. }), "{message}");
        assert!(
            message.contains("sample.nap") && message.len() < 300,
            "{message}"
        );
    }
    assert!(bytes(&path) == before);
}

/// A file changed outside NAP Studio (a line pointing to a missing activity, a negative
/// contingency) is refused on open; a repaired copy can be written beside it, listing each
/// change, while the original stays byte for byte as it was.
#[test]
fn a_repaired_copy_fixes_what_it_can_and_never_touches_the_original() {
    let dir = temp();
    let path = write_sample(dir.path());
    tamper(
        &path,
        "UPDATE cost_line SET activity_id = '00000000-0000-0000-0000-000000000042'
               WHERE rowid = (SELECT min(rowid) FROM cost_line);
             UPDATE plan SET contingency = '-0.05';",
    );
    let before = bytes(&path);
    let lines_before = sample_plan().cost_lines.len();
    let copy = dir.path().join("repaired.nap");
    let changes = nap_store::repair_copy(&path, &copy, false).unwrap();
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert!(bytes(&path) == before, "the original is unchanged");
    let repaired = PlanFile::open(&copy, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(repaired.cost_lines.len(), lines_before - 1);
    assert_eq!(repaired.meta.contingency, Decimal::ZERO);
    // The original is never the destination, even with --force, and an existing copy is
    // only replaced with it.
    let err = nap_store::repair_copy(&path, &path, true).unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists(_)), "{err}");
    let err = nap_store::repair_copy(&path, &copy, false).unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists(_)), "{err}");
    assert!(bytes(&path) == before);
}

/// A period no repair can guess is refused, and nothing is written.
#[test]
fn a_plan_that_cannot_be_repaired_without_guessing_writes_nothing() {
    let dir = temp();
    let path = write_sample(dir.path());
    tamper(&path, "UPDATE plan SET start_year = -5, end_year = 100000;");
    let copy = dir.path().join("repaired.nap");
    let err = nap_store::repair_copy(&path, &copy, false).unwrap_err();
    assert!(matches!(err, StoreError::Unrepairable { .. }), "{err}");
    assert!(!copy.exists());
}

/// Changing the English title of a pillar whose Khmer title was written marks the Khmer one
/// as possibly out of date, in the file too; writing the Khmer title clears the mark, and
/// undo brings each state back.
#[test]
fn a_changed_text_marks_its_translation_outdated_until_the_translation_is_edited() {
    let dir = temp();
    let path = dir.path().join("p.nap");
    PlanFile::create(&path, &sample_plan(), false).unwrap();
    let mut doc = Document::open(&path, "t").unwrap();
    let mut pillar = doc.plan().pillars[0].clone();
    assert!(pillar.title.l2.is_some() && !pillar.title.l2_outdated);
    pillar.title.text = "Participation and leadership".into();
    doc.upsert(pillar).unwrap();
    assert!(doc.plan().pillars[0].title.l2_outdated);
    drop(doc);
    assert!(
        reload(&path).pillars[0].title.l2_outdated,
        "kept in the file"
    );

    let mut doc = Document::open(&path, "t").unwrap();
    let mut pillar = doc.plan().pillars[0].clone();
    pillar.title.l2 = Some("ការចូលរួម និងភាពជាអ្នកដឹកនាំ".into());
    doc.upsert(pillar).unwrap();
    assert!(!doc.plan().pillars[0].title.l2_outdated);
    doc.undo().unwrap();
    assert!(
        doc.plan().pillars[0].title.l2_outdated,
        "undo brings the mark back"
    );
    drop(doc);
    assert!(reload(&path).pillars[0].title.l2_outdated);

    // The plan's own title, through the settings path.
    let mut doc = Document::open(&path, "t").unwrap();
    let mut meta = doc.plan().meta.clone();
    meta.title.text = "A new title".into();
    doc.set_meta(meta).unwrap();
    assert!(doc.plan().meta.title.l2_outdated);
    drop(doc);
    assert!(reload(&path).meta.title.l2_outdated);
}

/// The ids of the plan's cost lines, in the order the plan holds them.
fn line_ids(plan: &Plan) -> Vec<String> {
    plan.cost_lines
        .iter()
        .map(|l| l.record.id.to_string())
        .collect()
}

/// Records are read in the table's own order and put in the plan's order (`position`, then
/// `id`) by the store; these files hold their rows in another order than their positions.
#[test]
fn records_load_in_the_plans_order_whatever_order_the_table_holds_them_in() {
    let dir = temp();
    let path = write_sample(dir.path());
    let written = line_ids(&sample_plan());
    assert!(written.len() > 3);
    let load = |path: &Path| {
        PlanFile::open(path, Access::ReadOnly)
            .unwrap()
            .load()
            .unwrap()
    };

    // Positions reversed: the table's order is now the opposite of the plan's.
    let reversed = dir.path().join("reversed.nap");
    std::fs::copy(&path, &reversed).unwrap();
    tamper(
        &reversed,
        "UPDATE cost_line SET position = 1000000 - position;",
    );
    let mut expected = written.clone();
    expected.reverse();
    assert_eq!(line_ids(&load(&reversed)), expected);

    // Every position the same: the ids decide, as SQLite orders them.
    let tied = dir.path().join("tied.nap");
    std::fs::copy(&path, &tied).unwrap();
    tamper(&tied, "UPDATE cost_line SET position = 7;");
    let mut expected = written.clone();
    expected.sort();
    assert_eq!(line_ids(&load(&tied)), expected);

    // A position that is not a whole number (a tool outside NAP Studio wrote 0.5 more than
    // the first line's): the last line comes second.
    let halfway = dir.path().join("halfway.nap");
    std::fs::copy(&path, &halfway).unwrap();
    let last = written.last().unwrap();
    tamper(
        &halfway,
        &format!(
            "UPDATE cost_line SET position = (SELECT MIN(position) FROM cost_line) + 0.5 \
             WHERE id = '{last}';"
        ),
    );
    let mut expected = written.clone();
    let moved = expected.pop().unwrap();
    expected.insert(1, moved);
    assert_eq!(line_ids(&load(&halfway)), expected);
}

/// SQLite checks every page of a plan before it is read: a file damaged only where reading
/// the plan does not look (an index, which edits use to find a record) is refused when
/// opened for editing, and left as it is. Reading alone would not notice it.
#[test]
fn a_plan_damaged_only_in_an_index_is_refused_when_opened_for_editing() {
    let dir = temp();
    let path = write_sample(dir.path());
    let (root, page) = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let root: i64 = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'cost_line_activity'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let page: i64 = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        (
            usize::try_from(root).unwrap(),
            usize::try_from(page).unwrap(),
        )
    };
    let mut raw = bytes(&path);
    for b in &mut raw[(root - 1) * page..root * page] {
        *b = 0xA5;
    }
    std::fs::write(&path, &raw).unwrap();
    let err = Document::open(&path, "x").unwrap_err();
    assert!(
        matches!(err, StoreError::DamagedFile { .. }),
        "unexpected error: {err:?}"
    );
    assert_eq!(bytes(&path), raw, "refusing it changed it");
}
