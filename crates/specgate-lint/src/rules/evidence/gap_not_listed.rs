use specgate_model::titles::stem;
use specgate_model::{normalize_title, Evidence, EvidenceKind, Role};

use crate::context::Context;
use crate::diagnostic::Applicability;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports an `Evidence gap:` whose text does not appear in the Evidence Gaps
    /// section. A gap is listed when its text appears there (compared case- and
    /// punctuation-insensitively), or when it is reworded there: one entry (a line
    /// with the next) holds at least half of the gap's content words, and two at
    /// least when the gap has more than three (`micro-interaction states not
    /// documented` is listed by `Motion and micro-interaction rules are not
    /// documented`), or one of the gap's words and one word of what the gap is about:
    /// the claim it closes (the line it ends, or the line above) and its section's
    /// title (`- Empty state: … Evidence gap: state behavior not documented` under
    /// `System feedback states` is listed by `State design (loading/empty/error) is not
    /// documented`; `- Constraints: local dev only. Evidence gap: included as scope
    /// constraint` by `local-only constraints are not codified`). Words are compared by
    /// their stems (`retries` meets `retry`, `codifies` meets `codified`), the names of
    /// one kind of evidence as one (`survey`, `interview`, `feedback`), leaving out stop
    /// words and the words every gap uses (`not`, `documented`, `found`, `repo`,
    /// `explicit`, `behavior`). The same gap written again (the same words on four
    /// items) is one finding. Runs only when the document has that section.
    ///
    /// ## Why
    /// The Evidence Gaps section is the list of what the spec does not know yet; a gap
    /// mentioned only in passing is never owned or closed.
    ///
    /// ## Example
    /// `Evidence gap: no load test at 2x peak` with no matching `**Gap:**` entry.
    ///
    /// ## Fix
    /// Add `- **Gap:** no load test at 2x peak — **Impact:** … — **Owner:** …` to Evidence Gaps.
    /// Safe fix: appends an entry for every unlisted gap to the Evidence Gaps list
    /// (impact "not assessed yet", owner "unassigned", to be filled in); existing
    /// entries are kept. The section is found by its role, never duplicated.
    name: "gap-not-listed", category: "evidence", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let sections = ctx.sections_with_role(Role::EvidenceGaps);
    let Some(&first) = sections.first() else {
        return;
    };
    let fix = super::regen::evidence_gaps_edit(ctx);
    for e in unlisted(ctx) {
        let d = sink.report(
            e.span,
            "this evidence gap is not listed in the Evidence Gaps section",
        );
        if let Some(edit) = &fix {
            d.with_fix(
                "add the missing gaps to the Evidence Gaps list",
                Applicability::Safe,
                vec![edit.clone()],
            );
        }
        d.with_label(
            ctx.doc.sections[first].heading_span,
            "Evidence Gaps section",
        )
        .with_help(format!(
            "add `- **Gap:** {} — **Impact:** … — **Owner:** …`",
            e.text
        ));
    }
}

/// The `Evidence gap:` statements outside the Evidence Gaps section that it does not
/// list (see the rule doc), in document order; none when the document has no such
/// section. The rule and its fix (`regen::evidence_gaps_edit`) share it.
pub(crate) fn unlisted<'d>(ctx: &Context<'d>) -> Vec<&'d Evidence> {
    let sections = ctx.sections_with_role(Role::EvidenceGaps);
    if sections.is_empty() {
        return Vec::new();
    }
    let listed: String = sections
        .iter()
        .map(|&s| normalize_title(crate::util::section_text(ctx.doc, s)))
        .collect::<Vec<_>>()
        .join(" | ");
    // The section's entries, as content words: each line with the next (an entry
    // and its own `Evidence gap:` line, or a wrapped entry).
    let entries: Vec<Vec<String>> = sections
        .iter()
        .flat_map(|&s| {
            let lines: Vec<&str> = crate::util::section_text(ctx.doc, s)
                .lines()
                .filter(|l| !l.trim().is_empty())
                .collect();
            (0..lines.len())
                .map(|i| content_words(&lines[i..(i + 2).min(lines.len())].join(" ")))
                .collect::<Vec<_>>()
        })
        .collect();
    // One finding per gap: the same words again (`state behavior not documented` on
    // four items) are one gap, and the fix lists it once.
    let mut seen: Vec<String> = Vec::new();
    ctx.doc
        .evidence
        .iter()
        .filter(|e| e.kind == EvidenceKind::Gap)
        .filter(|e| {
            !e.section
                .is_some_and(|s| ctx.role_within(s).contains(&Role::EvidenceGaps))
        })
        .filter(|e| {
            let key = normalize_title(&e.text);
            // What the gap is about: its claim's label and its section's title.
            let claim = claim_of(&ctx.doc.text, e.span.start).unwrap_or("");
            let title = e.section.map_or("", |s| ctx.doc.sections[s].title.as_str());
            let subject = [claim, title].join(" ");
            !key.is_empty() && !listed.contains(&key) && !reworded_in(&e.text, &subject, &entries)
        })
        .filter(|e| {
            let words = content_words(&e.text);
            let new = words.is_empty() || !seen.contains(&words.join(" "));
            seen.push(words.join(" "));
            new
        })
        .collect()
}

