//! `specgate.toml`: template, rule selection and severities, aliases, evidence root.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;

/// The configuration file, as written.
#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    title = "specgate.toml",
    description = "specgate's configuration file."
)]
pub struct Config {
    /// Path of the template, relative to the config file. Default: the built-in seed.
    pub template: Option<PathBuf>,
    /// Rule codes or names to run (default: all).
    #[serde(default)]
    pub select: Vec<String>,
    /// Rule codes or names to skip.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity per rule code or name: "error", "warning" or "info".
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    /// Alternative section titles: alias → template title, or a list of titles when
    /// one heading stands for several sections (`"Goals and Scope" = ["Goals", "Scope"]`).
    #[serde(default)]
    pub aliases: BTreeMap<String, AliasTarget>,
    /// Where cited evidence paths are resolved. Default: the spec's git root.
    pub evidence_root: Option<PathBuf>,
    /// Globs of files to check when walking directories.
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs of files to skip when walking directories.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Section titles exempt from the evidence rule, in addition to the defaults
    /// (Evidence Gaps, Evidence Map, Quality Gate, Template Metadata). `!Title` removes
    /// a default exemption instead.
    #[serde(default)]
    pub evidence_exempt: Vec<String>,
    /// Evidence forms accepted without a style warning (SG302), besides `canonical`:
    /// `emphasized` (`**Evidence:** x`) and `trailing` (`… sentence. Evidence: x`).
    #[serde(default)]
    pub evidence_forms: Vec<String>,
    /// Allowed Template Metadata priorities.
    #[serde(default)]
    pub priorities: Vec<String>,
    /// Warnings become errors.
    #[serde(default)]
    pub strict: bool,
    /// More templates, one per document kind (PRD, ADR, …), each with how its
    /// documents are recognised: `match` globs (relative to this file's directory),
    /// else the document's front matter or H1 against the template's title. An entry
    /// without `path` adds globs to the default template. See docs/configuration.md.
    #[serde(default)]
    pub templates: Vec<TemplateEntry>,
    /// Largest spec, template or Mermaid file read: bytes, or a string such as
    /// "10MiB" or "512KB". Larger files are reported (exit 2) and never read; the
    /// language server checks nothing in a larger document. Default: 10 MiB.
    pub max_file_size: Option<crate::input::ByteSize>,
}

/// The template section(s) an alias stands for.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum AliasTarget {
    One(String),
    Several(Vec<String>),
}

impl AliasTarget {
    pub fn titles(&self) -> &[String] {
        match self {
            AliasTarget::One(t) => std::slice::from_ref(t),
            AliasTarget::Several(v) => v,
        }
    }
}

/// One `[[templates]]` entry.
#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TemplateEntry {
    /// The template, relative to the config file. Omitted: the default template.
    pub path: Option<PathBuf>,
    /// Globs of the documents of this kind, relative to the config file's directory
    /// (`.spec/prd-*.md`); the first entry that matches wins.
    #[serde(default, rename = "match")]
    pub matches: Vec<String>,
    /// The title this kind's documents carry (`PRD`), when the template's own H1 does
    /// not say it (a placeholder such as `# {title}`).
    pub title: Option<String>,
}

/// The values `evidence-forms` accepts.
pub const EVIDENCE_FORMS: [&str; 3] = ["canonical", "emphasized", "trailing"];

