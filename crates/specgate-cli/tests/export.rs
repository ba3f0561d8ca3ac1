//! End-to-end tests of `specgate export` and `specgate instantiate`, with every JSON
//! output validated against the schemas shipped in `schemas/`.

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

fn good() -> PathBuf {
    root().join("examples/good/payments-api.md")
}

fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    if p.join("corpus").is_dir() {
        Some(p)
    } else {
        eprintln!("SKIPPED: ../shared/corpus not found");
        None
    }
}

/// Validates `json` against `schemas/<name>` and returns it parsed.
fn valid(name: &str, json: &[u8]) -> serde_json::Value {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("schemas").join(name)).unwrap())
            .unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    let value: serde_json::Value = serde_json::from_slice(json).unwrap();
    let errors: Vec<String> = v.iter_errors(&value).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{name}: {errors:?}");
    value
}

fn stdout_of(c: &mut Command) -> Vec<u8> {
    c.assert().success().get_output().stdout.clone()
}

fn spec(dir: &Path, body: &str) -> PathBuf {
    let p = dir.join("spec.md");
    std::fs::write(
        &p,
        format!("# Technical Specification — Demo\n\n## 0.1) Template Metadata\n{body}"),
    )
    .unwrap();
    p
}

#[test]
fn help_lists_the_new_subcommands() {
    for sub in ["export", "instantiate"] {
        specgate()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
}

#[test]
fn export_to_stdout_and_to_file_match_and_validate() {
    let out = stdout_of(specgate().arg("export").arg(good()));
    let v = valid("template.schema.json", &out);
    assert_eq!(v["name"], "payments-endpoint");
    assert_eq!(v["variables"], serde_json::json!(["endpoint", "service"]));
    assert_eq!(v["acceptance_criteria"].as_array().unwrap().len(), 3);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("payments.template.json");
    specgate()
        .arg("export")
        .arg(good())
        .arg("--out")
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    let written = std::fs::read(&file).unwrap();
    assert_eq!(written, out);
    assert!(written.ends_with(b"}\n"));
    // Only the target is left in the directory: no temporary files.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn export_matches_the_old_script_on_the_corpus() {
    let Some(shared) = shared() else { return };
    for (src, expected) in [
        (
            "corpus/real/02-readme-automation-prd.md",
            "02-readme-automation-prd",
        ),
        ("seed/TECH_SPEC_TEMPLATE.md", "TECH_SPEC_TEMPLATE"),
    ] {
        let want =
            std::fs::read(shared.join(format!("corpus/expected-export/{expected}.template.json")))
                .unwrap();
        let got = stdout_of(specgate().arg("export").arg(shared.join(src)));
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want)
        );
    }
}

