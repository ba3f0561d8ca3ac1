//! `specgate check`.

use std::path::{Path, PathBuf};

use clap::Args;
use rayon::prelude::*;
use specgate_lint::{Diagnostic, Selection};
use specgate_model::{parse, Schema};

use crate::output::{Emitter, FileReport};
use crate::project::{Project, Setup};
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
    #[command(flatten)]
    pub(crate) read: crate::project::ReadArgs,
}

pub fn run(args: CheckArgs) -> u8 {
    for code in args.select.iter().chain(&args.ignore) {
        if specgate_lint::lookup(code).is_none() {
            eprintln!("error: unknown rule `{code}` (see `specgate rules`)");
            return 2;
        }
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let project = Project::new(
        args.template.clone(),
        args.config.clone(),
        args.read.clone(),
    );
    let setup_for = |file: &Path| project.setup(file);

    // Discovery uses the setup of the first path for the title prefix and globs. When
    // its config is broken, the error is printed once, discovery falls back to the
    // defaults, the files under that config are reported as not checked, and files
    // under other configs are still checked (exit 2 either way).
    let first = setup_for(paths[0].as_path());
    let mut broken_first = false;
    let (prefix, include, exclude) = match first.as_ref() {
        Ok(s) => (
            s.schema.title_prefix.clone(),
            crate::files::globset(&s.config.include),
            crate::files::globset(&s.config.exclude),
        ),
        Err(e) => {
            eprintln!("error: {e}");
            broken_first = true;
            (Schema::seed().title_prefix, Ok(None), Ok(None))
        }
    };
    let setup_error = |setup: &std::sync::Arc<Result<Setup, String>>, e: &String| {
        if std::sync::Arc::ptr_eq(setup, &first) && broken_first {
            "not checked: its configuration has errors (above)".to_string()
        } else {
            e.clone()
        }
    };
    let (include, exclude) = match (include, exclude) {
        (Ok(i), Ok(e)) => (i, e),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: config: {e}");
            return 2;
        }
    };
    // Titles are tested on the text each check reads, so each file is read once.
    let mut walk = crate::files::collect_deferred(&paths, include.as_ref(), exclude.as_ref());
    if args.force_exclude {
        walk.files
            .retain(|f| crate::files::is_wanted(f, &prefix, include.as_ref(), exclude.as_ref()));
    }
    if walk.files.is_empty() && !args.quiet {
        eprintln!(
            "warning: no specs found (Markdown files whose H1 starts with `{prefix}`, or under .spec/, .specs/ or specs/)"
        );
    }

    if walk.files.len() <= CHUNK {
        // A small run: its memory is freed at exit anyway (a large one returns pages as
        // it goes, which keeps 10k specs under 40 MB).
        crate::alloc::keep_freed_pages();
    }
    let mut io_error = broken_first || !walk.errors.is_empty();
    for (p, e) in &walk.errors {
        eprintln!("error: {}: {e}", p.display());
    }
    let verify = |file: &Path| walk.unverified.contains(file).then_some(prefix.as_str());
    // Files are checked in parallel, a chunk at a time, and written in input order:
    // memory stays bounded by the chunk, not the tree.
    let format = args.output_format;
    let check_one = |file: &PathBuf| {
        let setup = setup_for(file);
        match setup.as_ref() {
            Ok(s) => check_file(file, s, &project, &args, verify(file)),
            Err(e) => FileReport::error(file, setup_error(&setup, e), format),
        }
    };
    if let Some(mode) = &args.fix_mode {
        let reports: Vec<FileReport> = walk
            .files
            .par_iter()
            .map(check_one)
            .filter(|r| !r.skipped)
            .collect();
        return crate::fix::finish(reports, mode, io_error);
    }
    let mut emitter = Emitter::new(format, args.quiet);
    let progress = crate::progress::bar(walk.files.len() as u64, args.quiet, "checking");
    let counted = |file: &PathBuf| {
        progress.inc(1);
        check_one(file)
    };
    for chunk in walk.files.chunks(CHUNK) {
        // One file is checked on this thread: starting rayon's pool would cost more.
        let reports: Vec<FileReport> = if chunk.len() == 1 {
            chunk.iter().map(counted).collect()
        } else {
            chunk.par_iter().map(counted).collect()
        };
        progress.suspend(|| {
            for r in reports.into_iter().filter(|r| !r.skipped) {
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
/// 64 holds 10k generated specs at 37-40 MB peak (128: 40-45 MB; BENCHMARKS.md).
const CHUNK: usize = 64;

/// `verify`: the title prefix, for a file found in a directory whose title was not
/// read yet; a file that turns out not to be a spec is skipped.
fn check_file(
    file: &Path,
    setup: &Setup,
    project: &Project,
    args: &CheckArgs,
    verify: Option<&str>,
) -> FileReport {
    let src = match project.read(file, setup) {
        Ok(s) => s,
        // As discovery did: an unreadable file is reported unless its title says it
        // is not a spec.
        Err(_) if verify.is_some_and(|p| !crate::files::is_wanted(file, p, None, None)) => {
            return FileReport::skipped(file)
        }
        Err(e) => return FileReport::error(file, e, args.output_format),
    };
    if verify.is_some_and(|p| !crate::files::is_spec_text(&src.text, p)) {
        return FileReport::skipped(file);
    }
    let evidence_root = project.evidence_root(file, setup);
    let mut selection = Selection::from_config(&setup.config);
    selection.select.extend(args.select.iter().cloned());
    selection.ignore.extend(args.ignore.iter().cloned());
    selection.strict |= args.strict;
    let unsafe_fixes = args.unsafe_fixes;
    let fixable = |text: &str| -> Vec<Diagnostic> {
        let doc = parse(text);
        let ctx = project.context(&doc, file, setup, &evidence_root);
        specgate_lint::fix::fixable_findings(&ctx, &selection, unsafe_fixes)
    };
    if let Some(mode) = &args.fix_mode {
        return crate::fix::fix_file(file, &src, mode, unsafe_fixes, fixable);
    }
    let run = |text: &str| -> (specgate_model::Document, Vec<Diagnostic>) {
        let doc = parse(text);
        let mut ctx = project.context(&doc, file, setup, &evidence_root);
        // Only the JSON output carries a fix's edits; the others name the fix.
        ctx.fix_edits = args.output_format == OutputFormat::Json;
        let diags = specgate_lint::check(&ctx, &selection);
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
