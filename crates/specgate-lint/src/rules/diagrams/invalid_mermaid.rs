use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a Mermaid diagram that mermaid.js would reject, at the exact line and
    /// column of the spec where parsing fails, with what the parser expected there.
    /// Flowcharts, state, sequence, ER, class and Gantt diagrams are validated
    /// in-process (agreeing with mermaid.js 11.17 `mermaid.parse`); a fence whose type
    /// cannot be detected is reported too.
    ///
    /// ## Why
    /// A broken diagram renders as an error box on GitHub and in every viewer, and
    /// the architecture, flow or state machine it should document is lost.
    ///
    /// ## Example
    /// ```mermaid
    /// sequenceDiagram
    ///   Client->>API: POST /orders
    ///   API-->>>Client: 201
    /// ```
    ///
    /// ## Fix
    /// Correct the syntax at the reported position (here `-->>`). `specgate diagrams
    /// --check FILE` validates the diagrams of a spec or `.mmd` file on their own.
    name: "invalid-mermaid", category: "diagrams", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for (d, v) in super::validated(ctx) {
        let Some(e) = v.error() else { continue };
        let span = super::error_span(ctx.doc, &d, e.offset)
            .unwrap_or_else(|| super::fence_span(ctx.doc, &d));
        let diag = sink
            .report(
                span,
                format!("invalid Mermaid {}: {}", v.kind.name(), e.message),
            )
            .with_label(super::fence_span(ctx.doc, &d), "in this diagram");
        if e.message.contains("quote it") {
            // Show how: the label in double quotes, as mermaid.js accepts it.
            diag.with_help(
                "put the label in double quotes: `A[\"Login (SSO) @ edge\"]`; inside them `(`, `)`, `@`, `|` and `:` are plain text (`#quot;` writes a quote)",
            );
        } else if !e.expected.is_empty() {
            diag.with_help(format!("expected {}", e.expected.join(", ")));
        }
    }
}
