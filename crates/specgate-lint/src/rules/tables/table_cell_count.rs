use specgate_model::{BlockKind, Span};

use crate::context::Context;
use crate::diagnostic::{Applicability, Edit};
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks that a table's header, delimiter row and every body row have the same
    /// number of cells. A delimiter row that differs from the header stops GitHub from
    /// rendering the table at all.
    ///
    /// ## Why
    /// Broken tables render as a paragraph of pipes, or silently drop cells.
    ///
    /// ## Example
    /// ```markdown
    /// | Section | Evidence | Confidence | Notes |
    /// |---|---|---|---|---|
    /// ```
    ///
    /// ## Fix
    /// Safe fix for the delimiter row: rewrite it with one `---` per header cell, keeping
    /// the alignment colons (`:---`, `---:`, `:---:`) of the cells that were there.
    /// Body rows must be corrected by hand.
    name: "table-cell-count", category: "tables", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for b in &doc.blocks {
        let BlockKind::Table(t) = &b.kind else {
            continue;
        };
        let n = t.header.len();
        let header_line = doc
            .line_index
            .line_span(&doc.text, doc.line_index.line_of(b.span.start));
        if t.delimiter_cells != n {
            let s = doc.slice(t.delimiter_span);
            let lead = &s[..s.len() - s.trim_start().len()];
            // Keep each existing cell's alignment colons; pad or truncate to `n`.
            let cells: Vec<&str> = s
                .trim()
                .trim_start_matches('|')
                .trim_end_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let mut row = format!("{lead}|");
            for i in 0..n {
                let c = cells.get(i).copied().unwrap_or("");
                row.push_str(
                    match (c.starts_with(':'), c.len() > 1 && c.ends_with(':')) {
                        (true, true) => ":---:",
                        (true, false) => ":---",
                        (false, true) => "---:",
                        (false, false) => "---",
                    },
                );
                row.push('|');
            }
            sink.report(
                t.delimiter_span,
                format!(
                    "delimiter row has {} cells but the header has {n}",
                    t.delimiter_cells
                ),
            )
            .with_label(header_line, format!("header with {n} cells"))
            .with_help(if t.gfm_valid {
                "make the counts equal"
            } else {
                "GitHub does not render this table until the counts match"
            })
            .with_fix(
                "rewrite the delimiter row",
                Applicability::Safe,
                vec![Edit {
                    span: t.delimiter_span,
                    replacement: row,
                }],
            );
        }
        for r in &t.rows {
            if r.cells.len() != n {
                sink.report(
                    Span::new(r.span.start, r.span.end),
                    format!("row has {} cells but the header has {n}", r.cells.len()),
                )
                .with_label(header_line, format!("header with {n} cells"))
                .with_help(if doc.slice(r.span).contains('|') {
                    "add or remove cells (escape a literal pipe as `\\|`)"
                } else {
                    "this line has no `|` but continues the table; add a blank line before it"
                });
            }
        }
    }
}
