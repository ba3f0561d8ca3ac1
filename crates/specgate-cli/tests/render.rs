//! `diagrams --out-dir`, `report` and `status` end to end, and the report in real
//! headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core from
//! tests/browser; `scripts/ci-setup-browser.sh` installs both). The browser test skips
//! with a message when either is missing.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn specgate() -> Command {
    let mut c = Command::cargo_bin("specgate").unwrap();
    c.env("SPECGATE_TODAY", "2026-11-24");
    c
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn diagrams_render_to_svg_and_png_and_invalid_ones_are_reported() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("d");
    specgate()
        .current_dir(root())
        .args([
            "diagrams",
            "examples/good/payments-api.md",
            "examples/flawed/notifications.md",
            "--format",
            "both",
            "--out-dir",
        ])
        .arg(&dir)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "examples/flawed/notifications.md:175:16:",
        ))
        .stdout(predicate::str::contains("not rendered"));
    for n in 1..=5 {
        for ext in ["svg", "png"] {
            let p = dir.join(format!("payments-api.md__mermaid_{n:03}.{ext}"));
            assert!(p.is_file(), "{} missing", p.display());
        }
    }
    assert!(!dir.join("notifications.md__mermaid_001.svg").exists());
    assert!(dir.join("notifications.md__mermaid_002.svg").exists());
    // Spaces become underscores; a clean spec exits 0; the default format is SVG.
    let spaced = out.path().join("my spec.md");
    std::fs::write(&spaced, "# T\n\n```mermaid\nflowchart TD\nA-->B\n```\n").unwrap();
    specgate()
        .arg("diagrams")
        .arg(&spaced)
        .arg("--out-dir")
        .arg(&dir)
        .assert()
        .success();
    assert!(dir.join("my_spec.md__mermaid_001.svg").is_file());
    assert!(!dir.join("my_spec.md__mermaid_001.png").exists());
}

/// Every tag of an SVG or HTML text, lower-cased (text between tags is not looked at).
fn tags(markup: &str) -> Vec<String> {
    let mut v = Vec::new();
    let mut rest = markup;
    while let Some(p) = rest.find('<') {
        let end = rest[p..].find('>').map_or(rest.len(), |e| p + e + 1);
        v.push(rest[p..end].to_ascii_lowercase());
        rest = &rest[end..];
    }
    v
}

/// What may not appear in any tag of specgate's output: a script element, an `on…`
/// attribute, an embedding element, or a script / data URL.
fn assert_inert(name: &str, markup: &str) {
    assert!(
        !markup.to_ascii_lowercase().contains("<script"),
        "{name}: <script>"
    );
    for t in tags(markup) {
        let squeezed: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        for bad in [
            "javascript:",
            "vbscript:",
            "data:text/html",
            "data:image/svg",
        ] {
            assert!(!squeezed.contains(bad), "{name}: {bad} in {t}");
        }
        for attr in t.split(|c: char| c.is_whitespace() || c == '/' || c == '"' || c == '\'') {
            let attr_name = attr.split('=').next().unwrap_or("");
            assert!(
                !(attr_name.starts_with("on") && attr.contains('=') && attr_name.len() > 2),
                "{name}: event attribute {attr} in {t}"
            );
        }
        for bad in [
            "<iframe",
            "<object",
            "<embed",
            "<foreignobject",
            "<base",
            "<meta http",
        ] {
            assert!(!t.starts_with(bad), "{name}: {bad} in {t}");
        }
    }
}

/// The XSS corpus through `diagrams`: every diagram is rendered, including the ones
/// whose `%%{init}%%` or front matter asks for `securityLevel: loose`, and no SVG holds
/// a script, an event attribute or a script URL.
#[test]
fn diagrams_of_the_xss_payloads_are_inert_svg() {
    let out = tempfile::tempdir().unwrap();
    specgate()
        .current_dir(root())
        .args(["diagrams", "tests/report/xss.md", "--out-dir"])
        .arg(out.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("5 diagrams: 5 files written"));
    let mut n = 0;
    for e in std::fs::read_dir(out.path()).unwrap() {
        let p = e.unwrap().path();
        let svg = std::fs::read_to_string(&p).unwrap();
        assert!(svg.contains("<svg"), "{}", p.display());
        assert_inert(&p.display().to_string(), &svg);
        n += 1;
    }
    assert_eq!(n, 5);
    // The payload text is kept, as text: the sequence label is escaped, not dropped.
    let seq = std::fs::read_to_string(out.path().join("xss.md__mermaid_002.svg")).unwrap();
    assert!(seq.contains("&lt;script>window.__pwned"), "{seq}");
}

