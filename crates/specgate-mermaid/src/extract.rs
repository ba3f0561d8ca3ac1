//! Every ```` ```mermaid ```` fence of a spec, with a mapping back to file offsets.
//!
//! Fences come from the Markdown model (pulldown-cmark), so fences inside other fences,
//! HTML comments or indented code are not diagrams, and fences nested in list items keep
//! their exact file positions through `CodeBlock::line_map`.

use specgate_model::{BlockKind, CodeBlock, Document};

/// One Mermaid diagram of a spec.
#[derive(Clone, Copy, Debug)]
pub struct Diagram<'a> {
    /// 0-based index among the spec's Mermaid diagrams.
    pub index: usize,
    pub block: &'a CodeBlock,
}

impl<'a> Diagram<'a> {
    /// The diagram source (the fence's content).
    pub fn source(&self) -> &'a str {
        &self.block.content
    }

    /// Maps a byte offset in the diagram source to a file offset.
    pub fn file_offset(&self, offset: usize) -> Option<usize> {
        self.block.file_offset(offset).or_else(|| {
            // Past the last line (an error at end of input): end of the last line.
            let last = self.block.line_map.last()?;
            let tail = self.block.content.len().saturating_sub(last.0);
            Some(last.1 + tail.min(offset.saturating_sub(last.0)))
        })
    }
}

/// Whether a code block's info string names Mermaid (`mermaid`, `mermaid title="x"`).
pub fn is_mermaid(c: &CodeBlock) -> bool {
    c.lang.eq_ignore_ascii_case("mermaid")
}

/// Every Mermaid fence of the document, in order.
pub fn extract(doc: &Document) -> Vec<Diagram<'_>> {
    doc.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Code(c) if is_mermaid(c) => Some(c),
            _ => None,
        })
        .enumerate()
        .map(|(index, block)| Diagram { index, block })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_fences_with_info_strings_but_not_nested_ones() {
        let text = "# T\n\n```mermaid title=\"x\"\ngraph TD\nA-->B\n```\n\n````markdown\n```mermaid\nnot a diagram\n```\n````\n\n- item\n\n  ```mermaid\n  stateDiagram-v2\n  [*] --> A\n  ```\n";
        let doc = specgate_model::parse(text);
        let d = extract(&doc);
        assert_eq!(d.len(), 2);
        assert!(d[0].source().starts_with("graph TD"));
        assert!(d[1].source().starts_with("stateDiagram-v2"));
        // The second line of the nested diagram maps to its place in the file.
        let off = d[1].source().find("[*]").unwrap();
        let f = d[1].file_offset(off).unwrap();
        assert_eq!(&text[f..f + 3], "[*]");
    }
}
