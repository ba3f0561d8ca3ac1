use specgate_model::{BlockKind, Document, Span};

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a value that still lists the template's alternatives instead of choosing
    /// one: `Draft | In Review | Approved`, `Approved/Deferred/Rejected`, `yes/no`.
    /// The alternatives are read from the template's header values, bold-key values and
    /// table cells (not the first column, which labels rows), so a custom template gets
    /// the same check.
    ///
    /// ## Why
    /// Leaving every option in place means no decision was recorded.
    ///
    /// ## Example
    /// `**Status:** Draft | In Review | Approved`
    ///
    /// ## Fix
    /// Keep the one alternative that applies.
    name: "unresolved-alternatives", category: "placeholders", severity: Error
}

/// `a/b/c` or `a | b | c` where every part is one to three plain words.
fn alternatives(s: &str) -> Option<String> {
    // Most values have no separator at all: one memchr pass rules them out.
    memchr::memchr2(b'/', b'|', s.as_bytes())?;
    let s = match s.find(" (") {
        Some(p) => &s[..p],
        None => s,
    };
    let s = s.trim().trim_matches('`');
    if s.contains('<') {
        return None;
    }
    let parts: Vec<&str> = if s.contains(" | ") {
        s.split('|').collect()
    } else {
        s.split('/').collect()
    };
    let ok = parts.len() >= 2
        && parts.iter().all(|p| {
            let p = p.trim();
            !p.is_empty()
                && p.split_whitespace().count() <= 3
                && p.chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
        });
    ok.then(|| s.to_string())
}

fn value_spans(doc: &Document) -> Vec<Span> {
    let mut out: Vec<Span> = doc.header.iter().map(|h| h.value_span).collect();
    for b in &doc.blocks {
        match &b.kind {
            BlockKind::List(l) => out.extend(
                l.items
                    .iter()
                    .filter_map(|it| it.field.as_ref().map(|f| f.value_span)),
            ),
            // The first column holds row labels (`Security/Privacy`), not choices.
            BlockKind::Table(t) => out.extend(
                t.rows
                    .iter()
                    .flat_map(|r| r.cells.iter().skip(1).map(|c| c.span)),
            ),
            _ => {}
        }
    }
    // A header written as a list is both a header field and a list field: once only.
    out.sort_unstable();
    out.dedup();
    out
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let t = &ctx.schema.template;
    let mut alts: Vec<String> = value_spans(t)
        .into_iter()
        .filter_map(|s| alternatives(t.slice(s)))
        .collect();
    alts.sort();
    alts.dedup();
    if alts.is_empty() {
        return;
    }
    let doc = ctx.doc;
    for span in value_spans(doc) {
        let v = doc.slice(span);
        // Every alternative has a `/` or a `|`: values without one cannot hold any.
        if memchr::memchr2(b'/', b'|', v.as_bytes()).is_none() {
            continue;
        }
        if let Some(a) = alts.iter().find(|a| v.contains(a.as_str())) {
            let at = span.start + v.find(a.as_str()).unwrap_or(0);
            sink.report(
                Span::new(at, at + a.len()),
                format!("unresolved alternatives `{a}`"),
            )
            .with_help("keep the one that applies");
        }
    }
}
