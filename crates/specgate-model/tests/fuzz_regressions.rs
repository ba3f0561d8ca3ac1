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
