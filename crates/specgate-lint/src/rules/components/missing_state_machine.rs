use specgate_model::{BlockKind, Role, SectionId, Span};

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks that each `### Component: X` section contains a Mermaid
    /// `stateDiagram-v2` (or `stateDiagram`) block, in the section or any subsection,
    /// or says `State machine: N/A` with a reason: `N/A (stateless) — <why>`,
    /// `N/A (stateless per request)` or `N/A — <why>`. A bare N/A is reported.
    ///
    /// ## Why
    /// The template requires a state machine for every stateful component (RNIA:
    /// required, or N/A with reason). Lifecycle bugs hide in undrawn states.
    ///
    /// ## Example
    /// ```markdown
    /// ### Component: Scheduler
    /// #### State machine
    /// State machine: N/A
    /// ```
    ///
    /// ## Fix
    /// Add a `stateDiagram-v2` block, or write `State machine: N/A (stateless) — <why>`.
    name: "missing-state-machine", category: "components", severity: Error
}

/// What the component's text says about its state machine.
enum Na {
    None,
    /// A bare N/A, on this line.
    Bare(Span),
    Reasoned,
}

/// The reason words after an N/A marker (`stateless` alone is not a reason).
fn has_reason(rest: &str) -> bool {
    rest.split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && w != "stateless")
}

/// Looks for `State machine: N/A …` in the component's prose (not its guidance
/// quotes), or a line starting with `N/A` in its State machine subsection.
fn na_statement(ctx: &Context, s: SectionId, sm: Option<SectionId>) -> Na {
    let doc = ctx.doc;
    let mut lines: Vec<Span> = Vec::new();
    for b in doc.blocks_in(s) {
        match &b.kind {
            BlockKind::Paragraph { lines: l } => lines.extend_from_slice(l),
            BlockKind::List(l) => l
                .items
                .iter()
                .for_each(|it| lines.extend_from_slice(&it.lines)),
            _ => {}
        }
    }
    let mut result = Na::None;
    for l in lines {
        let folded: String = doc
            .slice(l)
            .chars()
            .filter(|c| *c != '*' && *c != '`' && *c != '_')
            .collect::<String>()
            .to_lowercase();
        let rest = if let Some(p) = folded.find("state machine: n/a") {
            &folded[p + "state machine: n/a".len()..]
        } else if sm.is_some() && doc.section_at(l.start) == sm {
            let t = folded.trim_start();
            match ["n/a", "not applicable"].iter().find(|m| t.starts_with(*m)) {
                Some(m) => &t[m.len()..],
                None => continue,
            }
        } else {
            continue;
        };
        if has_reason(rest) {
            return Na::Reasoned;
        }
        result = Na::Bare(l);
    }
    result
}

pub(crate) fn has_state_diagram(ctx: &Context, s: SectionId) -> bool {
    ctx.doc.blocks_in(s).iter().any(|b| matches!(&b.kind, BlockKind::Code(c) if c.lang == "mermaid" && super::is_state_diagram(&c.content)))
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for s in ctx.sections_with_role(Role::Component) {
        if has_state_diagram(ctx, s) {
            continue;
        }
        let sec = &doc.sections[s];
        let sm = sec
            .children
            .iter()
            .copied()
            .find(|&c| ctx.role_of(c) == Some(Role::StateMachine));
        match na_statement(ctx, s, sm) {
            Na::Reasoned => {}
            Na::Bare(line) => {
                sink.report(
                    line,
                    format!(
                        "`{}` marks its state machine N/A without a reason",
                        sec.title
                    ),
                )
                .with_label(sec.heading_span, "component declared here")
                .with_help("say why: `State machine: N/A (stateless) — <one-line reason>`");
            }
            Na::None => {
                let d = sink.report(
                    sec.heading_span,
                    format!(
                        "`{}` has no state machine and no `State machine: N/A` reason",
                        sec.title
                    ),
                );
                if let Some(c) = sm {
                    d.with_label(
                        doc.sections[c].heading_span,
                        "this subsection has no stateDiagram block",
                    );
                }
                d.with_help("add a ```mermaid stateDiagram-v2 block, or write `State machine: N/A (stateless) — <why>`");
            }
        }
    }
}
