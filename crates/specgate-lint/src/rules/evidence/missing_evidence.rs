use specgate_model::{normalize_title, BlockKind, EvidenceForm, Role};

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a prose paragraph or a list that does not end with an evidence line.
    ///
    /// Precisely: a top-level paragraph or list is covered when its last line (for a
    /// list, the last text line of its last item, at any depth) carries an `Evidence:`
    /// or `Evidence gap:` statement, or when the very next block (past a code fence
    /// inside its last item) is a paragraph that starts with one, or a list or
    /// paragraph touching it (no blank line between) that ends with one, or a
    /// paragraph that cites its source (`For the full analysis, see [SECURITY.md](…)`,
    /// a `see` and a link in at most forty words; such a paragraph is no claim itself). A statement may wrap: lines after an evidence line continue it
    /// as long as the line before does not end a sentence (`.`, `!`, `?`) and the line
    /// does not start with a capital letter. Not paragraphs, and never reported: tables, code fences,
    /// headings, thematic breaks, HTML, block quotes; a paragraph that only introduces
    /// the next block (ends with `:`) or is a one-line bold label (`**Inputs**`);
    /// anything before the first section (the title and the metadata header); blocks
    /// that make no claim:
    /// - fields with short values: a bold key and at most ten words outside
    ///   parentheses in one sentence (`**Status:** Draft`, `**Measurement window:** 30
    ///   days`, `**Secrets:** None (no API keys)`), or a plain metadata key (`Approved
    ///   by: A. Chen`, `- Accountable: B. Ortiz`);
    /// - definitions: list items that give a code identifier its type (`` `id`
    ///   (string, required) ``);
    /// - checklists: every top-level item has a task box, or is a short field;
    /// - questions: the paragraph, or every top-level item, asks (`Q1: Where …? (Owner: A)`);
    /// - lists of links or paths only (tables of contents, References);
    /// - one-line N/A statements with a reason (`N/A (stateless)`, `None — standalone
    ///   tool`, `Not required (no PII)`, `State machine: N/A — …`), and a list of fields
    ///   that each say N/A, one at least with its reason, with at most one `Notes:`
    ///   item (`- Triggers: None — no PII`, `- Required reviews: N/A`);
    /// - markers: a paragraph that is only a bracketed tag or banner (`[AGREE]`), or
    ///   one that starts with a banner line (`=== Debate Complete ===`: a pasted record);
    /// - a plan's task list: under a title about a plan (`Delivery Plan`, `Milestones`,
    ///   `Rollout`, `Next steps`, `Action items`…, an ancestor's too), a list whose every
    ///   top-level item opens with an imperative verb (`Implement …`, `Add …`);
    /// - the template's own text, kept word for word (`This PRD defines WHAT / WHY /
    ///   WHO.`): the template's claim, not the author's;
    /// - the items of a checklist: a list in a section titled as one (`Acceptance
    ///   Checklist`);
    /// - role assignments: short `Area: person or team` items under a label or title
    ///   that names owners, roles, contacts or responsibilities (`**Owners:**`);
    /// - lists of code identifiers' fields (`` `run_started`: `type`, `ts`, `runId` ``),
    ///   as a schema table would give them;
    /// - a list right after a one-line label that names evidence, gaps, sources,
    ///   references, links or future ideas (`**Evidence:**` then a list of sources,
    ///   `**Future consideration:**`), or that names where the list comes from
    ///   (`**Required actions (from the Security Assessment):**`);
    /// - the blocks of a pasted record: after a `=== … ===` banner paragraph, up to the
    ///   next thematic break or section;
    /// - a note about the document: `This section tracks …`, `The table below lists …`
    ///   (one sentence); a note right before a table or list on how its entries are
    ///   arranged (`**Note:** Entries are grouped by phase.`); a `Self-review:` or
    ///   `Sign-off:` paragraph.
    ///
    /// Exempt sections: Evidence Gaps, Evidence Map, Quality Gate and Template Metadata
    /// (by their template role); sections whose title names content without claims
    /// about the system (Glossary, Definitions, References, Open Questions, Future
    /// Considerations, Changelog, Revision History, Review Summary, Debate, Sign-off;
    /// a heading under one of them too); and any titles listed in `evidence-exempt` in
    /// `specgate.toml`; an entry `!Quality Gate` there removes a default exemption.
    ///
    /// ## Why
    /// The template's evidence rule: every claim says where it comes from, or admits
    /// that it has no source yet, so reviewers can tell knowledge from assumption.
    ///
    /// ## Example
    /// ```markdown
    /// The ledger is append-only and replicated to two zones.
    /// ```
    ///
    /// ## Fix
    /// Add a line `Evidence: <path or URL>` or `Evidence gap: <what is missing>` after it.
    name: "missing-evidence", category: "evidence", severity: Error
}

