//! The bad-input suite over the binary (docs/reliability.md): every case names the file
//! and the problem, exits 2 when a file cannot be read, never panics, and the other
//! files of the same run are still checked. Large inputs are generated into a temporary
//! directory, never committed.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

fn specgate() -> Command {
    let mut c = Command::cargo_bin("specgate").unwrap();
    c.env_remove("NO_COLOR")
        .env("SPECGATE_TODAY", "2026-11-24")
        // A generous guard against a hang (a FIFO opened, a loop followed); no test
        // here comes near it.
        .timeout(Duration::from_secs(300));
    c
}

fn good() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/good/payments-api.md")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// What one run printed.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    let r = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !r.stderr.contains("panicked") && !r.stdout.contains("panicked"),
        "panic: {}",
        r.stderr
    );
    assert!(r.code.is_some(), "killed by a signal: {}", r.stderr);
    r
}

/// `check --output-format json` on the good example and `files`: the output and its
/// JSON. The good example must have been checked (no error, no findings).
fn check_json(files: &[&Path], extra: &[&str]) -> (Run, serde_json::Value) {
    let r = run(specgate()
        .args(["check", "--output-format", "json"])
        .args(extra)
        .arg(good())
        .args(files));
    let v: serde_json::Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", r.stdout, r.stderr));
    let good = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("payments-api.md"))
        .unwrap_or_else(|| panic!("the good example was not checked: {v}"));
    assert!(good["error"].is_null(), "{good}");
    assert_eq!(good["diagnostics"].as_array().unwrap().len(), 0, "{good}");
    (r, v)
}

/// The JSON object of the file named `name`.
fn file<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("{name} not in the output: {v}"))
}

#[test]
fn encodings_non_utf8_utf16_with_and_without_bom_and_a_png_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bad = write(d, "latin1.md", b"# Technical Specification: X\ncaf\xe9\n");
    let utf16 = |bom: &[u8]| -> Vec<u8> {
        let mut b = bom.to_vec();
        b.extend(
            "# Technical Specification: X\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        b
    };
    let u16bom = write(d, "utf16-bom.md", &utf16(b"\xFF\xFE"));
    let u16 = write(d, "utf16.md", &utf16(b""));
    let png = write(
        d,
        "image.md",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89",
    );
    let (r, _) = check_json(&[&bad, &u16bom, &u16, &png], &[]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    for want in [
        "latin1.md: 2:4: invalid UTF-8 byte sequence",
        "utf16-bom.md: file is UTF-16 encoded",
        "utf16.md: file is UTF-16 encoded",
        "image.md: binary file",
    ] {
        assert!(r.stderr.contains(want), "missing `{want}` in {}", r.stderr);
    }
}

#[test]
fn a_utf8_bom_crlf_and_mixed_line_endings_keep_true_positions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // BOM + CRLF; and \n, \r\n and a lone \r mixed (a lone CR ends a line in
    // CommonMark and in the LSP, so editors count it as one).
    let bom = write(
        d,
        "bom-crlf.md",
        b"\xEF\xBB\xBF# Technical Specification: X\r\n\r\n## 0) Summary\r\nTODO one\r\n",
    );
    let mixed = write(
        d,
        "mixed.md",
        b"# Technical Specification: X\r\n\n## 0) Summary\rTODO one\r\nTODO two\nTODO three\r",
    );
    let r = run(specgate()
        .args(["check", "--select", "todo-marker"])
        .arg(&bom)
        .arg(&mixed)
        .arg(good()));
    assert_eq!(r.code, Some(0), "{}{}", r.stdout, r.stderr);
    for want in [
        "bom-crlf.md:4:1",
        "mixed.md:4:1",
        "mixed.md:5:1",
        "mixed.md:6:1",
        "in 3 files",
    ] {
        assert!(r.stdout.contains(want), "missing {want} in {}", r.stdout);
    }
}

