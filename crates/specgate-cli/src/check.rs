//! `specgate check`.

use std::path::{Path, PathBuf};

use clap::Args;
use rayon::prelude::*;
use specgate_lint::{Diagnostic, Selection};
use specgate_model::parse;

use crate::files::Origin;
use crate::output::{Emitter, FileReport};
use crate::project::{Project, Setup, Skip, Skips, Verdict};
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
    /// Also say which template each file is checked against (stderr)
    #[arg(short, long)]
    pub(crate) verbose: bool,
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

    // Discovery uses the setup of the first path for the templates and globs. When
    // its config is broken, the error is printed once, discovery falls back to the
    // defaults, the files under that config are reported as not checked, and files
    // under other configs are still checked (exit 2 either way).
    let first = setup_for(paths[0].as_path());
    let mut broken_first = false;
    let fallback;
    let (kinds, include, exclude) = match first.as_ref() {
        Ok(s) => (
            &s.kinds,
            crate::files::globset(&s.config.include),
            crate::files::globset(&s.config.exclude),
        ),
        Err(e) => {
            eprintln!("error: {e}");
            broken_first = true;
            fallback = specgate_lint::Kinds::seed();
            (&fallback, Ok(None), Ok(None))
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
    let mut walk = crate::files::collect(&paths, kinds, include.as_ref(), exclude.as_ref());
    if args.force_exclude {
        walk.force_exclude(kinds, include.as_ref(), exclude.as_ref());
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
    // Files are checked in parallel, a chunk at a time, and written in input order:
    // memory stays bounded by the chunk, not the tree.
    let format = args.output_format;
    let check_one = |file: &PathBuf| {
        let setup = setup_for(file);
        match setup.as_ref() {
            Ok(s) => check_file(file, s, &project, &args, walk.origin(file)),
            Err(e) => FileReport::error(file, setup_error(&setup, e), format),
        }
    };
    let mut skips = Skips::default();
    if let Some(mode) = &args.fix_mode {
        let reports: Vec<FileReport> = walk.files.par_iter().map(check_one).collect();
        let reports = reports
            .into_iter()
            .filter(|r| match &r.skipped {
                Some(skip) => {
                    skips.add(&r.path, skip);
                    false
                }
                None => true,
            })
            .collect::<Vec<_>>();
        if !args.quiet {
            skips.print(reports.len(), &walk, &paths, kinds);
        }
        return crate::fix::finish(reports, mode, io_error);
    }
    let mut emitter = Emitter::new(format, args.quiet);
    let progress = crate::progress::bar(walk.files.len() as u64, args.quiet, "checking");
    let counted = |file: &PathBuf| {
        progress.inc(1);
        check_one(file)
    };
    let mut checked = 0;
    let mut told = std::collections::HashSet::new();
    for chunk in walk.files.chunks(CHUNK) {
        // One file is checked on this thread: starting rayon's pool would cost more.
        let reports: Vec<FileReport> = if chunk.len() == 1 {
            chunk.iter().map(counted).collect()
        } else {
            chunk.par_iter().map(counted).collect()
        };
        progress.suspend(|| {
            for r in reports {
                if let Some(skip) = &r.skipped {
                    skips.add(&r.path, skip);
                    continue;
                }
                checked += 1;
                io_error |= r.error.is_some();
                if args.verbose {
                    verbose_template(&project, &r, &mut told);
                }
                emitter.file(r);
            }
        });
    }
    progress.finish_and_clear();
    if !args.quiet {
        skips.print(checked, &walk, &paths, kinds);
    }
    let errors = emitter.finish(skips.total());
    if io_error {
        2
    } else if errors > 0 {
        1
    } else {
        0
    }
}

/// `--verbose`: the template a file was checked against and, the first time a
/// template is named, the rules it turns off and why.
fn verbose_template(
    project: &Project,
    r: &FileReport,
    told: &mut std::collections::HashSet<String>,
) {
    let Some(t) = &r.template else { return };
    eprintln!("{}: template {t}", r.path.display());
    if !told.insert(t.clone()) {
        return;
    }
    if let Ok(setup) = project.setup(&r.path).as_ref() {
        if let Some(k) = setup.kinds.kinds.iter().find(|k| &k.name == t) {
            for (why, codes) in specgate_lint::applies::off(&k.schema) {
                eprintln!("  = rules off for {t}: {} ({why})", codes.join(", "));
            }
        }
    }
}

/// Files checked between two writes of output.
/// 64 holds 10k generated specs at 37-40 MB peak (128: 40-45 MB; BENCHMARKS.md).
const CHUNK: usize = 64;

/// Checks one file found as `origin`; a walked file that is not a spec, or matches no
/// template, is skipped (see [`Project::classify`]).
fn check_file(
    file: &Path,
    setup: &Setup,
    project: &Project,
    args: &CheckArgs,
    origin: Origin,
) -> FileReport {
    let src = match project.read(file, setup) {
        Ok(s) => s,
        // As discovery does: an unreadable file is reported unless its title says it
        // is not a spec.
        Err(_)
            if origin == Origin::Title && !crate::files::title_admits_file(file, &setup.kinds) =>
        {
            return FileReport::skipped(file, Skip::NotSpec)
        }
        Err(e) => return FileReport::error(file, e, args.output_format),
    };
    // Most Markdown that is not a spec is told by its title, before it is parsed.
    let titled = || {
        specgate_lint::spec_file::first_h1(&src.text, crate::files::TITLE_WITHIN)
            .is_some_and(|t| setup.kinds.title_admits(t))
    };
    if origin == Origin::Title && !titled() {
        return FileReport::skipped(file, Skip::NotSpec);
    }
    let first = parse(&src.text);
    let route = match project.classify(setup, file, &first, origin) {
        Verdict::Check(r) => r,
        Verdict::NotSpec => return FileReport::skipped(file, Skip::NotSpec),
        Verdict::Unmatched(t) => return FileReport::skipped(file, Skip::Unmatched(t)),
    };
    let evidence_root = project.evidence_root(file, setup);
    let mut selection = Selection::from_config(&setup.config);
    selection.select.extend(args.select.iter().cloned());
    selection.ignore.extend(args.ignore.iter().cloned());
    selection.strict |= args.strict;
    let unsafe_fixes = args.unsafe_fixes;
    let fixable = |text: &str| -> Vec<Diagnostic> {
        let doc = parse(text);
        let ctx = project.context(&doc, file, setup, &route, &evidence_root);
        specgate_lint::fix::fixable_findings(&ctx, &selection, unsafe_fixes)
    };
    if let Some(mode) = &args.fix_mode {
        return crate::fix::fix_file(file, &src, mode, unsafe_fixes, fixable);
    }
    let findings = |doc: &specgate_model::Document| -> Vec<Diagnostic> {
        let mut ctx = project.context(doc, file, setup, &route, &evidence_root);
        // Only the JSON output carries a fix's edits; the others name the fix.
        ctx.fix_edits = args.output_format == OutputFormat::Json;
        specgate_lint::check(&ctx, &selection)
    };
    let mut doc = first;
    let mut fixed = 0;
    if args.fix {
        let outcome = specgate_lint::fix::fix_text(&src.text, args.unsafe_fixes, fixable);
        if outcome.applied > 0 && outcome.text != src.text {
            if let Err(e) = crate::fix::write_text(file, src.had_bom, &outcome.text) {
                return FileReport::error(
                    file,
                    format!("cannot write fixes: {e}"),
                    args.output_format,
                );
            }
            fixed = outcome.applied;
            doc = parse(&outcome.text);
        }
    }
    let diagnostics = findings(&doc);
    FileReport::new(
        file,
        &doc,
        &diagnostics,
        fixed,
        args.output_format,
        setup.template_name(&route),
    )
}
