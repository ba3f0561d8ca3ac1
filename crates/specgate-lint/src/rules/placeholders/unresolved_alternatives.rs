use specgate_model::alternatives::value_spans;
use specgate_model::Span;

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a value that still lists the template's alternatives instead of choosing
    /// one: `Draft | In Review | Approved`, `Approved/Deferred/Rejected`, `yes/no`.
    /// The alternatives are read from the template's header values, bold-key values and
    /// table cells (not the first column, which labels rows), so a custom template gets
    /// the same check.
    ///
    /// ## Why
    /// Leaving every option in place means no decision was recorded.
    ///
    /// ## Example
    /// `**Status:** Draft | In Review | Approved`
    ///
    /// ## Fix
    /// Keep the one alternative that applies.
    name: "unresolved-alternatives", category: "placeholders", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    // Read from the template once, when it was compiled.
    let alts = &ctx.schema.alternatives;
    if alts.is_empty() {
        return;
    }
    let doc = ctx.doc;
    for span in value_spans(doc) {
        let v = doc.slice(span);
        // Every alternative has a `/` or a `|`: values without one cannot hold any.
        if memchr::memchr2(b'/', b'|', v.as_bytes()).is_none() {
            continue;
        }
        if let Some(a) = alts.iter().find(|a| v.contains(a.as_str())) {
            let at = span.start + v.find(a.as_str()).unwrap_or(0);
            sink.report(
                Span::new(at, at + a.len()),
                format!("unresolved alternatives `{a}`"),
            )
            .with_help("keep the one that applies");
        }
    }
}
