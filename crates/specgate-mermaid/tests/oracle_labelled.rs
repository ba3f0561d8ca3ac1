//! Diagrams on which specgate and mermaid.js once disagreed, each labelled by the real
//! mermaid.js (`../shared/tools/mermaid-oracle`, version in each case's `found`):
//! `tests/oracle-labelled/<type>.jsonl`, one JSON object per line with `text`, `ok`
//! (mermaid.js's verdict), `line` (its error line, when it gives one) and `what`.
//! Needs neither `../shared` nor Node: the labels are in the file.

use specgate_mermaid::{validate, Verdict};

mod support;

#[test]
fn oracle_labelled_diagrams_get_mermaid_js_verdicts() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle-labelled");
    let mut seen = 0;
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/oracle-labelled") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "jsonl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let case: serde_json::Value = serde_json::from_str(line).expect("a JSON case");
            let src = case["text"].as_str().expect("text");
            let ok = case["ok"].as_bool().expect("ok");
            let v = validate(src);
            let ours = match &v.verdict {
                Verdict::Valid(_) => true,
                Verdict::Invalid(_) => false,
                Verdict::NotValidated(why) => {
                    panic!("{}:{}: not validated: {why:?}", path.display(), n + 1)
                }
            };
            seen += 1;
            if ours != ok {
                wrong.push(format!(
                    "{}:{} ({}): mermaid.js {}, specgate {}",
                    path.file_name().unwrap().to_string_lossy(),
                    n + 1,
                    case["what"].as_str().unwrap_or(""),
                    if ok { "accepts" } else { "rejects" },
                    if ours { "accepts" } else { "rejects" },
                ));
            }
            // Where mermaid.js names a line for a rejected diagram, so do we.
            if let (false, Some(theirs), Some(e)) = (ok, case["line"].as_u64(), v.error()) {
                if !support::same_line(e.line, theirs as usize, src.lines().count()) {
                    wrong.push(format!(
                        "{}:{}: error line {} where mermaid.js says {theirs}",
                        path.file_name().unwrap().to_string_lossy(),
                        n + 1,
                        e.line
                    ));
                }
            }
        }
    }
    assert!(seen > 0, "no cases under {}", dir.display());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