/// A configuration error with its position in the file.
#[derive(Clone, Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl Config {
    /// Parses config text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let cfg: Config = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| {
                    let before = &text[..s.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                    (line, col)
                })
                .unwrap_or((1, 1));
            ConfigError {
                path: path.to_path_buf(),
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        for (k, v) in &cfg.severity {
            if Severity::parse(v).is_none() {
                let (line, column) = find_pos(text, v);
                return Err(ConfigError {
                    path: path.to_path_buf(),
                    line,
                    column,
                    message: format!(
                        "severity of `{k}` must be \"error\", \"warning\" or \"info\", not \"{v}\""
                    ),
                });
            }
        }
        for form in &cfg.evidence_forms {
            if !EVIDENCE_FORMS.contains(&form.as_str()) {
                let (line, column) = find_pos(text, form);
                return Err(ConfigError {
                    path: path.to_path_buf(),
                    line,
                    column,
                    message: format!(
                        "unknown evidence form `{form}`; expected one of: {}",
                        EVIDENCE_FORMS.join(", ")
                    ),
                });
            }
        }
        for code in cfg
            .select
            .iter()
            .chain(&cfg.ignore)
            .chain(cfg.severity.keys())
        {
            if crate::registry::lookup(code).is_none() {
                let (line, column) = find_pos(text, code);
                return Err(ConfigError {
                    path: path.to_path_buf(),
                    line,
                    column,
                    message: format!("unknown rule `{code}` (see `specgate rules`)"),
                });
            }
        }
        Ok(cfg)
    }

    /// `max-file-size`, or its default.
    pub fn max_file_size(&self) -> crate::input::ByteSize {
        self.max_file_size
            .unwrap_or(crate::input::DEFAULT_MAX_FILE_SIZE)
    }

    /// Reads `specgate.toml` from `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let err = |message: String| ConfigError {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message,
        };
        let bytes = crate::input::read_bounded(path, crate::input::DEFAULT_MAX_FILE_SIZE)
            .map_err(|e| err(e.to_string()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| err("invalid UTF-8; specgate.toml must be UTF-8 text".into()))?;
        Config::from_text(&text, path)
    }

    /// Reads `specgate.toml`'s text as [`Config::load`] reads the file (an editor's
    /// unsaved buffer of it, say): parsed, and its paths checked against `path`'s project.
    pub fn from_text(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let cfg = Config::parse(text, path)?;
        cfg.check_paths(text, path)?;
        Ok(cfg)
    }

    /// The paths a config names (`template`, `evidence-root`) are resolved inside its
    /// project: the git root at or above the config file, else the config's directory.
    /// Absolute paths, `..` that climbs out, and symbolic links that point outside are
    /// errors at the value's line:column, and nothing there is opened. (Paths given on
    /// the command line, `--template` and `--config`, are the user's own choice.)
    fn check_paths(&self, text: &str, path: &Path) -> Result<(), ConfigError> {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let Some(dir) = abs.parent() else {
            return Ok(());
        };
        let root = project_root(dir);
        let named = [
            ("template", self.template.as_ref()),
            ("evidence-root", self.evidence_root.as_ref()),
        ];
        let entries = self
            .templates
            .iter()
            .map(|e| ("templates.path", e.path.as_ref()));
        for (key, value) in named.into_iter().chain(entries) {
            let Some(value) = value else { continue };
            if let Err(why) = contained(dir, &root, value) {
                let (line, column) = find_pos(text, &value.to_string_lossy());
                return Err(ConfigError {
                    path: path.to_path_buf(),
                    line,
                    column,
                    message: format!(
                        "`{key}` \"{}\" is outside the project ({}): {why}; not read",
                        value.display(),
                        root.display()
                    ),
                });
            }
        }
        Ok(())
    }

    /// The nearest `specgate.toml` at or above `dir`.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|d| d.join("specgate.toml"))
            .find(|p| p.is_file())
    }
}

/// The directory a config's paths must stay in: the nearest ancestor of `dir` (the
/// config's directory, absolute) that holds `.git`, else `dir` itself.
pub fn project_root(dir: &Path) -> PathBuf {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(dir)
        .to_path_buf()
}

/// Whether `rel`, relative to `base` (inside `root`, both absolute), stays inside
/// `root`: lexically, then through symbolic links if it exists. Nothing is opened.
fn contained(base: &Path, root: &Path, rel: &Path) -> Result<(), &'static str> {
    use std::path::Component;
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for c in base
        .strip_prefix(root)
        .unwrap_or(Path::new(""))
        .components()
    {
        if let Component::Normal(x) = c {
            parts.push(x);
        }
    }
    for c in rel.components() {
        match c {
            Component::Normal(x) => parts.push(x),
            Component::CurDir => {}
            Component::ParentDir => {
                if parts.pop().is_none() {
                    return Err("a path that climbs out with `..`");
                }
            }
            Component::RootDir | Component::Prefix(_) => return Err("an absolute path"),
        }
    }
    let full: PathBuf = parts.iter().fold(root.to_path_buf(), |p, x| p.join(x));
    if std::fs::symlink_metadata(&full).is_ok() {
        match (full.canonicalize(), root.canonicalize()) {
            (Ok(real), Ok(real_root)) if !real.starts_with(&real_root) => {
                return Err("a symbolic link that points outside");
            }
            _ => {}
        }
    }
    Ok(())
}

/// The 1-based line and column of `needle` in the config text: its first quoted
/// occurrence, else its first bare one, outside comments; (1, 1) if not found.
fn find_pos(text: &str, needle: &str) -> (usize, usize) {
    let quoted = format!("\"{needle}\"");
    for pat in [quoted.as_str(), needle] {
        for (n, line) in text.split('\n').enumerate() {
            let code = &line[..comment_start(line)];
            if let Some(at) = code.find(pat) {
                return (n + 1, code[..at].chars().count() + 1);
            }
        }
    }
    (1, 1)
}

/// Where a TOML line's comment starts (its length if none): the first `#` outside a
/// basic or literal string.
fn comment_start(line: &str) -> usize {
    let mut quote: Option<u8> = None;
    let mut escaped = false;
    for (i, b) in line.bytes().enumerate() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if b == b'\\' && q == b'"' {
                    escaped = true;
                } else if b == q {
                    quote = None;
                }
            }
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'#' => return i,
            None => {}
        }
    }
    line.len()
}
