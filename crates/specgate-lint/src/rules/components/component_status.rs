use specgate_model::{Role, Span};

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks that each `### Component: X` section has a `**Status:**` line whose
    /// value is `planned`, `current` or `future` (case-insensitive; a note may follow,
    /// as in `current (added 2026-01-17)`). A value that still lists every alternative
    /// is left to `unresolved-alternatives`.
    ///
    /// ## Why
    /// The template asks for planned, current and future components side by side;
    /// without a status, readers cannot tell what exists today from what is proposed.
    ///
    /// ## Example
    /// ```markdown
    /// ### Component: Ledger
    /// **Status:** in progress
    /// ```
    ///
    /// ## Fix
    /// Write `**Status:** planned`, `current` or `future` under the component heading.
    name: "component-status", category: "components", severity: Error
}

pub(crate) const VALUES: [&str; 3] = ["planned", "current", "future"];

/// `**Status:** value` (or `__Status:__`, `**Status**:`) at the start of a line: the value span.
pub(crate) fn status_value(text: &str, line: Span) -> Option<Span> {
    let s = line.slice(text);
    let lead = s.len() - s.trim_start().len();
    let t = s.trim_start();
    for pre in ["**Status:**", "__Status:__", "**Status**:", "__Status__:"] {
        // Compared as bytes: `pre` is ASCII, so a match ends on a char boundary.
        if t.len() >= pre.len() && t.as_bytes()[..pre.len()].eq_ignore_ascii_case(pre.as_bytes()) {
            let v = &t[pre.len()..];
            let vl = v.len() - v.trim_start().len();
            let start = line.start + lead + pre.len() + vl;
            return Some(Span::new(start, start + v.trim().len()));
        }
    }
    None
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for s in ctx.sections_with_role(Role::Component) {
        let sec = &doc.sections[s];
        let mut found = None;
        'blocks: for b in doc.blocks_in(s) {
            for l in b.field_lines() {
                if let Some(v) = status_value(&doc.text, l) {
                    found = Some(v);
                    break 'blocks;
                }
            }
        }
        let Some(v) = found else {
            sink.report(
                sec.heading_span,
                format!("`{}` has no `**Status:**` line", sec.title),
            )
            .with_help("add `**Status:** planned`, `current` or `future` under the heading");
            continue;
        };
        let raw = doc.slice(v);
        let value = raw
            .trim_matches(|c: char| c == '`' || c == '*' || c == '_')
            .trim();
        if value.contains('|') || value.contains('<') {
            continue; // unresolved alternatives / placeholder: other rules
        }
        let word: String = value.chars().take_while(|c| c.is_alphabetic()).collect();
        if VALUES.iter().any(|a| a.eq_ignore_ascii_case(&word)) {
            continue;
        }
        let msg = if value.is_empty() {
            format!("`{}` has an empty status", sec.title)
        } else {
            format!("component status `{value}` is not planned, current or future")
        };
        sink.report(if v.is_empty() { sec.heading_span } else { v }, msg)
            .with_label(sec.heading_span, "component declared here")
            .with_help("use `planned`, `current` or `future`");
    }
}
