//! The `specgate` command line: argument parsing and dispatch. Only this crate prints.

mod alloc;
mod check;
mod diagrams;
mod export;
mod files;
mod fix;
mod gate;
mod init;
mod init_templates;
mod instantiate;
mod json;
mod new;
mod output;
mod progress;
mod project;
mod report;
mod rules_doc;
mod schemas;
mod shell;
mod status;
mod write;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Make Markdown technical specifications checkable.
#[derive(Parser)]
#[command(name = "specgate", version = version(), about, long_about = None, propagate_version = true)]
pub struct Cli {
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
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// Print every rule's documentation as Markdown (docs/rules.md)
        #[arg(long)]
        markdown: bool,
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
    /// Write a commented specgate.toml with every option at its default
    Init(init::InitArgs),
    /// Print shell completions (bash, zsh, fish, powershell, elvish)
    Completions(shell::CompletionsArgs),
    /// Print the man page (or write one per command with --out-dir)
    Man(shell::ManArgs),
    /// Apply fixes (--unsafe for more); --diff to preview, --check to verify
    Fix(fix::FixArgs),
    /// Run the whole quality gate: check, diagrams, export validation, Vale
    Gate(gate::GateArgs),
    /// Run the Language Server over stdio (diagnostics, fixes, hover, completion)
    Lsp,
    /// Write a static HTML report: a page per spec (diagrams, findings, evidence) and an index
    Report(report::ReportArgs),
    /// Print the specs' portfolio (check result, evidence, gaps, overdue questions)
    Status(status::StatusArgs),
}

fn main() -> ExitCode {
    // `check` and `gate` validate Mermaid diagrams: their parser engine starts now on a
    // second thread, while the arguments are parsed and the files are read and parsed
    // (otherwise half of a one-spec run; BENCHMARKS.md).
    if std::env::args_os()
        .nth(1)
        .is_some_and(|c| c == "check" || c == "gate")
    {
        std::thread::spawn(specgate_mermaid::warm_up);
    }
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check::run(args),
        Command::New(args) => new::run(args),
        Command::Diagrams(args) => diagrams::run(args),
        Command::Rules { json, markdown } => rules_doc::run(json, markdown),
        Command::Explain { rule } => rules_doc::explain(&rule),
        Command::Export(args) => export::run(args),
        Command::Instantiate(args) => instantiate::run(args),
        Command::Init(args) => init::run(args),
        Command::Completions(args) => shell::completions(args),
        Command::Man(args) => shell::man(args),
        Command::Fix(args) => fix::run(args),
        Command::Gate(args) => gate::run(args),
        Command::Lsp => lsp(),
        Command::Report(args) => report::run(args),
        Command::Status(args) => status::run(args),
    };
    ExitCode::from(code)
}

/// `specgate lsp`: 0 after `shutdown` then `exit`, 1 for `exit` without `shutdown` or
/// an input closed before `exit` (with a message), 2 for an I/O error (a broken pipe).
fn lsp() -> u8 {
    match specgate_lsp::serve_stdio() {
        Ok(specgate_lsp::Exit::Clean) => 0,
        Ok(specgate_lsp::Exit::Unclean) => 1,
        Ok(specgate_lsp::Exit::Closed) => {
            eprintln!("error: lsp: the client closed the connection without `exit`");
            1
        }
        Err(e) => {
            eprintln!("error: lsp: {e}");
            2
        }
    }
}

/// Resolves `--template` into a schema (read within `limit`), or the built-in seed.
pub fn load_schema(
    template: Option<&PathBuf>,
    limit: specgate_lint::ByteSize,
) -> Result<specgate_model::Schema, String> {
    match template {
        None => Ok(specgate_model::Schema::seed()),
        Some(p) => {
            let src = project::read_spec(p, limit)
                .map_err(|e| format!("{}: template: {e}", p.display()))?;
            Ok(specgate_model::Schema::compile(&src.text))
        }
    }
}
