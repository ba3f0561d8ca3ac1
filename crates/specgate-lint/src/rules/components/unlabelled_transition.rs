use crate::context::Context;
use crate::rule::Sink;

use super::state_model::PSEUDO;

crate::declare_rule! {
    /// ## What it does
    /// Reports a transition between two states of a Mermaid `stateDiagram` that has no
    /// label (`A --> B` rather than `A --> B: event`). Transitions from the start `[*]`
    /// and to the end `[*]` are exempt.
    ///
    /// ## Why
    /// The label is the event or condition that causes the transition; without it
    /// implementers have to guess when the state changes.
    ///
    /// ## Example
    /// ```mermaid
    /// stateDiagram-v2
    ///   Sending --> Retrying
    /// ```
    ///
    /// ## Fix
    /// Name the trigger: `Sending --> Retrying: provider 5xx`.
    name: "unlabelled-transition", category: "components", severity: Info
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for (c, m) in super::state_diagrams(ctx) {
        for t in &m.transitions {
            if t.label.is_some() || t.from == PSEUDO || t.to == PSEUDO {
                continue;
            }
            let Some(span) = super::diagram_line_span(c, t.line) else {
                continue;
            };
            sink.report(
                span,
                format!("transition `{} --> {}` has no label", t.from, t.to),
            )
            .with_help(format!(
                "name the event: `{} --> {}: <event>`",
                t.from, t.to
            ));
        }
    }
}