#[test]
fn an_empty_file_and_a_front_matter_only_file_are_checked_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.md", b"");
    let fm = write(dir.path(), "fm.md", b"---\ntitle: x\n---\n");
    // Without an H1 they match no template: each gets the one finding that says so.
    let (r, v) = check_json(&[&empty, &fm], &[]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    for name in ["empty.md", "fm.md"] {
        let f = file(&v, name);
        assert!(f["error"].is_null(), "{f}");
        let d = f["diagnostics"].as_array().unwrap();
        assert_eq!(d.len(), 1, "{f}");
        assert_eq!(d[0]["code"], "SG003", "{f}");
    }
    // Checked against a template named with --template, they miss every section.
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../specgate-model/templates/TECH_SPEC_TEMPLATE.md");
    let seed = seed.display().to_string();
    let (r, v) = check_json(&[&empty, &fm], &["--select", "SG101", "--template", &seed]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    for name in ["empty.md", "fm.md"] {
        let f = file(&v, name);
        assert!(f["error"].is_null(), "{f}");
        let d = &f["diagnostics"].as_array().unwrap()[0];
        assert_eq!(d["code"], "SG101", "{f}");
    }
}

/// A 100 MB spec exceeds the default limit (10 MiB): it is refused from its size
/// alone, and the other files are still checked.
#[test]
fn a_100_mb_spec_is_refused_from_its_size_and_the_others_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.md");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        f.write_all(b"# Technical Specification: Big\n\n").unwrap();
        let line = [b"TODO fill this in; ".repeat(5).as_slice(), b"\n"].concat();
        let mut n = 0;
        while n < 100_000_000 {
            f.write_all(&line).unwrap();
            n += line.len();
        }
    }
    let (r, v) = check_json(&[&big], &[]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.contains("big.md: file is 95.4 MiB (1000000")
            && r.stderr.contains("bytes), over the 10 MiB limit; not read"),
        "{}",
        r.stderr
    );
    assert!(file(&v, "big.md")["diagnostics"]
        .as_array()
        .unwrap()
        .is_empty());
}

/// `max-file-size` (config) and `--max-file-size` (flag, wins) move the limit both
/// ways: a 2 MB spec is refused at 1 MiB and checked at 4 MiB or 3000000 bytes.
#[test]
fn max_file_size_from_config_or_flag_moves_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut text = b"# Technical Specification: Two MB\n\n## 0) Summary\n\n".to_vec();
    while text.len() < 2_000_000 {
        text.extend_from_slice(b"Plain words that say nothing in particular, again.\n");
    }
    let spec = write(d, "two.md", &text);
    let cfg = write(d, "specgate.toml", b"max-file-size = \"1MiB\"\n");
    let r = run(specgate()
        .args(["check", "--select", "SG001"])
        .arg(&spec)
        .arg(good()));
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.contains("two.md: file is 1.9 MiB")
            && r.stderr.contains("over the 1 MiB limit; not read"),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout.contains("in 2 files; 1 file could not be checked"),
        "{}",
        r.stdout
    );
    // The flag overrides the config.
    let r = run(specgate()
        .args(["check", "--select", "SG001", "--max-file-size", "4MiB"])
        .arg(&spec));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // A number in the config is bytes.
    std::fs::write(&cfg, "max-file-size = 3000000\n").unwrap();
    let r = run(specgate().args(["check", "--select", "SG001"]).arg(&spec));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // A limit below the file size refuses it again, whatever the unit.
    let r = run(specgate()
        .args(["check", "--select", "SG001", "--max-file-size", "1999999 B"])
        .arg(&spec));
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    // Invalid sizes: the config's at its line:column, the flag's by clap.
    std::fs::write(&cfg, "strict = false\nmax-file-size = \"10 parsecs\"\n").unwrap();
    let r = run(specgate().arg("check").arg(&spec));
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr
            .contains("specgate.toml:2:17: invalid size `10 parsecs`: unknown unit `parsecs`"),
        "{}",
        r.stderr
    );
    let r = run(specgate()
        .args(["check", "--max-file-size", "0"])
        .arg(&spec));
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("must be at least 1 byte"), "{}", r.stderr);
}

