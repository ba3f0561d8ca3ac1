//! `specgate diagrams`: Mermaid diagrams of specs (`.md`) and raw Mermaid files
//! (`.mmd`). `--check` validates them as mermaid.js would; rendering (planned) will be
//! another mode of the same subcommand.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use specgate_mermaid::{validate, Validation, Verdict};

#[derive(Args)]
pub struct DiagramsArgs {
    /// Spec (`.md`) or Mermaid (`.mmd`) files
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Validate every diagram; exit 1 if any is invalid
    #[arg(long)]
    pub check: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiagramsFormat::Human)]
    pub output_format: DiagramsFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiagramsFormat {
    /// `file:line:column: error: …` per invalid diagram, and a summary
    Human,
    /// one JSON object per diagram and line: {file, index, type, ok, validated, error}
    Json,
}

/// One checked diagram, positioned in its file.
struct Checked {
    file: String,
    index: usize,
    validation: Validation,
    /// 1-based line and column of the error in the file.
    at: Option<(usize, usize)>,
}

pub fn run(args: DiagramsArgs) -> u8 {
    if !args.check {
        eprintln!("error: nothing to do: pass --check (rendering is not available yet)");
        return 2;
    }
    let mut io_error = false;
    let mut results = Vec::new();
    for path in &args.files {
        match check_file(path) {
            Ok(mut r) => results.append(&mut r),
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                io_error = true;
            }
        }
    }
    let invalid = results
        .iter()
        .filter(|c| c.validation.error().is_some())
        .count();
    match args.output_format {
        DiagramsFormat::Json => {
            for c in &results {
                let error = c.validation.error().map(|e| {
                    let (line, column) = c.at.unwrap_or((e.line, e.column));
                    serde_json::json!({"line": line, "column": column, "message": message(&c.validation)})
                });
                let obj = serde_json::json!({
                    "file": c.file,
                    "index": c.index,
                    "type": c.validation.kind.name(),
                    "ok": error.is_none(),
                    "validated": !matches!(c.validation.verdict, Verdict::NotValidated(_)),
                    "error": error,
                });
                println!("{obj}");
            }
        }
        DiagramsFormat::Human => {
            for c in &results {
                match &c.validation.verdict {
                    Verdict::Invalid(e) => {
                        let (line, column) = c.at.unwrap_or((e.line, e.column));
                        println!(
                            "{}:{line}:{column}: error: {}",
                            c.file,
                            message(&c.validation)
                        );
                    }
                    Verdict::NotValidated(why) => {
                        println!("{}: diagram {}: info: {why}", c.file, c.index + 1);
                    }
                    Verdict::Valid(_) => {}
                }
            }
            let not_validated = results
                .iter()
                .filter(|c| matches!(c.validation.verdict, Verdict::NotValidated(_)))
                .count();
            println!(
                "{} diagram{} checked: {invalid} invalid, {not_validated} not validated",
                results.len(),
                if results.len() == 1 { "" } else { "s" }
            );
        }
    }
    if io_error {
        2
    } else if invalid > 0 {
        1
    } else {
        0
    }
}

/// The message with mermaid's expectation, e.g. `invalid Mermaid sequence: … (expected …)`.
fn message(v: &Validation) -> String {
    match v.error() {
        Some(e) if !e.expected.is_empty() && !e.message.contains("expected") => format!(
            "invalid Mermaid {}: {} (expected {})",
            v.kind.name(),
            e.message,
            e.expected.join(", ")
        ),
        Some(e) => format!("invalid Mermaid {}: {}", v.kind.name(), e.message),
        None => String::new(),
    }
}

fn check_file(path: &Path) -> Result<Vec<Checked>, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let src = specgate_model::decode(bytes).map_err(|e| e.to_string())?;
    let file = path.display().to_string();
    let is_mmd = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("mmd") || e.eq_ignore_ascii_case("mermaid"));
    if is_mmd {
        let validation = validate(&src.text);
        return Ok(vec![Checked {
            file,
            index: 0,
            validation,
            at: None,
        }]);
    }
    let doc = specgate_model::parse(&src.text);
    Ok(specgate_mermaid::extract(&doc)
        .into_iter()
        .map(|d| {
            let validation = validate(d.source());
            let at = validation.error().and_then(|e| {
                let off = d.file_offset(e.offset)?;
                let lc = doc.line_index.line_col(&doc.text, off);
                Some((lc.line, lc.column))
            });
            Checked {
                file: file.clone(),
                index: d.index,
                validation,
                at,
            }
        })
        .collect())
}
