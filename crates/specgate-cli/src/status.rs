//! `specgate status`: the report index's portfolio (title, owner, status, last updated,
//! errors / warnings, check result, evidence, gaps, overdue open questions) as a
//! terminal table or JSON, streamed a chunk of specs at a time.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use rayon::prelude::*;
use specgate_render::report::{self, Summary};

use crate::project::{Outcome, Project, Skip, Skips};

#[derive(Args)]
pub struct StatusArgs {
    /// Directory (or specs) to summarise (default: the current directory)
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    pub output_format: StatusFormat,
    /// Template to check against (default: specgate.toml's, else the built-in one)
    #[arg(long)]
    pub template: Option<PathBuf>,
    #[command(flatten)]
    pub read: crate::project::ReadArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// aligned columns, one spec per line
    Table,
    /// a JSON array of objects, one per spec
    Json,
}

const CHUNK: usize = 256;

/// A spec's row, a skipped file, or an error.
type Row = Result<Result<Summary, Skip>, String>;

fn clip(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n <= w {
        format!("{s:<w$}")
    } else {
        let mut t: String = s.chars().take(w.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn json(s: &Summary) -> serde_json::Value {
    serde_json::json!({
        "path": s.path,
        "title": s.title,
        "template": s.template,
        "owner": s.owner,
        "status": s.status,
        "last_updated": s.last_updated,
        "errors": s.errors,
        "warnings": s.warnings,
        "check": if s.gate_passed { "passed" } else { "failed" },
        "evidence": {
            "claims": s.coverage.claims,
            "covered": s.coverage.covered,
        },
        "gaps": s.gaps,
        "overdue_questions": s.overdue_questions,
    })
}

/// A template as the table shows it: its file name (`built-in` for the seed).
fn template_shown(t: Option<&str>) -> &str {
    let t = t.unwrap_or("—");
    t.rsplit('/').next().unwrap_or(t)
}

pub fn run(args: StatusArgs) -> u8 {
    let project = Project::new(args.template.clone(), None, args.read.clone());
    let Some((walk, mut io_error)) = project.walk_reporting_errors(&args.paths) else {
        return 2;
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let table = args.output_format == StatusFormat::Table;
    let _ = if table {
        writeln!(
            out,
            "{} {} {} {} {} {:>6} {:>8} {:<6} {:>8} {:>4} {:>7}",
            clip("SPEC", 40),
            clip("TEMPLATE", 16),
            clip("OWNER", 16),
            clip("STATUS", 12),
            clip("UPDATED", 10),
            "ERRORS",
            "WARNINGS",
            "CHECK",
            "EVIDENCE",
            "GAPS",
            "OVERDUE"
        )
    } else {
        write!(out, "[")
    };
    let (mut n, mut failed) = (0usize, 0usize);
    let mut skips = Skips::default();
    for chunk in walk.files.chunks(CHUNK) {
        let rows: Vec<(&PathBuf, Row)> = chunk
            .par_iter()
            .map(|file| {
                let row = match project.check(file, walk.origin(file)) {
                    Outcome::Checked(c) => {
                        let findings = crate::report::findings(&c);
                        let coverage = crate::report::coverage(&c);
                        let shown = file.display().to_string();
                        Ok(Ok(report::summary(
                            &c.doc,
                            &shown,
                            "",
                            &findings,
                            coverage,
                            c.header_keys.as_deref(),
                        )
                        .with_template(c.template.as_deref())))
                    }
                    Outcome::Skipped(skip) => Ok(Err(skip)),
                    Outcome::Error(e) => Err(format!("error: {}: {e}", file.display())),
                };
                (file, row)
            })
            .collect();
        for (file, r) in rows {
            match r {
                Ok(Err(skip)) => skips.add(file, &skip),
                Ok(Ok(s)) => {
                    failed += usize::from(!s.gate_passed);
                    let _ = if table {
                        writeln!(
                            out,
                            "{} {} {} {} {} {:>6} {:>8} {:<6} {:>7.0}% {:>4} {:>7}",
                            clip(&s.path, 40),
                            clip(template_shown(s.template.as_deref()), 16),
                            clip(&s.owner, 16),
                            clip(&s.status, 12),
                            clip(&s.last_updated, 10),
                            s.errors,
                            s.warnings,
                            if s.gate_passed { "pass" } else { "FAIL" },
                            s.coverage.percent(),
                            s.gaps,
                            s.overdue_questions
                        )
                    } else {
                        write!(out, "{}\n  {}", if n == 0 { "" } else { "," }, json(&s))
                    };
                    n += 1;
                }
                Err(e) => {
                    let _ = out.flush();
                    eprintln!("{e}");
                    io_error = true;
                }
            }
        }
        let _ = out.flush();
    }
    let _ = if table {
        writeln!(
            out,
            "{n} spec{}: {} passed, {failed} failed",
            if n == 1 { "" } else { "s" },
            n - failed
        )
    } else {
        writeln!(out, "{}]", if n == 0 { "" } else { "\n" })
    };
    let _ = out.flush();
    let default_root = [PathBuf::from(".")];
    let roots: &[PathBuf] = if args.paths.is_empty() {
        &default_root
    } else {
        &args.paths
    };
    if let Ok(s) = project.setup(&roots[0]).as_ref() {
        skips.print(n, &walk, roots, &s.kinds);
    }
    // A status of nothing is not a passing portfolio.
    if io_error || n == 0 {
        2
    } else if failed > 0 {
        1
    } else {
        0
    }
}
