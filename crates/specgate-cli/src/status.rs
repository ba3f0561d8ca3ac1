//! `specgate status`: the report index's portfolio (title, owner, status, last updated,
//! errors / warnings, check result, evidence, gaps, overdue open questions) as a
//! terminal table or JSON, streamed a chunk of specs at a time.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use rayon::prelude::*;
use specgate_render::report::{self, Summary};

use crate::project::Project;

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
            "{} {} {} {} {:>6} {:>8} {:<6} {:>8} {:>4} {:>7}",
            clip("SPEC", 40),
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
    for chunk in walk.files.chunks(CHUNK) {
        let rows: Vec<Result<Summary, String>> = chunk
            .par_iter()
            .map(|file| {
                let c = project
                    .check(file)
                    .map_err(|e| format!("error: {}: {e}", file.display()))?;
                let findings = crate::report::findings(&c);
                let coverage = crate::report::coverage(&c);
                let shown = file.display().to_string();
                Ok(report::summary(&c.doc, &shown, "", &findings, coverage))
            })
            .collect();
        for r in rows {
            match r {
                Ok(s) => {
                    failed += usize::from(!s.gate_passed);
                    let _ = if table {
                        writeln!(
                            out,
                            "{} {} {} {} {:>6} {:>8} {:<6} {:>7.0}% {:>4} {:>7}",
                            clip(&s.path, 40),
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
    if io_error {
        2
    } else if failed > 0 {
        1
    } else {
        0
    }
}
