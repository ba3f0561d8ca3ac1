use specgate_model::SourceKind;

use super::{resolve, Resolved};
use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a repository path cited as evidence (`src/x.rs`, `docs/a.md#L10-L20`,
    /// `path:12`) that does not exist under the evidence root: `evidence-root` in
    /// `specgate.toml`, else the git root of the spec, else its directory.
    ///
    /// ## Why
    /// Evidence that points nowhere is not evidence; files get moved and renamed.
    ///
    /// ## Example
    /// `Evidence: docs/load-test.md` when the file is `docs/perf/load-test.md`.
    ///
    /// ## Fix
    /// Correct the path, or turn the line into `Evidence gap: …`.
    name: "evidence-path-not-found", category: "evidence", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(root) = ctx.evidence_root.as_deref() else {
        return;
    };
    let spec_dir = ctx.path.and_then(|p| p.parent());
    let real_root = root.canonicalize().ok();
    for e in &ctx.doc.evidence {
        for s in e.sources.iter().filter(|s| s.kind == SourceKind::Path) {
            let Resolved::Inside(full) = resolve(root, real_root.as_deref(), &s.text) else {
                continue;
            };
            if full.exists() {
                continue;
            }
            // Also accept a path relative to the spec's own directory, if inside the root.
            let rel_ok = spec_dir
                .and_then(|d| d.strip_prefix(root).ok())
                .is_some_and(|rel| matches!(resolve(root, real_root.as_deref(), &format!("{}/{}", rel.display(), s.text)), Resolved::Inside(p) if p.exists()));
            if !rel_ok {
                sink.report(s.span, format!("evidence path `{}` does not exist", s.text))
                    .with_help(format!(
                        "paths are resolved from the evidence root `{}`",
                        root.display()
                    ));
            }
        }
    }
}
