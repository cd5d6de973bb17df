//! Writing exported files (annex, workbook, JSON, CSV) safely.

use crate::error::StoreError;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` via a temporary file in the same folder, synced and then renamed,
/// so that `path` is either the old content or the complete new content, never a torn file;
/// the folder is synced after the rename so that the new name survives a power cut too. With
/// `overwrite` false an existing file is refused, atomically (a file that appears meanwhile
/// is not replaced either). No temporary file is left behind on any error.
pub fn write_atomically(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), StoreError> {
    if !overwrite && path.exists() {
        // Refused before writing anything: the persist below would refuse it too.
        return Err(StoreError::AlreadyExists(path.to_path_buf()));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let io = |e: std::io::Error| StoreError::io(path, e);
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    let persisted = if overwrite {
        tmp.persist(path)
    } else {
        tmp.persist_noclobber(path)
    };
    persisted.map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => StoreError::AlreadyExists(path.to_path_buf()),
        _ => io(e.error),
    })?;
    sync_folder(dir).map_err(io)
}

/// Makes a rename in `dir` durable. On Unix the folder itself is synced; Windows has no
/// folder handle to sync, and its rename is durable once the file is flushed.
fn sync_folder(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_and_a_missing_folder_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("annex.pdf");
        write_atomically(&path, b"first", true).expect("write");
        assert!(matches!(
            write_atomically(&path, b"second", false),
            Err(StoreError::AlreadyExists(_))
        ));
        write_atomically(&path, b"second", true).expect("overwrite");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        let nowhere = dir.path().join("no such folder").join("annex.pdf");
        assert!(matches!(
            write_atomically(&nowhere, b"x", true),
            Err(StoreError::Io { .. })
        ));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("annex.pdf")],
            "no temporary file left"
        );
    }

    #[test]
    fn refusing_to_replace_leaves_the_existing_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("copy.nap");
        std::fs::write(&path, b"theirs").expect("write");
        assert!(matches!(
            write_atomically(&path, b"ours", false),
            Err(StoreError::AlreadyExists(_))
        ));
        assert_eq!(std::fs::read(&path).expect("read"), b"theirs");
        let new = dir.path().join("new.nap");
        write_atomically(&new, b"ours", false).expect("a new name is written");
        assert_eq!(std::fs::read(&new).expect("read"), b"ours");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 2);
    }
}