/// Every command that reads specs applies the same limit, names the file, exits 2 and
/// goes on with the other files.
#[test]
fn every_command_that_reads_specs_applies_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut text = b"# Technical Specification: Big\n\n## 0) Summary\n\n".to_vec();
    text.extend(b"Words that fill the file.\n".repeat(10_000));
    let big = write(d, "big.md", &text);
    let out = d.join("out");
    // The good example (40 KB) is under the limit, big.md (260 KB) over it.
    let limit = ["--max-file-size", "100KB"];
    let want = "file is 254.0 KiB (260047 bytes), over the 97.7 KiB limit; not read";
    let g = good();
    let (big, g, out) = (big.as_os_str(), g.as_os_str(), out.as_os_str());
    let cases: Vec<(&str, Vec<&std::ffi::OsStr>)> = vec![
        ("check", vec![big, g]),
        ("fix", vec!["--diff".as_ref(), big, g]),
        ("gate", vec![big, g]),
        ("status", vec![big, g]),
        ("report", vec!["--out".as_ref(), out, big, g]),
        ("diagrams", vec!["--check".as_ref(), big, g]),
        ("export", vec!["--model".as_ref(), big]),
    ];
    for (cmd, args) in cases {
        let r = run(specgate().arg(cmd).args(limit).args(&args));
        assert_eq!(r.code, Some(2), "{cmd}: {}{}", r.stdout, r.stderr);
        // `gate` reports in its table's output, the others on stderr; the path once.
        let all = format!("{}{}", r.stdout, r.stderr);
        let line = all.lines().find(|l| l.contains(want));
        let line = line.unwrap_or_else(|| panic!("{cmd}: no `{want}` in {all}"));
        assert_eq!(line.matches("big.md").count(), 1, "{cmd}: {line}");
        // The good example went through: its name or its diagrams are in the output.
        if cmd == "gate" {
            assert!(r.stdout.contains("payments-api.md"), "{cmd}: {}", r.stdout);
        }
        if cmd == "status" {
            assert!(r.stdout.contains("1 spec: 1 passed"), "{cmd}: {}", r.stdout);
        }
        if cmd == "diagrams" {
            assert!(r.stdout.contains("diagrams checked"), "{cmd}: {}", r.stdout);
        }
        if cmd == "report" {
            assert!(
                r.stdout.contains("report: 1 spec page"),
                "{cmd}: {}",
                r.stdout
            );
        }
    }
    // Without the flag the file is well within the default.
    let r = run(specgate().args(["export", "--model"]).arg(big));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn deep_nesting_a_100k_row_table_and_a_10_mb_line_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let head = "# Technical Specification: X\n\n## 0) Summary\n\n";
    let lists = write(
        d,
        "lists.md",
        format!("{head}{}x\n", "- ".repeat(10_000)).as_bytes(),
    );
    let quotes = write(
        d,
        "quotes.md",
        format!("{head}{}x\n", "> ".repeat(10_000)).as_bytes(),
    );
    let mixed = write(
        d,
        "mixed.md",
        format!("{head}{}x\n", "> - ".repeat(5_000)).as_bytes(),
    );
    let mut table = format!("{head}| Key | Value |\n|---|---|\n");
    for i in 0..100_000 {
        table.push_str(&format!("| k{i} | v{i} |\n"));
    }
    let table = write(d, "table.md", table.as_bytes());
    // A 10,000,000-byte line (under the 10 MiB limit) full of `TODO`s: one finding
    // for them, which counts them (SG205 reports a marker once per line).
    // Its last word is a `FIXME`, far along: found, with its column.
    let line = "TODO and more words ".repeat(499_999) + "FIXME and more word ";
    assert_eq!(line.len(), 10_000_000);
    let long = write(d, "long.md", format!("{head}{line}\n").as_bytes());
    let (r, v) = check_json(&[&lists, &quotes, &mixed, &table, &long], &[]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    for name in ["lists.md", "quotes.md", "mixed.md", "table.md", "long.md"] {
        assert!(file(&v, name)["error"].is_null(), "{name}");
    }
    let todos: Vec<&serde_json::Value> = file(&v, "long.md")["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "SG205")
        .collect();
    assert_eq!(todos.len(), 2);
    let (first, last) = (todos[0], todos[1]);
    assert_eq!(first["location"]["line"], 5, "{first}");
    assert_eq!(first["location"]["column"], 1, "{first}");
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .contains("499999 times on this line"),
        "{first}"
    );
    assert_eq!(last["location"]["line"], 5, "{last}");
    assert_eq!(last["location"]["column"], 9_999_981, "{last}");
    // The human format shows a window of the line, not 10 MB per finding.
    let r = run(specgate()
        .args(["check", "--select", "todo-marker"])
        .arg(&long));
    assert_eq!(r.code, Some(0));
    assert!(r.stdout.len() < 500_000 * 1_000, "{} bytes", r.stdout.len());
    assert!(r.stdout.contains(" --> ") && r.stdout.contains("long.md:5:9999981"));
}

