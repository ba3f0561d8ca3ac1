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
            "examples/flawed/notifications.md:180:",
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

#[test]
fn report_and_status() {
    let out = tempfile::tempdir().unwrap();
    specgate()
        .current_dir(root())
        .args(["report", "examples", "--out"])
        .arg(out.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("2 spec pages"));
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
        .code(1);
    specgate()
        .current_dir(root())
        .args(["report", "tests/report/xss.md", "--out"])
        .arg(&xss)
        .assert()
        .code(predicate::in_iter([0, 1]));
    let shots = std::env::var_os("SPECGATE_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or(shots);
    std::fs::create_dir_all(&shots).unwrap();
    let run = std::process::Command::new("node")
        .current_dir(&browser_dir)
        .arg("report.test.mjs")
        .args([&report, &xss, &shots])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "browser test failed: {stdout}");
    assert!(shots.join("index.png").is_file());
}
