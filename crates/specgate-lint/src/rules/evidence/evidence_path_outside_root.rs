use specgate_model::SourceKind;

use super::{path_statuses, Resolved};
use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports evidence that points outside the evidence root: an absolute path, a
    /// path that climbs out with `..`, a symbolic link whose target is outside, or a
    /// `file://` URL. specgate never opens such paths.
    ///
    /// ## Why
    /// Evidence must be reviewable by everyone with the repository; and a linter that
    /// follows `../../../../etc/passwd` cannot be trusted in CI or an editor.
    ///
    /// ## Example
    /// `Evidence: /Users/me/notes/benchmark.md`
    ///
    /// ## Fix
    /// Commit the evidence into the repository and cite its repository path, or cite a URL.
    name: "evidence-path-outside-root", category: "evidence", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let statuses = path_statuses(ctx);
    for e in &ctx.doc.evidence {
        for s in &e.sources {
            let why = match s.kind {
                SourceKind::Url if s.text.to_ascii_lowercase().starts_with("file://") => {
                    Some("a `file://` URL")
                }
                SourceKind::Path => match statuses.get(&s.text).map(|st| &st.resolved) {
                    Some(Resolved::Outside(why)) => Some(*why),
                    _ => None,
                },
                _ => None,
            };
            if let Some(why) = why {
                sink.report(
                    s.span,
                    format!("evidence `{}` is outside the evidence root: {why}", s.text),
                )
                .with_help("cite a path inside the repository, or a URL");
            }
        }
    }
}
