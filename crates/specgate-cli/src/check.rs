//! `specgate check`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use clap::Args;
use rayon::prelude::*;
use specgate_lint::{Config, Context, Diagnostic, Selection};
use specgate_model::{parse, Schema};

use crate::output::{Emitter, FileReport};
use crate::OutputFormat;

#[derive(Args)]
pub struct CheckArgs {
    /// Files or directories to check (default: the current directory)
    pub(crate) paths: Vec<PathBuf>,
    /// Template to check against (default: specgate.toml's, else the built-in one)
    #[arg(long)]
    pub(crate) template: Option<PathBuf>,
    /// Use this config file instead of discovering specgate.toml
    #[arg(long)]
    pub(crate) config: Option<PathBuf>,
    /// Only run these rules (codes, names, categories or code prefixes; comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub(crate) select: Vec<String>,
    /// Skip these rules
    #[arg(long, value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,
    /// Treat warnings as errors
    #[arg(long)]
    pub(crate) strict: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub(crate) output_format: OutputFormat,
    /// Apply safe fixes
    #[arg(long)]
    pub(crate) fix: bool,
    /// With --fix, also apply unsafe fixes
    #[arg(long)]
    pub(crate) unsafe_fixes: bool,
    /// Print only findings, no summary
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Set by `specgate fix`: report fixes instead of findings.
    #[arg(skip)]
    pub(crate) fix_mode: Option<crate::fix::FixMode>,
    /// Apply spec discovery and exclude globs to files named on the command line too
    /// (for pre-commit hooks and editors, which pass every changed Markdown file)
    #[arg(long)]
    pub(crate) force_exclude: bool,
}

/// Setups by config file path (`None`: no config file), built once each.
type SetupCache = Mutex<HashMap<Option<PathBuf>, Arc<Result<Setup, String>>>>;

/// Everything that comes from one config file (or none).
struct Setup {
    schema: Schema,
    config: Config,
    config_dir: Option<PathBuf>,
}

