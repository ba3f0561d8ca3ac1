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
    /// Alternative section titles: alias → template title.
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
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

    /// Reads `specgate.toml` from `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: format!("cannot read config: {e}"),
        })?;
        Config::parse(&text, path)
    }

    /// The nearest `specgate.toml` at or above `dir`.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|d| d.join("specgate.toml"))
            .find(|p| p.is_file())
    }
}

fn find_pos(text: &str, needle: &str) -> (usize, usize) {
    let quoted = format!("\"{needle}\"");
    let at = text
        .find(&quoted)
        .or_else(|| text.find(needle))
        .unwrap_or(0);
    let before = &text[..at];
    (
        before.matches('\n').count() + 1,
        before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
    )
}
