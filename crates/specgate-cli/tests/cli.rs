//! End-to-end tests of the `specgate` binary.

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

#[test]
fn help_everywhere() {
    for sub in [&[][..], &["check"], &["new"], &["rules"], &["explain"]] {
        specgate()
            .args(sub)
            .arg("--help")
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
    specgate().arg("--version").assert().success().stdout(
        predicate::str::is_match(r"^specgate \d+\.\d+\.\d+ \(template [0-9a-f]{12}\)\n$").unwrap(),
    );
}

#[test]
fn new_scaffolds_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("specs/payments.md");
    specgate()
        .args(["new", "--title", "Payments API", "--owner", "A. Chen", "-o"])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("# Technical Specification: Payments API\n"),
        "{}",
        &text[..80]
    );
    assert!(text.contains("**Owner:** A. Chen"));
    assert!(text.contains("**Last updated:** 2026-11-24"));
    std::fs::write(&out, "keep me").unwrap();
    specgate()
        .args(["new", "--title", "Other", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    specgate()
        .args(["new", "--title", "Other", "--force", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&out).unwrap().contains("Other"));
}

#[test]
fn new_prints_to_stdout_without_output() {
    specgate()
        .args(["new", "--title", "X"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "# Technical Specification: X\n",
        ));
}

#[test]
fn good_example_is_clean() {
    specgate()
        .current_dir(root())
        .args(["check", "examples/good/payments-api.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("All checks passed"));
}

#[test]
fn flawed_example_has_findings_in_every_format() {
    let r = root();
    specgate()
        .current_dir(&r)
        .args(["check", "examples/flawed/notifications.md"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("error[SG301]").and(predicate::str::contains(
                "--> examples/flawed/notifications.md:",
            )),
        );
    let out = specgate()
        .current_dir(&r)
        .args([
            "check",
            "--output-format",
            "json",
            "examples/flawed/notifications.md",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert!(v["summary"]["errors"].as_u64().unwrap() >= 5);
    let d = &v["files"][0]["diagnostics"][0];
    assert!(d["code"].as_str().unwrap().starts_with("SG"));
    assert!(d["location"]["line"].as_u64().unwrap() >= 1);
    specgate()
        .current_dir(&r)
        .args(["check", "--output-format", "github", "examples/flawed/notifications.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::is_match(r"(?m)^::error file=examples/flawed/notifications.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=SG\d{3} \(").unwrap());
}

#[test]
fn directory_walk_finds_specs_only_and_is_deterministic() {
    let r = root();
    let run = || {
        specgate()
            .current_dir(&r)
            .args(["check", "--output-format", "json", "examples"])
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone()
    };
    let a = run();
    assert_eq!(a, run());
    let v: serde_json::Value = serde_json::from_slice(&a).unwrap();
    let paths: Vec<_> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        paths,
        [
            "examples/flawed/notifications.md",
            "examples/good/payments-api.md"
        ]
    );
}

#[test]
fn bad_input_is_exit_2_and_other_files_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.md");
    std::fs::write(&bad, b"# T\n\xff\xfe broken").unwrap();
    let png = dir.path().join("image.md");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let good = root().join("examples/good/payments-api.md");
    specgate()
        .arg("check")
        .arg(&bad)
        .arg(&png)
        .arg(&good)
        .arg(dir.path().join("missing.md"))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("bad.md: 2:1: invalid UTF-8")
                .and(predicate::str::contains("image.md: binary file"))
                .and(predicate::str::contains("missing.md:")),
        )
        .stdout(
            predicate::str::contains("1 file")
                .not()
                .and(predicate::str::contains("4 files")),
        );
}

#[test]
fn crlf_bom_and_empty_files_do_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = dir.path().join("crlf.md");
    std::fs::write(
        &crlf,
        b"\xEF\xBB\xBF# Technical Specification: X\r\n\r\n## 0) Summary\r\nText.\r\n",
    )
    .unwrap();
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, b"").unwrap();
    let fm = dir.path().join("fm.md");
    std::fs::write(&fm, b"---\ntitle: x\n---\n").unwrap();
    let out = specgate()
        .arg("check")
        .arg(&crlf)
        .arg(&empty)
        .arg(&fm)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8(out).unwrap();
    assert!(s.contains("crlf.md:4:1"), "{s}");
    assert!(!s.contains("panicked"));
}

#[test]
fn rules_and_explain() {
    specgate().arg("rules").assert().success().stdout(
        predicate::str::contains("SG301").and(predicate::str::contains("missing-evidence")),
    );
    let out = specgate()
        .args(["rules", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), specgate_rules_count());
    for key in ["SG301", "missing-evidence"] {
        specgate().args(["explain", key]).assert().success().stdout(
            predicate::str::contains("## What it does").and(predicate::str::contains("## Fix")),
        );
    }
    specgate()
        .args(["explain", "SG999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule"));
}

fn specgate_rules_count() -> usize {
    let out = specgate()
        .arg("rules")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap().lines().count()
}

#[test]
fn select_ignore_and_strict() {
    let r = root();
    let out = specgate()
        .current_dir(&r)
        .args([
            "check",
            "--output-format",
            "json",
            "--select",
            "SG3",
            "examples/flawed/notifications.md",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    for d in v["files"][0]["diagnostics"].as_array().unwrap() {
        assert!(d["code"].as_str().unwrap().starts_with("SG3"), "{d}");
    }
    // Only warnings → exit 0, with --strict → exit 1.
    specgate()
        .current_dir(&r)
        .args([
            "check",
            "--select",
            "SG302",
            "examples/flawed/notifications.md",
        ])
        .assert()
        .code(0);
    specgate()
        .current_dir(&r)
        .args([
            "check",
            "--strict",
            "--select",
            "SG302",
            "examples/flawed/notifications.md",
        ])
        .assert()
        .code(1);
    specgate()
        .args(["check", "--select", "SG999", "x.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `SG999`"));
}

#[test]
fn config_errors_name_the_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("specgate.toml");
    std::fs::write(&cfg, "select = [\"SG301\"]\nignore = [\"SG999\"]\n").unwrap();
    let spec = dir.path().join("a.md");
    std::fs::write(&spec, "# Technical Specification: A\n").unwrap();
    specgate()
        .arg("check")
        .arg(&spec)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "specgate.toml:2:11: unknown rule `SG999`",
        ));
    std::fs::write(&cfg, "select = [\"SG301\"\n").unwrap();
    specgate()
        .arg("check")
        .arg(&spec)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("specgate.toml:"));
    std::fs::write(&cfg, "colour = true\n").unwrap();
    specgate()
        .arg("check")
        .arg(&spec)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "specgate.toml:1:1: unknown field `colour`",
        ));
}

