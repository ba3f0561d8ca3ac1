//! Benchmark: validates every diagram of `../shared/mermaid-corpus/` in-process and
//! prints the wall time (best of 5 runs, files read beforehand), on one thread and
//! across all cores with rayon.
//!
//!     cargo run --profile dist -p specgate-mermaid --example validate_corpus
use std::time::{Duration, Instant};

fn main() {
    let root =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/mermaid-corpus");
    let Ok(labels) = std::fs::read_to_string(root.join("labels.jsonl")) else {
        eprintln!("SKIPPED: ../shared/mermaid-corpus not found");
        return;
    };
    let texts: Vec<String> = labels
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| std::fs::read_to_string(root.join(v["file"].as_str()?)).ok())
        .collect();
    use rayon::prelude::*;
    for parallel in [false, true] {
        let mut best = Duration::MAX;
        let mut invalid = 0;
        for _ in 0..5 {
            let t0 = Instant::now();
            let bad = |t: &&String| specgate_mermaid::validate(t).error().is_some();
            invalid = if parallel {
                texts.par_iter().filter(bad).count()
            } else {
                texts.iter().filter(bad).count()
            };
            best = best.min(t0.elapsed());
        }
        println!(
            "validated {} diagrams ({invalid} invalid) in {:.3} s (best of 5, {}): {:.0} diagrams/s",
            texts.len(),
            best.as_secs_f64(),
            if parallel {
                format!("rayon, {} threads", rayon::current_num_threads())
            } else {
                "1 thread".to_string()
            },
            texts.len() as f64 / best.as_secs_f64()
        );
    }
}
