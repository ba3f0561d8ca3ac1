//! `specgate new`: scaffold a spec from the template.

use std::path::PathBuf;

use clap::Args;

#[derive(Args)]
pub struct NewArgs {
    /// The system or feature name, used in the H1
    #[arg(long)]
    title: String,
    /// The owner, written in the Owner header field
    #[arg(long)]
    owner: Option<String>,
    /// Write to this file (default: standard output)
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Overwrite the output file if it exists
    #[arg(long)]
    force: bool,
    /// Template to scaffold from (default: the built-in tech spec template)
    #[arg(long)]
    template: Option<PathBuf>,
}

/// Fills the template's H1 (see [`new_title`]), its owner field and its date fields,
/// in whichever form the template writes its header (bold, plain, list or YAML front
/// matter). Nothing else changes: front matter comments, code and guidance stay.
pub fn scaffold(template: &str, title: &str, owner: Option<&str>, today: &str) -> String {
    let doc = specgate_model::parse(template);
    let mut edits: Vec<(specgate_model::Span, String)> = Vec::new();
    if let Some(t) = &doc.title {
        let line = doc.slice(t.span);
        if line.trim_start().starts_with('#') {
            edits.push((t.span, format!("# {}", new_title(&t.text, title))));
        }
    }
    for h in &doc.header {
        let key = h.key.to_ascii_lowercase();
        let value = doc.slice(h.value_span);
        if let Some(o) = owner.filter(|_| is_owner_key(&key)) {
            edits.push((h.value_span, o.to_string()));
        } else if value.contains("YYYY-MM-DD") && (key.contains("date") || key.contains("updated"))
        {
            // A placeholder around the date (`{YYYY-MM-DD when …}`, `(fill me in with
            // today's date, YYYY-MM-DD)`) is replaced whole; else the date alone.
            let wrapped = value.starts_with(['{', '<', '(', '[']);
            let span = if wrapped {
                h.value_span
            } else {
                let at = h.value_span.start + value.find("YYYY-MM-DD").unwrap_or(0);
                specgate_model::Span::new(at, at + "YYYY-MM-DD".len())
            };
            edits.push((span, today.to_string()));
        }
    }
    edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
    let mut out = template.to_string();
    for (span, text) in edits {
        out.replace_range(span.start..span.end, &text);
    }
    out
}

fn is_owner_key(key: &str) -> bool {
    matches!(key, "owner" | "owners" | "author" | "authors" | "author(s)")
}

/// The H1 of a new document: the template's first placeholder (`<…>`, `{…}`,
/// `[…]`) replaced by `title`; else, after a separator (`EP-NNNN: Your title`), the
/// rest replaced; else the kind the template names (`Build Plan Template` →
/// `Build Plan: <title>`). The title is never appended after a placeholder.
pub fn new_title(h1: &str, title: &str) -> String {
    for (open, close) in [('<', '>'), ('{', '}'), ('[', ']')] {
        if let (Some(a), Some(b)) = (h1.find(open), h1.rfind(close)) {
            if a < b {
                return format!("{}{title}{}", &h1[..a], &h1[b + close.len_utf8()..]);
            }
        }
    }
    for sep in [": ", " — ", " – ", " - "] {
        if let Some(at) = h1.find(sep) {
            return format!("{}{sep}{title}", &h1[..at]);
        }
    }
    let head = match h1.find(" (") {
        Some(p) => &h1[..p],
        None => h1,
    };
    let kind = head
        .trim_end()
        .strip_suffix("Template")
        .or_else(|| head.trim_end().strip_suffix("template"))
        .unwrap_or(head)
        .trim_end();
    if kind.is_empty() {
        title.to_string()
    } else {
        format!("{kind}: {title}")
    }
}

pub fn run(args: NewArgs) -> u8 {
    let template = match &args.template {
        None => specgate_model::SEED_TEMPLATE.to_string(),
        Some(p) => match crate::project::read_spec(p, specgate_lint::DEFAULT_MAX_FILE_SIZE) {
            Ok(s) => s.text,
            Err(e) => {
                eprintln!("error: {}: template: {e}", p.display());
                return 2;
            }
        },
    };
    let today = specgate_lint::dates::format_date(specgate_lint::dates::today());
    let text = scaffold(&template, &args.title, args.owner.as_deref(), &today);
    match &args.output {
        None => {
            print!("{text}");
            0
        }
        Some(path) => {
            if path.exists() && !args.force {
                eprintln!(
                    "error: {} already exists; use --force to overwrite it",
                    path.display()
                );
                return 2;
            }
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                if let Err(e) = std::fs::create_dir_all(dir) {
                    eprintln!("error: {}: {e}", dir.display());
                    return 2;
                }
            }
            match crate::write::write_atomic(path, text.as_bytes()) {
                Ok(()) => {
                    eprintln!("created {}", path.display());
                    0
                }
                Err(e) => {
                    eprintln!("error: {}: {e}", path.display());
                    2
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_replace_the_placeholder_and_never_append() {
        let t = |h1: &str| new_title(h1, "Billing");
        assert_eq!(
            t("Technical Specification: <System / Feature Name>"),
            "Technical Specification: Billing"
        );
        assert_eq!(t("{short title of solved problem}"), "Billing");
        assert_eq!(t("PRD: [Feature Name]"), "PRD: Billing");
        assert_eq!(
            t("EP-NNNN: Your short, descriptive title"),
            "EP-NNNN: Billing"
        );
        assert_eq!(t("Build Plan Template"), "Build Plan: Billing");
        assert_eq!(t("UX Spec Template (6 Passes)"), "UX Spec: Billing");
    }

    #[test]
    fn header_fields_in_every_form_and_front_matter_comments_kept() {
        let madr = "---\n# These are optional metadata elements.\ndate: {YYYY-MM-DD when decided}\n---\n\n# {short title}\n";
        assert_eq!(
            scaffold(madr, "Use Redis", None, "2026-12-06"),
            "---\n# These are optional metadata elements.\ndate: 2026-12-06\n---\n\n# Use Redis\n"
        );
        let rfc = "- Feature Name: x\n- Start Date: (fill me in with today's date, YYYY-MM-DD)\n\n## Summary\n";
        assert!(scaffold(rfc, "X", None, "2026-12-06").contains("- Start Date: 2026-12-06\n"));
        let design =
            "# Design: <name>\n\nAuthor(s): <names>\nLast updated: YYYY-MM-DD\n\n## Objective\n";
        let out = scaffold(design, "Export", Some("A. Chen"), "2026-12-06");
        assert!(
            out.starts_with("# Design: Export\n\nAuthor(s): A. Chen\nLast updated: 2026-12-06\n"),
            "{out}"
        );
        // The seed keeps its form: bold owner with its trailing hard break.
        let seed = scaffold(
            specgate_model::SEED_TEMPLATE,
            "Payments",
            Some("A. Chen"),
            "2026-12-06",
        );
        assert!(
            seed.starts_with("# Technical Specification: Payments\n"),
            "{seed}"
        );
        assert!(seed.contains("**Owner:** A. Chen"));
        assert!(seed.contains("**Last updated:** 2026-12-06"));
    }
}
