use crate::context::Context;
use crate::rule::Sink;
use crate::util::doc_start;

crate::declare_rule! {
    /// ## What it does
    /// Reports a header field the template has (`**Owner:**`, `**Status:**`,
    /// `**Last updated:**`, …) that the document's header lacks. A YAML front matter
    /// key with the same name (case- and `_`/space-insensitive) counts.
    ///
    /// ## Why
    /// Owner, status and date are what a reader needs first, and what portfolio
    /// tooling reads.
    ///
    /// ## Example
    /// A spec whose header has no `**Owner:**` line.
    ///
    /// ## Fix
    /// Add the field under the title: `**Owner:** A. Chen`.
    name: "missing-header-field", category: "header", severity: Error
}

fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let fm: Vec<String> = doc
        .front_matter
        .as_ref()
        .map(|f| {
            doc.slice(f.content)
                .lines()
                .filter_map(|l| l.split_once(':'))
                .map(|(k, _)| fold(k))
                .collect()
        })
        .unwrap_or_default();
    let have: Vec<String> = doc.header.iter().map(|h| fold(&h.key)).collect();
    let anchor = doc
        .header
        .last()
        .map(|h| h.span)
        .unwrap_or_else(|| doc_start(doc));
    for spec in &ctx.schema.header {
        let k = fold(&spec.key);
        if !have.contains(&k) && !fm.contains(&k) {
            sink.report(anchor, format!("header field `{}` is missing", spec.key))
                .with_help(format!("add `**{}:** …` to the header", spec.key));
        }
    }
}
