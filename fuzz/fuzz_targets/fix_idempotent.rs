//! `specgate fix` (safe, and with `--unsafe`) against the seed template, with the
//! guarantees of `crates/specgate-lint/tests/fix_guarantees.rs`:
//!
//! - fixes converge within `MAX_ROUNDS`;
//! - fixing the output again changes nothing (byte-identical, no fix applied);
//! - no text lost: with safe fixes, the words of the input are a subsequence of the
//!   output's words (the words of an unused suppression comment, which SG001's safe
//!   fix removes, excepted);
//! - a CRLF file stays CRLF with safe fixes;
//! - every edit of every round is a char-aligned range of that round's text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specgate_fuzz::{
    assert_diagnostics, decode, fixable, install_panic_hook, lost_word, run, seed,
};
use specgate_lint::fix::fix_text;
use specgate_model::parse;

/// `text` without its specgate suppression comments (SG001's safe fix removes unused
/// ones; that is not text lost).
fn without_suppressions(text: &str) -> String {
    let doc = parse(text);
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let mut spans: Vec<_> = specgate_lint::suppress::collect(&doc)
        .iter()
        .map(|s| s.span)
        .collect();
    spans.sort();
    for s in spans {
        if s.start >= pos {
            out.push_str(&text[pos..s.start]);
            out.push(' ');
            pos = s.end;
        }
    }
    out.push_str(&text[pos..]);
    out
}

fn check(text: &str) {
    let schema = seed();
    for unsafe_fixes in [false, true] {
        let findings = |t: &str| {
            let d = fixable(t, schema, unsafe_fixes);
            assert_diagnostics(t, &d);
            d
        };
        let once = fix_text(text, unsafe_fixes, findings);
        assert!(
            once.converged,
            "fixes do not converge (unsafe: {unsafe_fixes})"
        );
        let twice = fix_text(&once.text, unsafe_fixes, findings);
        assert!(
            twice.text == once.text && twice.applied == 0,
            "fixing twice differs from once (unsafe: {unsafe_fixes}; {} more fixes)\n--- once:\n{}\n--- twice:\n{}",
            twice.applied,
            once.text,
            twice.text
        );
        if !unsafe_fixes {
            if let Some(w) = lost_word(&without_suppressions(text), &once.text) {
                panic!("safe fixes lost the word `{w}`\n--- fixed:\n{}", once.text);
            }
            let crlf = text.contains("\r\n") && !text.replace("\r\n", "").contains('\n');
            if crlf {
                assert!(
                    !once.text.replace("\r\n", "").contains('\n'),
                    "safe fixes put a bare LF into a CRLF file"
                );
            }
        }
    }
}

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    let Some(text) = decode(data) else { return };
    run(|| check(&text));
});
