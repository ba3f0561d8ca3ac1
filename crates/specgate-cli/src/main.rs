//! The `specgate` command line: argument parsing and dispatch. Only this crate prints.

mod check;
mod diagrams;
mod export;
mod files;
mod instantiate;
mod json;
mod new;
mod output;
mod project;
mod report;
mod schemas;
mod status;
mod write;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Make Markdown technical specifications checkable.
#[derive(Parser)]
#[command(name = "specgate", version = version(), about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

fn version() -> &'static str {
    // The embedded template's version is a hash of its text.
    static V: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        format!(
            "{} (template {})",
            env!("CARGO_PKG_VERSION"),
            specgate_model::schema::text_hash(specgate_model::SEED_TEMPLATE)
        )
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// rustc-style, with a code frame
    Human,
    /// versioned JSON: one object per file and a summary
    Json,
    /// GitHub Actions workflow commands
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards
    Sarif,
    /// JUnit XML, one test case per file
    Junit,
}

#[derive(Subcommand)]
enum Command {
    /// Check specs against their template
    Check(check::CheckArgs),
    /// Scaffold a new spec from the template
    New(new::NewArgs),
    /// Validate (--check) or render (--out-dir, --format) the Mermaid diagrams of specs and .mmd files
    Diagrams(diagrams::DiagramsArgs),
    /// List every rule with its code, name, category and default severity
    Rules {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Print the documentation of a rule
    Explain {
        /// A rule code (SG301) or name (missing-evidence)
        rule: String,
    },
    /// Export the Template Metadata as .template.json (--validate, --model)
    Export(export::ExportArgs),
    /// Render a deliverable from a spec's Template Metadata or a .template.json
    Instantiate(instantiate::InstantiateArgs),
    /// Write a static HTML report: a page per spec (diagrams, findings, evidence) and an index
    Report(report::ReportArgs),
    /// Print the specs' portfolio (check result, evidence, gaps, overdue questions)
    Status(status::StatusArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check::run(args),
        Command::New(args) => new::run(args),
        Command::Diagrams(args) => diagrams::run(args),
        Command::Rules { json } => rules(json),
        Command::Explain { rule } => explain(&rule),
        Command::Export(args) => export::run(args),
        Command::Instantiate(args) => instantiate::run(args),
        Command::Report(args) => report::run(args),
        Command::Status(args) => status::run(args),
    };
    ExitCode::from(code)
}

fn rules(json: bool) -> u8 {
    use specgate_lint::RULES;
    if json {
        let v: Vec<_> = RULES
            .iter()
            .map(|r| {
                serde_json::json!({
                    "code": r.code, "name": r.meta.name, "category": r.meta.category,
                    "severity": r.meta.severity.as_str(),
                    "summary": summary(r.meta.doc),
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return 0;
    }
    for r in RULES {
        println!(
            "{:<6} {:<28} {:<13} {:<8} {}",
            r.code,
            r.meta.name,
            r.meta.category,
            r.meta.severity.as_str(),
            summary(r.meta.doc)
        );
    }
    0
}

/// The first sentence of a rule's "What it does".
pub fn summary(doc: &str) -> String {
    let body = doc.split("## What it does").nth(1).unwrap_or(doc);
    let text: String = body
        .split("##")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match text.find(". ") {
        Some(p) => text[..=p].to_string(),
        None => text,
    }
}

fn explain(rule: &str) -> u8 {
    let found = specgate_lint::RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(rule) || r.meta.name == rule);
    match found {
        Some(r) => {
            println!("# {} ({})\n", r.meta.name, r.code);
            println!(
                "Category: {}. Default severity: {}.\n",
                r.meta.category,
                r.meta.severity.as_str()
            );
            let doc: String = r
                .meta
                .doc
                .lines()
                .map(|l| l.strip_prefix(' ').unwrap_or(l))
                .collect::<Vec<_>>()
                .join("\n");
            println!("{}", doc.trim_end());
            0
        }
        None => {
            eprintln!("error: unknown rule `{rule}` (see `specgate rules`)");
            2
        }
    }
}

/// Resolves `--template` into a schema, or the built-in seed.
pub fn load_schema(template: Option<&PathBuf>) -> Result<specgate_model::Schema, String> {
    match template {
        None => Ok(specgate_model::Schema::seed()),
        Some(p) => {
            let bytes = std::fs::read(p)
                .map_err(|e| format!("{}: cannot read template: {e}", p.display()))?;
            let src = specgate_model::decode(bytes).map_err(|e| format!("{}: {e}", p.display()))?;
            Ok(specgate_model::Schema::compile(&src.text))
        }
    }
}
