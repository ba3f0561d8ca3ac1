//! `check` with every rule (Mermaid validation included: SG621 / SG622 are rules) and
//! the built-in seed template: no panic, every finding's span, labels and fix edits are
//! char-aligned ranges of the text, a fix's edits do not overlap, findings come sorted,
//! and the unsafe "fixable" findings obey the same rules.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specgate_fuzz::{
    assert_diagnostics, assert_sorted, context, decode, install_panic_hook, run, seed,
};
use specgate_lint::{check, fix::fixable_findings, Selection};
use specgate_model::parse;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    let Some(text) = decode(data) else { return };
    run(|| {
        let doc = parse(&text);
        let ctx = context(&doc, seed());
        let all = Selection::default();
        let diags = check(&ctx, &all);
        assert_diagnostics(&text, &diags);
        assert_sorted(&diags);
        for d in &diags {
            let lc = doc.line_index.line_col(&text, d.span.start);
            assert!(lc.line >= 1 && lc.column >= 1);
        }
        let fixable = fixable_findings(&ctx, &all, true);
        assert!(
            fixable.len() >= diags.len(),
            "fixable findings are a superset of check's"
        );
        assert_eq!(
            fixable[..diags.len()]
                .iter()
                .map(|d| (d.code, d.span, &d.message))
                .collect::<Vec<_>>(),
            diags
                .iter()
                .map(|d| (d.code, d.span, &d.message))
                .collect::<Vec<_>>(),
            "checking the same document twice gives different findings"
        );
        assert_diagnostics(&text, &fixable[diags.len()..]);
    });
});
