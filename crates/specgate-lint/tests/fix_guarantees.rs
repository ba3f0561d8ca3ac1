//! The guarantees of `specgate fix`, over the real corpus (`../shared/corpus/real/`,
//! each document against the template of its kind, as `scripts/corpus-report.py`
//! does) and over generated documents:
//!
//! - fixes converge within `MAX_ROUNDS` (a test fails if the bound is reached);
//! - fixing twice gives byte-identical output;
//! - no text lost: with safe fixes, the words of the original are a subsequence of
//!   the output's words;
//! - after fixing with unsafe fixes, no fixable finding of a fixed kind is left.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use specgate_lint::fix::{fix_text, fixable_findings};
use specgate_lint::{Context, Diagnostic, Selection};
use specgate_model::{parse, Schema};

/// The rules whose findings `fix` removes.
const FIXED_KINDS: &[&str] = &[
    "SG001", "SG101", "SG302", "SG306", "SG307", "SG501", "SG911",
];

fn findings(text: &str, schema: &Schema, unsafe_fixes: bool) -> Vec<Diagnostic> {
    let doc = parse(text);
    let mut ctx = Context::new(&doc, schema);
    ctx.today = (2026, 11, 24);
    fixable_findings(&ctx, &Selection::default(), unsafe_fixes)
}

#[path = "support/no_text_lost.rs"]
mod no_text_lost;
use no_text_lost::lost_word;

/// Checks every guarantee on one document; returns a description of the first failure.
fn guarantees(name: &str, text: &str, schema: &Schema) -> Result<(), String> {
    for unsafe_fixes in [false, true] {
        let once = fix_text(text, unsafe_fixes, |t| findings(t, schema, unsafe_fixes));
        if !once.converged {
            return Err(format!(
                "{name}: fixes do not converge (unsafe: {unsafe_fixes})"
            ));
        }
        let twice = fix_text(&once.text, unsafe_fixes, |t| {
            findings(t, schema, unsafe_fixes)
        });
        if twice.text != once.text || twice.applied != 0 {
            return Err(format!(
                "{name}: fixing twice differs from once (unsafe: {unsafe_fixes})"
            ));
        }
        if let Some(w) = lost_word(text, &once.text) {
            if !unsafe_fixes {
                return Err(format!("{name}: safe fixes lost the word `{w}`"));
            }
        }
        if unsafe_fixes {
            let left: Vec<String> = findings(&once.text, schema, true)
                .into_iter()
                .filter(|d| FIXED_KINDS.contains(&d.code) && d.fix.is_some())
                .map(|d| format!("{} {}", d.code, d.message))
                .collect();
            if !left.is_empty() {
                return Err(format!("{name}: fixable findings left after fix: {left:?}"));
            }
        }
    }
    Ok(())
}

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

fn template_for(corpus: &Path, name: &str, kind: &str) -> Option<PathBuf> {
    let t = corpus.join("templates");
    if name.contains("ux") {
        Some(t.join("ux-spec-template.md"))
    } else if name.contains("build-plan") {
        Some(t.join("build-plan-template.md"))
    } else if name.contains("foundation") {
        Some(t.join("foundation-spec-template.md"))
    } else if kind == "prd" {
        Some(t.join(if name.contains("mini") || name.contains("lite") {
            "PRD_TEMPLATE_MINI.md"
        } else {
            "PRD_TEMPLATE.md"
        }))
    } else {
        None
    }
}

