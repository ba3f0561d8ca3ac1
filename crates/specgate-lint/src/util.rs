//! Small helpers shared by rules.

use specgate_model::{Block, BlockKind, Document, SectionId, Span};

/// The text of a section's body, as one string (for "is X mentioned there" checks).
pub fn section_text(doc: &Document, s: SectionId) -> &str {
    doc.slice(doc.sections[s].body_span)
}

/// Blocks with content (not thematic breaks or comments) in a section's body.
pub fn content_blocks(doc: &Document, s: SectionId) -> impl Iterator<Item = &Block> {
    doc.blocks_in(s).iter().filter(|b| {
        !matches!(
            b.kind,
            BlockKind::ThematicBreak | BlockKind::Html { comment: true }
        )
    })
}

/// A span at the start of the document, for document-level findings.
pub fn doc_start(doc: &Document) -> Span {
    doc.title
        .as_ref()
        .map(|t| t.span)
        .unwrap_or_else(|| doc.line_index.line_span(&doc.text, 0))
}

/// Prose lines: paragraph lines, list item lines, table lines. Not code, HTML or quotes.
pub fn prose_lines(doc: &Document) -> Vec<Span> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        match &b.kind {
            BlockKind::Paragraph { lines } => out.extend_from_slice(lines),
            BlockKind::List(l) => l
                .items
                .iter()
                .for_each(|it| out.extend_from_slice(&it.lines)),
            BlockKind::Table(t) => {
                let first = doc.line_index.line_of(b.span.start);
                out.push(doc.line_index.line_span(&doc.text, first));
                out.extend(t.rows.iter().map(|r| r.span));
            }
            _ => {}
        }
    }
    out
}

/// Code block content lines, as file spans.
pub fn code_lines(doc: &Document) -> Vec<Span> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        if let BlockKind::Code(c) = &b.kind {
            let mut starts: Vec<usize> = c.line_map.iter().map(|&(_, f)| f).collect();
            starts.dedup();
            for f in starts {
                let line = doc.line_index.line_of(f);
                let ls = doc.line_index.line_span(&doc.text, line);
                out.push(Span::new(f.max(ls.start), ls.end));
            }
        }
    }
    out
}

/// Whole-word occurrences of `word` in `s`.
pub fn find_word(s: &str, word: &str) -> Vec<usize> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    if word.is_empty() || !b.contains(&word.as_bytes()[0]) {
        return out;
    }
    let mut from = 0;
    while let Some(p) = s[from..].find(word) {
        let at = from + p;
        let left = at == 0 || !(b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_');
        let end = at + word.len();
        let right = end >= b.len() || !(b[end].is_ascii_alphanumeric() || b[end] == b'_');
        if left && right {
            out.push(at);
        }
        from = end;
    }
    out
}
