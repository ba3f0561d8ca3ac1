use specgate_model::BlockKind;

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a section whose only content is a bare `N/A` (or `n/a`, `NA`,
    /// `Not applicable`, `None`) with no reason. An `Evidence:` line after it does not
    /// make a reason. `None` is a full answer, not an N/A, in a section that lists open
    /// items (questions, unresolved or known issues, blockers). The rule runs only when
    /// the template has an N/A rule (it says `N/A` somewhere).
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

fn is_none(s: &str) -> bool {
    s.trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '.' || c == '`')
        .trim()
        .eq_ignore_ascii_case("none")
}

/// A section whose content is a list of open items (questions, unresolved issues,
/// blockers), for which `None` is a full answer.
fn lists_open_items(key: &str) -> bool {
    [
        "question",
        "unresolved",
        "open issue",
        "open item",
        "blocker",
        "known issue",
    ]
    .iter()
    .any(|w| key.contains(w))
}

/// The paragraph up to its first evidence statement: `N/A` then `Evidence: x` is still
/// a bare N/A.
fn before_evidence(ctx: &Context, block: specgate_model::Span) -> specgate_model::Span {
    let end = ctx
        .doc
        .evidence
        .iter()
        .filter(|e| e.line_span.start >= block.start && e.line_span.start < block.end)
        .map(|e| e.span.start)
        .min()
        .unwrap_or(block.end);
    specgate_model::Span::new(block.start, end.max(block.start))
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
            BlockKind::Paragraph { .. } => doc.slice(before_evidence(ctx, b.span)),
            BlockKind::List(l) if l.items.len() == 1 && l.items[0].lines.len() == 1 => {
                doc.slice(l.items[0].lines[0])
            }
            _ => continue,
        };
        // "None." answers a section that lists open items; it is not a missing reason.
        if is_none(text) && lists_open_items(&sec.key) {
            continue;
        }
        if is_bare_na(text) {
            sink.report(
                b.span,
                format!("`{}` is marked N/A without a reason", sec.title),
            )
            .with_help("keep the heading and give a one-line reason: `N/A — <why>`");
        }
    }
}
