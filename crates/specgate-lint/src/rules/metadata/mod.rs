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

/// The declared variables, with spans.
pub(crate) fn variables(f: &MetaField) -> Vec<(String, Span)> {
    specgate_model::metadata::variables(&f.value, f.value_span)
}
