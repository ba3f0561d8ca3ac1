//! Finding specs and their config: the nearest `specgate.toml` per directory (or
//! `--config`), its template, and the git root as evidence root, cached per directory
//! and per config file. `check`, `report` and `status` use [`Project`]; `export` and
//! `gate` share [`load_setup`] and [`evidence_root`]. [`Project::check`] returns the
//! document and findings instead of printing them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use specgate_lint::{ByteSize, Config, Context, Diagnostic, Kinds, Route, Selection};
use specgate_model::{Document, Role, Schema, Span};

/// `--max-file-size`, shared by every command that reads specs.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct ReadArgs {
    /// Largest spec or template read, in bytes or with a unit (10MiB, 512KB); larger
    /// files are reported (exit 2) and never read [default: max-file-size in
    /// specgate.toml, else 10 MiB]
    #[arg(long, value_name = "SIZE")]
    pub max_file_size: Option<ByteSize>,
}

impl ReadArgs {
    /// The limit for files under `config`: the flag, else the config's, else 10 MiB.
    pub fn limit(&self, config: &Config) -> ByteSize {
        self.max_file_size.unwrap_or_else(|| config.max_file_size())
    }
}

/// Reads and decodes a spec or template no larger than `limit` (see
/// [`specgate_lint::input`]): the one way specs are read. Errors name the problem, not
/// the path.
pub fn read_spec(file: &Path, limit: ByteSize) -> Result<specgate_model::SourceText, String> {
    specgate_lint::input::read_source(file, limit)
}

/// Everything that comes from one config file (or none).
pub struct Setup {
    /// The templates, the default one first (see [`specgate_lint::kinds`]).
    pub kinds: Kinds,
    pub config: Config,
    pub config_dir: Option<PathBuf>,
}

impl Setup {
    /// The template a routed document is checked against (the default one for a
    /// document of no known kind, which only gets `no-matching-template`).
    pub fn schema(&self, route: &Route) -> &Schema {
        match route {
            Route::Kind { index, .. } => &self.kinds.kinds[*index].schema,
            Route::Unmatched { .. } => self.kinds.default_schema(),
        }
    }

    /// How a route is shown to the user: the template's name.
    pub fn template_name(&self, route: &Route) -> Option<&str> {
        match route {
            Route::Kind { index, .. } => Some(&self.kinds.kinds[*index].name),
            Route::Unmatched { .. } => None,
        }
    }
}

/// What becomes of a file: checked against a kind, or skipped.
pub enum Verdict {
    Check(Route),
    /// A walked file whose H1 names no kind and whose path does not make it a spec.
    NotSpec,
    /// A walked spec that matches no template (its H1).
    Unmatched(Option<String>),
}

#[derive(Clone)]
struct DirInfo {
    config: Option<PathBuf>,
    git_root: Option<PathBuf>,
}

/// Setups by config file path (`None`: no config file), built once each.
type SetupCache = Mutex<HashMap<Option<PathBuf>, Arc<Result<Setup, String>>>>;

/// Config and template discovery, cached per directory and per config file.
pub struct Project {
    template: Option<PathBuf>,
    /// `--config`: used for every file instead of discovery.
    config: Option<PathBuf>,
    /// `--max-file-size`.
    read: ReadArgs,
    setups: SetupCache,
    dirs: Mutex<HashMap<PathBuf, DirInfo>>,
    /// Evidence-path lookups, shared by the files of this run.
    pub fs: specgate_lint::FsCache,
    cwd: std::sync::OnceLock<Option<PathBuf>>,
}

/// One checked spec.
pub struct Checked {
    pub doc: Document,
    pub diagnostics: Vec<Diagnostic>,
    pub claims: Vec<specgate_lint::Claim>,
    pub evidence_root: Option<PathBuf>,
    /// The Evidence Map section's byte range, if the spec has one.
    pub evidence_map: Option<Span>,
    /// The template it was checked against (`None`: it matches none).
    pub template: Option<String>,
    /// The header fields its template has (`None`: any).
    pub header_keys: Option<Vec<String>>,
}

