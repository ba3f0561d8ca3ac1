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

/// Whole-word occurrences of `word` in `s` (non-overlapping, left to right).
pub fn find_word(s: &str, word: &str) -> Vec<usize> {
    let b = s.as_bytes();
    let w = word.as_bytes();
    let mut out = Vec::new();
    let Some(&first) = w.first() else {
        return out;
    };
    // Candidates are found with memchr on the first byte; a match hides any other
    // that starts inside it.
    let mut from = 0;
    for at in memchr::memchr_iter(first, b) {
        if at < from || !b[at..].starts_with(w) {
            continue;
        }
        if is_word_at(b, at, w.len()) {
            out.push(at);
        }
        from = at + w.len();
    }
    out
}

/// Whether `b[at..at + len]` is a whole word: no letter, digit or `_` on either side.
pub fn is_word_at(b: &[u8], at: usize, len: usize) -> bool {
    let word_byte = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let end = at + len;
    (at == 0 || !word_byte(b[at - 1])) && (end >= b.len() || !word_byte(b[end]))
}

/// The line ending the document uses.
pub(crate) fn eol(text: &str) -> &'static str {
    if memchr::memmem::find(text.as_bytes(), b"\r\n").is_some() {
        "\r\n"
    } else {
        "\n"
    }
}

/// The words of `s`, lower case: runs of letters and digits, and of the characters in
/// `joins` (`-` keeps `in-review` one word; `_` keeps `in_progress`).
pub(crate) fn lower_words<'s>(s: &'s str, joins: &'s [char]) -> impl Iterator<Item = String> + 's {
    s.split(move |c: char| !(c.is_alphanumeric() || joins.contains(&c)))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}
