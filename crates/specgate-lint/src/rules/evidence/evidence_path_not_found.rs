use specgate_model::SourceKind;

use super::{path_statuses, Resolved};
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
    let statuses = path_statuses(ctx);
    let help = format!(
        "paths are resolved from the evidence root `{}`",
        root.display()
    );
    for e in &ctx.doc.evidence {
        for s in e.sources.iter().filter(|s| s.kind == SourceKind::Path) {
            let Some(st) = statuses.get(&s.text) else {
                continue;
            };
            if st.exists() || !matches!(st.resolved, Resolved::Inside(_)) {
                continue;
            }
            sink.report(
                s.span,
                ["evidence path `", &s.text, "` does not exist"].concat(),
            )
            .with_help(help.clone());
        }
    }
}
