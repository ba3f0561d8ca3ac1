//! Markdown → `Document`: `parse` never panics, every span is a char-aligned range of
//! the text, the section tree is consistent, code-block line maps point into the file,
//! line:column conversions round-trip, and parsing is deterministic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specgate_fuzz::{assert_span, decode, install_panic_hook, run};
use specgate_model::{metadata, parse, BlockKind, Document, Span};

fn spans(doc: &Document) -> Vec<(Span, &'static str)> {
    let mut v = Vec::new();
    if let Some(fm) = &doc.front_matter {
        v.push((fm.span, "front matter"));
        v.push((fm.content, "front matter content"));
    }
    if let Some(t) = &doc.title {
        v.push((t.span, "title"));
    }
    for h in &doc.header {
        v.push((h.span, "header field"));
        v.push((h.value_span, "header value"));
    }
    for s in &doc.sections {
        v.push((s.heading_span, "heading"));
        v.push((s.body_span, "section body"));
    }
    for b in &doc.blocks {
        v.push((b.span, "block"));
        match &b.kind {
            BlockKind::Paragraph { lines } | BlockKind::BlockQuote { lines } => {
                v.extend(lines.iter().map(|l| (*l, "block line")));
            }
            BlockKind::List(l) => {
                for it in &l.items {
                    v.push((it.span, "list item"));
                    v.extend(it.lines.iter().map(|l| (*l, "list item line")));
                    v.extend(it.nested.iter().map(|l| (*l, "list item nested")));
                    if let Some(f) = &it.field {
                        v.push((f.key_span, "field key"));
                        v.push((f.value_span, "field value"));
                    }
                }
            }
            BlockKind::Table(t) => {
                v.push((t.delimiter_span, "table delimiter"));
                v.extend(t.header.iter().map(|c| (c.span, "header cell")));
                for r in &t.rows {
                    v.push((r.span, "table row"));
                    v.extend(r.cells.iter().map(|c| (c.span, "table cell")));
                }
            }
            _ => {}
        }
    }
    for e in &doc.evidence {
        v.push((e.line_span, "evidence line"));
        v.push((e.span, "evidence"));
        v.push((e.text_span, "evidence text"));
        v.extend(e.sources.iter().map(|s| (s.span, "evidence source")));
    }
    for l in &doc.links {
        v.push((l.span, "link"));
    }
    v
}

fn check(text: &str) {
    let doc = parse(text);
    assert_eq!(doc.text, text, "the document keeps its text");
    for (span, what) in spans(&doc) {
        assert_span(text, span, what);
    }

    // The section tree.
    let n = doc.sections.len();
    for (i, s) in doc.sections.iter().enumerate() {
        assert!(
            s.heading_span.start <= s.body_span.end,
            "section {i}: body ends before heading"
        );
        assert!(
            s.blocks.start <= s.blocks.end && s.blocks.end <= doc.blocks.len(),
            "section {i}: block range {:?} of {}",
            s.blocks,
            doc.blocks.len()
        );
        if let Some(p) = s.parent {
            assert!(p < i, "section {i}: parent {p} does not come first");
            assert!(
                doc.sections[p].children.contains(&i),
                "section {i}: not among its parent's children"
            );
            assert!(
                doc.sections[p].body_span.covers(s.body_span),
                "section {i}: body {:?} escapes its parent's {:?}",
                s.body_span,
                doc.sections[p].body_span
            );
        }
        for &c in &s.children {
            assert!(
                c < n && doc.sections[c].parent == Some(i),
                "section {i}: child {c} does not name it as parent"
            );
        }
    }
    for (i, w) in doc.sections.windows(2).enumerate() {
        assert!(
            w[0].heading_span.start < w[1].heading_span.start,
            "sections {i} and {} are not in document order",
            i + 1
        );
    }
    for (i, w) in doc.blocks.windows(2).enumerate() {
        assert!(
            w[0].span.start <= w[1].span.start,
            "blocks {i} and {} are not in document order",
            i + 1
        );
    }
    for (i, b) in doc.blocks.iter().enumerate() {
        if let Some(s) = b.section {
            assert!(s < n, "block {i}: section {s} of {n}");
        }
        if let BlockKind::Code(c) = &b.kind {
            let mut prev = None;
            for &(co, fo) in &c.line_map {
                assert!(
                    co <= c.content.len() && c.content.is_char_boundary(co),
                    "block {i}: content offset {co} of {}",
                    c.content.len()
                );
                assert_span(text, Span::new(fo, fo), "code line map");
                if let Some((pc, pf)) = prev {
                    assert!(co > pc && fo > pf, "block {i}: line map not increasing");
                }
                prev = Some((co, fo));
                let _ = c.file_offset(co);
            }
        }
    }
    for e in &doc.evidence {
        if let Some(b) = e.block {
            assert!(b < doc.blocks.len(), "evidence block {b}");
        }
        if let Some(s) = e.section {
            assert!(s < n, "evidence section {s}");
        }
    }

    // Positions: line:column and the LSP's UTF-16 positions round-trip on boundaries.
    let idx = &doc.line_index;
    let mut offsets: Vec<usize> = doc.blocks.iter().map(|b| b.span.start).collect();
    offsets.extend(doc.sections.iter().map(|s| s.heading_span.end));
    offsets.push(text.len());
    for off in offsets {
        let lc = idx.line_col(text, off);
        assert!(lc.line >= 1 && lc.line <= idx.line_count() && lc.column >= 1);
        let (l, c) = idx.utf16_position(text, off);
        assert_eq!(
            idx.offset_of_utf16(text, l, c),
            off.min(idx.line_span(text, l as usize).end),
            "UTF-16 position ({l}, {c}) of offset {off} does not map back"
        );
    }

    // The Template Metadata reader and section lookup run on any document.
    for b in metadata::blocks_with_seed(&doc) {
        for f in &b.fields {
            for s in f.content_spans() {
                assert_span(text, s, "metadata field content");
            }
            let _ = f.full_value(&doc);
        }
    }
    for off in [0, text.len() / 2, text.len()] {
        if let Some(s) = doc.section_at(off) {
            assert!(s < n);
        }
    }

    // Deterministic.
    let again = parse(text);
    assert_eq!(
        serde_json::to_string(&doc).ok(),
        serde_json::to_string(&again).ok(),
        "parsing the same text twice gives different documents"
    );
}

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    let Some(text) = decode(data) else { return };
    run(|| check(&text));
});
