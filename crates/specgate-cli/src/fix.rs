//! `specgate fix`: applies the rules' fixes until they converge, and writes each
//! changed file atomically (BOM, line endings and final newline kept). `--diff` shows
//! a unified diff and writes nothing; `--check` only says what would change.
//!
//! File discovery, config and template loading are `check`'s: `fix` runs `check` in
//! a fix mode ([`FixMode`]) and [`fix_file`] does the per-file work, which `check
//! --fix` shares through [`specgate_lint::fix::fix_text`] and [`write_text`].

use std::path::{Path, PathBuf};

use clap::Args;
use specgate_lint::Diagnostic;
use specgate_model::SourceText;

use crate::output::FileReport;
use crate::OutputFormat;

#[derive(Args)]
pub struct FixArgs {
    /// Files or directories to fix (default: the current directory)
    paths: Vec<PathBuf>,
    /// Also apply unsafe fixes: insert missing required sections, tick or untick
    /// Quality Gate boxes to match what specgate verifies
    #[arg(long = "unsafe")]
    unsafe_fixes: bool,
    /// Print a unified diff of the fixes and write nothing; exit 1 if there are any
    #[arg(long, conflicts_with = "check")]
    diff: bool,
    /// Write nothing; exit 1 if any fix would apply
    #[arg(long)]
    check: bool,
    /// Set the `Last updated` header field to today in every file that changes
    #[arg(long)]
    touch_date: bool,
    /// Template to check against (default: specgate.toml's, else the built-in one)
    #[arg(long)]
    template: Option<PathBuf>,
    /// Use this config file instead of discovering specgate.toml
    #[arg(long)]
    config: Option<PathBuf>,
    /// Only apply the fixes of these rules (codes, names, categories or prefixes)
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Do not apply the fixes of these rules
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Apply spec discovery and exclude globs to files named on the command line too
    #[arg(long)]
    force_exclude: bool,
    #[command(flatten)]
    read: crate::project::ReadArgs,
}

/// What `fix` does with the fixed text.
#[derive(Clone, Copy, Debug, Default)]
pub struct FixMode {
    pub diff: bool,
    pub check: bool,
    pub touch_date: bool,
}

pub fn run(args: FixArgs) -> u8 {
    crate::check::run(crate::check::CheckArgs {
        paths: args.paths,
        template: args.template,
        config: args.config,
        select: args.select,
        ignore: args.ignore,
        strict: false,
        output_format: OutputFormat::Human,
        fix: true,
        unsafe_fixes: args.unsafe_fixes,
        quiet: false,
        verbose: false,
        force_exclude: args.force_exclude,
        read: args.read,
        fix_mode: Some(FixMode {
            diff: args.diff,
            check: args.check,
            touch_date: args.touch_date,
        }),
    })
}

/// Writes fixed text atomically, with the BOM put back if the file had one.
pub fn write_text(file: &Path, had_bom: bool, text: &str) -> std::io::Result<()> {
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if had_bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    bytes.extend_from_slice(text.as_bytes());
    crate::write::write_atomic(file, &bytes)
}

/// Sets the `Last updated` header field to today (`SPECGATE_TODAY` is honoured).
pub fn touch_date(text: &str) -> String {
    let doc = specgate_model::parse(text);
    let Some(f) = doc
        .header
        .iter()
        .find(|f| f.key.trim().eq_ignore_ascii_case("last updated"))
    else {
        return text.to_string();
    };
    let (y, m, d) = specgate_lint::dates::today();
    let mut out = text.to_string();
    out.replace_range(
        f.value_span.start..f.value_span.end,
        &format!("{y:04}-{m:02}-{d:02}"),
    );
    out
}

/// Fixes one file: `fixable` maps a text to the findings whose fixes apply. The
/// report's `rendered` is what `fix` prints for it; `errors` is 1 when `--check` or
/// `--diff` found something to fix.
pub fn fix_file(
    file: &Path,
    src: &SourceText,
    mode: &FixMode,
    unsafe_fixes: bool,
    fixable: impl FnMut(&str) -> Vec<Diagnostic>,
) -> FileReport {
    let outcome = specgate_lint::fix::fix_text(&src.text, unsafe_fixes, fixable);
    let mut report = FileReport::empty(file);
    if !outcome.converged {
        report.error = Some(format!(
            "fixes did not converge after {} rounds; nothing written",
            specgate_lint::fix::MAX_ROUNDS
        ));
        return report;
    }
    if outcome.applied == 0 || outcome.text == src.text {
        return report;
    }
    let mut text = outcome.text;
    if mode.touch_date {
        text = touch_date(&text);
    }
    let n = outcome.applied;
    let what = format!("{n} fix{}", if n == 1 { "" } else { "es" });
    if mode.diff {
        let name = file.display().to_string();
        report.rendered = similar::TextDiff::from_lines(&src.text, &text)
            .unified_diff()
            .header(&name, &name)
            .to_string();
        report.errors = 1;
    } else if mode.check {
        report.rendered = format!("Would apply {what} to {}\n", file.display());
        report.errors = 1;
    } else {
        if let Err(e) = write_text(file, src.had_bom, &text) {
            report.error = Some(format!("cannot write fixes: {e}"));
            return report;
        }
        report.rendered = format!("Fixed {}: {what}\n", file.display());
    }
    report.fixed = n;
    report
}

/// Prints the per-file lines and a summary; returns the exit code.
pub fn finish(reports: Vec<FileReport>, mode: &FixMode, mut io_error: bool) -> u8 {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let (mut files, mut fixes, mut pending) = (0, 0, 0);
    for r in &reports {
        if let Some(e) = &r.error {
            eprintln!("error: {}: {e}", r.path.display());
            io_error = true;
            continue;
        }
        let _ = out.write_all(r.rendered.as_bytes());
        if r.fixed > 0 {
            files += 1;
            fixes += r.fixed;
        }
        pending += r.errors;
    }
    let verb = if mode.diff || mode.check {
        "Would apply"
    } else {
        "Applied"
    };
    let summary = if fixes == 0 {
        format!(
            "Nothing to fix ({} file{}).",
            reports.len(),
            plural(reports.len())
        )
    } else {
        format!(
            "{verb} {fixes} fix{} in {files} file{} ({} checked).",
            if fixes == 1 { "" } else { "es" },
            plural(files),
            reports.len()
        )
    };
    if mode.diff {
        eprintln!("{summary}");
    } else {
        let _ = writeln!(out, "{summary}");
    }
    let _ = out.flush();
    if io_error {
        2
    } else if pending > 0 {
        1
    } else {
        0
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
