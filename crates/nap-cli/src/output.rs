//! The CLI's error type and safe file output.

use std::io::Write;
use std::path::Path;

/// The CLI fails with the application layer's errors: one vocabulary of codes for the
/// window and the command line, and the exit status comes from the code.
pub use nap_app::AppError as CliError;

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
        Err(e) => Err(CliError::io(Path::new("standard output"), e)),
        Ok(()) => Ok(()),
    }
}

/// The author recorded on edits made from the command line: `NAP_AUTHOR`, or "nap command
/// line".
pub fn author() -> String {
    std::env::var("NAP_AUTHOR").unwrap_or_else(|_| "nap command line".into())
}
