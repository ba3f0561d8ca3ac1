//! The specgate document model.
//!
//! [`parse`] turns Markdown into a [`Document`] with byte spans for every node; it never
//! fails and never panics. [`Schema::compile`] turns a template into the rules a spec
//! must follow. [`LineIndex`] maps spans to line:column (characters or UTF-16).

pub mod alternatives;
pub mod document;
pub mod evidence;
pub mod heading;
pub mod metadata;
mod parse;
pub mod placeholders;
pub mod schema;
pub mod source;
pub mod span;
pub mod table;
pub mod titles;

pub use document::*;
pub use heading::{normalize_title, split_heading, Annotation, AnnotationKind, Requirement};
pub use parse::{field_of, is_field_line, parse};
pub use schema::{HeaderSpec, Matching, Role, Schema, SectionSpec, SpecId, SEED_TEMPLATE};
pub use source::{decode, DecodeError, SourceText};
pub use span::{LineCol, LineIndex, Span};
