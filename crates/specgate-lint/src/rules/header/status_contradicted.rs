use specgate_model::{BlockKind, Role, Span};

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a statement of the document's status that contradicts an earlier one.
    /// The document's status is stated by:
    /// - the header's `Status` field (`**Status:** Draft`, `Status: Draft`);
    /// - a `status:` key of the front matter (a `---` block, or a ```` ```yaml ````
    ///   block before the first section);
    /// - a field anywhere that names the document's status: `**Document status:**`,
    ///   `Spec status:`, `PRD status:`, `ADR status:`, `Approval status:`…;
    /// - the first line of a top-level section titled `Status` or `Document status` (ADR
    ///   style: `## Status` then `Accepted`).
    ///
    /// Values are compared by meaning, from their first words: `Draft` and
    /// `Draft - review pending` agree; `Approved`, `Accepted`, `Final`, `Finalized` and
    /// `Signed off` are one status, as are `In Review`, `Under review` and `Ready for
    /// review`. A value that means none of the known statuses (draft, in review,
    /// approved, proposed, rejected, deprecated, superseded), or still lists the
    /// alternatives (`Draft | Approved`), is not compared. Statuses of components,
    /// tasks, risks and table rows are not the document's and are not read.
    ///
    /// ## Why
    /// Readers and gates decide from the status whether the spec can be built from; a
    /// document that says `Draft` at the top and `Approved` at the bottom says neither.
    ///
    /// ## Example
    /// ```markdown
    /// **Status:** Draft
    /// …
    /// ## Sign-off
    /// **Document status:** Approved (2026-03-02)
    /// ```
    ///
    /// ## Fix
    /// Decide the status and write it once in the header; make every other statement
    /// agree with it or remove it.
    name: "status-contradicted", category: "header", severity: Error
}

/// Statuses by meaning: each group's phrases, as the first words of a value.
const GROUPS: &[(&str, &[&str])] = &[
    ("draft", &["draft", "wip", "work in progress"]),
    (
        "in review",
        &[
            "in review",
            "review",
            "under review",
            "ready for review",
            "in-review",
            "pending review",
            "awaiting review",
        ],
    ),
    (
        "approved",
        &[
            "approved",
            "accepted",
            "final",
            "finalized",
            "finalised",
            "signed off",
            "ratified",
        ],
    ),
    ("proposed", &["proposed"]),
    ("rejected", &["rejected", "declined"]),
    ("deprecated", &["deprecated", "obsolete", "retired"]),
    ("superseded", &["superseded"]),
];

/// Words before `status` in a field name that make it the document's status.
const DOCUMENT_WORDS: &[&str] = &[
    "document",
    "doc",
    "spec",
    "specification",
    "prd",
    "rfc",
    "adr",
    "design",
    "proposal",
    "approval",
];

fn words(s: &str) -> Vec<String> {
    crate::util::lower_words(s, &['-']).collect()
}

/// The status group a value means, from its first words.
fn meaning(value: &str) -> Option<&'static str> {
    if value.contains('|') {
        return None;
    }
    let w = words(value);
    GROUPS.iter().find_map(|(name, phrases)| {
        phrases
            .iter()
            .any(|p| {
                let p: Vec<&str> = p.split(' ').collect();
                w.len() >= p.len() && w.iter().zip(&p).all(|(a, b)| a == b)
            })
            .then_some(*name)
    })
}

/// Whether a field or section name is the document's status.
fn names_document_status(key: &str) -> bool {
    let w = words(key);
    match w.as_slice() {
        [s] => s == "status",
        [.., d, s] if s == "status" => DOCUMENT_WORDS.contains(&d.as_str()) || d == "current",
        _ => false,
    }
}

struct Statement {
    value: String,
    span: Span,
    place: &'static str,
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let mut said: Vec<Statement> = Vec::new();
    for f in super::front_matter_fields(doc) {
        if let (true, Some(span)) = (f.key.trim().eq_ignore_ascii_case("status"), f.value_span) {
            let value = f.value.trim_matches(['"', '\'']).to_string();
            said.push(Statement {
                value,
                span,
                place: "the front matter",
            });
        }
    }
    for h in doc.header.iter().filter(|h| names_document_status(&h.key)) {
        said.push(Statement {
            value: h.value.clone(),
            span: h.value_span,
            place: "the header",
        });
    }
    let header_end = doc.header.last().map_or(0, |h| h.span.end);
    for block in doc.blocks.iter().filter(|b| b.span.start >= header_end) {
        let Some(sec) = block.section else {
            continue;
        };
        if ctx
            .role_within(sec)
            .iter()
            .any(|r| matches!(r, Role::Component | Role::ComponentDesign))
        {
            continue;
        }
        let section = &doc.sections[sec];
        let first_of_status_section = section.level <= 2
            && names_document_status(&section.title)
            && doc.blocks_in(sec).first().map(|b| b.span) == Some(block.span);
        if first_of_status_section {
            if let BlockKind::Paragraph { lines } = &block.kind {
                let line = lines[0];
                let t = doc.slice(line);
                let value = t.trim().trim_matches(['*', '_', '`']).trim();
                let lead = t.find(value).unwrap_or(0);
                said.push(Statement {
                    value: value.to_string(),
                    span: Span::new(line.start + lead, line.start + lead + value.len()),
                    place: "the Status section",
                });
                continue;
            }
        }
        for line in block.field_lines() {
            let Some((f, _)) = specgate_model::field_of(doc.slice(line)) else {
                continue;
            };
            if words(&f.key).len() >= 2 && names_document_status(&f.key) {
                said.push(Statement {
                    value: f.value.clone(),
                    span: Span::new(
                        line.start + f.value_span.start,
                        line.start + f.value_span.end,
                    ),
                    place: "the body",
                });
            }
        }
    }
    let mut first: Option<(&Statement, &str)> = None;
    for s in &said {
        let Some(m) = meaning(&s.value) else {
            continue;
        };
        match first {
            None => first = Some((s, m)),
            Some((f, fm)) if fm != m => {
                sink.report(
                    s.span,
                    format!(
                        "status `{}` contradicts `{}` in {}",
                        s.value.trim(),
                        f.value.trim(),
                        f.place
                    ),
                )
                .with_label(f.span, format!("the status in {}", f.place))
                .with_help("decide the status, and make every statement of it agree");
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_by_meaning() {
        assert_eq!(meaning("Draft - review pending"), Some("draft"));
        assert_eq!(meaning("✅ **Approved** (2026-01-02)"), Some("approved"));
        assert_eq!(meaning("finalized"), Some("approved"));
        assert_eq!(meaning("Under review"), Some("in review"));
        assert_eq!(meaning("Draft | In Review | Approved"), None);
        assert_eq!(meaning("Phase 1 Complete"), None);
        assert_eq!(meaning("Finally done"), None);
        assert!(names_document_status("Document Status"));
        assert!(names_document_status("Status"));
        assert!(!names_document_status("Quality Gate Status"));
        assert!(!names_document_status("Mitigation status"));
    }
}
