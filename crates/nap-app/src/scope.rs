//! The one rule of a copy sent for one agency's part: what lies outside that part is shown
//! but read-only. The store refuses edits outside the part ([`nap_store::StoreError::OutsideScope`]);
//! this module tells the screens which rows to grey out, so that both follow the same
//! [`Scope`].

use nap_core::merge::Scope;
use nap_core::Id;
use nap_store::Document;

/// What the open plan lets its user change: everything, or one agency's part.
pub struct ScopeLock {
    /// The agency of a scoped copy and the records of its part; `None` for a whole plan.
    part: Option<(Id, Scope)>,
}

impl ScopeLock {
    /// The lock of `doc`: none for a whole plan.
    pub fn of(doc: &Document) -> Self {
        Self {
            part: doc
                .scope_agency()
                .map(|agency| (agency, Scope::of_agency(doc.plan(), agency))),
        }
    }

    /// Whether the record `id` is read-only here (outside the copy's part).
    pub fn locks(&self, id: Id) -> bool {
        self.part
            .as_ref()
            .is_some_and(|(_, part)| !part.contains(id))
    }

    /// Whether another agency's operational plan is read-only here: only the copy's own
    /// agency's plan can be edited in a scoped copy.
    pub fn locks_agency(&self, agency: Id) -> bool {
        self.part.as_ref().is_some_and(|(own, _)| *own != agency)
    }

    /// Whether the plan-wide settings (rates, inflation, contingency, names) are read-only:
    /// they are in every scoped copy, since they change every agency's costs.
    pub fn locks_plan_settings(&self) -> bool {
        self.part.is_some()
    }
}
