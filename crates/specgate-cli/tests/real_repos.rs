//! `../shared/corpus/real/` laid out as its authors keep it (`scripts/corpus-layout.py`:
//! each document at its original path under `.spec/`, `.specs/` or `specs/` of a git
//! repository), checked with `check .` as a new user would.
//!
//! The expected kind of each document comes from the manifest (its `kind` column and
//! the corpus file name), which the routing never sees: it sees the original path and
//! the text.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The laid-out corpus, or `None` (with a visible message) without `../shared`.
fn layout(with_templates: bool) -> Option<tempfile::TempDir> {
    if !root().join("../shared/corpus/real").is_dir() {
        eprintln!("SKIPPED: ../shared/corpus/real not found");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new("python3");
    cmd.arg(root().join("scripts/corpus-layout.py"))
        .arg(dir.path());
    if with_templates {
        cmd.arg("--templates");
    }
    assert!(cmd.status().expect("python3").success());
    Some(dir)
}

/// (original path under the layout, manifest kind, corpus file name) per document.
fn manifest() -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(root().join("../shared/corpus/real/MANIFEST.tsv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            let repo = c[1].rsplit('/').next().unwrap();
            (
                format!("./{repo}/{}", c[2]),
                c[5].to_string(),
                c[0].to_string(),
            )
        })
        .collect()
}

/// The template of each document's kind, as the corpus report used to assign them by
/// hand (a lite PRD has a template of its own now).
fn expected_template(kind: &str, name: &str) -> &'static str {
    let t = |n: &'static str| n;
    if name.contains("ux") {
        t(".spec/templates/ux-spec-template.md")
    } else if name.contains("build-plan") {
        t(".spec/templates/build-plan-template.md")
    } else if name.contains("foundation") {
        t(".spec/templates/foundation-spec-template.md")
    } else if kind == "prd" && name.contains("lite") {
        t(".spec/templates/LITE_PRD_TEMPLATE.md")
    } else if kind == "prd" && name.contains("mini") {
        t(".spec/templates/PRD_TEMPLATE_MINI.md")
    } else if kind == "prd" {
        t(".spec/templates/PRD_TEMPLATE.md")
    } else {
        "built-in"
    }
}

fn check(dir: &Path) -> (Vec<(String, String, Vec<String>)>, String) {
    let out: Output = Command::cargo_bin("specgate")
        .unwrap()
        .current_dir(dir)
        .env("SPECGATE_TODAY", "2026-11-24")
        .args(["check", ".", "--output-format", "json"])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["template"].as_str().unwrap_or("").to_string(),
                f["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d["code"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    (files, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn with_the_sibling_templates_every_document_gets_its_own_kind() {
    let Some(dir) = layout(true) else { return };
    let (files, stderr) = check(dir.path());
    let docs = manifest();
    assert_eq!(
        files.len(),
        docs.len(),
        "every document is found:\n{stderr}"
    );
    for (path, kind, name) in &docs {
        let f = files
            .iter()
            .find(|f| &f.0 == path)
            .unwrap_or_else(|| panic!("{path} not checked:\n{stderr}"));
        assert_eq!(f.1, expected_template(kind, name), "{path} ({name})");
    }
}

#[test]
fn without_them_tech_specs_are_checked_and_the_rest_listed() {
    let Some(dir) = layout(false) else { return };
    let (files, stderr) = check(dir.path());
    let docs = manifest();
    for f in &files {
        let (_, kind, name) = docs.iter().find(|d| d.0 == f.0).unwrap();
        assert_eq!(
            kind, "tech",
            "{name} checked against the tech-spec template"
        );
        assert_eq!(f.1, "built-in");
    }
    // Every other document is found and listed as unmatched: none is lost, and none
    // gets a "missing section" finding from another kind's template.
    let unmatched = docs.len() - files.len();
    assert!(
        stderr.contains(&format!(
            "note: {unmatched} documents under spec directories match no template"
        )),
        "{stderr}"
    );
    for (path, kind, _) in &docs {
        if kind != "tech" {
            assert!(!files.iter().any(|f| &f.0 == path), "{path}");
        }
    }
    assert!(files.len() >= 4, "the tech specs titled as such: {files:?}");
}
