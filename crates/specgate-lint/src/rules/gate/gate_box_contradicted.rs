use specgate_model::BlockKind;

use crate::context::Context;
use crate::diagnostic::Diagnostic;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a ticked `[x]` Quality Gate item whose claim specgate can check and finds
    /// false:
    /// - "Every stateful component has a state machine" while `missing-state-machine` fires;
    /// - "Every paragraph ends with `Evidence:`…" while `missing-evidence` fires;
    /// - "Evidence Gaps and Evidence Map sections are complete" while `gap-not-listed`
    ///   or `source-not-in-map` fires;
    /// - "Architecture is clear and diagrammed" while the architecture section has no
    ///   `flowchart`/`graph` Mermaid block;
    /// - "APIs have complete schemas + errors" while the API schema/error rules fire.
    ///
    /// ## Why
    /// A ticked box is a claim reviewers rely on; a box ticked against the evidence
    /// makes the whole gate untrustworthy.
    ///
    /// ## Example
    /// `* [x] Every stateful component has a state machine (or N/A + reason)` while a
    /// component has neither.
    ///
    /// ## Fix
    /// Fix what the other finding reports, or untick the box.
    name: "gate-box-contradicted", category: "quality-gate", severity: Error
}

/// Runs another rule (by code or name) and returns its findings.
fn run(ctx: &Context, code: &str) -> Vec<Diagnostic> {
    let Some(rule) = crate::registry::lookup(code)
        .filter(|r| r.code.eq_ignore_ascii_case(code) || r.meta.name == code)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut sink = Sink {
        code: rule.code,
        meta: rule.meta,
        out: &mut out,
    };
    (rule.check)(ctx, &mut sink);
    out
}

fn architecture_diagrammed(ctx: &Context) -> Option<bool> {
    let doc = ctx.doc;
    let secs: Vec<_> = (0..doc.sections.len())
        .filter(|&s| {
            doc.sections[s].key.contains("architecture")
                && doc.sections[s]
                    .parent
                    .is_none_or(|p| !doc.sections[p].key.contains("architecture"))
        })
        .collect();
    if secs.is_empty() {
        return None;
    }
    Some(secs.iter().any(|&s| {
        doc.blocks_in(s).iter().any(|b| {
            matches!(&b.kind, BlockKind::Code(c) if c.lang == "mermaid"
                && c.content.split_whitespace().next().is_some_and(|w| w.starts_with("flowchart") || w == "graph"))
        })
    }))
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for (line, ticked) in super::gate_items(ctx) {
        if !ticked {
            continue;
        }
        let t = ctx.doc.slice(line).to_lowercase();
        let codes: &[&str] = if t.contains("state machine") {
            &["missing-state-machine"]
        } else if t.contains("every paragraph") && t.contains("evidence") {
            &["missing-evidence"]
        } else if t.contains("evidence gaps") && t.contains("evidence map") {
            &["gap-not-listed", "source-not-in-map"]
        } else if t.contains("api") && t.contains("schema") {
            &["SG705", "SG706"]
        } else if t.contains("architecture") && t.contains("diagram") {
            if architecture_diagrammed(ctx) == Some(false) {
                sink.report(line, "ticked, but the architecture section has no flowchart or graph diagram")
                    .with_help("add a ```mermaid flowchart block to the architecture section, or untick the box");
            }
            continue;
        } else {
            continue;
        };
        let found: Vec<Diagnostic> = codes.iter().flat_map(|c| run(ctx, c)).collect();
        let Some(first) = found.first() else { continue };
        let n = found.len();
        sink.report(
            line,
            format!(
                "ticked, but {} reports {n} finding{}",
                first.code,
                if n == 1 { "" } else { "s" }
            ),
        )
        .with_label(first.span, format!("{}: {}", first.code, first.message))
        .with_help("fix those findings, or untick the box");
    }
}
