//! `specgate gate`: the whole quality gate in one command. Every spec goes through
//! every stage, and every failure is reported, not just the first:
//!
//! - `check`: all rules (the config's selection and severities);
//! - `diagrams`: Mermaid validation (`invalid-mermaid`, SG621);
//! - `export`: `export --validate` (only for specs with a Template Metadata section);
//! - `vale`: an optional prose pass, when `vale` is on `PATH` and a `.vale.ini` is
//!   found next to the spec or above it.

use std::path::{Path, PathBuf};

use clap::Args;
use specgate_lint::{Diagnostic, Selection, Severity};
use specgate_model::{metadata, Document, Span};

use crate::output::{Emitter, FileReport};
use crate::OutputFormat;

#[derive(Args)]
pub struct GateArgs {
    /// Files or directories (default: the current directory)
    paths: Vec<PathBuf>,
    /// Treat warnings as errors in the check stage
    #[arg(long)]
    strict: bool,
    /// Output format: a table (human), or all findings as in `check`
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    output_format: OutputFormat,
    /// Template to check against (default: specgate.toml's, else the built-in one)
    #[arg(long)]
    template: Option<PathBuf>,
    /// Use this config file instead of discovering specgate.toml
    #[arg(long)]
    config: Option<PathBuf>,
    #[command(flatten)]
    read: crate::project::ReadArgs,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Pass,
    Fail,
    Skipped,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "FAIL",
            Status::Skipped => "skipped",
        }
    }
}

const STAGES: [&str; 4] = ["check", "diagrams", "export", "vale"];

/// One spec through every stage.
struct SpecResult {
    path: PathBuf,
    doc: Option<Document>,
    status: [Status; 4],
    /// Findings per stage (errors and warnings).
    findings: [Vec<Diagnostic>; 4],
    error: Option<String>,
    vale_note: Option<String>,
}

impl SpecResult {
    fn passed(&self) -> bool {
        self.error.is_none() && !self.status.contains(&Status::Fail)
    }
}

pub fn run(args: GateArgs) -> u8 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let project = crate::project::Project::new(
        args.template.clone(),
        args.config.clone(),
        args.read.clone(),
    );
    let walk = match project.files(&paths) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let mut io_error = !walk.errors.is_empty();
    for (p, e) in &walk.errors {
        eprintln!("error: {}: {e}", p.display());
    }
    let vale = vale_binary();
    let mut skips = crate::project::Skips::default();
    let mut results: Vec<SpecResult> = Vec::new();
    for f in &walk.files {
        match gate_file(f, walk.origin(f), &project, &args, vale.as_deref()) {
            Ok(r) => results.push(r),
            Err(skip) => skips.add(f, &skip),
        }
    }
    io_error |= results.iter().any(|r| r.error.is_some());
    if let Ok(s) = project.setup(&paths[0]).as_ref() {
        skips.print(results.len(), &walk, &paths, &s.kinds);
    }
    // A gate that checked nothing must not pass.
    io_error |= results.is_empty();
    let failed = results.iter().filter(|r| !r.passed()).count();
    match args.output_format {
        OutputFormat::Human => human(&results, vale.is_some()),
        format => machine(&results, format),
    }
    let n = results.len();
    let line = format!(
        "gate: {n} spec{}, {} passed, {failed} failed",
        if n == 1 { "" } else { "s" },
        n - failed
    );
    if args.output_format == OutputFormat::Human {
        println!("{line}");
    } else {
        eprintln!("{line}");
    }
    if io_error {
        2
    } else if failed > 0 {
        1
    } else {
        0
    }
}

