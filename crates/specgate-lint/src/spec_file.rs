//! Which Markdown files are specs: shared by `specgate check`'s directory walk and the
//! language server, so that both check the same files.

use std::path::Path;

/// Whether a path lies under a `.spec/`, `.specs/` or `specs/` directory.
pub fn under_spec_dir(p: &Path) -> bool {
    p.components()
        .any(|c| matches!(c.as_os_str().to_str(), Some(".spec" | ".specs" | "specs")))
}

/// Whether the first level-1 heading outside code fences starts with `# <prefix>`.
pub fn has_title_prefix(text: &str, prefix: &str) -> bool {
    let mut in_fence = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        } else if !in_fence && t.starts_with("# ") {
            return t[2..].trim_start().starts_with(prefix);
        }
    }
    false
}

/// Whether a Markdown file (path and text) is a spec of a template with this title
/// prefix: it is under a spec directory, or its H1 starts with the prefix.
pub fn is_spec(path: Option<&Path>, text: &str, prefix: &str) -> bool {
    path.is_some_and(under_spec_dir) || has_title_prefix(text, prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_dirs_and_title_prefixes() {
        assert!(under_spec_dir(Path::new("a/.specs/x.md")));
        assert!(!under_spec_dir(Path::new("a/specsx/x.md")));
        let prefix = "Technical Specification";
        assert!(has_title_prefix("# Technical Specification: X\n", prefix));
        assert!(!has_title_prefix(
            "```\n# Technical Specification\n```\n# Notes\n",
            prefix
        ));
        assert!(!has_title_prefix("## Technical Specification\n", prefix));
        assert!(is_spec(Some(Path::new("specs/a.md")), "# Notes", prefix));
        assert!(!is_spec(None, "# Notes", prefix));
    }
}
