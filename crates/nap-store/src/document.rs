//! An open plan: the plan in memory and its file, kept equal edit by edit.

use crate::error::StoreError;
use crate::file::{Access, PlanFile};
use nap_core::costing::{Costing, CostingError};
use nap_core::text::flag_outdated_translations;
use nap_core::{
    validate, validate_replaced, CostLine, Id, NamedVersion, Plan, PlanMeta, Record, RecordKind,
    RecordMeta, Timestamp,
};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The current time as a [`Timestamp`].
pub fn now() -> Timestamp {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    Timestamp::from_unix_millis(millis)
}

/// How many edits can be undone; older ones are forgotten first.
pub const UNDO_LIMIT: usize = 500;

/// One record as it was or became: where it stood in its list and its stored form.
#[derive(Debug, Clone)]
struct RecordState {
    position: usize,
    value: serde_json::Value,
}

/// What one edit changed, enough to put it back or do it again.
#[derive(Debug, Clone)]
enum Change {
    Record {
        kind: RecordKind,
        id: Id,
        before: Option<RecordState>,
        after: Option<RecordState>,
    },
    Meta {
        before: Box<PlanMeta>,
        after: Box<PlanMeta>,
    },
}

/// One undoable edit.
#[derive(Debug, Clone)]
struct Step {
    label: UndoLabel,
    changes: Vec<Change>,
}

/// What an undoable edit did, for "Undo …" in the interface.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UndoLabel {
    /// `add`, `edit`, `delete` or `settings`.
    pub action: String,
    /// The record kind's name (`cost_line`, …), or `plan` for the plan's settings.
    pub kind: String,
}

/// A plan being edited. Every edit is validated against the whole plan first, then written
/// in its own transaction; if either fails, neither the file nor the plan in memory changes.
/// Edits made through the document can be undone and redone while it is open (the history
/// lives in memory, not in the file).
#[derive(Debug)]
pub struct Document {
    file: PlanFile,
    plan: TrackedPlan,
    /// The costing of the plan in its base currency at a revision, kept until the plan
    /// changes: screens read it far more often than the plan is edited.
    costing: Mutex<Option<(u64, Arc<Costing>)>>,
    author: String,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// For a copy sent for one agency's part: that agency (id, and name for messages).
    /// Edits outside its part are refused, since the merge back would refuse them anyway.
    scope: Option<(Id, String)>,
    /// True when a merge lies under the undo history: once every later edit is undone, Undo
    /// undoes the merge itself (through `sharing::undo_merge`, which checks nothing was
    /// changed since).
    merge_below: bool,
}

/// The open plan and its revision, which every change bumps. Reading goes through `Deref`;
/// changing needs [`TrackedPlan::edit`] or [`TrackedPlan::set`], so no change can leave the
/// revision (and the costing cached for it) behind.
#[derive(Debug)]
struct TrackedPlan {
    plan: Plan,
    revision: u64,
}

impl TrackedPlan {
    /// The plan, to change; counts as a change.
    fn edit(&mut self) -> &mut Plan {
        self.revision += 1;
        &mut self.plan
    }

    /// Replaces the plan, returning the one it replaces.
    fn set(&mut self, plan: Plan) -> Plan {
        self.revision += 1;
        std::mem::replace(&mut self.plan, plan)
    }
}

impl std::ops::Deref for TrackedPlan {
    type Target = Plan;
    fn deref(&self) -> &Plan {
        &self.plan
    }
}

fn state_of<T: Record>(plan: &Plan, id: Id) -> Result<Option<RecordState>, StoreError> {
    T::list(plan)
        .iter()
        .position(|r| r.meta().id == id)
        .map(|position| {
            serde_json::to_value(&T::list(plan)[position])
                .map(|value| RecordState { position, value })
                .map_err(|e| StoreError::Mapping(e.to_string()))
        })
        .transpose()
}

/// Puts `record` at `position` of `list` (returning the record it replaces) or, without a
/// position, at the end.
fn put<T>(list: &mut Vec<T>, position: Option<usize>, record: T) -> Option<T> {
    match position {
        Some(i) => Some(std::mem::replace(&mut list[i], record)),
        None => {
            list.push(record);
            None
        }
    }
}