/// What the claim an `Evidence gap:` at `at` closes is about: the claim is the line
/// the gap ends (`- Empty state: show a panel …  Evidence gap: …`, up to the gap), or
/// the line above when the gap starts its own line; of it, its label (at most four
/// words before a `:`) and the first clause of the label's value. `None` for a claim
/// with no label: a sentence says too much to tell what it is about.
fn claim_of(text: &str, at: usize) -> Option<&str> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..at]
        .trim()
        .trim_start_matches(['-', '*', ' ']);
    // A gap after an `Evidence:` line's sources closes the claim above, as one on its
    // own line does.
    let own_line = before.is_empty() || before.to_ascii_lowercase().starts_with("evidence");
    let claim = if own_line {
        let prev_end = line_start.checked_sub(1)?;
        let prev_start = text[..prev_end].rfind('\n').map_or(0, |i| i + 1);
        &text[prev_start..prev_end]
    } else {
        &text[line_start..at]
    };
    let claim = claim
        .trim_start()
        .trim_start_matches(['-', '*', '+', ' '])
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')')
        .trim();
    // The label and the first clause of its value (`Constraints: local dev + CI only`
    // of `…; no backend services`): what the claim is about, not all it says.
    let colon = claim.find(':')?;
    let label = claim[..colon].trim_matches(['*', '_', ' ']);
    let n = label.split_whitespace().count();
    if n == 0 || n > 4 || label.to_ascii_lowercase().starts_with("evidence") {
        return None;
    }
    let rest = &claim[colon + 1..];
    let skip = rest.len() - rest.trim_start_matches(['*', '_', ' ']).len();
    let end = rest[skip..]
        .find([';', '.', ',', '(', '—'])
        .unwrap_or(rest.len() - skip);
    Some(claim[..colon + 1 + skip + end].trim_end())
}

/// Words that every gap statement uses, so they tell no gap from another.
const GAP_WORDS: &[&str] = &[
    "no",
    "not",
    "none",
    "yet",
    "the",
    "a",
    "an",
    "of",
    "for",
    "to",
    "in",
    "on",
    "and",
    "or",
    "is",
    "are",
    "be",
    "been",
    "was",
    "were",
    "it",
    "its",
    "this",
    "that",
    "these",
    "with",
    "from",
    "by",
    "any",
    "at",
    "as",
    "there",
    "here",
    "we",
    "our",
    "found",
    "find",
    "documented",
    "document",
    "docs",
    "doc",
    "documentation",
    "repo",
    "repository",
    "explicit",
    "explicitly",
    "codified",
    "exist",
    "exists",
    "available",
    "missing",
    "evidence",
    "gap",
    "only",
    "still",
    "currently",
    "current",
    // Every gap about a feature is about its behaviour: `reduced-motion behavior not
    // documented` is the gap `reduced-motion not documented`.
    "behavior",
    "behaviour",
];

/// Names of one kind of evidence, mapped to one word: a gap says which kind is
/// missing, and its entry may name it otherwise (`No survey data` is listed by `No
/// user feedback or adoption analytics`).
const EVIDENCE_KINDS: &[(&str, &str)] = &[
    ("survey", "feedback"),
    ("interview", "feedback"),
    ("testimonial", "feedback"),
    ("questionnaire", "feedback"),
];

