//! Which files to check: explicit files always; directories walked with .gitignore,
//! keeping Markdown files that are specs of the template (H1 prefix, or under
//! `.spec/`, `.specs/`, `specs/`), or that match the config's include globs.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

pub struct Walk {
    pub files: Vec<PathBuf>,
    /// Paths that could not be walked: (path, reason).
    pub errors: Vec<(PathBuf, String)>,
    /// Files of `files` found in a directory whose title was not read yet
    /// ([`collect_deferred`]): the caller tests it with [`is_spec_text`] on the text
    /// it reads anyway, so that each file is read once.
    pub unverified: std::collections::HashSet<PathBuf>,
}

pub fn globset(patterns: &[String]) -> Result<Option<GlobSet>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).map_err(|e| format!("invalid glob `{p}`: {e}"))?);
    }
    b.build().map(Some).map_err(|e| e.to_string())
}

use specgate_lint::spec_file::under_spec_dir;

/// Whether the file's first heading starts with `# <prefix>` (reads at most 8 KiB).
fn has_title(p: &Path, prefix: &str) -> bool {
    use std::io::Read;
    let Ok(f) = std::fs::File::open(p) else {
        return true;
    }; // let the check report it
    let mut buf = Vec::with_capacity(8192);
    if f.take(8192).read_to_end(&mut buf).is_err() {
        return true;
    }
    is_spec_text(&String::from_utf8_lossy(&buf), prefix)
}

/// Whether a walked file is checked: Markdown, not excluded, and either matching the
/// include globs or (without them) a spec of the template.
pub fn is_wanted(
    path: &Path,
    title_prefix: &str,
    include: Option<&GlobSet>,
    exclude: Option<&GlobSet>,
) -> bool {
    wanted_by_path(path, include, exclude).unwrap_or_else(|| has_title(path, title_prefix))
}

/// [`is_wanted`] as far as the path decides; `None` when the title decides.
fn wanted_by_path(
    path: &Path,
    include: Option<&GlobSet>,
    exclude: Option<&GlobSet>,
) -> Option<bool> {
    if !path
        .extension()
        .is_some_and(|x| x == "md" || x == "markdown")
    {
        return Some(false);
    }
    if exclude.is_some_and(|g| g.is_match(path)) {
        return Some(false);
    }
    match include {
        Some(g) => Some(g.is_match(path)),
        None if under_spec_dir(path) => Some(true),
        None => None,
    }
}

/// The title test of [`is_wanted`] on a file's text: its first heading, within the
/// first 8 KiB, starts with `# <prefix>`.
pub fn is_spec_text(text: &str, prefix: &str) -> bool {
    let head = &text[..text.floor_char_boundary(8192)];
    specgate_lint::spec_file::has_title_prefix(head, prefix)
}

pub fn collect(
    paths: &[PathBuf],
    title_prefix: &str,
    include: Option<&GlobSet>,
    exclude: Option<&GlobSet>,
) -> Walk {
    collect_with(paths, Some(title_prefix), include, exclude)
}

/// [`collect`] without reading titles: files that only their title can admit are
/// listed in `unverified`.
pub fn collect_deferred(
    paths: &[PathBuf],
    include: Option<&GlobSet>,
    exclude: Option<&GlobSet>,
) -> Walk {
    collect_with(paths, None, include, exclude)
}

fn collect_with(
    paths: &[PathBuf],
    title_prefix: Option<&str>,
    include: Option<&GlobSet>,
    exclude: Option<&GlobSet>,
) -> Walk {
    let mut unverified = std::collections::HashSet::new();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            for entry in ignore::WalkBuilder::new(p)
                .follow_links(false)
                .sort_by_file_path(|a, b| a.cmp(b))
                .build()
            {
                match entry {
                    Ok(e) => {
                        let path = e.path();
                        if !e.file_type().is_some_and(|t| t.is_file()) {
                            continue;
                        }
                        let wanted = match (wanted_by_path(path, include, exclude), title_prefix) {
                            (Some(w), _) => w,
                            (None, Some(prefix)) => has_title(path, prefix),
                            (None, None) => {
                                unverified.insert(path.to_path_buf());
                                true
                            }
                        };
                        if wanted {
                            found.push(path.to_path_buf());
                        }
                    }
                    Err(e) => errors.push((p.clone(), e.to_string())),
                }
            }
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    // A path given twice is checked once.
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(file_identity(f)));
    Walk {
        files,
        errors,
        unverified,
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