/// Puts record `id` of `kind` in `plan` as `state` says: removed when `None`, otherwise at
/// its position (or the end of its list, if the list is now shorter).
fn restore(
    plan: &mut Plan,
    kind: RecordKind,
    id: Id,
    state: Option<&RecordState>,
) -> Result<(), StoreError> {
    nap_core::with_record_type!(kind, T => {
        let list = T::list_mut(plan);
        if let Some(i) = list.iter().position(|r| r.meta().id == id) {
            list.remove(i);
        }
        if let Some(s) = state {
            let record: T = serde_json::from_value(s.value.clone())
                .map_err(|e| StoreError::Mapping(e.to_string()))?;
            list.insert(s.position.min(list.len()), record);
        }
        Ok(())
    })
}

impl Document {
    /// Opens `path` for editing; `author` (agency or installation) is recorded on each edit.
    pub fn open(path: &Path, author: &str) -> Result<Self, StoreError> {
        Self::open_with(path, author, Access::ReadWrite)
    }

    /// Opens `path` to read and export only (a file on a read-only medium or without write
    /// permission): nothing is written beside it, and every edit is refused as read-only.
    pub fn open_read_only(path: &Path, author: &str) -> Result<Self, StoreError> {
        Self::open_with(path, author, Access::ReadOnly)
    }

    /// Whether the plan was opened to read only (see [`Document::open_read_only`]).
    pub fn is_read_only(&self) -> bool {
        self.file.access() == Access::ReadOnly
    }

    fn open_with(path: &Path, author: &str, access: Access) -> Result<Self, StoreError> {
        let file = PlanFile::open(path, access)?;
        let plan = file.load()?;
        let scope = crate::sharing::copy_info(&file)?
            .and_then(|info| info.scope_agency_id)
            .map(|id| {
                let name = plan
                    .agencies
                    .iter()
                    .find(|a| a.record.id == id)
                    .map_or_else(|| id.to_string(), |a| a.name.text.clone());
                (id, name)
            });
        Ok(Self {
            file,
            plan: TrackedPlan { plan, revision: 0 },
            costing: Mutex::new(None),
            author: author.to_string(),
            undo: Vec::new(),
            redo: Vec::new(),
            scope,
            merge_below: false,
        })
    }

    /// The agency whose part this copy was sent for, if it is a scoped copy.
    pub fn scope_agency(&self) -> Option<Id> {
        self.scope.as_ref().map(|(id, _)| *id)
    }

    /// The name of the agency whose part this copy was sent for, if it is a scoped copy.
    pub fn scope_agency_name(&self) -> Option<&str> {
        self.scope.as_ref().map(|(_, name)| name.as_str())
    }

    /// Refuses a change of record `id` (existing before and/or after as the flags say) that
    /// leaves a scoped copy's part, judged as the merge back will judge it.
    fn check_scope(
        &self,
        kind: &str,
        next: &Plan,
        id: Option<Id>,
        existed_before: bool,
        exists_after: bool,
    ) -> Result<(), StoreError> {
        let Some((agency, name)) = &self.scope else {
            return Ok(());
        };
        let inside = id.is_some_and(|id| {
            nap_core::merge::Part::between(&self.plan, next, *agency).allows(
                id,
                existed_before,
                exists_after,
            )
        });
        if inside {
            Ok(())
        } else {
            Err(StoreError::OutsideScope {
                kind: kind.to_string(),
                agency: name.clone(),
            })
        }
    }

    fn remember(&mut self, action: &str, kind: &str, changes: Vec<Change>) {
        if self.undo.len() == UNDO_LIMIT {
            self.undo.remove(0);
            // The merge is no longer right below the oldest step kept.
            self.merge_below = false;
        }
        self.undo.push(Step {
            label: UndoLabel {
                action: action.to_string(),
                kind: kind.to_string(),
            },
            changes,
        });
        self.redo.clear();
    }

