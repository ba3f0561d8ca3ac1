//! The Quality Gate checklist and the tables and lists it relies on.

pub mod approved_with_open_items;
pub mod gate_box_contradicted;
pub mod overdue_open_question;
pub mod raci_cell_empty;
pub mod scope_decision_log;

use specgate_model::{BlockKind, Role, Span};

use crate::context::Context;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};

/// A checklist item of the Quality Gate: (its first line, ticked).
pub(crate) fn gate_items(ctx: &Context) -> Vec<(Span, bool)> {
    let mut out = Vec::new();
    let mut secs = ctx.sections_with_role(Role::QualityGate);
    if secs.is_empty() {
        // A renamed gate (`Spec Quality Gate`) that the template matching missed.
        secs = (0..ctx.doc.sections.len())
            .filter(|&s| ctx.doc.sections[s].key.ends_with("quality gate"))
            .collect();
    }
    for s in secs {
        for b in ctx.doc.blocks_in(s) {
            let BlockKind::List(l) = &b.kind else {
                continue;
            };
            for it in &l.items {
                if let (Some(c), Some(line)) = (it.checked, it.lines.first()) {
                    out.push((*line, c));
                }
            }
        }
    }
    out
}

/// Runs another rule (by exact code or name) and returns its findings.
pub(crate) fn run_rule(ctx: &Context, code: &str) -> Vec<Diagnostic> {
    let Some(rule) = crate::registry::lookup(code)
        .filter(|r| r.code.eq_ignore_ascii_case(code) || r.meta.name == code)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut sink = crate::rule::Sink {
        code: rule.code,
        meta: rule.meta,
        out: &mut out,
    };
    (rule.check)(ctx, &mut sink);
    out
}

/// Why a Quality Gate claim that specgate can verify does not hold.
pub(crate) struct Failure {
    pub message: String,
    pub label: Option<(Span, String)>,
    pub help: &'static str,
}

/// Verifies the claim of a gate item (its text). `None`: specgate cannot verify it;
/// `Some(Ok(()))`: it holds; `Some(Err(_))`: it does not.
pub(crate) fn verify(ctx: &Context, item: &str) -> Option<Result<(), Failure>> {
    let t = item.to_lowercase();
    let codes: &[&str] = if t.contains("state machine") {
        &["missing-state-machine"]
    } else if t.contains("every paragraph") && t.contains("evidence") {
        &["missing-evidence"]
    } else if t.contains("evidence gaps") && t.contains("evidence map") {
        &["gap-not-listed", "source-not-in-map"]
    } else if t.contains("api") && t.contains("schema") {
        &["SG705", "SG706"]
    } else if t.contains("architecture") && t.contains("diagram") {
        return architecture_diagrammed(ctx).map(|ok| {
            if ok {
                Ok(())
            } else {
                Err(Failure {
                    message: "the architecture section has no flowchart or graph diagram"
                        .into(),
                    label: None,
                    help: "add a ```mermaid flowchart block to the architecture section, or untick the box",
                })
            }
        });
    } else {
        return None;
    };
    let found: Vec<Diagnostic> = codes.iter().flat_map(|c| run_rule(ctx, c)).collect();
    let Some(first) = found.first() else {
        return Some(Ok(()));
    };
    let n = found.len();
    Some(Err(Failure {
        message: format!(
            "{} reports {n} finding{}",
            first.code,
            if n == 1 { "" } else { "s" }
        ),
        label: Some((first.span, format!("{}: {}", first.code, first.message))),
        help: "fix those findings, or untick the box",
    }))
}

/// Whether the top-level architecture section has a flowchart (`None`: no such section).
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

/// The `[x]` / `[ ]` box of a checklist item whose first text line is `line`.
pub(crate) fn box_span(ctx: &Context, line: Span) -> Option<Span> {
    let text = &ctx.doc.text;
    let ls = ctx
        .doc
        .line_index
        .line_span(text, ctx.doc.line_index.line_of(line.start));
    let before = &text[ls.start..line.start];
    let open = before.rfind('[')?;
    let b = ls.start + open;
    (text
        .get(b..b + 3)
        .is_some_and(|s| s.len() == 3 && s.ends_with(']') && matches!(&s[1..2], " " | "x" | "X")))
    .then(|| Span::new(b, b + 3))
}

/// Unticked Quality Gate items whose claim specgate verifies and finds true, reported
/// as `gate-box-contradicted` (info) with an unsafe fix that ticks the box. `check`
/// does not report these; `specgate fix --unsafe` uses them to sync the gate.
pub fn unticked_but_verified(ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(rule) = crate::registry::lookup("gate-box-contradicted") else {
        return out;
    };
    for (line, ticked) in gate_items(ctx) {
        if ticked || !matches!(verify(ctx, ctx.doc.slice(line)), Some(Ok(()))) {
            continue;
        }
        let Some(b) = box_span(ctx, line) else {
            continue;
        };
        out.push(Diagnostic {
            code: rule.code,
            name: rule.meta.name,
            severity: crate::diagnostic::Severity::Info,
            message: "unticked, but specgate verifies this claim".into(),
            span: line,
            labels: Vec::new(),
            help: Some("tick the box".into()),
            fix: Some(Fix {
                message: "tick the box".into(),
                applicability: Applicability::Unsafe,
                edits: vec![Edit {
                    span: b,
                    replacement: "[x]".into(),
                }],
            }),
        });
    }
    out
}
