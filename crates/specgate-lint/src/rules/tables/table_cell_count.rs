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
    /// Lines without `|` right after a table continue it as rows of one cell (GitHub
    /// renders them inside the table): one finding for the run, with a safe fix that
    /// ends the table with a blank line before them. Other body rows must be corrected
    /// by hand.
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
        let mut i = 0;
        while i < t.rows.len() {
            let r = &t.rows[i];
            i += 1;
            if r.cells.len() == n {
                continue;
            }
            if doc.slice(r.span).contains('|') {
                sink.report(
                    r.span,
                    format!("row has {} cells but the header has {n}", r.cells.len()),
                )
                .with_label(header_line, format!("header with {n} cells"))
                .with_help("add or remove cells (escape a literal pipe as `\\|`)");
                continue;
            }
            // Lines without `|` right after a table continue it: one finding for the
            // run, with the blank line that ends the table before it.
            let mut last = r;
            while let Some(next) = t.rows.get(i).filter(|x| !doc.slice(x.span).contains('|')) {
                last = next;
                i += 1;
            }
            let lines =
                doc.line_index.line_of(last.span.start) - doc.line_index.line_of(r.span.start) + 1;
            let what = if lines == 1 {
                "a line without `|` continues the table as a row".to_string()
            } else {
                format!("{lines} lines without `|` continue the table as rows")
            };
            let line_start = doc
                .line_index
                .line_span(&doc.text, doc.line_index.line_of(r.span.start))
                .start;
            sink.report(
                Span::new(r.span.start, last.span.end),
                format!("{what} of 1 cell; the header has {n} cells"),
            )
            .with_label(header_line, format!("header with {n} cells"))
            .with_help(if lines == 1 {
                "end the table with a blank line before this line"
            } else {
                "end the table with a blank line before these lines"
            })
            .with_fix(
                "end the table with a blank line",
                Applicability::Safe,
                vec![Edit {
                    span: Span::new(line_start, line_start),
                    replacement: crate::util::eol(&doc.text).to_string(),
                }],
            );
        }
    }
}
