//! `specgate export`: the Template Metadata as `.template.json` (compatible with the old
//! `spec-export.py`), `--validate` to check it, `--model` for the whole document.

use std::path::{Path, PathBuf};

use clap::Args;
use specgate_export::{model, template::TemplateJson, validate};
use specgate_lint::{Config, Context, Severity};
use specgate_model::{metadata, parse, Document, Schema, SourceText, Span};

#[derive(Args)]
pub struct ExportArgs {
    /// The spec (Markdown)
    spec: PathBuf,
    /// Write to this file (atomically) instead of stdout
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Check the Template Metadata instead of exporting it; writes nothing
    #[arg(long, conflicts_with_all = ["model", "out"])]
    validate: bool,
    /// Export the whole parsed document as JSON instead
    #[arg(long)]
    model: bool,
    /// Template to match sections against (default: specgate.toml's, else the built-in one)
    #[arg(long)]
    template: Option<PathBuf>,
    /// Use this config file instead of discovering specgate.toml
    #[arg(long)]
    config: Option<PathBuf>,
    #[command(flatten)]
    read: crate::project::ReadArgs,
}

/// The spec read and parsed, with the config and template that apply to it.
pub struct Loaded {
    pub src: SourceText,
    pub doc: Document,
    pub schema: Schema,
    pub config: Config,
    pub config_dir: Option<PathBuf>,
}

impl Loaded {
    /// Where the spec's cited paths are resolved (see [`crate::project::evidence_root`]).
    pub fn evidence_root(&self, spec: &Path) -> Option<PathBuf> {
        crate::project::evidence_root(spec, &self.config, self.config_dir.as_deref(), || {
            crate::files::git_root(spec)
        })
    }
}

/// Reads, decodes and parses a spec and loads its config and the template of its
/// kind (see [`specgate_lint::kinds`]; a document of no known kind gets the default
/// template). Errors are usage or I/O errors (exit 2), already formatted.
pub fn load(
    spec: &Path,
    config: Option<&PathBuf>,
    template: Option<&PathBuf>,
    read: &crate::project::ReadArgs,
) -> Result<Loaded, String> {
    let cfg_path = match config {
        Some(p) => Some(p.clone()),
        None => {
            let abs = std::path::absolute(spec).unwrap_or_else(|_| spec.to_path_buf());
            abs.parent().and_then(Config::discover)
        }
    };
    let setup = crate::project::load_setup(cfg_path.as_deref(), template, read)?;
    let src = crate::project::read_spec(spec, read.limit(&setup.config))
        .map_err(|e| format!("{}: {e}", spec.display()))?;
    let doc = parse(&src.text);
    let index = match setup.kinds.route(Some(spec), &doc) {
        specgate_lint::Route::Kind { index, .. } => index,
        specgate_lint::Route::Unmatched { .. } => 0,
    };
    let mut kinds = setup.kinds.kinds;
    Ok(Loaded {
        src,
        doc,
        schema: kinds.swap_remove(index).schema,
        config: setup.config,
        config_dir: setup.config_dir,
    })
}

/// `file:line:col: message`.
pub fn at(path: &Path, doc: &Document, span: Span, message: &str) -> String {
    let lc = doc.line_index.line_col(&doc.text, span.start);
    format!("{}:{}:{}: {message}", path.display(), lc.line, lc.column)
}

/// Writes `text` to `out` atomically, or to stdout. Returns the exit code.
pub fn emit(out: Option<&PathBuf>, text: &str) -> u8 {
    match out {
        None => {
            use std::io::Write;
            let mut so = std::io::stdout().lock();
            if so
                .write_all(text.as_bytes())
                .and_then(|_| so.flush())
                .is_err()
            {
                return 2;
            }
            0
        }
        Some(p) => match specgate_export::fs::write_atomic(p, text.as_bytes()) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("error: {}: cannot write: {e}", p.display());
                2
            }
        },
    }
}

pub fn run(args: ExportArgs) -> u8 {
    let l = match load(
        &args.spec,
        args.config.as_ref(),
        args.template.as_ref(),
        &args.read,
    ) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let path = &args.spec;
    if args.validate {
        return validate_cmd(path, &l);
    }
    if args.model {
        let root = l.evidence_root(path);
        let path_str = path.display().to_string();
        let m = model::build(
            &l.doc,
            &l.schema,
            &model::ModelOptions {
                path: Some(&path_str),
                had_bom: l.src.had_bom,
                evidence_root: root.as_deref(),
            },
        );
        let mut text = serde_json::to_string_pretty(&m).unwrap_or_default();
        text.push('\n');
        return emit(args.out.as_ref(), &text);
    }
    let matching = l.schema.match_document(&l.doc);
    let blocks = metadata::blocks(&l.doc, &l.schema, &matching);
    let Some(block) = blocks.first() else {
        eprintln!(
            "{}",
            at(
                path,
                &l.doc,
                Span::new(0, 0),
                "error: no Template Metadata section to export (the template's section 0.1)"
            )
        );
        return 1;
    };
    match TemplateJson::from_block(&l.doc, block) {
        Ok(t) => emit(args.out.as_ref(), &t.to_file_text()),
        Err(e) => {
            eprintln!(
                "{}",
                at(path, &l.doc, e.span, &format!("error: {}", e.message))
            );
            1
        }
    }
}

fn validate_cmd(path: &Path, l: &Loaded) -> u8 {
    let mut ctx = Context::new(&l.doc, &l.schema);
    ctx.path = Some(path);
    if !l.config.priorities.is_empty() {
        ctx.priorities = l.config.priorities.clone();
    }
    let problems = validate::validate(&ctx);
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    for p in &problems {
        let code = p.code.map(|c| format!("[{c}]")).unwrap_or_default();
        let mut line = at(
            path,
            &l.doc,
            p.span,
            &format!("{}{code}: {}", p.severity.as_str(), p.message),
        );
        if let Some(h) = &p.help {
            line.push_str(&format!(" (help: {h})"));
        }
        println!("{line}");
    }
    if errors > 0 {
        eprintln!(
            "{}: Template Metadata is not ready to export: {errors} error{}",
            path.display(),
            if errors == 1 { "" } else { "s" }
        );
        1
    } else {
        eprintln!("{}: Template Metadata is valid", path.display());
        0
    }
}
