//! Which files to check: explicit files always; directories walked with .gitignore,
//! keeping Markdown files under `.spec/`, `.specs/` or `specs/` (at any depth, hidden
//! or not), files a `[[templates]]` glob or the include globs name, and files whose
//! H1 names a template's kind (decided on the text the check reads, see
//! [`Origin::Title`]). Other hidden directories and `node_modules` are not entered, and
//! templates (`*template*.md`, `templates/`) are not specs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use globset::GlobSet;
use specgate_lint::spec_file::{first_h1, is_spec_dir_name, under_spec_dir};
use specgate_lint::Kinds;

/// How a file came to be checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Named on the command line: always checked; one that matches no template gets
    /// the `no-matching-template` finding.
    Explicit,
    /// Found by a walk under a spec directory or by a glob: checked when it matches a
    /// template, else skipped and counted as unmatched.
    Walked,
    /// Found by a walk elsewhere: a spec only if its H1 names a template's kind.
    Title,
}

pub struct Walk {
    pub files: Vec<PathBuf>,
    /// Paths that could not be walked: (path, reason).
    pub errors: Vec<(PathBuf, String)>,
    origins: HashMap<PathBuf, Origin>,
    /// Markdown files the walks looked at (for the "no spec found" message).
    pub markdown_seen: usize,
}

impl Walk {
    pub fn origin(&self, file: &Path) -> Origin {
        self.origins.get(file).copied().unwrap_or(Origin::Explicit)
    }

    /// `--force-exclude`: files named on the command line are discovered like walked
    /// ones (an excluded or non-Markdown file is dropped).
    pub fn force_exclude(
        &mut self,
        kinds: &Kinds,
        include: Option<&GlobSet>,
        exclude: Option<&GlobSet>,
    ) {
        let mut files = std::mem::take(&mut self.files);
        files.retain(|f| {
            if self.origins.contains_key(f) {
                return true;
            }
            match origin_by_path(f, kinds, include, exclude) {
                Some(o) => {
                    self.origins.insert(f.clone(), o);
                    true
                }
                None => false,
            }
        });
        self.files = files;
    }
}

/// How far into a file its title may be for a walk to admit it by title.
pub const TITLE_WITHIN: usize = 8192;

/// Whether a file's first H1, within its first [`TITLE_WITHIN`] bytes read as lossy
/// UTF-8, names a template's kind (for a file that cannot be read as a spec: it is
/// reported only if it would have been one).
pub fn title_admits_file(p: &Path, kinds: &Kinds) -> bool {
    use std::io::Read;
    let Ok(f) = std::fs::File::open(p) else {
        return true;
    };
    let mut buf = Vec::with_capacity(TITLE_WITHIN);
    if f.take(TITLE_WITHIN as u64).read_to_end(&mut buf).is_err() {
        return true;
    }
    first_h1(&String::from_utf8_lossy(&buf), TITLE_WITHIN).is_some_and(|t| kinds.title_admits(t))
}

pub use specgate_lint::kinds::globset;

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x == "md" || x == "markdown")
}

/// A template, not a spec: a file named `*template*` or in a `templates/` directory
/// (`.spec/templates/PRD_TEMPLATE.md`). Named on the command line it is still checked.
fn is_template(path: &Path) -> bool {
    let named = |s: &std::ffi::OsStr| s.to_string_lossy().to_lowercase().contains("template");
    path.file_name().is_some_and(named)
        || path
            .parent()
            .into_iter()
            .flat_map(Path::components)
            .any(|c| matches!(c.as_os_str().to_str(), Some("templates" | "template")))
}

/// How a walked file may be a spec, as far as its path decides; `None`: it is not.
fn origin_by_path(
    path: &Path,
    kinds: &Kinds,
    include: Option<&GlobSet>,
    exclude: Option<&GlobSet>,
) -> Option<Origin> {
    // Globs match the path as walked or relative to the config's directory.
    let rel = kinds.relative(path);
    let hit = |g: &GlobSet| g.is_match(path) || g.is_match(&rel);
    if !is_markdown(path) || exclude.is_some_and(hit) || is_template(path) {
        return None;
    }
    if kinds.glob_admits(path) {
        return Some(Origin::Walked);
    }
    match include {
        Some(g) => hit(g).then_some(Origin::Walked),
        None if under_spec_dir(path) => Some(Origin::Walked),
        None => Some(Origin::Title),
    }
}

/// Whether the walk enters a directory: not hidden (but `.spec`, `.specs`), not
/// `node_modules`. The roots themselves are always entered.
fn enters(e: &ignore::DirEntry) -> bool {
    if e.depth() == 0 || !e.file_type().is_some_and(|t| t.is_dir()) {
        // Hidden files are skipped in `collect`.
        return true;
    }
    let name = e.file_name().to_string_lossy();
    is_spec_dir_name(&name) || !(name.starts_with('.') || name == "node_modules")
}

/// The files to check under `paths`, as the first path's setup (`kinds`, `include`,
/// `exclude`) says.
pub fn collect(
    paths: &[PathBuf],
    kinds: &Kinds,
    include: Option<&GlobSet>,
    exclude: Option<&GlobSet>,
) -> Walk {
    let mut origins = HashMap::new();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut markdown_seen = 0;
    for p in paths {
        if !p.is_dir() {
            files.push(p.clone());
            continue;
        }
        let walker = ignore::WalkBuilder::new(p)
            .hidden(false)
            .filter_entry(enters)
            .follow_links(false)
            .sort_by_file_path(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let e = match entry {
                Ok(e) => e,
                Err(e) => {
                    errors.push((p.clone(), e.to_string()));
                    continue;
                }
            };
            let path = e.path();
            let hidden = e.file_name().to_string_lossy().starts_with('.');
            if hidden || !e.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            markdown_seen += usize::from(is_markdown(path));
            if let Some(o) = origin_by_path(path, kinds, include, exclude) {
                origins.insert(path.to_path_buf(), o);
                files.push(path.to_path_buf());
            }
        }
    }
    // A path given twice is checked once.
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(file_identity(f)));
    Walk {
        files,
        errors,
        origins,
        markdown_seen,
    }
}

/// The git root of a file: the nearest ancestor directory that holds `.git`.
pub fn git_root(p: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(p).ok()?;
    git_root_of_dir(abs.parent()?)
}

/// The nearest directory at or above `dir` (absolute) that holds `.git`.
pub fn git_root_of_dir(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// What makes two paths the same file: device and inode on Unix (one `stat`), the
/// canonical path elsewhere.
fn file_identity(f: &Path) -> (u64, u64, PathBuf) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(f) {
            return (m.dev(), m.ino(), PathBuf::new());
        }
    }
    (0, 0, f.canonicalize().unwrap_or_else(|_| f.to_path_buf()))
}
