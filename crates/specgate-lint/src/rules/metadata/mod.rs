//! The Template Metadata block (`- **name:** …`, `- **variables:** […]`, …).
//!
//! The block is parsed by [`specgate_model::metadata`], shared with the export crate.

pub mod invalid_metadata_json;
pub mod invalid_priority;
pub mod metadata_field_missing;
pub mod no_acceptance_criteria;
pub mod undeclared_template_variable;
pub mod unused_template_variable;

use specgate_model::metadata::MetaField;
pub(crate) use specgate_model::metadata::{is_placeholder, template_refs, MetaBlock, FIELDS};
use specgate_model::Span;

use crate::context::Context;

/// Every Template Metadata section of the document, parsed.
pub(crate) fn blocks(ctx: &Context) -> Vec<MetaBlock> {
    specgate_model::metadata::blocks(ctx.doc, ctx.schema, &ctx.matching)
}

/// The `metadata` value (continuation lines included, backticks stripped) parsed as a
/// JSON object: `Ok(None)` when it is empty, `Err(message)` when it is not valid JSON
/// or not an object. Used by SG414 and by `specgate export`.
pub fn parse_metadata_json(
    doc: &specgate_model::Document,
    f: &MetaField,
) -> Result<Option<serde_json::Map<String, serde_json::Value>>, String> {
    let full = f.full_value(doc);
    let v = full.trim().trim_matches('`').trim();
    if v.is_empty() {
        return Ok(None);
    }
    match serde_json::from_str::<serde_json::Value>(v) {
        Ok(serde_json::Value::Object(m)) => Ok(Some(m)),
        Ok(_) => Err("`metadata` is JSON but not an object".into()),
        Err(e) => Err(format!("`metadata` is not valid JSON: {e}")),
    }
}

/// The declared variables, with spans.
pub(crate) fn variables(f: &MetaField) -> Vec<(String, Span)> {
    specgate_model::metadata::variables(&f.value, f.value_span)
}
