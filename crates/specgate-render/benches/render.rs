//! Micro-benchmarks: rendering one diagram of each template type to SVG (layout, text
//! measurement with the bundled font, SVG output). Run with `cargo bench -p
//! specgate-render`; the corpus figures come from `examples/render_corpus.rs`.

use specgate_render::DiagramOptions;

fn main() {
    divan::main();
}

include!("../../specgate-mermaid/benches/common/samples.rs");

#[divan::bench(args = ["flowchart", "state", "sequence", "er"])]
fn render_svg(b: divan::Bencher, kind: &str) {
    let src = DIAGRAMS.iter().find(|(k, _)| *k == kind).unwrap().1;
    let opts = DiagramOptions::default();
    assert!(specgate_render::render_svg(src, &opts).is_ok(), "{kind}");
    b.bench(|| specgate_render::render_svg(divan::black_box(src), &opts));
}
