use specgate_model::EvidenceKind;

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports an `Evidence:` statement that cites nothing: its text is empty, or only
    /// a word that points nowhere (`see above`, `same as above`, `below`, `N/A`,
    /// `none`, `TBD`, `TODO`, `various`, `internal`, `-`). A path, URL, ticket or any
    /// named source (`load test of 2026-10-14`, `user interviews`) is a citation, and
    /// so is the list or line right under an `**Evidence:**` label.
    ///
    /// ## Why
    /// An empty evidence line satisfies the evidence rule in form only; a reader
    /// cannot follow it. If there is no source yet, say so with `Evidence gap:`.
    ///
    /// ## Example
    /// `The ledger is append-only.` followed by `Evidence: see above`.
    ///
    /// ## Fix
    /// Cite the source (a path, URL, ticket or named document), or write
    /// `Evidence gap: <what is missing>`.
    name: "evidence-cites-nothing", category: "evidence", severity: Error
}

/// Whether the line after `line_end` holds content (a list item or text), not a blank
/// line, a heading or the end.
fn introduces_next_line(ctx: &Context, line_end: usize) -> bool {
    let rest = &ctx.doc.text[line_end.min(ctx.doc.text.len())..];
    let next = rest.trim_start_matches(['\r', '\n']);
    // Only the very next line counts: a blank line in between ends the statement.
    let blank_between =
        rest.len() - next.len() > 2 || rest.starts_with("\n\n") || rest.starts_with("\r\n\r\n");
    let line = next.lines().next().unwrap_or("").trim();
    !blank_between && !line.is_empty() && !line.starts_with('#')
}

/// Evidence text that cites nothing (folded: lower case, punctuation trimmed).
const NOTHING: &[&str] = &[
    "",
    "see above",
    "above",
    "as above",
    "same as above",
    "see below",
    "below",
    "ditto",
    "n/a",
    "na",
    "none",
    "tbd",
    "todo",
    "tba",
    "various",
    "multiple",
    "internal",
    "see section",
    "-",
    "--",
    "—",
    "…",
    "...",
    "?",
];

pub fn check(ctx: &Context, sink: &mut Sink) {
    for e in ctx
        .doc
        .evidence
        .iter()
        .filter(|e| e.kind == EvidenceKind::Source)
    {
        if !e.sources.is_empty() {
            continue;
        }
        let t = e
            .text
            .trim()
            .trim_end_matches(['.', ';', ','])
            .trim()
            .to_lowercase();
        // `**Evidence:**` as the label of the list or lines under it cites those.
        if t.is_empty() && introduces_next_line(ctx, e.line_span.end) {
            continue;
        }
        if NOTHING.contains(&t.as_str()) {
            let what = if t.is_empty() {
                "is empty".to_string()
            } else {
                format!("cites nothing (`{}`)", e.text.trim())
            };
            sink.report(e.span, format!("this `Evidence:` line {what}"))
                .with_help("cite a path, URL, ticket or named source, or write `Evidence gap: <what is missing>`");
        }
    }
}
