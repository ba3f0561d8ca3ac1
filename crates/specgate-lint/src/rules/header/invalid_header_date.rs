use crate::context::Context;
use crate::dates::{format_date, parse_date};
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks header fields whose template value is a date (`YYYY-MM-DD`, such as
    /// `Last updated`): the value must start with a valid calendar date, and that date
    /// must not be in the future.
    ///
    /// ## Why
    /// `Last updated` tells a reader how stale a spec is; an impossible or future
    /// date tells them nothing.
    ///
    /// ## Example
    /// `**Last updated:** 2026-02-30`
    ///
    /// ## Fix
    /// Write the real date of the last change.
    name: "invalid-header-date", category: "header", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for spec in ctx.schema.header.iter().filter(|s| s.is_date) {
        for h in ctx
            .doc
            .header
            .iter()
            .filter(|h| h.key.eq_ignore_ascii_case(&spec.key))
        {
            let v = h.value.trim();
            if v.contains("YYYY") {
                continue; // date-placeholder reports it
            }
            let first = v.get(..10).unwrap_or(v);
            match parse_date(first) {
                None => {
                    sink.report(h.value_span, format!("`{v}` is not a valid date"))
                        .with_help("write a calendar date as YYYY-MM-DD");
                }
                Some(d) if d > ctx.today => {
                    sink.report(
                        h.value_span,
                        format!(
                            "{} `{first}` is in the future (today is {})",
                            spec.key,
                            format_date(ctx.today)
                        ),
                    );
                }
                Some(_) => {}
            }
        }
    }
}
