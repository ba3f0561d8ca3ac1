use crate::context::Context;
use crate::rule::Sink;
use crate::util::doc_start;

crate::declare_rule! {
    /// ## What it does
    /// Reports a header field the template has (`**Owner:**`, `**Status:**`,
    /// `**Last updated:**`, …) that the document's header lacks. Fields are read in
    /// every common form, in the template and in the document alike: bold
    /// (`**Owner:** x`), plain (`Author(s): x`), list items (`- Start Date: x`) and
    /// YAML front matter keys; names are compared case-, `_`/space- and
    /// plural-insensitively (`Author(s)`, `Authors` and `Author` are one field).
    /// A field the template marks optional (a front-matter comment that says so, or
    /// `(optional)` in its value) is never required. A field is also filled in other
    /// forms: a document field of another name that ends in the same word (`Cargo
    /// Issue` for `Rust Issue`); for a date field, a document field about a date
    /// (`Date:` for `Last updated`) or a date in a byline; for an author or owner
    /// field, a byline under the title (`Russ Cox \` then `December 2022`); a field
    /// under the name teams use for it (`Audience` for `Stakeholders`,
    /// `related_tech_spec` for `Links`); a key of a ```` ```yaml ```` block written
    /// before the first section as front matter.
    ///
    /// ## Why
    /// Owner, status and date are what a reader needs first, and what portfolio
    /// tooling reads.
    ///
    /// ## Example
    /// A spec whose header has no `**Owner:**` line.
    ///
    /// ## Fix
    /// Add the field under the title, in the template's form: `**Owner:** A. Chen`.
    name: "missing-header-field", category: "header", severity: Error
}

/// A field name folded for comparison: letters and digits, lower case, with a plural
/// ending dropped (`Author(s)`, `Authors` and `Author` are one field).
/// Header field names that stand for one field (folded as [`fold`] folds them; `*`
/// ends a prefix that only a document's field name may match: `related_tech_spec`
/// is a `Links` field, but not a `Related PRD` one).
const HEADER_SYNONYMS: &[&[&str]] = &[
    &["stakeholder", "audience"],
    &["link", "related*", "reference"],
    &["reviewer", "reviewedby"],
];

fn fold(s: &str) -> String {
    let s = s.replace("(s)", "");
    let f: String = s
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    match f.strip_suffix('s') {
        Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem.to_string(),
        _ => f,
    }
}

/// Whether a template field is filled in another form than its own name:
/// - a document field of another name that ends in the same word (`Cargo Issue` for
///   `Rust Issue`);
/// - for a date field, a document field about a date (`Date: 2022-10-19` for `Last
///   updated`), or a date in the byline;
/// - for an author or owner field, a byline under the title (`Russ Cox \`).
fn filled_otherwise(
    spec: &specgate_model::HeaderSpec,
    others: &[&specgate_model::HeaderField],
    byline: &[&str],
) -> bool {
    let last_word = |k: &str| k.split_whitespace().last().map(fold).unwrap_or_default();
    let multi_word = spec.key.split_whitespace().count() > 1;
    if multi_word
        && others
            .iter()
            .any(|h| last_word(&h.key) == last_word(&spec.key))
    {
        return true;
    }
    let about_date = |k: &str| {
        let k = k.to_ascii_lowercase();
        k.contains("date") || k.contains("updated")
    };
    let dated = others.iter().any(|h| about_date(&h.key)) || byline.iter().any(|l| has_date(l));
    if (spec.is_date || about_date(&spec.key)) && dated {
        return true;
    }
    let person = matches!(fold(&spec.key).as_str(), "owner" | "author" | "by");
    person && byline.iter().any(|l| !has_date(l))
}

/// The byline: the paragraph right under the title, before any section, of one to six
/// short lines with no field colon (`Russ Cox \` / `December 2022`).
fn byline(doc: &specgate_model::Document) -> Vec<&str> {
    let Some(title) = &doc.title else {
        return Vec::new();
    };
    let first_section = doc
        .sections
        .first()
        .map_or(doc.text.len(), |s| s.heading_span.start);
    let Some(b) = doc
        .blocks
        .iter()
        .find(|b| b.span.start > title.span.end && b.span.start < first_section)
    else {
        return Vec::new();
    };
    let specgate_model::BlockKind::Paragraph { lines } = &b.kind else {
        return Vec::new();
    };
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| doc.slice(*l).trim_end_matches(['\\', ' ']).trim())
        .collect();
    let short = lines
        .iter()
        .all(|l| !l.is_empty() && l.len() <= 80 && !l.contains(':'));
    if (1..=6).contains(&lines.len()) && short {
        lines
    } else {
        Vec::new()
    }
}

/// An ISO date, or a month name with a four-digit year (`December 2022`).
fn has_date(line: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let l = line.to_ascii_lowercase();
    let year = l
        .split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")));
    year && (MONTHS.iter().any(|m| l.contains(m)) || !crate::dates::find_dates(line).is_empty())
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let fm: Vec<String> = super::front_matter_fields(doc)
        .iter()
        .map(|f| fold(f.key))
        .collect();
    let mut have: Vec<String> = doc.header.iter().map(|h| fold(&h.key)).collect();
    have.extend(fm.iter().cloned());
    // The names a field goes by (`audience` for `Stakeholders`, `related_tech_spec`
    // for `Links`).
    let known = |k: &str| {
        have.iter().any(|h| {
            h == k
                || HEADER_SYNONYMS.iter().any(|g| {
                    // The template's field by a plain name of the group; the
                    // document's by any, a `*` prefix too.
                    let doc_is = |x: &str| {
                        g.iter()
                            .any(|s| s.strip_suffix('*').map_or(x == *s, |p| x.starts_with(p)))
                    };
                    g.contains(&k) && doc_is(h)
                })
        })
    };
    let anchor = doc
        .header
        .last()
        .map(|h| h.span)
        .unwrap_or_else(|| doc_start(doc));
    let template_keys: Vec<String> = ctx.schema.header.iter().map(|s| fold(&s.key)).collect();
    let others: Vec<&specgate_model::HeaderField> = doc
        .header
        .iter()
        .filter(|h| !template_keys.contains(&fold(&h.key)))
        .collect();
    let byline = byline(doc);
    for spec in ctx.schema.header.iter().filter(|s| !s.optional) {
        let k = fold(&spec.key);
        if filled_otherwise(spec, &others, &byline) {
            continue;
        }
        if !known(&k) {
            sink.report(anchor, format!("header field `{}` is missing", spec.key))
                .with_help(format!(
                    "add it to the header as the template writes it: `{}`",
                    spec.example
                ));
        }
    }
}