/// One file through every stage; `Err` when a walked file is not checked.
fn gate_file(
    file: &Path,
    origin: crate::files::Origin,
    project: &crate::project::Project,
    args: &GateArgs,
    vale: Option<&Path>,
) -> Result<SpecResult, crate::project::Skip> {
    use crate::project::{Skip, Verdict};
    let mut r = SpecResult {
        path: file.to_path_buf(),
        doc: None,
        status: [Status::Skipped; 4],
        findings: Default::default(),
        error: None,
        vale_note: None,
    };
    let setup = project.setup(file);
    let setup = match setup.as_ref() {
        Ok(s) => s,
        Err(e) => {
            r.error = Some(e.clone());
            return Ok(r);
        }
    };
    let doc = match project.read(file, setup) {
        Ok(src) => specgate_model::parse(&src.text),
        Err(e) => {
            r.error = Some(e);
            return Ok(r);
        }
    };
    let route = match project.classify(setup, file, &doc, origin) {
        Verdict::Check(route) => route,
        Verdict::NotSpec => return Err(Skip::NotSpec),
        Verdict::Unmatched(t) => return Err(Skip::Unmatched(t)),
    };
    let evidence_root = project.evidence_root(file, setup);
    let ctx = project.context(&doc, file, setup, &route, &evidence_root);
    let l = setup;
    let strict = args.strict || l.config.strict;
    let failing = |d: &Diagnostic| {
        d.severity == Severity::Error || (strict && d.severity == Severity::Warning)
    };
    // check
    let mut selection = Selection::from_config(&l.config);
    selection.strict |= args.strict;
    let found = specgate_lint::check(&ctx, &selection);
    // A document of no known kind was not checked: it cannot pass the gate.
    r.status[0] = stage_status(found.iter().any(failing) || ctx.unmatched.is_some());
    r.findings[0] = found
        .into_iter()
        .filter(|d| d.severity != Severity::Info)
        .collect();
    // diagrams
    let diagrams = specgate_lint::check(
        &ctx,
        &Selection {
            select: vec!["invalid-mermaid".into()],
            ..Selection::default()
        },
    );
    r.status[1] = stage_status(!diagrams.is_empty());
    r.findings[1] = diagrams;
    // export
    if ctx.unmatched.is_none() && !metadata::blocks(&doc, ctx.schema, &ctx.matching).is_empty() {
        let problems = specgate_export::validate::validate(&ctx);
        r.status[2] = stage_status(problems.iter().any(|p| p.severity == Severity::Error));
        r.findings[2] = problems
            .into_iter()
            .map(|p| Diagnostic {
                code: p.code.unwrap_or("export"),
                name: p
                    .code
                    .and_then(specgate_lint::lookup)
                    .map_or("export", |r| r.meta.name),
                severity: p.severity,
                message: p.message,
                span: p.span,
                labels: Vec::new(),
                help: p.help,
                fix: None,
            })
            .collect();
    }
    // vale
    match (vale, vale_config(file)) {
        (Some(bin), Some(_)) => match run_vale(bin, file, &doc) {
            Ok(found) => {
                r.status[3] = stage_status(found.iter().any(|d| d.severity == Severity::Error));
                r.findings[3] = found;
            }
            Err(e) => {
                r.status[3] = Status::Fail;
                r.vale_note = Some(e);
            }
        },
        (None, _) => r.vale_note = Some("vale is not installed".into()),
        (Some(_), None) => r.vale_note = Some("no .vale.ini found".into()),
    }
    drop(ctx);
    r.doc = Some(doc);
    Ok(r)
}

fn stage_status(fail: bool) -> Status {
    if fail {
        Status::Fail
    } else {
        Status::Pass
    }
}

/// `vale` on `PATH`, if installed.
fn vale_binary() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("vale"))
        .find(|p| p.is_file())
}

/// The nearest `.vale.ini` in the spec's directory or above it.
fn vale_config(file: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(file).ok()?;
    abs.ancestors()
        .skip(1)
        .map(|d| d.join(".vale.ini"))
        .find(|p| p.is_file())
}

/// Runs `vale --output=JSON` on one file and maps its alerts to findings.
fn run_vale(bin: &Path, file: &Path, doc: &Document) -> Result<Vec<Diagnostic>, String> {
    let out = std::process::Command::new(bin)
        .arg("--output=JSON")
        .arg(file)
        .output()
        .map_err(|e| format!("cannot run vale: {e}"))?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|_| {
        format!(
            "vale failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )
    })?;
    let mut found = Vec::new();
    for alerts in v.as_object().into_iter().flat_map(|o| o.values()) {
        for a in alerts.as_array().into_iter().flatten() {
            let line = a["Line"].as_u64().unwrap_or(1).max(1) as usize - 1;
            let col = a["Span"][0].as_u64().unwrap_or(1).max(1) as usize - 1;
            let ls = doc.line_index.line_span(&doc.text, line);
            let start = doc.text[ls.start..ls.end]
                .char_indices()
                .nth(col)
                .map_or(ls.start, |(i, _)| ls.start + i);
            let severity = match a["Severity"].as_str() {
                Some("error") => Severity::Error,
                Some("warning") => Severity::Warning,
                _ => Severity::Info,
            };
            found.push(Diagnostic {
                code: "vale",
                name: "vale",
                severity,
                message: format!(
                    "{} ({})",
                    a["Message"].as_str().unwrap_or(""),
                    a["Check"].as_str().unwrap_or("vale")
                ),
                span: Span::new(start, start),
                labels: Vec::new(),
                help: None,
                fix: None,
            });
        }
    }
    Ok(found)
}

