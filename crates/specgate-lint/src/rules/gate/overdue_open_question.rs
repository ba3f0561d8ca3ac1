use specgate_model::{BlockKind, Role, Span};

use crate::context::Context;
use crate::dates::{format_date, parse_date};
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports an open question whose `Due: YYYY-MM-DD` date is in the past. Lines
    /// marked resolved or answered, or struck through, are skipped, and so is a
    /// question whose id (`Q-2`) is closed that way anywhere else in the document (a
    /// later "Open Questions Updated" section).
    ///
    /// ## Why
    /// An open question past its due date is either answered (move it into the spec)
    /// or blocking (escalate it); leaving it open hides the decision.
    ///
    /// ## Example
    /// `* Q1: Do we need quiet hours? (Owner: B. Ortiz, Due: 2025-06-01)`
    ///
    /// ## Fix
    /// Answer the question and record the decision, or set a new due date.
    name: "overdue-open-question", category: "quality-gate", severity: Warning
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let secs = ctx.sections_with_role(Role::OpenQuestions);
    // A subsection of a section already in the list is covered by its parent.
    let top = secs.iter().copied().filter(|&s| {
        !ctx.doc.sections[s]
            .parent
            .is_some_and(|p| secs.contains(&p))
    });
    // Questions closed anywhere in the document, by id: a later `Q-2: ~~…~~
    // **RESOLVED:** …` closes the `Q-2` that is still listed as open.
    let closed: Vec<String> = ctx
        .prose_lines()
        .iter()
        .map(|l| doc.slice(*l))
        .filter(|t| closes(t))
        .filter_map(question_id)
        .collect();
    for s in top {
        for b in doc.blocks_in(s) {
            let lines: Vec<Span> = match &b.kind {
                BlockKind::List(l) => l
                    .items
                    .iter()
                    .flat_map(|it| it.lines.iter().copied())
                    .collect(),
                BlockKind::Paragraph { lines } => lines.clone(),
                _ => continue,
            };
            for l in lines {
                let text = doc.slice(l);
                let lower = text.to_lowercase();
                // Struck-through or resolved questions are closed, whatever their date.
                if closes(text) || question_id(text).is_some_and(|id| closed.contains(&id)) {
                    continue;
                }
                let Some(p) = lower.find("due:") else {
                    continue;
                };
                let rest = text[p + 4..]
                    .trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '`');
                let at = l.start + p + 4 + (text[p + 4..].len() - rest.len());
                let Some(date) = rest.get(..10).and_then(parse_date) else {
                    continue;
                };
                if date < ctx.today {
                    sink.report(
                        Span::new(at, at + 10),
                        format!("open question was due {}", format_date(date)),
                    )
                    .with_help(format!(
                        "answer it and record the decision, or set a due date after {}",
                        format_date(ctx.today)
                    ));
                }
            }
        }
    }
}

/// Whether a line closes its question: struck through, or marked resolved or answered.
fn closes(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.trim_start().starts_with("~~") || lower.contains("resolved") || lower.contains("answered")
}

/// The id a question line opens with (`Q1`, `Q-2`, `**Q-3:**`), folded to `Q<n>`.
fn question_id(text: &str) -> Option<String> {
    let t = text.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | '-' | '[' | '~')
    });
    let rest = t.strip_prefix('Q')?;
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = rest[digits.len()..].chars().next();
    (!digits.is_empty() && !after.is_some_and(char::is_alphanumeric)).then(|| format!("Q{digits}"))
}

#[cfg(test)]
mod tests {
    use super::question_id;

    #[test]
    fn question_ids() {
        assert_eq!(
            question_id("* **Q-2:** Is Ed25519 enough?").as_deref(),
            Some("Q2")
        );
        assert_eq!(
            question_id("- Q1: where? (Owner: A)").as_deref(),
            Some("Q1")
        );
        assert_eq!(question_id("Quarterly review").as_deref(), None);
        assert_eq!(question_id("Q3a: x").as_deref(), None);
    }
}
