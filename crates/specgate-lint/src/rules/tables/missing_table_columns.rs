use specgate_model::{normalize_title, BlockKind};

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// In a section whose template has a table (Scope Decision Log, RACI, SLI table,
    /// Evidence Map, Component inventory), checks that the document's first table there
    /// has every template column (compared case- and punctuation-insensitively).
    ///
    /// ## Why
    /// Columns carry the decisions the template exists to capture: a decision log
    /// without `Decision`, a RACI without `Accountable`.
    ///
    /// ## Example
    /// An Evidence Map table with no `Confidence` column.
    ///
    /// ## Fix
    /// Add the missing columns.
    name: "missing-table-columns", category: "tables", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for (di, sec) in doc.sections.iter().enumerate() {
        let Some(si) = ctx.matching.doc_to_spec[di] else {
            continue;
        };
        let Some(expected) = ctx.schema.sections[si].tables.first() else {
            continue;
        };
        let Some((b, t)) = doc.blocks[sec.blocks.clone()]
            .iter()
            .find_map(|b| match &b.kind {
                BlockKind::Table(t) => Some((b, t)),
                _ => None,
            })
        else {
            continue;
        };
        // Punctuation-insensitive, also where punctuation splits words: `Tradeoff`
        // matches `Trade-off`.
        let fold = |s: &str| normalize_title(s).replace(' ', "");
        let have: Vec<String> = t.header.iter().map(|c| fold(&c.text)).collect();
        let missing: Vec<&str> = expected
            .iter()
            .filter(|c| !have.contains(&fold(c)))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            let header_line = doc
                .line_index
                .line_span(&doc.text, doc.line_index.line_of(b.span.start));
            sink.report(
                header_line,
                format!("table is missing column(s): {}", missing.join(", ")),
            )
            .with_help(format!(
                "the template's columns are: {}",
                expected.join(" | ")
            ));
        }
    }
}
