use specgate_model::Requirement;

use crate::context::Context;
use crate::rule::Sink;
use crate::util::content_blocks;

crate::declare_rule! {
    /// ## What it does
    /// Reports a required section whose heading is present but whose body, subsections
    /// included, has no content.
    ///
    /// ## Why
    /// A bare heading satisfies a structure check without saying anything.
    ///
    /// ## Example
    /// `## 15) Error Handling Strategy (Required)` followed directly by the next heading.
    ///
    /// ## Fix
    /// Fill the section, or write `N/A — <reason>` under the heading.
    name: "empty-section", category: "structure", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for (di, sec) in ctx.doc.sections.iter().enumerate() {
        let Some(si) = ctx.matching.doc_to_spec[di] else {
            continue;
        };
        let req = ctx.schema.sections[si].requirement;
        if !matches!(req, Requirement::Required | Requirement::RequiredOrNa) {
            continue;
        }
        // Subsections count: a parent whose subsections are all bare headings is empty.
        if content_blocks(ctx.doc, di).next().is_none() {
            sink.report(
                sec.heading_span,
                format!("required section `{}` is empty", sec.title),
            )
            .with_help("fill it, or write `N/A — <reason>` under the heading");
        }
    }
}
