//! Blocks that make no claim, so `missing-evidence` asks no evidence of them. A block
//! is a claim unless it is one of these (each is documented in `explain SG301`):
//! - **metadata fields**: every line is `**Key:** value` or a plain `Key: value` whose
//!   key names metadata (status, owner, author, date, version, priority, approval,
//!   review, sign-off, due date, file, path, link, issue, tracking, RACI roles,
//!   stakeholders, team, lead) and whose value is short (at most eight words): status
//!   and owner lines, sign-offs `Approved by: A. Chen`, labels `**File:** path`, role
//!   bullets `- Accountable: B. Ortiz`. Other fields (`**Algorithm:** Ed25519`,
//!   `**Typical volume:** 50-200 per session`) state facts and are claims;
//! - **a checklist**: every item has a task box (`- [ ] Eng lead sign-off`);
//! - **links only**: every list item is one link, URL or path and nothing else (a table
//!   of contents, a References or Links list);
//! - **an N/A statement**: one line saying the section does not apply, with its reason:
//!   `N/A (stateless service)`, `**N/A** - internal only`, `State machine: N/A
//!   (stateless …)`.

use specgate_model::{is_field_line, Block, BlockKind, Document};

/// Whether `b` makes no claim (see the module doc).
pub fn is_non_claim(doc: &Document, b: &Block) -> bool {
    match &b.kind {
        BlockKind::Paragraph { lines } => {
            let texts: Vec<&str> = lines.iter().map(|l| doc.slice(*l).trim()).collect();
            texts.iter().all(|t| is_metadata_line(t))
                || (texts.len() == 1 && is_na_statement(texts[0]))
        }
        BlockKind::List(l) => {
            let items: Vec<_> = l.items.iter().collect();
            !items.is_empty()
                && (items.iter().all(|it| it.checked.is_some())
                    || items.iter().all(|it| {
                        it.lines.len() == 1 && is_metadata_line(doc.slice(it.lines[0]).trim())
                    })
                    || items.iter().all(|it| {
                        it.lines.len() == 1 && is_only_a_link(doc.slice(it.lines[0]).trim())
                    }))
        }
        _ => false,
    }
}

/// Words that make a field's key metadata rather than content: who, when, which
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

/// A metadata field line: its key names metadata ([`METADATA_KEYS`]) and its value is
/// short (see the module doc).
fn is_metadata_line(t: &str) -> bool {
    if !is_field_line(t) {
        return false;
    }
    let Some((key, value)) = t.split_once(':') else {
        return false;
    };
    let key = key.trim_matches(['*', '_', ' ']).to_ascii_lowercase();
    let meta = key
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .any(|w| METADATA_KEYS.contains(&w));
    let value = value.trim_start_matches(['*', '_']).trim();
    meta && value.split_whitespace().count() <= 8
}

/// `[text](dest)`, `<url>`, a bare URL or a `path` in backticks, and nothing else.
fn is_only_a_link(t: &str) -> bool {
    let t = t.trim_end_matches(['.', ',', ';']);
    if let Some(rest) = t.strip_prefix('[') {
        return rest.find("](").is_some_and(|close| {
            rest.ends_with(')') && !rest[close + 2..rest.len() - 1].contains(' ')
        });
    }
    let bare = t.trim_matches(['<', '>', '`']);
    !bare.is_empty()
        && !bare.contains(char::is_whitespace)
        && (bare.contains("://") || bare.contains('/') || bare.starts_with('#'))
}

/// One line that says the section does not apply and why: it starts (after an
/// optional `Label:` and emphasis) with `N/A` or `Not applicable`, and gives a reason.
fn is_na_statement(t: &str) -> bool {
    let body = match t.split_once(':') {
        Some((label, rest)) if label.split_whitespace().count() <= 4 && !label.contains("N/A") => {
            rest
        }
        _ => t,
    };
    let body = body.trim().trim_start_matches(['*', '_']).trim_start();
    let rest = if let Some(r) = body.strip_prefix("N/A") {
        r
    } else if body
        .get(..14)
        .is_some_and(|h| h.eq_ignore_ascii_case("not applicable"))
    {
        &body[14..]
    } else {
        return false;
    };
    // A reason follows: `(…)`, `—`, `-`, `:` or `because`, with words after it.
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
        assert!(!non_claim("**Rollout:** feature-gated, verification off by default until the trust store persists."));
        assert!(!non_claim(
            "- **Algorithm:** Ed25519\n- **Typical volume:** 50-200 per session"
        ));
    }
}
