use std::collections::HashMap;

use specgate_model::Span;

use super::{endpoints, field, method_of, path_of};
use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports two `### Endpoint: <name>` sections with the same method and path.
    /// Paths are compared without a trailing `/` or query string, and path parameters
    /// are compared by position (`/orders/{id}` equals `/orders/:orderId`).
    ///
    /// ## Why
    /// Two definitions of one route usually disagree on schema or errors, and readers
    /// cannot tell which one is current.
    ///
    /// ## Example
    /// ```markdown
    /// ### Endpoint: Get order
    /// * **Method:** GET
    /// * **Path:** /v1/orders/{id}
    /// ### Endpoint: Fetch order details
    /// * **Method:** GET
    /// * **Path:** /v1/orders/{orderId}
    /// ```
    ///
    /// ## Fix
    /// Merge the two sections, or correct the method or path of one of them.
    name: "duplicate-endpoint", category: "api", severity: Error
}

fn normalize(path: &str) -> String {
    let p = path.split(['?', '#']).next().unwrap_or(path);
    let p = p.trim_end_matches('/');
    p.split('/')
        .map(|seg| {
            let param = seg.starts_with(':')
                || (seg.starts_with('{') && seg.ends_with('}'))
                || (seg.starts_with('<') && seg.ends_with('>'));
            if param {
                "{}".to_string()
            } else {
                seg.to_ascii_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let mut first: HashMap<(String, String), Span> = HashMap::new();
    for s in endpoints(ctx) {
        let (Some(m), Some(p)) = (
            field(ctx, s, &["Method", "HTTP method"]),
            field(ctx, s, &["Path", "Route"]),
        ) else {
            continue;
        };
        let (Some(method), Some(path)) = (method_of(&m.value), path_of(&p.value)) else {
            continue;
        };
        let key = (method.to_string(), normalize(path));
        match first.get(&key) {
            Some(&at) => {
                sink.report(
                    p.span,
                    format!("`{method} {path}` is already defined by another endpoint"),
                )
                .with_label(at, "first defined here")
                .with_help("merge the two endpoint sections, or fix the method or path of one");
            }
            None => {
                first.insert(key, p.span);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn params_compare_by_position() {
        assert_eq!(
            normalize("/v1/orders/{id}/"),
            normalize("/v1/Orders/:orderId?x=1")
        );
        assert_ne!(normalize("/v1/orders"), normalize("/v1/orders/{id}"));
    }
}
