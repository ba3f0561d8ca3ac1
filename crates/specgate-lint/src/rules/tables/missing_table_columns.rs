use specgate_model::{normalize_title, BlockKind};

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// In a section whose template has a table (Scope Decision Log, RACI, SLI table,
    /// Evidence Map, Component inventory), checks that the document's first table there
    /// has every template column (compared case-, punctuation- and plural-insensitively).
    /// The first column holds the rows' labels and may carry the team's own name: it
    /// counts as present when the table's first column is none of the template's
    /// (`Role | R | A | C | I` for `Area | R | A | C | I`). Other columns must match.
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
        // Punctuation-insensitive, also where punctuation splits words (`Tradeoff`
        // matches `Trade-off`), and plural-insensitive (`Owners` matches `Owner`).
        let fold = |s: &str| specgate_model::titles::loose(&normalize_title(s)).replace(' ', "");
        let have: Vec<String> = t.header.iter().map(|c| fold(&c.text)).collect();
        let want: Vec<String> = expected.iter().map(|c| fold(c)).collect();
        // The first column holds the rows' labels, which teams name their own way: it
        // counts as present under another name (`Role` for `Area`) when the table's
        // first column is none of the template's.
        let renamed = |i: usize| i == 0 && have.first().is_some_and(|h| !want.contains(h));
        let missing: Vec<&str> = expected
            .iter()
            .enumerate()
            .filter(|(i, _)| !have.contains(&want[*i]) && !renamed(*i))
            .map(|(_, c)| c.as_str())
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