    /// What [`Document::undo`] would undo, if anything (action `merge` when it would undo a
    /// merge).
    pub fn undo_label(&self) -> Option<UndoLabel> {
        match self.undo.last() {
            Some(step) => Some(step.label.clone()),
            None if self.merge_below => Some(UndoLabel {
                action: "merge".into(),
                kind: "plan".into(),
            }),
            None => None,
        }
    }

    /// What [`Document::redo`] would redo, if anything.
    pub fn redo_label(&self) -> Option<UndoLabel> {
        self.redo.last().map(|s| s.label.clone())
    }

    /// Undoes the last edit made through this document, in one transaction. Returns what
    /// was undone, or `None` when there is nothing to undo. With every edit since a merge
    /// undone, undoes the merge.
    pub fn undo(&mut self) -> Result<Option<UndoLabel>, StoreError> {
        if self.undo.is_empty() && self.merge_below {
            let label = self.undo_label();
            crate::sharing::undo_merge(self)?;
            return Ok(label);
        }
        self.replay(false)
    }

    /// Redoes the last undone edit, in one transaction.
    pub fn redo(&mut self) -> Result<Option<UndoLabel>, StoreError> {
        self.replay(true)
    }

    /// Moves the top step of one stack to the other, applying it backward (undo) or forward
    /// (redo). A step that cannot be applied stays where it was.
    fn replay(&mut self, forward: bool) -> Result<Option<UndoLabel>, StoreError> {
        let from = if forward {
            &mut self.redo
        } else {
            &mut self.undo
        };
        let Some(step) = from.pop() else {
            return Ok(None);
        };
        let applied = self.apply_step(&step, forward);
        let label = step.label.clone();
        let (to, back) = if forward {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        match applied {
            Ok(()) => {
                to.push(step);
                Ok(Some(label))
            }
            Err(e) => {
                back.push(step);
                Err(e)
            }
        }
    }

    /// Puts every record `step` touched back as it was (`forward` false) or as the step
    /// left it (`forward` true), validated and written in one transaction.
    fn apply_step(&mut self, step: &Step, forward: bool) -> Result<(), StoreError> {
        let mut next = self.plan.clone();
        let ordered: Box<dyn Iterator<Item = &Change>> = if forward {
            Box::new(step.changes.iter())
        } else {
            Box::new(step.changes.iter().rev())
        };
        // Every record the step touched is taken out first, then put back in order of its
        // position, so that a step moving several records of one list (a reorder) restores
        // the list exactly; the records it did not touch keep their order between them.
        let mut put_back: Vec<(RecordKind, Id, &RecordState)> = Vec::new();
        for change in ordered {
            match change {
                Change::Record {
                    kind,
                    id,
                    before,
                    after,
                } => {
                    restore(&mut next, *kind, *id, None)?;
                    if let Some(state) = if forward { after } else { before } {
                        put_back.push((*kind, *id, state));
                    }
                }
                Change::Meta { before, after } => {
                    next.meta = if forward { after } else { before }.as_ref().clone();
                }
            }
        }
        put_back.sort_by_key(|(_, _, state)| state.position);
        for (kind, id, state) in put_back {
            restore(&mut next, kind, id, Some(state))?;
        }
        let errors = validate(&next);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        self.file.write_changes(&self.plan, &next)?;
        self.plan.set(next);
        Ok(())
    }

    /// The plan as it is in the file.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The costing of the plan in its base currency. Computed once per revision and shared
    /// until the plan changes, so that screens reading it (the grid fetching rows as it
    /// scrolls) do not cost the whole plan again each time. The costing of an earlier
    /// revision that no one else holds lends its memory to the new one.
    pub fn costing(&self) -> Result<Arc<Costing>, CostingError> {
        let mut cached = self
            .costing
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((revision, costing)) = cached.as_ref() {
            if *revision == self.plan.revision {
                return Ok(Arc::clone(costing));
            }
        }
        let outdated = cached.take().and_then(|(_, c)| Arc::try_unwrap(c).ok());
        let costing = Arc::new(match outdated {
            Some(outdated) => nap_core::costing::compute_again(&self.plan, None, outdated)?,
            None => nap_core::costing::compute(&self.plan, None)?,
        });
        *cached = Some((self.plan.revision, Arc::clone(&costing)));
        Ok(costing)
    }

    /// After the record at `index` of its list replaced `old`: when that was a cost line and
    /// the costing of the plan before (`revision`) is kept and shared with no one, the line
    /// is costed again in it ([`Costing::replace_line`]) and it is kept for the plan as it is
    /// now; a cell edit then costs the same on a plan of any size. Otherwise the costing is
    /// made anew when next asked for.
    fn recost_replaced<T: Record>(&mut self, revision: u64, index: usize, old: &T) {
        let Some(old) = (old as &dyn std::any::Any).downcast_ref::<CostLine>() else {
            return;
        };
        let cached = self
            .costing
            .get_mut()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some((costed, mut costing)) = cached.take() else {
            return;
        };
        if costed != revision {
            return;
        }
        if let Some(c) = Arc::get_mut(&mut costing) {
            if c.replace_line(&self.plan, index, old, &self.plan.cost_lines[index]) {
                *cached = Some((self.plan.revision, costing));
            }
        }
    }

    /// The underlying file.
    pub fn file(&self) -> &PlanFile {
        &self.file
    }

    pub(crate) fn file_mut(&mut self) -> &mut PlanFile {
        &mut self.file
    }

    /// After a merge (`merged` true) or its undo: the undo history of single edits ends
    /// there; a merge is undone as a whole, by `undo_merge` or by [`Document::undo`] once
    /// the edits made after it are undone.
    pub(crate) fn set_plan(&mut self, plan: Plan, merged: bool) {
        self.plan.set(plan);
        self.undo.clear();
        self.redo.clear();
        self.merge_below = merged;
    }

    fn stamp(&self, meta: &mut RecordMeta, existing: Option<&RecordMeta>) {
        let now = now();
        meta.created = existing.map_or_else(|| now.clone(), |m| m.created.clone());
        meta.modified = now;
        meta.modified_by = self.author.clone();
    }

    /// Adds `record` (at the end of its list) or replaces the record with the same id (in
    /// place), stamping it with the author and time. Returns the stored record.
    pub fn upsert<T: Record + 'static>(&mut self, mut record: T) -> Result<T, StoreError> {
        let id = record.meta().id;
        let position = T::list(&self.plan).iter().position(|r| r.meta().id == id);
        let existing = position.map(|i| T::list(&self.plan)[i].meta().clone());
        self.stamp(record.meta_mut(), existing.as_ref());
        if let Some(i) = position {
            flag_outdated_translations(&T::list(&self.plan)[i], &mut record);
        }
        if self.scope.is_some() {
            // A copy's part is judged between the plan before and after the edit.
            let mut next = self.plan.clone();
            put(T::list_mut(&mut next), position, record.clone());
            self.check_scope(T::KIND.name(), &next, Some(id), position.is_some(), true)?;
        }
        let before = state_of::<T>(&self.plan, id)?;
        let costed_revision = self.plan.revision;
        // The edit is tried on the plan itself and taken back if it is refused: on the large
        // plan a copy to try it on costs as much as validating it. Invariant: when this
        // returns an error, the plan is as it was.
        let replaced = put(T::list_mut(self.plan.edit()), position, record.clone());
        // The plan was valid before the edit, so a replaced record needs only the checks it
        // can break; a new one (its id must be unique) gets the whole validation.
        let errors = match position {
            Some(_) => validate_replaced(&self.plan, &record),
            None => validate(&self.plan),
        };
        let saved = if errors.is_empty() {
            self.file.write_record(&record)
        } else {
            Err(StoreError::Invalid(errors))
        };
        if let Err(e) = saved {
            let list = T::list_mut(self.plan.edit());
            match (position, replaced) {
                (Some(i), Some(old)) => list[i] = old,
                _ => {
                    list.pop();
                }
            }
            return Err(e);
        }
        if let (Some(i), Some(old)) = (position, &replaced) {
            self.recost_replaced(costed_revision, i, old);
        }
        let after = state_of::<T>(&self.plan, id)?;
        let action = if before.is_some() { "edit" } else { "add" };
        self.remember(
            action,
            T::KIND.name(),
            vec![Change::Record {
                kind: T::KIND,
                id,
                before,
                after,
            }],
        );
        Ok(record)
    }

