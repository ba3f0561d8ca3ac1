//! `specgate diagrams --check`: exit codes, positions in the spec, JSON output, `.mmd`.

use assert_cmd::Command;
use predicates::prelude::*;

fn specgate() -> Command {
    Command::cargo_bin("specgate").expect("binary")
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, text).expect("write");
    p
}

const SPEC: &str = "# Technical Specification: X\n\n- Flow:\n\n  ```mermaid title=\"f\"\n  sequenceDiagram\n    A->>B: hi\n    A-->>>B: no\n  ```\n\n```mermaid\nstateDiagram-v2\n[*] --> A\n```\n";

#[test]
fn invalid_diagram_exits_1_with_the_spec_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "spec.md", SPEC);
    specgate()
        .args(["diagrams", "--check"])
        .arg(&p)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "spec.md:8:10: error: invalid Mermaid sequence",
        ))
        .stdout(predicate::str::contains("2 diagrams checked: 1 invalid"));
}

#[test]
fn json_prints_one_object_per_diagram() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "spec.md", SPEC);
    let out = specgate()
        .args(["diagrams", "--check", "--output-format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["index"], 0);
    assert_eq!(lines[0]["type"], "sequence");
    assert_eq!(lines[0]["ok"], false);
    assert_eq!(lines[0]["error"]["line"], 8);
    assert_eq!(lines[0]["error"]["column"], 10);
    assert_eq!(lines[1]["type"], "state");
    assert_eq!(lines[1]["ok"], true);
    assert!(lines[1]["error"].is_null());
}

#[test]
fn valid_mmd_and_unvalidated_types_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(&dir, "a.mmd", "graph TD\n  A --> B\n");
    let b = write(&dir, "b.mmd", "pie\n  \"a\" : 1\n");
    specgate()
        .args(["diagrams", "--check"])
        .arg(&a)
        .arg(&b)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("not validated"));
}

#[test]
fn invalid_mmd_reports_the_diagram_position() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(&dir, "a.mmd", "graph TD\n  A --> B((x\n");
    specgate()
        .args(["diagrams", "--check"])
        .arg(&a)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("a.mmd:2:10: error"));
}

#[test]
fn missing_file_or_unwritable_out_dir_exits_2() {
    specgate()
        .args(["diagrams", "--check", "does-not-exist.md"])
        .assert()
        .code(2);
    // Without --check, diagrams are rendered (tests/render.rs); an out-dir that is a
    // file is an I/O error.
    let dir = tempfile::tempdir().unwrap();
    let a = write(&dir, "a.mmd", "graph TD\nA-->B\n");
    specgate()
        .args(["diagrams"])
        .arg(&a)
        .arg("--out-dir")
        .arg(&a)
        .assert()
        .code(2);
}