#[test]
fn fix_rewrites_evidence_form_atomically_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("s.md");
    let src = "# Technical Specification: A\r\n\r\n## 0) Summary\r\nWe retry twice. Evidence: https://example.com/retries\r\n\r\n**Evidence:** https://example.com/x\r\n";
    std::fs::write(&spec, src).unwrap();
    specgate()
        .args(["check", "--fix", "--select", "SG302"])
        .arg(&spec)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Fixed 2 findings"));
    let once = std::fs::read_to_string(&spec).unwrap();
    assert!(
        once.contains("We retry twice.\r\nEvidence: https://example.com/retries"),
        "{once:?}"
    );
    assert!(
        once.contains("\r\nEvidence: https://example.com/x\r\n"),
        "{once:?}"
    );
    let mtime = std::fs::metadata(&spec).unwrap().modified().unwrap();
    specgate()
        .args(["check", "--fix", "--select", "SG302"])
        .arg(&spec)
        .assert()
        .code(0);
    assert_eq!(std::fs::read_to_string(&spec).unwrap(), once);
    assert_eq!(
        std::fs::metadata(&spec).unwrap().modified().unwrap(),
        mtime,
        "a file with nothing to fix is not rewritten"
    );
}

#[test]
fn suppression_comments() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("s.md");
    std::fs::write(
        &spec,
        "# Technical Specification: A\n\n## 0) Summary\n<!-- specgate-disable-next-line SG201 -->\nOwner is <name>.\nEvidence gap: none yet\n\n<!-- specgate-disable-next-line SG205 -->\nNothing to suppress here.\nEvidence gap: none yet\n",
    )
    .unwrap();
    let out = specgate()
        .args([
            "check",
            "--output-format",
            "json",
            "--select",
            "SG201,SG205,SG001",
        ])
        .arg(&spec)
        .assert()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let codes: Vec<_> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes, ["SG001"]);
}

