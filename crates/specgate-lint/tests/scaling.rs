//! A guard against quadratic behaviour, not a timing claim: a 5 MB spec holding a
//! 50,000-row table (plus long lists and many sections) is parsed and checked with
//! every rule, and so is a quarter of it. Linear work makes the big input cost about
//! 4× the small one; a quadratic step in tables, lists or sections would make it
//! about 16×. The test fails above 10×, and above a generous absolute bound that
//! only a blow-up reaches. Speed itself is measured in BENCHMARKS.md, not here.

use std::time::{Duration, Instant};

use specgate_lint::{Context, Selection};
use specgate_model::{parse, Schema};

/// A spec of about `rows` × 100 bytes: sections, a big table, a long list.
fn spec(rows: usize) -> String {
    let mut s = String::from("# Technical Specification: Scale\n\n**Status:** Draft\n\n");
    s.push_str("## 1) Decision Log\n\n| Date | Request | Source | Decision |\n|---|---|---|---|\n");
    for i in 0..rows {
        s.push_str(&format!(
            "| 2026-01-{:02} | request number {i} of the decision log | docs/decisions/log.md | accepted as {i} |\n",
            i % 28 + 1
        ));
    }
    s.push_str("\nEvidence: docs/log.md\n\n## 2) Notes\n\n");
    for i in 0..rows / 10 {
        s.push_str(&format!("- item {i} with a few words of text\n"));
    }
    s.push_str("\nEvidence gap: generated.\n\n");
    for i in 0..rows / 100 {
        s.push_str(&format!(
            "### 2.{i} Part\n\nA paragraph about part {i}.\n\nEvidence: src/p{i}.rs\n\n"
        ));
    }
    s
}

fn check_time(text: &str, schema: &Schema) -> (Duration, usize) {
    let t0 = Instant::now();
    let doc = parse(text);
    let mut ctx = Context::new(&doc, schema);
    ctx.today = (2026, 11, 24);
    let n = specgate_lint::check(&ctx, &Selection::default()).len();
    (t0.elapsed(), n)
}

#[test]
fn a_5_mb_spec_with_a_50k_row_table_checks_in_linear_time() {
    let schema = Schema::seed();
    let big = spec(50_000);
    assert!(big.len() > 5_000_000, "the input is {} bytes", big.len());
    let small = spec(12_500);
    // Warm up (lazy statics, allocator), then take the best of two runs each.
    check_time(&small, &schema);
    let best = |text: &str| {
        (0..2)
            .map(|_| check_time(text, &schema))
            .min_by_key(|(t, _)| *t)
            .unwrap()
    };
    let (t_small, n_small) = best(&small);
    let (t_big, n_big) = best(&big);
    assert!(n_big >= n_small, "findings: {n_small} small, {n_big} big");
    let ratio = t_big.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
    eprintln!(
        "scaling: {} KB in {t_small:?}, {} KB in {t_big:?} (ratio {ratio:.1}, linear ≈ 4)",
        small.len() / 1024,
        big.len() / 1024
    );
    assert!(ratio < 10.0, "4× the input cost {ratio:.1}× the time");
    assert!(
        t_big < Duration::from_secs(120),
        "a 5 MB spec took {t_big:?}"
    );
}