/// The distinct content words of a text: folded, stemmed
/// ([`specgate_model::titles::stem`]), [`GAP_WORDS`] left out.
fn content_words(t: &str) -> Vec<String> {
    let gap_words: Vec<String> = GAP_WORDS.iter().map(|w| stem(w)).collect();
    let mut out: Vec<String> = normalize_title(t)
        .split(' ')
        .filter(|w| w.len() > 1)
        .map(stem)
        .map(|w| {
            EVIDENCE_KINDS
                .iter()
                .find(|(from, _)| stem(from) == w)
                .map_or(w, |(_, to)| stem(to))
        })
        .filter(|w| !gap_words.contains(w))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether one entry rewords the gap (see the rule doc): it holds at least half of
/// the gap's content words, two at least when the gap has more than three, or one of
/// the gap's words and one of its `subject`'s (its claim and section title).
fn reworded_in(gap: &str, subject: &str, entries: &[Vec<String>]) -> bool {
    let words = content_words(gap);
    if words.is_empty() {
        return false;
    }
    let need = words
        .len()
        .div_ceil(2)
        .max(if words.len() > 3 { 2 } else { 1 });
    let mut about = content_words(subject);
    about.retain(|w| !words.contains(w));
    entries.iter().any(|e| {
        let own = words.iter().filter(|w| e.contains(w)).count();
        own >= need || (own >= 1 && about.iter().any(|w| e.contains(w)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reworded_gaps() {
        let entries = vec![
            content_words("- Motion and micro-interaction rules are not documented in repo docs."),
            content_words("- Performance budgets, fixture strategy, and SLOs are not codified."),
            content_words("- Explicit state design (loading/empty/error) is not documented."),
        ];
        assert!(reworded_in(
            "micro-interaction states not documented in repo",
            "",
            &entries
        ));
        assert!(reworded_in(
            "no performance budgets documented in repo",
            "",
            &entries
        ));
        assert!(reworded_in(
            "numeric SLOs not codified in repo docs",
            "",
            &entries
        ));
        assert!(!reworded_in(
            "no explicit disabled state spec found",
            "",
            &entries
        ));
        assert!(!reworded_in(
            "explicit success cues not documented",
            "",
            &entries
        ));
        assert!(!reworded_in(
            "not explicitly documented in repo",
            "",
            &entries
        ));
        assert!(!reworded_in(
            "no single fast path documented; derived from contract gates",
            "",
            &entries
        ));
    }

    /// A gap in other words is listed by its claim's label or section title and one
    /// word of its own; the label alone, or one word alone, is not enough.
    #[test]
    fn reworded_gaps_by_subject() {
        let entries = vec![content_words(
            "- Explicit state design (loading/empty/error/degraded) is not documented.",
        )];
        assert!(reworded_in(
            "state behavior not documented in repo",
            "Empty state Feedback",
            &entries
        ));
        assert!(reworded_in(
            "no explicit degraded-mode policy in repo docs",
            "Degraded mode System feedback states",
            &entries
        ));
        assert!(!reworded_in(
            "no explicit disabled-state spec found",
            "Disabled buttons Controls",
            &entries
        ));
        assert!(!reworded_in("no telemetry plan", "Loading state", &entries));
    }

    /// The claim's own words name what a gap is about; `behavior` names nothing; the
    /// names of one kind of evidence are one word.
    #[test]
    fn reworded_gaps_by_claim_and_kind() {
        let entries = vec![
            content_words("- Retry limits and offline-only constraints are not codified."),
            content_words("- Animation rules are not documented."),
            content_words("- No customer feedback collected."),
        ];
        assert!(reworded_in(
            "included as a scope constraint",
            "Constraints: offline mode only, no sync",
            &entries
        ));
        assert!(!reworded_in(
            "included as a scope constraint",
            "Constraints: no sync server",
            &entries
        ));
        assert!(reworded_in(
            "reduced-animation behavior not documented",
            "",
            &entries
        ));
        assert!(!reworded_in(
            "reduced-animation timing not documented",
            "",
            &entries
        ));
        assert!(reworded_in("no interview notes", "Customer need", &entries));
        assert!(!reworded_in("no benchmark data", "Customer need", &entries));
    }

    #[test]
    fn claims() {
        let t = "- Empty state: show a panel.  \n  Evidence gap: none.\n";
        assert_eq!(
            claim_of(t, t.find("Evidence").unwrap()),
            Some("Empty state: show a panel")
        );
        let t = "- **Copy success:** a toast. Evidence gap: none.\n";
        assert_eq!(
            claim_of(t, t.find("Evidence").unwrap()),
            Some("Copy success:** a toast")
        );
        let t = "1) Constraints: local dev only; no auth.\nEvidence gap: none.\n";
        assert_eq!(
            claim_of(t, t.find("Evidence").unwrap()),
            Some("Constraints: local dev only")
        );
        let t = "Teams that run scans by hand: they are slow. Evidence gap: none.\n";
        assert_eq!(claim_of(t, t.find("Evidence").unwrap()), None);
    }
}
