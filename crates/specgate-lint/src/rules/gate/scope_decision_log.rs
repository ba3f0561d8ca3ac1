use specgate_model::{BlockKind, Role};

use crate::context::Context;
use crate::dates::{find_dates, parse_date};
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks each Scope Decision Log row: the `Date` cell is a valid calendar date
    /// (`YYYY-MM-DD`) and the `Decision` cell is `Approved`, `Deferred` or `Rejected`.
    /// Cells that are still placeholders or list every alternative are left to the
    /// placeholder rules.
    ///
    /// ## Why
    /// The log is the audit trail for scope changes; a decision that is not one of the
    /// three outcomes, or an impossible date, records nothing.
    ///
    /// ## Example
    /// `| 2026-02-30 | SMS fallback | Growth team | Maybe | Unclear cost | None yet |`
    ///
    /// ## Fix
    /// Use a real date and one of `Approved`, `Deferred`, `Rejected`.
    name: "scope-decision-log", category: "tables", severity: Error
}

const DECISIONS: [&str; 3] = ["approved", "deferred", "rejected"];

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for s in ctx.sections_with_role(Role::ScopeDecisionLog) {
        for b in doc.blocks_in(s) {
            let BlockKind::Table(t) = &b.kind else {
                continue;
            };
            let col = |name: &str| {
                t.header
                    .iter()
                    .position(|c| c.text.trim().trim_matches('*').eq_ignore_ascii_case(name))
            };
            let (date_col, dec_col) = (col("date"), col("decision"));
            for r in &t.rows {
                if let Some(c) = date_col.and_then(|i| r.cells.get(i)) {
                    let v = c
                        .text
                        .trim()
                        .trim_matches(|c: char| c == '`' || c == '*')
                        .trim();
                    let placeholder =
                        v.contains('<') || v.to_ascii_uppercase().contains("YYYY") || v.is_empty();
                    if !placeholder {
                        let dates = find_dates(v);
                        if dates.is_empty() {
                            sink.report(c.span, format!("`{v}` is not a `YYYY-MM-DD` date"))
                                .with_help("write the decision date as `YYYY-MM-DD`");
                        } else if let Some((_, d)) =
                            dates.iter().find(|(_, d)| parse_date(d).is_none())
                        {
                            sink.report(c.span, format!("`{d}` is not a valid calendar date"))
                                .with_help("check the month and day");
                        }
                    }
                }
                if let Some(c) = dec_col.and_then(|i| r.cells.get(i)) {
                    let v = c
                        .text
                        .trim()
                        .trim_matches(|c: char| c == '`' || c == '*' || c == '_')
                        .trim();
                    let lower = v.to_lowercase();
                    let listed = DECISIONS.iter().filter(|d| lower.contains(*d)).count();
                    if v.is_empty() || v.contains('<') || listed >= 2 {
                        continue;
                    }
                    let word: String = lower.chars().take_while(|c| c.is_alphabetic()).collect();
                    if !DECISIONS.contains(&word.as_str()) {
                        sink.report(
                            c.span,
                            format!("decision `{v}` is not Approved, Deferred or Rejected"),
                        )
                        .with_help("record one of `Approved`, `Deferred`, `Rejected`");
                    }
                }
            }
        }
    }
}