pub fn run(args: CheckArgs) -> u8 {
    for code in args.select.iter().chain(&args.ignore) {
        if specgate_lint::lookup(code).is_none() {
            eprintln!("error: unknown rule `{code}` (see `specgate rules`)");
            return 2;
        }
    }
    let explicit = match &args.config {
        Some(p) => match Config::load(p) {
            Ok(c) => Some((c, p.parent().map(Path::to_path_buf))),
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        },
        None => None,
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let setups: SetupCache = Mutex::new(HashMap::new());
    // Per directory: the nearest `specgate.toml` and the git root. Specs share
    // directories, so each ancestor walk runs once per directory, not once per file.
    let dirs: DirCache = Mutex::new(HashMap::new());
    let dir_info = |file: &Path| -> DirInfo {
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let dir = if abs.is_dir() {
            abs
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        if let Some(hit) = dirs.lock().unwrap_or_else(|e| e.into_inner()).get(&dir) {
            return hit.clone();
        }
        let info = DirInfo {
            config: if explicit.is_some() {
                None
            } else {
                Config::discover(&dir)
            },
            git_root: crate::files::git_root_of_dir(&dir),
        };
        dirs.lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir, info.clone());
        info
    };
    let setup_for = |file: &Path| -> Arc<Result<Setup, String>> {
        let cfg_path = dir_info(file).config;
        let mut map = setups.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(cfg_path.clone())
            .or_insert_with(|| {
                Arc::new((|| {
                    let (config, config_dir) = match (&explicit, &cfg_path) {
                        (Some((c, d)), _) => (c.clone(), d.clone()),
                        (None, Some(p)) => (
                            Config::load(p).map_err(|e| e.to_string())?,
                            p.parent().map(Path::to_path_buf),
                        ),
                        (None, None) => (Config::default(), None),
                    };
                    let template = args.template.clone().or_else(|| {
                        config
                            .template
                            .as_ref()
                            .map(|t| config_dir.clone().unwrap_or_default().join(t))
                    });
                    let mut schema = crate::load_schema(template.as_ref())?;
                    for (a, t) in &config.aliases {
                        schema.add_alias(a, t);
                    }
                    Ok(Setup {
                        schema,
                        config,
                        config_dir,
                    })
                })())
            })
            .clone()
    };

    // Discovery uses the setup of the first path for the title prefix and globs.
    let first = setup_for(paths[0].as_path());
    let (prefix, include, exclude) = match first.as_ref() {
        Ok(s) => (
            s.schema.title_prefix.clone(),
            crate::files::globset(&s.config.include),
            crate::files::globset(&s.config.exclude),
        ),
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let (include, exclude) = match (include, exclude) {
        (Ok(i), Ok(e)) => (i, e),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: config: {e}");
            return 2;
        }
    };
    let mut walk = crate::files::collect(&paths, &prefix, include.as_ref(), exclude.as_ref());
    if args.force_exclude {
        walk.files
            .retain(|f| crate::files::is_wanted(f, &prefix, include.as_ref(), exclude.as_ref()));
    }
    if walk.files.is_empty() && !args.quiet {
        eprintln!(
            "warning: no specs found (Markdown files whose H1 starts with `{prefix}`, or under .spec/, .specs/ or specs/)"
        );
    }

    let mut io_error = !walk.errors.is_empty();
    for (p, e) in &walk.errors {
        eprintln!("error: {}: {e}", p.display());
    }
    // Files are checked in parallel, a chunk at a time, and written in input order:
    // memory stays bounded by the chunk, not the tree.
    let format = args.output_format;
    if let Some(mode) = &args.fix_mode {
        let reports: Vec<FileReport> = walk
            .files
            .par_iter()
            .map(|file| match setup_for(file).as_ref() {
                Ok(setup) => check_file(file, setup, dir_info(file).git_root, &args),
                Err(e) => FileReport::error(file, e.clone(), format),
            })
            .collect();
        return crate::fix::finish(reports, mode, io_error);
    }
    let mut emitter = Emitter::new(format, args.quiet);
    let progress = crate::progress::bar(walk.files.len() as u64, args.quiet, "checking");
    for chunk in walk.files.chunks(CHUNK) {
        let reports: Vec<FileReport> = chunk
            .par_iter()
            .inspect(|_| progress.inc(1))
            .map(|file| {
                let setup = setup_for(file);
                match setup.as_ref() {
                    Ok(setup) => check_file(file, setup, dir_info(file).git_root, &args),
                    Err(e) => FileReport::error(file, e.clone(), format),
                }
            })
            .collect();
        progress.suspend(|| {
            for r in reports {
                io_error |= r.error.is_some();
                emitter.file(r);
            }
        });
    }
    progress.finish_and_clear();
    let errors = emitter.finish();
    if io_error {
        2
    } else if errors > 0 {
        1
    } else {
        0
    }
}

/// Files checked between two writes of output.
const CHUNK: usize = 256;

#[derive(Clone)]
struct DirInfo {
    config: Option<PathBuf>,
    git_root: Option<PathBuf>,
}

type DirCache = Mutex<HashMap<PathBuf, DirInfo>>;

fn check_file(
    file: &Path,
    setup: &Setup,
    git_root: Option<PathBuf>,
    args: &CheckArgs,
) -> FileReport {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return FileReport::error(file, e.to_string(), args.output_format),
    };
    let src = match specgate_model::decode(bytes) {
        Ok(s) => s,
        Err(e) => return FileReport::error(file, e.to_string(), args.output_format),
    };
    let mut selection = Selection::from_config(&setup.config);
    selection.select.extend(args.select.iter().cloned());
    selection.ignore.extend(args.ignore.iter().cloned());
    selection.strict |= args.strict;
    let evidence_root = setup
        .config
        .evidence_root
        .as_ref()
        .map(|r| setup.config_dir.clone().unwrap_or_default().join(r))
        .or(git_root)
        .or_else(|| {
            std::path::absolute(file)
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf))
        });
    let unsafe_fixes = args.unsafe_fixes;
    let fixable = |text: &str| -> Vec<Diagnostic> {
        let doc = parse(text);
        let mut ctx = Context::new(&doc, &setup.schema);
        ctx.path = Some(file);
        ctx.evidence_root = evidence_root.clone();
        ctx.configure(&setup.config);
        specgate_lint::fix::fixable_findings(&ctx, &selection, unsafe_fixes)
    };
    if let Some(mode) = &args.fix_mode {
        return crate::fix::fix_file(file, &src, mode, unsafe_fixes, fixable);
    }
    let run = |text: &str| -> (specgate_model::Document, Vec<Diagnostic>) {
        let doc = parse(text);
        let diags = {
            let mut ctx = Context::new(&doc, &setup.schema);
            ctx.path = Some(file);
            ctx.evidence_root = evidence_root.clone();
            ctx.configure(&setup.config);
            specgate_lint::check(&ctx, &selection)
        };
        (doc, diags)
    };
    let mut text = src.text;
    let mut fixed = 0;
    if args.fix {
        let outcome = specgate_lint::fix::fix_text(&text, args.unsafe_fixes, fixable);
        if outcome.applied > 0 && outcome.text != text {
            if let Err(e) = crate::fix::write_text(file, src.had_bom, &outcome.text) {
                return FileReport::error(
                    file,
                    format!("cannot write fixes: {e}"),
                    args.output_format,
                );
            }
            fixed = outcome.applied;
            text = outcome.text;
        }
    }
    let (doc, diagnostics) = run(&text);
    FileReport::new(file, &doc, &diagnostics, fixed, args.output_format)
}
