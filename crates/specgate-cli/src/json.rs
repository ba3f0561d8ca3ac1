//! The `check --output-format json` and SARIF records, as typed borrowed structs.
//!
//! Serialised straight to the output stream: no intermediate `serde_json::Value`.
//! Field order is alphabetical, the order the format has always had.

use serde::Serialize;
use specgate_lint::{Applicability, Diagnostic};
use specgate_model::{Document, Span};

/// A span as 1-based line and column (characters), with its byte offset and length.
#[derive(Serialize)]
pub struct Location {
    pub column: usize,
    pub end_column: usize,
    pub end_line: usize,
    pub length: usize,
    pub line: usize,
    pub offset: usize,
}

impl Location {
    pub fn of(doc: &Document, span: Span) -> Location {
        let a = doc.line_index.line_col(&doc.text, span.start);
        let b = doc.line_index.line_col(&doc.text, span.end);
        Location {
            column: a.column,
            end_column: b.column,
            end_line: b.line,
            length: span.len(),
            line: a.line,
            offset: span.start,
        }
    }
}

/// One file of the JSON output (schema version 1).
#[derive(Serialize)]
pub struct JsonFile<'a> {
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
    pub error: Option<&'a str>,
    pub path: String,
    /// The template the file was checked against (`built-in`, or its path).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<&'a str>,
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'a str,
    pub fix: Option<JsonFix<'a>>,
    pub help: Option<&'a str>,
    pub labels: Vec<JsonLabel<'a>>,
    pub location: Location,
    pub message: &'a str,
    pub name: &'a str,
    pub severity: &'a str,
}

#[derive(Serialize)]
pub struct JsonLabel<'a> {
    pub location: Location,
    pub message: &'a str,
}

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub applicability: Applicability,
    pub edits: Vec<JsonEdit<'a>>,
    pub message: &'a str,
}

#[derive(Serialize)]
pub struct JsonEdit<'a> {
    pub location: Location,
    pub replacement: &'a str,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(doc: &Document, d: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            code: d.code,
            fix: d.fix.as_ref().map(|f| JsonFix {
                applicability: f.applicability,
                edits: f
                    .edits
                    .iter()
                    .map(|e| JsonEdit {
                        location: Location::of(doc, e.span),
                        replacement: &e.replacement,
                    })
                    .collect(),
                message: &f.message,
            }),
            help: d.help.as_deref(),
            labels: d
                .labels
                .iter()
                .map(|l| JsonLabel {
                    location: Location::of(doc, l.span),
                    message: &l.message,
                })
                .collect(),
            location: Location::of(doc, d.span),
            message: &d.message,
            name: d.name,
            severity: d.severity.as_str(),
        }
    }
}

/// One SARIF `result`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifResult<'a> {
    pub level: &'static str,
    pub locations: [SarifLocation<'a>; 1],
    pub message: SarifMessage,
    pub rule_id: &'a str,
    pub rule_index: usize,
}

#[derive(Serialize)]
pub struct SarifMessage {
    pub text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifLocation<'a> {
    pub physical_location: SarifPhysical<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifPhysical<'a> {
    pub artifact_location: SarifArtifact<'a>,
    pub region: SarifRegion,
}

#[derive(Serialize)]
pub struct SarifArtifact<'a> {
    pub uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifRegion {
    pub end_column: usize,
    pub end_line: usize,
    pub start_column: usize,
    pub start_line: usize,
}
