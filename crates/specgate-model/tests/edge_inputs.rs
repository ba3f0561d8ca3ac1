//! Odd inputs give a correct model or a clear error, never a panic.

use proptest::prelude::*;
use specgate_model::{decode, parse, BlockKind, DecodeError, EvidenceForm};

#[test]
fn empty_file() {
    let d = parse("");
    assert!(d.title.is_none() && d.sections.is_empty() && d.blocks.is_empty());
}

#[test]
fn only_front_matter() {
    let d = parse("---\ntitle: x\nstatus: draft\n---\n");
    let fm = d.front_matter.as_ref().expect("front matter");
    assert_eq!(d.slice(fm.content), "title: x\nstatus: draft\n");
    assert!(d.sections.is_empty());
}

#[test]
fn crlf_and_bom() {
    let src = decode(b"\xEF\xBB\xBF# Technical Specification: X\r\n\r\n**Owner:** A\r\n\r\n## 0) Summary\r\nText.\r\nEvidence: docs/a.md\r\n".to_vec()).unwrap();
    assert!(src.had_bom);
    let d = parse(src.text);
    assert_eq!(d.title.as_ref().unwrap().text, "Technical Specification: X");
    assert_eq!(d.header[0].value, "A");
    assert_eq!(d.sections[0].title, "Summary");
    assert_eq!(d.evidence.len(), 1);
    assert_eq!(d.evidence[0].text, "docs/a.md");
    let lc = d.line_index.line_col(&d.text, d.evidence[0].span.start);
    assert_eq!((lc.line, lc.column), (7, 1));
}

#[test]
fn non_utf8_is_a_clear_error() {
    let e = decode(b"# T\n\xC3\x28".to_vec()).unwrap_err();
    assert!(
        matches!(
            e,
            DecodeError::InvalidUtf8 {
                line: 2,
                column: 1,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn fenced_hash_lines_are_not_headings() {
    let d = parse(
        "# T\n\n## A\n\n```bash\n# comment\n## also\n```\n\n- item\n  ```sh\n  # nested\n  ```\n",
    );
    assert_eq!(d.sections.len(), 1);
    let codes: Vec<_> = d
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Code(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(codes.len(), 2);
    assert_eq!(codes[1].content, "# nested\n");
    // The nested code maps back to the indented file position.
    let off = codes[1].file_offset(0).unwrap();
    assert_eq!(&d.text[off..off + 8], "# nested");
}

#[test]
fn tables_keep_per_row_cell_counts_even_when_github_rejects_them() {
    let d = parse("## Evidence Map\n| A | B | C | D |\n|---|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n");
    let BlockKind::Table(t) = &d.blocks[0].kind else {
        panic!("{:?}", d.blocks[0].kind)
    };
    assert!(!t.gfm_valid);
    assert_eq!(
        (t.header.len(), t.delimiter_cells, t.rows[0].cells.len()),
        (4, 5, 4)
    );
}

#[test]
fn lists_fields_tasks_and_evidence() {
    let d = parse("## S\n- **Owner:** Ana\n- [x] done\n- Primary user: X.  \n  Evidence: docs/a.md\n  - nested\n\n**Evidence:** b.md\n");
    let BlockKind::List(l) = &d.blocks[0].kind else {
        panic!()
    };
    assert_eq!(l.items[0].field.as_ref().unwrap().key, "Owner");
    assert_eq!(l.items[1].checked, Some(true));
    assert_eq!(l.items[2].lines.len(), 2);
    assert_eq!(l.items[3].depth, 1);
    assert_eq!(d.evidence.len(), 2);
    assert_eq!(d.evidence[1].form, EvidenceForm::Emphasized);
}

#[test]
fn deep_nesting_does_not_blow_up() {
    let mut s = String::new();
    for i in 0..2000 {
        s.push_str(&"  ".repeat(i));
        s.push_str("- x\n");
    }
    s.push_str(&">".repeat(5000));
    s.push_str(" q\n");
    let d = parse(s);
    assert!(!d.blocks.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn parse_never_panics_and_spans_are_in_bounds(s in "(#{0,3} |- |\\* \\[x\\] |\\| |```|> |---|Evidence: |\\*\\*K:\\*\\* |[a-z0-9 ./:<>|()\\n]){0,60}") {
        let d = parse(s.clone());
        for b in &d.blocks {
            prop_assert!(b.span.end <= s.len() && s.is_char_boundary(b.span.start) && s.is_char_boundary(b.span.end));
        }
        for sec in &d.sections {
            prop_assert!(sec.body_span.end <= s.len() && sec.heading_span.start <= sec.body_span.end);
        }
        for e in &d.evidence {
            prop_assert!(e.span.end <= s.len());
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(s in "\\PC{0,200}") {
        let d = parse(s.clone());
        for b in &d.blocks {
            let _ = d.line_index.line_col(&d.text, b.span.start);
            let _ = d.line_index.utf16_position(&d.text, b.span.end);
        }
    }
}