/// Loads the config at `cfg_path` (or the defaults) and compiles its template, or
/// `template` when given, with the config's aliases. The template is read within the
/// config's `max-file-size`, or `read`'s when given.
pub fn load_setup(
    cfg_path: Option<&Path>,
    template: Option<&PathBuf>,
    read: &ReadArgs,
) -> Result<Setup, String> {
    let (config, config_dir) = match cfg_path {
        Some(p) => (
            Config::load(p).map_err(|e| e.to_string())?,
            p.parent().map(Path::to_path_buf),
        ),
        None => (Config::default(), None),
    };
    let kinds = Kinds::load(
        &config,
        config_dir.as_deref(),
        template.map(PathBuf::as_path),
        read.limit(&config),
    )
    .map_err(|e| match cfg_path {
        Some(p) if e.starts_with("config: ") => format!("{}: {}", p.display(), &e[8..]),
        _ => e,
    })?;
    Ok(Setup {
        kinds,
        config,
        config_dir,
    })
}

/// Where a spec's cited paths are resolved: the config's `evidence-root` (relative to
/// the config file), else the spec's git root, else its directory.
pub fn evidence_root(
    file: &Path,
    config: &Config,
    config_dir: Option<&Path>,
    git_root: impl FnOnce() -> Option<PathBuf>,
) -> Option<PathBuf> {
    config
        .evidence_root
        .as_ref()
        .map(|r| config_dir.unwrap_or(Path::new("")).join(r))
        .or_else(git_root)
        .or_else(|| {
            std::path::absolute(file)
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf))
        })
}

impl Project {
    /// `template` and `config` are `--template` and `--config`, if given.
    pub fn new(template: Option<PathBuf>, config: Option<PathBuf>, read: ReadArgs) -> Project {
        Project {
            template,
            config,
            read,
            setups: Mutex::new(HashMap::new()),
            dirs: Mutex::new(HashMap::new()),
            fs: specgate_lint::FsCache::new(),
            cwd: std::sync::OnceLock::new(),
        }
    }

