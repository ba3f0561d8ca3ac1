//! Blocks that make no claim, so `missing-evidence` asks no evidence of them. A block
//! is a claim unless it is one of these (each is documented in `explain SG301`):
//! - **fields**: every line of a paragraph is a field with a short value: a bold key
//!   (`**Measurement window:** 30 days`, `**Secrets:** None (no API keys)`) whose value
//!   has at most ten words outside parentheses and at most one sentence; or a metadata
//!   field, bold or plain (`Approved by: A. Chen`), whose key names metadata (status,
//!   owner, author, date, version, priority, approval, review, sign-off, due date,
//!   file, path, link, issue, tracking, RACI roles, stakeholders, team, lead) and
//!   whose value has at most eight words. A field with a longer value (`**Rollout:**
//!   feature-gated, verification off by default until the trust store persists.`)
//!   states something and is a claim. A list makes no claim when every item is a
//!   metadata field (`- Accountable: B. Ortiz`); a list of other fields (`-
//!   **Retention:** 30 days`) describes the system item by item and is a claim;
//! - **definitions**: every list item names a code identifier and gives its type or
//!   value (`` `id` (string, required) ``, `` `title`: string ``), or lists the code
//!   identifiers of its fields (`` `run_started`: `type`, `ts`, `runId` ``), as a
//!   table would;
//!   an item that only introduces nested ones (ends with `:`) may stand among them;
//! - **a checklist**: every top-level item has a task box (`- [ ] Eng lead sign-off`)
//!   or is a metadata field (`- **Priority:** Must`), and one at least has a box;
//! - **questions**: every top-level item asks, its first sentence ends with `?` (`Q1:
//!   Where should the runbook live? (Owner: A, Due: …)`); or the paragraph only asks
//!   (it also ends with `?`: `Why X? Because Y.` answers, and is a claim);
//! - **links only**: every list item is one link, URL, path or file name, with at most
//!   a short label before it and a short note in parentheses after it (a table of
//!   contents, a References or Links list, `- Global: `~/.config/x.json``, `-
//!   README.md (user-facing)`);
//! - **an N/A statement**: one line (or list item) saying the section does not apply,
//!   with its reason: `N/A (stateless service)`, `**N/A** - internal only`, `None —
//!   standalone tool`, `Not required (no PII)`, `State machine: N/A (stateless …)`;
//!   also a list of such fields, one at least with its reason, the others N/A or
//!   `None` bare, with at most one `Notes:` item saying why (`- Triggers: None — no
//!   PII`, `- Required reviews: N/A`, `- Notes: only public data is used`);
//! - **a marker**: a one-line paragraph that is only a bracketed tag or a banner
//!   (`[AGREE]`, `[END OF SPEC]`, `=== Debate complete ===`).
//!
//! And sections that hold no claims about the system, by their title (any ancestor's
//! title counts): a glossary, definitions or terminology; references, sources or
//! links (`Source Materials`); open questions; future considerations or work; a changelog or revision
//! history; the document's own review, debate or sign-off record.

use specgate_model::{field_of, Block, BlockKind, Document, ListItem};

/// Whether `b` makes no claim (see the module doc).
pub fn is_non_claim(doc: &Document, b: &Block) -> bool {
    match &b.kind {
        BlockKind::Paragraph { lines } => {
            let texts: Vec<&str> = lines.iter().map(|l| doc.slice(*l).trim()).collect();
            texts.iter().all(|t| is_short_field(t))
                || (texts.len() == 1 && (is_na_statement(texts[0]) || is_marker(texts[0])))
                || is_asked(doc.slice(b.span))
        }
        BlockKind::List(l) => {
            let items: Vec<&ListItem> = l.items.iter().collect();
            let top: Vec<&ListItem> = l.items.iter().filter(|it| it.depth == 0).collect();
            let first = |it: &ListItem| it.lines.first().map_or("", |x| doc.slice(*x).trim());
            let one_line = |it: &ListItem, f: fn(&str) -> bool| it.lines.len() == 1 && f(first(it));
            !top.is_empty()
                && (top.iter().any(|it| it.checked.is_some())
                    && top
                        .iter()
                        .all(|it| it.checked.is_some() || one_line(it, is_metadata_field))
                    || items.iter().all(|it| one_line(it, is_metadata_field))
                    || items.iter().all(|it| one_line(it, is_pointer))
                    || items.iter().all(|it| one_line(it, is_na_statement))
                    || is_na_field_list(
                        &items
                            .iter()
                            .map(|it| (it.lines.len(), first(it)))
                            .collect::<Vec<_>>(),
                    )
                    || items.iter().all(|it| {
                        one_line(it, is_definition)
                            || (first(it).ends_with(':') && it.lines.len() == 1)
                    }) && items.iter().any(|it| one_line(it, is_definition))
                    || top.iter().all(|it| {
                        let end = it.lines.last().map_or(it.span.start, |x| x.end);
                        is_question(&doc.text[it.lines.first().map_or(end, |x| x.start)..end])
                    }))
        }
        _ => false,
    }
}

