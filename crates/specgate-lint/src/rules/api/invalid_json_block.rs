use specgate_model::{BlockKind, Span};

use super::endpoints;
use crate::context::Context;
use crate::rule::Sink;
use crate::rules::placeholders::unfilled_placeholder::find_placeholders;

crate::declare_rule! {
    /// ## What it does
    /// Parses every ` ```json ` code block in an `### Endpoint: <name>` section (and its
    /// subsections) and reports the first syntax error at its exact position. Several
    /// values one after another (JSON Lines) are accepted. Blocks that still contain
    /// the template's `...` or a `<…>` placeholder are left to the placeholder rules.
    ///
    /// ## Why
    /// Request and response examples are copied into tests, mocks and client code; an
    /// example that does not parse is a contract nobody can use as written.
    ///
    /// ## Example
    /// ````markdown
    /// ```json
    /// { "amount": 100, "currency": "EUR", }
    /// ```
    /// ````
    ///
    /// ## Fix
    /// Correct the syntax (trailing commas, comments and single quotes are not JSON).
    /// For annotated examples, use a ` ```jsonc ` block or move the notes into prose.
    name: "invalid-json-block", category: "api", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let mut seen = Vec::new();
    for s in endpoints(ctx) {
        for b in doc.blocks_in(s) {
            let BlockKind::Code(c) = &b.kind else {
                continue;
            };
            if !c.lang.eq_ignore_ascii_case("json") || seen.contains(&b.span.start) {
                continue;
            }
            seen.push(b.span.start);
            let content = c.content.as_str();
            if content.contains("...")
                || content.contains('…')
                || content.lines().any(|l| !find_placeholders(l).is_empty())
            {
                continue;
            }
            let Some(err) = serde_json::Deserializer::from_str(content)
                .into_iter::<serde_json::Value>()
                .find_map(Result::err)
            else {
                continue;
            };
            let mut offset = content_offset(content, err.line(), err.column());
            let msg = err.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            if msg.contains("trailing comma") {
                // serde_json points at the closing bracket; point at the comma instead.
                if let Some(comma) = content[..offset].rfind(',') {
                    offset = comma;
                }
            }
            let at = c.file_offset(offset).unwrap_or(b.span.start);
            let ch = doc.text[at..].chars().next().filter(|ch| *ch != '\n');
            let end = ch.map_or(at, |ch| at + ch.len_utf8());
            let help = match ch {
                Some('/') => {
                    "JSON has no comments: move the notes into prose, or mark the block ```jsonc"
                }
                Some('\'') => "JSON strings and keys use double quotes",
                _ if msg.contains("trailing comma") => {
                    "remove the comma before the closing bracket"
                }
                _ if msg.starts_with("expected `,`") => {
                    "a comma is probably missing before this point"
                }
                _ => "make the example valid JSON so it can be used in tests and mocks",
            };
            sink.report(Span::new(at, end), format!("invalid JSON: {msg}"))
                .with_help(help);
        }
    }
}

/// The byte offset in `content` of serde_json's 1-based line and column (column 0
/// means "before the first character"). Clamped to the content.
fn content_offset(content: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for (i, l) in content.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let body = l.trim_end_matches('\n').trim_end_matches('\r');
            let col = column.saturating_sub(1).min(body.len());
            return content.floor_char_boundary(start + col);
        }
        start += l.len();
    }
    content.len().saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::content_offset;

    #[test]
    fn maps_line_and_column() {
        let c = "{\n  \"a\": 1,\n}\n";
        let e = serde_json::from_str::<serde_json::Value>(c).unwrap_err();
        assert_eq!(&c[content_offset(c, e.line(), e.column())..][..1], "}");
    }
}
