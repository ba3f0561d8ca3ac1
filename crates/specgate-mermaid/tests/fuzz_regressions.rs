//! Inputs the fuzz targets (`fuzz/`: `mermaid_parse`, `check_all`, `schema_compile`)
//! found, minimized. Each once panicked inside specgate's own Mermaid fix-ups;
//! validation must give a verdict and the renderer's rewrite must return.

use specgate_mermaid::{renderable_rewrite, validate, Verdict};

/// ER `~type~` fix-up: `PK` / `FK` / `UK` were compared by slicing the first two bytes
/// of a token, which panics when the token starts with a multi-byte character.
#[test]
fn er_token_starting_with_a_multibyte_char() {
    let src = "erDiagram\nA {\n  →→ x\n  !!\n}\n";
    let v = validate(src);
    assert!(v.error().is_some(), "{v:?}");
    assert_eq!(renderable_rewrite("erDiagram\nA {\n  →→ x\n}\n"), None);
}

/// ER `~type~` fix-up: a token starting with non-ASCII whitespace (NBSP) made the
/// scanner step one byte into the character.
#[test]
fn er_token_starting_with_non_ascii_whitespace() {
    assert_eq!(renderable_rewrite("erDiagram\nA {\n\u{a0}x\n}\n"), None);
    assert!(renderable_rewrite("erDiagram\nA {\n\u{a0}~t~ x\n}\n").is_some());
}

/// Flowchart `style` entity check: a line whose last `;` comes before `style` /
/// `classDef` sliced `text[p..last]` with `p > last`.
#[test]
fn flowchart_semicolon_before_style_keyword() {
    for src in [
        "graph TD;classDef node[hello ) world] --> a --> works",
        "graph TD;style A fill:#f00",
        "graph TD;A-->B;classDef x fill:#fff",
    ] {
        let v = validate(src);
        assert!(
            !matches!(v.verdict, Verdict::NotValidated(_)),
            "{src:?}: {v:?}"
        );
    }
}

/// Gantt leniency rewrites the text before parsing again (a bare `title` becomes
/// `title _`, an unparseable date `after __specgate__`). An error found after a rewrite
/// kept its offset in the rewritten text, so its offset and its line:column named
/// different places of the diagram as written.
#[test]
fn gantt_error_after_a_rewrite_points_into_the_source() {
    for (src, line) in [
        ("gantt\ntitle\nsection S\nA : 2014-01-01, 3d\nB x\n", 5),
        ("gantt\nsection S\nA :a1, 2014-13-45, 3d\nB x\n", 4),
        ("gantt\ntitle\nsection\nA :a1, 2014-13-45, 3d\nB x\n", 5),
    ] {
        let v = validate(src);
        let e = v.error().unwrap_or_else(|| panic!("{src:?}: {v:?}"));
        let at = src.find("\nB x").unwrap() + 1;
        assert_eq!(
            (e.offset, e.line, e.column),
            (at, line, 1),
            "{src:?}: {e:?}"
        );
    }
}
