//! The Template Metadata as a `.template.json` file, compatible with the old
//! `spec-export.py` script (see `docs/compat.md`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use specgate_model::metadata::{self, MetaBlock};
use specgate_model::{Document, Span};

/// The `.template.json` format: exactly these seven keys.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "specgate .template.json",
    description = "The Template Metadata of a spec (section 0.1), as written by `specgate export`."
)]
pub struct TemplateJson {
    /// The items nested under the `acceptance_criteria` bullet.
    pub acceptance_criteria: Vec<String>,
    pub description: String,
    /// The `metadata` bullet's inline JSON object (`{}` when absent).
    pub metadata: serde_json::Map<String, serde_json::Value>,
    /// The template's identifier.
    pub name: String,
    /// `"medium"` when absent.
    pub priority: String,
    /// A title with `{variable}` placeholders; `{{` and `}}` are literal braces.
    pub title_template: String,
    /// The declared variables, quotes stripped.
    pub variables: Vec<String>,
}

/// The priority written when the block has none.
pub const DEFAULT_PRIORITY: &str = "medium";

/// Why a block cannot be exported: a message at a span of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportError {
    pub span: Span,
    pub message: String,
}

impl TemplateJson {
    /// Builds the JSON from a parsed block. Fails only when `metadata` is present but
    /// is not a JSON object (the old script silently wrote `{}`).
    pub fn from_block(doc: &Document, block: &MetaBlock) -> Result<TemplateJson, ExportError> {
        let text = |key: &str| {
            block
                .get(key)
                .map(|f| f.full_value(doc))
                .unwrap_or_default()
        };
        let acceptance_criteria = block
            .get("acceptance_criteria")
            .map(|f| {
                f.nested
                    .iter()
                    .map(|n| n.text(doc))
                    .filter(|t| !t.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let variables = block
            .get("variables")
            .map(|f| {
                metadata::variables(&f.value, f.value_span)
                    .into_iter()
                    .map(|(v, _)| v)
                    .collect()
            })
            .unwrap_or_default();
        let metadata = match block.get("metadata") {
            None => serde_json::Map::new(),
            Some(f) => specgate_lint::parse_metadata_json(doc, f)
                .map_err(|message| ExportError {
                    span: f.value_span,
                    message,
                })?
                .unwrap_or_default(),
        };
        let priority = match text("priority") {
            p if p.is_empty() => DEFAULT_PRIORITY.to_string(),
            p => p,
        };
        Ok(TemplateJson {
            acceptance_criteria,
            description: text("description"),
            metadata,
            name: text("name"),
            priority,
            title_template: text("title_template"),
            variables,
        })
    }

    /// The file text: Python-compatible JSON (see [`crate::pyjson`]) and a newline.
    pub fn to_file_text(&self) -> String {
        let v = serde_json::to_value(self).unwrap_or_default();
        let mut s = crate::pyjson::dumps(&v);
        s.push('\n');
        s
    }
}
