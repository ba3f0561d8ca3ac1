//! Document kinds: which template a document is checked against.
//!
//! A config may name several templates (`[[templates]]`, each with optional `match`
//! globs and `title`), besides its default one (`template`, else the built-in
//! tech-spec template, which is always a candidate). [`Kinds::route`] picks one for a
//! document, in this order:
//! 1. the first entry whose `match` glob fits the document's path, relative to the
//!    config's directory;
//! 2. a front-matter key that names a kind (`spec_type`, `document`, `doc_type`,
//!    `type`, `kind`, `template`), compared with each template's title phrase;
//! 3. the document's H1: the template whose title phrase it names best
//!    ([`title::Phrase::score`]);
//! 4. a template whose title names no kind (all placeholder) takes what is left.
//!
//! Otherwise the document matches no template: a walk skips and counts it, and a file
//! named on the command line gets one `no-matching-template` finding (SG003), never
//! another kind's structure findings. The CLI and the language server both route here.

pub mod title;

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use specgate_model::{Document, Schema};

use crate::config::Config;
use crate::input::ByteSize;
use title::Phrase;

/// One template and how its documents are recognised.
pub struct Kind {
    /// How the template is named to the user: its path as configured, or `built-in`.
    pub name: String,
    pub schema: Schema,
    globs: Option<GlobSet>,
    /// The `match` patterns, as written (for [`By::Glob`]).
    patterns: Vec<String>,
    pub phrase: Phrase,
}

/// Why a document was routed to its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum By {
    /// A `match` glob of the kind.
    Glob(String),
    /// A front-matter key (`spec_type: prd`).
    FrontMatter(String),
    /// The H1 names the kind.
    Title,
    /// The kind's template names no kind by title, so it takes the rest.
    Fallback,
    /// The only template, forced by `--template`.
    Forced,
}

impl std::fmt::Display for By {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            By::Glob(g) => write!(f, "path matches `{g}`"),
            By::FrontMatter(k) => write!(f, "front matter `{k}`"),
            By::Title => write!(f, "title"),
            By::Fallback => write!(f, "its template's title names no kind"),
            By::Forced => write!(f, "--template"),
        }
    }
}

/// The templates of one config, in config order; the default one first.
pub struct Kinds {
    pub kinds: Vec<Kind>,
    /// Globs are relative to this directory (the config's, absolute).
    base: Option<PathBuf>,
    /// `--template`: every document is checked against the one template.
    forced: bool,
}

/// A document's kind, or why it has none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Kind { index: usize, by: By },
    Unmatched { title: Option<String> },
}

const KIND_KEYS: [&str; 6] = [
    "spec_type",
    "document",
    "doc_type",
    "type",
    "kind",
    "template",
];

/// The globs compiled into one set (`None` for none); an invalid glob is named.
pub fn globset(patterns: &[String]) -> Result<Option<GlobSet>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).map_err(|e| format!("invalid glob `{p}`: {e}"))?);
    }
    b.build().map(Some).map_err(|e| e.to_string())
}

fn kind(
    name: String,
    schema: Schema,
    title: Option<&str>,
    globs: &[String],
) -> Result<Kind, String> {
    let phrase = match title {
        Some(t) => Phrase::of_template_title(t),
        None => Phrase::of_template_title(schema.template.title.as_ref().map_or("", |t| &t.text)),
    };
    Ok(Kind {
        name,
        schema,
        globs: globset(globs)?,
        patterns: globs.to_vec(),
        phrase,
    })
}

impl Kinds {
    /// The built-in template alone.
    pub fn seed() -> Kinds {
        Kinds::single("built-in".into(), Schema::seed(), false)
    }

    /// One template: `forced` when the user named it with `--template`.
    pub fn single(name: String, schema: Schema, forced: bool) -> Kinds {
        Kinds {
            kinds: vec![kind(name, schema, None, &[]).expect("no globs")],
            base: None,
            forced,
        }
    }

    /// The templates `config` names (paths relative to `config_dir`), each compiled
    /// with the config's aliases and read within `limit`; `forced` (`--template`)
    /// replaces them all. Errors name the file and the problem.
    pub fn load(
        config: &Config,
        config_dir: Option<&Path>,
        forced: Option<&Path>,
        limit: ByteSize,
    ) -> Result<Kinds, String> {
        let dir = config_dir.unwrap_or(Path::new(""));
        let compile = |p: &Path| -> Result<Schema, String> {
            let src = crate::input::read_source(p, limit)
                .map_err(|e| format!("{}: template: {e}", p.display()))?;
            let mut schema = Schema::compile(&src.text);
            for (a, targets) in &config.aliases {
                for t in targets.titles() {
                    schema.add_alias(a, t);
                }
            }
            Ok(schema)
        };
        if let Some(t) = forced {
            return Ok(Kinds::single(t.display().to_string(), compile(t)?, true));
        }
        let (name, mut schema) = match &config.template {
            Some(t) => (t.display().to_string(), compile(&dir.join(t))?),
            None => ("built-in".to_string(), Schema::seed()),
        };
        if config.template.is_none() {
            for (a, targets) in &config.aliases {
                for t in targets.titles() {
                    schema.add_alias(a, t);
                }
            }
        }
        // Entries without `path` add globs (and a title) to the default template.
        let default_globs: Vec<String> = config
            .templates
            .iter()
            .filter(|e| e.path.is_none())
            .flat_map(|e| e.matches.iter().cloned())
            .collect();
        let default_title = config
            .templates
            .iter()
            .filter(|e| e.path.is_none())
            .find_map(|e| e.title.as_deref());
        let mut kinds = vec![kind(name, schema, default_title, &default_globs)
            .map_err(|e| format!("config: templates: {e}"))?];
        for e in &config.templates {
            let Some(p) = &e.path else { continue };
            let k = kind(
                p.display().to_string(),
                compile(&dir.join(p))?,
                e.title.as_deref(),
                &e.matches,
            )
            .map_err(|e| format!("config: templates: {e}"))?;
            kinds.push(k);
        }
        Ok(Kinds {
            kinds,
            base: config_dir.map(|d| std::path::absolute(d).unwrap_or_else(|_| d.to_path_buf())),
            forced: false,
        })
    }

