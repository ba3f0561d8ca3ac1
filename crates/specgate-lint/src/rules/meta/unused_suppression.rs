use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a `<!-- specgate-disable … -->` or `<!-- specgate-disable-next-line … -->`
    /// comment that suppresses no finding.
    ///
    /// ## Why
    /// Stale suppressions hide future findings and mislead readers.
    ///
    /// ## Example
    /// `<!-- specgate-disable-next-line SG201 -->` above a line with no placeholder.
    ///
    /// ## Fix
    /// Safe: delete the comment.
    name: "unused-suppression", category: "meta", severity: Warning
}

/// The engine reports this rule itself, after suppressions are applied.
pub fn check(_ctx: &Context, _sink: &mut Sink) {}
