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
            "madr/TEMPLATE.md: SG301, SG302, SG303, SG304, SG305, SG306, SG307, SG308, SG309, SG310 (the template has no `Evidence:` lines)"
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

/// Header fields in plain, list and front-matter forms are checked like bold ones:
/// a template date field must hold a valid date.
#[test]
fn dates_in_every_header_form_are_validated() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let t = root().join("tests/templates");
    for (family, text) in [
        (
            "design",
            "# Design: X\n\nAuthor(s): A. Chen\nStatus: Draft\nLast updated: 2026-13-40\n\n## Objective\n\nX.\n\n## Background\n\nX.\n\n## Detailed Design\n\nX.\n\n## Testing Plan\n\nX.\n",
        ),
        (
            "madr",
            "---\nstatus: accepted\ndate: 2026-02-30\n---\n\n# Use X\n\n## Context and Problem Statement\n\nX.\n\n## Considered Options\n\n* X\n\n## Decision Outcome\n\nChosen option: \"X\", because it works.\n",
        ),
    ] {
        let doc = d.join(format!("{family}.md"));
        std::fs::write(&doc, text).unwrap();
        let out = Command::cargo_bin("specgate")
            .unwrap()
            .env("SPECGATE_TODAY", "2026-11-24")
            .arg("check")
            .arg("--template")
            .arg(t.join(family).join("TEMPLATE.md"))
            .arg(&doc)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("error[SG403]"), "{family}: {stdout}");
        assert_eq!(stdout.matches("error[").count(), 1, "{family}: {stdout}");
    }
}

/// A template whose H1 is all placeholder (MADR) still finds its documents through
/// `include` globs written relative to the config, wherever `check` runs from.
#[test]
fn a_placeholder_titled_template_finds_its_documents_by_include_globs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("docs/decisions")).unwrap();
    std::fs::create_dir_all(d.join("tpl")).unwrap();
    std::fs::copy(
        root().join("tests/templates/madr/TEMPLATE.md"),
        d.join("tpl/adr.md"),
    )
    .unwrap();
    std::fs::copy(
        root().join("tests/templates/madr/filled.md"),
        d.join("docs/decisions/0001-sessions.md"),
    )
    .unwrap();
    std::fs::write(d.join("docs/decisions/0002-draft.md"), "# {short title of the solved problem and the chosen solution}\n\n## Context and Problem Statement\n\nX.\n").unwrap();
    std::fs::write(
        d.join("specgate.toml"),
        "template = \"tpl/adr.md\"\ninclude = [\"docs/decisions/*.md\"]\n",
    )
    .unwrap();
    for cwd in [d.to_path_buf(), d.join("docs")] {
        let out = Command::cargo_bin("specgate")
            .unwrap()
            .current_dir(&cwd)
            .args(["check", "--output-format", "json"])
            .arg(d)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let files = v["files"].as_array().unwrap();
        assert_eq!(files.len(), 2, "from {}: {v}", cwd.display());
        let codes: Vec<&str> = files
            .iter()
            .flat_map(|f| f["diagnostics"].as_array().unwrap())
            .map(|x| x["code"].as_str().unwrap())
            .collect();
        // The draft's title and missing sections; nothing on the filled record.
        assert!(
            codes.contains(&"SG201") && codes.contains(&"SG101"),
            "{codes:?}"
        );
        assert!(
            files[0]["diagnostics"].as_array().unwrap().is_empty(),
            "{v}"
        );
    }
}
