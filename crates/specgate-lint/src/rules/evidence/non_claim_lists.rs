//! Blocks that make no claim by where they stand, so `missing-evidence` asks no
//! evidence of them (each is documented in `explain SG301`):
//! - **a plan's task list**: in a section about a plan (a title, its own or an
//!   ancestor's, with `plan`, `delivery`, `milestone(s)`, `phase(s)`, `rollout`,
//!   `roadmap`, `tasks`, `steps`, `backlog`, `action items`, `work breakdown`), a list
//!   whose every top-level item starts with a verb in the imperative (`Implement …`,
//!   `Add …`, `Migrate …`): work to do, not a statement about the system;
//! - **a checklist's items**: a list in a section titled as a checklist (`UI
//!   Acceptance Checklist`, not a named thing's `Component: Coverage Checklist`):
//!   checks to run, each a test, not a claim;
//! - **role assignments**: a list of short `Area: person or team` fields under a label
//!   or section that names owners, roles, contacts or responsibilities (`**Owners:**`
//!   then `- Engineering: core team`);
//! - **a pasted record**: a paragraph whose first line is a banner (`=== Debate
//!   Complete ===`), the output of a tool pasted into the document, and the blocks
//!   after it up to the next thematic break or section;
//! - **the body of a label that says what follows is no claim**: a list right after a
//!   one-line label (ending with `:`, at most eight words) that names evidence, gaps,
//!   sources, references or links, or a section without claims such as future ideas
//!   (`**Evidence:**`, `Evidence sources:`,
//!   `**Known gaps (review):**`, `**Future Consideration:**`), or says in parentheses
//!   where the list comes from (`**Required actions (from the Security
//!   Assessment):**`): the list is the evidence, or says what is missing, or proposes
//!   nothing yet, or has its source named;
//! - **a note about the document**, **a reading note** or **a self-review**: see
//!   [`super::non_claim_notes`].

use specgate_model::{field_of, Block, BlockKind, Document, SectionId};

/// Words of a section title that make it a plan.
const PLAN_WORDS: &[&str] = &[
    "plan",
    "plans",
    "delivery",
    "milestone",
    "milestones",
    "phase",
    "phases",
    "rollout",
    "roadmap",
    "tasks",
    "steps",
    "backlog",
    "action",
    "breakdown",
];

/// Verbs that open a task (in the imperative).
const TASK_VERBS: &[&str] = &[
    "add",
    "implement",
    "migrate",
    "test",
    "confirm",
    "create",
    "write",
    "update",
    "remove",
    "build",
    "define",
    "document",
    "configure",
    "deploy",
    "verify",
    "integrate",
    "refactor",
    "wire",
    "ship",
    "release",
    "enable",
    "disable",
    "validate",
    "review",
    "publish",
    "design",
    "measure",
    "collect",
    "replace",
    "extract",
    "move",
    "rename",
    "introduce",
    "expose",
    "draft",
    "run",
    "set",
    "prepare",
    "schedule",
    "investigate",
    "evaluate",
    "prototype",
    "benchmark",
    "audit",
    "fix",
    "port",
    "instrument",
    "backfill",
    "announce",
    "train",
    "deprecate",
    "delete",
    "archive",
    "split",
    "merge",
    "finalize",
    "finalise",
    "land",
    "harden",
    "adopt",
    "pin",
    "record",
    "capture",
    "gather",
    "spike",
    "clean",
    "bump",
    "upgrade",
    "install",
    "provision",
    "seed",
    "load",
    "roll",
    "cut",
    "tag",
    "file",
    "open",
    "close",
    "share",
    "sync",
    "hook",
    "connect",
    "extend",
    "generate",
    "convert",
    "ensure",
    "establish",
    "identify",
    "decide",
    "choose",
    "pick",
    "select",
    "enforce",
    "redact",
    "encrypt",
    "sign",
    "rotate",
    "revoke",
    "restrict",
    "limit",
    "cap",
    "throttle",
    "retry",
    "handle",
    "support",
    "persist",
    "store",
    "track",
    "notify",
    "alert",
    "emit",
    "log",
    "surface",
    "show",
    "hide",
    "block",
    "allow",
    "reject",
    "cache",
    "wrap",
    "mock",
    "stub",
    "automate",
    "monitor",
    "communicate",
];

/// Words of a label or section title that announce role assignments.
const ROLE_WORDS: &[&str] = &[
    "owners",
    "owner",
    "ownership",
    "roles",
    "contacts",
    "responsibilities",
    "dris",
    "raci",
    "stakeholders",
];

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    crate::util::lower_words(s, &['-'])
}

/// Whether block `i` follows a paragraph that opens with a banner (`=== Debate
/// Complete ===`) in its section, with no thematic break between.
fn in_pasted_record(doc: &Document, i: usize) -> bool {
    let section = doc.blocks[i].section;
    doc.blocks[..i]
        .iter()
        .rev()
        .take_while(|p| p.section == section && !matches!(p.kind, BlockKind::ThematicBreak))
        .any(|p| {
            matches!(&p.kind, BlockKind::Paragraph { lines }
                if lines.first().is_some_and(|l| super::non_claims::is_banner(doc.slice(*l).trim())))
        })
}

