//! Team templates that are not specgate's own (`tests/templates/<family>/`): the
//! template decides which rules apply. A filled document gives no finding; a scaffold
//! (the template copied as a document) gives its unfilled placeholders and sections,
//! and nothing from rules the template does not ask for (evidence, header, Quality
//! Gate, components, API, numbers).

use std::path::PathBuf;

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `CODE line message` for each finding of `doc` checked against the family's template.
fn findings(family: &str, doc: &str) -> (Option<i32>, String) {
    let dir = root().join("tests/templates").join(family);
    let out = Command::cargo_bin("specgate")
        .unwrap()
        .env("SPECGATE_TODAY", "2026-11-24")
        .arg("check")
        .arg("--template")
        .arg(dir.join("TEMPLATE.md"))
        .arg(dir.join(format!("{doc}.md")))
        .args(["--output-format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines: Vec<String> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} L{} {}",
                d["code"].as_str().unwrap(),
                d["location"]["line"],
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    (out.status.code(), lines.join("\n"))
}

const FAMILIES: [&str; 4] = ["rfc", "kep", "madr", "design"];

#[test]
fn filled_documents_give_no_finding() {
    for family in FAMILIES {
        let (code, found) = findings(family, "filled");
        assert_eq!(found, "", "{family}/filled.md");
        assert_eq!(code, Some(0), "{family}");
    }
}

#[test]
fn scaffolds_give_their_unfilled_placeholders_and_sections_only() {
    // Rules a scaffold may trigger: placeholders and unfilled structure.
    let allowed = ["SG101", "SG105", "SG201", "SG202", "SG203"];
    for family in FAMILIES {
        let (code, found) = findings(family, "scaffold");
        assert_eq!(code, Some(1), "{family}: {found}");
        for line in found.lines() {
            assert!(
                allowed.iter().any(|c| line.starts_with(c)),
                "{family}/scaffold.md: {line}"
            );
        }
        insta::assert_snapshot!(format!("{family}_scaffold"), found);
    }
}

/// `--verbose` says why a rule is off for a template; `explain` says when it runs.
#[test]
fn verbose_and_explain_say_why_a_rule_is_off() {
    let dir = root().join("tests/templates/madr");
    let out = Command::cargo_bin("specgate")
        .unwrap()
        .arg("check")
        .arg("--verbose")
        .arg("--template")
        .arg(dir.join("TEMPLATE.md"))
        .arg(dir.join("filled.md"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "madr/TEMPLATE.md: SG301, SG302, SG303, SG304, SG305, SG306, SG307, SG308 (the template has no `Evidence:` lines)"
        ),
        "{stderr}"
    );
    let out = Command::cargo_bin("specgate")
        .unwrap()
        .args(["explain", "SG911"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("Runs only on documents whose template has this part: Quality Gate section"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
