use crate::context::Context;
use crate::rule::Sink;
use specgate_model::Span;

crate::declare_rule! {
    /// ## What it does
    /// Reports a document named on the command line that matches none of the
    /// configured templates, and checks nothing else in it. A document matches a
    /// template by a `match` glob of its `[[templates]]` entry, by a front-matter key
    /// (`spec_type`, `document`, `doc_type`, `type`, `kind`, `template`) that names the
    /// template's kind, or by its H1, which must name the kind of the template's title
    /// (`# PRD: Billing` for a template titled `# PRD: <Product Name>`). The built-in
    /// tech-spec template is always a candidate.
    ///
    /// ## Why
    /// Checking a PRD or a review against the tech-spec template gives dozens of
    /// "missing section" findings that are all false, and `fix --unsafe` would insert
    /// another kind's sections into it. One finding that says which templates were
    /// tried, and how to add one, is the truth. A directory walk skips such documents
    /// and counts them instead.
    ///
    /// ## Example
    /// `specgate check .spec/review.md` on `# Project Review: Billing`, with no review
    /// template configured.
    ///
    /// ## Fix
    /// None automatic. Add the document's template to `specgate.toml`:
    /// `[[templates]]` with `path = "…/REVIEW_TEMPLATE.md"` and, if its title does
    /// not say its kind, `match = [".spec/review-*.md"]`; `specgate init` proposes
    /// such entries. Or name a template with `--template`.
    name: "no-matching-template", category: "meta", severity: Warning
}

/// Reported when the caller found no template for the document (`Context::unmatched`).
pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(compared) = &ctx.unmatched else {
        return;
    };
    let doc = ctx.doc;
    let (span, what) = match &doc.title {
        Some(t) => (t.span, format!("its H1 `{}`", t.text)),
        None => (Span::new(0, 0), "it has no H1".to_string()),
    };
    sink.report(
        span,
        format!(
            "no template matches this document: {what} names none of the kinds {}; nothing else was checked",
            compared.join(", ")
        ),
    )
    .with_help(
        "add its template to specgate.toml as `[[templates]]` with `path` (and `match` \
         globs if its title does not name the kind), or pass --template; `specgate init` \
         proposes entries",
    );
}