const EXEMPT: &[Role] = &[
    Role::EvidenceGaps,
    Role::EvidenceMap,
    Role::QualityGate,
    Role::TemplateMetadata,
];

fn is_label(s: &str) -> bool {
    let t = s.trim();
    // The cheap tests first: most paragraphs are not wrapped in emphasis.
    ((t.starts_with("**") && t.ends_with("**"))
        || (t.starts_with("__") && t.ends_with("__"))
        || (t.starts_with('*') && t.ends_with('*') && t.len() > 2))
        && !t.contains('\n')
}

/// A set of line start offsets, sorted for binary search (evidence comes in document
/// order, so building it is cheap).
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(starts: impl Iterator<Item = usize>) -> Self {
        let mut v: Vec<usize> = starts.collect();
        v.sort_unstable();
        v.dedup();
        LineStarts(v)
    }

    fn contains(&self, start: usize) -> bool {
        self.0.binary_search(&start).is_ok()
    }
}

/// Whether the lines end with an evidence statement that wraps: a line starts with
/// `Evidence:` or `Evidence gap:`, and every line after it continues its sentence (the
/// line before does not end with `.`, `!` or `?`, and the line does not start with a
/// capital letter).
fn wrapped_statement(text: &str, lines: &[specgate_model::Span], starting: &LineStarts) -> bool {
    let Some(k) = lines.iter().rposition(|l| starting.contains(l.start)) else {
        return false;
    };
    lines[k..].windows(2).all(|w| {
        !w[0].slice(text).trim_end().ends_with(['.', '!', '?'])
            && !w[1]
                .slice(text)
                .trim_start()
                .starts_with(|c: char| c.is_uppercase())
    })
}

/// A paragraph that cites where the text before it comes from: it says `see` and
/// links a document (`For the complete threat analysis, see
/// [SECURITY.md](docs/SECURITY.md).`), in at most forty words.
fn is_citation(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    t.split_whitespace().count() <= 40
        && !crate::util::find_word(&lower, "see").is_empty()
        && lower.contains("](")
}

/// A paragraph or list that must carry evidence (outside exempt sections, not a label
/// or an evidence line itself), and whether it does. `missing-evidence` reports the
/// uncovered ones; the HTML report's coverage counts all of them.
#[derive(Clone, Debug)]
pub struct Claim {
    pub block: specgate_model::BlockId,
    pub is_list: bool,
    /// The line the evidence belongs after.
    pub last_line: specgate_model::Span,
    pub covered: bool,
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for c in claims(ctx).into_iter().filter(|c| !c.covered) {
        let b = &doc.blocks[c.block];
        let what = if c.is_list { "list" } else { "paragraph" };
        let first_line = doc
            .line_index
            .line_span(&doc.text, doc.line_index.line_of(b.span.start));
        sink.report(
            first_line,
            format!("{what} does not end with an `Evidence:` or `Evidence gap:` line"),
        )
        .with_label(c.last_line, "the evidence line belongs after this line")
        .with_help(
            "add `Evidence: <path or URL>` or `Evidence gap: <what is missing>` on its own line",
        );
    }
}

