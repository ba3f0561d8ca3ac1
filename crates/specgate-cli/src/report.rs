//! `specgate report`: a static, self-contained HTML report (one page per spec and an
//! index), built by `specgate-render` and written atomically.

use std::path::{Component, Path, PathBuf};

use clap::Args;
use rayon::prelude::*;
use specgate_lint::Severity;
use specgate_render::report::{self, Coverage, Finding, Level, Page, Summary};

use crate::project::{Checked, Outcome, Project, Skip, Skips};

#[derive(Args)]
pub struct ReportArgs {
    /// Specs or directories (default: the current directory)
    pub paths: Vec<PathBuf>,
    /// Output directory (created if missing)
    #[arg(long, value_name = "DIR", default_value = "specgate-report")]
    pub out: PathBuf,
    /// Template to check against (default: specgate.toml's, else the built-in one)
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// Exit 1 when a spec fails its gate or a diagram is invalid, as `gate` does
    /// (by default the report's exit code says only whether it was written)
    #[arg(long)]
    pub exit_non_zero_on_findings: bool,
    #[command(flatten)]
    pub read: crate::project::ReadArgs,
}

/// The findings of a checked spec, as the report shows them.
pub fn findings(c: &Checked) -> Vec<Finding> {
    c.diagnostics
        .iter()
        .map(|d| {
            let lc = c.doc.line_index.line_col(&c.doc.text, d.span.start);
            Finding {
                offset: d.span.start,
                line: lc.line,
                column: lc.column,
                level: match d.severity {
                    Severity::Error => Level::Error,
                    Severity::Warning => Level::Warning,
                    Severity::Info => Level::Info,
                },
                code: d.code.to_string(),
                name: d.name.to_string(),
                message: d.message.clone(),
            }
        })
        .collect()
}

/// Evidence coverage from the `missing-evidence` rule's claims.
pub fn coverage(c: &Checked) -> Coverage {
    Coverage {
        claims: c.claims.len(),
        covered: c.claims.iter().filter(|k| k.covered).count(),
        uncovered_lines: c
            .claims
            .iter()
            .filter(|k| !k.covered)
            .map(|k| {
                let b = &c.doc.blocks[k.block];
                c.doc.line_index.line_col(&c.doc.text, b.span.start).line
            })
            .collect(),
    }
}

/// `a/b c.md` → `a__b_c.md.html`: one flat, unique name per spec path.
fn page_name(path: &Path) -> String {
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(s) => {
                parts.push(s.to_string_lossy().replace([' ', '#', '?', '%'], "_"))
            }
            Component::ParentDir => parts.push("up".into()),
            _ => {}
        }
    }
    format!("{}.html", parts.join("__"))
}

/// The relative path from directory `from` to `to` (both absolute), `/`-separated,
/// ending in `/` (empty when equal).
pub fn relative_dir(from: &Path, to: &Path) -> String {
    let f: Vec<_> = from.components().collect();
    let t: Vec<_> = to.components().collect();
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut s = String::new();
    for _ in common..f.len() {
        s.push_str("../");
    }
    for c in &t[common..] {
        s.push_str(&c.as_os_str().to_string_lossy());
        s.push('/');
    }
    s
}

/// A spec's index row and diagram notes, a skipped file, or an error.
type PageResult = Result<Result<(Summary, Vec<String>), Skip>, String>;

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

pub fn run(args: ReportArgs) -> u8 {
    let project = Project::new(args.template.clone(), None, args.read.clone());
    let Some((walk, mut io_error)) = project.walk_reporting_errors(&args.paths) else {
        return 2;
    };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!(
            "error: {}: cannot create directory: {e}",
            args.out.display()
        );
        return 2;
    }
    let out_abs = absolute(&args.out);
    let page = |file: &PathBuf| -> PageResult {
        let checked = match project.check(file, walk.origin(file)) {
            Outcome::Checked(c) => c,
            Outcome::Skipped(skip) => return Ok(Err(skip)),
            Outcome::Error(e) => return Err(format!("error: {}: {e}", file.display())),
        };
        let findings = findings(&checked);
        let coverage = coverage(&checked);
        let spec_dir = absolute(file)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let evidence_root = checked
            .evidence_root
            .as_deref()
            .map(absolute)
            .unwrap_or_else(|| spec_dir.clone());
        let name = page_name(file);
        let shown = file.display().to_string();
        let page = Page {
            doc: &checked.doc,
            path: shown.clone(),
            findings: &findings,
            coverage: coverage.clone(),
            link_base: relative_dir(&out_abs, &spec_dir),
            evidence_base: relative_dir(&out_abs, &evidence_root),
            evidence_map: checked.evidence_map,
            index_href: "index.html".into(),
        };
        let out = report::render_page(&page);
        let mut notes = Vec::new();
        for p in &out.problems {
            notes.push(format!("{shown}:{}: diagram {}", p.line, p.failure));
        }
        crate::write::write_atomic(&args.out.join(&name), out.html.as_bytes())
            .map_err(|e| format!("error: {}: {e}", args.out.join(&name).display()))?;
        let summary = report::summary(
            &checked.doc,
            &shown,
            &name,
            &findings,
            coverage,
            checked.header_keys.as_deref(),
        );
        Ok(Ok((summary, notes)))
    };
    let mut skips = Skips::default();
    let default_root = [PathBuf::from(".")];
    let roots: &[PathBuf] = if args.paths.is_empty() {
        &default_root
    } else {
        &args.paths
    };
    let walk_root = roots[0].as_path();
    let mut summaries: Vec<Summary> = Vec::with_capacity(walk.files.len());
    let mut failed = false;
    for chunk in walk.files.chunks(64) {
        let results: Vec<(&PathBuf, PageResult)> =
            chunk.par_iter().map(|file| (file, page(file))).collect();
        for (file, r) in results {
            match r {
                Ok(Ok((s, notes))) => {
                    for n in notes {
                        if n.contains("invalid Mermaid") {
                            failed = true;
                        }
                        println!("{n}");
                    }
                    failed |= !s.gate_passed;
                    summaries.push(s);
                }
                Ok(Err(skip)) => skips.add(file, &skip),
                Err(e) => {
                    eprintln!("{e}");
                    io_error = true;
                }
            }
        }
    }
    if let Ok(s) = project.setup(walk_root).as_ref() {
        skips.print(summaries.len(), &walk, roots, &s.kinds);
    }
    let index = args.out.join("index.html");
    if let Err(e) = crate::write::write_atomic(&index, report::render_index(&summaries).as_bytes())
    {
        eprintln!("error: {}: {e}", index.display());
        return 2;
    }
    println!(
        "report: {} spec page{} and index.html written to {}",
        summaries.len(),
        if summaries.len() == 1 { "" } else { "s" },
        args.out.display()
    );
    // The findings are the report's content: it succeeded when it was written.
    if io_error {
        2
    } else if failed && args.exit_non_zero_on_findings {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_dirs() {
        assert_eq!(
            relative_dir(Path::new("/a/out"), Path::new("/a/specs")),
            "../specs/"
        );
        assert_eq!(relative_dir(Path::new("/a"), Path::new("/a")), "");
        assert_eq!(page_name(Path::new("./x/my spec.md")), "x__my_spec.md.html");
    }
}
