use specgate_model::{Requirement, Span};

use crate::context::Context;
use crate::diagnostic::{Applicability, Edit};
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a section that the template marks as required (an H2 with no
    /// annotation, or any heading annotated `(required)`, `(Required or N/A with reason)`
    /// or `RNIA`) and that the document does not have. Subsections are only looked for
    /// inside a parent section the document has. Under a section the template has once
    /// but the document writes twice (`duplicate-section`), a subsection is missing only
    /// if no copy has it, and is reported once, under the first copy.
    ///
    /// A section is present when a heading matches its title (its alternatives, a
    /// synonym, shared words: see `ARCHITECTURE.md`, title matching), when a one-line
    /// bold label of its title opens it inside its parent (`**Assumptions:**`), when the
    /// document has every required subsection of it (two subsections when none is
    /// required and neither shares a word with its title), and, for a section that holds
    /// only diagrams (`Diagrams (recommended)` with a flowchart and a state diagram),
    /// when the document draws a diagram of one of its kinds anywhere. A top-level
    /// section is also present when it is written inside another one, under a heading
    /// no template section took or a one-line bold label of its own words (`### Pause
    /// criteria` under the success metrics for `Kill Criteria`, `**Error handling:**` in
    /// the API design for `Error Handling Strategy`; a heading over a diagram alone is
    /// the diagram's caption, not the section), and when the document's title names it
    /// as the kind of document (`# API Spec — Billing`: the document is the API design).
    ///
    /// ## Why
    /// The template is the contract: reviewers and tools expect every required section.
    /// A section that does not apply keeps its heading and says why (RNIA).
    ///
    /// ## Example
    /// A spec with no `## 14) Security Considerations (Required)` heading.
    ///
    /// ## Fix
    /// Add the heading as the template writes it, where the template puts it, and fill
    /// it, or write `N/A — <reason>` under it. Unsafe fix: inserts the template's
    /// heading at the template's position (with its required subsections), each with
    /// an `Evidence gap:` stub line to replace with real content.
    name: "missing-required-section", category: "structure", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let missing = super::missing(ctx, &[Requirement::Required, Requirement::RequiredOrNa]);
    let text = &ctx.doc.text;
    let eol = crate::util::eol(text);
    // Each finding's fix inserts its own section only. Sections missing at the same
    // point are inserted there in template order (the fix engine applies zero-width
    // insertions at one point in the order of the findings), so a single round still
    // inserts them all, and the separators come out as if written at once.
    // At the end of a text that ends inside an unclosed code fence or HTML block, an
    // inserted heading would be code: no fix there (the finding stays).
    let end_is_open = super::open_at_end(ctx.doc);
    let points: Vec<Option<usize>> = missing
        .iter()
        .map(|m| (ctx.fix_edits || end_is_open).then(|| super::insertion_point(ctx, m)))
        .collect();
    for (i, m) in missing.iter().enumerate() {
        // Under a section the template has once but the document writes twice, one
        // finding (under the first copy), not one per copy.
        let duplicate_parent = m.parent.is_some_and(|p| {
            ctx.matching.doc_to_spec[p].is_some_and(|ps| ctx.schema.sections[ps].pattern.is_none())
        });
        if duplicate_parent && missing[..i].iter().any(|x| x.spec == m.spec) {
            continue;
        }
        let heading = super::template_heading(ctx, m.spec);
        let at = points[i];
        let d = sink
            .report(
                m.anchor,
                [
                    "missing required section `",
                    heading.trim_start_matches('#').trim(),
                    "`",
                ]
                .concat(),
            )
            .with_help(
                [
                    "add `",
                    &heading,
                    "` here, filled, or with `N/A — <reason>`",
                ]
                .concat(),
            );
        if end_is_open && at == Some(text.len()) {
            continue;
        }
        // Without `fix_edits` the fix is only named, so its stub is not built.
        let edit = at.filter(|_| ctx.fix_edits).map(|at| {
            let level = match m.parent {
                Some(p) => ctx.doc.sections[p].level + 1,
                None => ctx.schema.sections[m.spec].level,
            };
            let stub = super::stub(ctx, m.spec, level, eol);
            let first = !points[..i].contains(&Some(at));
            let last = !points[i + 1..].contains(&Some(at));
            let replacement = if at < text.len() {
                // Before a heading: keep a thematic break between sections if the
                // document separates them with one.
                let before = text[..at].trim_end();
                let sep = if last && before.ends_with("---") {
                    format!("---{eol}{eol}")
                } else {
                    String::new()
                };
                format!("{stub}{eol}{sep}")
            } else {
                let prefix = if !first {
                    // After the stub inserted before it, which ends its line.
                    eol.to_string()
                } else if text.is_empty() || text.ends_with("\n\n") || text.ends_with("\r\n\r\n") {
                    String::new()
                } else if text.ends_with('\n') {
                    eol.to_string()
                } else {
                    format!("{eol}{eol}")
                };
                format!("{prefix}{stub}")
            };
            Edit {
                span: Span::new(at, at),
                replacement,
            }
        });
        let stub_kind = if crate::applies::Parts::of(ctx.schema).has(crate::applies::Part::Evidence)
        {
            "an `Evidence gap:`"
        } else {
            "a `TODO:`"
        };
        d.with_fix(
            format!("insert the section with {stub_kind} stub"),
            Applicability::Unsafe,
            edit.into_iter().collect(),
        );
    }
}
