use super::{endpoints, field, title};
use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every `### Endpoint: <name>` section has a non-empty `**Auth:**`
    /// field: who may call it and with which scopes (or `none (public)`).
    ///
    /// ## Why
    /// Missing authorization is the most common API security gap; stating it per
    /// endpoint makes reviewers check it.
    ///
    /// ## Example
    /// ```markdown
    /// * **Auth:**
    /// ```
    ///
    /// ## Fix
    /// `* **Auth:** bearer token with scope orders:write` or `* **Auth:** none (public health check)`.
    name: "endpoint-auth", category: "api", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for s in endpoints(ctx) {
        let name = title(ctx, s);
        match field(ctx, s, &["Auth", "Authentication", "Authorization"]) {
            None => {
                sink.report(
                    ctx.doc.sections[s].heading_span,
                    format!("{name} has no `**Auth:**` field"),
                )
                .with_help(
                    "add `* **Auth:** <who may call it, with which scopes>` (or `none (public)`)",
                );
            }
            Some(f) if f.value.is_empty() => {
                sink.report(f.span, format!("{name} has an empty `**Auth:**` field"))
                    .with_help("say who may call it and with which scopes, or `none (public)`");
            }
            Some(_) => {}
        }
    }
}