/// Whether a section titled `key` (normalised, see `normalize_title`) holds no claims
/// about the system: every word of its title is one of [`SECTION_WORDS`], and one of
/// them names such a section ([`SECTION_HEADS`]).
pub fn is_non_claim_section(key: &str) -> bool {
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    words.iter().any(|w| SECTION_HEADS.contains(w))
        && words
            .iter()
            .all(|w| SECTION_HEADS.contains(w) || SECTION_WORDS.contains(w))
}

/// Words that name a section without claims: definitions, pointers, questions, ideas,
/// and the record of the document's own history and review.
const SECTION_HEADS: &[&str] = &[
    "glossary",
    "definitions",
    "terminology",
    "acronyms",
    "abbreviations",
    "references",
    "sources",
    "source",
    "bibliography",
    "links",
    "questions",
    "considerations",
    "future",
    "changelog",
    "history",
    "debate",
    "review",
    "reviews",
    "signoff",
    "signoffs",
    "approvals",
];

/// Words that may qualify a [`SECTION_HEADS`] word in such a title.
const SECTION_WORDS: &[&str] = &[
    "open",
    "unresolved",
    "still",
    "further",
    "reading",
    "related",
    "documents",
    "work",
    "ideas",
    "revision",
    "version",
    "document",
    "change",
    "changes",
    "made",
    "summary",
    "status",
    "adversarial",
    "final",
    "record",
    "log",
    "sign",
    "off",
    "or",
    "of",
    "the",
    "spec",
    "this",
    "round",
    "rounds",
    "external",
    "useful",
    "materials",
    "consideration",
    "idea",
    "improvements",
    "enhancements",
];

/// Words with a letter or digit in `v`, outside parentheses.
fn value_words(v: &str) -> usize {
    let mut depth = 0usize;
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The end of the first sentence of `t`: a `.`, `!` or `?` followed by white space or
/// the end, outside code spans.
fn first_sentence_end(t: &str) -> Option<(usize, char)> {
    let mut code = false;
    let b = t.as_bytes();
    for (i, c) in t.char_indices() {
        match c {
            '`' => code = !code,
            '.' | '!' | '?'
                if !code
                    && b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace())
                    && !(c == '.' && is_abbreviation(&t[..i])) =>
            {
                return Some((i, c));
            }
            _ => {}
        }
    }
    None
}

/// Whether the word before a `.` makes it an abbreviation, not a sentence's end: an
/// initial (`A. Chen`) or a common abbreviation (`e.g.`, `vs.`).
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    word.chars().count() == 1 && word.chars().all(char::is_alphabetic)
        || ["e.g", "i.e", "etc", "vs", "approx", "incl", "cf", "no"]
            .iter()
            .any(|a| word.eq_ignore_ascii_case(a))
}

/// Whether a field's value is short: at most `max` words outside parentheses, and at
/// most one sentence.
fn short_value(v: &str, max: usize) -> bool {
    let v = v.trim().trim_matches(['*', '_']).trim();
    value_words(v) <= max && first_sentence_end(v).is_none_or(|(i, _)| v[i + 1..].trim().is_empty())
}

/// A paragraph's field line with a short value: a bold key and at most ten words, or
/// a metadata field (see the module doc).
fn is_short_field(t: &str) -> bool {
    field_of(t).is_some_and(|(f, bold)| bold && short_value(&f.value, 10)) || is_metadata_field(t)
}

