use specgate_model::{normalize_title, BlockKind, Role};

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports an Evidence Map row whose Section column names a section the document
    /// does not have.
    ///
    /// Only the column whose header mentions "Section" (the template's
    /// `Section / Claim`) is read. A cell names a section when it is a section number
    /// (`12)`, `§12`, `Section 3.2`, optionally followed by a title), or when its text
    /// is a title of the template. A cell that is neither is a claim and is left alone.
    /// A number is looked up among the document's own section numbers; a title among
    /// its section titles, and through the template's matching (aliases included).
    ///
    /// ## Why
    /// The map is how reviewers jump from a source to the claim it supports. A row that
    /// points at a section that was renamed, merged or never written leads nowhere,
    /// and usually means the evidence behind it went with the section.
    ///
    /// ## Example
    /// ```markdown
    /// | Section / Claim | Evidence | Confidence | Notes |
    /// |---|---|---|---|
    /// | 14) Capacity Planning | docs/capacity.md | High | load test |
    /// ```
    /// in a document with no section 14 and no Capacity Planning section.
    ///
    /// ## Fix
    /// Point the row at the section that now holds the claim, or remove the row.
    name: "map-unknown-section", category: "evidence", severity: Warning
}

/// Splits `12) Title`, `§12 Title`, `Section 3.2: Title` into the number and the rest.
fn split_number(cell: &str) -> (Option<String>, &str) {
    let mut s = cell.trim();
    let mut marked = false;
    if let Some(r) = s.strip_prefix('§') {
        s = r.trim_start();
        marked = true;
    } else if s.len() > 8 && s.as_bytes()[..8].eq_ignore_ascii_case(b"section ") {
        // ASCII prefix, so byte 8 is a char boundary.
        s = s[8..].trim_start();
        marked = true;
    }
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c.is_ascii_lowercase()))
        .map_or(s.len(), |(i, _)| i);
    let num = s[..end].trim_end_matches('.');
    let starts_digit = num.starts_with(|c: char| c.is_ascii_digit());
    let digits_then_letter = num
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
        .chars()
        .count()
        <= 1;
    let rest = &s[end..];
    let closed = rest.starts_with(')') || rest.starts_with(':') || rest.is_empty();
    if !starts_digit || !digits_then_letter || !(marked || closed || rest.starts_with(' ')) {
        return (None, cell.trim());
    }
    // Without a marker, `2024 roadmap` is a claim, not section 2024.
    if !(marked || rest.starts_with(')') || (rest.is_empty() && num.len() <= 4)) {
        return (None, cell.trim());
    }
    let rest = rest.trim_start_matches([')', ':']).trim();
    (Some(num.to_string()), rest)
}

fn fold_number(n: &str) -> String {
    n.trim()
        .trim_end_matches([')', '.', ':'])
        .to_ascii_lowercase()
}

/// The cell's text without Markdown decoration (`**x**`, `` `x` ``, `[x](#y)`).
fn plain(cell: &str) -> String {
    let t = cell.trim();
    let t = match (t.find('['), t.find("](")) {
        (Some(0), Some(close)) if t.ends_with(')') => &t[1..close],
        _ => t,
    };
    t.trim_matches(|c| c == '*' || c == '_' || c == '`')
        .trim()
        .to_string()
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let maps = ctx.sections_with_role(Role::EvidenceMap);
    if maps.is_empty() {
        return;
    }
    let numbers: Vec<String> = doc
        .sections
        .iter()
        .filter_map(|s| s.number.as_deref().map(fold_number))
        .collect();
    for &m in &maps {
        for b in doc.blocks_in(m) {
            let BlockKind::Table(t) = &b.kind else {
                continue;
            };
            let Some(col) = t
                .header
                .iter()
                .position(|h| h.text.to_ascii_lowercase().contains("section"))
            else {
                continue;
            };
            for row in &t.rows {
                let Some(cell) = row.cells.get(col) else {
                    continue;
                };
                let text = plain(&cell.text);
                if text.is_empty() || text.contains('<') {
                    continue;
                }
                let (number, title) = split_number(&text);
                let key = normalize_title(title);
                let title_known = !key.is_empty()
                    && (doc.sections.iter().any(|s| s.key == key)
                        || ctx.schema.sections.iter().enumerate().any(|(i, s)| {
                            s.pattern.is_none()
                                && s.key == key
                                && !ctx.matching.spec_to_doc[i].is_empty()
                        }));
                if title_known {
                    continue;
                }
                let template_title = !key.is_empty()
                    && (ctx
                        .schema
                        .sections
                        .iter()
                        .any(|s| s.pattern.is_none() && s.key == key)
                        || ctx.schema.aliases.contains_key(&key));
                let number_missing = number
                    .as_deref()
                    .is_some_and(|n| !numbers.is_empty() && !numbers.contains(&fold_number(n)));
                let number_found = number.is_some() && !number_missing;
                if number_found || !(template_title || number_missing) {
                    continue;
                }
                let what = match (&number, template_title) {
                    (Some(n), _) if number_missing => format!("section {n}"),
                    _ => format!("section `{title}`"),
                };
                sink.report(
                    cell.span,
                    format!("Evidence Map row names {what}, which the document does not have"),
                )
                .with_label(doc.sections[m].heading_span, "in this Evidence Map")
                .with_help("point the row at the section that holds the claim, or remove it");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::split_number;

    #[test]
    fn numbers() {
        assert_eq!(split_number("12) Errors"), (Some("12".into()), "Errors"));
        assert_eq!(split_number("§3.2"), (Some("3.2".into()), ""));
        assert_eq!(split_number("Section 4: API"), (Some("4".into()), "API"));
        assert_eq!(split_number("16b) Extra"), (Some("16b".into()), "Extra"));
        assert_eq!(split_number("2024 roadmap"), (None, "2024 roadmap"));
        assert_eq!(
            split_number("Bird test coverage"),
            (None, "Bird test coverage")
        );
        assert_eq!(split_number("7"), (Some("7".into()), ""));
    }
}
