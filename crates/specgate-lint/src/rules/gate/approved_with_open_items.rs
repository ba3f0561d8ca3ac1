use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports each unticked Quality Gate box when the header says
    /// `**Status:** Approved`. An unticked box that says `N/A` (with its reason) is not
    /// reported.
    ///
    /// ## Why
    /// Approval means the gate passed; an open box means it did not.
    ///
    /// ## Example
    /// ```markdown
    /// **Status:** Approved
    /// …
    /// * [ ] Performance targets are numeric and measurable
    /// ```
    ///
    /// ## Fix
    /// Complete the item and tick it (or mark it `N/A` with a reason), or set the status
    /// back to `In Review`.
    name: "approved-with-open-items", category: "quality-gate", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(status) = ctx.doc.header.iter().find(|h| {
        h.key.eq_ignore_ascii_case("status")
            && h.value
                .trim()
                .trim_matches(|c| c == '`' || c == '*')
                .eq_ignore_ascii_case("approved")
    }) else {
        return;
    };
    for (line, ticked) in super::gate_items(ctx) {
        if ticked {
            continue;
        }
        let text = ctx.doc.slice(line);
        if text.contains("N/A") {
            continue;
        }
        sink.report(
            line,
            format!(
                "open Quality Gate item in an approved spec: `{}`",
                text.trim()
            ),
        )
        .with_label(status.span, "status is Approved")
        .with_help("complete and tick the item, or set the status back to `In Review`");
    }
}