/// Every claim of the document that must carry evidence, in order.
pub fn claims(ctx: &Context) -> Vec<Claim> {
    let doc = ctx.doc;
    let mut out = Vec::new();
    let first_section = doc
        .sections
        .first()
        .map_or(doc.text.len(), |s| s.heading_span.start);
    // Lines that carry evidence, and lines that start with it.
    let carrying = LineStarts::new(doc.evidence.iter().map(|e| e.line_span.start));
    let starting = LineStarts::new(
        doc.evidence
            .iter()
            .filter(|e| e.form != EvidenceForm::Trailing)
            .map(|e| e.line_span.start),
    );
    let exempt_titles: Vec<String> = ctx
        .evidence_exempt
        .iter()
        .filter(|t| !t.starts_with('!'))
        .map(|t| normalize_title(t))
        .collect();
    // `!Title` in config: a default-exempt section that must carry evidence after all.
    let unexempt: Vec<String> = ctx
        .evidence_exempt
        .iter()
        .filter_map(|t| t.strip_prefix('!'))
        .map(normalize_title)
        .collect();
    let exempt_roles: Vec<Role> = EXEMPT
        .iter()
        .copied()
        .filter(|r| {
            !ctx.schema
                .by_role(*r)
                .any(|s| unexempt.contains(&ctx.schema.sections[s].key))
        })
        .collect();
    for (i, b) in doc.blocks.iter().enumerate() {
        let last_line = match &b.kind {
            BlockKind::Paragraph { lines } => {
                let text = doc.slice(b.span);
                if lines.iter().all(|l| starting.contains(l.start))
                    || text.trim_end().ends_with(':')
                    || is_citation(text)
                    || is_label(text)
                    || b.span.start < first_section
                {
                    continue;
                }
                lines.last().copied()
            }
            BlockKind::List(l) => l
                .items
                .iter()
                .flat_map(|it| it.lines.iter())
                .max_by_key(|s| s.start)
                .copied(),
            _ => continue,
        };
        let Some(last_line) = last_line else { continue };
        if super::non_claims::is_non_claim(doc, b)
            || super::non_claim_lists::is_non_claim_here(doc, i)
            // The template's own text, kept as it asks (or left in: `template-guidance-left`).
            || ctx.schema.sample_text.contains_key(&normalize_title(doc.slice(b.span)))
        {
            continue;
        }
        // The lines of the paragraph, or of the list's last item, ending at `last_line`.
        let tail_lines: &[specgate_model::Span] = match &b.kind {
            BlockKind::Paragraph { lines } => lines,
            BlockKind::List(l) => l
                .items
                .iter()
                .find(|it| it.lines.contains(&last_line))
                .map_or(&[], |it| &it.lines[..]),
            _ => &[],
        };
        if let Some(s) = b.section {
            if ctx.role_within(s).iter().any(|r| exempt_roles.contains(r)) {
                continue;
            }
            let mut cur = Some(s);
            let mut hit = false;
            while let Some(c) = cur {
                let key = &doc.sections[c].key;
                hit |= exempt_titles.contains(key) || super::non_claims::is_non_claim_section(key);
                cur = doc.sections[c].parent;
            }
            if hit {
                continue;
            }
        }
        let mut covered = carrying.contains(last_line.start)
            || wrapped_statement(&doc.text, tail_lines, &starting);
        // A list whose items each carry their own evidence line is covered too.
        if let BlockKind::List(l) = &b.kind {
            let top: Vec<_> = l.items.iter().filter(|it| it.depth == 0).collect();
            covered |= !top.is_empty()
                && top
                    .iter()
                    .all(|it| it.lines.iter().any(|x| carrying.contains(x.start)));
        }
        // The next block after it (past blocks nested in a list item, such as a code
        // fence): a paragraph that starts with evidence, or, touching it with no blank
        // line between, a list or paragraph that ends with evidence (a list that wrong
        // indentation split in two, `**Evidence:** …` under the last item's sublist).
        let next = doc.blocks[i + 1..]
            .iter()
            .find(|n| n.span.start >= b.span.end);
        covered |= next.is_some_and(|n| {
            let touching = !doc.text[b.span.end..n.span.start].contains("\n\n")
                && !doc.text[b.span.end..n.span.start].contains("\n\r\n");
            n.section == b.section
                && match &n.kind {
                    BlockKind::Paragraph { lines } => {
                        lines.first().is_some_and(|l| starting.contains(l.start))
                            || is_citation(doc.slice(n.span))
                            || (touching
                                && lines.last().is_some_and(|l| carrying.contains(l.start)))
                    }
                    BlockKind::List(l) => {
                        touching
                            && l.items
                                .iter()
                                .flat_map(|it| it.lines.iter())
                                .max_by_key(|x| x.start)
                                .is_some_and(|x| carrying.contains(x.start))
                    }
                    _ => false,
                }
        });
        out.push(Claim {
            block: i,
            is_list: matches!(b.kind, BlockKind::List(_)),
            last_line,
            covered,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use specgate_model::{parse, Schema};

    use crate::context::Context;

    #[test]
    fn the_templates_own_text_is_no_claim() {
        let schema = Schema::compile(
            "# PRD: <name>\n\n## Problem\n\nWhat hurts.\nEvidence: <source>\n\n\
             ## Integrity Rule\n\n* This PRD defines WHAT and WHY.\n* It never picks databases.\n",
        );
        let doc = parse(
            "# PRD: Ledger\n\n## Problem\n\nPostings get lost.\nEvidence: docs/a.md\n\n\
             ## Integrity Rule\n\n* This PRD defines WHAT and WHY.\n* It never picks databases.\n\n\
             * This PRD also picks Postgres.\n",
        );
        let ctx = Context::new(&doc, &schema);
        let claims = super::claims(&ctx);
        let lines: Vec<usize> = claims
            .iter()
            .filter(|c| !c.covered)
            .map(|c| doc.line_index.line_col(&doc.text, c.last_line.start).line)
            .collect();
        assert_eq!(lines, [13], "only the author's own list is a claim");
    }
}
