use specgate_model::{BlockKind, Role, Span};

use super::has_number;
use crate::context::Context;
use crate::rule::Sink;
use crate::rules::placeholders::unfilled_placeholder::find_placeholders;

crate::declare_rule! {
    /// ## What it does
    /// Checks that each top-level list item under **Success criteria (engineering)**
    /// contains a number (a digit, or a spelled-out count such as `one`), in the item
    /// or its nested items. Items that are only a template placeholder are left to
    /// `unfilled-placeholder`.
    ///
    /// ## Why
    /// The template asks for measurable outcomes tied to performance, reliability or
    /// correctness. Without a number nobody can say whether the criterion was met.
    ///
    /// ## Example
    /// ```markdown
    /// ### Success criteria (engineering)
    /// - Search is fast and reliable.
    /// ```
    ///
    /// ## Fix
    /// State the threshold and how it is measured: `- p95 search latency <= 300 ms over 7 days (API gateway logs)`.
    name: "unmeasurable-success-criterion", category: "numbers", severity: Warning
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for s in ctx.sections_with_role(Role::SuccessCriteria) {
        for b in doc.blocks_in(s) {
            let BlockKind::List(l) = &b.kind else {
                continue;
            };
            for (i, it) in l.items.iter().enumerate() {
                if it.depth != 0 {
                    continue;
                }
                let nested = l.items[i + 1..].iter().take_while(|x| x.depth > it.depth);
                let lines: Vec<Span> = it
                    .lines
                    .iter()
                    .copied()
                    .chain(nested.flat_map(|x| x.lines.iter().copied()))
                    .collect();
                let text: Vec<&str> = lines.iter().map(|l| doc.slice(*l)).collect();
                let own = it
                    .lines
                    .iter()
                    .map(|l| doc.slice(*l))
                    .collect::<Vec<_>>()
                    .join(" ");
                if own.trim().is_empty() || text.iter().any(|t| has_number(t)) {
                    continue;
                }
                let trimmed = own.trim();
                if find_placeholders(trimmed)
                    .first()
                    .is_some_and(|&(a, b)| a == 0 && b == trimmed.len())
                {
                    continue;
                }
                let span = it.lines.first().map_or(it.span, |f| {
                    Span::new(f.start, it.lines.last().map_or(f.end, |l| l.end))
                });
                sink.report(span, "success criterion has no number to measure it by")
                    .with_help("add a threshold and how it is measured, e.g. `p95 latency <= 300 ms (gateway logs)`, `0 P1 incidents in 30 days`, `100% of endpoints covered by contract tests`");
            }
        }
    }
}
