use specgate_model::Requirement;

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a section the template marks `(Recommended …)` that the document lacks.
    /// Under a section the document has several of (`### Endpoint: <name>`, one API
    /// Design per service), a missing recommended subsection is reported once, at the
    /// first instance that lacks it, with how many lack it.
    ///
    /// A section is present when a heading matches its title (its alternatives, a
    /// synonym, shared words: see `ARCHITECTURE.md`, title matching), when a one-line
    /// bold label of its title opens it inside its parent (`**Assumptions:**`), when the
    /// document has every required subsection of it (two subsections when none is
    /// required and neither shares a word with its title), and, for a section that holds
    /// only diagrams (`Diagrams (recommended)` with a flowchart and a state diagram),
    /// when the document draws a diagram of one of its kinds anywhere. A recommended
    /// section is not reported when, beside it (under the same parent), the document
    /// has a heading of a name that stands for it (`Out of scope` for `Non-goals`),
    /// even one that is another template section.
    ///
    /// ## Why
    /// Recommended sections (sequence diagrams for complex flows, operational notes)
    /// usually pay for themselves; leaving one out should be a decision.
    ///
    /// ## Example
    /// A spec with API endpoints but no `### Sequence diagram (Recommended for complex flows)`.
    ///
    /// ## Fix
    /// Add the section, or silence the rule for the file with
    /// `<!-- specgate-disable missing-recommended-section -->`.
    name: "missing-recommended-section", category: "structure", severity: Warning
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    // A recommended section whose content the document gives, beside it, under a name
    // that stands for it but is another template section (`Out of scope` for
    // `Non-goals`, under the same Scope heading) is not missing.
    let missing: Vec<super::Missing> = super::missing(ctx, &[Requirement::Recommended])
        .into_iter()
        .filter(|m| {
            let key = &ctx.schema.sections[m.spec].key;
            !ctx.doc
                .sections
                .iter()
                .any(|s| s.parent == m.parent && specgate_model::titles::synonymous(&s.key, key))
        })
        .collect();
    // Under a section the document has several of (`### Endpoint: <name>`, or one API
    // Design per service), one finding per template section, at its first instance,
    // says how many instances lack it.
    let mut told: Vec<specgate_model::SpecId> = Vec::new();
    for m in &missing {
        let repeated = ctx.schema.sections[m.spec]
            .parent
            .is_some_and(|p| ctx.matching.spec_to_doc[p].len() > 1);
        if repeated && told.contains(&m.spec) {
            continue;
        }
        told.push(m.spec);
        let heading = super::template_heading(ctx, m.spec);
        let title = heading.trim_start_matches('#').trim();
        let n = missing.iter().filter(|x| x.spec == m.spec).count();
        let message = if repeated && n > 1 {
            format!("missing recommended section `{title}` (in {n} sections of this kind)")
        } else {
            format!("missing recommended section `{title}`")
        };
        sink.report(m.anchor, message)
            .with_help(["consider adding `", &heading, "` here"].concat());
    }
}
