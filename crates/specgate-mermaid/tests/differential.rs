//! Differential test against the real mermaid.js: generates deterministic mutations of
//! corpus diagrams (token deletions, duplications and adjacent swaps, character
//! deletions, a structural character or stray `}` inserted, a keyword as an id, a
//! non-ASCII letter), asks `../shared/tools/mermaid-oracle` (`--serve`) for each
//! verdict and compares it with `specgate_mermaid::validate`, per diagram type. For
//! diagrams both reject where mermaid.js names a line, it also counts how often
//! specgate names the same line. Bounded: 500 cases with a fixed seed
//! (`SPECGATE_DIFF_CASES` and `SPECGATE_DIFF_SEED` override; `docs/compat.md` records
//! a longer run with a seed not used during development).
//!
//! Skips with a visible message when `../shared`, `node` or the oracle's
//! `node_modules` are absent (`scripts/ci-setup-oracle.sh` installs them).

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use specgate_mermaid::{validate, Verdict};

mod support;
use support::same_line;

/// Minimum agreement on mutated diagrams of the validated types, with the first
/// generator's mutation kinds (measured 2026-12-07: 99.2 % on the default 500 cases,
/// after class names of several words; 98.6 % before; 98.0 % on 2026-11-24, see ADR
/// 0013). Every disagreement is printed for review, with
/// specgate's error.
const MIN_AGREEMENT: f64 = 99.0;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// A small deterministic generator (xorshift64*), so the cases are the same every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Byte ranges of whitespace-separated tokens.
fn tokens(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// Characters with a meaning in some diagram grammar, inserted by [`mutate`].
const STRUCTURAL: &[&str] = &[
    "{", "}", "[", "]", "(", ")", "\"", "'", ":", ";", "|", "<", ">", "-", "--", "%%", "#", "`",
];

/// Words that are keywords in some diagram grammar, put where an id was.
const KEYWORDS: &[&str] = &[
    "end",
    "class",
    "state",
    "subgraph",
    "graph",
    "note",
    "style",
    "classDef",
    "section",
    "participant",
    "loop",
    "direction",
    "click",
    "title",
];

/// Letters outside ASCII, put into a token.
const UNICODE: &[&str] = &["é", "ß", "中", "ü", "Ω", "🙂"];

/// A mutation of `src`: with `wide`, any of the kinds the module doc lists; without,
/// only token deletions, adjacent swaps and character deletions (the first
/// generator's cases, drawn the same way).
fn mutate(src: &str, rng: &mut Rng, wide: bool) -> Option<String> {
    let toks = tokens(src);
    // Never touch the first token (the diagram keyword): those cases only test detection.
    if toks.len() < 3 {
        return None;
    }
    let i = 1 + rng.below(toks.len() - 1);
    let (a, b) = toks[i];
    let insert = |at: usize, what: &str| format!("{}{}{}", &src[..at], what, &src[at..]);
    // A char boundary inside token `i`.
    let inside = |rng: &mut Rng| {
        let chars: Vec<usize> = src[a..b].char_indices().map(|(k, _)| a + k).collect();
        chars[rng.below(chars.len())]
    };
    Some(match rng.below(if wide { 8 } else { 3 }) {
        0 => format!("{}{}", &src[..a], &src[b..]),
        3 => insert(b, &format!(" {}", &src[a..b])),
        4 => {
            let at = inside(rng);
            insert(at, STRUCTURAL[rng.below(STRUCTURAL.len())])
        }
        5 => format!(
            "{}{}{}",
            &src[..a],
            KEYWORDS[rng.below(KEYWORDS.len())],
            &src[b..]
        ),
        6 => {
            let at = inside(rng);
            insert(at, UNICODE[rng.below(UNICODE.len())])
        }
        7 => {
            // A stray `}` on a line of its own after the line of token `i`.
            let end = src[b..].find('\n').map_or(src.len(), |k| b + k);
            insert(end, "\n}")
        }
        1 if i + 1 < toks.len() => {
            let (c, d) = toks[i + 1];
            format!(
                "{}{}{}{}{}",
                &src[..a],
                &src[c..d],
                &src[b..c],
                &src[a..b],
                &src[d..]
            )
        }
        _ => {
            let chars: Vec<(usize, char)> = src[a..b].char_indices().collect();
            let (k, ch) = chars[rng.below(chars.len())];
            format!("{}{}", &src[..a + k], &src[a + k + ch.len_utf8()..])
        }
    })
}

/// Agreement counts of one diagram type.
#[derive(Default)]
struct Tally {
    compared: usize,
    agree: usize,
    false_accepts: usize,
    /// Both reject and mermaid.js names a line: how many, and how many at our line.
    lined: usize,
    line_match: usize,
}

#[test]
fn mutated_corpus_diagrams_agree_with_mermaid_js() {
    agrees_at_least(false, MIN_AGREEMENT);
}

/// Runs [`differential`] and holds its agreement to `min` (nothing when it skips).
fn agrees_at_least(wide: bool, min: f64) {
    if let Some(rate) = differential(wide) {
        assert!(rate >= min, "agreement {rate:.1}% < {min}%");
    }
}

/// Minimum agreement with every mutation kind (measured 2026-12-07 on the default 500
/// cases: 96.8 %, 10 false accepts; 95.6 % before class names of several words; a
/// longer run per type in `docs/compat.md`). Issue
/// #18's bar is 99.5 % per type.
const MIN_AGREEMENT_WIDE: f64 = 96.5;

#[test]
fn widely_mutated_corpus_diagrams_agree_with_mermaid_js() {
    agrees_at_least(true, MIN_AGREEMENT_WIDE);
}

/// Runs the differential over mutated corpus diagrams (see the module doc) and prints
/// the tallies; `None` (with a message) when the oracle cannot run, else the
/// agreement rate.
fn differential(wide: bool) -> Option<f64> {
    let root = shared();
    let oracle = root.join("tools/mermaid-oracle");
    let labels = match std::fs::read_to_string(root.join("mermaid-corpus/labels.jsonl")) {
        Ok(l) => l,
        Err(_) => {
            eprintln!("SKIPPED: ../shared/mermaid-corpus not found");
            return None;
        }
    };
    if !oracle.join("node_modules/mermaid").is_dir() {
        eprintln!("SKIPPED: the oracle's node_modules are missing; run scripts/ci-setup-oracle.sh");
        return None;
    }
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("SKIPPED: node not found; the differential test needs Node.js");
        return None;
    }
    let n: usize = std::env::var("SPECGATE_DIFF_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let files: Vec<(String, String)> = labels
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["ok"] == true)
        .filter_map(|v| {
            let f = v["file"].as_str()?.to_string();
            let text = std::fs::read_to_string(root.join("mermaid-corpus").join(&f)).ok()?;
            Some((f, text))
        })
        .collect();
    let seed = std::env::var("SPECGATE_DIFF_SEED")
        .ok()
        .and_then(|v| u64::from_str_radix(v.trim_start_matches("0x"), 16).ok())
        .filter(|&s| s != 0)
        .unwrap_or(0x5EED_CAFE_F00D_1234);
    let mut rng = Rng(seed);
    let mut cases = Vec::new();
    while cases.len() < n {
        let (f, text) = &files[rng.below(files.len())];
        if let Some(m) = mutate(text, &mut rng, wide) {
            cases.push((f.clone(), m));
        }
    }
    let mut child = Command::new("node")
        .arg("oracle.mjs")
        .arg("--serve")
        .current_dir(&oracle)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the oracle");
    let mut stdin = child.stdin.take().expect("stdin");
    let requests: String = cases
        .iter()
        .enumerate()
        .map(|(i, (_, t))| format!("{}\n", serde_json::json!({"id": i, "text": t})))
        .collect();
    let writer = std::thread::spawn(move || {
        stdin
            .write_all(requests.as_bytes())
            .expect("write requests");
    });
    let reader = BufReader::new(child.stdout.take().expect("stdout"));
    let mut oracle_ok = vec![None; cases.len()];
    let mut oracle_line = vec![None; cases.len()];
    for line in reader.lines().map_while(Result::ok).take(cases.len()) {
        let v: serde_json::Value = serde_json::from_str(&line).expect("oracle answer");
        if let Some(id) = v["id"].as_u64() {
            oracle_ok[id as usize] = v["ok"].as_bool();
            oracle_line[id as usize] = v["line"].as_u64().map(|l| l as usize);
        }
    }
    writer.join().expect("writer");
    let _ = child.kill();
    let _ = child.wait();

    let mut tallies: std::collections::BTreeMap<String, Tally> = Default::default();
    for (i, (f, text)) in cases.iter().enumerate() {
        let Some(ok) = oracle_ok[i] else { continue };
        let v = validate(text);
        let why = v
            .error()
            .map(|e| format!(" ({}:{}: {})", e.line, e.column, e.message))
            .unwrap_or_default();
        let ours = match v.verdict {
            Verdict::Valid(_) => true,
            Verdict::Invalid(_) => false,
            Verdict::NotValidated(_) => continue,
        };
        let kind = f.split('/').next().unwrap_or("?").to_string();
        let t = tallies.entry(kind).or_default();
        t.compared += 1;
        if let (false, false, Some(theirs), Some(e)) = (ok, ours, oracle_line[i], v.error()) {
            t.lined += 1;
            t.line_match += usize::from(same_line(e.line, theirs, text.lines().count()));
        }
        if ours == ok {
            t.agree += 1;
        } else {
            if ours {
                t.false_accepts += 1;
            }
            eprintln!(
                "DISAGREE case {i} (from {f}): mermaid.js {}, specgate {}{why}: {:?}",
                if ok { "accepts" } else { "rejects" },
                if ours { "accepts" } else { "rejects" },
                text.chars().take(200).collect::<String>()
            );
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    for (kind, t) in &tallies {
        eprintln!(
            "differential {kind}: {} compared, {:.1}% agree, {} false accepts, line {}/{} ({:.1}%)",
            t.compared,
            pct(t.agree, t.compared),
            t.false_accepts,
            t.line_match,
            t.lined,
            pct(t.line_match, t.lined)
        );
    }
    let sum = |f: fn(&Tally) -> usize| tallies.values().map(f).sum::<usize>();
    let (compared, agree) = (sum(|t| t.compared), sum(|t| t.agree));
    let rate = pct(agree, compared);
    eprintln!(
        "differential (seed {seed:#x}): {compared} cases compared, {agree} agree ({rate:.1}%), {} false accepts, line {}/{}",
        sum(|t| t.false_accepts),
        sum(|t| t.line_match),
        sum(|t| t.lined)
    );
    assert!(
        compared * 10 >= n * 9,
        "the oracle answered only {compared} of {n} cases"
    );
    Some(rate)
}
