use specgate_model::{BlockKind, Role, Span};

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports an empty cell in the Ownership & RACI table.
    ///
    /// ## Why
    /// An empty Responsible or Accountable cell means nobody owns that area; RACI
    /// exists to make that visible.
    ///
    /// ## Example
    /// `| Security/Privacy | A. Chen |  | Legal | All eng |`
    ///
    /// ## Fix
    /// Name a person or role, or write `N/A — <why>`.
    name: "raci-cell-empty", category: "tables", severity: Warning
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for s in ctx.sections_with_role(Role::Raci) {
        for b in doc.blocks_in(s) {
            let BlockKind::Table(t) = &b.kind else {
                continue;
            };
            for r in &t.rows {
                let area = r.cells.first().map(|c| c.text.trim()).unwrap_or("");
                for (i, c) in r.cells.iter().enumerate() {
                    if !c
                        .text
                        .trim()
                        .trim_matches(|c: char| c == '*' || c == '_' || c == '`')
                        .trim()
                        .is_empty()
                    {
                        continue;
                    }
                    let col = t.header.get(i).map(|h| h.text.trim()).unwrap_or("?");
                    let span = cell_gap(&doc.text, r.span, c.span);
                    let what = if i == 0 {
                        "area".to_string()
                    } else {
                        format!("`{col}` for `{area}`")
                    };
                    sink.report(span, format!("RACI cell {what} is empty"))
                        .with_help("name a person or role, or write `N/A — <why>`");
                }
            }
        }
    }
}

/// An empty cell's span may have no width: widen it to the space between its pipes.
fn cell_gap(text: &str, row: Span, cell: Span) -> Span {
    if !cell.is_empty() {
        return cell;
    }
    let at = cell.start.clamp(row.start, row.end);
    let before = text[row.start..at].rfind('|').map(|p| row.start + p + 1);
    let after = text[at..row.end].find('|').map(|p| at + p);
    match (before, after) {
        (Some(b), Some(a)) if b < a => Span::new(b, a),
        _ => row,
    }
}
