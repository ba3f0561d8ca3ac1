//! Placeholders a template writes in forms other than `<…>`, learned from the
//! template itself so that only its own placeholders are looked for in documents:
//! - `{…}`: MADR's `{title of option 1}`, `{YYYY-MM-DD when the decision was last
//!   updated}` (a brace run on one line, with a letter, outside code);
//! - `[…]` of two or more words that is not a link, a reference (also a shortcut
//!   one, `[label]` with a `[label]: url` definition), a footnote or a task box:
//!   `[Feature Name]`, `[summary of the change]`;
//! - `(fill me in …)` / `(fill in …)` parentheses, as in the RFC template's header.
//!
//! A document that still contains one of these strings verbatim did not fill it.

use crate::document::{BlockKind, Document};

/// The template's placeholders of the forms above, each once, in template order.
pub fn template_placeholders(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |p: &str| {
        if !out.iter().any(|x| x == p) {
            out.push(p.to_string());
        }
    };
    let mut lines: Vec<&str> = doc.header.iter().map(|h| doc.slice(h.value_span)).collect();
    lines.extend(doc.title.iter().map(|t| t.text.as_str()));
    lines.extend(doc.sections.iter().map(|s| s.title.as_str()));
    for b in &doc.blocks {
        match &b.kind {
            BlockKind::Paragraph { lines: l } | BlockKind::BlockQuote { lines: l } => {
                lines.extend(l.iter().map(|s| doc.slice(*s)))
            }
            BlockKind::List(list) => {
                for it in &list.items {
                    lines.extend(it.lines.iter().map(|s| doc.slice(*s)));
                }
            }
            BlockKind::Table(t) => {
                for r in &t.rows {
                    lines.extend(r.cells.iter().map(|c| doc.slice(c.span)));
                }
            }
            _ => {}
        }
    }
    // `[label]` with a reference definition (`[label]: https://…`) is a link.
    let defined = |p: &str| {
        doc.text.lines().any(|l| {
            l.trim_start()
                .to_lowercase()
                .starts_with(&format!("{}:", p.to_lowercase()))
        })
    };
    for line in lines {
        for p in in_line(line) {
            if !(p.starts_with('[') && defined(p)) {
                add(p);
            }
        }
    }
    out
}

/// The placeholders of one line of template prose (inline code left out).
fn in_line(line: &str) -> Vec<&str> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut in_code = false;
    while i < b.len() {
        let c = b[i];
        if c == b'`' {
            in_code = !in_code;
        }
        if in_code {
            i += 1;
            continue;
        }
        let close = match c {
            b'{' => Some(b'}'),
            b'[' => Some(b']'),
            b'(' if line[i + 1..].to_ascii_lowercase().starts_with("fill") => Some(b')'),
            _ => None,
        };
        let Some(close) = close else {
            i += 1;
            continue;
        };
        let Some(len) = matching(&line[i..], c, close) else {
            i += 1;
            continue;
        };
        let whole = &line[i..i + len];
        let inner = &whole[1..whole.len() - 1];
        let after = b.get(i + len).copied();
        let is_link = c == b'[' && matches!(after, Some(b'(' | b'[' | b':'));
        // A bracket placeholder is words (`[Feature Name]`): a one-word `[Optional]`
        // or `[org/repo]` is a label or a shortcut link.
        let task_or_note = c == b'['
            && (inner.trim().len() <= 1
                || inner.starts_with('^')
                || inner.split_whitespace().count() < 2);
        let worded = inner.chars().any(char::is_alphabetic) && inner.len() <= 200;
        // `[x]` before a `(` is a link; a word-less or one-letter bracket is not text.
        let json = c == b'{' && inner.contains('"');
        if worded && !(is_link || task_or_note || json) {
            out.push(whole);
        }
        i += len;
    }
    out
}

/// The length of the bracketed run at the start of `s` (nested pairs balanced).
fn matching(s: &str, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    for (j, &c) in s.as_bytes().iter().enumerate() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(j + 1);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learned_forms() {
        assert_eq!(
            in_line("Chosen option: \"{title of option 1}\", because {justification}."),
            ["{title of option 1}", "{justification}"]
        );
        assert_eq!(
            in_line("- Feature Name: (fill me in with a unique ident, `my_feature`)"),
            ["(fill me in with a unique ident, `my_feature`)"]
        );
        assert_eq!(in_line("# PRD: [Feature Name]"), ["[Feature Name]"]);
        // Links, references, task boxes, footnotes, JSON and code are not placeholders.
        assert!(in_line("see [the guide](x.md) and [ref][r], [r]: #x").is_empty());
        assert!(in_line("- [ ] done [x] [^1] {\"a\": 1} `{code}` (see below)").is_empty());
        assert!(in_line("- [Optional] in [org/repo]").is_empty());
    }

    #[test]
    fn from_a_template() {
        let t = crate::parse("---\ndate: {YYYY-MM-DD when decided}\n---\n# {title}\n\n## Options\n\n* {title of option 1}\n* see [the repo site]\n\n[the repo site]: https://x.org\n");
        assert_eq!(
            template_placeholders(&t),
            [
                "{YYYY-MM-DD when decided}",
                "{title}",
                "{title of option 1}"
            ]
        );
    }
}
