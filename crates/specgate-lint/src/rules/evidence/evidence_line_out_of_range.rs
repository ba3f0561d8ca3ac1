use specgate_model::evidence::cited_lines;
use specgate_model::SourceKind;

use super::path_statuses;
use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a cited line or line range past the end of the cited file:
    /// `src/ledger.rs:500`, `src/ledger.rs:480-520`, `docs/a.md#L9-L12` or GitHub's
    /// `#L9C1-L12C4`, when the file exists under the evidence root (as
    /// `evidence-path-not-found` resolves it) and has fewer lines than the location
    /// names. Lines are counted as an editor numbers them. Heading anchors
    /// (`docs/a.md#setup`), directories and files over 16 MiB are not checked.
    ///
    /// ## Why
    /// A line reference that runs off the end of its file points at code that has moved
    /// or was never there: the claim it supports cannot be checked.
    ///
    /// ## Example
    /// `Evidence: src/ledger.rs#L480-L520` when `src/ledger.rs` has 310 lines.
    ///
    /// ## Fix
    /// Find the lines the claim rests on and cite them again (`#L…` or `:line`), or cite
    /// the file without a location.
    name: "evidence-line-out-of-range", category: "evidence", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    if ctx.evidence_root.is_none() {
        return;
    }
    let statuses = path_statuses(ctx);
    for e in &ctx.doc.evidence {
        for s in e.sources.iter().filter(|s| s.kind == SourceKind::Path) {
            let Some((first, last)) = cited_lines(&s.text) else {
                continue;
            };
            let Some(found) = statuses.get(&s.text).and_then(|st| st.found.as_deref()) else {
                continue;
            };
            let Some(n) = crate::fs_cache::line_count(ctx.fs_cache, found) else {
                continue;
            };
            if last as usize <= n {
                continue;
            }
            let file = specgate_model::evidence::strip_location(&s.text);
            let cited = if first == last {
                format!("line {first}")
            } else {
                format!("lines {first}–{last}")
            };
            let has = match n {
                1 => "1 line".to_string(),
                n => format!("{n} lines"),
            };
            sink.report(
                s.span,
                format!("`{}` cites {cited}, but `{file}` has {has}", s.text),
            )
            .with_help("cite the lines the claim rests on, or the file without a location");
        }
    }
}