/// Words of a label that say the list after it makes no claim (see the module doc);
/// a label that names a section without claims (`Future considerations`, `Open
/// questions`) counts too.
const LABEL_WORDS: &[&str] = &["evidence", "gap", "gaps", "sources", "references", "links"];

/// Whether `p`, the block before list `b` in its section, is a one-line label (at
/// most eight words, ending with `:`, emphasis aside) with one of [`LABEL_WORDS`].
fn is_exempt_label(doc: &Document, p: &Block, b: &Block) -> bool {
    let BlockKind::Paragraph { lines } = &p.kind else {
        return false;
    };
    let t = doc.slice(p.span).trim().trim_matches(['*', '_']).trim();
    p.section == b.section
        && lines.len() == 1
        && t.ends_with(':')
        && t.split_whitespace().count() <= 8
        && (words(t).any(|w| LABEL_WORDS.contains(&w.as_str()))
            || super::non_claims::is_non_claim_section(&specgate_model::normalize_title(
                t.trim_end_matches(':'),
            ))
            || names_its_source(t))
}

/// A label that says in parentheses where its list comes from: `Required actions
/// (from the Security Assessment):`, `(per ADR-7)`, `(source: audit)`.
fn names_its_source(label: &str) -> bool {
    let l = label.to_ascii_lowercase();
    ["(from ", "(per ", "(source: ", "(sources: ", "(see "]
        .iter()
        .any(|p| l.contains(p))
}

/// The titles of `s` and its ancestors.
fn titles(doc: &Document, s: Option<SectionId>) -> Vec<&str> {
    let mut out = Vec::new();
    let mut cur = s;
    while let Some(c) = cur {
        out.push(doc.sections[c].title.as_str());
        cur = doc.sections[c].parent;
    }
    out
}

/// Whether block `i` makes no claim by where it stands (see the module doc).
pub fn is_non_claim_here(doc: &Document, i: usize) -> bool {
    let b = &doc.blocks[i];
    let prev = i.checked_sub(1).map(|j| &doc.blocks[j]);
    if in_pasted_record(doc, i) {
        return true;
    }
    if matches!(b.kind, BlockKind::List(_)) && prev.is_some_and(|p| is_exempt_label(doc, p, b)) {
        return true;
    }
    if let BlockKind::Paragraph { .. } = b.kind {
        let t = doc.slice(b.span).trim();
        let next = doc.blocks.get(i + 1).filter(|n| n.section == b.section);
        let before_entries =
            next.is_some_and(|n| matches!(n.kind, BlockKind::Table(_) | BlockKind::List(_)));
        if super::non_claim_notes::is_note(t, before_entries) {
            return true;
        }
    }
    match &b.kind {
        BlockKind::Paragraph { lines } => lines
            .first()
            .is_some_and(|l| super::non_claims::is_banner(doc.slice(*l).trim())),
        BlockKind::List(l) => {
            let top: Vec<&str> = l
                .items
                .iter()
                .filter(|it| it.depth == 0)
                .filter_map(|it| it.lines.first().map(|x| doc.slice(*x).trim()))
                .collect();
            if top.is_empty() {
                return false;
            }
            let titles = titles(doc, b.section);
            let titled = |vocab: &[&str]| {
                titles
                    .iter()
                    .any(|t| words(t).any(|w| vocab.contains(&w.as_str())))
            };
            let task_list = top.iter().all(|t| {
                words(t.trim_start_matches(['*', '_', '`']))
                    .next()
                    .is_some_and(|w| TASK_VERBS.contains(&w.as_str()))
            });
            if task_list && titled(PLAN_WORDS) {
                return true;
            }
            // `UI Acceptance Checklist`, not `Component: Coverage Checklist`.
            let checklist_title = |t: &str| {
                !t.contains(':') && words(t).any(|w| w == "checklist" || w == "checklists")
            };
            if titles.first().is_some_and(|t| checklist_title(t)) {
                return true;
            }
            let assignments = l.items.iter().all(|it| {
                it.lines.len() == 1
                    && field_of(doc.slice(it.lines[0]).trim())
                        .is_some_and(|(f, _)| f.value.split_whitespace().count() <= 8)
            });
            let label = prev.is_some_and(|p| {
                p.section == b.section
                    && matches!(&p.kind, BlockKind::Paragraph { lines } if lines.len() == 1
                        && doc.slice(lines[0]).trim().trim_end_matches(['*', '_']).ends_with(':')
                        && words(doc.slice(lines[0])).any(|w| ROLE_WORDS.contains(&w.as_str())))
            });
            assignments
                && (label
                    || titles
                        .first()
                        .is_some_and(|t| words(t).any(|w| ROLE_WORDS.contains(&w.as_str()))))
        }
        _ => false,
    }
}
