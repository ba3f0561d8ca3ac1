//! Atomic file writes: every file specgate writes (export, fix, scaffold, render) goes
//! through [`write_atomic`].
//!
//! The bytes go to a temporary file in the same directory (so the rename stays on one
//! file system), which is fsynced and then renamed over the target. A crash at any
//! point leaves either the old file or the new one, never a half-written file. If the
//! write fails, the temporary file is removed.

use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` atomically, keeping the old file's permissions.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, contents, |_| Ok(()))
}

/// [`write_atomic`] with a hook called after the temporary file is written and synced
/// and before the rename, with the temporary file's path. An error from the hook
/// aborts the write as a crash would at that point: the target is untouched and the
/// temporary file is removed. Tests use it to inject failures.
pub fn write_atomic_with(
    path: &Path,
    contents: &[u8],
    before_rename: impl FnOnce(&Path) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut b = tempfile::Builder::new();
    b.prefix(".specgate-").suffix(".tmp");
    // A new file gets the usual 0666 & !umask, not tempfile's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = b.tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    before_rename(tmp.path())?;
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable (best effort: not every platform can sync a dir).
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn writes_and_replaces() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.template.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(entries(d.path()), ["a.template.json"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Not tempfile's private 0600: readable by others unless the umask says no.
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_ne!(mode, 0o600);
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
            write_atomic(&p, b"three").unwrap();
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640, "an existing file keeps its permissions");
        }
    }

    #[test]
    fn failure_between_write_and_rename_leaves_original_untouched() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("x.template.json");
        std::fs::write(&p, b"{\"original\": true}\n").unwrap();
        let mut seen_tmp = None;
        let err = write_atomic_with(&p, b"{\"half", |tmp| {
            // The new bytes are fully on disk in the temporary file, next to the target.
            assert_eq!(std::fs::read(tmp).unwrap(), b"{\"half");
            assert_eq!(tmp.parent(), Some(d.path()));
            seen_tmp = Some(tmp.to_path_buf());
            Err(std::io::Error::other("simulated crash before rename"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "simulated crash before rename");
        assert_eq!(std::fs::read(&p).unwrap(), b"{\"original\": true}\n");
        assert!(!seen_tmp.unwrap().exists(), "temporary file left behind");
        assert_eq!(entries(d.path()), ["x.template.json"]);
    }

    #[test]
    fn panic_between_write_and_rename_leaves_original_untouched() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("y.md");
        std::fs::write(&p, b"old").unwrap();
        let r = std::panic::catch_unwind(|| {
            let _ = write_atomic_with(&p, b"new", |_| panic!("simulated crash"));
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        assert_eq!(entries(d.path()), ["y.md"]);
    }

    #[test]
    fn missing_directory_is_an_error_and_creates_nothing() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("no/such/dir/out.json");
        assert!(write_atomic(&p, b"x").is_err());
        assert!(entries(d.path()).is_empty());
    }
}
