//! One rule per file, grouped by category. Codes are assigned in `crate::registry`.

pub mod api;
pub mod components;
pub mod diagrams;
pub mod evidence;
pub mod gate;
pub mod header;
pub mod links;
pub mod meta;
pub mod metadata;
pub mod numbers;
pub mod placeholders;
pub mod structure;
pub mod tables;
