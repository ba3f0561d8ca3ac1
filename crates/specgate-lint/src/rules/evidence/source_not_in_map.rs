use specgate_model::Role;

use crate::context::Context;
use crate::diagnostic::Applicability;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a cited source (path without its `#L…`/`:line` location, or URL) that
    /// does not appear in the Evidence Map section. Each source is reported once, at
    /// its first citation. Runs only when the document has an Evidence Map.
    ///
    /// ## Why
    /// The Evidence Map is the index reviewers use to audit the spec's sources.
    ///
    /// ## Example
    /// `Evidence: docs/perf.md` with no Evidence Map row for `docs/perf.md`.
    ///
    /// ## Fix
    /// Add a row `| <section> | docs/perf.md | High | <why> |` to the Evidence Map.
    /// Safe fix: regenerates the Evidence Map table from the evidence lines of the body.
    /// Existing rows stay as written (section, source, confidence, notes); a row is
    /// added for every cited source that is missing, with the section it is cited in
    /// and an empty confidence to fill in. A map without a table gets one. The
    /// section is found by its role, whatever its heading says
    /// (`## 35) Evidence Map (required)`, `## Evidence Map`), so it is never duplicated.
    name: "source-not-in-map", category: "evidence", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let maps = ctx.sections_with_role(Role::EvidenceMap);
    if maps.is_empty() {
        return;
    }
    let unlisted = super::regen::unlisted_sources(ctx, &maps);
    let fix = super::regen::evidence_map_edit(ctx, &maps, &unlisted);
    for &(_, s, key) in &unlisted {
        let d = sink
            .report(s.span, format!("source `{key}` is not in the Evidence Map"))
            .with_label(ctx.doc.sections[maps[0]].heading_span, "Evidence Map")
            .with_help(format!("add a row `| <section> | {key} | High | <why> |`"));
        if let Some(edit) = &fix {
            d.with_fix(
                "add the missing sources to the Evidence Map table",
                Applicability::Safe,
                vec![edit.clone()],
            );
        }
    }
}
