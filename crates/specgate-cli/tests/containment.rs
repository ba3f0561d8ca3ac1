//! Path containment (docs/reliability.md): evidence paths resolve inside the evidence
//! root, and the paths a `specgate.toml` names (`template`, `evidence-root`) inside its
//! project. `..`, absolute paths, symbolic links that point outside and `file://` URLs
//! are reported and never opened. "Never opened" is proved with a FIFO as the target:
//! opening it would block the run (the command's timeout guard would then fail the
//! test).

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

fn specgate() -> Command {
    let mut c = Command::cargo_bin("specgate").unwrap();
    c.env("SPECGATE_TODAY", "2026-11-24")
        .timeout(Duration::from_secs(120));
    c
}

/// `root/repo` (a git root) and `root/outside`, which holds `plain.md` and the FIFO
/// `secret.md`.
struct Layout {
    _dir: tempfile::TempDir,
    repo: PathBuf,
    outside: PathBuf,
}

fn layout() -> Layout {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let outside = dir.path().join("outside");
    for d in [repo.join(".git"), repo.join("specs"), outside.clone()] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(outside.join("plain.md"), "# Technical Specification: T\n").unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(outside.join("secret.md"))
        .status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    Layout {
        _dir: dir,
        repo,
        outside,
    }
}

fn output(cmd: &mut Command) -> (Option<i32>, String, String) {
    let out = cmd.output().unwrap();
    let (so, se) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(!se.contains("panicked"), "{se}");
    (out.status.code(), so, se)
}

