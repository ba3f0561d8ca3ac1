use specgate_model::Span;

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a `{variable}` in the Template Metadata `title_template` that is not
    /// declared in `variables`. `{{` and `}}` are literal braces.
    ///
    /// ## Why
    /// An undeclared variable is never filled in: every generated title keeps the raw
    /// `{variable}` text.
    ///
    /// ## Example
    /// ```markdown
    /// - **title_template:** Send {template} notification via {channel}
    /// - **variables:** [template]
    /// ```
    ///
    /// ## Fix
    /// Declare it (`[template, channel]`) or remove it from the title.
    name: "undeclared-template-variable", category: "metadata", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for m in super::blocks(ctx) {
        let (Some(title), Some(vars)) = (m.get("title_template"), m.get("variables")) else {
            continue;
        };
        if super::is_placeholder(&vars.value) || super::is_placeholder(&title.value) {
            continue;
        }
        let declared = super::variables(vars);
        for (name, at, len) in super::template_refs(&title.value) {
            if declared.iter().any(|(d, _)| *d == name) {
                continue;
            }
            let s = title.value_span.start + at;
            sink.report(
                Span::new(s, s + len),
                format!("`{{{name}}}` is not declared in `variables`"),
            )
            .with_label(vars.value_span, "declared variables")
            .with_help(format!(
                "add `{name}` to `variables`, or remove it from the title"
            ));
        }
    }
}