/// The same corpus through `report`: the page and the index are inert too.
#[test]
fn the_report_of_the_xss_payloads_is_inert() {
    let out = tempfile::tempdir().unwrap();
    specgate()
        .current_dir(root())
        .args(["report", "tests/report/xss.md", "--out"])
        .arg(out.path())
        .assert()
        .code(predicate::in_iter([0, 1]));
    let page = std::fs::read_to_string(out.path().join("tests__report__xss.md.html")).unwrap();
    assert!(!page.contains("was withheld"), "the page was withheld");
    assert!(page.matches("<svg").count() >= 5, "diagrams missing");
    let without_style = page
        .split("<style>")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once("</style>").map_or("", |p| p.1)
            }
        })
        .collect::<String>();
    assert_inert("page", &without_style);
    assert_inert(
        "index",
        &std::fs::read_to_string(out.path().join("index.html")).unwrap(),
    );
}

#[test]
fn report_and_status() {
    let out = tempfile::tempdir().unwrap();
    specgate()
        .current_dir(root())
        .args(["report", "examples", "--out"])
        .arg(out.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("2 spec pages"));
    // The findings are the report's content; the gate's exit code only when asked.
    let gated = tempfile::tempdir().unwrap();
    specgate()
        .current_dir(root())
        .args(["report", "examples", "--exit-non-zero-on-findings", "--out"])
        .arg(gated.path())
        .assert()
        .code(1);
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(index.contains("examples__good__payments-api.md.html"));
    assert!(index.contains("A. Chen"));
    let page =
        std::fs::read_to_string(out.path().join("examples__good__payments-api.md.html")).unwrap();
    assert!(
        page.matches("<figure class=\"diagram\" data-diagram")
            .count()
            >= 4
    );
    assert!(
        page.contains("href=\"../"),
        "evidence links are relative to the report"
    );
    assert!(!page.contains("<script"));
    specgate()
        .current_dir(root())
        .args(["status", "examples"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("examples/good/payments-api.md"))
        .stdout(predicate::str::contains("2 specs: 1 passed, 1 failed"));
    let json = specgate()
        .current_dir(root())
        .args(["status", "examples/good", "--output-format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v[0]["check"], "passed");
    assert_eq!(v[0]["owner"], "A. Chen");
}

fn have(cmd: &str) -> bool {
    std::process::Command::new(cmd)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn report_in_headless_chromium() {
    let browser_dir = root().join("tests/browser");
    if !Path::new("/usr/bin/chromium").exists() {
        eprintln!("SKIPPED: /usr/bin/chromium not found (scripts/ci-setup-browser.sh installs it)");
        return;
    }
    if !have("node") || !browser_dir.join("node_modules/playwright-core").is_dir() {
        eprintln!("SKIPPED: node or tests/browser/node_modules/playwright-core missing (scripts/ci-setup-browser.sh)");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let (report, xss, shots) = (
        out.path().join("report"),
        out.path().join("xss"),
        out.path().join("shots"),
    );
    std::fs::create_dir_all(&shots).unwrap();
    specgate()
        .current_dir(root())
        .args(["report", "examples", "--out"])
        .arg(&report)
        .assert()
        .code(0);
    specgate()
        .current_dir(root())
        .args(["report", "tests/report/xss.md", "--out"])
        .arg(&xss)
        .assert()
        .code(predicate::in_iter([0, 1]));
    // The diagrams command's SVG files, each opened on its own (a standalone SVG
    // document runs its scripts, unlike an <img>).
    let svgs = out.path().join("svgs");
    specgate()
        .current_dir(root())
        .args(["diagrams", "tests/report/xss.md", "--out-dir"])
        .arg(&svgs)
        .assert()
        .success();
    let shots = std::env::var_os("SPECGATE_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or(shots);
    std::fs::create_dir_all(&shots).unwrap();
    let run = std::process::Command::new("node")
        .current_dir(&browser_dir)
        .arg("report.test.mjs")
        .args([&report, &xss, &shots, &svgs])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "browser test failed: {stdout}");
    assert!(shots.join("index.png").is_file());
}
