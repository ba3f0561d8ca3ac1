//! Per-document configuration: the nearest `specgate.toml`, its template, aliases and
//! rule selection, and the evidence root, as `specgate check` finds them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::Uri;
use specgate_lint::{Config, Kinds, Selection};

/// Everything that comes from one config file (or none).
pub struct Setup {
    /// The templates, the default one first (see [`specgate_lint::kinds`]).
    pub kinds: Kinds,
    pub config: Config,
    pub config_dir: Option<PathBuf>,
    /// Why the config or template could not be read; the seed template is used then.
    pub error: Option<String>,
    /// The files it was read from (the config, its templates), with their modification
    /// times then: a setup whose files changed on disk is read again.
    inputs: Vec<(PathBuf, Option<std::time::SystemTime>)>,
}

fn mtime(p: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

impl Setup {
    pub fn selection(&self) -> Selection {
        Selection::from_config(&self.config)
    }

    /// Whether a file it was read from has changed on disk since.
    fn stale(&self) -> bool {
        self.inputs.iter().any(|(p, t)| mtime(p) != *t)
    }

    /// Whether `path` is one of the files it was read from.
    pub fn reads(&self, path: &Path) -> bool {
        self.inputs.iter().any(|(p, _)| p == path)
    }

    fn load(cfg_path: Option<&Path>, buffer: Option<&str>) -> Setup {
        let mut error = None;
        let (config, config_dir) = match cfg_path {
            Some(p) => match buffer.map_or_else(|| Config::load(p), |t| Config::from_text(t, p)) {
                Ok(c) => (c, p.parent().map(Path::to_path_buf)),
                Err(e) => {
                    error = Some(e.to_string());
                    (Config::default(), p.parent().map(Path::to_path_buf))
                }
            },
            None => (Config::default(), None),
        };
        let kinds = match Kinds::load(&config, config_dir.as_deref(), None, config.max_file_size())
        {
            Ok(k) => k,
            Err(e) => {
                error = Some(e);
                Kinds::seed()
            }
        };
        let dir = config_dir.clone().unwrap_or_default();
        let inputs = cfg_path
            .map(Path::to_path_buf)
            .into_iter()
            .chain(config.template.iter().map(|t| dir.join(t)))
            .chain(
                config
                    .templates
                    .iter()
                    .filter_map(|e| e.path.as_ref())
                    .map(|t| dir.join(t)),
            )
            .map(|p| {
                let t = mtime(&p);
                (p, t)
            })
            .collect();
        Setup {
            kinds,
            config,
            config_dir,
            error,
            inputs,
        }
    }

    /// Where evidence paths of `file` resolve: the config's `evidence-root`, else the
    /// git root, else the file's directory.
    pub fn evidence_root(&self, file: Option<&Path>) -> Option<PathBuf> {
        if let Some(r) = &self.config.evidence_root {
            return Some(self.config_dir.clone().unwrap_or_default().join(r));
        }
        let dir = file?.parent()?;
        dir.ancestors()
            .find(|d| d.join(".git").exists())
            .map(Path::to_path_buf)
            .or_else(|| Some(dir.to_path_buf()))
    }
}

/// Setups by config path, loaded once each until the configuration changes: on
/// `didChangeWatchedFiles`, on an edit or save of an open config or template (see
/// [`Setups::affected_by`]), or when a file a setup was read from has a new
/// modification time (checked at each use, for clients that watch nothing).
#[derive(Default)]
pub struct Setups {
    by_config: HashMap<Option<PathBuf>, Arc<Setup>>,
    /// The editor's text of open `specgate.toml` files, read in place of the disk's.
    buffers: HashMap<PathBuf, String>,
}

impl Setups {
    /// The setup for a document: its nearest `specgate.toml` (none for unsaved documents).
    pub fn for_file(&mut self, file: Option<&Path>) -> Arc<Setup> {
        let cfg = file.and_then(Path::parent).and_then(Config::discover);
        if self.by_config.get(&cfg).is_some_and(|s| s.stale()) {
            self.by_config.remove(&cfg);
        }
        let buffer = cfg
            .as_ref()
            .and_then(|c| self.buffers.get(c))
            .map(String::as_str);
        self.by_config
            .entry(cfg.clone())
            .or_insert_with(|| Arc::new(Setup::load(cfg.as_deref(), buffer)))
            .clone()
    }

    /// Whether an open document at `path` is configuration: a `specgate.toml`, or a
    /// file a loaded setup was read from (a template).
    pub fn affected_by(&self, path: &Path) -> bool {
        path.file_name().is_some_and(|n| n == "specgate.toml")
            || self.by_config.values().any(|s| s.reads(path))
    }

    /// The editor's text of an open `specgate.toml` (`None`: it closed, read the disk).
    pub fn set_buffer(&mut self, path: &Path, text: Option<&str>) {
        if path.file_name().is_none_or(|n| n != "specgate.toml") {
            return;
        }
        match text {
            Some(t) => self.buffers.insert(path.to_path_buf(), t.to_string()),
            None => self.buffers.remove(path),
        };
    }

    /// Forgets every loaded configuration (after `specgate.toml` or a template changed).
    pub fn clear(&mut self) {
        self.by_config.clear();
    }
}

/// The local path of a `file:` URI (percent-decoded), if it is one.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(out)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(out).ok().map(PathBuf::from)
    }
}

/// The `file:` URI of an absolute path.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let s = path.to_str()?;
    if !s.starts_with('/') {
        return None;
    }
    let mut out = String::from("file://");
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip() {
        let p = Path::new("/tmp/a b/é#1.md");
        let uri = path_to_uri(p).expect("absolute path");
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%C3%A9%231.md");
        assert_eq!(uri_to_path(&uri).as_deref(), Some(p));
        let host: Uri = "file://localhost/x%41".parse().expect("uri");
        assert_eq!(uri_to_path(&host), Some(PathBuf::from("/xA")));
        let untitled: Uri = "untitled:Untitled-1".parse().expect("uri");
        assert_eq!(uri_to_path(&untitled), None);
    }
}