/// A field whose key names metadata ([`METADATA_KEYS`]), with at most eight words.
/// A list of other fields (`- **Retention:** 30 days`) describes the system, item by
/// item, as a table would: it is a claim.
fn is_metadata_field(t: &str) -> bool {
    let Some((f, _)) = field_of(t) else {
        return false;
    };
    let key = f.key.trim_matches(['*', '_', ' ']).to_ascii_lowercase();
    key.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .any(|w| METADATA_KEYS.contains(&w))
        && short_value(&f.value, 8)
}

/// Words that make a plain field's key metadata rather than content: who, when, which
/// state, where it is tracked, who signs off (a RACI letter too).
const METADATA_KEYS: &[&str] = &[
    "status",
    "state",
    "owner",
    "owners",
    "author",
    "authors",
    "date",
    "created",
    "updated",
    "version",
    "priority",
    "approved",
    "approver",
    "approvers",
    "approval",
    "reviewed",
    "reviewer",
    "reviewers",
    "signoff",
    "sign",
    "signed",
    "due",
    "deadline",
    "target",
    "file",
    "files",
    "path",
    "paths",
    "link",
    "links",
    "repo",
    "repository",
    "issue",
    "issues",
    "ticket",
    "tickets",
    "pr",
    "tracking",
    "related",
    "responsible",
    "accountable",
    "consulted",
    "informed",
    "r",
    "a",
    "c",
    "i",
    "raci",
    "stakeholder",
    "stakeholders",
    "audience",
    "contact",
    "dri",
    "team",
    "lead",
    "reviewed-by",
];

/// A definition: a code identifier, then its type or value (`` `id` (string) ``,
/// `` `title`: string ``, `` `ok` = true ``) in at most twelve words; or a field whose
/// value is only code (`Example: `["a","b"]``).
fn is_definition(t: &str) -> bool {
    if let Some(rest) = t.strip_prefix('`') {
        let Some(close) = rest.find('`') else {
            return false;
        };
        let after = rest[close + 1..].trim_start();
        return (after.is_empty()
            || after.starts_with([':', '(', '=', '-', '\u{2014}', '\u{2013}', ',']))
            && (value_words(after) <= 12 || code_list(after.trim_start_matches(':')));
    }
    field_of(t).is_some_and(|(f, _)| {
        let v = f.value.trim();
        v.starts_with('`') && v.ends_with('`') && v.len() > 1
    })
}

/// A comma-separated list of code identifiers, each with an optional parenthesised
/// qualifier (`` `type`, `ts`, `runId` (nullable) ``): a schema's fields.
fn code_list(t: &str) -> bool {
    let t = t.trim().trim_end_matches('.');
    !t.is_empty()
        && t.split(',').all(|part| {
            let p = part.trim();
            let p = match p
                .strip_suffix(')')
                .and_then(|x| x.rfind('(').map(|o| &x[..o]))
            {
                Some(x) => x.trim_end(),
                None => p,
            };
            p.len() > 2
                && p.starts_with('`')
                && p.ends_with('`')
                && !p[1..p.len() - 1].contains('`')
        })
}

/// Whether the text asks a question: its first sentence ends with `?`.
fn is_question(t: &str) -> bool {
    first_sentence_end(t.trim()).is_some_and(|(_, c)| c == '?')
}

/// Whether a paragraph only asks: its first sentence and its end are questions (a
/// trailing `(Owner: …)` aside). `Why Postgres? It gives us serializable
/// transactions.` answers, and is a claim.
fn is_asked(t: &str) -> bool {
    let t = t.trim();
    let end = match t.strip_suffix(')').and_then(|x| x.rfind('(')) {
        Some(open) => t[..open].trim_end(),
        None => t,
    };
    is_question(t) && end.ends_with('?')
}

/// `[TAG]`, `[END OF SPEC — …]` or a banner `=== … ===`: a tag, not a sentence.
fn is_marker(t: &str) -> bool {
    (t.starts_with('[') && t.ends_with(']') && !t.contains("](")) || is_banner(t)
}

/// A banner line: `=== Debate complete ===`.
pub(crate) fn is_banner(t: &str) -> bool {
    t.len() > 6 && t.starts_with("===") && t.ends_with("===")
}

