use specgate_model::{normalize_title, BlockKind};

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// In a section whose template has a table (Scope Decision Log, RACI, SLI table,
    /// Evidence Map, Component inventory), checks that the document's first table there
    /// has every template column (compared case-, punctuation- and plural-insensitively,
    /// each side of a `/` on its own, and with the names teams use for the same column:
    /// `Source` for `Evidence`, `Description` or `Why it matters` for `Notes`, `Why
    /// used` for `Section / Claim`).
    /// The first column holds the rows' labels and may carry the team's own name: it
    /// counts as present when the table's first column is none of the template's
    /// (`Role | R | A | C | I` for `Area | R | A | C | I`). Other columns must match.
    ///
    /// ## Why
    /// Columns carry the decisions the template exists to capture: a decision log
    /// without `Decision`, a RACI without `Accountable`.
    ///
    /// ## Example
    /// An Evidence Map table with no `Confidence` column.
    ///
    /// ## Fix
    /// Add the missing columns.
    name: "missing-table-columns", category: "tables", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for (di, sec) in doc.sections.iter().enumerate() {
        let Some(si) = ctx.matching.doc_to_spec[di] else {
            continue;
        };
        let Some(expected) = ctx.schema.sections[si].tables.first() else {
            continue;
        };
        let Some((b, t)) = doc.blocks[sec.blocks.clone()]
            .iter()
            .find_map(|b| match &b.kind {
                BlockKind::Table(t) => Some((b, t)),
                _ => None,
            })
        else {
            continue;
        };
        // Punctuation-insensitive, also where punctuation splits words (`Tradeoff`
        // matches `Trade-off`), and plural-insensitive (`Owners` matches `Owner`).
        let have: Vec<Vec<String>> = t.header.iter().map(|c| names(&c.text)).collect();
        let want: Vec<Vec<String>> = expected.iter().map(|c| names(c)).collect();
        let present = |w: &[String], h: &[String]| w.iter().any(|n| h.contains(n));
        // The first column holds the rows' labels, which teams name their own way: it
        // counts as present under another name (`Role` for `Area`) when the table's
        // first column is none of the template's.
        let renamed = |i: usize| {
            i == 0
                && have
                    .first()
                    .is_some_and(|h| !want.iter().any(|w| present(w, h)))
        };
        let missing: Vec<&str> = expected
            .iter()
            .enumerate()
            .filter(|(i, _)| !have.iter().any(|h| present(&want[*i], h)) && !renamed(*i))
            .map(|(_, c)| c.as_str())
            .collect();
        if !missing.is_empty() {
            let header_line = doc
                .line_index
                .line_span(&doc.text, doc.line_index.line_of(b.span.start));
            sink.report(
                header_line,
                format!("table is missing column(s): {}", missing.join(", ")),
            )
            .with_help(format!(
                "the template's columns are: {}",
                expected.join(" | ")
            ));
        }
    }
}

/// Column names that stand for one column across teams' tables (folded as [`names`]
/// folds them).
const COLUMN_SYNONYMS: &[&[&str]] = &[
    &["evidence", "source", "reference", "link", "citation"],
    &[
        "note",
        "description",
        "comment",
        "whyitmatter",
        "detail",
        "remark",
    ],
    &[
        "claim",
        "section",
        "whyused",
        "usedfor",
        "usedin",
        "sectionclaim",
    ],
    &["confidence", "certainty"],
];

/// The folded names a column header answers to: the header folded (case,
/// punctuation and plural-insensitive, `Trade-off` = `Tradeoff`), each side of a `/`
/// (`Section / Claim`), and their synonyms ([`COLUMN_SYNONYMS`]).
fn names(header: &str) -> Vec<String> {
    let fold = |s: &str| specgate_model::titles::loose(&normalize_title(s)).replace(' ', "");
    let mut out = vec![fold(header)];
    if header.contains('/') {
        out.extend(header.split('/').map(fold).filter(|p| !p.is_empty()));
    }
    for n in out.clone() {
        if let Some(g) = COLUMN_SYNONYMS.iter().find(|g| g.contains(&n.as_str())) {
            out.extend(g.iter().map(|s| s.to_string()));
        }
    }
    out.sort();
    out.dedup();
    out
}