    fn dir_info(&self, file: &Path) -> DirInfo {
        // `absolute` asks for the working directory on each relative path; it is asked
        // once per run instead.
        let joined;
        let file = match self.cwd.get_or_init(|| std::env::current_dir().ok()) {
            Some(cwd) if file.is_relative() => {
                joined = cwd.join(file);
                &joined
            }
            _ => file,
        };
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let dir = if abs.is_dir() {
            abs
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        if let Some(hit) = self
            .dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&dir)
        {
            return hit.clone();
        }
        let info = DirInfo {
            config: match &self.config {
                Some(c) => Some(c.clone()),
                None => Config::discover(&dir),
            },
            git_root: crate::files::git_root_of_dir(&dir),
        };
        self.dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir, info.clone());
        info
    }

    /// The setup (config + compiled template) that applies to `file`.
    pub fn setup(&self, file: &Path) -> Arc<Result<Setup, String>> {
        let cfg_path = self.dir_info(file).config;
        let mut map = self.setups.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(cfg_path.clone())
            .or_insert_with(|| {
                Arc::new(load_setup(
                    cfg_path.as_deref(),
                    self.template.as_ref(),
                    &self.read,
                ))
            })
            .clone()
    }

    /// The largest file read under `setup`.
    pub fn limit(&self, setup: &Setup) -> ByteSize {
        self.read.limit(&setup.config)
    }

    /// Reads and decodes `file` within its setup's size limit.
    pub fn read(&self, file: &Path, setup: &Setup) -> Result<specgate_model::SourceText, String> {
        read_spec(file, self.limit(setup))
    }

    /// Where `file`'s cited paths are resolved (see [`evidence_root`]), with the git
    /// root from the per-directory cache.
    pub fn evidence_root(&self, file: &Path, setup: &Setup) -> Option<PathBuf> {
        evidence_root(file, &setup.config, setup.config_dir.as_deref(), || {
            self.dir_info(file).git_root
        })
    }

    /// The spec files under `paths`, as `check` finds them, and walk errors.
    pub fn files(&self, paths: &[PathBuf]) -> Result<crate::files::Walk, String> {
        let first = self.setup(paths.first().map_or(Path::new("."), PathBuf::as_path));
        let s = first.as_ref().as_ref().map_err(Clone::clone)?;
        let include =
            crate::files::globset(&s.config.include).map_err(|e| format!("config: {e}"))?;
        let exclude =
            crate::files::globset(&s.config.exclude).map_err(|e| format!("config: {e}"))?;
        Ok(crate::files::collect(
            paths,
            &s.kinds,
            include.as_ref(),
            exclude.as_ref(),
        ))
    }

    /// What becomes of `file` (found as `origin`), from its path and parsed text.
    pub fn classify(
        &self,
        setup: &Setup,
        file: &Path,
        doc: &Document,
        origin: crate::files::Origin,
    ) -> Verdict {
        use crate::files::Origin;
        if origin == Origin::Title {
            // The H1 must name a kind, and stand near the top (as a title does).
            let admitted = doc.title.as_ref().is_some_and(|t| {
                t.span.start < crate::files::TITLE_WITHIN && setup.kinds.title_admits(&t.text)
            });
            if !admitted {
                return Verdict::NotSpec;
            }
        }
        match setup.kinds.route(Some(file), doc) {
            Route::Unmatched { title } if origin != Origin::Explicit => Verdict::Unmatched(title),
            r => Verdict::Check(r),
        }
    }

    /// The spec files under `paths` (the current directory when empty), as
    /// [`Project::files`] finds them, with each walk error printed. `None` after printing
    /// a config error. The flag says whether any walk error occurred (exit 2 later).
    pub fn walk_reporting_errors(&self, paths: &[PathBuf]) -> Option<(crate::files::Walk, bool)> {
        let default = [PathBuf::from(".")];
        let paths = if paths.is_empty() {
            &default[..]
        } else {
            paths
        };
        let walk = match self.files(paths) {
            Ok(w) => w,
            Err(e) => {
                eprintln!("error: {e}");
                return None;
            }
        };
        for (p, e) in &walk.errors {
            eprintln!("error: {}: {e}", p.display());
        }
        let io_error = !walk.errors.is_empty();
        Some((walk, io_error))
    }

    /// A rule context for `doc`, configured as `file`'s setup says, sharing this run's
    /// file-system cache and validating each diagram afresh (a batch run's files are
    /// distinct, so remembered verdicts would only hold memory).
    pub fn context<'a>(
        &'a self,
        doc: &'a Document,
        file: &'a Path,
        setup: &'a Setup,
        route: &Route,
        evidence_root: &Option<PathBuf>,
    ) -> Context<'a> {
        let mut ctx = Context::new(doc, setup.schema(route));
        if let Route::Unmatched { .. } = route {
            ctx.unmatched = Some(setup.kinds.phrases());
        }
        ctx.path = Some(file);
        ctx.fs_cache = Some(&self.fs);
        ctx.remember_diagrams = false;
        ctx.evidence_root = evidence_root.clone();
        ctx.configure(&setup.config);
        ctx
    }

    /// Reads, decodes and checks one file with its config, or says why it is skipped
    /// (see [`Project::classify`]).
    pub fn check(&self, file: &Path, origin: crate::files::Origin) -> Outcome {
        let setup = self.setup(file);
        let setup = match setup.as_ref() {
            Ok(s) => s,
            Err(e) => return Outcome::Error(e.clone()),
        };
        let src = match self.read(file, setup) {
            Ok(s) => s,
            Err(e) => return Outcome::Error(e),
        };
        let doc = specgate_model::parse(&src.text);
        let route = match self.classify(setup, file, &doc, origin) {
            Verdict::Check(r) => r,
            Verdict::NotSpec => return Outcome::Skipped(Skip::NotSpec),
            Verdict::Unmatched(t) => return Outcome::Skipped(Skip::Unmatched(t)),
        };
        let evidence_root = self.evidence_root(file, setup);
        let selection = Selection::from_config(&setup.config);
        let (diagnostics, claims, evidence_map) = {
            let ctx = self.context(&doc, file, setup, &route, &evidence_root);
            let map = ctx.sections_with_role(Role::EvidenceMap).first().map(|&s| {
                let sec = &doc.sections[s];
                Span::new(sec.heading_span.start, sec.body_span.end)
            });
            (
                specgate_lint::check(&ctx, &selection),
                specgate_lint::evidence_claims(&ctx),
                map,
            )
        };
        let header_keys = setup
            .schema(&route)
            .header
            .iter()
            .map(|h| h.key.clone())
            .collect();
        Outcome::Checked(Box::new(Checked {
            doc,
            diagnostics,
            claims,
            evidence_root,
            evidence_map,
            template: setup.template_name(&route).map(str::to_string),
            header_keys: Some(header_keys),
        }))
    }
}