#[test]
fn fix_guarantees_hold_on_the_real_corpus() {
    let corpus = shared();
    let real = corpus.join("real");
    let Ok(manifest) = std::fs::read_to_string(real.join("MANIFEST.tsv")) else {
        eprintln!("SKIPPED: {} not found", real.display());
        return;
    };
    let mut failures = Vec::new();
    let mut n = 0;
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(name), Some(kind)) = (cols.first(), cols.get(5)) else {
            continue;
        };
        let text = std::fs::read_to_string(real.join(name)).unwrap();
        let schema = match template_for(&corpus, name, kind) {
            Some(t) => Schema::compile(&std::fs::read_to_string(t).unwrap()),
            None => Schema::seed(),
        };
        n += 1;
        if let Err(e) = guarantees(name, &text, &schema) {
            failures.push(e);
        }
    }
    assert!(n >= 20, "only {n} corpus documents found");
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The inputs the `fix_idempotent` fuzz target once failed on (`fuzz/regressions/`): the
/// same guarantees, on every one of them, in every `cargo test` run.
#[test]
fn fix_guarantees_hold_on_the_fuzz_regressions() {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions/fix_idempotent");
    let schema = Schema::seed();
    let mut n = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        n += 1;
        if let Err(e) = guarantees(&path.display().to_string(), &text, &schema) {
            failures.push(e);
        }
    }
    assert!(n >= 5, "only {n} regression inputs in {}", dir.display());
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Pieces of a spec: paragraphs with every evidence form, gaps, tables with a wrong
/// delimiter row, and Evidence Map / Gaps sections under either heading style.
fn piece() -> impl Strategy<Value = String> {
    let word = "[a-z]{1,8}";
    let sentence = proptest::collection::vec(word, 1..6).prop_map(|w| w.join(" "));
    let src = "[a-z]{1,6}".prop_map(|s| format!("docs/{s}.md"));
    prop_oneof![
        (sentence.clone(), src.clone()).prop_map(|(s, p)| format!("{s}.\nEvidence: {p}\n")),
        (sentence.clone(), src.clone()).prop_map(|(s, p)| format!("{s}. Evidence: {p}\n")),
        (sentence.clone(), src.clone()).prop_map(|(s, p)| format!("{s}.\n**Evidence:** {p}\n")),
        (sentence.clone(), sentence.clone())
            .prop_map(|(s, g)| format!("{s}.\n*Evidence gap:* {g}\n")),
        (sentence.clone(), sentence.clone()).prop_map(|(s, g)| format!("{s}. Evidence gap: {g}\n")),
        (word, word).prop_map(|(a, b)| format!("| {a} | {b} |\n|---|---|---|\n| 1 | 2 |\n")),
        Just("## 34) Evidence Gaps (required)\n".to_string()),
        Just("## Evidence Gaps\n- **Gap:** none — **Impact:** low — **Owner:** me\n".to_string()),
        Just("## 35) Evidence Map (required)\n".to_string()),
        (src.clone()).prop_map(|p| format!(
            "## Evidence Map\n| Section / Claim | Evidence | Confidence | Notes |\n|---|---|---|---|\n| x | {p} | High | y |\n"
        )),
        (1u8..40, word).prop_map(|(n, t)| format!("## {n}) {t}\n")),
        Just("* [x] Evidence Gaps and Evidence Map sections are complete\n".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_text_lost_on_generated_documents(
        pieces in proptest::collection::vec(piece(), 1..14),
        crlf in any::<bool>(),
    ) {
        let mut text = String::from("# Technical Specification: Generated\n\n**Status:** Draft  \n\n");
        text.push_str(&pieces.join("\n"));
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        let schema = Schema::seed();
        if let Err(e) = guarantees("generated", &text, &schema) {
            prop_assert!(false, "{e}\n---\n{text}");
        }
        let fixed = fix_text(&text, false, |t| findings(t, &schema, false)).text;
        if crlf {
            prop_assert!(!fixed.replace("\r\n", "").contains('\n'), "bare LF in {fixed:?}");
        }
    }
}

#[test]
fn lost_word_detects_dropped_and_reordered_words() {
    assert_eq!(lost_word("a **b** c", "a b\nc d"), None);
    assert_eq!(lost_word("a b c", "a c"), Some("b".into()));
    assert!(lost_word("a b c", "c b a").is_some());
    // The evidence label's case is canonicalised, not lost (fuzz regression
    // fuzz/regressions/fix_idempotent/evidence-gap-label-case.md).
    assert_eq!(
        lost_word(
            "*Evidence Gap:* x.\n\nThe end.",
            "Evidence gap: x.\n\nThe end."
        ),
        None
    );
    // Also when text is glued to the label (fuzz regressions
    // fuzz/regressions/fix_idempotent/evidence-label-case-{glued,mid-word}.md).
    assert_eq!(
        lost_word("**EVidence:d or stale.", "Evidence:d or stale."),
        None
    );
    assert_eq!(
        lost_word(
            "x. Evidence: a; deciton**EVidence:d",
            "x.\nEvidence: a; decitonEvidence:d"
        ),
        None
    );
    // Other words keep their case, and so does the text after the label.
    assert_eq!(lost_word("The end.", "the end."), Some("The".into()));
    assert_eq!(
        lost_word("Evidence:Docs x.", "Evidence:docs x."),
        Some("evidence:Docs".into())
    );
}

/// Without `fix_edits` (output that only names fixes) the findings and their fixes'
/// messages are the same; only the edits are left out. With it, fixing uses them.
#[test]
fn fix_edits_off_keeps_findings_and_fix_names() {
    let schema = Schema::seed();
    let text = "# Technical Specification: X\n\n## 1) Overview\n\nText.\n\nEvidence: gap.\n";
    let doc = parse(text);
    let run = |edits: bool| {
        let mut ctx = Context::new(&doc, &schema);
        ctx.today = (2026, 11, 24);
        ctx.fix_edits = edits;
        specgate_lint::check(&ctx, &Selection::default())
    };
    let (with, without) = (run(true), run(false));
    assert!(
        with.iter().any(|d| d.code == "SG101"),
        "the fixture misses sections"
    );
    assert_eq!(with.len(), without.len());
    for (a, b) in with.iter().zip(&without) {
        assert_eq!((a.code, &a.message, a.span), (b.code, &b.message, b.span));
        let (fa, fb) = (a.fix.as_ref(), b.fix.as_ref());
        assert_eq!(fa.map(|f| &f.message), fb.map(|f| &f.message));
        if a.code == "SG101" {
            assert!(!fa.unwrap().edits.is_empty());
            assert!(fb.unwrap().edits.is_empty());
        }
    }
}
