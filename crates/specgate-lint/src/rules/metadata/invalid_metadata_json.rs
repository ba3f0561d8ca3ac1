use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks that the Template Metadata `metadata` value parses as a JSON object.
    /// Values that still contain `<placeholders>` are skipped.
    ///
    /// ## Why
    /// The export copies it verbatim into the template JSON; invalid JSON breaks the
    /// export.
    ///
    /// ## Example
    /// `- **metadata:** { author: "B. Ortiz", "version": 0.3, }`
    ///
    /// ## Fix
    /// Quote every key and remove trailing commas:
    /// `{ "author": "B. Ortiz", "version": "0.3" }`.
    name: "invalid-metadata-json", category: "metadata", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for m in super::blocks(ctx) {
        let Some(f) = m.get("metadata") else { continue };
        let v = f.value.trim().trim_matches('`').trim();
        if v.is_empty() || super::is_placeholder(v) {
            continue;
        }
        match serde_json::from_str::<serde_json::Value>(v) {
            Ok(serde_json::Value::Object(_)) => {}
            Ok(_) => {
                sink.report(f.value_span, "`metadata` is JSON but not an object")
                    .with_help("write a JSON object: `{ \"author\": \"…\", \"version\": \"…\" }`");
            }
            Err(e) => {
                sink.report(f.value_span, format!("`metadata` is not valid JSON: {e}"))
                    .with_help("quote every key and string, and remove trailing commas");
            }
        }
    }
}
