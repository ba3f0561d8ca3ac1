//! Temporary: agreement of `validate` over labels.jsonl.
use std::collections::BTreeMap;
fn main() {
    let root = std::path::Path::new("/work/shared/mermaid-corpus");
    let labels = std::fs::read_to_string(root.join("labels.jsonl")).unwrap();
    let mut per: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let mut items = vec![];
    for line in labels.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let file = v["file"].as_str().unwrap().to_string();
        let text = std::fs::read_to_string(root.join(&file)).unwrap();
        items.push((
            file,
            v["type"].as_str().unwrap().to_string(),
            v["ok"].as_bool().unwrap(),
            text,
        ));
    }
    let t0 = std::time::Instant::now();
    for (file, ty, ok, text) in &items {
        let r = specgate_mermaid::validate(text);
        let got = !matches!(r.verdict, specgate_mermaid::Verdict::Invalid(_));
        let e = per.entry(ty.clone()).or_default();
        e[3] += 1;
        if got == *ok {
            e[0] += 1
        } else if got {
            e[1] += 1;
            println!("FA {file} {:?}", r.verdict)
        } else {
            e[2] += 1;
            println!("FR {file} {:?}", r.error());
        }
    }
    println!("elapsed {:?}", t0.elapsed());
    for (t, e) in per {
        println!(
            "{t:10} {:6.2}% agree={} FA={} FR={} n={}",
            100.0 * e[0] as f64 / e[3] as f64,
            e[0],
            e[1],
            e[2],
            e[3]
        );
    }
}
