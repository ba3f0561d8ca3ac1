use specgate_model::Requirement;

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a section the template marks `(Recommended …)` that the document lacks.
    ///
    /// ## Why
    /// Recommended sections (sequence diagrams for complex flows, operational notes)
    /// usually pay for themselves; leaving one out should be a decision.
    ///
    /// ## Example
    /// A spec with API endpoints but no `### Sequence diagram (Recommended for complex flows)`.
    ///
    /// ## Fix
    /// Add the section, or silence the rule for the file with
    /// `<!-- specgate-disable missing-recommended-section -->`.
    name: "missing-recommended-section", category: "structure", severity: Warning
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for m in super::missing(ctx, &[Requirement::Recommended]) {
        let heading = super::template_heading(ctx, m.spec);
        sink.report(
            m.anchor,
            [
                "missing recommended section `",
                heading.trim_start_matches('#').trim(),
                "`",
            ]
            .concat(),
        )
        .with_help(["consider adding `", &heading, "` here"].concat());
    }
}
