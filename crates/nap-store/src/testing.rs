//! Test support, compiled only with the `test-support` feature: what other crates' tests
//! need to damage a plan file without depending on SQLite themselves.

use std::path::Path;

use crate::StoreError;

/// Runs `sql` on the plan file at `path` with no check of any kind (foreign keys off, no
/// validation, no backup): the way a tool outside NAP Studio could change the file.
pub fn tamper(path: &Path, sql: &str) -> Result<(), StoreError> {
    let conn = rusqlite::Connection::open(path)?;
    conn.execute_batch("PRAGMA foreign_keys = OFF;")?;
    conn.execute_batch(sql)?;
    Ok(())
}
