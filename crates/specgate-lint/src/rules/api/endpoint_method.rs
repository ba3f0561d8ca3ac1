use super::{endpoints, field, is_non_http, method_of, title, METHODS};
use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every `### Endpoint: <name>` section has a `**Method:**` field whose
    /// value starts with one HTTP method: `GET`, `POST`, `PUT`, `PATCH` or `DELETE`
    /// (`HEAD` and `OPTIONS` are accepted too). A value that still lists all of the
    /// template's alternatives is left to `unresolved-alternatives`. An endpoint that
    /// is not HTTP (its title or method names a CLI, command, shell or terminal:
    /// `### Endpoint: CLI Command Interface`) is not checked.
    ///
    /// ## Why
    /// Implementers and API reviewers need the exact method; it decides caching,
    /// idempotency and retry behaviour.
    ///
    /// ## Example
    /// ```markdown
    /// ### Endpoint: Create order
    /// * **Method:** post or put
    /// ```
    ///
    /// ## Fix
    /// Write one uppercase method: `* **Method:** POST`. Split an endpoint that accepts
    /// several methods into one section per method.
    name: "endpoint-method", category: "api", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for s in endpoints(ctx).into_iter().filter(|&s| !is_non_http(ctx, s)) {
        let name = title(ctx, s);
        let Some(f) = field(ctx, s, &["Method", "HTTP method"]) else {
            let d = sink.report(
                ctx.doc.sections[s].heading_span,
                format!("{name} has no `**Method:**` field"),
            );
            d.with_help("add `* **Method:** GET` (or POST, PUT, PATCH, DELETE)");
            continue;
        };
        let v = f.value.as_str();
        if v.is_empty() {
            sink.report(f.span, format!("{name} has an empty `**Method:**` field"))
                .with_help("write one of GET, POST, PUT, PATCH, DELETE");
            continue;
        }
        let listed: Vec<&str> = v
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| METHODS.contains(w))
            .collect();
        if listed.len() >= 5 || v.starts_with('<') {
            continue; // the template's alternatives or a placeholder: other rules
        }
        if listed.len() >= 2 {
            sink.report(f.span, format!("{name} lists several methods: `{v}`"))
                .with_help("document one method per endpoint section");
            continue;
        }
        if method_of(v).is_some() {
            continue;
        }
        let upper = v
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let help = if METHODS.contains(&upper.as_str()) {
            format!("write the method in uppercase: `{upper}`")
        } else {
            "use one of GET, POST, PUT, PATCH, DELETE".into()
        };
        sink.report(f.span, format!("`{v}` is not an HTTP method"))
            .with_help(help);
    }
}
