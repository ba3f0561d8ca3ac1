use specgate_model::{normalize_title, BlockKind};

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports the template's own `>` instruction block quotes left in a spec.
    ///
    /// ## Why
    /// Guidance is for the author, not the reader; left in, it is noise in every review.
    ///
    /// ## Example
    /// `> Include planned/current/future components. Every component must have clear boundaries.`
    ///
    /// ## Fix
    /// Delete the block quote once the section follows it.
    name: "template-guidance-left", category: "placeholders", severity: Info
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for b in &doc.blocks {
        let BlockKind::BlockQuote { lines } = &b.kind else {
            continue;
        };
        let text = normalize_title(
            &lines
                .iter()
                .map(|l| doc.slice(*l))
                .collect::<Vec<_>>()
                .join(" "),
        );
        if !text.is_empty() && ctx.schema.guidance.contains(&text) {
            sink.report(b.span, "template guidance left in the spec")
                .with_help("delete this block quote");
        }
    }
}
