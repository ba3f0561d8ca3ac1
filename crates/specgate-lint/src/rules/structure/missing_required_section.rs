use specgate_model::Requirement;

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a section that the template marks as required (an H2 with no
    /// annotation, or any heading annotated `(required)`, `(Required or N/A with reason)`
    /// or `RNIA`) and that the document does not have. Subsections are only looked for
    /// inside a parent section the document has.
    ///
    /// ## Why
    /// The template is the contract: reviewers and tools expect every required section.
    /// A section that does not apply keeps its heading and says why (RNIA).
    ///
    /// ## Example
    /// A spec with no `## 14) Security Considerations (Required)` heading.
    ///
    /// ## Fix
    /// Add the heading as the template writes it, where the template puts it, and fill
    /// it, or write `N/A — <reason>` under it.
    name: "missing-required-section", category: "structure", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for m in super::missing(ctx, &[Requirement::Required, Requirement::RequiredOrNa]) {
        let heading = super::template_heading(ctx, m.spec);
        sink.report(
            m.anchor,
            format!(
                "missing required section `{}`",
                heading.trim_start_matches('#').trim()
            ),
        )
        .with_help(format!(
            "add `{heading}` here, filled, or with `N/A — <reason>`"
        ));
    }
}
