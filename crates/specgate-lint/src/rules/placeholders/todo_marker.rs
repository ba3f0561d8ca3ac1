use specgate_model::Span;

use crate::context::Context;
use crate::rule::Sink;
use crate::util::is_word_at;

crate::declare_rule! {
    /// ## What it does
    /// Reports `TODO`, `TBD` and `FIXME` in prose and tables. `TBD` is accepted in a
    /// header field whose template value allows it (the seed's `Release target`). A
    /// line with the same marker several times (a table row of `TBD` cells) gives one
    /// finding, which says how many.
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

#[cfg(test)]
mod tests {
    use super::markers;

    #[test]
    fn markers_are_whole_words() {
        let found: Vec<_> = markers("TODO: x TBD, FIXME TODOs _TBD FIXME_ T TB (TBD)").collect();
        assert_eq!(found, [(0, "TODO"), (8, "TBD"), (13, "FIXME"), (43, "TBD")]);
    }
}