#[test]
fn export_over_every_real_document_exports_or_explains() {
    let Some(shared) = shared() else { return };
    let mut files: Vec<_> = std::fs::read_dir(shared.join("corpus/real"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let mut exported = 0;
    for f in &files {
        let o = specgate().arg("export").arg(f).output().unwrap();
        match o.status.code() {
            Some(0) => {
                valid("template.schema.json", &o.stdout);
                exported += 1;
            }
            Some(1) => {
                let err = String::from_utf8_lossy(&o.stderr);
                assert!(
                    err.starts_with(&format!("{}:", f.display()))
                        && err.contains("Template Metadata"),
                    "{}: unclear message: {err}",
                    f.display()
                );
                assert!(o.stdout.is_empty());
            }
            other => panic!("{}: exit {other:?}", f.display()),
        }
        // The model of every document validates.
        let m = stdout_of(specgate().args(["export", "--model"]).arg(f));
        valid("model.schema.json", &m);
    }
    assert!(exported >= 1);
}

#[test]
fn validate_fails_on_the_unfilled_seed_and_passes_on_the_good_example() {
    specgate()
        .args(["export", "--validate"])
        .arg(good())
        .assert()
        .code(0)
        .stdout("");
    let seed = root().join("crates/specgate-model/templates/TECH_SPEC_TEMPLATE.md");
    let a = specgate()
        .args(["export", "--validate"])
        .arg(&seed)
        .assert()
        .code(1);
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    let placeholder_lines: Vec<&str> = out.lines().filter(|l| l.contains("[SG201]")).collect();
    assert!(placeholder_lines.len() >= 5, "{out}");
    for l in &placeholder_lines {
        // file:line:col: error[SG201]: unfilled placeholder …
        let rest = l.strip_prefix(&format!("{}:", seed.display())).unwrap();
        let mut parts = rest.splitn(3, ':');
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{l}");
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{l}");
        assert!(
            parts
                .next()
                .unwrap()
                .starts_with(" error[SG201]: unfilled placeholder"),
            "{l}"
        );
    }
    // The `export (required)` line's `<spec>` is not an exported field.
    assert!(!out.contains("<spec>"), "{out}");
    if let Some(shared) = shared() {
        specgate()
            .args(["export", "--validate"])
            .arg(shared.join("seed/TECH_SPEC_TEMPLATE.md"))
            .assert()
            .code(1)
            .stdout(predicate::str::contains("[SG201]"));
    }
}

#[test]
fn validate_lists_every_problem_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let p = spec(
        dir.path(),
        "- **name:** demo\n- **description:**\n- **title_template:** Ship {thing} to {place}\n\
         - **acceptance_criteria:** none yet\n- **priority:** urgent\n- **variables:** [thing]\n\
         - **metadata:** { author: x }\n",
    );
    let a = specgate()
        .args(["export", "--validate"])
        .arg(&p)
        .assert()
        .code(1);
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    let f = p.display().to_string();
    for want in [
        format!("{f}:5:3: error[SG411]: Template Metadata field `description` is empty"),
        format!("{f}:6:39: error[SG412]: `{{place}}` is not declared"),
        format!("{f}:7:3: error[SG416]: `acceptance_criteria` has no nested criteria"),
        format!("{f}:8:17: error[SG415]: priority `urgent` is not an allowed priority"),
        format!("{f}:10:17: error[SG414]: `metadata` is not valid JSON"),
    ] {
        assert!(out.contains(&want), "missing {want:?} in\n{out}");
    }
    // Nothing was written next to the spec.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // The configured priorities apply.
    std::fs::write(
        dir.path().join("specgate.toml"),
        "priorities = [\"urgent\"]\n",
    )
    .unwrap();
    let a = specgate()
        .args(["export", "--validate"])
        .arg(&p)
        .assert()
        .code(1);
    assert!(!String::from_utf8_lossy(&a.get_output().stdout).contains("SG415"));
    // A missing section is reported too.
    let other = dir.path().join("other.md");
    std::fs::write(&other, "# Technical Specification — X\n\n## 1) Overview\n").unwrap();
    specgate()
        .args(["export", "--validate"])
        .arg(&other)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{}:1:1: error: no Template Metadata section",
            other.display()
        )));
}

#[test]
fn export_refuses_invalid_metadata_json_instead_of_writing_empty_object() {
    let dir = tempfile::tempdir().unwrap();
    let p = spec(dir.path(), "- **name:** x\n- **metadata:** {\"a\": 1,}\n");
    let out = dir.path().join("x.template.json");
    std::fs::write(&out, "previous\n").unwrap();
    specgate()
        .arg("export")
        .arg(&p)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}:5:17: error: `metadata` is not valid JSON",
            p.display()
        )));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous\n");
}

#[test]
fn export_usage_and_io_errors_exit_2() {
    specgate()
        .args(["export", "no/such/spec.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/spec.md"));
    let dir = tempfile::tempdir().unwrap();
    specgate()
        .arg("export")
        .arg(good())
        .arg("--out")
        .arg(dir.path().join("missing-dir/x.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    specgate()
        .args(["export", "--validate", "--model"])
        .arg(good())
        .assert()
        .code(2);
}

#[test]
fn model_has_sections_tables_diagrams_evidence_and_metadata() {
    let out = stdout_of(specgate().args(["export", "--model"]).arg(good()));
    let m = valid("model.schema.json", &out);
    assert_eq!(m["schema_version"], 1);
    assert!(m["title"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Technical Specification"));
    let sections = m["sections"].as_array().unwrap();
    assert!(!sections.is_empty());
    let all = {
        fn walk<'a>(s: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
            out.push(s);
            for c in s["children"].as_array().unwrap() {
                walk(c, out);
            }
        }
        let mut v = Vec::new();
        for s in sections {
            walk(s, &mut v);
        }
        v
    };
    assert!(all.iter().any(|s| s["number"] == "0.1)"));
    assert!(all
        .iter()
        .any(|s| !s["annotations"].as_array().unwrap().is_empty()));
    assert!(all
        .iter()
        .any(|s| !s["content"]["tables"].as_array().unwrap().is_empty()));
    assert!(all.iter().any(|s| {
        s["content"]["diagrams"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| !d["type"].as_str().unwrap().is_empty())
    }));
    let ev = m["evidence"].as_array().unwrap();
    assert!(ev.iter().any(|e| e["sources"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["exists"] == true && s["resolved"].is_string())));
    assert_eq!(
        m["template_metadata"]["template"]["name"],
        "payments-endpoint"
    );
    assert!(m["sections"][0]["location"]["line"].as_u64().unwrap() > 1);
}

#[test]
fn check_json_output_validates_against_its_schema() {
    for dir in ["examples/good", "examples/flawed"] {
        let o = specgate()
            .args(["check", "--output-format", "json"])
            .arg(root().join(dir))
            .output()
            .unwrap();
        let v = valid("check.schema.json", &o.stdout);
        assert_eq!(v["schema_version"], 1);
    }
    // With fixes and labels in it: every rule fixture, named explicitly.
    let mut fixtures = Vec::new();
    for cat in std::fs::read_dir(root().join("tests/fixtures")).unwrap() {
        for f in std::fs::read_dir(cat.unwrap().path()).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "md") {
                fixtures.push(f);
            }
        }
    }
    fixtures.sort();
    let o = specgate()
        .args(["check", "--output-format", "json"])
        .args(&fixtures)
        .output()
        .unwrap();
    let v = valid("check.schema.json", &o.stdout);
    let diags: Vec<_> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap().clone())
        .collect();
    assert!(diags.iter().any(|d| !d["fix"].is_null()));
    assert!(diags
        .iter()
        .any(|d| !d["labels"].as_array().unwrap().is_empty()));
}

