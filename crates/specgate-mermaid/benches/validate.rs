//! Micro-benchmarks: validating one diagram of each template type (merman parse plus
//! specgate's checks and model). Run with `cargo bench -p specgate-mermaid`; the whole
//! corpus figure comes from `examples/validate_corpus.rs`.

fn main() {
    divan::main();
}

include!("common/samples.rs");

#[divan::bench(args = ["flowchart", "state", "sequence", "er"])]
fn validate(b: divan::Bencher, kind: &str) {
    let src = DIAGRAMS.iter().find(|(k, _)| *k == kind).unwrap().1;
    assert!(specgate_mermaid::validate(src).is_valid(), "{kind}");
    b.bench(|| specgate_mermaid::validate(divan::black_box(src)));
}