#[test]
fn sarif_output_is_structurally_valid() {
    let out = specgate()
        .current_dir(root())
        .args([
            "check",
            "--output-format",
            "sarif",
            "examples/flawed/notifications.md",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().all(|r| r["id"].is_string()
        && r["help"]["text"]
            .as_str()
            .unwrap()
            .contains("## What it does")));
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(
            region["startLine"].as_u64().unwrap() >= 1
                && region["startColumn"].as_u64().unwrap() >= 1
        );
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "examples/flawed/notifications.md"
        );
    }
}

#[test]
fn sarif_output_validates_against_the_2_1_0_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            root().join("crates/specgate-cli/tests/data/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    // Findings of many rules, a bad-input file (a notification), and a clean file.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.md");
    std::fs::write(&bad, b"\xff\xfe\x00# x").unwrap();
    let out = specgate()
        .current_dir(root())
        .args([
            "check",
            "--output-format",
            "sarif",
            "examples/flawed/notifications.md",
            "examples/good/payments-api.md",
        ])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF schema violations: {errors:#?}");
    assert!(v["runs"][0]["results"].as_array().unwrap().len() > 10);
    // The validator does reject what the schema forbids.
    let mut broken = v.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn junit_output_has_a_case_per_file_and_escapes_text() {
    let out = specgate()
        .current_dir(root())
        .args([
            "check",
            "--output-format",
            "junit",
            "examples/flawed/notifications.md",
            "examples/good/payments-api.md",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8(out).unwrap();
    assert!(s.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"specgate\" tests=\"2\" failures=\"1\">"), "{s}");
    assert_eq!(s.matches("<testcase ").count(), 2);
    assert!(s.contains("<failure message="));
    assert!(
        s.contains("&lt;") || s.contains("&quot;") || s.contains("&apos;"),
        "placeholder text must be escaped"
    );
    assert!(s.trim_end().ends_with("</testsuites>"));
}

#[test]
fn a_team_template_from_config_drives_the_checks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ADR.md"),
        "# ADR: <title>\n\n**Status:** Proposed | Accepted | Superseded\n\n## Context (required)\n<why>\n\n## Decision (required)\n<what>\n\n## Consequences (Recommended)\n<so what>\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("specgate.toml"),
        "template = \"ADR.md\"\n[aliases]\n\"Background\" = \"Context\"\n",
    )
    .unwrap();
    let adr = dir.path().join("0001-use-rust.md");
    std::fs::write(&adr, "# ADR: Use Rust\n\n**Status:** Maybe\n\n## Background\nWe need speed.\nEvidence: https://example.com/bench\n").unwrap();
    let out = specgate()
        .args(["check", "--output-format", "json"])
        .arg(&adr)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let msgs: Vec<String> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        msgs.contains(&"SG101 missing required section `Decision (required)`".to_string()),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(
            &"SG102 missing recommended section `Consequences (Recommended)`".to_string()
        ),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("SG402 `Maybe` is not a valid Status")),
        "{msgs:?}"
    );
    // `Background` is an alias of `Context`: not reported missing.
    assert!(!msgs.iter().any(|m| m.contains("`Context")), "{msgs:?}");
    // Directory walking uses the template's title prefix ("ADR").
    let out = specgate()
        .args(["check", "--output-format", "json"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let files: Vec<_> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(files.contains(&"0001-use-rust.md".to_string()), "{files:?}");
}

/// Codes of the findings `check --output-format json` reports for `spec`.
fn codes_of(spec: &Path) -> Vec<String> {
    let out = specgate()
        .args(["check", "--output-format", "json"])
        .arg(spec)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn evidence_forms_and_exemptions_come_from_config() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("specgate.toml");
    let spec = dir.path().join("a.md");
    std::fs::write(
        &spec,
        "# Technical Specification: A\n\n## 9) System Architecture\n\nOne writer. Evidence: https://example.com/a\n\n**Evidence:** https://example.com/b\n\n## 34) Evidence Gaps (required)\n\nNothing is missing.\n",
    )
    .unwrap();
    std::fs::write(&cfg, "select = [\"SG301\", \"SG302\"]\n").unwrap();
    let codes = codes_of(&spec);
    assert_eq!(
        codes.iter().filter(|c| *c == "SG302").count(),
        2,
        "{codes:?}"
    );
    assert!(!codes.contains(&"SG301".to_string()), "{codes:?}");

    std::fs::write(
        &cfg,
        "select = [\"SG301\", \"SG302\"]\nevidence-forms = [\"trailing\"]\nevidence-exempt = [\"!Evidence Gaps\"]\n",
    )
    .unwrap();
    let codes = codes_of(&spec);
    // The emphasised form is still reported; the trailing one is accepted. The Evidence
    // Gaps paragraph now needs evidence.
    assert_eq!(
        codes.iter().filter(|c| *c == "SG302").count(),
        1,
        "{codes:?}"
    );
    assert_eq!(
        codes.iter().filter(|c| *c == "SG301").count(),
        1,
        "{codes:?}"
    );

    std::fs::write(&cfg, "evidence-forms = [\"canonical\", \"bold\"]\n").unwrap();
    specgate()
        .arg("check")
        .arg(&spec)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "specgate.toml:1:32: unknown evidence form `bold`",
        ));
}

