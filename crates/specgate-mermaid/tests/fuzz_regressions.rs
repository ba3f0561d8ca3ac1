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
