//! End-to-end tests of `specgate fix` and `specgate gate`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn specgate() -> Command {
    let mut c = Command::cargo_bin("specgate").unwrap();
    c.env_remove("NO_COLOR").env("SPECGATE_TODAY", "2026-11-24");
    c
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A small spec with one problem of each safe kind: an Evidence Map under a plain
/// `## Evidence Map` heading missing a source, an emphasised and a trailing evidence
/// statement, an unlisted gap and a delimiter row with too many cells.
const SPEC: &str = "# Technical Specification: Ledger Service

**Owner:** A. Chen  
**Status:** Draft  
**Last updated:** 2026-11-02  

## 9) System Architecture

The ledger has a single writer per partition. Evidence: docs/adr-0007.md

Postings are idempotent.
**Evidence:** docs/incident-review.md

| Limit | Value |
|---|---|---|
| postings/s | 1200 |

Evidence gap: no load test at twice the peak.

## Evidence Gaps
- **Gap:** reversal volume unknown — **Impact:** sizing — **Owner:** A. Chen

## Evidence Map
| Section / Claim | Evidence | Confidence | Notes |
|---|---|---|---|
| 9) Writer | docs/adr-0007.md | High | ADR |
";

fn write(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn fix(path: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    specgate().arg("fix").args(extra).arg(path).assert()
}

#[test]
fn help_for_fix_and_gate() {
    for sub in ["fix", "gate"] {
        specgate()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
}

#[test]
fn fix_regenerates_a_plain_evidence_map_heading_without_duplicating_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "spec.md", SPEC.as_bytes());
    fix(&p, &[])
        .success()
        .stdout(predicate::str::contains("Fixed "));
    let fixed = std::fs::read_to_string(&p).unwrap();
    assert_eq!(fixed.matches("Evidence Map").count(), 1, "{fixed}");
    assert_eq!(fixed.matches("## Evidence Gaps").count(), 1, "{fixed}");
    insta::assert_snapshot!("fix_safe_all_kinds", fixed);
    // Twice is once.
    fix(&p, &[])
        .success()
        .stdout(predicate::str::contains("Nothing to fix"));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), fixed);
    // And the fixed kinds are gone.
    specgate()
        .args(["check", "--select", "SG302,SG306,SG307,SG501"])
        .arg(&p)
        .assert()
        .success();
}

#[test]
fn check_and_diff_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "spec.md", SPEC.as_bytes());
    fix(&p, &["--check"])
        .code(1)
        .stdout(predicate::str::contains("Would apply"));
    fix(&p, &["--diff"])
        .code(1)
        .stdout(predicate::str::contains(
            "+Evidence: docs/incident-review.md",
        ))
        .stdout(predicate::str::contains(
            "-**Evidence:** docs/incident-review.md",
        ));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), SPEC);
    fix(&p, &[]).success();
    fix(&p, &["--check"]).success();
    fix(&p, &["--diff"]).success().stdout("");
}

#[test]
fn crlf_bom_and_missing_final_newline_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let body = SPEC.trim_end().replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(body.as_bytes());
    let p = write(dir.path(), "spec.md", &bytes);
    fix(&p, &[]).success();
    let out = std::fs::read(&p).unwrap();
    assert!(out.starts_with(b"\xEF\xBB\xBF"), "BOM lost");
    let text = String::from_utf8(out[3..].to_vec()).unwrap();
    assert_ne!(text, body, "nothing was fixed");
    assert!(!text.ends_with('\n'), "a final newline was added");
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "a bare LF was written: {text:?}"
    );
    let lf = String::from_utf8(std::fs::read(&p).unwrap()[3..].to_vec()).unwrap();
    fix(&p, &[]).success();
    assert_eq!(
        String::from_utf8(std::fs::read(&p).unwrap()[3..].to_vec()).unwrap(),
        lf
    );
}

#[test]
fn a_file_with_nothing_to_fix_keeps_its_mtime() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "spec.md", SPEC.as_bytes());
    fix(&p, &["--unsafe"]).success();
    let before = std::fs::metadata(&p).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(50));
    fix(&p, &["--unsafe"])
        .success()
        .stdout(predicate::str::contains("Nothing to fix"));
    fix(&p, &[]).success();
    assert_eq!(std::fs::metadata(&p).unwrap().modified().unwrap(), before);
}

