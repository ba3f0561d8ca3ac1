use specgate_model::{EvidenceForm, EvidenceKind, Span};

use crate::context::Context;
use crate::diagnostic::{Applicability, Edit};
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports evidence statements written in a non-canonical form: emphasised
    /// (`**Evidence:** x`, `*Evidence gap:* y`) or trailing at the end of a sentence
    /// (`… and retries. Evidence: x`). They are accepted as evidence; this is style.
    /// `evidence-forms = ["emphasized", "trailing"]` in `specgate.toml` accepts those
    /// forms without a warning.
    ///
    /// ## Why
    /// One form is easy to scan and to grep, for people and for tools.
    ///
    /// ## Example
    /// `We retry twice. **Evidence:** docs/retries.md`
    ///
    /// ## Fix
    /// Safe: removes the emphasis, and moves a trailing statement to its own line
    /// (`Evidence: docs/retries.md`).
    name: "evidence-form", category: "evidence", severity: Warning
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let text = &doc.text;
    for (i, e) in doc.evidence.iter().enumerate() {
        if !matches!(e.form, EvidenceForm::Emphasized | EvidenceForm::Trailing)
            || ctx.evidence_forms.contains(&e.form)
        {
            continue;
        }
        // Only the first statement of a line carries the form; fix it once.
        if i > 0 && doc.evidence[i - 1].line_span == e.line_span {
            continue;
        }
        let label = if e.kind == EvidenceKind::Gap {
            "Evidence gap:"
        } else {
            "Evidence:"
        };
        let mut edits = Vec::new();
        let stmt_end = doc
            .evidence
            .get(i + 1)
            .filter(|n| n.line_span == e.line_span)
            .map_or(e.line_span.end, |n| n.span.start);
        let head = Span::new(e.span.start, e.text_span.start);
        let head_text = head.slice(text);
        if head_text.contains(['*', '_']) {
            edits.push(Edit {
                span: head,
                replacement: format!("{label} "),
            });
            let tail = Span::new(e.text_span.end, stmt_end);
            let tail_text = tail.slice(text);
            if !tail_text.trim().is_empty()
                && tail_text.trim().chars().all(|c| c == '*' || c == '_')
            {
                edits.push(Edit {
                    span: tail,
                    replacement: tail_text.replace(['*', '_'], ""),
                });
            }
        }
        if e.form == EvidenceForm::Trailing {
            let before = &text[e.line_span.start..e.span.start];
            let kept = before.trim_end().len();
            let line_no = doc.line_index.line_of(e.line_span.start);
            let phys = doc.line_index.line_span(text, line_no);
            let indent = " ".repeat(text[phys.start..e.line_span.start].chars().count());
            let eol = if text[e.line_span.end..].starts_with("\r\n") {
                "\r\n"
            } else {
                "\n"
            };
            edits.push(Edit {
                span: Span::new(e.line_span.start + kept, e.span.start),
                replacement: format!("{eol}{indent}"),
            });
        }
        edits.sort_by_key(|x| x.span.start);
        let msg = match e.form {
            EvidenceForm::Trailing => {
                "evidence statement trails the sentence instead of starting its own line"
            }
            _ => "evidence statement is emphasised; the canonical form is plain `Evidence:`",
        };
        sink.report(e.span, msg)
            .with_help(format!("write `{label} …` at the start of its own line"))
            .with_fix(
                "rewrite as a canonical evidence line",
                Applicability::Safe,
                edits,
            );
    }
}
