use super::{endpoints, field, is_non_http, title};
use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every `### Endpoint: <name>` section has a `**Path:**` field whose
    /// value (backticks removed) starts with `/`, e.g. `/v1/orders/{id}`. An endpoint
    /// that is not HTTP (its title or method names a CLI, command, shell or terminal)
    /// is not checked.
    ///
    /// ## Why
    /// The path is how clients, gateways and reviewers identify the endpoint; a full
    /// URL ties the spec to one environment, and a missing path leaves the contract
    /// unspecified.
    ///
    /// ## Example
    /// ```markdown
    /// * **Path:** https://api.example.com/v1/orders
    /// ```
    ///
    /// ## Fix
    /// Give the path relative to the API's base URL: `* **Path:** /v1/orders`.
    name: "endpoint-path", category: "api", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for s in endpoints(ctx).into_iter().filter(|&s| !is_non_http(ctx, s)) {
        let name = title(ctx, s);
        let Some(f) = field(ctx, s, &["Path", "Route"]) else {
            sink.report(
                ctx.doc.sections[s].heading_span,
                format!("{name} has no `**Path:**` field"),
            )
            .with_help("add `* **Path:** /v1/<resource>`");
            continue;
        };
        let v = f.value.trim_matches('`').trim();
        if v.is_empty() {
            sink.report(f.span, format!("{name} has an empty `**Path:**` field"))
                .with_help("write the path, starting with `/`");
            continue;
        }
        if v.starts_with('/') || v.starts_with('<') {
            continue; // a placeholder is left to unfilled-placeholder
        }
        let lower = v.to_ascii_lowercase();
        let help = if lower.starts_with("http://") || lower.starts_with("https://") {
            "give the path relative to the base URL, e.g. `/v1/orders`".to_string()
        } else if super::method_of(v).is_some() {
            "put the method in `**Method:**` and only the path (starting with `/`) here".to_string()
        } else {
            "write the path starting with `/`, e.g. `/v1/orders`".to_string()
        };
        sink.report(f.span, format!("path `{v}` does not start with `/`"))
            .with_help(help);
    }
}
