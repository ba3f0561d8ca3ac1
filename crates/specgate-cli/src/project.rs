//! Finding specs and checking them with their config, for `report` and `status`: the
//! same discovery as `check` (nearest `specgate.toml` per directory, its template,
//! the git root as evidence root), returning the document and findings instead of
//! printing them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use specgate_lint::{Config, Context, Diagnostic, Selection};
use specgate_model::{Document, Role, Schema, Span};

/// Everything that comes from one config file (or none).
pub struct Setup {
    pub schema: Schema,
    pub config: Config,
    pub config_dir: Option<PathBuf>,
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
    setups: SetupCache,
    dirs: Mutex<HashMap<PathBuf, DirInfo>>,
}

/// One checked spec.
pub struct Checked {
    pub doc: Document,
    pub diagnostics: Vec<Diagnostic>,
    pub claims: Vec<specgate_lint::Claim>,
    pub evidence_root: Option<PathBuf>,
    /// The Evidence Map section's byte range, if the spec has one.
    pub evidence_map: Option<Span>,
}

impl Project {
    pub fn new(template: Option<PathBuf>) -> Project {
        Project {
            template,
            setups: Mutex::new(HashMap::new()),
            dirs: Mutex::new(HashMap::new()),
        }
    }

    fn dir_info(&self, file: &Path) -> DirInfo {
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
            config: Config::discover(&dir),
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
                Arc::new((|| {
                    let (config, config_dir) = match &cfg_path {
                        Some(p) => (
                            Config::load(p).map_err(|e| e.to_string())?,
                            p.parent().map(Path::to_path_buf),
                        ),
                        None => (Config::default(), None),
                    };
                    let template = self.template.clone().or_else(|| {
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
            &s.schema.title_prefix,
            include.as_ref(),
            exclude.as_ref(),
        ))
    }

    /// Reads, decodes and checks one spec with its config.
    pub fn check(&self, file: &Path) -> Result<Checked, String> {
        let setup = self.setup(file);
        let setup = setup.as_ref().as_ref().map_err(Clone::clone)?;
        let bytes = std::fs::read(file).map_err(|e| e.to_string())?;
        let src = specgate_model::decode(bytes).map_err(|e| e.to_string())?;
        let evidence_root = setup
            .config
            .evidence_root
            .as_ref()
            .map(|r| setup.config_dir.clone().unwrap_or_default().join(r))
            .or(self.dir_info(file).git_root)
            .or_else(|| {
                std::path::absolute(file)
                    .ok()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
            });
        let selection = Selection::from_config(&setup.config);
        let doc = specgate_model::parse(&src.text);
        let (diagnostics, claims, evidence_map) = {
            let mut ctx = Context::new(&doc, &setup.schema);
            ctx.path = Some(file);
            ctx.evidence_root = evidence_root.clone();
            ctx.configure(&setup.config);
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
        Ok(Checked {
            doc,
            diagnostics,
            claims,
            evidence_root,
            evidence_map,
        })
    }
}
