//! An open plan: the plan in memory and its file, kept equal edit by edit.

use crate::error::StoreError;
use crate::file::{Access, PlanFile};
use nap_core::{validate, Id, Plan, PlanMeta, Record, RecordKind, RecordMeta, Timestamp};
use std::path::Path;

/// The current time as a [`Timestamp`].
pub fn now() -> Timestamp {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    Timestamp::from_unix_millis(millis)
}

/// A plan being edited. Every edit is validated against the whole plan first, then written
/// in its own transaction; if either fails, neither the file nor the plan in memory changes.
#[derive(Debug)]
pub struct Document {
    file: PlanFile,
    plan: Plan,
    author: String,
}

impl Document {
    /// Opens `path` for editing; `author` (agency or installation) is recorded on each edit.
    pub fn open(path: &Path, author: &str) -> Result<Self, StoreError> {
        let file = PlanFile::open(path, Access::ReadWrite)?;
        let plan = file.load()?;
        Ok(Self {
            file,
            plan,
            author: author.to_string(),
        })
    }

    /// The plan as it is in the file.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The underlying file.
    pub fn file(&self) -> &PlanFile {
        &self.file
    }

    pub(crate) fn file_mut(&mut self) -> &mut PlanFile {
        &mut self.file
    }

    pub(crate) fn set_plan(&mut self, plan: Plan) {
        self.plan = plan;
    }

    fn stamp(&self, meta: &mut RecordMeta, existing: Option<&RecordMeta>) {
        let now = now();
        meta.created = existing.map_or_else(|| now.clone(), |m| m.created.clone());
        meta.modified = now;
        meta.modified_by = self.author.clone();
    }

    /// Adds `record` (at the end of its list) or replaces the record with the same id (in
    /// place), stamping it with the author and time. Returns the stored record.
    pub fn upsert<T: Record>(&mut self, mut record: T) -> Result<T, StoreError> {
        let id = record.meta().id;
        let position = T::list(&self.plan).iter().position(|r| r.meta().id == id);
        let existing = position.map(|i| T::list(&self.plan)[i].meta().clone());
        self.stamp(record.meta_mut(), existing.as_ref());
        let mut next = self.plan.clone();
        let list = T::list_mut(&mut next);
        match position {
            Some(i) => list[i] = record.clone(),
            None => list.push(record.clone()),
        }
        let errors = validate(&next);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        self.file.write_record(&record)?;
        self.plan = next;
        Ok(record)
    }

    /// Makes the plan `next`, validated first, writing only what differs, in one transaction.
    /// Used for changes that touch many records at once (imports, merges).
    pub fn replace(&mut self, next: Plan) -> Result<(), StoreError> {
        let errors = validate(&next);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        self.file.write_changes(&self.plan, &next)?;
        self.plan = next;
        Ok(())
    }

    /// The author recorded on edits.
    pub fn author(&self) -> &str {
        &self.author
    }

    /// Replaces the plan metadata and settings.
    pub fn set_meta(&mut self, mut meta: PlanMeta) -> Result<(), StoreError> {
        let existing = self.plan.meta.record.clone();
        self.stamp(&mut meta.record, Some(&existing));
        let mut next = self.plan.clone();
        next.meta = meta;
        let errors = validate(&next);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        self.file.write_meta(&next.meta)?;
        self.plan = next;
        Ok(())
    }

    /// Deletes the record `id` of kind `T`. Refused, with nothing changed, while other
    /// records refer to it.
    pub fn delete<T: Record>(&mut self, id: Id) -> Result<(), StoreError> {
        let Some(i) = T::list(&self.plan).iter().position(|r| r.meta().id == id) else {
            return Err(StoreError::RecordNotFound { kind: T::KIND, id });
        };
        let mut next = self.plan.clone();
        T::list_mut(&mut next).remove(i);
        if !validate(&next).is_empty() {
            return Err(StoreError::StillReferenced { kind: T::KIND, id });
        }
        self.file.delete_record(T::KIND, id)?;
        self.plan = next;
        Ok(())
    }

    /// Which kind of record `id` is, if any.
    pub fn kind_of(&self, id: Id) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|&k| {
            nap_core::with_record_type!(k, T => T::list(&self.plan).iter().any(|r| r.meta().id == id))
        })
    }
}
