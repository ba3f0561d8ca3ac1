//! Benchmark: per-diagram render time over `../shared/mermaid-corpus/` (diagrams that
//! mermaid.js accepts). Run with
//! `cargo run --profile dist -p specgate-render --example render_corpus [TYPES…]`.
//! Prints median and p95 per type for SVG and for PNG (which includes the SVG render).

use std::path::Path;
use std::time::Instant;

fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/mermaid-corpus");
    let Ok(labels) = std::fs::read_to_string(dir.join("labels.jsonl")) else {
        eprintln!("SKIPPED: ../shared/mermaid-corpus not found");
        return;
    };
    let mut types: Vec<String> = std::env::args().skip(1).collect();
    if types.is_empty() {
        types = ["flowchart", "state", "sequence", "er", "class", "gantt"]
            .map(String::from)
            .to_vec();
    }
    // Warm up the font and renderer once.
    let _ = specgate_render::render_png("flowchart TD\nA-->B\n");
    let (mut all_svg, mut all_png) = (Vec::new(), Vec::new());
    println!(
        "{:<10} {:>5} {:>10} {:>10} {:>10} {:>10} {:>6}",
        "type", "n", "svg med", "svg p95", "png med", "png p95", "fail"
    );
    for ty in &types {
        let (mut svg, mut png, mut fail) = (Vec::new(), Vec::new(), 0);
        for line in labels.lines() {
            if !line.contains(&format!("\"type\": \"{ty}\"")) || !line.contains("\"ok\": true") {
                continue;
            }
            let file = line
                .split("\"file\": \"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or("");
            let Ok(src) = std::fs::read_to_string(dir.join(file)) else {
                continue;
            };
            let t = Instant::now();
            let ok = specgate_render::render_svg(&src, &Default::default()).is_ok();
            let s = t.elapsed().as_secs_f64() * 1e3;
            if !ok {
                fail += 1;
                continue;
            }
            let t = Instant::now();
            let _ = specgate_render::render_png(&src);
            png.push(t.elapsed().as_secs_f64() * 1e3);
            svg.push(s);
        }
        all_svg.extend_from_slice(&svg);
        all_png.extend_from_slice(&png);
        println!(
            "{ty:<10} {:>5} {:>8.2}ms {:>8.2}ms {:>8.2}ms {:>8.2}ms {fail:>6}",
            svg.len(),
            pct(&mut svg, 0.5),
            pct(&mut svg, 0.95),
            pct(&mut png, 0.5),
            pct(&mut png, 0.95)
        );
    }
    println!(
        "{:<10} {:>5} {:>8.2}ms {:>8.2}ms {:>8.2}ms {:>8.2}ms",
        "all",
        all_svg.len(),
        pct(&mut all_svg, 0.5),
        pct(&mut all_svg, 0.95),
        pct(&mut all_png, 0.5),
        pct(&mut all_png, 0.95)
    );
}