    /// Whether `--template` made one template take every document.
    pub fn is_forced(&self) -> bool {
        self.forced
    }

    /// The default template's schema (`template`, else the built-in one).
    pub fn default_schema(&self) -> &Schema {
        &self.kinds[0].schema
    }

    /// Whether a walked file outside a spec directory is a spec: its H1 starts with a
    /// kind's title phrase.
    pub fn title_admits(&self, h1: &str) -> bool {
        let t = title::tokens(h1);
        self.kinds
            .iter()
            .any(|k| k.phrase.score(&t).is_some_and(|s| s.at_start))
    }

    /// The phrases a title may start with, for messages (`Technical Specification`).
    pub fn phrases(&self) -> Vec<String> {
        self.kinds
            .iter()
            .filter(|k| !k.phrase.core.is_empty())
            .map(|k| k.phrase.display())
            .collect()
    }

    /// Whether a path matches some kind's `match` globs (a walk then takes the file).
    pub fn glob_admits(&self, path: &Path) -> bool {
        self.glob_kind(path).is_some()
    }

    /// `path` relative to the config's directory (globs are written relative to it),
    /// or as given without a config.
    pub fn relative(&self, path: &Path) -> PathBuf {
        match &self.base {
            Some(base) => {
                let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
                abs.strip_prefix(base).map(Path::to_path_buf).unwrap_or(abs)
            }
            None => path.to_path_buf(),
        }
    }

    fn glob_kind(&self, path: &Path) -> Option<(usize, String)> {
        let rel = self.relative(path);
        let rel = rel.as_path();
        self.kinds.iter().enumerate().find_map(|(i, k)| {
            let hit = *k.globs.as_ref()?.matches(rel).first()?;
            Some((i, k.patterns[hit].clone()))
        })
    }

    /// The kind of `doc` at `path` (see the module doc).
    pub fn route(&self, path: Option<&Path>, doc: &Document) -> Route {
        if self.forced {
            return Route::Kind {
                index: 0,
                by: By::Forced,
            };
        }
        if let Some((index, glob)) = path.and_then(|p| self.glob_kind(p)) {
            return Route::Kind {
                index,
                by: By::Glob(glob),
            };
        }
        if let Some(r) = self.route_front_matter(doc) {
            return r;
        }
        let h1 = doc.title.as_ref().map(|t| t.text.as_str());
        let t = title::tokens(h1.unwrap_or(""));
        let best = self
            .kinds
            .iter()
            .enumerate()
            .filter_map(|(i, k)| k.phrase.score(&t).map(|s| (i, s)))
            // Highest weight, then fewest missing qualifiers, then config order.
            .max_by(|(ia, a), (ib, b)| {
                (
                    a.weight,
                    std::cmp::Reverse(a.missing),
                    std::cmp::Reverse(*ia),
                )
                    .cmp(&(
                        b.weight,
                        std::cmp::Reverse(b.missing),
                        std::cmp::Reverse(*ib),
                    ))
            });
        if let Some((index, _)) = best {
            return Route::Kind {
                index,
                by: By::Title,
            };
        }
        if let Some(index) = self.kinds.iter().position(|k| k.phrase.core.is_empty()) {
            return Route::Kind {
                index,
                by: By::Fallback,
            };
        }
        Route::Unmatched {
            title: h1.map(str::to_string),
        }
    }

    fn route_front_matter(&self, doc: &Document) -> Option<Route> {
        let fm = doc.front_matter.as_ref()?;
        for line in doc.slice(fm.content).lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim();
            if line.starts_with([' ', '\t']) || !KIND_KEYS.contains(&key) {
                continue;
            }
            let value = value.trim().trim_matches(['"', '\'']);
            let t = title::tokens(value);
            if t.is_empty() {
                continue;
            }
            // The value names the kind exactly: its tokens are the core (and qualifiers).
            let hit = self.kinds.iter().position(|k| {
                !k.phrase.core.is_empty()
                    && (t == k.phrase.core
                        || t == [k.phrase.core.clone(), k.phrase.qualifiers.clone()].concat())
            });
            if let Some(index) = hit {
                return Some(Route::Kind {
                    index,
                    by: By::FrontMatter(format!("{key}: {value}")),
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests;
