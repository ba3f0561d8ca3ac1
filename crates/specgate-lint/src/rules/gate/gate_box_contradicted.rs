use crate::context::Context;
use crate::diagnostic::{Applicability, Edit};
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a ticked `[x]` Quality Gate item whose claim specgate can check and finds
    /// false:
    /// - "Every stateful component has a state machine" while `missing-state-machine` fires;
    /// - "Every paragraph ends with `Evidence:`…" while `missing-evidence` fires;
    /// - "Evidence Gaps and Evidence Map sections are complete" while `gap-not-listed`
    ///   or `source-not-in-map` fires;
    /// - "Architecture is clear and diagrammed" while the architecture section has no
    ///   `flowchart`/`graph` Mermaid block;
    /// - "APIs have complete schemas + errors" while the API schema/error rules fire.
    ///
    /// ## Why
    /// A ticked box is a claim reviewers rely on; a box ticked against the evidence
    /// makes the whole gate untrustworthy.
    ///
    /// ## Example
    /// `* [x] Every stateful component has a state machine (or N/A + reason)` while a
    /// component has neither.
    ///
    /// ## Fix
    /// Fix what the other finding reports, or untick the box. Unsafe fix: unticks it.
    /// `specgate fix --unsafe` also ticks an unticked box whose claim specgate
    /// verifies (a box it cannot verify is left alone).
    name: "gate-box-contradicted", category: "quality-gate", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for (line, ticked) in super::gate_items(ctx) {
        if !ticked {
            continue;
        }
        let Some(Err(f)) = super::verify(ctx, ctx.doc.slice(line)) else {
            continue;
        };
        let d = sink.report(line, format!("ticked, but {}", f.message));
        if let Some((span, msg)) = f.label {
            d.with_label(span, msg);
        }
        d.with_help(f.help);
        if let Some(b) = super::box_span(ctx, line) {
            d.with_fix(
                "untick the box",
                Applicability::Unsafe,
                vec![Edit {
                    span: b,
                    replacement: "[ ]".into(),
                }],
            );
        }
    }
}
