//! Which Markdown files are specs: shared by `specgate check`'s directory walk and the
//! language server, so that both check the same files. Which template a spec is
//! checked against is [`crate::kinds`]' concern.

use std::path::Path;

use crate::kinds::{Kinds, Route};

/// The names of the directories whose Markdown files are specs.
pub const SPEC_DIRS: [&str; 3] = [".spec", ".specs", "specs"];

/// Whether a directory name is one of [`SPEC_DIRS`].
pub fn is_spec_dir_name(name: &str) -> bool {
    SPEC_DIRS.contains(&name)
}

/// Whether a path lies under a `.spec/`, `.specs/` or `specs/` directory.
pub fn under_spec_dir(p: &Path) -> bool {
    p.components()
        .any(|c| c.as_os_str().to_str().is_some_and(is_spec_dir_name))
}

/// The first ATX level-1 heading's text outside code fences within the first
/// `within` bytes: a cheap look at a file's title before it is parsed.
pub fn first_h1(text: &str, within: usize) -> Option<&str> {
    let head = &text[..text.floor_char_boundary(within)];
    let mut in_fence = false;
    for line in head.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        } else if !in_fence && (t.starts_with("# ") || t == "#") {
            return Some(t[1..].trim().trim_end_matches('#').trim_end());
        }
    }
    None
}

/// The template a document is checked against, or `None` when it is not a spec: a
/// document under a spec directory or named by a `[[templates]]` glob is routed; one
/// elsewhere must have an H1 that starts with a template's kind. (The CLI's walk
/// decides the same per file; the language server uses this.)
pub fn kind_of(
    kinds: &Kinds,
    path: Option<&Path>,
    doc: &specgate_model::Document,
) -> Option<Route> {
    let by_path = path.is_some_and(|p| under_spec_dir(p) || kinds.glob_admits(p));
    let h1 = doc.title.as_ref().map_or("", |t| t.text.as_str());
    if !by_path && !kinds.title_admits(h1) && !kinds.is_forced() {
        return None;
    }
    match kinds.route(path, doc) {
        Route::Unmatched { .. } => None,
        r => Some(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_dirs_and_titles() {
        assert!(under_spec_dir(Path::new("a/.specs/x.md")));
        assert_eq!(first_h1("```\n# no\n```\n# Title #\n", 100), Some("Title"));
        assert_eq!(first_h1("## x\n", 100), None);
        assert_eq!(
            first_h1(&format!("{}# Late\n", "x\n".repeat(100)), 100),
            None
        );
        assert!(!under_spec_dir(Path::new("a/specsx/x.md")));
        let kinds = Kinds::seed();
        let doc = |t: &str| specgate_model::parse(t);
        let tech = doc("# Technical Specification: X\n");
        assert!(kind_of(&kinds, None, &tech).is_some());
        assert!(kind_of(
            &kinds,
            None,
            &doc("```\n# Technical Specification\n```\n# Notes\n")
        )
        .is_none());
        assert!(kind_of(&kinds, None, &doc("## Technical Specification\n")).is_none());
        // Under a spec directory, a document of no known kind is still not checked.
        assert!(kind_of(&kinds, Some(Path::new("specs/a.md")), &doc("# Notes\n")).is_none());
        assert!(kind_of(
            &kinds,
            Some(Path::new("specs/a.md")),
            &doc("# Billing — Technical Specification\n")
        )
        .is_some());
    }
}