/// Discovery in a directory: a Markdown file is a spec when its first heading starts
/// with the template's kind (or it sits under `specs/` and its title names a kind);
/// other Markdown, a non-UTF-8 non-spec and a spec whose title is past 8 KiB are
/// skipped and counted, not reported; a document under `specs/` of no known kind is
/// listed on stderr. The title is read with the file's text (one read per file).
#[test]
fn directory_discovery_checks_specs_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        root().join("examples/good/payments-api.md"),
        d.join("payments.md"),
    )
    .unwrap();
    std::fs::write(d.join("README.md"), "# Readme\n\nTODO: nothing here.\n").unwrap();
    std::fs::write(d.join("notes.md"), b"# Notes \xff\xfe\n").unwrap();
    let late = format!(
        "{}\n# Technical Specification: Late\n",
        "filler line\n".repeat(1000)
    );
    std::fs::write(d.join("late.md"), late).unwrap();
    std::fs::create_dir(d.join("specs")).unwrap();
    std::fs::write(d.join("specs/any.md"), "# Anything\n").unwrap();
    let out = specgate()
        .arg("check")
        .arg(d)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("in 1 file; 4 skipped as not a spec of a known template."),
        "{stdout}\n{stderr}"
    );
    assert!(!stdout.contains("any.md"), "{stdout}");
    assert!(
        stderr.contains("1 document under spec directories matches no template")
            && stderr.contains("any.md (`# Anything`)"),
        "{stderr}"
    );
    assert!(stdout.contains("payments.md"), "{stdout}");
    for skipped in ["README.md", "notes.md", "late.md"] {
        assert!(!stdout.contains(skipped), "{skipped} reported:\n{stdout}");
        assert!(!stderr.contains(skipped), "{skipped} reported:\n{stderr}");
    }
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
}
