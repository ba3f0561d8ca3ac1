use specgate_model::BlockKind;

use super::{endpoints, title};
use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every `### Endpoint: <name>` section lists at least one error
    /// status: a list item (or first table cell) starting with a three-digit HTTP status
    /// or a class such as `4xx`/`5xx`, e.g. `* 400: invalid body`, `* 401/403: …`.
    ///
    /// ## Why
    /// The template's quality gate asks that APIs have complete schemas and errors;
    /// clients cannot handle failures that were never specified.
    ///
    /// ## Example
    /// ```markdown
    /// **Errors**
    ///
    /// Standard error handling applies.
    /// ```
    ///
    /// ## Fix
    /// List the statuses this endpoint returns and when: `* 404: order not found`,
    /// `* 409: duplicate Idempotency-Key with a different body`.
    name: "endpoint-errors", category: "api", severity: Error
}

/// Whether `s` starts with `400`, `4xx`, `**404**`, `` `5XX` `` and so on.
fn starts_with_status(s: &str) -> bool {
    let t = s
        .trim_start()
        .trim_start_matches(['*', '_', '`', '[', '('])
        .as_bytes();
    if t.len() < 3 || !(b'1'..=b'5').contains(&t[0]) {
        return false;
    }
    let digits = t[1].is_ascii_digit() && t[2].is_ascii_digit();
    let class = t[1].eq_ignore_ascii_case(&b'x') && t[2].eq_ignore_ascii_case(&b'x');
    (digits || class) && t.get(3).is_none_or(|c| !c.is_ascii_alphanumeric())
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for s in endpoints(ctx) {
        let has = doc.blocks_in(s).iter().any(|b| match &b.kind {
            BlockKind::List(l) => l.items.iter().any(|it| {
                it.lines
                    .first()
                    .is_some_and(|l| starts_with_status(doc.slice(*l)))
            }),
            BlockKind::Table(t) => t
                .rows
                .iter()
                .any(|r| r.cells.first().is_some_and(|c| starts_with_status(&c.text))),
            _ => false,
        });
        if !has {
            let name = title(ctx, s);
            sink.report(doc.sections[s].heading_span, format!("{name} lists no error status codes"))
                .with_help("under **Errors**, list each status and when it happens, e.g. `* 400: <when>`, `* 404: <when>`, even if a shared error model applies");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::starts_with_status;

    #[test]
    fn statuses() {
        for ok in [
            "400: bad",
            "401/403: x",
            "5xx: y",
            "**404** — z",
            "`409 Conflict`",
            "429",
        ] {
            assert!(starts_with_status(ok), "{ok}");
        }
        for no in ["4000 items", "Validation errors", "200ms", "p95", "600: x"] {
            assert!(!starts_with_status(no), "{no}");
        }
    }
}
