use specgate_model::{EvidenceForm, EvidenceKind, Role, Span};

use crate::context::Context;
use crate::diagnostic::{Applicability, Edit};
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports evidence statements written in a non-canonical form: emphasised
    /// (`**Evidence:** x`, `*Evidence gap:* y`), a label in other words (`Evidence
    /// source: x` for `Evidence: x`; `Evidence required: y`, `needed`, `pending` or
    /// `missing` for `Evidence gap: y`), or trailing at the end of a sentence (`… and
    /// retries. Evidence: x`). They are accepted as evidence; this is style.
    /// `evidence-forms = ["emphasized", "trailing"]` in `specgate.toml` accepts those
    /// forms without a warning. Not reported: statements inside the Evidence Gaps and
    /// Evidence Map sections (their entries are the list of gaps and sources, not
    /// claims), and a bold `**Evidence:**` with nothing after it, which labels the
    /// list below it.
    ///
    /// ## Why
    /// One form is easy to scan and to grep, for people and for tools.
    ///
    /// ## Example
    /// `We retry twice. **Evidence:** docs/retries.md`
    ///
    /// ## Fix
    /// Safe: removes the emphasis and moves a trailing statement to its own line
    /// (`Evidence: docs/retries.md`). Unsafe (it drops the label's words): writes the
    /// template's label for one in other words.
    name: "evidence-form", category: "evidence", severity: Warning
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let text = &doc.text;
    let ev = &doc.evidence;
    let mut i = 0;
    while i < ev.len() {
        // The statements that share this line: one finding, one fix for all of them.
        let line = ev[i].line_span;
        let n = ev[i..].iter().take_while(|e| e.line_span == line).count();
        let group = &ev[i..i + n];
        i += n;
        let flagged = |e: &specgate_model::Evidence| {
            matches!(e.form, EvidenceForm::Emphasized | EvidenceForm::Trailing)
                && !ctx.evidence_forms.contains(&e.form)
                && (e.form != EvidenceForm::Emphasized || !e.text.trim().is_empty())
                && !e.section.is_some_and(|s| {
                    ctx.role_within(s)
                        .iter()
                        .any(|r| matches!(r, Role::EvidenceGaps | Role::EvidenceMap))
                })
        };
        let Some(first_bad) = group.iter().position(flagged) else {
            continue;
        };
        let e = &group[first_bad];
        let mut edits = Vec::new();
        // Renaming a label drops its words (`source`, `required`): not a safe fix.
        let mut renames = false;
        for (j, g) in group.iter().enumerate() {
            let label = if g.kind == EvidenceKind::Gap {
                "Evidence gap:"
            } else {
                "Evidence:"
            };
            let stmt_end = group.get(j + 1).map_or(line.end, |n| n.span.start);
            let head = Span::new(g.span.start, g.text_span.start);
            let head_text = head.slice(text);
            let renamed = !head_text
                .replace(['*', '_'], "")
                .trim()
                .eq_ignore_ascii_case(label);
            renames |= renamed;
            if head_text.contains(['*', '_']) || renamed {
                // A space after the label only where the text had one: `**Evidence:**x`
                // becomes `Evidence:x`, not `Evidence: x` (a safe fix splits no word).
                let after_colon = head_text.rfind(':').map_or("", |c| &head_text[c + 1..]);
                let sep = if after_colon.contains(char::is_whitespace) {
                    " "
                } else {
                    ""
                };
                edits.push(Edit {
                    span: head,
                    replacement: format!("{label}{sep}"),
                });
                let tail = Span::new(g.text_span.end, stmt_end);
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
        }
        let first = &group[0];
        let before = &text[line.start..first.span.start];
        let kept = before.trim_end().len();
        // Moving the statement to its own line is safe only after a sentence that
        // ends in whitespace: a glued `x.Evidence:` would split a word, and a line left
        // holding only `-` or `|` would turn into a list item or a table row.
        let movable = kept < before.len() && before[..kept].contains(char::is_alphanumeric);
        if first.form == EvidenceForm::Trailing
            && !ctx.evidence_forms.contains(&first.form)
            && movable
        {
            let line_no = doc.line_index.line_of(line.start);
            let phys = doc.line_index.line_span(text, line_no);
            let indent = " ".repeat(text[phys.start..line.start].chars().count());
            let eol = if text[line.end..].starts_with("\r\n") {
                "\r\n"
            } else {
                "\n"
            };
            edits.push(Edit {
                span: Span::new(line.start + kept, first.span.start),
                replacement: format!("{eol}{indent}"),
            });
        }
        edits.sort_by_key(|x| x.span.start);
        let label = if e.kind == EvidenceKind::Gap {
            "Evidence gap:"
        } else {
            "Evidence:"
        };
        let head = text[e.span.start..e.text_span.start].replace(['*', '_'], "");
        let written = head.trim();
        let msg = if first.form == EvidenceForm::Trailing && flagged(first) {
            "evidence statement trails the sentence instead of starting its own line".to_string()
        } else if !written.eq_ignore_ascii_case(label) {
            format!(
                "`{written}` is not the template's label; the canonical form is plain `{label}`"
            )
        } else {
            format!("evidence statement is emphasised; the canonical form is plain `{label}`")
        };
        let report = sink
            .report(e.span, msg)
            .with_help(format!("write `{label} …` at the start of its own line"));
        if !edits.is_empty() {
            let applicability = if renames {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            };
            report.with_fix("rewrite as a canonical evidence line", applicability, edits);
        }
    }
}
