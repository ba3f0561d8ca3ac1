//! Renders every diagram of `../shared/mermaid-corpus/` that mermaid.js accepts, of the
//! template's four diagram types (flowchart, state, sequence, ER), to SVG and PNG.
//! At most 0.5% may fail; every failure is printed with its reason. Diagrams using a
//! feature specgate leaves out (ELK layout, math) must be reported as "not rendered",
//! never panic, and are listed separately. Skips visibly without the corpus.

use std::path::{Path, PathBuf};

use specgate_render::{render_png, render_svg, DiagramOptions, RenderFailure};

const TYPES: &[&str] = &["flowchart", "state", "sequence", "er"];

fn corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/mermaid-corpus");
    p.join("labels.jsonl").is_file().then_some(p)
}

#[test]
fn renders_the_valid_corpus_diagrams_of_the_template_types() {
    let Some(dir) = corpus() else {
        eprintln!("SKIPPED: ../shared/mermaid-corpus not found");
        return;
    };
    let labels = std::fs::read_to_string(dir.join("labels.jsonl")).unwrap();
    let (mut total, mut ok) = (0usize, 0usize);
    let mut left_out = Vec::new();
    let mut failures = Vec::new();
    for line in labels.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let ty = v["type"].as_str().unwrap_or_default();
        if !TYPES.contains(&ty) || v["ok"] != serde_json::Value::Bool(true) {
            continue;
        }
        let file = v["file"].as_str().unwrap_or_default().to_string();
        let src = std::fs::read_to_string(dir.join(&file)).unwrap();
        total += 1;
        let svg = render_svg(&src, &DiagramOptions::default());
        let png = svg.as_ref().ok().map(|_| render_png(&src));
        match (svg, png) {
            (Ok(s), Some(Ok(p))) => {
                assert!(s.starts_with("<svg") || s.starts_with("<?xml"), "{file}");
                assert_eq!(&p[..4], b"\x89PNG", "{file}");
                ok += 1;
            }
            (Err(RenderFailure::NotRendered(why)), _)
                if why.contains("ELK") || why.contains("math") =>
            {
                left_out.push(format!("{file}: not rendered: {why}"))
            }
            (Err(e), _) | (Ok(_), Some(Err(e))) => failures.push(format!("{file}: {e}")),
            (Ok(_), None) => unreachable!(),
        }
    }
    for l in &left_out {
        eprintln!("left out  {l}");
    }
    for f in &failures {
        eprintln!("FAILED    {f}");
    }
    let rate = failures.len() as f64 / total.max(1) as f64;
    eprintln!(
        "corpus render: {total} valid diagrams, {ok} rendered to SVG and PNG, {} left out by design, {} failed ({:.2}%)",
        left_out.len(),
        failures.len(),
        100.0 * rate
    );
    assert!(total > 1000, "only {total} diagrams found");
    assert!(rate <= 0.005, "{:.2}% of diagrams failed", 100.0 * rate);
}
