use specgate_model::{normalize_title, Requirement};

use crate::context::Context;
use crate::rule::Sink;
use crate::util::content_blocks;

crate::declare_rule! {
    /// ## What it does
    /// Reports a required section whose heading is present but whose body, subsections
    /// included, has no content, or holds only the template's own text: every block of
    /// it is, word for word (case and punctuation aside), a paragraph, list or quote of
    /// the template with no placeholder in it, and one of them is guidance that speaks
    /// to the author (a question, "you", or words such as describe, explain, discuss,
    /// list, e.g.): `One paragraph explanation of the feature.` left in an RFC's
    /// Summary. Fixed text the template asks to keep word for word is not guidance.
    /// An empty copy of a section the document writes twice, beside a filled one, is
    /// `duplicate-section`'s finding, not this one.
    ///
    /// ## Why
    /// A bare heading satisfies a structure check without saying anything.
    ///
    /// ## Example
    /// `## 15) Error Handling Strategy (Required)` followed directly by the next heading.
    ///
    /// ## Fix
    /// Fill the section, or write `N/A — <reason>` under the heading.
    name: "empty-section", category: "structure", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for (di, sec) in ctx.doc.sections.iter().enumerate() {
        let Some(si) = ctx.matching.doc_to_spec[di] else {
            continue;
        };
        let req = ctx.schema.sections[si].requirement;
        if !matches!(req, Requirement::Required | Requirement::RequiredOrNa) {
            continue;
        }
        // Subsections count: a parent whose subsections are all bare headings is empty.
        let mut blocks = content_blocks(ctx.doc, di).peekable();
        // A section the template has once, written twice (`duplicate-section`), is one
        // section: an empty copy beside a filled one is that rule's finding.
        let filled_copy = ctx.schema.sections[si].pattern.is_none()
            && ctx.matching.spec_to_doc[si]
                .iter()
                .any(|&o| o != di && content_blocks(ctx.doc, o).next().is_some());
        if blocks.peek().is_none() && !filled_copy {
            sink.report(
                sec.heading_span,
                format!("required section `{}` is empty", sec.title),
            )
            .with_help("fill it, or write `N/A — <reason>` under the heading");
            continue;
        }
        // A section that still holds only the template's own text, guidance among it,
        // is not filled either (fixed text the template asks to keep is not guidance).
        let sample = &ctx.schema.sample_text;
        let mut guidance = false;
        let only_template = !sample.is_empty()
            && blocks.all(
                |b| match sample.get(&normalize_title(ctx.doc.slice(b.span))) {
                    Some(g) => {
                        guidance |= g;
                        true
                    }
                    None => false,
                },
            );
        if only_template && guidance {
            sink.report(
                sec.heading_span,
                format!(
                    "required section `{}` holds only the template's text",
                    sec.title
                ),
            )
            .with_help("replace the template's guidance with this document's content");
        }
    }
}
