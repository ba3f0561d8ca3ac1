//! SG7xx: the template's `### Endpoint: <name>` sections (role `Endpoint`).

pub mod duplicate_endpoint;
pub mod endpoint_auth;
pub mod endpoint_errors;
pub mod endpoint_idempotency;
pub mod endpoint_method;
pub mod endpoint_path;
pub mod invalid_json_block;

use specgate_model::{BlockKind, Role, SectionId, Span};

use crate::context::Context;

/// Words after `Endpoint` that name a list of endpoints rather than one endpoint
/// (`### Endpoint catalog`).
const CATALOG_WORDS: &[&str] = &[
    "catalog",
    "catalogue",
    "list",
    "index",
    "overview",
    "summary",
    "inventory",
    "table",
];

/// The document sections matched to the template's Endpoint section, excluding
/// catalogs of endpoints.
pub(crate) fn endpoints(ctx: &Context) -> Vec<SectionId> {
    ctx.sections_with_role(Role::Endpoint)
        .into_iter()
        .filter(|&s| {
            // `Endpoint: List orders` is an endpoint; `Endpoint catalog` is not.
            let t = ctx.doc.sections[s].title.to_lowercase();
            let rest = t
                .find("endpoint")
                .map_or("", |i| &t[i + "endpoint".len()..]);
            let next = rest
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .unwrap_or("");
            rest.trim_start().starts_with([':', '-', '—', '–']) || !CATALOG_WORDS.contains(&next)
        })
        .collect()
}

/// A `**Key:** value` field of an endpoint.
pub(crate) struct FieldValue {
    /// The value with surrounding whitespace, backticks and emphasis removed.
    pub value: String,
    /// The span of the value as written (the heading line if empty).
    pub span: Span,
}

fn clean(v: &str) -> &str {
    v.trim()
        .trim_matches(|c: char| c == '`' || c == '*' || c == '_')
        .trim()
}

/// The first field named one of `keys` (case-insensitive) in the endpoint section or its
/// subsections: a bold-key list item, a paragraph line `**Key:** value`, or a
/// row of a two-column table `| Key | value |`.
pub(crate) fn field(ctx: &Context, section: SectionId, keys: &[&str]) -> Option<FieldValue> {
    let doc = ctx.doc;
    let is_key = |k: &str| {
        let k = k.trim().trim_end_matches([':', '?']).trim();
        keys.iter().any(|w| w.eq_ignore_ascii_case(k))
    };
    for b in doc.blocks_in(section) {
        match &b.kind {
            BlockKind::List(l) => {
                for it in &l.items {
                    if let Some(f) = &it.field {
                        if is_key(&f.key) {
                            let span = if f.value_span.is_empty() {
                                f.key_span
                            } else {
                                f.value_span
                            };
                            return Some(FieldValue {
                                value: clean(&f.value).to_string(),
                                span,
                            });
                        }
                    }
                }
            }
            // A two-column key/value table: `| **Method** | POST |` (body rows only: a
            // header `| Method | Path |` names columns, not a field).
            BlockKind::Table(t) if t.header.len() == 2 => {
                for r in &t.rows {
                    if let [k, v] = r.cells.as_slice() {
                        if is_key(k.text.trim().trim_matches(['*', '_'])) {
                            let span = if v.span.is_empty() { k.span } else { v.span };
                            return Some(FieldValue {
                                value: clean(&v.text).to_string(),
                                span,
                            });
                        }
                    }
                }
            }
            BlockKind::Paragraph { lines } => {
                for l in lines {
                    let text = doc.slice(*l);
                    let Some(rest) = text.trim_start().strip_prefix("**") else {
                        continue;
                    };
                    let Some(close) = rest.find("**") else {
                        continue;
                    };
                    let (k, after) = (&rest[..close], &rest[close + 2..]);
                    let after = after.strip_prefix(':').unwrap_or(after);
                    if !(k.ends_with(':') || text.contains(&format!("**{k}**:"))) || !is_key(k) {
                        continue;
                    }
                    let start = l.end - after.len();
                    let lead = after.len() - after.trim_start().len();
                    let span = Span::new(start + lead, l.end);
                    let span = if span.is_empty() { *l } else { span };
                    return Some(FieldValue {
                        value: clean(after).to_string(),
                        span,
                    });
                }
            }
            _ => {}
        }
    }
    None
}

/// The endpoint's name for messages: ``endpoint `Create order` ``.
pub(crate) fn title(ctx: &Context, section: SectionId) -> String {
    let t = ctx.doc.sections[section].title.as_str();
    let name = t
        .get(..9)
        .filter(|p| p.eq_ignore_ascii_case("endpoint:"))
        .map_or(t, |_| t[9..].trim());
    format!("endpoint `{name}`")
}

/// The HTTP methods the template allows (plus HEAD and OPTIONS, which are valid too).
pub(crate) const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// The method an endpoint declares, if its `Method` value starts with a valid one.
pub(crate) fn method_of(v: &str) -> Option<&'static str> {
    let first = v
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    METHODS.iter().copied().find(|m| *m == first)
}

/// The path an endpoint declares, if its `Path` value starts with `/`: the first word.
pub(crate) fn path_of(v: &str) -> Option<&str> {
    let p = v.split_whitespace().next()?.trim_matches('`');
    p.starts_with('/').then_some(p)
}

/// Whether an `Endpoint:` section describes an interface that is not HTTP: its title
/// or its `**Method:**` names a CLI, command, shell or terminal (`### Endpoint: CLI
/// Command Interface`, `**Method:** CLI invocation`). The HTTP rules (method, path)
/// do not apply to it.
pub(crate) fn is_non_http(ctx: &Context, section: SectionId) -> bool {
    let t = ctx.doc.sections[section].key.as_str();
    let m = field(ctx, section, &["Method"])
        .map(|f| f.value.to_ascii_lowercase())
        .unwrap_or_default();
    let cli = ["cli", "command", "cmd", "shell", "terminal"];
    cli.iter().any(|w| {
        !crate::util::find_word(t, w).is_empty() || !crate::util::find_word(&m, w).is_empty()
    })
}
