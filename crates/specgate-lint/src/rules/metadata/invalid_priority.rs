use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks that the Template Metadata `priority` (quotes stripped) is one of the
    /// allowed priorities (default `low`, `medium`, `high`, `critical`; configurable).
    ///
    /// ## Why
    /// Trackers reject or silently drop unknown priorities on import.
    ///
    /// ## Example
    /// `- **priority:** urgent`
    ///
    /// ## Fix
    /// Use an allowed priority, e.g. `high`.
    name: "invalid-priority", category: "metadata", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for m in super::blocks(ctx) {
        let Some(f) = m.get("priority") else { continue };
        let v = f
            .value
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '*'));
        if v.is_empty()
            || super::is_placeholder(v)
            || ctx.priorities.iter().any(|p| p.eq_ignore_ascii_case(v))
        {
            continue;
        }
        sink.report(
            f.value_span,
            format!("priority `{v}` is not an allowed priority"),
        )
        .with_help(format!("use one of: {}", ctx.priorities.join(", ")));
    }
}