/// What [`Project::check`] made of a file.
pub enum Outcome {
    Checked(Box<Checked>),
    Skipped(Skip),
    /// Unreadable, or its config is broken: the reason.
    Error(String),
}

/// Why a walked file was not checked.
#[derive(Clone, Debug)]
pub enum Skip {
    /// Not a spec: its H1 names no template's kind.
    NotSpec,
    /// Under a spec directory (or named by a glob), but it matches no template: its H1.
    Unmatched(Option<String>),
}

/// The files a run skipped, and what it says about them on stderr.
#[derive(Default)]
pub struct Skips {
    pub not_spec: usize,
    pub unmatched: Vec<(PathBuf, Option<String>)>,
}

impl Skips {
    pub fn add(&mut self, file: &Path, skip: &Skip) {
        match skip {
            Skip::NotSpec => self.not_spec += 1,
            Skip::Unmatched(t) => self.unmatched.push((file.to_path_buf(), t.clone())),
        }
    }

    pub fn total(&self) -> usize {
        self.not_spec + self.unmatched.len()
    }

    /// Prints the unmatched documents and, when nothing was checked, why (stderr).
    /// `kinds` is the first path's template set, `roots` the paths walked.
    pub fn print(
        &self,
        checked: usize,
        walk: &crate::files::Walk,
        roots: &[PathBuf],
        kinds: &Kinds,
    ) {
        let n = self.unmatched.len();
        if n > 0 {
            const SHOWN: usize = 10;
            let mut list: Vec<String> = self
                .unmatched
                .iter()
                .take(SHOWN)
                .map(|(p, t)| match t {
                    Some(t) => format!("{} (`# {t}`)", p.display()),
                    None => format!("{} (no H1)", p.display()),
                })
                .collect();
            if n > SHOWN {
                list.push(format!("and {} more", n - SHOWN));
            }
            eprintln!(
                "note: {n} document{} under spec directories match{} no template, not checked: {}",
                plural(n),
                if n == 1 { "es" } else { "" },
                list.join(", ")
            );
            eprintln!(
                "  = help: add their templates to specgate.toml as [[templates]] (`specgate init` proposes entries)"
            );
        }
        if checked == 0 {
            let shown: Vec<String> = roots.iter().map(|r| format!("`{}`", r.display())).collect();
            let titles: Vec<String> = kinds.phrases().iter().map(|p| format!("`{p}`")).collect();
            let m = walk.markdown_seen;
            eprintln!(
                "warning: no spec found under {}: {m} Markdown file{} looked at, {} under .spec/, .specs/ or specs/ with a known template, none titled {}",
                shown.join(", "),
                plural(m),
                if n == 0 { "none".to_string() } else { format!("{n} unmatched") },
                if titles.is_empty() { "as a template's kind".to_string() } else { titles.join(" or ") }
            );
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A walked file deleted before it is read: the read fails with the OS error, the
    /// other files are still checked.
    #[test]
    fn a_file_deleted_after_the_walk_is_a_read_error() {
        let dir = tempfile::tempdir().unwrap();
        let specs = dir.path().join("specs");
        std::fs::create_dir(&specs).unwrap();
        for name in ["a.md", "b.md"] {
            std::fs::write(specs.join(name), "# Technical Specification: X\n").unwrap();
        }
        let project = Project::new(None, None, ReadArgs::default());
        let walk = project.files(std::slice::from_ref(&specs)).unwrap();
        assert_eq!(walk.files.len(), 2);
        std::fs::remove_file(&walk.files[0]).unwrap();
        let origin = |f: &PathBuf| walk.origin(f);
        match project.check(&walk.files[0], origin(&walk.files[0])) {
            Outcome::Error(err) => assert!(
                err.starts_with("cannot read: No such file or directory"),
                "{err}"
            ),
            _ => panic!("not an error"),
        }
        assert!(matches!(
            project.check(&walk.files[1], origin(&walk.files[1])),
            Outcome::Checked(_)
        ));
    }
}
