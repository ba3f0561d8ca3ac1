//! Applying fixes: non-overlapping edits per round, rounds until nothing is left.

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// The most rounds [`apply_fixes`] runs; reaching it means fixes do not converge.
pub const MAX_ROUNDS: usize = 16;

/// Applies the fixes of `diagnostics` to `text` whose applicability is allowed.
/// Overlapping edits are skipped (a later round picks them up). Returns the new text
/// and the number of fixes applied.
pub fn apply_once(text: &str, diagnostics: &[Diagnostic], unsafe_fixes: bool) -> (String, usize) {
    let mut edits: Vec<&[Edit]> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| unsafe_fixes || f.applicability == Applicability::Safe)
        .map(|f| f.edits.as_slice())
        .filter(|e| !e.is_empty())
        .collect();
    edits.sort_by_key(|e| e.iter().map(|x| x.span.start).min().unwrap_or(0));
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    'fix: for group in edits {
        for e in group {
            if e.span.end > text.len()
                || !text.is_char_boundary(e.span.start)
                || !text.is_char_boundary(e.span.end)
            {
                continue 'fix;
            }
            // Insertions at one point are all applied, in the order of the findings
            // (a missing section each, say); the same insertion twice is one.
            if chosen.iter().any(|c| {
                c.span.start < e.span.end && e.span.start < c.span.end
                    || (c.span == e.span && c.replacement == e.replacement)
            }) {
                continue 'fix;
            }
        }
        chosen.extend(group.iter());
        applied += 1;
    }
    chosen.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in chosen {
        if e.span.start < pos {
            continue;
        }
        out.push_str(&text[pos..e.span.start]);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

/// Outcome of [`apply_fixes`].
#[derive(Debug)]
pub struct FixOutcome {
    pub text: String,
    pub applied: usize,
    /// False when [`MAX_ROUNDS`] was reached with fixes still pending.
    pub converged: bool,
}

/// Re-checks and applies fixes until none apply. `check` maps text to findings.
pub fn apply_fixes(
    text: &str,
    unsafe_fixes: bool,
    mut check: impl FnMut(&str) -> Vec<Diagnostic>,
) -> FixOutcome {
    let mut cur = text.to_string();
    let mut total = 0;
    for _ in 0..MAX_ROUNDS {
        let diags = check(&cur);
        let (next, n) = apply_once(&cur, &diags, unsafe_fixes);
        if n == 0 || next == cur {
            return FixOutcome {
                text: cur,
                applied: total,
                converged: true,
            };
        }
        total += n;
        cur = next;
    }
    FixOutcome {
        text: cur,
        applied: total,
        converged: false,
    }
}

/// The findings `specgate fix` (and `check --fix`) act on: `check`'s, plus, with
/// unsafe fixes and `gate-box-contradicted` selected, an unsafe "tick the box" fix for
/// every unticked Quality Gate item whose claim specgate verifies as true.
pub fn fixable_findings(
    ctx: &crate::Context,
    selection: &crate::Selection,
    unsafe_fixes: bool,
) -> Vec<Diagnostic> {
    let mut out = crate::check(ctx, selection);
    if unsafe_fixes && crate::lookup("gate-box-contradicted").is_some_and(|r| selection.enabled(r))
    {
        out.extend(crate::rules::gate::unticked_but_verified(ctx));
    }
    out
}

/// [`apply_fixes`], keeping whether the text ends with a line end: an inserted
/// section at the end of a file without a final newline does not add one.
pub fn fix_text(
    text: &str,
    unsafe_fixes: bool,
    check: impl FnMut(&str) -> Vec<Diagnostic>,
) -> FixOutcome {
    let mut out = apply_fixes(text, unsafe_fixes, check);
    if out.text != text && !text.is_empty() {
        let had = text.ends_with('\n');
        if !had {
            while out.text.ends_with('\n') {
                out.text.pop();
                if out.text.ends_with('\r') {
                    out.text.pop();
                }
            }
        } else if !out.text.ends_with('\n') {
            let eol = if text.ends_with("\r\n") { "\r\n" } else { "\n" };
            out.text.push_str(eol);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::apply_once;
    use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
    use specgate_model::Span;

    fn insert(at: usize, text: &str) -> Diagnostic {
        Diagnostic {
            code: "SG101",
            name: "missing-required-section",
            severity: Severity::Error,
            message: String::new(),
            span: Span::new(0, 0),
            labels: Vec::new(),
            help: None,
            fix: Some(Fix {
                message: String::new(),
                applicability: Applicability::Safe,
                edits: vec![Edit {
                    span: Span::new(at, at),
                    replacement: text.into(),
                }],
            }),
        }
    }

    #[test]
    fn insertions_at_one_point_all_apply_in_finding_order() {
        let (out, n) = apply_once(
            "ab",
            &[insert(1, "1"), insert(1, "2"), insert(1, "3")],
            false,
        );
        assert_eq!((out.as_str(), n), ("a123b", 3));
    }

    #[test]
    fn the_same_insertion_twice_applies_once() {
        let (out, n) = apply_once("ab", &[insert(1, "x"), insert(1, "x")], false);
        assert_eq!((out.as_str(), n), ("axb", 1));
    }
}
