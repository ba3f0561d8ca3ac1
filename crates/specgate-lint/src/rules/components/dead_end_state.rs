use crate::context::Context;
use crate::rule::Sink;

use super::state_model::PSEUDO;

crate::declare_rule! {
    /// ## What it does
    /// Reports a state of a Mermaid `stateDiagram` with no outgoing transition that is
    /// not final (a final state has a transition to `[*]`). Composite states are not
    /// checked.
    ///
    /// ## Why
    /// A state with no way out and no end marker is usually a forgotten transition
    /// (a retry, a timeout) — a job stuck there forever.
    ///
    /// ## Example
    /// ```mermaid
    /// stateDiagram-v2
    ///   [*] --> Running
    ///   Running --> Failed: error
    /// ```
    ///
    /// ## Fix
    /// Add the transition out of the state, or mark it final with `State --> [*]`.
    name: "dead-end-state", category: "components", severity: Warning
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for (c, m) in super::state_diagrams(ctx) {
        for s in &m.states {
            if m.is_composite(s) || m.transitions.iter().any(|t| &t.from == s) {
                continue;
            }
            if !m.transitions.iter().any(|t| &t.to == s) {
                continue; // isolated: only declared, unreachable-state covers it
            }
            let Some(span) = m
                .first_line_of(s)
                .and_then(|l| super::diagram_line_span(c, l))
            else {
                continue;
            };
            sink.report(
                span,
                format!("state `{s}` has no outgoing transition and is not final"),
            )
            .with_label(super::diagram_start(ctx.doc, c), "in this state diagram")
            .with_help(format!(
                "add a transition out of `{s}`, or `{s} --> {PSEUDO}` if it is final"
            ));
        }
    }
}
