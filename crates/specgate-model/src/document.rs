//! The parsed spec: sections, blocks, header fields and evidence, all with byte spans.

use serde::Serialize;

use crate::heading::Annotation;
use crate::span::{LineIndex, Span};

/// Index of a section in [`Document::sections`].
pub type SectionId = usize;
/// Index of a block in [`Document::blocks`].
pub type BlockId = usize;

/// A parsed spec. Built by [`crate::parse`], which never fails.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    #[serde(skip)]
    pub text: String,
    #[serde(skip)]
    pub line_index: LineIndex,
    pub front_matter: Option<FrontMatter>,
    /// The first level-1 heading.
    pub title: Option<Title>,
    /// `**Key:** value` lines before the first section.
    pub header: Vec<HeaderField>,
    /// Every heading of level 2 and deeper (and any H1 after the title), in document order.
    pub sections: Vec<Section>,
    /// Top-level blocks, in document order.
    pub blocks: Vec<Block>,
    /// Every evidence line, in document order.
    pub evidence: Vec<Evidence>,
    /// Inline links, in document order.
    pub links: Vec<Link>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FrontMatter {
    pub span: Span,
    /// The YAML text between the `---` fences.
    pub content: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Title {
    pub span: Span,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct HeaderField {
    pub key: String,
    pub value: String,
    /// The whole line.
    pub span: Span,
    pub value_span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Section {
    pub level: u8,
    pub number: Option<String>,
    pub title: String,
    /// The title folded for matching (see [`crate::normalize_title`]).
    pub key: String,
    pub annotations: Vec<Annotation>,
    /// The heading line(s).
    pub heading_span: Span,
    /// From the end of the heading to the next heading of the same or a higher level.
    pub body_span: Span,
    pub parent: Option<SectionId>,
    pub children: Vec<SectionId>,
    /// The blocks directly under this heading (before any subsection).
    pub blocks: std::ops::Range<BlockId>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Block {
    pub span: Span,
    /// The innermost section that contains the block, if any.
    pub section: Option<SectionId>,
    pub kind: BlockKind,
}

impl Block {
    /// The lines that may hold a `**Key:** value` field: every line of a paragraph, and
    /// the first line of every list item. Empty for other blocks.
    pub fn field_lines(&self) -> Vec<Span> {
        match &self.kind {
            BlockKind::Paragraph { lines } => lines.clone(),
            BlockKind::List(l) => l
                .items
                .iter()
                .filter_map(|it| it.lines.first().copied())
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlockKind {
    /// A paragraph, with the spans of its lines (without line ends).
    Paragraph {
        lines: Vec<Span>,
    },
    List(List),
    Table(Table),
    Code(CodeBlock),
    BlockQuote {
        lines: Vec<Span>,
    },
    ThematicBreak,
    Html {
        comment: bool,
    },
}

#[derive(Clone, Debug, Serialize)]
pub struct List {
    pub ordered: bool,
    /// Every item at every depth, in document order.
    pub items: Vec<ListItem>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ListItem {
    pub span: Span,
    /// 0 for items of the top-level list.
    pub depth: u32,
    /// `Some(true)` for `- [x]`, `Some(false)` for `- [ ]`.
    pub checked: Option<bool>,
    /// The item's own text lines (marker and task box removed; nested lists,
    /// code blocks and tables excluded).
    pub lines: Vec<Span>,
    /// `**Key:** value` or `**Key?** value` at the start of the item.
    pub field: Option<Field>,
    /// Code blocks and tables nested in the item, as spans.
    pub nested: Vec<Span>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Field {
    pub key: String,
    pub key_span: Span,
    pub value: String,
    pub value_span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Table {
    /// Whether GitHub renders it: the header and delimiter row have the same cell count.
    pub gfm_valid: bool,
    pub header: Vec<Cell>,
    pub delimiter_span: Span,
    pub delimiter_cells: usize,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub span: Span,
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct CodeBlock {
    /// The info string, e.g. `mermaid title="x"`.
    pub info: String,
    /// Its first word, e.g. `mermaid`.
    pub lang: String,
    /// The code as the Markdown parser sees it (list indentation removed).
    pub content: String,
    /// For each content line: its offset in `content` and its offset in the file.
    pub line_map: Vec<(usize, usize)>,
    /// Nested inside a list item or block quote.
    pub nested: bool,
}

impl CodeBlock {
    /// Maps an offset in `content` to a file offset.
    pub fn file_offset(&self, content_offset: usize) -> Option<usize> {
        let i = match self
            .line_map
            .binary_search_by_key(&content_offset, |&(c, _)| c)
        {
            Ok(i) => i,
            Err(0) => return None,
            Err(i) => i - 1,
        };
        let (c, f) = self.line_map[i];
        Some(f + (content_offset - c))
    }
}

/// An `Evidence:` or `Evidence gap:` statement.
#[derive(Clone, Debug, Serialize)]
pub struct Evidence {
    pub kind: EvidenceKind,
    pub form: EvidenceForm,
    /// The whole line that carries it.
    pub line_span: Span,
    /// From the `Evidence` word to the end of the statement.
    pub span: Span,
    /// The text after the colon, trimmed, emphasis markers removed.
    pub text: String,
    pub text_span: Span,
    /// Paths and URLs cited (for `Evidence:`).
    pub sources: Vec<Source>,
    pub block: Option<BlockId>,
    pub section: Option<SectionId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    Source,
    Gap,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceForm {
    /// `Evidence: x` starting its own line.
    Canonical,
    /// `**Evidence:** x` or `*Evidence gap:* x`, or a label in other words
    /// (`Evidence source: x`, `Evidence required: x`).
    Emphasized,
    /// `… sentence. Evidence: x` at the end of a line.
    Trailing,
    /// A header field `**Evidence:**` before the first section.
    HeaderField,
}

#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub text: String,
    pub span: Span,
    pub kind: SourceKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Url,
    Path,
}

#[derive(Clone, Debug, Serialize)]
pub struct Link {
    pub dest: String,
    pub span: Span,
}

impl Document {
    /// Top-level sections (those with no parent).
    pub fn roots(&self) -> impl Iterator<Item = SectionId> + '_ {
        self.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.parent.is_none())
            .map(|(i, _)| i)
    }

    /// The innermost section containing `offset`.
    pub fn section_at(&self, offset: usize) -> Option<SectionId> {
        let i = self
            .sections
            .partition_point(|s| s.heading_span.start <= offset);
        let mut cur = i.checked_sub(1)?;
        loop {
            let s = &self.sections[cur];
            if s.heading_span.start <= offset && offset < s.body_span.end.max(s.heading_span.end) {
                return Some(cur);
            }
            cur = s.parent?;
        }
    }

    /// The text of a span.
    #[inline]
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// All blocks inside a section, its subsections included.
    pub fn blocks_in(&self, section: SectionId) -> &[Block] {
        let body = self.sections[section].body_span;
        let start = self.blocks.partition_point(|b| b.span.start < body.start);
        let end = self.blocks.partition_point(|b| b.span.start < body.end);
        &self.blocks[start..end.max(start)]
    }
}
