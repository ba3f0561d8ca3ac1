//! Micro-benchmarks: parse, schema compile and match, and each rule category, on one spec.
//!
//! Input: `bench/out/one.md` (a ~20 KB generated spec, written by `bench/run.sh`) when it
//! exists, else the good example spec. Run with `cargo bench -p specgate-lint`.

use std::path::PathBuf;
use std::sync::OnceLock;

use specgate_lint::{check, Context, Selection, RULES};
use specgate_model::{parse, Schema};

fn main() {
    divan::main();
}

fn input() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        let generated = root.join("bench/out/one.md");
        let path = if generated.is_file() {
            generated
        } else {
            root.join("examples/good/payments-api.md")
        };
        eprintln!("bench input: {} ", path.display());
        std::fs::read_to_string(path).expect("bench input")
    })
}

fn schema() -> &'static Schema {
    static S: OnceLock<Schema> = OnceLock::new();
    S.get_or_init(Schema::seed)
}

#[divan::bench]
fn parse_document(b: divan::Bencher) {
    let text = input();
    b.counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| parse(divan::black_box(text)));
}

#[divan::bench]
fn compile_seed_schema() -> Schema {
    Schema::seed()
}

#[divan::bench]
fn match_document(b: divan::Bencher) {
    let doc = parse(input());
    let schema = schema();
    b.bench(|| schema.match_document(divan::black_box(&doc)));
}

fn categories() -> Vec<&'static str> {
    let mut c: Vec<&str> = RULES.iter().map(|r| r.meta.category).collect();
    c.sort_unstable();
    c.dedup();
    c
}

#[divan::bench(args = categories())]
fn rules_of_category(b: divan::Bencher, category: &str) {
    let doc = parse(input());
    let schema = schema();
    let selection = Selection {
        select: vec![category.to_string()],
        ..Selection::default()
    };
    // A fresh context per run: it caches per-file work (prose lines, path lookups).
    b.with_inputs(|| Context::new(&doc, schema))
        .bench_refs(|ctx| check(ctx, &selection));
}

#[divan::bench]
fn whole_check(b: divan::Bencher) {
    let text = input();
    let schema = schema();
    let selection = Selection::default();
    b.counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            let doc = parse(divan::black_box(text));
            let ctx = Context::new(&doc, schema);
            check(&ctx, &selection)
        });
}