#[test]
fn evidence_outside_the_root_is_reported_and_never_opened() {
    let l = layout();
    let (repo, outside) = (&l.repo, &l.outside);
    std::os::unix::fs::symlink(outside.join("secret.md"), repo.join("link.md")).unwrap();
    std::os::unix::fs::symlink(outside, repo.join("dirlink")).unwrap();
    std::fs::write(repo.join("inside.md"), "x\n").unwrap();
    let abs = outside.join("secret.md");
    let spec = repo.join("specs/s.md");
    let text = format!(
        "# Technical Specification: S\n\n## 0) Summary\n\n\
         Climbs out.\nEvidence: ../outside/secret.md\n\n\
         Absolute.\nEvidence: {abs}\n\n\
         A file link out.\nEvidence: link.md\n\n\
         A directory link out.\nEvidence: dirlink/secret.md\n\n\
         A file URL.\nEvidence: file://{abs}\n\n\
         Inside.\nEvidence: inside.md\n",
        abs = abs.display()
    );
    std::fs::write(&spec, text).unwrap();
    let (code, stdout, stderr) = output(specgate().current_dir(repo).args([
        "check",
        "--select",
        "SG303,SG304",
        "--output-format",
        "json",
        "specs/s.md",
    ]));
    assert_eq!(code, Some(1), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let found: Vec<(String, usize)> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                format!(
                    "{}: {}",
                    d["code"].as_str().unwrap(),
                    d["message"].as_str().unwrap()
                ),
                d["location"]["line"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    let want = [
        (6, "a path that climbs out of the evidence root with `..`"),
        (9, "an absolute path"),
        (12, "a symbolic link that points outside the evidence root"),
        (15, "a symbolic link that points outside the evidence root"),
        (18, "a `file://` URL"),
    ];
    for (line, why) in want {
        assert!(
            found
                .iter()
                .any(|(m, l)| *l == line && m.starts_with("SG304") && m.ends_with(why)),
            "line {line}: {why}: {found:?}"
        );
    }
    assert_eq!(found.len(), want.len(), "{found:?}");
    // The export model and the report resolve evidence the same way.
    let (code, stdout, stderr) =
        output(
            specgate()
                .current_dir(repo)
                .args(["export", "--model", "specs/s.md"]),
        );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout.matches("\"outside_root\": \"").count(),
        4,
        "{stdout}"
    );
    let (code, _, stderr) =
        output(
            specgate()
                .current_dir(repo)
                .args(["report", "--out", "out", "specs/s.md"]),
        );
    assert!(code == Some(0) || code == Some(1), "{stderr}");
}

#[test]
fn config_paths_outside_the_project_are_errors_and_never_opened() {
    let l = layout();
    let (repo, outside) = (&l.repo, &l.outside);
    let spec = repo.join("specs/s.md");
    std::fs::write(&spec, "# Technical Specification: S\n").unwrap();
    std::os::unix::fs::symlink(outside.join("secret.md"), repo.join("tpl.md")).unwrap();
    let cfg = repo.join("specgate.toml");
    let secret = outside.join("secret.md");
    for (text, want) in [
        (
            "template = \"../outside/secret.md\"\n".to_string(),
            "specgate.toml:1:12: `template` \"../outside/secret.md\" is outside the project",
        ),
        (
            format!("strict = true\ntemplate = \"{}\"\n", secret.display()),
            "specgate.toml:2:12: `template`",
        ),
        (
            "template = \"tpl.md\"\n".to_string(),
            "a symbolic link that points outside; not read",
        ),
        (
            "evidence-root = \"..\"\n".to_string(),
            "specgate.toml:1:17: `evidence-root` \"..\" is outside the project",
        ),
        (
            "[[templates]]\npath = \"../outside/secret.md\"\n".to_string(),
            "specgate.toml:2:8: `templates.path` \"../outside/secret.md\" is outside the project",
        ),
    ] {
        std::fs::write(&cfg, &text).unwrap();
        for cmd in [&["check"][..], &["export", "--model"], &["gate"]] {
            let (code, stdout, stderr) = output(specgate().args(cmd).arg(&spec));
            assert_eq!(code, Some(2), "{cmd:?} {text}: {stdout}{stderr}");
            assert!(
                stderr.contains(want) || stdout.contains(want),
                "{cmd:?} {text}: want {want:?} in {stdout}{stderr}"
            );
        }
    }
    // Inside the project, and through a symlink that stays inside, it is read.
    std::fs::create_dir_all(repo.join("templates")).unwrap();
    std::fs::write(
        repo.join("templates/T.md"),
        "# Technical Specification: <name>\n\n## 1) Only (required)\n",
    )
    .unwrap();
    std::fs::write(&cfg, "template = \"specs/../templates/T.md\"\n").unwrap();
    let (code, stdout, _) = output(specgate().arg("check").arg(&spec));
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains("missing required section `1) Only (required)`"),
        "{stdout}"
    );
    // The command line is the user's own choice: `--template` may name any file.
    std::fs::remove_file(&cfg).unwrap();
    std::fs::write(
        outside.join("T.md"),
        "# Technical Specification: <name>\n\n## 9) Elsewhere (required)\n",
    )
    .unwrap();
    let (code, stdout, _) = output(
        specgate()
            .arg("check")
            .arg("--template")
            .arg(outside.join("T.md"))
            .arg(&spec),
    );
    assert_eq!(code, Some(1));
    assert!(stdout.contains("`9) Elsewhere (required)`"), "{stdout}");
}

/// The LSP reads the same config: a template outside the project is a configuration
/// diagnostic, and the seed template is used instead (the FIFO is never opened).
#[test]
fn the_language_server_refuses_the_same_config_paths() {
    let l = layout();
    let repo: &Path = &l.repo;
    std::fs::write(
        repo.join("specgate.toml"),
        "template = \"../outside/secret.md\"\n",
    )
    .unwrap();
    let spec = repo.join("specs/s.md");
    let uri = format!("file://{}", spec.display());
    let msgs = [
        serde_json::json!({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}),
        serde_json::json!({"jsonrpc":"2.0","method":"initialized","params":{}}),
        serde_json::json!({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{
            "uri": uri, "languageId":"markdown","version":1,"text":"# Technical Specification: S\n"}}}),
    ];
    let mut input = Vec::new();
    for m in &msgs {
        let body = m.to_string();
        input.extend(format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes());
    }
    // No shutdown: the server ends when its input closes, after publishing.
    let out = specgate()
        .arg("lsp")
        .write_stdin(input)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("configuration: ")
            && stdout.contains("is outside the project")
            && stdout.contains("a path that climbs out with `..`"),
        "{stdout}"
    );
}
