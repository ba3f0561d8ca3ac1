use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a Mermaid `stateDiagram` with no top-level start transition
    /// (`[*] --> State`).
    ///
    /// ## Why
    /// Without an initial state, readers cannot tell where the lifecycle begins, and
    /// reachability cannot be checked.
    ///
    /// ## Example
    /// ```mermaid
    /// stateDiagram-v2
    ///   Idle --> Running: start
    /// ```
    ///
    /// ## Fix
    /// Add `[*] --> <initial state>`.
    name: "state-machine-no-start", category: "components", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for (c, m) in super::state_diagrams(ctx) {
        if m.has_start || m.states.is_empty() {
            continue;
        }
        sink.report(
            super::diagram_start(ctx.doc, c),
            "state diagram has no start transition `[*] --> …`",
        )
        .with_help(format!(
            "add `[*] --> {}` (or whichever state is initial)",
            m.states[0]
        ));
    }
}
