//! Inputs the fuzz targets (`fuzz/`) found, minimized, with the guarantee each broke.

use specgate_lint::fix::{fix_text, fixable_findings};
use specgate_lint::{Context, Diagnostic, Selection};
use specgate_model::{parse, Schema};

fn findings(text: &str, schema: &Schema, unsafe_fixes: bool) -> Vec<Diagnostic> {
    let doc = parse(text);
    let mut ctx = Context::new(&doc, schema);
    ctx.today = (2026, 11, 24);
    fixable_findings(&ctx, &Selection::default(), unsafe_fixes)
}

/// `fix_idempotent`: a spec that ends inside a code fence (or HTML block) that is
/// never closed. SG101 inserted the missing sections at the end, inside the fence,
/// where they are code, not sections, so every round inserted them again and the
/// fixes never converged. Now SG101 offers no fix at such an end (the finding stays);
/// with a closed fence it still inserts.
#[test]
fn missing_sections_are_not_inserted_into_an_unclosed_block_at_the_end() {
    let schema = Schema::seed();
    for tail in [
        "```\ncode never closed\n",
        "~~~~\nx\n",
        "<!-- a comment never closed\n",
    ] {
        let text = format!("# Technical Specification: X\n\n## 0) Summary\n\nText.\n\n{tail}");
        let once = fix_text(&text, true, |t| findings(t, &schema, true));
        assert!(once.converged, "{tail:?}: fixes do not converge");
        let twice = fix_text(&once.text, true, |t| findings(t, &schema, true));
        assert_eq!(twice.text, once.text, "{tail:?}");
        assert!(
            findings(&once.text, &schema, true)
                .iter()
                .any(|d| d.code == "SG101" && d.fix.is_none()),
            "{tail:?}: SG101 is still reported, without a fix"
        );
    }
    let closed = "# Technical Specification: X\n\n## 0) Summary\n\nText.\n\n```\ncode\n```\n";
    let fixed = fix_text(closed, true, |t| findings(t, &schema, true));
    assert!(fixed.converged);
    assert!(
        !findings(&fixed.text, &schema, true)
            .iter()
            .any(|d| d.code == "SG101"),
        "after a closed fence, the sections are inserted"
    );
}

/// `fix_idempotent`: SG302's safe fix rewrote `**Evidence:d …` as `Evidence: d …`,
/// splitting the word `Evidence:d` ("no text lost" compares words). The fix now adds
/// a space after the label only where the original had one.
#[test]
fn evidence_form_fix_splits_no_word() {
    let schema = Schema::seed();
    for (line, want) in [
        ("**Evidence:d or stale", "Evidence:d or stale"),
        ("**Evidence:**x.md", "Evidence:x.md"),
        ("*Evidence gap: *none yet", "Evidence gap: none yet"),
        ("**Evidence:** docs/a.md", "Evidence: docs/a.md"),
    ] {
        let text = format!("# Technical Specification: X\n\n## 0) Summary\n\nText.\n{line}\n");
        let fixed = fix_text(&text, false, |t| findings(t, &schema, false));
        assert!(fixed.converged, "{line:?}");
        assert!(
            fixed.text.contains(&format!("\n{want}\n")),
            "{line:?} -> {:?}",
            fixed.text
        );
    }
}

/// `fix_idempotent`: SG308 (`map-unknown-section`) looked for a
/// `Section ` prefix by slicing the cell's first 8 bytes, which panics when byte 8
/// falls inside a character (`Epic 1 — Docs`).
#[test]
fn evidence_map_section_cell_with_a_multibyte_char_at_byte_8() {
    let text = "# Technical Specification: X\n\n## 1) Scope\n\nText.\nEvidence: docs/a.md\n\n\
                ## Evidence Map\n\n| Section / Claim | Evidence | Confidence | Notes |\n\
                |---|---|---|---|\n| Epic 1 — Docs consolidation | docs/a.md | High | x |\n\
                | Section 1) Scope | docs/a.md | High | x |\n";
    let schema = Schema::seed();
    let d = findings(text, &schema, false);
    assert!(!d
        .iter()
        .any(|d| d.name == "map-unknown-section" && d.message.contains("1)")));
}

/// `check_all`: SG601 (`component-status`) compared the first bytes of every field
/// line with `**Status:**` by slicing, which panics when that many bytes end inside
/// a character (`` `**404** — …` ``).
#[test]
fn component_field_line_with_a_multibyte_char_at_the_prefix_length() {
    let text =
        "# Technical Specification: X\n\n## 10) Component Design\n\n### Component: Ledger\n\n\
                `**404** — …` in bold\n\n- `**404** — …`\n\n**Status:** current\n";
    let schema = Schema::seed();
    let d = findings(text, &schema, false);
    assert!(!d.iter().any(|d| d.name == "component-status"), "{d:#?}");
}

/// `fix_idempotent`: SG302's safe fix moved a trailing statement glued to what
/// precedes it (`-Evidence:` continuing a list item) to its own line, splitting the
/// word and leaving a `-` line, which is a new list item. Such a statement is still
/// reported, without the move; one after a sentence and a space still moves.
#[test]
fn glued_trailing_evidence_is_not_moved() {
    let schema = Schema::seed();
    for text in [
        "# Technical Specification: X\n\n## 0) Summary\n\n- ...\n-Evidence:\n",
        "# Technical Specification: X\n\n## 0) Summary\n\nWe retry.Evidence: docs/a.md\n",
        "# Technical Specification: X\n\n## 0) Summary\n\n| Evidence: docs/a.md\n",
    ] {
        let fixed = fix_text(text, false, |t| findings(t, &schema, false));
        assert!(fixed.converged);
        assert_eq!(fixed.text, text, "nothing to move safely");
        assert!(findings(text, &schema, false)
            .iter()
            .any(|d| d.name == "evidence-form"));
    }
    let text = "# Technical Specification: X\n\n## 0) Summary\n\nWe retry. Evidence: docs/a.md\n";
    let fixed = fix_text(text, false, |t| findings(t, &schema, false));
    assert!(
        fixed.text.contains("We retry.\nEvidence: docs/a.md\n"),
        "{:?}",
        fixed.text
    );
}
