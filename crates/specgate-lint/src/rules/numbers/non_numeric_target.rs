use specgate_model::{BlockKind, Role};

use super::{has_number_with_unit, is_na};
use crate::context::Context;
use crate::rule::Sink;
use crate::rules::placeholders::unfilled_placeholder::find_placeholders;

crate::declare_rule! {
    /// ## What it does
    /// In the Performance Requirements section, checks each cell of a table's `Target`
    /// column for a number with a unit or a percent: `<= 300 ms`, `99.9%`, `500 rps`,
    /// `2 GB`, `3x`. Cells still holding a template placeholder (`<ms>`) are left to
    /// `unfilled-placeholder`; `N/A` with a reason in the row is accepted.
    ///
    /// ## Why
    /// "Fast" or "high" cannot be tested or alerted on; the template's quality gate asks
    /// that performance targets be numeric and measurable.
    ///
    /// ## Example
    /// ```markdown
    /// | SLI | Target | Measurement |
    /// |---|---:|---|
    /// | p95 latency | fast | API gateway logs |
    /// ```
    ///
    /// ## Fix
    /// Give a number and a unit: `<= 300 ms`. If the SLI does not apply, write
    /// `N/A` and say why in the row.
    name: "non-numeric-target", category: "numbers", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for s in ctx.sections_with_role(Role::Performance) {
        for b in doc.blocks_in(s) {
            let BlockKind::Table(t) = &b.kind else {
                continue;
            };
            let Some(col) = t.header.iter().position(|c| {
                c.text
                    .trim()
                    .trim_matches('*')
                    .eq_ignore_ascii_case("target")
            }) else {
                continue;
            };
            for r in &t.rows {
                let Some(cell) = r.cells.get(col) else {
                    continue;
                };
                let v = cell.text.trim();
                if v.is_empty() {
                    let sli = r.cells.first().map(|c| c.text.trim()).unwrap_or("");
                    sink.report(r.span, format!("the target for `{sli}` is empty"))
                        .with_help(
                            "give a number with a unit, e.g. `<= 300 ms`, `99.9%`, `500 rps`",
                        );
                    continue;
                }
                if has_number_with_unit(v) || !find_placeholders(v).is_empty() {
                    continue;
                }
                // `N/A (not a service change)` in the target or another cell explains it.
                if is_na(v)
                    && (v.len() > 3
                        || r.cells
                            .iter()
                            .skip(1)
                            .any(|c| is_na(&c.text) && c.text.trim().len() > 3))
                {
                    continue;
                }
                let sli = r.cells.first().map(|c| c.text.trim()).unwrap_or("");
                if v.starts_with('<') && v.ends_with('>') {
                    sink.report(cell.span, format!("target `{v}` for `{sli}` is still the template's placeholder"))
                        .with_help("replace it with the committed target, e.g. `99.9%`, `<= 300 ms`, `500 rps`");
                    continue;
                }
                let help = if v.chars().any(|c| c.is_ascii_digit()) {
                    "add the unit, e.g. `300 ms`, `99.9%`, `500 rps`"
                } else if is_na(v) {
                    "say why this SLI does not apply, e.g. `N/A (batch job, no request path)`"
                } else {
                    "replace it with a number and a unit, e.g. `<= 300 ms`, `99.9%`, `500 rps`"
                };
                sink.report(
                    cell.span,
                    format!("target `{v}` for `{sli}` is not a number with a unit"),
                )
                .with_help(help);
            }
        }
    }
}