/// Every failure as `file:line:col: stage: severity[CODE]: message`, then the table.
fn human(results: &[SpecResult], vale_installed: bool) {
    for r in results {
        if let Some(e) = &r.error {
            println!("{}: error: {e}", r.path.display());
            continue;
        }
        let Some(doc) = &r.doc else { continue };
        for (i, stage) in STAGES.iter().enumerate() {
            for d in &r.findings[i] {
                let lc = doc.line_index.line_col(&doc.text, d.span.start);
                println!(
                    "{}:{}:{}: {stage}: {}[{}]: {}",
                    r.path.display(),
                    lc.line,
                    lc.column,
                    d.severity.as_str(),
                    d.code,
                    d.message
                );
            }
        }
    }
    if !vale_installed {
        println!("note: vale is not installed; the prose stage is skipped");
    } else if let Some(note) = results.iter().find_map(|r| r.vale_note.as_ref()) {
        println!("note: vale: {note}");
    }
    let width = results
        .iter()
        .map(|r| r.path.display().to_string().chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    if !results.is_empty() {
        println!();
        println!(
            "{:<width$}  {:<8} {:<8} {:<8} {:<8} result",
            "spec", STAGES[0], STAGES[1], STAGES[2], STAGES[3]
        );
    }
    for r in results {
        let cell = |i: usize| {
            if r.error.is_some() {
                "error"
            } else {
                r.status[i].as_str()
            }
        };
        println!(
            "{:<width$}  {:<8} {:<8} {:<8} {:<8} {}",
            r.path.display(),
            cell(0),
            cell(1),
            cell(2),
            cell(3),
            if r.passed() { "pass" } else { "FAIL" }
        );
    }
}

/// JSON: `{schema_version, specs: [{path, passed, error, stages: {name: {status,
/// diagnostics}}}], summary: {specs, passed, failed}}`. SARIF, GitHub and JUnit: the
/// findings of every stage, as `check` writes them (duplicates across stages merged).
fn machine(results: &[SpecResult], format: OutputFormat) {
    if format == OutputFormat::Json {
        let specs: Vec<serde_json::Value> = results
            .iter()
            .map(|r| {
                let mut stages = serde_json::Map::new();
                for (i, stage) in STAGES.iter().enumerate() {
                    let diags: Vec<_> = match &r.doc {
                        Some(doc) => r.findings[i]
                            .iter()
                            .map(|d| crate::json::JsonDiagnostic::new(doc, d))
                            .collect(),
                        None => Vec::new(),
                    };
                    stages.insert(
                        stage.to_string(),
                        serde_json::json!({
                            "status": match r.status[i] {
                                Status::Pass => "pass",
                                Status::Fail => "fail",
                                Status::Skipped => "skipped",
                            },
                            "note": if i == 3 { r.vale_note.clone() } else { None },
                            "diagnostics": diags,
                        }),
                    );
                }
                serde_json::json!({
                    "path": r.path.display().to_string(),
                    "passed": r.passed(),
                    "error": r.error,
                    "stages": stages,
                })
            })
            .collect();
        let failed = results.iter().filter(|r| !r.passed()).count();
        let v = serde_json::json!({
            "schema_version": 1,
            "specs": specs,
            "summary": {"specs": results.len(), "passed": results.len() - failed, "failed": failed},
        });
        println!("{v}");
        return;
    }
    let mut emitter = Emitter::new(format, true);
    for r in results {
        let report = match &r.doc {
            Some(doc) => {
                let mut all: Vec<Diagnostic> = Vec::new();
                for d in r.findings.iter().flatten() {
                    if !all.iter().any(|x| x.code == d.code && x.span == d.span) {
                        all.push(d.clone());
                    }
                }
                all.sort_by_key(|d| (d.span.start, d.code));
                FileReport::new(&r.path, doc, &all, 0, format, None)
            }
            None => FileReport::error(&r.path, r.error.clone().unwrap_or_default(), format),
        };
        emitter.file(report);
    }
    emitter.finish(0);
}