/// One link, URL, path or file name, with at most a short label before it (`Global:
/// `~/.config/x.json``) and a short note in parentheses after it (`README.md
/// (user-facing)`), and nothing else.
fn is_pointer(t: &str) -> bool {
    let mut t = t.trim_end_matches(['.', ',', ';']).trim();
    if let Some(open) = t.strip_suffix(')').and_then(|x| x.rfind(" (")) {
        if t[open..].split_whitespace().count() <= 6 {
            t = t[..open].trim_end();
        }
    }
    if let Some((label, rest)) = t.split_once(": ") {
        if label.split_whitespace().count() <= 3 && !label.contains('`') {
            t = rest.trim();
        }
    }
    is_only_a_link(t) || is_file_name(t)
}

/// `README.md`, `` `Cargo.toml` ``: a file name with an extension, no spaces.
fn is_file_name(t: &str) -> bool {
    let t = t.trim_matches('`');
    !t.is_empty()
        && !t.contains(char::is_whitespace)
        && t.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty()
                && (1..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                && ext.chars().any(|c| c.is_ascii_lowercase())
        })
}

/// `[text](dest)`, `<url>`, a bare URL or a `path` in backticks, and nothing else.
fn is_only_a_link(t: &str) -> bool {
    let t = t.trim_end_matches(['.', ',', ';']);
    if let Some(rest) = t.strip_prefix('[') {
        return rest.find("](").is_some_and(|close| {
            rest.ends_with(')') && !rest[close + 2..rest.len() - 1].contains(' ')
        });
    }
    // A path in backticks may hold spaces (`~/Library/Application Support/x.json`).
    if t.len() > 2 && t.starts_with('`') && t.ends_with('`') && !t[1..t.len() - 1].contains('`') {
        let inner = &t[1..t.len() - 1];
        if inner.contains('/') && !inner.starts_with(' ') {
            return true;
        }
    }
    let bare = t.trim_matches(['<', '>', '`']);
    !bare.is_empty()
        && !bare.contains(char::is_whitespace)
        && (bare.contains("://") || bare.contains('/') || bare.starts_with('#'))
}

/// Words that open a statement that the section does not apply.
const NA_OPENERS: &[&str] = &[
    "n/a",
    "not applicable",
    "none",
    "not required",
    "not needed",
];

/// A list of fields that each say the section does not apply (`- **Triggers:** None —
/// no PII`, `- **Required reviews:** N/A`), one with its reason, and at most one note
/// (`- **Notes:** only public data is used`) saying why: one N/A statement, written
/// field by field. `items` are each item's line count and first line.
fn is_na_field_list(items: &[(usize, &str)]) -> bool {
    let label_value = |t: &str| {
        t.trim_start_matches(['*', '_'])
            .split_once(':')
            .map(|(l, v)| {
                (
                    l.trim_matches(['*', '_', ' ']).to_ascii_lowercase(),
                    v.trim()
                        .trim_matches(['*', '_', ' ', '.'])
                        .to_ascii_lowercase(),
                )
            })
            .filter(|(l, _)| l.split_whitespace().count() <= 4)
    };
    let bare = |t: &str| label_value(t).is_some_and(|(_, v)| NA_OPENERS.contains(&v.as_str()));
    let note = |t: &str| {
        label_value(t).is_some_and(|(l, _)| matches!(l.as_str(), "note" | "notes" | "reason"))
    };
    let reasoned = items.iter().filter(|(_, t)| is_na_statement(t)).count();
    let notes = items.iter().filter(|(_, t)| note(t)).count();
    items.len() >= 2
        && reasoned >= 1
        && notes <= 1
        && items
            .iter()
            .all(|&(n, t)| n == 1 && (is_na_statement(t) || bare(t) || note(t)))
}

