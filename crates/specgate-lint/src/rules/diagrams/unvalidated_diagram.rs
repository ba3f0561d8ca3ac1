use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Notes a Mermaid diagram that specgate does not validate: a type other than
    /// flowchart, state, sequence, ER, class or Gantt (`pie`, `mindmap`, `gitGraph`, …),
    /// or a diagram past the size or time bound.
    ///
    /// ## Why
    /// `check` passing says nothing about such a diagram: it may still fail to render.
    ///
    /// ## Example
    /// ```mermaid
    /// pie title Traffic
    ///   "API" : 80
    ///   "Web" : 20
    /// ```
    ///
    /// ## Fix
    /// Nothing is required. Render the diagram once to check it, or use a validated
    /// type where one fits.
    name: "unvalidated-diagram", category: "diagrams", severity: Info
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for (d, v) in super::validated(ctx) {
        if let specgate_mermaid::Verdict::NotValidated(why) = &v.verdict {
            sink.report(
                super::fence_span(ctx.doc, &d),
                format!("diagram not validated: {why}"),
            );
        }
    }
}