    /// One undoable edit that changes several records at once (moving a result and
    /// renumbering the codes under it): every record of `next` that differs from the plan
    /// (added, changed, moved in its list or deleted) is stamped with the author and time,
    /// checked against a scoped copy's part, validated with the whole plan and written in one
    /// transaction. `action` and `kind` label it for Undo. Plan settings are not changed
    /// this way (see [`Document::set_meta`]). Returns the number of records changed.
    pub fn edit_many(&mut self, next: Plan, action: &str, kind: &str) -> Result<usize, StoreError> {
        self.edit_plan(next, action, kind, false)
    }

    /// [`Document::edit_many`], and with `with_meta` the plan's metadata and settings too
    /// (a restore brings back the title and settings as they were).
    fn edit_plan(
        &mut self,
        mut next: Plan,
        action: &str,
        kind: &str,
        with_meta: bool,
    ) -> Result<usize, StoreError> {
        let mut changes = Vec::new();
        // What the user is told changed: records added, deleted or changed, and those moved
        // in their list. A record that only shifted because one before it was added or
        // deleted is written (its position changed) but not counted.
        let mut counted = 0;
        if with_meta && next.meta != self.plan.meta {
            let existing = self.plan.meta.record.clone();
            self.stamp(&mut next.meta.record, Some(&existing));
            self.check_scope("plan", &next, None, true, true)?;
            changes.push(Change::Meta {
                before: Box::new(self.plan.meta.clone()),
                after: Box::new(next.meta.clone()),
            });
            counted += 1;
        } else {
            next.meta = self.plan.meta.clone();
        }
        for record_kind in RecordKind::ALL {
            nap_core::with_record_type!(record_kind, T => {
                let old: std::collections::HashMap<Id, (usize, &T)> = T::list(&self.plan)
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (r.meta().id, (i, r)))
                    .collect();
                let mut touched: Vec<(Id, bool)> = Vec::new();
                // The old positions of the records kept unchanged, in their new order.
                let mut unchanged_order: Vec<usize> = Vec::new();
                for (i, r) in T::list_mut(&mut next).iter_mut().enumerate() {
                    let id = r.meta().id;
                    if let Some((j, _)) = old.get(&id).filter(|(_, o)| *o == &*r) {
                        unchanged_order.push(*j);
                    }
                    match old.get(&id) {
                        Some((j, o)) if *o == &*r && *j == i => {}
                        Some((_, o)) => {
                            if *o != &*r {
                                counted += 1;
                                let existing = o.meta().clone();
                                self.stamp(r.meta_mut(), Some(&existing));
                                // A restore brings texts back as they were, flags included.
                                if !with_meta {
                                    flag_outdated_translations(*o, r);
                                }
                            }
                            touched.push((id, true));
                        }
                        None => {
                            self.stamp(r.meta_mut(), None);
                            touched.push((id, false));
                            counted += 1;
                        }
                    }
                }
                counted += moved_unchanged(&unchanged_order);
                let kept: std::collections::HashSet<Id> =
                    T::list(&next).iter().map(|r| r.meta().id).collect();
                for &id in old.keys().filter(|id| !kept.contains(id)) {
                    counted += 1;
                    self.check_scope(T::KIND.name(), &next, Some(id), true, false)?;
                    changes.push(Change::Record {
                        kind: T::KIND,
                        id,
                        before: state_of::<T>(&self.plan, id)?,
                        after: None,
                    });
                }
                for (id, existed) in touched {
                    self.check_scope(T::KIND.name(), &next, Some(id), existed, true)?;
                    changes.push(Change::Record {
                        kind: T::KIND,
                        id,
                        before: state_of::<T>(&self.plan, id)?,
                        after: state_of::<T>(&next, id)?,
                    });
                }
                Ok::<(), StoreError>(())
            })?;
        }
        if changes.is_empty() {
            return Ok(0);
        }
        let errors = validate(&next);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        self.file.write_changes(&self.plan, &next)?;
        self.plan.set(next);
        self.remember(action, kind, changes);
        Ok(counted)
    }

    /// Makes the plan `next`, validated first, writing only what differs, in one transaction.
    /// Used for changes that touch many records at once (imports, merges), which have their
    /// own way back (undo-merge, the backup kept by an import): the undo history of single
    /// edits ends here, since its steps no longer describe the plan.
    pub fn replace(&mut self, next: Plan) -> Result<(), StoreError> {
        let errors = validate(&next);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        self.file.write_changes(&self.plan, &next)?;
        self.plan.set(next);
        self.undo.clear();
        self.redo.clear();
        self.merge_below = false;
        Ok(())
    }

    /// The author recorded on edits.
    pub fn author(&self) -> &str {
        &self.author
    }

    /// Records later edits under `author` (the user changed their agency's name).
    pub fn set_author(&mut self, author: &str) {
        self.author = author.to_string();
    }

    /// Replaces the plan metadata and settings.
    pub fn set_meta(&mut self, mut meta: PlanMeta) -> Result<(), StoreError> {
        let existing = self.plan.meta.record.clone();
        self.stamp(&mut meta.record, Some(&existing));
        flag_outdated_translations(&self.plan.meta, &mut meta);
        let mut next = self.plan.clone();
        next.meta = meta;
        self.check_scope("plan", &next, None, true, true)?;
        let errors = validate(&next);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        self.file.write_meta(&next.meta)?;
        let before = Box::new(self.plan.set(next).meta);
        let after = Box::new(self.plan.meta.clone());
        self.remember("settings", "plan", vec![Change::Meta { before, after }]);
        Ok(())
    }

    /// Deletes the record `id` of kind `T`. Refused, with nothing changed, while other
    /// records refer to it.
    pub fn delete<T: Record>(&mut self, id: Id) -> Result<(), StoreError> {
        let Some(i) = T::list(&self.plan).iter().position(|r| r.meta().id == id) else {
            return Err(StoreError::RecordNotFound { kind: T::KIND, id });
        };
        if self.scope.is_some() {
            let mut next = self.plan.clone();
            T::list_mut(&mut next).remove(i);
            self.check_scope(T::KIND.name(), &next, Some(id), true, false)?;
        }
        let before = state_of::<T>(&self.plan, id)?;
        // Tried in place and put back if refused, as in `upsert`.
        let removed = T::list_mut(self.plan.edit()).remove(i);
        let deleted = if validate(&self.plan).is_empty() {
            self.file.delete_record(T::KIND, id)
        } else {
            Err(StoreError::StillReferenced { kind: T::KIND, id })
        };
        if let Err(e) = deleted {
            T::list_mut(self.plan.edit()).insert(i, removed);
            return Err(e);
        }
        // Its snapshot went with it, which undo could not bring back: deleting a version
        // is final, as saving one is not an undoable edit either.
        if T::KIND == RecordKind::Version {
            return Ok(());
        }
        self.remember(
            "delete",
            T::KIND.name(),
            vec![Change::Record {
                kind: T::KIND,
                id,
                before,
                after: None,
            }],
        );
        Ok(())
    }

    /// Saves the plan as it is now as the named version `version` (its snapshot kept in
    /// the file, to compare and restore). Not an undoable edit: a version marks the plan,
    /// it does not change it, and the later edits' undo steps never touch versions.
    pub fn save_version(&mut self, mut version: NamedVersion) -> Result<NamedVersion, StoreError> {
        self.stamp(&mut version.record, None);
        let id = version.record.id;
        let mut next = self.plan.clone();
        next.versions.push(version.clone());
        self.check_scope(RecordKind::Version.name(), &next, Some(id), false, true)?;
        let errors = validate(&next);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let snapshot = nap_core::interchange::to_json(&self.plan);
        self.file.write_version(&version, &snapshot)?;
        self.plan.set(next);
        Ok(version)
    }

    /// The plan as it was when version `id` was saved; `None` when this file has no
    /// snapshot of it (a version that came in with a merged copy).
    pub fn version_snapshot(&self, id: Id) -> Result<Option<Plan>, StoreError> {
        self.file.read_snapshot(id)
    }

    /// Makes the plan what version `id` held (records, title and settings), keeping every
    /// named version, as one undoable edit. Returns the number of records and settings
    /// changed.
    pub fn restore_version(&mut self, id: Id) -> Result<usize, StoreError> {
        let Some(mut next) = self.file.read_snapshot(id)? else {
            return Err(StoreError::RecordNotFound {
                kind: RecordKind::Version,
                id,
            });
        };
        next.versions = self.plan.versions.clone();
        self.edit_plan(next, "restore", RecordKind::Version.name(), true)
    }

    /// Which kind of record `id` is, if any.
    pub fn kind_of(&self, id: Id) -> Option<RecordKind> {
        nap_core::record::kind_of(&self.plan, id)
    }
}

