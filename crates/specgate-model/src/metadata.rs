//! Template Metadata (the seed template's section 0.1): the `- **key:** value` bullets
//! that make a spec a reusable template for deliverables.
//!
//! This is the one place the block is read. The lint rules SG411–SG416 and the export
//! crate both use it, so they agree on what a field, a variable or a criterion is.
//! Like [`crate::parse`], extraction never fails: absent or odd fields are simply absent.

use crate::document::{BlockKind, Document, SectionId};
use crate::schema::{Matching, Role, Schema};
use crate::span::Span;

/// The fields the template's metadata block defines, in template order.
pub const FIELDS: [&str; 7] = [
    "name",
    "description",
    "title_template",
    "acceptance_criteria",
    "priority",
    "variables",
    "metadata",
];

/// One `- **key:** value` bullet of the block.
#[derive(Clone, Debug)]
pub struct MetaField {
    /// Folded: lowercase, spaces and `-` as `_`.
    pub key: String,
    /// The value on the bullet's first line, trimmed.
    pub value: String,
    pub value_span: Span,
    /// The bullet's first line.
    pub item_span: Span,
    /// Further text lines of the bullet (lazy continuation), without nested items.
    pub continuation: Vec<Span>,
    /// The items nested under the bullet (at any depth), in order.
    pub nested: Vec<NestedItem>,
}

/// An item nested under a field bullet, e.g. one acceptance criterion.
#[derive(Clone, Debug)]
pub struct NestedItem {
    /// The item's first text line (marker removed).
    pub first_line: Span,
    /// All its own text lines (nested lists, code and tables excluded).
    pub lines: Vec<Span>,
    /// The whole item, nested content included.
    pub span: Span,
}

/// One Template Metadata section, parsed.
#[derive(Clone, Debug)]
pub struct MetaBlock {
    pub section: SectionId,
    pub fields: Vec<MetaField>,
}

impl MetaBlock {
    /// The first field with this folded key.
    pub fn get(&self, key: &str) -> Option<&MetaField> {
        self.fields.iter().find(|f| f.key == key)
    }
}

impl MetaField {
    /// The value with its continuation lines, joined by single spaces.
    pub fn full_value(&self, doc: &Document) -> String {
        let mut out = self.value.clone();
        for l in &self.continuation {
            let t = doc.slice(*l).trim();
            if t.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(t);
        }
        out
    }

    /// The spans where the field's content lives: the value, continuation lines and
    /// nested items.
    pub fn content_spans(&self) -> Vec<Span> {
        let mut v = vec![self.value_span];
        v.extend(&self.continuation);
        v.extend(self.nested.iter().map(|n| n.span));
        v
    }
}

impl NestedItem {
    /// The item's text lines, trimmed and joined by single spaces.
    pub fn text(&self, doc: &Document) -> String {
        join_lines(doc, &self.lines)
    }
}

/// Text lines, each trimmed, blank ones dropped, joined by single spaces.
pub fn join_lines(doc: &Document, lines: &[Span]) -> String {
    lines
        .iter()
        .map(|l| doc.slice(*l).trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Folds a field key: lowercase, spaces and `-` as `_`.
pub fn fold_key(key: &str) -> String {
    key.trim().to_lowercase().replace([' ', '-'], "_")
}

/// Parses the metadata bullets of one section (the lists directly in it and in its
/// subsections).
pub fn extract(doc: &Document, section: SectionId) -> MetaBlock {
    let mut fields: Vec<MetaField> = Vec::new();
    for b in doc.blocks_in(section) {
        let BlockKind::List(l) = &b.kind else {
            continue;
        };
        // A field owns the nested items that follow it, up to the next top-level item.
        let mut owner: Option<usize> = None;
        for it in &l.items {
            if it.depth == 0 {
                owner = None;
                if let Some(f) = &it.field {
                    let first = it.lines.first().copied().unwrap_or(it.span);
                    fields.push(MetaField {
                        key: fold_key(&f.key),
                        value: f.value.trim().to_string(),
                        value_span: f.value_span,
                        item_span: first,
                        continuation: it.lines.iter().skip(1).copied().collect(),
                        nested: Vec::new(),
                    });
                    owner = Some(fields.len() - 1);
                }
            } else if let (Some(o), Some(line)) = (owner, it.lines.first()) {
                fields[o].nested.push(NestedItem {
                    first_line: *line,
                    lines: it.lines.clone(),
                    span: it.span,
                });
            }
        }
    }
    MetaBlock { section, fields }
}

/// The document sections that play the Template Metadata role, through `matching`.
pub fn sections(schema: &Schema, matching: &Matching) -> Vec<SectionId> {
    let mut v: Vec<SectionId> = schema
        .by_role(Role::TemplateMetadata)
        .flat_map(|s| matching.spec_to_doc[s].iter().copied())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Every Template Metadata block of the document, parsed.
pub fn blocks(doc: &Document, schema: &Schema, matching: &Matching) -> Vec<MetaBlock> {
    sections(schema, matching)
        .into_iter()
        .map(|s| extract(doc, s))
        .collect()
}

/// Whether a value is still a `<placeholder>`.
pub fn is_placeholder(v: &str) -> bool {
    v.contains('<') && v.contains('>')
}

/// The declared variables of a `variables` value: `[a, b]` or `a, b`, with quotes and
/// backticks stripped. Spans are absolute, given the value's span.
pub fn variables(value: &str, value_span: Span) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for part in value.split(',') {
        let start = pos;
        pos += part.len() + 1;
        let t = part
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '[' | ']' | '"' | '\'' | '`'));
        if t.is_empty() {
            continue;
        }
        let off = part.find(t).unwrap_or(0);
        let s = value_span.start + start + off;
        out.push((t.to_string(), Span::new(s, s + t.len())));
    }
    out
}

