//! Writing exported files (annex, workbook, JSON, CSV) safely.

use crate::error::StoreError;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` via a temporary file in the same folder, synced and then renamed,
/// so that `path` is either the old content or the complete new content, never a torn file.
/// With `overwrite` false an existing file is refused.
pub fn write_atomically(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), StoreError> {
    if !overwrite && path.exists() {
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
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        StoreError::io(path, e)
    })
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
}
