//! Real repositories: specs in hidden `.spec/` folders beside PRDs, reviews and notes,
//! found by a walk and each checked against the template of its kind.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

fn specgate() -> Command {
    let mut c = Command::cargo_bin("specgate").unwrap();
    c.env("NO_COLOR", "1").env("SPECGATE_TODAY", "2026-11-24");
    c
}

const TECH: &str = "# Technical Specification: Billing\n\n**Owner:** A. Chen\n\n## 0) Summary\n\nBills.\nEvidence: src/billing.rs\n";
const PRD: &str = "# PRD: Billing\n\n**Owner:** B. Ortiz\n**Status:** Draft\n\n## 1) Problem\n\nInvoices are late.\nEvidence gap: no data yet\n";
const REVIEW: &str = "# Billing review, January\n\n**Owner:** C. Diaz\n**Date:** 2026-01-10\n\n## 1) Findings\n\nAll good.\nEvidence: docs/review.md\n";
const NOTES: &str = "# Meeting notes\n\nWe met.\n";
const PRD_TEMPLATE: &str = "# PRD: <Product Name>\n\n**Owner:** <name>\n**Status:** Draft | In Review | Approved\n\n## 1) Problem (required)\n\n<What problem?>\nEvidence:\n";
const REVIEW_TEMPLATE: &str = "# Project Review Report: <Project Name>\n\n**Owner:** <name>\n**Date:** YYYY-MM-DD\n\n## 1) Findings (required)\n\n<What was found?>\nEvidence:\n";

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A git repository (made by the real `git`) with a mixture of documents in `.spec/`.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let git = std::process::Command::new("git")
        .args(["init", "-q"])
        .arg(d)
        .status()
        .expect("git is installed");
    assert!(git.success());
    write(d, ".spec/tech-spec-billing.md", TECH);
    write(d, ".spec/legacy/2025/tech-spec-old.md", TECH);
    write(d, ".specs/prd-billing.md", PRD);
    write(d, ".spec/review-billing.md", REVIEW);
    write(d, ".spec/notes.md", NOTES);
    write(d, ".spec/templates/PRD_TEMPLATE.md", PRD_TEMPLATE);
    write(d, ".spec/templates/REVIEW_TEMPLATE.md", REVIEW_TEMPLATE);
    // Not entered: other hidden directories, node_modules, .gitignore'd folders.
    write(d, ".venv/lib/specs/tech.md", TECH);
    write(d, "node_modules/pkg/specs/tech.md", TECH);
    write(d, ".gitignore", "build/\n");
    write(d, "build/specs/tech.md", TECH);
    write(d, "README.md", "# Billing service\n");
    #[cfg(unix)]
    {
        // A symbolic link is not followed (a loop cannot trap the walk).
        std::os::unix::fs::symlink(d.join(".spec"), d.join(".spec/loop")).unwrap();
        std::os::unix::fs::symlink(
            d.join(".spec/tech-spec-billing.md"),
            d.join(".spec/link.md"),
        )
        .unwrap();
    }
    dir
}

const CONFIG: &str = r#"
[[templates]]
path = ".spec/templates/PRD_TEMPLATE.md"

[[templates]]
path = ".spec/templates/REVIEW_TEMPLATE.md"
match = [".spec/review-*.md"]
"#;

fn run(dir: &Path, args: &[&str]) -> Output {
    specgate().current_dir(dir).args(args).output().unwrap()
}

