//! The CLI's error type and safe file output.

use nap_store::StoreError;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}: {message}", .path.display())]
    Input { path: PathBuf, message: String },
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Other(String),
}

impl CliError {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Exit codes scripts can rely on: 1 for any failure; 2 is clap's usage error.
    pub fn exit_code(&self) -> u8 {
        1
    }
}

/// Writes `bytes` to `path` atomically (see [`nap_store::write_atomically`]).
pub fn write_atomically(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), CliError> {
    Ok(nap_store::write_atomically(path, bytes, overwrite)?)
}

/// Writes `text` to standard output. A closed pipe (`nap … | head`) ends the output quietly
/// instead of failing.
pub fn emit(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::Other(format!(
            "cannot write to standard output: {e}"
        ))),
        Ok(()) => Ok(()),
    }
}
