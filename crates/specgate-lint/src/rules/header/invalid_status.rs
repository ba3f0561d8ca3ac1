use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a `Status` (or any header field whose template value lists
    /// alternatives with `|`) whose value is not one of the template's values.
    /// Values that still list every alternative are left to `unresolved-alternatives`.
    ///
    /// ## Why
    /// Gates and dashboards key on exact status values.
    ///
    /// ## Example
    /// `**Status:** Phase 1 Complete - Pre-Release`
    ///
    /// ## Fix
    /// Use one of the template's values (seed: `Draft`, `In Review`, `Approved`).
    name: "invalid-status", category: "header", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for spec in ctx.schema.header.iter().filter(|s| !s.allowed.is_empty()) {
        for h in ctx
            .doc
            .header
            .iter()
            .filter(|h| h.key.eq_ignore_ascii_case(&spec.key))
        {
            let v = h.value.trim().trim_matches('`');
            if v.contains(" | ") || spec.allowed.iter().any(|a| a.eq_ignore_ascii_case(v)) {
                continue;
            }
            sink.report(h.value_span, format!("`{}` is not a valid {}", v, spec.key))
                .with_help(format!("use one of: {}", spec.allowed.join(", ")));
        }
    }
}
