use std::collections::HashMap;

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a template section that appears twice under the same parent.
    /// Repeatable sections (`### Component: <name>`, `### Endpoint: <name>`) are exempt,
    /// and so are copies that each say, in parentheses, which part they hold, and say
    /// different things (`User Stories (MVP)` and `User Stories (Phase 1)`): a
    /// deliberate split. `Acceptance Criteria (Top-level)` and `Acceptance Criteria`
    /// are still two copies of one section.
    ///
    /// ## Why
    /// Two `Evidence Map` sections (a classic result of appending tools) leave readers
    /// and tools unsure which one is current.
    ///
    /// ## Example
    /// `## 35) Evidence Map (required)` and, later, `## Evidence Map`.
    ///
    /// ## Fix
    /// Merge the two sections into the first one.
    name: "duplicate-section", category: "structure", severity: Warning
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let mut seen: HashMap<(Option<usize>, usize), usize> = HashMap::new();
    for (di, sec) in doc.sections.iter().enumerate() {
        let Some(si) = ctx.matching.doc_to_spec[di] else {
            continue;
        };
        if ctx.schema.sections[si].pattern.is_some() {
            continue;
        }
        match seen.get(&(sec.parent, si)) {
            Some(&first) if distinct_parts(&doc.sections[first], sec) => {}
            Some(&first) => {
                sink.report(
                    sec.heading_span,
                    format!(
                        "section `{}` appears more than once",
                        ctx.schema.sections[si].title
                    ),
                )
                .with_label(doc.sections[first].heading_span, "first appears here")
                .with_help("merge it into the first occurrence");
            }
            None => {
                seen.insert((sec.parent, si), di);
            }
        }
    }
}

/// Whether two headings each qualify their title in parentheses (`(MVP)`, not
/// `(required)`), differently.
fn distinct_parts(a: &specgate_model::Section, b: &specgate_model::Section) -> bool {
    let part = |s: &specgate_model::Section| {
        s.annotations
            .iter()
            .filter(|x| x.kind == specgate_model::AnnotationKind::Other)
            .map(|x| specgate_model::normalize_title(&x.text))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (pa, pb) = (part(a), part(b));
    !pa.is_empty() && !pb.is_empty() && pa != pb
}
