use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks that the Template Metadata `acceptance_criteria` field has at least one
    /// nested criterion item.
    ///
    /// ## Why
    /// Generated tickets inherit these criteria; without them "done" is undefined.
    ///
    /// ## Example
    /// ```markdown
    /// - **acceptance_criteria:** see section 6
    /// - **priority:** medium
    /// ```
    ///
    /// ## Fix
    /// List the criteria as nested items under the field.
    name: "no-acceptance-criteria", category: "metadata", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for m in super::blocks(ctx) {
        let Some(f) = m.get("acceptance_criteria") else {
            continue;
        };
        if !f.nested.is_empty() || (f.value.is_empty()) {
            // Empty value and no items: metadata-field-missing reports it.
            continue;
        }
        sink.report(f.item_span, "`acceptance_criteria` has no nested criteria")
            .with_help("list each criterion as a nested item: `  - <criterion>`");
    }
}
