//! Shell completions, man pages, `init`, the progress bar, and the pre-commit hooks.

use std::path::{Path, PathBuf};
use std::process::Command as Std;

use assert_cmd::Command;
use predicates::prelude::*;

fn specgate() -> Command {
    let mut c = Command::cargo_bin("specgate").unwrap();
    c.env_remove("CI").env("NO_COLOR", "1");
    c
}

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_specgate"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn have(tool: &str) -> bool {
    Std::new(tool).arg("--version").output().is_ok()
}

#[test]
fn bash_completion_loads_and_others_generate() {
    if have("bash") {
        let out = Std::new("bash")
            .arg("-c")
            .arg(format!(
                "source <('{}' completions bash) && complete -p specgate",
                bin().display()
            ))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("-F _specgate specgate"));
    } else {
        eprintln!("SKIPPED: bash not found; bash completion not loaded");
    }
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        specgate()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("check").and(predicate::str::contains("specgate")));
    }
    specgate().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_pages_come_from_the_same_definitions_as_help() {
    specgate()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH specgate 1").and(predicate::str::contains("check")));
    let dir = tempfile::tempdir().unwrap();
    specgate()
        .args(["man", "--out-dir"])
        .arg(dir.path())
        .assert()
        .success();
    let check = std::fs::read_to_string(dir.path().join("specgate-check.1")).unwrap();
    // Every flag of `check --help` is in its man page.
    assert!(
        check.contains("force\\-exclude") && check.contains("output\\-format"),
        "{check}"
    );
    assert!(dir.path().join("specgate-init.1").is_file());
}

#[test]
fn init_writes_a_config_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    specgate().arg("init").arg(dir.path()).assert().success();
    let cfg = dir.path().join("specgate.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    assert!(text.contains("# evidence-forms = []"));
    // It refuses to overwrite, unless forced.
    specgate()
        .arg("init")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    // A team template is copied and used.
    let tpl = dir.path().join("ADR.md");
    std::fs::write(&tpl, "# ADR: <title>\n\n## Decision (required)\n<what>\n").unwrap();
    specgate()
        .arg("init")
        .arg(dir.path())
        .arg("--template")
        .arg(&tpl)
        .arg("--force")
        .assert()
        .success();
    assert!(dir.path().join(".specgate/templates/ADR.md").is_file());
    let spec = dir.path().join("0001.md");
    std::fs::write(&spec, "# ADR: Use Rust\n").unwrap();
    specgate()
        .arg("check")
        .arg(&spec)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "missing required section `Decision",
        ));
}

/// Runs `specgate check examples/` with stderr on a pseudo-terminal (`script`).
fn stderr_on_a_tty(extra_env: &[(&str, &str)], args: &str) -> Option<String> {
    if !have("script") {
        return None;
    }
    let mut c = Std::new("script");
    c.current_dir(root())
        .env_remove("CI")
        .env_remove("NO_PROGRESS")
        .args(["-q", "-e", "-c"])
        .arg(format!(
            "'{}' check {args} examples/ > /dev/null",
            bin().display()
        ))
        .arg("/dev/null");
    for (k, v) in extra_env {
        c.env(k, v);
    }
    let out = c.output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).to_string())
}

#[test]
fn progress_bar_only_on_a_terminal() {
    let Some(tty) = stderr_on_a_tty(&[], "") else {
        eprintln!("SKIPPED: `script` not found; the pseudo-terminal case is not run");
        return;
    };
    assert!(tty.contains("checking") && tty.contains("files"), "{tty:?}");
    for (env, args) in [(&[("CI", "true")][..], ""), (&[][..], "--quiet")] {
        let out = stderr_on_a_tty(env, args).unwrap();
        assert!(!out.contains("checking"), "{env:?} {args}: {out:?}");
    }
    // Piped (not a terminal): no bar.
    specgate()
        .current_dir(root())
        .args(["check", "examples/"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("checking").not());
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Std::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

/// `pre-commit try-repo` of this checkout with the real pre-commit (installed by
/// `.ci/run` from PyPI): the hooks are `language: python`, so pre-commit builds the
/// wheel (maturin, from PyPI) and installs specgate itself; nothing is on PATH. A
/// flawed spec in `.spec/` fails the check, `specgate-fix` fixes what is safe, and
/// after the author fixes the rest the check passes.
#[test]
fn pre_commit_hooks_install_themselves_fail_then_pass_after_fix() {
    if !have("pre-commit") || !have("git") {
        eprintln!("SKIPPED: pre-commit (pip install pre-commit) or git not on PATH");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    std::fs::write(
        d.join("TEMPLATE.md"),
        // The template asks for evidence lines, so the evidence rules apply.
        "# Spec: <title>\n\n## Context (required)\n<why>\nEvidence: <source>\n\n## Risks (required)\n<risks>\nEvidence: <source>\n",
    )
    .unwrap();
    std::fs::write(
        d.join("specgate.toml"),
        "template = \"TEMPLATE.md\"\nstrict = true\n",
    )
    .unwrap();
    std::fs::create_dir_all(d.join(".spec")).unwrap();
    let spec = d.join(".spec/a.md");
    std::fs::write(
        &spec,
        "# Spec: A\n\n## Context\n\nWe need speed. Evidence: https://example.com/bench\n",
    )
    .unwrap();
    // Not under a spec directory: never checked.
    std::fs::write(d.join("README.md"), "# Spec: Readme\n\nNo evidence here.\n").unwrap();
    git(d, &["add", "."]);
    // Only the system's tools: pre-commit, git, python, cargo (the wheel's build).
    let path = std::env::var("PATH").unwrap_or_default();
    let try_repo = |hook: &str| {
        let out = Std::new("pre-commit")
            .current_dir(d)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", d.join(".pre-commit-cache"))
            // The wheel's cargo build reuses this workspace's compiled dependencies.
            .env("CARGO_TARGET_DIR", root().join("target/pre-commit"))
            .env("NO_COLOR", "1")
            .args(["try-repo"])
            .arg(root())
            .args([hook, "--all-files", "--color", "never"])
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    };
    let (ok, text) = try_repo("specgate-check");
    assert!(!ok, "{text}");
    assert!(
        text.contains("SG302") && text.contains("SG101") && !text.contains("README.md"),
        "{text}"
    );
    let (ok, text) = try_repo("specgate-fix");
    assert!(!ok, "pre-commit fails when a hook changes files: {text}");
    let fixed = std::fs::read_to_string(&spec).unwrap();
    assert!(
        fixed.contains("We need speed.\nEvidence: https://example.com/bench"),
        "{fixed}"
    );
    let (ok, text) = try_repo("specgate-check");
    assert!(!ok, "the missing section still fails: {text}");
    assert!(text.contains("SG101") && !text.contains("SG302"), "{text}");
    // The author writes the rest.
    std::fs::write(
        &spec,
        format!("{fixed}\n## Risks\n\nNone known yet.\nEvidence gap: no load test.\n"),
    )
    .unwrap();
    let (ok, text) = try_repo("specgate-check");
    assert!(ok, "{text}");
}
