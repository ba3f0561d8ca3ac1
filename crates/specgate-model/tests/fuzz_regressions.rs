//! Inputs the fuzz targets (`fuzz/`) found, minimized, with the invariant each broke.

use specgate_model::{parse, BlockKind};

/// `check_all` (SG403 on `**Last updated:** ` with only a space after it, and text on
/// the next line): a field whose value is blank got a value span with `start > end`.
/// Spans must be ranges.
#[test]
fn blank_field_value_has_an_empty_span() {
    let text = "# T\n\n**Owner:** A  \n**Last updated:** \nmore text\n\n## S\n\n- **Key:**   \n  more\n- **Other?** \t\n  more\n";
    let d = parse(text);
    let last = d.header.iter().find(|h| h.key == "Last updated").unwrap();
    assert!(last.value_span.start <= last.value_span.end, "{last:?}");
    assert_eq!(last.value, "");
    let BlockKind::List(l) = &d.blocks.last().unwrap().kind else {
        panic!("list")
    };
    for it in &l.items {
        let f = it.field.as_ref().unwrap();
        assert!(f.value_span.start <= f.value_span.end, "{f:?}");
        assert!(f.value_span.end <= text.len());
        assert_eq!(f.value, "");
    }
}

/// `model_parse` (a list item whose indented code starts with tabs, `* \t\tx`):
/// pulldown-cmark reports an empty text range for the tab it expands, which gave the
/// code block's line map two entries at the same offsets. The map must increase, and
/// map the code's first character to the file.
#[test]
fn a_tab_expanded_into_code_indentation_adds_no_line_map_entry() {
    for text in ["* \t\tx\n", "* \t\t\tx\n", "- \t\tx\n\n- \t\ty\n"] {
        let d = parse(text);
        let mut seen = 0;
        for b in &d.blocks {
            let BlockKind::Code(c) = &b.kind else {
                continue;
            };
            seen += 1;
            for w in c.line_map.windows(2) {
                assert!(
                    w[1].0 > w[0].0 && w[1].1 > w[0].1,
                    "{text:?}: {:?}",
                    c.line_map
                );
            }
            let at = c.content.find(['x', 'y']).unwrap();
            let f = c.file_offset(at).unwrap();
            assert_eq!(&text[f..f + 1], &c.content[at..at + 1], "{text:?}");
        }
        assert!(seen > 0, "{text:?}: no code block");
    }
}