fn template_file(dir: &Path, title: &str, vars: &[&str]) -> PathBuf {
    let p = dir.join("t.template.json");
    let t = serde_json::json!({
        "acceptance_criteria": ["{service} answers", "literal {{braces}} stay"],
        "description": "Change {service}",
        "metadata": {"version": "2.1", "author": "A"},
        "name": "svc-change",
        "priority": "high",
        "title_template": title,
        "variables": vars,
    });
    std::fs::write(&p, serde_json::to_string_pretty(&t).unwrap()).unwrap();
    p
}

#[test]
fn instantiate_fills_title_and_records_template() {
    let dir = tempfile::tempdir().unwrap();
    let t = template_file(
        dir.path(),
        "Change {service} ({{v{version}}})",
        &["service", "version"],
    );
    let out = stdout_of(specgate().arg("instantiate").arg(&t).args([
        "--var",
        "service=billing",
        "--var",
        "version=2",
    ]));
    let d = valid("deliverable.schema.json", &out);
    assert_eq!(d["title"], "Change billing ({v2})");
    assert_eq!(d["description"], "Change billing");
    assert_eq!(
        d["acceptance_criteria"],
        serde_json::json!(["billing answers", "literal {{braces}} stay"])
    );
    assert_eq!(d["priority"], "high");
    assert_eq!(d["metadata"]["author"], "A");
    assert_eq!(
        d["template"],
        serde_json::json!({"name": "svc-change", "version": "2.1"})
    );
    // From the spec directly, and from its export: the same deliverable.
    let exported = dir.path().join("good.template.json");
    specgate()
        .arg("export")
        .arg(good())
        .arg("-o")
        .arg(&exported)
        .assert()
        .success();
    let args = [
        "--var",
        "endpoint=POST /refunds",
        "--var",
        "service=payments",
    ];
    let a = stdout_of(specgate().arg("instantiate").arg(good()).args(args));
    let b = stdout_of(specgate().arg("instantiate").arg(&exported).args(args));
    assert_eq!(a, b);
    let d = valid("deliverable.schema.json", &a);
    assert_eq!(d["title"], "Add POST /refunds endpoint to payments");
}

#[test]
fn instantiate_unicode_values_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let t = template_file(dir.path(), "Fix {service}", &["service"]);
    let value = "Zahlungen — ünïcödé ✓ 𝄞 \"quoted\" {not a var}";
    let out = stdout_of(
        specgate()
            .arg("instantiate")
            .arg(&t)
            .arg("--var")
            .arg(format!("service={value}")),
    );
    let d = valid("deliverable.schema.json", &out);
    assert_eq!(d["title"], format!("Fix {value}"));
    assert_eq!(d["variables"]["service"], value);
    // `=` inside the value is kept.
    let out = stdout_of(
        specgate()
            .arg("instantiate")
            .arg(&t)
            .args(["--var", "service=a=b"]),
    );
    assert_eq!(valid("deliverable.schema.json", &out)["title"], "Fix a=b");
}

