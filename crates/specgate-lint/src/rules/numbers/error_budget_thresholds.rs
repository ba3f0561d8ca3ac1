use specgate_model::{BlockKind, Role};

use super::is_na;
use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks that the **SLOs and Error Budget** section names burn thresholds: at
    /// least one percentage (or burn-rate multiple such as `2x`) on a line about the
    /// error budget policy, burn, triggers or alerts, e.g.
    /// `Error budget policy: at 50% burn freeze launches; at 100% roll back`.
    /// A section marked `N/A` is skipped (`na-without-reason` checks its reason).
    ///
    /// ## Why
    /// An error budget without thresholds is never acted on: the policy must say what
    /// happens at which share of the budget spent.
    ///
    /// ## Example
    /// ```markdown
    /// - Error budget policy: pause launches when the budget is burning fast
    /// ```
    ///
    /// ## Fix
    /// Name the thresholds and actions: `at 25/50/75/100% burn: notify / freeze launches / incident / rollback`.
    name: "error-budget-thresholds", category: "numbers", severity: Warning
}

/// A percentage (`25%`, `25/50/75/100%`) or a burn-rate multiple (`14.4x`).
fn has_threshold(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).any(|i| {
        let digit_before = i > 0 && b[i - 1].is_ascii_digit();
        if !digit_before {
            return false;
        }
        b[i] == b'%'
            || (b[i] == b' ' && b.get(i + 1) == Some(&b'%'))
            || ((b[i] == b'x' || b[i] == b'X')
                && b.get(i + 1).is_none_or(|c| !c.is_ascii_alphanumeric()))
    })
}

/// Lines that are about acting on the budget.
fn about_policy(s: &str) -> bool {
    let l = s.to_lowercase();
    [
        "burn",
        "policy",
        "threshold",
        "trigger",
        "alert",
        "budget use",
        "budget consumed",
        "budget spent",
        "exhaust",
    ]
    .iter()
    .any(|w| l.contains(w))
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for s in ctx.sections_with_role(Role::ErrorBudget) {
        let blocks: Vec<_> = crate::util::content_blocks(doc, s).collect();
        let Some(first) = blocks.first() else {
            continue;
        }; // empty: empty-section
        if is_na(doc.slice(first.span)) {
            continue;
        }
        let mut found = false;
        let mut lead_in = false; // the last paragraph introduced the policy
        for b in &blocks {
            match &b.kind {
                BlockKind::Paragraph { lines } => {
                    let text = lines
                        .iter()
                        .map(|l| doc.slice(*l))
                        .collect::<Vec<_>>()
                        .join(" ");
                    lead_in = about_policy(&text);
                    found |= lead_in && has_threshold(&text);
                }
                BlockKind::List(l) => {
                    let mut top = false;
                    for it in &l.items {
                        let text = it
                            .lines
                            .iter()
                            .map(|l| doc.slice(*l))
                            .collect::<Vec<_>>()
                            .join(" ");
                        if it.depth == 0 {
                            top = lead_in || about_policy(&text);
                        }
                        found |= (top || about_policy(&text)) && has_threshold(&text);
                    }
                    lead_in = false;
                }
                BlockKind::Table(t) => {
                    found |= t.rows.iter().any(|r| {
                        let row = doc.slice(r.span);
                        (lead_in || about_policy(row)) && has_threshold(row)
                    });
                }
                _ => {}
            }
            if found {
                break;
            }
        }
        if !found {
            let title = &doc.sections[s].title;
            sink.report(doc.sections[s].heading_span, format!("`{title}` names no error budget burn thresholds"))
                .with_help("state the actions at given shares of the budget spent, e.g. `Error budget policy: at 50% burn freeze launches; at 100% roll back`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::has_threshold;

    #[test]
    fn thresholds() {
        for ok in ["at 25/50/75/100% burn", "75 % burn", "14.4x burn rate"] {
            assert!(has_threshold(ok), "{ok}");
        }
        for no in ["30 days", "pause launches", "x%"] {
            assert!(!has_threshold(no), "{no}");
        }
    }
}
