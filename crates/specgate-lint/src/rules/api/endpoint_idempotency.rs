use super::{endpoints, field, title};
use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every `### Endpoint: <name>` section has an `**Idempotent:**` field
    /// that starts with `yes` or `no` and then says how: `yes (Idempotency-Key header)`,
    /// `no (each call creates a payment; clients must not retry)`. The template's
    /// unresolved `yes/no (how)` is left to `unresolved-alternatives`.
    ///
    /// ## Why
    /// Clients retry on timeouts. Whether a retry is safe, and what makes it safe, is
    /// part of the contract.
    ///
    /// ## Example
    /// ```markdown
    /// * **Idempotent:** yes
    /// ```
    ///
    /// ## Fix
    /// Add the mechanism: `* **Idempotent:** yes (Idempotency-Key header, 24 h window)`.
    name: "endpoint-idempotency", category: "api", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for s in endpoints(ctx) {
        let name = title(ctx, s);
        let Some(f) = field(ctx, s, &["Idempotent", "Idempotency", "Idempotent?"]) else {
            sink.report(ctx.doc.sections[s].heading_span, format!("{name} has no `**Idempotent:**` field"))
                .with_help("add `* **Idempotent:** yes (how, e.g. Idempotency-Key header)` or `no (why retries are unsafe)`");
            continue;
        };
        let v = f.value.trim();
        let lower = v.to_ascii_lowercase();
        let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.starts_with("yes/no") || compact.starts_with("no/yes") || v.starts_with('<') {
            continue; // template alternatives or placeholder: other rules
        }
        let word = lower
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        if word != "yes" && word != "no" {
            let shown = if v.is_empty() {
                "an empty value".to_string()
            } else {
                format!("`{v}`")
            };
            sink.report(
                f.span,
                format!("{name}: Idempotent is {shown}, not yes or no"),
            )
            .with_help("start with `yes` or `no`, then say how: `yes (Idempotency-Key header)`");
            continue;
        }
        let how = v[word.len()..].trim_matches(|c: char| {
            c.is_whitespace() || c.is_ascii_punctuation() || c == '—' || c == '–'
        });
        if how.is_empty() {
            sink.report(f.span, format!("{name}: Idempotent says `{v}` without how"))
                .with_help(if word == "yes" {
                    "say what makes retries safe: `yes (Idempotency-Key header)`, `yes (PUT replaces the whole resource)`"
                } else {
                    "say what happens on retry and what clients should do: `no (creates a new charge each call; do not retry)`"
                });
        }
    }
}