#[test]
fn instantiate_names_missing_unknown_and_unbalanced() {
    let dir = tempfile::tempdir().unwrap();
    let t = template_file(
        dir.path(),
        "Change {service} in {region}",
        &["service", "region"],
    );
    specgate()
        .arg("instantiate")
        .arg(&t)
        .args(["--var", "servce=x"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("missing variable `service`"))
        .stderr(predicate::str::contains("missing variable `region`"))
        .stderr(predicate::str::contains("unknown variable `servce`"));
    let bad = template_file(dir.path(), "Change {service", &["service"]);
    specgate()
        .arg("instantiate")
        .arg(&bad)
        .args(["--var", "service=x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unbalanced `{` at byte 7"));
    let bad = template_file(dir.path(), "Change service}", &[]);
    specgate()
        .arg("instantiate")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unbalanced `}`"));
    specgate()
        .arg("instantiate")
        .arg(&t)
        .args(["--var", "novalue"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected KEY=VALUE"));
}

#[test]
fn instantiate_vars_file_batch_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let t = template_file(
        dir.path(),
        "Change {service} in {region}",
        &["service", "region"],
    );
    let vars = dir.path().join("vars.json");
    std::fs::write(&vars, r#"{"service": "billing", "region": "eu-west-1"}"#).unwrap();
    let out = stdout_of(
        specgate()
            .arg("instantiate")
            .arg(&t)
            .arg("--vars-file")
            .arg(&vars),
    );
    assert_eq!(
        valid("deliverable.schema.json", &out)["title"],
        "Change billing in eu-west-1"
    );
    // --var overrides the file.
    let out = stdout_of(
        specgate()
            .arg("instantiate")
            .arg(&t)
            .arg("--vars-file")
            .arg(&vars)
            .args(["--var", "region=us"]),
    );
    assert_eq!(
        valid("deliverable.schema.json", &out)["title"],
        "Change billing in us"
    );
    // Batch: one deliverable per line; --vars-file gives defaults.
    let rows = dir.path().join("rows.jsonl");
    std::fs::write(
        &rows,
        "{\"service\": \"auth\"}\n\n{\"service\": \"ünï\", \"region\": \"ap\"}\n{\"service\": 7}\n",
    )
    .unwrap();
    let out = stdout_of(
        specgate()
            .arg("instantiate")
            .arg(&t)
            .arg("--vars-file")
            .arg(&vars)
            .arg("--batch")
            .arg(&rows),
    );
    let text = String::from_utf8(out).unwrap();
    let titles: Vec<String> = text
        .lines()
        .map(|l| {
            valid("deliverable.schema.json", l.as_bytes())["title"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        titles,
        [
            "Change auth in eu-west-1",
            "Change ünï in ap",
            "Change 7 in eu-west-1"
        ]
    );
    // A bad row names its line, and nothing is output.
    std::fs::write(
        &rows,
        "{\"service\": \"a\", \"region\": \"b\"}\n{\"service\": \"a\"}\nnot json\n",
    )
    .unwrap();
    specgate()
        .arg("instantiate")
        .arg(&t)
        .arg("--batch")
        .arg(&rows)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "{}:2: missing variable `region`",
            rows.display()
        )))
        .stderr(predicate::str::contains(format!("{}:3:", rows.display())));
    // Markdown: an issue body with a checklist.
    let out = stdout_of(
        specgate()
            .arg("instantiate")
            .arg(&t)
            .arg("--vars-file")
            .arg(&vars)
            .args(["--format", "markdown"]),
    );
    let md = String::from_utf8(out).unwrap();
    assert!(
        md.starts_with("# Change billing in eu-west-1\n\nChange billing\n"),
        "{md}"
    );
    assert!(md.contains("- [ ] billing answers\n"), "{md}");
    assert!(md.contains("**Priority:** high"), "{md}");
    assert!(md.contains("`svc-change` version 2.1"), "{md}");
}

#[test]
fn instantiate_out_writes_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let t = template_file(dir.path(), "X {service}", &["service"]);
    let out = dir.path().join("issue.json");
    specgate()
        .arg("instantiate")
        .arg(&t)
        .args(["--var", "service=s", "--out"])
        .arg(&out)
        .assert()
        .success();
    valid("deliverable.schema.json", &std::fs::read(&out).unwrap());
    // A failing instantiation leaves the previous file as it was.
    specgate()
        .arg("instantiate")
        .arg(&t)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    valid("deliverable.schema.json", &std::fs::read(&out).unwrap());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}
