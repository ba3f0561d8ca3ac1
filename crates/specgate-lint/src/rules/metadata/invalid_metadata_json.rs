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
        if super::is_placeholder(&f.value) {
            continue;
        }
        match super::parse_metadata_json(ctx.doc, f) {
            Ok(_) => {}
            Err(msg) if msg.contains("not an object") => {
                sink.report(f.value_span, msg)
                    .with_help("write a JSON object: `{ \"author\": \"…\", \"version\": \"…\" }`");
            }
            Err(msg) => {
                sink.report(f.value_span, msg)
                    .with_help("quote every key and string, and remove trailing commas");
            }
        }
    }
}