/// One line that says the section does not apply and why: it starts (after an
/// optional `Label:` and emphasis) with `N/A`, `Not applicable`, `None`, `Not
/// required` or `Not needed`, and gives a reason.
fn is_na_statement(t: &str) -> bool {
    let body = match t.split_once(':') {
        Some((label, rest)) if label.split_whitespace().count() <= 4 && !label.contains("N/A") => {
            rest
        }
        _ => t,
    };
    let body = body.trim().trim_start_matches(['*', '_']).trim_start();
    let Some(rest) = NA_OPENERS.iter().find_map(|o| {
        body.get(..o.len())
            .filter(|h| h.eq_ignore_ascii_case(o))
            .map(|_| &body[o.len()..])
    }) else {
        return false;
    };
    // A whole word (`None` but not `Nonetheless`), then a reason: `(…)`, `—`, `-`,
    // `:`, `.` or `because`, with words after it.
    if rest.starts_with(char::is_alphanumeric) {
        return false;
    }
    let reason = rest.trim_start_matches(['*', '_', '.']).trim();
    reason.chars().filter(|c| c.is_alphabetic()).count() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn non_claim(md: &str) -> bool {
        let doc = specgate_model::parse(format!("# T: x\n\n## S\n\n{md}\n"));
        let b = doc
            .blocks
            .iter()
            .find(|b| b.section.is_some())
            .expect("a block");
        is_non_claim(&doc, b)
    }

    #[test]
    fn sections_without_claims() {
        for t in [
            "glossary",
            "references",
            "open questions",
            "future considerations",
            "future work",
            "revision history",
            "adversarial review summary",
            "debate summary",
        ] {
            assert!(is_non_claim_section(t), "{t}");
        }
        for t in [
            "security review",
            "assumptions open questions",
            "compliance regulatory review triggers",
            "review gates",
            "summary",
        ] {
            assert!(!is_non_claim_section(t), "{t}");
        }
    }

    #[test]
    fn blocks_that_make_no_claim() {
        assert!(non_claim("**Status:** Draft\n**Owner:** A. Chen"));
        assert!(non_claim("Approved by: A. Chen"));
        assert!(non_claim("**File:** `src/ledger.rs`"));
        assert!(non_claim("- Responsible: A. Chen\n- Accountable: B. Ortiz"));
        assert!(non_claim("- [ ] Eng lead\n- [x] Security"));
        assert!(non_claim("- [Summary](#summary)\n- [Design](#design)"));
        assert!(non_claim("- https://example.org/rfc\n- `docs/adr/0007.md`"));
        assert!(non_claim("N/A (stateless service)"));
        assert!(non_claim("**N/A** - internal tool only"));
        assert!(non_claim(
            "State machine: N/A (stateless; every request is independent)"
        ));
        // Claims.
        assert!(!non_claim(
            "The ledger is append-only and replicated to two zones."
        ));
        assert!(!non_claim(
            "- The queue retries three times.\n- Owner: A. Chen"
        ));
        assert!(!non_claim("- [Design](#design) explains the retry loop."));
        assert!(!non_claim("N/A"));
        // Not a char boundary at byte 14: no panic (regression).
        assert!(!non_claim(
            "Exit: scan → fix → re-scan completes with zero errors."
        ));
        assert!(!non_claim(
            "Latency: p99 under 300 ms for every request we serve in the EU and US regions today."
        ));
        assert!(!non_claim("**Rollout:** feature-gated, with verification off by default until the trust store persists."));
        assert!(!non_claim(
            "**Note:** the tool is a CLI. Its contracts are traits."
        ));
        // Short fields, answers that say a section does not apply, questions, markers.
        assert!(non_claim("**Measurement window:** 30 days post-launch"));
        assert!(non_claim(
            "**Decision date:** 2026-01-27 (after phase 2)\n**Decision owner:** Product lead"
        ));
        assert!(non_claim("**Secrets:** None (no API keys)"));
        assert!(non_claim("- None — a standalone script"));
        assert!(non_claim("Not required (no personal data)"));
        assert!(!non_claim("Nonetheless the queue retries."));
        assert!(non_claim(
            "- Q1: Where should the runbook live? (Owner: A. Chen)"
        ));
        assert!(non_claim("Should the cache be shared across tenants?"));
        assert!(!non_claim("The cache is shared. Should it be?"));
        assert!(!non_claim(
            "Why Postgres? It gives us serializable transactions."
        ));
        assert!(non_claim("Do we shard by tenant? (Owner: A. Chen)"));
        assert!(non_claim("[AGREE]"));
        assert!(!non_claim("[Design](#design) explains the loop."));
        assert!(non_claim("- `id` (string, required)\n- `ok`: bool"));
        assert!(non_claim(
            "- [ ] Provision the cluster\n  - Size: three nodes\n- **Priority:** Must"
        ));
        assert!(!non_claim(
            "- **Decision:** use Node\n  - It ships with the runner."
        ));
        assert!(!non_claim(
            "- **Algorithm:** Ed25519\n- **Typical volume:** 50-200 per session"
        ));
    }
}
