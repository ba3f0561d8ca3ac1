use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a state of a Mermaid `stateDiagram` that no path of transitions reaches
    /// from the start `[*]`. Diagrams without a start are left to
    /// `state-machine-no-start`.
    ///
    /// ## Why
    /// An unreachable state is either dead documentation or a missing transition:
    /// implementers cannot know how the system gets there.
    ///
    /// ## Example
    /// ```mermaid
    /// stateDiagram-v2
    ///   [*] --> Sending
    ///   Sending --> Delivered: ack
    ///   Bounced --> [*]
    /// ```
    ///
    /// ## Fix
    /// Add the transition that leads into the state, or remove the state.
    name: "unreachable-state", category: "components", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for (c, m) in super::state_diagrams(ctx) {
        if !m.has_start {
            continue;
        }
        let reach = m.reachable();
        for s in m.states.iter().filter(|s| !reach.contains(&s.as_str())) {
            let Some(span) = m
                .first_line_of(s)
                .and_then(|l| super::diagram_line_span(c, l))
            else {
                continue;
            };
            sink.report(span, format!("state `{s}` is not reachable from `[*]`"))
                .with_label(super::diagram_start(ctx.doc, c), "in this state diagram")
                .with_help(format!("add a transition into `{s}`, or remove it"));
        }
    }
}
