//! Mermaid diagrams: validity as mermaid.js sees it (`specgate-mermaid`).

pub mod invalid_mermaid;
pub mod unvalidated_diagram;

use specgate_model::{Document, Span};

use crate::context::Context;

/// Every Mermaid diagram of the document with its validation, computed once per file
/// (SG621 and SG622 share it; parsing is the expensive part), through the Mermaid
/// crate's cache of recent diagrams unless the context says not to
/// (`Context::remember_diagrams`).
pub(crate) fn validated<'c>(
    ctx: &'c Context,
) -> impl Iterator<
    Item = (
        specgate_mermaid::Diagram<'c>,
        &'c specgate_mermaid::Validation,
    ),
> {
    let diagrams = specgate_mermaid::extract(ctx.doc);
    let validations = ctx.diagram_validations.get_or_init(|| {
        diagrams
            .iter()
            .map(|d| match ctx.remember_diagrams {
                true => specgate_mermaid::validate_cached(d.source()),
                false => specgate_mermaid::validate(d.source()),
            })
            .collect()
    });
    diagrams.into_iter().zip(validations.iter())
}

/// The file span of a diagram position: from the offset to the end of its line
/// (at least one character), mapped through the code block's line map.
pub(crate) fn error_span(
    doc: &Document,
    d: &specgate_mermaid::Diagram<'_>,
    offset: usize,
) -> Option<Span> {
    let src = d.source();
    let start = d.file_offset(offset)?;
    let line_end = src[offset.min(src.len())..]
        .find('\n')
        .map_or(src.len(), |e| offset + e);
    let len = src
        .get(offset..line_end)
        .map_or(0, |s| s.trim_end_matches('\r').len());
    let end = doc.text.ceil_char_boundary(start + len.max(1));
    Some(Span::new(start.min(end), end))
}

/// The span of the diagram's opening fence line.
pub(crate) fn fence_span(doc: &Document, d: &specgate_mermaid::Diagram<'_>) -> Span {
    crate::rules::components::diagram_start(doc, d.block)
}