/// Regression: the human format counted a long span's characters up to 1,024 bytes past
/// its start, which split a multi-byte character (a panic) when the line was long and
/// not ASCII.
#[test]
fn a_long_non_ascii_line_under_a_finding_is_underlined_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let line = format!("a{}", "é".repeat(1_500));
    let spec = write(
        dir.path(),
        "long-span.md",
        format!("# Technical Specification: X\n\n## 1. Overview\n\n{line}\n").as_bytes(),
    );
    let r = run(specgate().arg("check").arg(&spec));
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    // The window shows 200 characters of the line, and the underline is as wide.
    assert!(r.stdout.contains(&format!("5 | a{}\n", "é".repeat(199))));
    assert!(r.stdout.contains(&format!("  | {}\n", "^".repeat(200))));
}

#[test]
fn a_directory_symlink_loop_is_not_followed_and_a_file_loop_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let specs = dir.path().join("specs");
    std::fs::create_dir(&specs).unwrap();
    write(&specs, "a.md", b"# Technical Specification: A\n");
    std::os::unix::fs::symlink("..", specs.join("up")).unwrap();
    std::os::unix::fs::symlink(".", specs.join("self")).unwrap();
    let looped = specs.join("loop.md");
    std::os::unix::fs::symlink("loop.md", &looped).unwrap();
    let r = run(specgate()
        .args(["check", "--output-format", "json", "--select", "SG001"])
        .arg(&specs)
        .arg(&looped));
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("loop.md: cannot read: Too many levels of symbolic links"),
        "{}",
        r.stderr
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    // a.md once (not through `up` or `self`), then the loop named on the command line.
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("specs/a.md"), "{paths:?}");
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Permission 000 as a normal user; as root (who reads mode-000 files) that case is
/// skipped visibly, and the same error path is covered by what root cannot read
/// either: a FIFO (refused from its metadata, never opened, so nothing blocks) and a
/// device.
#[test]
fn unreadable_files_are_named_and_never_block() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let secret = write(d, "secret.md", b"# Technical Specification: S\n");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if is_root() {
        eprintln!("SKIPPED: permission 000: running as root, which can read any file; the FIFO and device cases below cover the same path");
    } else {
        let (r, _) = check_json(&[&secret], &[]);
        assert_eq!(r.code, Some(2));
        assert!(
            r.stderr
                .contains("secret.md: cannot read: Permission denied"),
            "{}",
            r.stderr
        );
    }
    let fifo = d.join("fifo.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    let (r, _) = check_json(&[&fifo, Path::new("/dev/zero")], &[]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr
            .contains("fifo.md: not a regular file (a FIFO); not read"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("/dev/zero: not a regular file (a device); not read"),
        "{}",
        r.stderr
    );
    // `diagrams` and `export` read through the same function.
    let r = run(specgate()
        .args(["diagrams", "--check"])
        .arg(&fifo)
        .arg(good()));
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("fifo.md: not a regular file (a FIFO)"));
    let r = run(specgate().args(["export", "--model"]).arg(&fifo));
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("fifo.md: not a regular file (a FIFO)"));
}

