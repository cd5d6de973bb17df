//! Checks of a file's SQLite header, made by reading bytes, before SQLite touches the file.
//!
//! Reading the header ourselves lets us refuse foreign, truncated and newer files without
//! opening them as databases, so that refusing a file can never change it.

use crate::error::StoreError;
use crate::schema::{APPLICATION_ID, SCHEMA_VERSION};
use std::io::Read;
use std::path::Path;

const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the header says about a file that looks like one of our plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub schema_version: u32,
    pub page_size: u64,
}

fn be32(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// Reads and checks the header of `path`.
pub fn check(path: &Path) -> Result<Header, StoreError> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::NotFound(path.to_path_buf()))
        }
        Err(e) => return Err(StoreError::io(path, e)),
    };
    let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
    if meta.is_dir() {
        return Err(StoreError::NotAPlan {
            path: path.to_path_buf(),
            reason: "it is a folder".into(),
        });
    }
    let len = meta.len();
    let mut head = Vec::with_capacity(100);
    file.by_ref()
        .take(100)
        .read_to_end(&mut head)
        .map_err(|e| StoreError::io(path, e))?;
    let not_a_plan = |reason: &str| StoreError::NotAPlan {
        path: path.to_path_buf(),
        reason: reason.into(),
    };
    if len == 0 {
        return Err(not_a_plan("the file is empty"));
    }
    if head.len() < 16 || &head[..16] != MAGIC {
        return Err(not_a_plan("it is not an SQLite database"));
    }
    if head.len() < 100 {
        return Err(StoreError::Truncated {
            path: path.to_path_buf(),
            expected: 100,
            actual: len,
        });
    }
    let application_id = be32(&head, 68);
    if application_id != APPLICATION_ID {
        return Err(if application_id == 0 {
            not_a_plan("it is an SQLite database without NAP Studio's mark")
        } else {
            StoreError::ForeignDatabase {
                path: path.to_path_buf(),
                application_id,
            }
        });
    }
    let schema_version = be32(&head, 60);
    if schema_version == 0 {
        // NAP Studio's mark but no file format: every plan file has one from its creation,
        // so the file was changed by something else.
        return Err(StoreError::DamagedFile {
            path: path.to_path_buf(),
            detail: "it has NAP Studio's mark but no file format version".into(),
        });
    }
    if schema_version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: schema_version,
            supported: SCHEMA_VERSION,
        });
    }
    let raw_page_size = u16::from_be_bytes([head[16], head[17]]);
    let page_size: u64 = if raw_page_size == 1 {
        65_536
    } else {
        u64::from(raw_page_size)
    };
    if !(512..=65_536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(StoreError::DamagedFile {
            path: path.to_path_buf(),
            detail: format!("invalid page size {page_size}"),
        });
    }
    // The in-header page count is valid when the change counter matches
    // "version-valid-for" (SQLite file format, section 1.3.7).
    // A process killed while it checkpointed a large edit from the write-ahead log into the
    // file leaves a header that already announces the grown file, and the file not yet
    // grown: SQLite recovers it from the log beside it, so that is no truncation (its own
    // integrity check, run next, has the last word).
    let recoverable = has_wal(path);
    if be32(&head, 24) == be32(&head, 92) && !recoverable {
        let expected = u64::from(be32(&head, 28)) * page_size;
        if len < expected {
            return Err(StoreError::Truncated {
                path: path.to_path_buf(),
                expected,
                actual: len,
            });
        }
    }
    if len % page_size != 0 && !recoverable {
        return Err(StoreError::Truncated {
            path: path.to_path_buf(),
            expected: len.div_ceil(page_size) * page_size,
            actual: len,
        });
    }
    Ok(Header {
        schema_version,
        page_size,
    })
}

/// Whether a write-ahead log lies beside the plan (`NAME-wal`, not empty).
pub(crate) fn has_wal(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(Path::new(&wal)).is_ok_and(|m| m.len() > 0)
}
