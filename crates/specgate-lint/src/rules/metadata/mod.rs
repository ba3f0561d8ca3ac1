//! The Template Metadata block (`- **name:** …`, `- **variables:** […]`, …).

pub mod invalid_metadata_json;
pub mod invalid_priority;
pub mod metadata_field_missing;
pub mod no_acceptance_criteria;
pub mod undeclared_template_variable;
pub mod unused_template_variable;

use specgate_model::{BlockKind, Role, SectionId, Span};

use crate::context::Context;

/// The fields the template's metadata block defines.
pub(crate) const FIELDS: [&str; 7] = [
    "name",
    "description",
    "title_template",
    "acceptance_criteria",
    "priority",
    "variables",
    "metadata",
];

pub(crate) struct MetaField {
    /// Folded: lowercase, spaces as `_`.
    pub key: String,
    pub value: String,
    pub value_span: Span,
    /// The whole list item.
    pub item_span: Span,
    /// First lines of nested items.
    pub nested: Vec<Span>,
}

pub(crate) struct MetaBlock {
    pub section: SectionId,
    pub fields: Vec<MetaField>,
}

impl MetaBlock {
    pub fn get(&self, key: &str) -> Option<&MetaField> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// Every Template Metadata section of the document, parsed.
pub(crate) fn blocks(ctx: &Context) -> Vec<MetaBlock> {
    let doc = ctx.doc;
    ctx.sections_with_role(Role::TemplateMetadata)
        .into_iter()
        .map(|s| {
            let mut fields: Vec<MetaField> = Vec::new();
            for b in doc.blocks_in(s) {
                let BlockKind::List(l) = &b.kind else {
                    continue;
                };
                for it in &l.items {
                    if it.depth == 0 {
                        if let Some(f) = &it.field {
                            fields.push(MetaField {
                                key: f.key.trim().to_lowercase().replace([' ', '-'], "_"),
                                value: f.value.trim().to_string(),
                                value_span: f.value_span,
                                item_span: it.lines.first().copied().unwrap_or(it.span),
                                nested: Vec::new(),
                            });
                        }
                    } else if let (Some(last), Some(line)) = (fields.last_mut(), it.lines.first()) {
                        last.nested.push(*line);
                    }
                }
            }
            MetaBlock { section: s, fields }
        })
        .collect()
}

/// Whether a value is still a `<placeholder>`.
pub(crate) fn is_placeholder(v: &str) -> bool {
    v.contains('<') && v.contains('>')
}

/// The declared variables: `[a, b]`, `a, b`, quotes and backticks stripped, with spans.
pub(crate) fn variables(f: &MetaField) -> Vec<(String, Span)> {
    let v = &f.value;
    let mut out = Vec::new();
    let mut pos = 0;
    for part in v.split(',') {
        let start = pos;
        pos += part.len() + 1;
        let t = part
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '[' | ']' | '"' | '\'' | '`'));
        if t.is_empty() {
            continue;
        }
        let off = part.find(t).unwrap_or(0);
        let s = f.value_span.start + start + off;
        out.push((t.to_string(), Span::new(s, s + t.len())));
    }
    out
}

/// `{var}` references in a template string (`{{` and `}}` are escapes): (name, offset of `{`, length).
pub(crate) fn template_refs(s: &str) -> Vec<(String, usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'{' {
            if b.get(i + 1) == Some(&b'{') {
                i += 2;
                continue;
            }
            if let Some(close) = s[i + 1..].find('}') {
                let name = s[i + 1..i + 1 + close].trim();
                if !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
                {
                    out.push((name.to_string(), i, close + 2));
                }
                i += close + 2;
                continue;
            }
        } else if b[i] == b'}' && b.get(i + 1) == Some(&b'}') {
            i += 2;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_template_refs_with_escapes() {
        let r = template_refs("Fix {bug} in {{literal}} for {area}");
        assert_eq!(
            r.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["bug", "area"]
        );
    }
}
