//! What the evidence-path rules ask the file system, remembered for one run.
//!
//! Specs of one repository cite the same files again and again (the same handler, the
//! same ADR), and each citation costs an `lstat`, and a `realpath` when it exists: on the
//! generated 1,000-spec corpus, 33,000 system calls, a tenth of the run's CPU time. A
//! command that checks many files at once (the CLI's `check`, `report` and `status`, through
//! its `Project`) shares one [`FsCache`] between them through
//! [`crate::Context::fs_cache`]; the language server does not, as files come and go while
//! it runs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A path's presence as `lstat` sees it, and its `realpath` when it resolves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Probe {
    /// `lstat` succeeded: the path exists (possibly as a dangling symbolic link).
    pub present: bool,
    /// The canonical path, when the path and every link in it resolve.
    pub real: Option<PathBuf>,
}

impl Probe {
    /// Asks the file system: one `lstat` for a missing path, and a `realpath` for a
    /// present one.
    pub(crate) fn of(path: &Path) -> Probe {
        if std::fs::symlink_metadata(path).is_err() {
            return Probe {
                present: false,
                real: None,
            };
        }
        Probe {
            present: true,
            real: path.canonicalize().ok(),
        }
    }
}

/// The probes of one run, shared by the threads that check its files.
#[derive(Debug, Default)]
pub struct FsCache {
    probes: Mutex<HashMap<PathBuf, Probe>>,
    lines: Mutex<HashMap<PathBuf, Option<usize>>>,
}

impl FsCache {
    pub fn new() -> FsCache {
        FsCache::default()
    }

    /// [`Probe::of`] `path`, asked once per run.
    pub(crate) fn probe(&self, path: &Path) -> Probe {
        if let Some(p) = self.lock().get(path) {
            return p.clone();
        }
        // Asked outside the lock: two threads may both ask for a new path (same answer).
        let p = Probe::of(path);
        self.lock().insert(path.to_path_buf(), p.clone());
        p
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Probe>> {
        self.probes.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// [`line_count_of`] `path`, read once per run.
    pub(crate) fn line_count(&self, path: &Path) -> Option<usize> {
        let lock = || self.lines.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&n) = lock().get(path) {
            return n;
        }
        let n = line_count_of(path);
        lock().insert(path.to_path_buf(), n);
        n
    }
}

/// Files larger than this are not read to count their lines (a cited line range in a
/// generated or binary file is not checked).
const MAX_COUNTED: u64 = 16 << 20;

/// The number of lines of a regular file, as an editor numbers them (a last line
/// without a line end counts; an empty file has none); `None` for a directory, an
/// unreadable file, or one over 16 MiB.
pub(crate) fn line_count_of(path: &Path) -> Option<usize> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_COUNTED {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let ends = memchr::memchr_iter(b'\n', &bytes).count();
    Some(ends + usize::from(bytes.last().is_some_and(|&b| b != b'\n')))
}

/// [`line_count_of`] through `cache` when there is one.
pub(crate) fn line_count(cache: Option<&FsCache>, path: &Path) -> Option<usize> {
    match cache {
        Some(c) => c.line_count(path),
        None => line_count_of(path),
    }
}

/// [`Probe::of`] through `cache` when there is one.
pub(crate) fn probe(cache: Option<&FsCache>, path: &Path) -> Probe {
    match cache {
        Some(c) => c.probe(path),
        None => Probe::of(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counts() {
        let dir = tempfile::tempdir().unwrap();
        let cache = FsCache::new();
        for (text, n) in [
            ("", 0),
            ("a", 1),
            ("a\n", 1),
            ("a\nb", 2),
            ("a\r\nb\r\n", 2),
        ] {
            let f = dir.path().join("f.txt");
            std::fs::write(&f, text).unwrap();
            assert_eq!(line_count_of(&f), Some(n), "{text:?}");
        }
        assert_eq!(line_count_of(dir.path()), None, "a directory");
        let f = dir.path().join("g.txt");
        std::fs::write(&f, "1\n2\n").unwrap();
        assert_eq!(cache.line_count(&f), Some(2));
        std::fs::write(&f, "1\n").unwrap();
        assert_eq!(cache.line_count(&f), Some(2), "the run's first answer");
    }

    #[test]
    fn a_cached_probe_answers_as_the_file_system_did() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.rs");
        std::fs::write(&file, "x").unwrap();
        let missing = dir.path().join("missing.rs");
        let cache = FsCache::new();
        for p in [&file, &missing] {
            assert_eq!(cache.probe(p), Probe::of(p));
            assert_eq!(cache.probe(p), Probe::of(p), "second ask, from the cache");
        }
        assert!(cache.probe(&file).present && cache.probe(&file).real.is_some());
        assert_eq!(
            cache.probe(&missing),
            Probe {
                present: false,
                real: None
            }
        );
        // The cache keeps its first answer for the run: a file created afterwards is
        // seen by a fresh probe, not by the cache.
        std::fs::write(&missing, "y").unwrap();
        assert!(!cache.probe(&missing).present);
        assert!(Probe::of(&missing).present);
    }
}