/// A file that disappears between discovery and reading. Named on the command line, a
/// spec is listed without being opened, so a missing one (or a dangling symlink)
/// reaches the read exactly as a file deleted after the walk does; the in-process test
/// `project::tests::a_file_deleted_after_the_walk_is_a_read_error` deletes a walked
/// file for real.
#[test]
fn a_file_gone_before_it_is_read_is_named_and_the_others_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("gone.md");
    let dangling = dir.path().join("dangling.md");
    std::os::unix::fs::symlink(dir.path().join("deleted.md"), &dangling).unwrap();
    let (r, v) = check_json(&[&gone, &dangling], &[]);
    assert_eq!(r.code, Some(2));
    for name in ["gone.md", "dangling.md"] {
        assert!(
            r.stderr
                .contains(&format!("{name}: cannot read: No such file or directory")),
            "{}",
            r.stderr
        );
        assert!(file(&v, name)["error"]
            .as_str()
            .unwrap()
            .contains("No such file"));
    }
}

#[test]
fn a_spec_given_twice_is_checked_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.md",
        b"# Technical Specification: A\n\nTODO\n",
    );
    let again = dir.path().join(".").join("a.md");
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&a, &link).unwrap();
    let r = run(specgate()
        .args([
            "check",
            "--select",
            "todo-marker",
            "--output-format",
            "json",
        ])
        .arg(&a)
        .arg(&again)
        .arg(&a)
        .arg(&link));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 1, "{v}");
    assert_eq!(v["summary"]["warnings"], 1, "{v}");
}

/// Every kind of config error is reported at its exact line and column, exit 2.
#[test]
fn config_errors_are_reported_at_their_exact_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("specgate.toml");
    let spec = write(dir.path(), "a.md", b"# Technical Specification: A\n");
    for (text, want) in [
        // TOML syntax: the unclosed array, at the end of the line.
        ("strict = true\nselect = [\"SG301\"\n", "specgate.toml:3:1: invalid array"),
        // A wrong type.
        ("\n\nstrict = \"yes\"\n", "specgate.toml:3:10: invalid type: string \"yes\", expected a boolean"),
        // Unknown keys.
        ("[severity]\n\n[colours]\n", "specgate.toml:3:2: unknown field `colours`"),
        // Unknown rule codes in select, ignore and [severity], even when the code
        // also occurs earlier in a comment.
        ("# SG999 is not a rule\nignore = [\"SG301\", \"SG999\"]\n", "specgate.toml:2:20: unknown rule `SG999`"),
        ("# SG998: no such rule\n[severity]\n  SG998 = \"error\"\n", "specgate.toml:3:3: unknown rule `SG998`"),
        ("[severity]\nSG301 = \"fatal\"\n", "specgate.toml:2:9: severity of `SG301` must be \"error\", \"warning\" or \"info\", not \"fatal\""),
        ("evidence-forms = [\"trailing\", \"shouted\"]\n", "specgate.toml:1:31: unknown evidence form `shouted`"),
        ("max-file-size = -5\n", "specgate.toml:1:17: invalid size `-5`: must be positive"),
    ] {
        std::fs::write(&cfg, text).unwrap();
        // The good example (under another config) is still checked, whether it comes
        // before or after the file under the broken config.
        let (r, _) = check_json(&[&spec], &[]);
        assert_eq!(r.code, Some(2), "{text}");
        assert!(r.stderr.contains(want), "{text:?}: want {want:?} in {}", r.stderr);
        let r = run(specgate()
            .args(["check", "--output-format", "json"])
            .arg(&spec)
            .arg(good()));
        assert_eq!(r.code, Some(2), "{text}");
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        assert!(file(&v, "payments-api.md")["error"].is_null(), "{v}");
        assert_eq!(
            file(&v, "a.md")["error"],
            "not checked: its configuration has errors (above)"
        );
        assert!(r.stderr.contains(want), "{text:?}: want {want:?} in {}", r.stderr);
    }
}
