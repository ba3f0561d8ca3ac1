use specgate_model::Span;

use crate::context::Context;
use crate::rule::Sink;
use crate::util::is_word_at;

crate::declare_rule! {
    /// ## What it does
    /// Reports `TODO`, `TBD` and `FIXME` in prose and tables. `TBD` is accepted in a
    /// header field whose template value allows it (the seed's `Release target`). A
    /// line with the same marker several times (a table row of `TBD` cells) gives one
    /// finding, which says how many. A line whose open item the Open Questions section
    /// already tracks is not reported: an entry there (its question, up to the `?`)
    /// shares at least half of the line's words of four letters or more (two at least,
    /// three at most):
    /// `Publishing tool (TBD: clawdhub or equivalent)` and `Q-3: Which publishing tool
    /// should be pinned (clawdhub or another)? (Owner: …)`. Nor is a table row whose
    /// unknown its section plans to measure: a paragraph there says measure, establish
    /// or baseline and names at least half of the row's label words (its first cell's):
    /// `| Crash-free sessions | TBD | ≥99.5% |` beside `Before launch, measure the
    /// crash-free rate for 7 days to establish a baseline.`
    ///
    /// ## Why
    /// Open work hidden in prose is easy to miss; open questions belong in the Open
    /// Questions section, with an owner and a due date.
    ///
    /// ## Example
    /// `- Retry policy: TBD`
    ///
    /// ## Fix
    /// Decide, or move the question to Open Questions with an owner and a due date.
    name: "todo-marker", category: "placeholders", severity: Warning
}

/// The markers, each starting with `T` or `F` and none found inside another.
const MARKERS: [&str; 3] = ["TODO", "TBD", "FIXME"];

/// Whole-word markers in `s`, left to right: (offset, marker). One memchr pass for
/// `T` and `F` finds every candidate.
fn markers(s: &str) -> impl Iterator<Item = (usize, &'static str)> + '_ {
    let b = s.as_bytes();
    memchr::memchr2_iter(b'T', b'F', b).filter_map(move |at| {
        let word = MARKERS
            .into_iter()
            .find(|w| b[at..].starts_with(w.as_bytes()))?;
        is_word_at(b, at, word.len()).then_some((at, word))
    })
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let tbd_ok: Vec<Span> = doc
        .header
        .iter()
        .filter(|h| {
            ctx.schema
                .header
                .iter()
                .any(|s| s.allows_tbd && s.key.eq_ignore_ascii_case(&h.key))
        })
        .map(|h| h.value_span)
        .collect();
    let prose = ctx.prose_lines();
    // Header fields are prose lines already: add only values no prose line covers,
    // so a marker in the header is reported once.
    let header: Vec<Span> = doc
        .header
        .iter()
        .map(|h| h.value_span)
        .filter(|v| !prose.iter().any(|l| l.covers(*v)))
        .collect();
    let questions = std::cell::OnceCell::new();
    for line in prose.iter().copied().chain(header) {
        // One finding per marker word and line: a table row of `TBD` cells is one
        // thing to decide, not five.
        let mut found: Vec<(&str, Span, usize)> = Vec::new();
        for (at, word) in markers(doc.slice(line)) {
            let span = Span::new(line.start + at, line.start + at + word.len());
            if word == "TBD" && tbd_ok.iter().any(|ok| ok.covers(span)) {
                continue;
            }
            match found.iter_mut().find(|(w, _, _)| *w == word) {
                Some(f) => f.2 += 1,
                None => found.push((word, span, 1)),
            }
        }
        // Only a line with a marker is read against the Open Questions and its section.
        if found.is_empty() {
            continue;
        }
        let questions = questions.get_or_init(|| open_questions(ctx));
        if (!questions.is_empty() && tracked(doc.slice(line), questions)) || planned(ctx, line) {
            continue;
        }
        for (word, span, n) in found {
            let message = if n > 1 {
                format!("`{word}` left in the spec ({n} times on this line)")
            } else {
                format!("`{word}` left in the spec")
            };
            sink.report(span, message)
                .with_help("decide it, or move it to Open Questions with an owner and a due date");
        }
    }
}

/// The words of four letters or more of a line, `TODO`/`TBD`/`FIXME` left out.
fn long_words(s: &str) -> Vec<String> {
    let mut w: Vec<String> = crate::util::lower_words(s, &['-', '@', '.'])
        .map(|w| w.trim_matches('.').to_string())
        .filter(|w| w.chars().count() >= 4 && !matches!(w.as_str(), "todo" | "fixme"))
        .collect();
    w.sort_unstable();
    w.dedup();
    w
}

/// Whether `line` is a table row whose label (first cell) a paragraph of its section
/// plans to measure (see the rule doc).
fn planned(ctx: &Context, line: Span) -> bool {
    let doc = ctx.doc;
    let text = doc.slice(line).trim();
    let Some(row) = text.strip_prefix('|') else {
        return false;
    };
    let label = long_words(row.split('|').next().unwrap_or(""));
    if label.is_empty() {
        return false;
    }
    let section = doc.section_at(line.start);
    doc.blocks.iter().any(|b| {
        b.section == section && matches!(b.kind, specgate_model::BlockKind::Paragraph { .. }) && {
            let p = long_words(doc.slice(b.span));
            let plans = p.iter().any(|w| {
                w.starts_with("measur") || w.starts_with("establish") || w.starts_with("baseline")
            });
            plans && label.iter().filter(|w| p.contains(w)).count() * 2 >= label.len()
        }
    })
}

/// The lines of the Open Questions sections, up to their `?`, as [`long_words`].
fn open_questions(ctx: &Context) -> Vec<Vec<String>> {
    ctx.sections_with_role(specgate_model::Role::OpenQuestions)
        .into_iter()
        .flat_map(|s| crate::util::section_text(ctx.doc, s).lines())
        // The question itself, without its `(Owner: …, Due: …)`.
        .map(|l| long_words(l.split_once('?').map_or(l, |(q, _)| q)))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether an entry of `questions` tracks the open item on `line` (see the rule doc).
fn tracked(line: &str, questions: &[Vec<String>]) -> bool {
    let words = long_words(line);
    let need = words.len().div_ceil(2).clamp(2, 3);
    words.len() >= 2
        && questions
            .iter()
            .any(|q| q != &words && words.iter().filter(|w| q.contains(w)).count() >= need)
}

#[cfg(test)]
mod tests {
    use super::markers;

    #[test]
    fn markers_are_whole_words() {
        let found: Vec<_> = markers("TODO: x TBD, FIXME TODOs _TBD FIXME_ T TB (TBD)").collect();
        assert_eq!(found, [(0, "TODO"), (8, "TBD"), (13, "FIXME"), (43, "TBD")]);
    }
}
