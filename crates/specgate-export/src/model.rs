//! `export --model`: the whole parsed document as JSON, so agents and pipelines can
//! consume any spec without re-parsing Markdown.
//!
//! These are output types of their own (not the model's internal structs), so the
//! format is stable and described by a JSON Schema. Bump [`MODEL_SCHEMA_VERSION`] on
//! any incompatible change.

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use specgate_model::metadata;
use specgate_model::{
    AnnotationKind, BlockKind, Document, EvidenceForm, EvidenceKind, Matching, Schema, SectionId,
    SourceKind, Span,
};

use crate::template::TemplateJson;

/// The version of the `--model` format.
pub const MODEL_SCHEMA_VERSION: u32 = 1;

/// A parsed spec.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "specgate document model",
    description = "A parsed Markdown spec, as written by `specgate export --model`."
)]
pub struct ModelJson {
    /// The version of this format (currently 1).
    pub schema_version: u32,
    /// The spec file, as given on the command line.
    pub path: Option<String>,
    /// The template version (FNV-1a hash of its text) the sections were matched against.
    pub template_version: String,
    /// Whether the file starts with a UTF-8 byte order mark.
    pub had_bom: bool,
    pub title: Option<TextAt>,
    pub front_matter: Option<FrontMatterJson>,
    /// `**Key:** value` lines before the first section.
    pub header: Vec<HeaderFieldJson>,
    /// Content before the first section.
    pub preamble: Content,
    /// The section tree (top-level sections, each with its children).
    pub sections: Vec<SectionJson>,
    /// Every evidence statement, in document order.
    pub evidence: Vec<EvidenceJson>,
    /// Where cited evidence paths were resolved, if anywhere.
    pub evidence_root: Option<String>,
    /// Inline links, in document order.
    pub links: Vec<LinkJson>,
    /// The first Template Metadata section, if the spec has one.
    pub template_metadata: Option<TemplateMetadataJson>,
}

/// A position in the file: 1-based lines and character columns (end exclusive), and
/// the byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// Byte offset of the start.
    pub offset: usize,
    /// Length in bytes.
    pub length: usize,
}

impl Location {
    pub fn of(doc: &Document, span: Span) -> Location {
        let a = doc.line_index.line_col(&doc.text, span.start);
        let b = doc.line_index.line_col(&doc.text, span.end);
        Location {
            line: a.line,
            column: a.column,
            end_line: b.line,
            end_column: b.column,
            offset: span.start,
            length: span.len(),
        }
    }
}

