//! The Mermaid parser (`specgate_mermaid::validate`, as SG621 and `specgate diagrams`
//! use it): no panic escapes, the verdict's kind is `detect`'s, an error's offset is a
//! char boundary of the source and its line:column agrees with it, validation is
//! deterministic, and the state-diagram scanner, the renderer's rewrite and the
//! Markdown extraction of the same diagram never panic and stay in bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specgate_fuzz::{decode, install_panic_hook, run};
use specgate_mermaid::{detect, validate, validate_cached, StateDiagram, Validation, Verdict};

fn check(src: &str) {
    let v = validate(src);
    let header = detect(src);
    assert_eq!(
        v.kind, header.kind,
        "validate and detect disagree on the type"
    );
    assert!(header.keyword_offset <= src.len() && src.is_char_boundary(header.keyword_offset));
    match &v.verdict {
        Verdict::Invalid(e) => {
            assert!(
                e.offset <= src.len() && src.is_char_boundary(e.offset),
                "error offset {} of {}",
                e.offset,
                src.len()
            );
            let before = &src[..e.offset];
            let line = before.matches('\n').count() + 1;
            let col = before[before.rfind('\n').map_or(0, |p| p + 1)..]
                .chars()
                .count()
                + 1;
            assert_eq!((e.line, e.column), (line, col), "line:column of the error");
            assert!(!e.message.is_empty(), "empty error message");
        }
        Verdict::Valid(_) => assert!(v.kind.is_validated()),
        Verdict::NotValidated(reason) => assert!(!reason.is_empty()),
    }
    // Deterministic (the cache computes afresh the first time it sees a text), but for
    // the time bound: whether a slow diagram runs out of time depends on the machine.
    let again = validate_cached(src);
    let out_of_time = |v: &Validation| {
        matches!(&v.verdict, Verdict::NotValidated(r) if r.starts_with("validation exceeded"))
    };
    if !out_of_time(&v) && !out_of_time(&again) {
        assert_eq!(again, v, "validating twice gives different results");
    }

    let sd = StateDiagram::parse(src);
    for t in &sd.transitions {
        assert!(
            t.span.start <= t.span.end
                && t.span.end <= src.len()
                && src.is_char_boundary(t.span.start)
                && src.is_char_boundary(t.span.end),
            "transition span {:?} of {}",
            t.span,
            src.len()
        );
    }
    assert_eq!(sd.states.len(), sd.state_lines.len());
    let _ = sd.reachable();
    let _ = specgate_mermaid::renderable_rewrite(src);

    // The same diagram in a Markdown fence, as a spec holds it: extracted verbatim,
    // and its offsets map back to the same text in the file.
    if !src.contains("```") && !src.contains(['\r', '\0']) {
        let md = format!("# T\n\n## S\n\n```mermaid\n{src}\n```\n");
        let doc = specgate_model::parse(&md);
        let diagrams = specgate_mermaid::extract(&doc);
        assert_eq!(diagrams.len(), 1, "one fence, one diagram");
        let s = diagrams[0].source();
        assert_eq!(s, format!("{src}\n"), "fence content");
        for (off, _) in s.char_indices().step_by(1 + s.len() / 8) {
            let rest = &s[off..];
            let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
            let f = diagrams[0].file_offset(off);
            assert_eq!(
                f.and_then(|f| md.get(f..f + rest.len())),
                Some(rest),
                "diagram offset {off} maps to {f:?}"
            );
        }
    }
}

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    let Some(text) = decode(data) else { return };
    run(|| check(&text));
});
