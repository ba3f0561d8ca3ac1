use crate::context::Context;
use crate::rule::Sink;
use crate::util::doc_start;

crate::declare_rule! {
    /// ## What it does
    /// Reports a header field the template has (`**Owner:**`, `**Status:**`,
    /// `**Last updated:**`, …) that the document's header lacks. Fields are read in
    /// every common form, in the template and in the document alike: bold
    /// (`**Owner:** x`), plain (`Author(s): x`), list items (`- Start Date: x`) and
    /// YAML front matter keys; names are compared case- and `_`/space-insensitively.
    /// A field the template marks optional (a front-matter comment that says so, or
    /// `(optional)` in its value) is never required, and a document field of another
    /// name that ends in the same word fills a multi-word template field (`Cargo
    /// Issue` for `Rust Issue`).
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
    // A document field that is not a template field but ends in the same word fills
    // it under another name (`Cargo Issue` for the template's `Rust Issue`).
    let template_keys: Vec<String> = ctx.schema.header.iter().map(|s| fold(&s.key)).collect();
    let renamed: Vec<String> = doc
        .header
        .iter()
        .filter(|h| !template_keys.contains(&fold(&h.key)))
        .filter_map(|h| h.key.split_whitespace().last().map(fold))
        .collect();
    let last_word = |k: &str| k.split_whitespace().last().map(fold).unwrap_or_default();
    for spec in ctx.schema.header.iter().filter(|s| !s.optional) {
        let k = fold(&spec.key);
        let multi_word = spec.key.split_whitespace().count() > 1;
        if multi_word && renamed.contains(&last_word(&spec.key)) {
            continue;
        }
        if !have.contains(&k) && !fm.contains(&k) {
            sink.report(anchor, format!("header field `{}` is missing", spec.key))
                .with_help(format!(
                    "add it to the header as the template writes it: `{}`",
                    spec.example
                ));
        }
    }
}