/// `(path, template, codes)` of every file in `check --output-format json`.
fn checked(out: &Output) -> Vec<(String, String, Vec<String>)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let codes = f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["code"].as_str().unwrap().to_string())
                .collect();
            (
                f["path"].as_str().unwrap().to_string(),
                f["template"].as_str().unwrap_or("").to_string(),
                codes,
            )
        })
        .collect()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn without_templates_tech_specs_are_checked_and_the_rest_listed() {
    let dir = repo();
    let out = run(dir.path(), &["check", ".", "--output-format", "json"]);
    let files = checked(&out);
    let paths: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        paths,
        [
            "./.spec/legacy/2025/tech-spec-old.md",
            "./.spec/tech-spec-billing.md"
        ],
        "{}",
        text(&out.stderr)
    );
    assert!(files.iter().all(|f| f.1 == "built-in"));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("3 documents under spec directories match no template, not checked")
            && stderr.contains("./.specs/prd-billing.md (`# PRD: Billing`)")
            && stderr.contains("./.spec/notes.md (`# Meeting notes`)"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["summary"]["skipped"], 4,
        "README.md and the three unmatched"
    );
    // The human summary counts them too.
    let out = run(dir.path(), &["check", "."]);
    assert!(
        text(&out.stdout).contains("in 2 files; 4 skipped as not a spec of a known template"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn with_templates_each_document_gets_its_own_kind() {
    let dir = repo();
    write(dir.path(), "specgate.toml", CONFIG);
    let out = run(dir.path(), &["check", ".", "--output-format", "json"]);
    let files = checked(&out);
    let got: Vec<(&str, &str)> = files.iter().map(|f| (f.0.as_str(), f.1.as_str())).collect();
    assert_eq!(
        got,
        [
            ("./.spec/legacy/2025/tech-spec-old.md", "built-in"),
            (
                "./.spec/review-billing.md",
                ".spec/templates/REVIEW_TEMPLATE.md"
            ),
            ("./.spec/tech-spec-billing.md", "built-in"),
            ("./.specs/prd-billing.md", ".spec/templates/PRD_TEMPLATE.md"),
        ],
        "{}",
        text(&out.stderr)
    );
    // The PRD is checked against the PRD template: none of the tech template's sections.
    let prd = &files[3];
    assert!(!prd.2.contains(&"SG101".to_string()), "{:?}", prd.2);
    assert!(text(&out.stderr).contains("1 document under spec directories matches no template"));
    // --verbose names each file's template.
    let out = run(dir.path(), &["check", ".", "--verbose", "--quiet"]);
    assert!(
        text(&out.stderr)
            .contains("./.specs/prd-billing.md: template .spec/templates/PRD_TEMPLATE.md"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_named_document_of_no_kind_gets_one_finding_and_no_fix() {
    let dir = repo();
    let out = run(
        dir.path(),
        &["check", ".spec/notes.md", "--output-format", "json"],
    );
    let files = checked(&out);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].2, ["SG003"], "{}", text(&out.stdout));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let msg = v["files"][0]["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        msg.contains("its H1 `Meeting notes` names none of the kinds technical specification"),
        "{msg}"
    );
    assert_eq!(out.status.code(), Some(0), "a warning");
    // `fix --unsafe` inserts no other kind's sections.
    let before = std::fs::read(dir.path().join(".spec/notes.md")).unwrap();
    let out = run(dir.path(), &["fix", "--unsafe", ".spec/notes.md"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read(dir.path().join(".spec/notes.md")).unwrap(),
        before
    );
    // The PRD too, without a PRD template: one finding, nothing inserted.
    let before = std::fs::read(dir.path().join(".specs/prd-billing.md")).unwrap();
    run(dir.path(), &["fix", "--unsafe", ".specs/prd-billing.md"]);
    assert_eq!(
        std::fs::read(dir.path().join(".specs/prd-billing.md")).unwrap(),
        before
    );
    // --force-exclude (pre-commit) treats it as a walk does: skipped.
    let out = run(dir.path(), &["check", "--force-exclude", ".spec/notes.md"]);
    assert!(
        text(&out.stdout).contains("0 files; 1 skipped"),
        "{}",
        text(&out.stdout)
    );
    // gate does not pass a document it could not check.
    let out = run(dir.path(), &["gate", ".spec/notes.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
}

#[test]
fn status_shows_each_kinds_fields_and_dashes_for_the_rest() {
    let dir = repo();
    write(dir.path(), "specgate.toml", CONFIG);
    let out = run(dir.path(), &["status", ".", "--output-format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = |p: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["path"] == p)
            .unwrap_or_else(|| panic!("{p}: {rows}"))
            .clone()
    };
    let prd = row("./.specs/prd-billing.md");
    assert_eq!(prd["owner"], "B. Ortiz");
    assert_eq!(prd["status"], "Draft");
    assert_eq!(prd["template"], ".spec/templates/PRD_TEMPLATE.md");
    let review = row("./.spec/review-billing.md");
    assert_eq!(review["owner"], "C. Diaz");
    assert_eq!(review["status"], "—", "the review template has no Status");
    assert_eq!(rows.as_array().unwrap().len(), 4);
}

#[test]
fn nothing_found_is_said_and_gate_and_status_do_not_pass() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "README.md", "# Readme\n");
    write(dir.path(), "docs/guide.md", "# Guide\n");
    let out = run(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("warning: no spec found under `.`: 2 Markdown files looked at, none under .spec/, .specs/ or specs/ with a known template, none titled `technical specification`"),
        "{stderr}"
    );
    assert!(text(&out.stdout).contains("All checks passed (0 files; 2 skipped"));
    for cmd in ["gate", "status"] {
        let out = run(dir.path(), &[cmd]);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {}", text(&out.stdout));
        assert!(
            text(&out.stderr).contains("no spec found under `.`"),
            "{cmd}"
        );
    }
}

#[test]
fn init_proposes_the_templates_a_repository_needs() {
    let dir = repo();
    let out = run(dir.path(), &["init"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let cfg = std::fs::read_to_string(dir.path().join("specgate.toml")).unwrap();
    assert!(
        cfg.contains("# 1 document titled `prd`, e.g. .specs/prd-billing.md\n# [[templates]]\n# path = \".spec/templates/PRD_TEMPLATE.md\"\n# match = [\".specs/prd-*.md\"]"),
        "{cfg}"
    );
    assert!(cfg.contains("titled `meeting notes`"), "{cfg}");
    // The proposals are comments: the file still parses as the defaults.
    specgate_lint::Config::parse(&cfg, Path::new("specgate.toml")).unwrap();
}
