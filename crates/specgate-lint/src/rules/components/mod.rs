//! Component sections and their state machines.

pub mod component_status;
pub mod dead_end_state;
pub mod missing_state_machine;
pub mod state_machine_no_start;
pub mod state_model;
pub mod undrawn_states;
pub mod unlabelled_transition;
pub mod unreachable_state;

use specgate_model::{BlockKind, CodeBlock, Document, Span};

use crate::context::Context;

/// Every Mermaid `stateDiagram` block in the document, with its parsed model, computed
/// once per file (four rules read them).
pub(crate) fn state_diagrams<'c, 'a>(
    ctx: &'c Context<'a>,
) -> &'c [(&'a CodeBlock, state_model::StateModel)] {
    ctx.state_diagrams.get_or_init(|| {
        ctx.doc
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Code(c) if c.lang == "mermaid" && is_state_diagram(&c.content) => {
                    Some((c, state_model::StateModel::parse(&c.content)))
                }
                _ => None,
            })
            .collect()
    })
}

/// Whether a Mermaid source is a state diagram (detected as mermaid.js does: after
/// front matter, directives and comments).
pub(crate) fn is_state_diagram(content: &str) -> bool {
    specgate_mermaid::detect(content).kind == specgate_mermaid::DiagramKind::State
}

/// The file span of a diagram's 0-based content line (its text, without indentation).
pub(crate) fn diagram_line_span(c: &CodeBlock, line: usize) -> Option<Span> {
    let mut off = 0;
    for (i, l) in c.content.split_inclusive('\n').enumerate() {
        if i == line {
            let text = l.trim_end_matches(['\n', '\r']);
            let lead = text.len() - text.trim_start().len();
            let start = c.file_offset(off + lead)?;
            return Some(Span::new(start, start + text.trim().len()));
        }
        off += l.len();
    }
    None
}

/// The span of the diagram's opening fence line, for diagram-level findings.
pub(crate) fn diagram_start(doc: &Document, c: &CodeBlock) -> Span {
    let f = c.line_map.first().map_or(0, |&(_, f)| f);
    let line = doc.line_index.line_of(f).saturating_sub(1);
    doc.line_index.line_span(&doc.text, line)
}
