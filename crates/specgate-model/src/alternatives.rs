//! Values that list a template's alternatives instead of choosing one:
//! `Draft | In Review | Approved`, `Approved/Deferred/Rejected`, `yes/no`.

use crate::document::{BlockKind, Document};
use crate::span::Span;

/// `a/b/c` or `a | b | c` where every part is one to three plain words.
pub fn alternatives(s: &str) -> Option<String> {
    // Most values have no separator at all: one memchr pass rules them out.
    memchr::memchr2(b'/', b'|', s.as_bytes())?;
    let s = match s.find(" (") {
        Some(p) => &s[..p],
        None => s,
    };
    let s = s.trim().trim_matches('`');
    if s.contains('<') {
        return None;
    }
    let parts: Vec<&str> = if s.contains(" | ") {
        s.split('|').collect()
    } else {
        s.split('/').collect()
    };
    let ok = parts.len() >= 2
        && parts.iter().all(|p| {
            let p = p.trim();
            !p.is_empty()
                && p.split_whitespace().count() <= 3
                && p.chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
        });
    ok.then(|| s.to_string())
}

/// The values of a document that may hold alternatives: header values, bold-key values
/// of list items and table cells (not the first column), each once, in order.
pub fn value_spans(doc: &Document) -> Vec<Span> {
    let mut out: Vec<Span> = doc.header.iter().map(|h| h.value_span).collect();
    for b in &doc.blocks {
        match &b.kind {
            BlockKind::List(l) => out.extend(
                l.items
                    .iter()
                    .filter_map(|it| it.field.as_ref().map(|f| f.value_span)),
            ),
            // The first column holds row labels (`Security/Privacy`), not choices.
            BlockKind::Table(t) => out.extend(
                t.rows
                    .iter()
                    .flat_map(|r| r.cells.iter().skip(1).map(|c| c.span)),
            ),
            _ => {}
        }
    }
    // A header written as a list is both a header field and a list field: once only.
    out.sort_unstable();
    out.dedup();
    out
}

/// The distinct alternatives among a template's values, sorted.
pub fn template_alternatives(template: &Document) -> Vec<String> {
    let mut alts: Vec<String> = value_spans(template)
        .into_iter()
        .filter_map(|s| alternatives(template.slice(s)))
        .collect();
    alts.sort();
    alts.dedup();
    alts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternatives_are_short_plain_words() {
        assert_eq!(alternatives("yes/no"), Some("yes/no".into()));
        assert_eq!(
            alternatives("`Draft | In Review | Approved` (pick one)"),
            Some("Draft | In Review | Approved".into())
        );
        assert_eq!(alternatives("src/a.rs"), None);
        assert_eq!(alternatives("<a>/<b>"), None);
        assert_eq!(alternatives("Draft"), None);
        let seed = crate::Schema::seed();
        assert!(seed
            .alternatives
            .iter()
            .any(|a| a == "Draft | In Review | Approved"));
    }
}
