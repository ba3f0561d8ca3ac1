//! The Quality Gate checklist and the tables and lists it relies on.

pub mod approved_with_open_items;
pub mod gate_box_contradicted;
pub mod overdue_open_question;
pub mod raci_cell_empty;
pub mod scope_decision_log;

use specgate_model::{BlockKind, Role, Span};

use crate::context::Context;

/// A checklist item of the Quality Gate: (its first line, ticked).
pub(crate) fn gate_items(ctx: &Context) -> Vec<(Span, bool)> {
    let mut out = Vec::new();
    let mut secs = ctx.sections_with_role(Role::QualityGate);
    if secs.is_empty() {
        // A renamed gate (`Spec Quality Gate`) that the template matching missed.
        secs = (0..ctx.doc.sections.len())
            .filter(|&s| ctx.doc.sections[s].key.ends_with("quality gate"))
            .collect();
    }
    for s in secs {
        for b in ctx.doc.blocks_in(s) {
            let BlockKind::List(l) = &b.kind else {
                continue;
            };
            for it in &l.items {
                if let (Some(c), Some(line)) = (it.checked, it.lines.first()) {
                    out.push((*line, c));
                }
            }
        }
    }
    out
}
