//! `export --validate`: whether a spec's Template Metadata is ready to export.
//!
//! The checks are the lint rules themselves, not a copy of them: the `metadata`
//! category (SG411–SG416: missing or empty fields, undeclared and unused variables,
//! invalid `metadata` JSON, priority outside the configured set, no acceptance
//! criteria) and `unfilled-placeholder` (SG201), restricted to the exported fields.

use specgate_lint::{Context, Diagnostic, Selection, Severity};
use specgate_model::metadata::{self, FIELDS};
use specgate_model::Span;

/// One validation problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The rule that found it (`None` for "no Template Metadata section").
    pub code: Option<&'static str>,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

/// The rules `--validate` runs.
pub const RULES: [&str; 2] = ["metadata", "unfilled-placeholder"];

/// Validates the first Template Metadata block of the document in `ctx` (its schema,
/// matching and configured priorities). Sorted by position.
pub fn validate(ctx: &Context) -> Vec<Problem> {
    let blocks = metadata::blocks(ctx.doc, ctx.schema, &ctx.matching);
    let Some(block) = blocks.first() else {
        return vec![Problem {
            code: None,
            severity: Severity::Error,
            span: Span::new(0, 0),
            message: "no Template Metadata section (the template's section 0.1)".into(),
            help: Some("add `## 0.1) Template Metadata` with the `- **name:** …` bullets".into()),
        }];
    };
    let section = &ctx.doc.sections[block.section];
    let in_section = |s: Span| {
        s.start >= section.heading_span.start && s.end <= section.body_span.end.max(s.start)
    };
    // Placeholders count only inside the exported fields (not, say, the `export` line).
    let exported: Vec<Span> = block
        .fields
        .iter()
        .filter(|f| FIELDS.contains(&f.key.as_str()))
        .flat_map(|f| f.content_spans())
        .collect();
    let selection = Selection {
        select: RULES.map(String::from).to_vec(),
        ..Selection::default()
    };
    let mut out: Vec<Problem> = specgate_lint::check(ctx, &selection)
        .into_iter()
        .filter(|d| {
            if d.name == "unfilled-placeholder" {
                exported
                    .iter()
                    .any(|e| d.span.start >= e.start && d.span.end <= e.end)
            } else {
                in_section(d.span)
            }
        })
        .map(problem)
        .collect();
    out.sort_by_key(|p| (p.span.start, p.code));
    out
}

fn problem(d: Diagnostic) -> Problem {
    Problem {
        code: Some(d.code),
        severity: d.severity,
        span: d.span,
        message: d.message,
        help: d.help,
    }
}
