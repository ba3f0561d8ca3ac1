use specgate_model::BlockKind;

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a section whose only content is a bare `N/A` (or `n/a`, `NA`,
    /// `Not applicable`) with no reason.
    ///
    /// ## Why
    /// The template's RNIA rule: a section may be N/A, but the heading stays and a
    /// one-line reason follows, so reviewers can challenge it.
    ///
    /// ## Example
    /// ```markdown
    /// ## 30) Localization & Internationalization (required)
    /// N/A
    /// ```
    ///
    /// ## Fix
    /// Say why: `N/A — internal tool, English only; no user-facing strings.`
    name: "na-without-reason", category: "structure", severity: Error
}

pub fn is_bare_na(s: &str) -> bool {
    let t = s
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '.' || c == '`')
        .trim();
    matches!(
        t.to_ascii_lowercase().as_str(),
        "n/a" | "na" | "not applicable" | "none"
    )
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for (di, sec) in doc.sections.iter().enumerate() {
        if ctx.matching.doc_to_spec[di].is_none() || !sec.children.is_empty() {
            continue;
        }
        let blocks: Vec<_> = crate::util::content_blocks(doc, di).collect();
        let [b] = blocks.as_slice() else { continue };
        let text = match &b.kind {
            BlockKind::Paragraph { .. } => doc.slice(b.span),
            BlockKind::List(l) if l.items.len() == 1 && l.items[0].lines.len() == 1 => {
                doc.slice(l.items[0].lines[0])
            }
            _ => continue,
        };
        if is_bare_na(text) {
            sink.report(
                b.span,
                format!("`{}` is marked N/A without a reason", sec.title),
            )
            .with_help("keep the heading and give a one-line reason: `N/A — <why>`");
        }
    }
}