/// How many of the records kept unchanged moved in their list, given their old positions in
/// their new order: those outside a longest run of rising old positions (the fewest moves
/// that give the new order). Records that only shifted because others were added, deleted
/// or changed keep rising and do not count (a changed record is counted as changed).
fn moved_unchanged(old_positions: &[usize]) -> usize {
    // Patience sorting: `tails[k]` is the smallest old position ending a rising run of
    // length k + 1; the number of tails is the longest run's length.
    let mut tails: Vec<usize> = Vec::new();
    for &old in old_positions {
        let k = tails.partition_point(|&t| t < old);
        if k == tails.len() {
            tails.push(old);
        } else {
            tails[k] = old;
        }
    }
    old_positions.len() - tails.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    /// Whether the document keeps a costing for the plan as it is now.
    fn costed_now(doc: &Document) -> bool {
        let cached = doc.costing.lock().unwrap_or_else(|p| p.into_inner());
        cached
            .as_ref()
            .is_some_and(|(r, _)| *r == doc.plan.revision)
    }

    #[test]
    fn only_records_moved_in_their_list_count_as_moved() {
        assert_eq!(moved_unchanged(&[]), 0);
        assert_eq!(moved_unchanged(&[0, 1, 2, 3]), 0, "nothing moved");
        assert_eq!(moved_unchanged(&[0, 2, 3]), 0, "the one at 1 was deleted");
        assert_eq!(moved_unchanged(&[1, 2, 3, 4, 0]), 1, "the first went last");
        assert_eq!(moved_unchanged(&[1, 0, 2]), 1, "two swapped");
        assert_eq!(moved_unchanged(&[3, 2, 1, 0]), 3, "reversed");
    }

    #[test]
    fn a_quantity_edit_keeps_the_costing_and_a_shared_one_is_left_to_be_made_anew() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("plan.nap");
        PlanFile::create(&path, &nap_core::sample::sample_plan(), false).expect("create");
        let mut doc = Document::open(&path, "MOWA").expect("open");
        let edit = |doc: &mut Document, quantity: i64| {
            let mut line = doc.plan().cost_lines[7].clone();
            line.quantities.insert(2027, Decimal::from(quantity));
            doc.upsert(line).expect("edit");
        };
        drop(doc.costing().expect("costs"));
        edit(&mut doc, 12);
        assert!(
            costed_now(&doc),
            "the line was costed again in the kept costing"
        );

        let held = doc.costing().expect("costs");
        let year = held.year_index(2027).expect("a plan year");
        let shown = held.amount(7, year);
        edit(&mut doc, 13);
        assert!(!costed_now(&doc), "a costing in use elsewhere is made anew");
        assert_eq!(
            held.amount(7, year),
            shown,
            "and is not changed under its reader"
        );
        assert_ne!(doc.costing().expect("costs").amount(7, year), shown);
    }
}
