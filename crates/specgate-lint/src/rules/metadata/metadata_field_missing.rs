use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// In the Template Metadata section, checks that each of the seven fields —
    /// `name`, `description`, `title_template`, `acceptance_criteria`, `priority`,
    /// `variables`, `metadata` — is present and not empty. A value that is still a
    /// `<placeholder>` counts as present (the placeholder rules report it).
    ///
    /// ## Why
    /// The metadata block is exported to a template JSON file; a missing field breaks
    /// the export or yields an incomplete template.
    ///
    /// ## Example
    /// ```markdown
    /// - **name:** bug-fix
    /// - **priority:**
    /// ```
    ///
    /// ## Fix
    /// Add the field as `- **field:** value`.
    name: "metadata-field-missing", category: "metadata", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for m in super::blocks(ctx) {
        let heading = ctx.doc.sections[m.section].heading_span;
        for key in super::FIELDS {
            match m.get(key) {
                None => {
                    sink.report(heading, format!("Template Metadata has no `{key}` field"))
                        .with_help(format!("add `- **{key}:** <value>`"));
                }
                Some(f) if f.value.is_empty() && f.nested.is_empty() => {
                    sink.report(
                        f.item_span,
                        format!("Template Metadata field `{key}` is empty"),
                    )
                    .with_help("give it a value");
                }
                Some(_) => {}
            }
        }
    }
}
