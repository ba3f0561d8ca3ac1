use specgate_model::Span;

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports the template's date placeholder `YYYY-MM-DD` left in prose, tables or
    /// header fields. In inline code (`` `YYYY-MM-DD` ``) it documents a date format
    /// and is not reported.
    ///
    /// ## Why
    /// A date that was never filled makes "Last updated", decision logs and due dates
    /// meaningless.
    ///
    /// ## Example
    /// `**Last updated:** YYYY-MM-DD`
    ///
    /// ## Fix
    /// Write the real date, e.g. `2026-11-24`.
    name: "date-placeholder", category: "placeholders", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for &line in ctx.prose_lines() {
        let s = doc.slice(line);
        // Candidates from one memchr pass; the pattern cannot overlap itself.
        let found = memchr::memchr_iter(b'Y', s.as_bytes())
            .filter(|&at| s.as_bytes()[at..].starts_with(b"YYYY-MM-DD"));
        for at in found {
            // In inline code (`YYYY-MM-DD`) the spec documents the format: a mention.
            if s[..at].matches('`').count() % 2 == 1 {
                continue;
            }
            sink.report(
                Span::new(line.start + at, line.start + at + 10),
                "date placeholder `YYYY-MM-DD` was not filled",
            )
            .with_help("write the real date, e.g. `2026-01-31`");
        }
    }
}
