pub mod invalid_header_date;
pub mod invalid_status;
pub mod missing_header_field;
pub mod status_contradicted;

use specgate_model::{BlockKind, Document, Span};

/// One `key: value` line of the document's front matter.
pub(crate) struct FrontMatterField<'d> {
    pub key: &'d str,
    pub value: &'d str,
    /// The value's span in the file (`None` when it cannot be mapped back).
    pub value_span: Option<Span>,
}

/// The `key: value` lines of the document's front matter: a `---` block, and a
/// ```` ```yaml ```` block written before the first section as front matter.
pub(crate) fn front_matter_fields(doc: &Document) -> Vec<FrontMatterField<'_>> {
    let mut out = Vec::new();
    if let Some(f) = &doc.front_matter {
        fields(
            doc.slice(f.content),
            &|o| Some(f.content.start + o),
            &mut out,
        );
    }
    let first_section = doc
        .sections
        .first()
        .map_or(doc.text.len(), |s| s.heading_span.start);
    if let Some(code) = doc
        .blocks
        .iter()
        .take_while(|b| b.span.start < first_section)
        .find_map(|b| match &b.kind {
            BlockKind::Code(c) if matches!(c.lang.as_str(), "yaml" | "yml") && !c.nested => Some(c),
            _ => None,
        })
    {
        fields(&code.content, &|o| code.file_offset(o), &mut out);
    }
    out
}

/// The `key: value` lines of `text`; `base` maps an offset in `text` to the file.
fn fields<'d>(
    text: &'d str,
    base: &dyn Fn(usize) -> Option<usize>,
    out: &mut Vec<FrontMatterField<'d>>,
) {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let l = line.trim_end_matches(['\n', '\r']);
        if let Some((key, v)) = l.split_once(':') {
            let v_start = at + key.len() + 1 + (v.len() - v.trim_start().len());
            let value = v.trim();
            out.push(FrontMatterField {
                key,
                value,
                value_span: base(v_start).map(|s| Span::new(s, s + value.len())),
            });
        }
        at += line.len();
    }
}
