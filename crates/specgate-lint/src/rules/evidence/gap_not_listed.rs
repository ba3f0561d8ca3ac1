use specgate_model::{normalize_title, EvidenceKind, Role};

use crate::context::Context;
use crate::diagnostic::Applicability;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports an `Evidence gap:` whose text does not appear in the Evidence Gaps
    /// section (compared case- and punctuation-insensitively). Runs only when the
    /// document has that section.
    ///
    /// ## Why
    /// The Evidence Gaps section is the list of what the spec does not know yet; a gap
    /// mentioned only in passing is never owned or closed.
    ///
    /// ## Example
    /// `Evidence gap: no load test at 2x peak` with no matching `**Gap:**` entry.
    ///
    /// ## Fix
    /// Add `- **Gap:** no load test at 2x peak — **Impact:** … — **Owner:** …` to Evidence Gaps.
    /// Safe fix: appends an entry for every unlisted gap to the Evidence Gaps list
    /// (impact "not assessed yet", owner "unassigned", to be filled in); existing
    /// entries are kept. The section is found by its role, never duplicated.
    name: "gap-not-listed", category: "evidence", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let sections = ctx.sections_with_role(Role::EvidenceGaps);
    if sections.is_empty() {
        return;
    }
    let listed: String = sections
        .iter()
        .map(|&s| normalize_title(crate::util::section_text(ctx.doc, s)))
        .collect::<Vec<_>>()
        .join(" | ");
    let fix = super::regen::evidence_gaps_edit(ctx);
    for e in ctx
        .doc
        .evidence
        .iter()
        .filter(|e| e.kind == EvidenceKind::Gap)
    {
        if e.section
            .is_some_and(|s| ctx.role_within(s).contains(&Role::EvidenceGaps))
        {
            continue;
        }
        let key = normalize_title(&e.text);
        if key.is_empty() || listed.contains(&key) {
            continue;
        }
        let d = sink.report(
            e.span,
            "this evidence gap is not listed in the Evidence Gaps section",
        );
        if let Some(edit) = &fix {
            d.with_fix(
                "add the missing gaps to the Evidence Gaps list",
                Applicability::Safe,
                vec![edit.clone()],
            );
        }
        d.with_label(
            ctx.doc.sections[sections[0]].heading_span,
            "Evidence Gaps section",
        )
        .with_help(format!(
            "add `- **Gap:** {} — **Impact:** … — **Owner:** …`",
            e.text
        ));
    }
}
