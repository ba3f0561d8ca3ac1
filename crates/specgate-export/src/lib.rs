//! Exports derived from a spec.
//!
//! - [`template`]: the Template Metadata as a `.template.json` file, byte-compatible
//!   with the old `spec-export.py` script ([`pyjson`] writes JSON as Python does).
//! - [`validate`]: whether the metadata is ready to export, by running the lint rules
//!   SG411–SG416 and SG201 on it.
//! - [`model`]: the whole parsed document as versioned JSON.
//! - [`instantiate`]: deliverables rendered from a template.
//! - [`schemas`]: JSON Schemas of these formats, generated from the Rust types.
//! - [`fs`]: atomic file writes, used for every file specgate writes.
//!
//! Like the other library crates, it never prints.

pub mod fs;
pub mod instantiate;
pub mod model;
pub mod pyjson;
pub mod schemas;
pub mod template;
pub mod validate;

pub use instantiate::{instantiate, Deliverable, InstantiateError};
pub use model::ModelJson;
pub use template::{ExportError, TemplateJson};