#[test]
fn touch_date_updates_last_updated_only_when_the_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "spec.md", SPEC.as_bytes());
    fix(&p, &["--touch-date"]).success();
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains("**Last updated:** 2026-11-24"), "{text}");
    let mut c = specgate();
    c.env("SPECGATE_TODAY", "2027-01-01")
        .args(["fix", "--touch-date"])
        .arg(&p)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), text);
}

#[test]
fn unsafe_fix_syncs_the_quality_gate() {
    let spec = "# Technical Specification: Ledger Service

**Status:** Draft  

## 9) System Architecture

```mermaid
flowchart LR
  API --> Ledger
```

Evidence: docs/adr-0007.md

## 10) Component Design

### Component: Scheduler

**Status:** planned

Closes accounting periods at midnight.
Evidence: docs/close.md

## 37) Tech Spec Quality Gate (Required)

* [ ] Architecture is clear and diagrammed
* [x] Every stateful component has a state machine (or N/A + reason)
* [x] Data model includes constraints and indexes
* [ ] Security threats are identified and mitigations listed
";
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "spec.md", spec.as_bytes());
    // Safe fixes never touch the gate.
    fix(&p, &["--select", "SG911"]).success();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), spec);
    fix(&p, &["--unsafe", "--select", "SG911"]).success();
    let fixed = std::fs::read_to_string(&p).unwrap();
    insta::assert_snapshot!("fix_unsafe_quality_gate_sync", fixed);
    assert!(fixed.contains("* [x] Architecture is clear and diagrammed"));
    assert!(fixed.contains("* [ ] Every stateful component"));
    // Boxes specgate cannot verify are left alone.
    assert!(fixed.contains("* [x] Data model includes"));
    assert!(fixed.contains("* [ ] Security threats"));
}

#[test]
fn unsafe_fix_inserts_missing_sections_once() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "spec.md", SPEC.as_bytes());
    fix(&p, &["--unsafe"]).success();
    let once = std::fs::read_to_string(&p).unwrap();
    assert!(once.contains("## 14) Security Considerations (Required)"));
    assert_eq!(once.matches("Evidence Map").count(), 1);
    fix(&p, &["--unsafe"]).success();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), once);
    specgate()
        .args(["check", "--select", "SG101,SG302,SG306,SG307,SG501"])
        .arg(&p)
        .assert()
        .success();
}

#[test]
fn gate_passes_on_the_good_example() {
    specgate()
        .current_dir(root())
        .args(["gate", "examples/good"])
        .assert()
        .success()
        .stdout(predicate::str::contains("gate: 1 spec, 1 passed, 0 failed"))
        .stdout(predicate::str::contains("vale"));
}

#[test]
fn gate_lists_failures_of_three_stages_on_the_flawed_example() {
    let out = specgate()
        .current_dir(root())
        .args(["gate", "examples/good", "examples/flawed"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "gate: 2 specs, 1 passed, 1 failed",
        ))
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    for stage in ["check", "diagrams", "export"] {
        assert!(
            out.contains(&format!(
                "examples/flawed/notifications.md:175:16: {stage}: error["
            )) || out
                .lines()
                .any(|l| l.starts_with("examples/flawed/notifications.md:")
                    && l.contains(&format!(": {stage}: error["))),
            "no {stage} failure listed:\n{out}"
        );
    }
    let row = out
        .lines()
        .find(|l| l.starts_with("examples/flawed/notifications.md "))
        .expect("table row");
    assert!(row.matches("FAIL").count() >= 4, "{row}");

    let json = specgate()
        .current_dir(root())
        .args(["gate", "--output-format", "json", "examples/flawed"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let stages = &v["specs"][0]["stages"];
    let failed: Vec<&str> = ["check", "diagrams", "export", "vale"]
        .into_iter()
        .filter(|s| stages[*s]["status"] == "fail")
        .collect();
    assert_eq!(failed, ["check", "diagrams", "export"]);
    assert_eq!(v["summary"]["failed"], 1);
    for format in ["sarif", "github"] {
        specgate()
            .current_dir(root())
            .args(["gate", "--output-format", format, "examples/flawed"])
            .assert()
            .code(1)
            .stdout(predicate::str::contains("SG621"));
    }
}

#[test]
fn gate_exits_2_on_a_missing_file() {
    specgate()
        .args(["gate", "no/such/spec.md"])
        .assert()
        .code(2);
}