/// A piece of a `title_template`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Literal text (escapes already resolved: `{{` is `{`, `}}` is `}`).
    Text(String),
    /// A `{name}` reference: the name, the offset of `{` and the length up to `}`.
    Var(&'a str, usize, usize),
    /// A `{` with no matching `}`, or a `}` that closes nothing (its offset).
    Unbalanced(usize),
}

/// Splits a template string into text and `{var}` references. `{{` and `}}` are literal
/// braces; a lone `{` or `}` is reported as [`Piece::Unbalanced`].
pub fn template_pieces(s: &str) -> Vec<Piece<'_>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    let mut last = 0;
    while i < b.len() {
        match b[i] {
            b'{' if b.get(i + 1) == Some(&b'{') => {
                text.push_str(&s[last..i]);
                text.push('{');
                i += 2;
                last = i;
            }
            b'}' if b.get(i + 1) == Some(&b'}') => {
                text.push_str(&s[last..i]);
                text.push('}');
                i += 2;
                last = i;
            }
            b'{' => {
                text.push_str(&s[last..i]);
                let close = s[i + 1..].find(['}', '{']).map(|c| i + 1 + c);
                match close {
                    Some(c) if b[c] == b'}' => {
                        if !text.is_empty() {
                            out.push(Piece::Text(std::mem::take(&mut text)));
                        }
                        out.push(Piece::Var(s[i + 1..c].trim(), i, c + 1 - i));
                        i = c + 1;
                    }
                    _ => {
                        if !text.is_empty() {
                            out.push(Piece::Text(std::mem::take(&mut text)));
                        }
                        out.push(Piece::Unbalanced(i));
                        text.push('{');
                        i += 1;
                    }
                }
                last = i;
            }
            b'}' => {
                text.push_str(&s[last..i]);
                if !text.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut text)));
                }
                out.push(Piece::Unbalanced(i));
                text.push('}');
                i += 1;
                last = i;
            }
            _ => i += 1,
        }
    }
    text.push_str(&s[last..]);
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    out
}

/// Whether a reference name looks like a variable name (letters, digits, `_`, `-`, `.`).
pub fn is_var_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
}

/// `{var}` references in a template string (`{{` and `}}` are escapes): (name, offset of
/// `{`, length). Only names that look like variables count; see [`template_pieces`] for
/// the full split.
pub fn template_refs(s: &str) -> Vec<(String, usize, usize)> {
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
                if is_var_name(name) {
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

/// Finds the Template Metadata blocks with the seed template (for callers without a
/// schema of their own).
pub fn blocks_with_seed(doc: &Document) -> Vec<MetaBlock> {
    let schema = Schema::seed();
    let m = schema.match_document(doc);
    blocks(doc, &schema, &m)
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

    #[test]
    fn pieces_resolve_escapes_and_find_unbalanced() {
        use Piece::*;
        assert_eq!(
            template_pieces("a {{b}} {c}!"),
            vec![Text("a {b} ".into()), Var("c", 8, 3), Text("!".into())]
        );
        assert_eq!(
            template_pieces("x { y"),
            vec![Text("x ".into()), Unbalanced(2), Text("{ y".into())]
        );
        assert_eq!(
            template_pieces("x } y"),
            vec![Text("x ".into()), Unbalanced(2), Text("} y".into())]
        );
        assert_eq!(
            template_pieces("{a{b}"),
            vec![Unbalanced(0), Text("{a".into()), Var("b", 2, 3)]
        );
        assert_eq!(template_pieces(""), vec![]);
    }

    #[test]
    fn variables_strip_brackets_and_quotes() {
        let v = variables("[a, \"b\", `c`]", Span::new(10, 23));
        let names: Vec<_> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, ["a", "b", "c"]);
        assert_eq!(v[0].1, Span::new(11, 12));
        assert_eq!(variables("a, b", Span::new(0, 4)).len(), 2);
        assert!(variables("[]", Span::new(0, 2)).is_empty());
    }

    #[test]
    fn extracts_fields_criteria_and_continuations() {
        let text = "# Technical Specification — X\n\n## 0.1) Template Metadata\n\
- **Name:** x\n- **description:** one\n  two\n- **acceptance_criteria:**\n  - first\n  - second\n    line\n\nStray paragraph.\n\n- **variables:** [a]\n";
        let doc = crate::parse(text);
        let b = blocks_with_seed(&doc);
        assert_eq!(b.len(), 1);
        let m = &b[0];
        assert_eq!(m.get("name").unwrap().value, "x");
        assert_eq!(m.get("description").unwrap().full_value(&doc), "one two");
        let ac = m.get("acceptance_criteria").unwrap();
        let crit: Vec<_> = ac.nested.iter().map(|n| n.text(&doc)).collect();
        assert_eq!(crit, ["first", "second line"]);
        assert_eq!(m.get("variables").unwrap().value, "[a]");
    }
}