/// A piece of text and where it is.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextAt {
    pub text: String,
    pub location: Location,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatterJson {
    /// The YAML text between the `---` fences.
    pub content: String,
    pub location: Location,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeaderFieldJson {
    pub key: String,
    pub value: String,
    pub location: Location,
}

/// A heading and everything under it.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionJson {
    /// The section's index in document order (evidence refers to it).
    pub id: usize,
    /// Heading level, 1–6.
    pub level: u8,
    /// The number as written (`0.1)`, `16b)`, `3.`), if any.
    pub number: Option<String>,
    pub title: String,
    /// Trailing `( … )` remarks of the heading.
    pub annotations: Vec<AnnotationJson>,
    /// The title of the template section it matches, if any.
    pub template_section: Option<String>,
    /// The heading line(s).
    pub location: Location,
    /// From the end of the heading to the next heading of the same or a higher level.
    pub body: Location,
    /// The blocks directly under the heading (before any subsection).
    pub content: Content,
    pub children: Vec<SectionJson>,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnotationJson {
    /// The text inside the parentheses.
    pub text: String,
    pub kind: AnnotationKindJson,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AnnotationKindJson {
    Required,
    RequiredOrNa,
    Recommended,
    IfApplicable,
    Other,
}

/// Blocks, by kind, in document order within each kind.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Content {
    pub paragraphs: Vec<TextAt>,
    /// Lists without task boxes.
    pub lists: Vec<ListJson>,
    /// Lists with at least one `- [ ]` / `- [x]` item.
    pub checklists: Vec<ListJson>,
    pub tables: Vec<TableJson>,
    /// Fenced and indented code, Mermaid excepted.
    pub code_blocks: Vec<CodeBlockJson>,
    /// Mermaid diagrams.
    pub diagrams: Vec<DiagramJson>,
    pub block_quotes: Vec<TextAt>,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListJson {
    pub ordered: bool,
    /// Every item at every depth, in document order.
    pub items: Vec<ListItemJson>,
    pub location: Location,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListItemJson {
    /// 0 for items of the top-level list.
    pub depth: u32,
    /// The item's own text (marker and task box removed), lines joined by spaces.
    pub text: String,
    /// `true` for `- [x]`, `false` for `- [ ]`, absent otherwise.
    pub checked: Option<bool>,
    /// `**Key:** value` at the start of the item.
    pub field: Option<FieldJson>,
    pub location: Location,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldJson {
    pub key: String,
    pub value: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableJson {
    pub header: Vec<String>,
    /// The body rows, each an array of cell texts (as many cells as the row has).
    pub rows: Vec<Vec<String>>,
    /// Whether GitHub renders it (header and delimiter rows have the same cell count).
    pub gfm_valid: bool,
    pub location: Location,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeBlockJson {
    /// The info string's first word (`rust`), empty when there is none.
    pub language: String,
    /// The whole info string.
    pub info: String,
    pub code: String,
    pub location: Location,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiagramJson {
    /// The diagram type as written: `flowchart`, `graph`, `stateDiagram-v2`,
    /// `sequenceDiagram`, … (empty if the block has no declaration).
    #[serde(rename = "type")]
    pub diagram_type: String,
    pub code: String,
    pub location: Location,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceJson {
    pub kind: EvidenceKindJson,
    pub form: EvidenceFormJson,
    /// The text after the colon.
    pub text: String,
    pub location: Location,
    /// The id of the innermost section containing it.
    pub section: Option<usize>,
    /// Paths and URLs cited.
    pub sources: Vec<SourceJson>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKindJson {
    Source,
    Gap,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceFormJson {
    Canonical,
    Emphasized,
    Trailing,
    HeaderField,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceJson {
    pub text: String,
    pub kind: SourceKindJson,
    pub location: Location,
    /// For paths: where it resolves under the evidence root.
    pub resolved: Option<String>,
    /// For resolved paths: whether it exists.
    pub exists: Option<bool>,
    /// For paths that leave the evidence root: why.
    pub outside_root: Option<String>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKindJson {
    Url,
    Path,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkJson {
    pub dest: String,
    pub location: Location,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateMetadataJson {
    /// The id of the Template Metadata section.
    pub section: usize,
    /// Every `- **key:** value` bullet (keys folded: lowercase, `_` for spaces).
    pub fields: Vec<MetaFieldJson>,
    /// What `specgate export` writes, when it can.
    pub template: Option<TemplateJson>,
    /// Why it cannot (e.g. `metadata` is not valid JSON).
    pub error: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetaFieldJson {
    pub key: String,
    pub value: String,
    pub location: Location,
    /// Items nested under the bullet (e.g. acceptance criteria).
    pub items: Vec<TextAt>,
}

/// Inputs of [`build`] besides the document.
pub struct ModelOptions<'a> {
    pub path: Option<&'a str>,
    pub had_bom: bool,
    /// Where evidence paths are resolved; `None` leaves them unresolved.
    pub evidence_root: Option<&'a Path>,
}

fn annotation_kind(k: AnnotationKind) -> AnnotationKindJson {
    match k {
        AnnotationKind::Required => AnnotationKindJson::Required,
        AnnotationKind::RequiredOrNa => AnnotationKindJson::RequiredOrNa,
        AnnotationKind::Recommended => AnnotationKindJson::Recommended,
        AnnotationKind::IfApplicable => AnnotationKindJson::IfApplicable,
        AnnotationKind::Other => AnnotationKindJson::Other,
    }
}

/// The declaration keyword of a Mermaid diagram: the first word after any front
/// matter, directives and comments.
pub fn diagram_type(code: &str) -> String {
    let mut lines = code.lines().map(str::trim).peekable();
    if lines.peek() == Some(&"---") {
        lines.next();
        for l in lines.by_ref() {
            if l == "---" {
                break;
            }
        }
    }
    lines
        .find(|l| !l.is_empty() && !l.starts_with("%%"))
        .and_then(|l| l.split_whitespace().next())
        .map(|w| w.trim_end_matches(':').to_string())
        .unwrap_or_default()
}

fn content(doc: &Document, blocks: &[specgate_model::Block]) -> Content {
    let mut c = Content::default();
    for b in blocks {
        let location = Location::of(doc, b.span);
        match &b.kind {
            BlockKind::Paragraph { lines } => c.paragraphs.push(TextAt {
                text: metadata::join_lines(doc, lines),
                location,
            }),
            BlockKind::BlockQuote { lines } => c.block_quotes.push(TextAt {
                text: metadata::join_lines(doc, lines),
                location,
            }),
            BlockKind::List(l) => {
                let items: Vec<ListItemJson> = l
                    .items
                    .iter()
                    .map(|it| ListItemJson {
                        depth: it.depth,
                        text: metadata::join_lines(doc, &it.lines),
                        checked: it.checked,
                        field: it.field.as_ref().map(|f| FieldJson {
                            key: f.key.clone(),
                            value: f.value.clone(),
                        }),
                        location: Location::of(doc, it.span),
                    })
                    .collect();
                let task = items.iter().any(|i| i.checked.is_some());
                let list = ListJson {
                    ordered: l.ordered,
                    items,
                    location,
                };
                if task {
                    c.checklists.push(list);
                } else {
                    c.lists.push(list);
                }
            }
            BlockKind::Table(t) => c.tables.push(TableJson {
                header: t.header.iter().map(|x| x.text.clone()).collect(),
                rows: t
                    .rows
                    .iter()
                    .map(|r| r.cells.iter().map(|x| x.text.clone()).collect())
                    .collect(),
                gfm_valid: t.gfm_valid,
                location,
            }),
            BlockKind::Code(cb) => {
                if cb.lang.eq_ignore_ascii_case("mermaid") {
                    c.diagrams.push(DiagramJson {
                        diagram_type: diagram_type(&cb.content),
                        code: cb.content.clone(),
                        location,
                    });
                } else {
                    c.code_blocks.push(CodeBlockJson {
                        language: cb.lang.clone(),
                        info: cb.info.clone(),
                        code: cb.content.clone(),
                        location,
                    });
                }
            }
            BlockKind::ThematicBreak | BlockKind::Html { .. } => {}
        }
    }
    c
}

fn section(doc: &Document, schema: &Schema, m: &Matching, id: SectionId) -> SectionJson {
    let s = &doc.sections[id];
    SectionJson {
        id,
        level: s.level,
        number: s.number.clone(),
        title: s.title.clone(),
        annotations: s
            .annotations
            .iter()
            .map(|a| AnnotationJson {
                text: a.text.clone(),
                kind: annotation_kind(a.kind),
            })
            .collect(),
        template_section: m
            .doc_to_spec
            .get(id)
            .copied()
            .flatten()
            .map(|t| schema.sections[t].title.clone()),
        location: Location::of(doc, s.heading_span),
        body: Location::of(doc, s.body_span),
        content: content(doc, doc.blocks.get(s.blocks.clone()).unwrap_or(&[])),
        children: s
            .children
            .iter()
            .map(|&c| section(doc, schema, m, c))
            .collect(),
    }
}

/// Builds the model of a parsed document, matched against `schema`.
pub fn build(doc: &Document, schema: &Schema, opts: &ModelOptions) -> ModelJson {
    let m = schema.match_document(doc);
    let first = doc
        .sections
        .first()
        .map_or(doc.text.len(), |s| s.heading_span.start);
    let pre_end = doc.blocks.partition_point(|b| b.span.start < first);
    let evidence = doc
        .evidence
        .iter()
        .map(|e| EvidenceJson {
            kind: match e.kind {
                EvidenceKind::Source => EvidenceKindJson::Source,
                EvidenceKind::Gap => EvidenceKindJson::Gap,
            },
            form: match e.form {
                EvidenceForm::Canonical => EvidenceFormJson::Canonical,
                EvidenceForm::Emphasized => EvidenceFormJson::Emphasized,
                EvidenceForm::Trailing => EvidenceFormJson::Trailing,
                EvidenceForm::HeaderField => EvidenceFormJson::HeaderField,
            },
            text: e.text.clone(),
            location: Location::of(doc, e.span),
            section: e.section,
            sources: e
                .sources
                .iter()
                .map(|s| {
                    let mut out = SourceJson {
                        text: s.text.clone(),
                        kind: match s.kind {
                            SourceKind::Url => SourceKindJson::Url,
                            SourceKind::Path => SourceKindJson::Path,
                        },
                        location: Location::of(doc, s.span),
                        resolved: None,
                        exists: None,
                        outside_root: None,
                    };
                    if let (SourceKind::Path, Some(root)) = (s.kind, opts.evidence_root) {
                        match specgate_lint::resolve_evidence_path(root, &s.text) {
                            Ok(Some(p)) => {
                                out.exists = Some(p.exists());
                                out.resolved = Some(p.display().to_string());
                            }
                            Ok(None) => {}
                            Err(why) => out.outside_root = Some(why.to_string()),
                        }
                    }
                    out
                })
                .collect(),
        })
        .collect();
    let template_metadata = metadata::blocks(doc, schema, &m).first().map(|b| {
        let (template, error) = match TemplateJson::from_block(doc, b) {
            Ok(t) => (Some(t), None),
            Err(e) => (None, Some(e.message)),
        };
        TemplateMetadataJson {
            section: b.section,
            fields: b
                .fields
                .iter()
                .map(|f| MetaFieldJson {
                    key: f.key.clone(),
                    value: f.full_value(doc),
                    location: Location::of(doc, f.item_span),
                    items: f
                        .nested
                        .iter()
                        .map(|n| TextAt {
                            text: n.text(doc),
                            location: Location::of(doc, n.span),
                        })
                        .collect(),
                })
                .collect(),
            template,
            error,
        }
    });
    ModelJson {
        schema_version: MODEL_SCHEMA_VERSION,
        path: opts.path.map(str::to_string),
        template_version: schema.version.clone(),
        had_bom: opts.had_bom,
        title: doc.title.as_ref().map(|t| TextAt {
            text: t.text.clone(),
            location: Location::of(doc, t.span),
        }),
        front_matter: doc.front_matter.as_ref().map(|f| FrontMatterJson {
            content: doc.slice(f.content).to_string(),
            location: Location::of(doc, f.span),
        }),
        header: doc
            .header
            .iter()
            .map(|h| HeaderFieldJson {
                key: h.key.clone(),
                value: h.value.clone(),
                location: Location::of(doc, h.span),
            })
            .collect(),
        preamble: content(doc, &doc.blocks[..pre_end]),
        sections: doc.roots().map(|r| section(doc, schema, &m, r)).collect(),
        evidence,
        evidence_root: opts.evidence_root.map(|p| p.display().to_string()),
        links: doc
            .links
            .iter()
            .map(|l| LinkJson {
                dest: l.dest.clone(),
                location: Location::of(doc, l.span),
            })
            .collect(),
        template_metadata,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagram_types() {
        assert_eq!(diagram_type("flowchart TD\n A-->B"), "flowchart");
        assert_eq!(diagram_type("%% c\n\nstateDiagram-v2\n"), "stateDiagram-v2");
        assert_eq!(
            diagram_type("---\ntitle: x\n---\nsequenceDiagram\n"),
            "sequenceDiagram"
        );
        assert_eq!(diagram_type(""), "");
    }
}
