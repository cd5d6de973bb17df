//! A repaired copy of a plan file whose plan breaks its own rules. The original is only
//! read (it may be evidence of what went wrong, or the only copy); the repair is written to a
//! new file, and what it changed is returned for the person to read.

use crate::error::StoreError;
use crate::file::{Access, PlanFile};
use nap_core::repair::{repair, RepairChange};
use std::path::Path;

/// Writes to `dest` the plan of `source` repaired (see [`nap_core::repair`]) and returns
/// what was changed; `source` is opened read-only and never written.
///
/// The copy is a plan on its own: the history of merges and the record of copies sent,
/// which belong to the original file, are not carried over. A `dest` that exists is refused
/// unless `overwrite`, and the source itself is always refused as `dest`. A plan that needs
/// no repair is copied unchanged (an empty list).
pub fn repair_copy(
    source: &Path,
    dest: &Path,
    overwrite: bool,
) -> Result<Vec<RepairChange>, StoreError> {
    let file = PlanFile::open(source, Access::ReadOnly)?;
    if same_file(source, dest) {
        return Err(StoreError::AlreadyExists(dest.to_path_buf()));
    }
    let plan = file.load_unvalidated()?;
    drop(file);
    let repaired = repair(&plan).map_err(|problems| StoreError::Unrepairable {
        path: source.to_path_buf(),
        problems,
    })?;
    PlanFile::create(dest, &repaired.plan, overwrite)?;
    Ok(repaired.changes)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
