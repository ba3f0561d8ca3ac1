//! `specgate diagrams`: Mermaid diagrams of specs (`.md`) and raw Mermaid files
//! (`.mmd`). `--check` validates them as mermaid.js would; without it, every diagram is
//! rendered to SVG and/or PNG in `--out-dir` (through `specgate-render`, no browser).

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use specgate_mermaid::{validate, Validation, Verdict};

#[derive(Args)]
pub struct DiagramsArgs {
    /// Spec (`.md`) or Mermaid (`.mmd`) files
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Validate every diagram; exit 1 if any is invalid (renders nothing)
    #[arg(long)]
    pub check: bool,
    /// Where rendered diagrams go: `<spec file name, spaces→_>__mermaid_NNN.<ext>`
    #[arg(long, value_name = "DIR", default_value = "docs/assets/diagrams")]
    pub out_dir: PathBuf,
    /// What to render
    #[arg(long, value_enum, default_value_t = ImageFormat::Svg)]
    pub format: ImageFormat,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiagramsFormat::Human)]
    pub output_format: DiagramsFormat,
    #[command(flatten)]
    pub read: crate::project::ReadArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiagramsFormat {
    /// `file:line:column: error: …` per invalid diagram, and a summary
    Human,
    /// one JSON object per diagram and line: {file, index, type, ok, validated, error}
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImageFormat {
    Svg,
    Png,
    Both,
}

/// One checked diagram, positioned in its file.
struct Checked {
    file: String,
    /// The spec's file name, for the rendered files' names.
    file_name: String,
    index: usize,
    source: String,
    /// 1-based line of the diagram's fence in the file.
    fence_line: usize,
    validation: Validation,
    /// 1-based line and column of the error in the file.
    at: Option<(usize, usize)>,
}

pub fn run(args: DiagramsArgs) -> u8 {
    if !args.check {
        return render(&args);
    }
    let mut io_error = false;
    let mut results = Vec::new();
    let project = crate::project::Project::new(None, None, args.read.clone());
    for path in &args.files {
        match check_file(path, &project) {
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

/// The diagrams of one spec or `.mmd` file, read within the size limit of the
/// `specgate.toml` that applies to it (or `--max-file-size`).
fn check_file(path: &Path, project: &crate::project::Project) -> Result<Vec<Checked>, String> {
    let setup = project.setup(path);
    let setup = setup.as_ref().as_ref().map_err(Clone::clone)?;
    let src = project.read(path, setup)?;
    let file = path.display().to_string();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.clone());
    let is_mmd = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("mmd") || e.eq_ignore_ascii_case("mermaid"));
    if is_mmd {
        let validation = validate(&src.text);
        return Ok(vec![Checked {
            file,
            file_name,
            index: 0,
            source: src.text.clone(),
            fence_line: 0,
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
            let fence_line = d.file_offset(0).map_or(0, |o| {
                doc.line_index.line_col(&doc.text, o).line.saturating_sub(1)
            });
            Checked {
                file: file.clone(),
                file_name: file_name.clone(),
                index: d.index,
                source: d.source().to_string(),
                fence_line,
                validation,
                at,
            }
        })
        .collect())
}

/// Renders every valid diagram into `--out-dir`; invalid ones are reported at their
/// line:column and skipped (exit 1), ones specgate does not draw are reported with the
/// reason (not an error).
fn render(args: &DiagramsArgs) -> u8 {
    use rayon::prelude::*;
    let mut io_error = false;
    let mut diagrams = Vec::new();
    let project = crate::project::Project::new(None, None, args.read.clone());
    for path in &args.files {
        match check_file(path, &project) {
            Ok(mut r) => diagrams.append(&mut r),
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                io_error = true;
            }
        }
    }
    if let Err(e) = std::fs::create_dir_all(&args.out_dir) {
        eprintln!(
            "error: {}: cannot create directory: {e}",
            args.out_dir.display()
        );
        return 2;
    }
    let (svg, png) = match args.format {
        ImageFormat::Svg => (true, false),
        ImageFormat::Png => (false, true),
        ImageFormat::Both => (true, true),
    };
    enum Outcome {
        Written(usize),
        Invalid(String),
        NotRendered(String),
        Io(String),
    }
    let outcomes: Vec<Outcome> = diagrams
        .par_iter()
        .map(|c| {
            if let Verdict::Invalid(e) = &c.validation.verdict {
                let (line, column) = c.at.unwrap_or((e.line, e.column));
                return Outcome::Invalid(format!(
                    "{}:{line}:{column}: error: {}; not rendered",
                    c.file,
                    message(&c.validation)
                ));
            }
            let mut written = 0;
            let mut outputs: Vec<(&str, Result<Vec<u8>, specgate_render::RenderFailure>)> =
                Vec::new();
            if svg {
                let r = specgate_render::render_svg(&c.source, &Default::default());
                outputs.push(("svg", r.map(String::into_bytes)));
            }
            if png {
                outputs.push(("png", specgate_render::render_png(&c.source)));
            }
            for (ext, r) in outputs {
                match r {
                    Ok(bytes) => {
                        let name = specgate_render::diagram_file_name(&c.file_name, c.index, ext);
                        let out = args.out_dir.join(name);
                        if let Err(e) = crate::write::write_atomic(&out, &bytes) {
                            return Outcome::Io(format!("error: {}: {e}", out.display()));
                        }
                        written += 1;
                    }
                    Err(specgate_render::RenderFailure::Invalid(m)) => {
                        return Outcome::Invalid(format!(
                            "{}:{}:1: error: diagram {}: invalid Mermaid: {m}; not rendered",
                            c.file,
                            c.fence_line + 1,
                            c.index + 1
                        ))
                    }
                    Err(specgate_render::RenderFailure::NotRendered(why)) => {
                        return Outcome::NotRendered(format!(
                            "{}:{}:1: warning: diagram {}: not rendered: {why}",
                            c.file,
                            c.fence_line + 1,
                            c.index + 1
                        ))
                    }
                }
            }
            Outcome::Written(written)
        })
        .collect();
    let (mut files, mut invalid, mut skipped) = (0, 0, 0);
    for o in &outcomes {
        match o {
            Outcome::Written(n) => files += n,
            Outcome::Invalid(m) => {
                invalid += 1;
                println!("{m}");
            }
            Outcome::NotRendered(m) => {
                skipped += 1;
                println!("{m}");
            }
            Outcome::Io(m) => {
                io_error = true;
                eprintln!("{m}");
            }
        }
    }
    println!(
        "{} diagram{}: {files} file{} written to {}, {invalid} invalid, {skipped} not rendered",
        outcomes.len(),
        if outcomes.len() == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" },
        args.out_dir.display()
    );
    if io_error {
        2
    } else if invalid > 0 {
        1
    } else {
        0
    }
}
