pub mod evidence_cites_nothing;
pub mod evidence_form;
pub mod evidence_line_out_of_range;
pub mod evidence_path_not_found;
pub mod evidence_path_outside_root;
pub mod gap_not_listed;
pub mod malformed_url;
pub mod map_unknown_section;
pub mod missing_evidence;
pub mod non_claim_lists;
pub mod non_claim_notes;
pub mod non_claims;
pub(crate) mod regen;
pub mod source_not_in_map;
pub mod table_path_not_found;

use std::collections::hash_map::{Entry, HashMap};
use std::path::{Component, Path, PathBuf};

use specgate_model::SourceKind;

use crate::context::Context;

use specgate_model::evidence::strip_location;

/// What the evidence rules need to know about one cited path.
pub(crate) struct PathStatus {
    pub resolved: Resolved,
    /// Where it exists (its location, `#L…` or `:12`, stripped): under the root, or
    /// under the spec's own directory (inside the root); `None` when it does not.
    pub found: Option<PathBuf>,
}

impl PathStatus {
    /// It exists (see [`PathStatus::found`]).
    pub fn exists(&self) -> bool {
        self.found.is_some()
    }
}

/// Resolves the paths one document cites: the evidence root, canonicalised once, and
/// the spec's directory under it.
pub(crate) struct Locator<'c> {
    cache: Option<&'c crate::FsCache>,
    root: PathBuf,
    real_root: Option<PathBuf>,
    spec_rel: Option<&'c Path>,
}

impl<'c> Locator<'c> {
    pub(crate) fn new(ctx: &Context<'c>) -> Locator<'c> {
        let root = ctx.evidence_root.clone().unwrap_or_default();
        let real_root = crate::fs_cache::probe(ctx.fs_cache, &root).real;
        let spec_rel = ctx
            .path
            .and_then(|p| p.parent())
            .and_then(|d| d.strip_prefix(ctx.evidence_root.as_deref()?).ok())
            .filter(|rel| !rel.as_os_str().is_empty());
        Locator {
            cache: ctx.fs_cache,
            root,
            real_root,
            spec_rel,
        }
    }

    /// Where `cited` points, and whether it exists under the root or, inside the root,
    /// relative to the spec's own directory.
    pub(crate) fn status(&self, cited: &str) -> PathStatus {
        let (root, real_root, cache) = (&self.root, self.real_root.as_deref(), self.cache);
        let (resolved, exists) = resolve_existing(root, real_root, cited, cache);
        let mut found = match (&resolved, exists) {
            (Resolved::Inside(p), true) => Some(p.clone()),
            _ => None,
        };
        if found.is_none() && matches!(resolved, Resolved::Inside(_)) {
            if let Some(rel) = self.spec_rel {
                let cited = format!("{}/{}", rel.display(), cited);
                if let (Resolved::Inside(p), true) =
                    resolve_existing(root, real_root, &cited, cache)
                {
                    found = Some(p);
                }
            }
        }
        PathStatus { resolved, found }
    }
}

/// Every cited path of the document, resolved once per file (SG303, SG304 and SG310
/// share it).
pub(crate) fn path_statuses<'c>(ctx: &'c Context) -> &'c HashMap<String, PathStatus> {
    ctx.path_status.get_or_init(|| {
        let locator = Locator::new(ctx);
        let path_sources = || {
            ctx.doc
                .evidence
                .iter()
                .flat_map(|e| e.sources.iter().filter(|s| s.kind == SourceKind::Path))
        };
        let mut map = HashMap::with_capacity(path_sources().count());
        for s in path_sources() {
            if let Entry::Vacant(slot) = map.entry(s.text.clone()) {
                slot.insert(locator.status(&s.text));
            }
        }
        map
    })
}

/// Where a cited path points, decided without opening anything outside the root.
pub(crate) enum Resolved {
    Inside(PathBuf),
    Outside(&'static str),
    Skip,
}

/// Resolves a cited path under `root` (lexically first; then through symlinks).
/// `real_root` is `root` canonicalised once by the caller (`None` if it does not exist).
pub(crate) fn resolve(root: &Path, real_root: Option<&Path>, cited: &str) -> Resolved {
    resolve_existing(root, real_root, cited, None).0
}

/// The lexical part of [`resolve`]: `root` joined with the cited path, or why not.
fn resolve_lexically(root: &Path, cited: &str) -> Result<PathBuf, Resolved> {
    let p = strip_location(cited);
    if p.contains(['*', '{', '$']) {
        return Err(Resolved::Skip);
    }
    if p.starts_with('/') || p.starts_with('~') || p.starts_with('\\') || p.get(1..3) == Some(":\\")
    {
        return Err(Resolved::Outside("an absolute path"));
    }
    // The common case, `dir/file.ext`: nothing for the component walk to change.
    if p.split('/').all(|c| !matches!(c, "" | "." | "..")) {
        return Ok(root.join(p));
    }
    let mut out = PathBuf::new();
    for c in Path::new(p).components() {
        match c {
            Component::Normal(x) => out.push(x),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return Err(Resolved::Outside(
                        "a path that climbs out of the evidence root with `..`",
                    ));
                }
            }
            _ => return Err(Resolved::Outside("an absolute path")),
        }
    }
    Ok(root.join(&out))
}

/// [`resolve`], and whether the resolved path exists, with as few `stat`s as possible:
/// one `lstat` for a missing path, `lstat` + `realpath` for an existing one, each asked
/// once per run when there is a `cache`.
pub(crate) fn resolve_existing(
    root: &Path,
    real_root: Option<&Path>,
    cited: &str,
    cache: Option<&crate::FsCache>,
) -> (Resolved, bool) {
    match resolve_lexically(root, cited) {
        Err(r) => (r, false),
        Ok(full) => {
            let probe = crate::fs_cache::probe(cache, &full);
            if !probe.present {
                return (Resolved::Inside(full), false);
            }
            match probe.real {
                Some(real) => match real_root {
                    Some(rr) if !real.starts_with(rr) => (
                        Resolved::Outside("a symbolic link that points outside the evidence root"),
                        false,
                    ),
                    _ => (Resolved::Inside(full), true),
                },
                // A dangling symbolic link.
                None => (Resolved::Inside(full), false),
            }
        }
    }
}
