use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a variable declared in the Template Metadata `variables` that is used
    /// nowhere in `title_template`, `description` or the acceptance criteria (as
    /// `{name}` or as the bare word).
    ///
    /// ## Why
    /// An unused variable asks template users for input that goes nowhere, or hints
    /// that a reference was forgotten.
    ///
    /// ## Example
    /// ```markdown
    /// - **title_template:** Update README for {username}
    /// - **variables:** [username, project_list]
    /// ```
    ///
    /// ## Fix
    /// Use the variable (`{project_list}`) or remove it from `variables`.
    name: "unused-template-variable", category: "metadata", severity: Warning
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for m in super::blocks(ctx) {
        let Some(vars) = m.get("variables") else {
            continue;
        };
        if super::is_placeholder(&vars.value) {
            continue;
        }
        let mut text = String::new();
        for key in ["title_template", "description", "acceptance_criteria"] {
            if let Some(f) = m.get(key) {
                text.push_str(&f.value);
                text.push('\n');
                for n in &f.nested {
                    text.push_str(doc.slice(n.first_line));
                    text.push('\n');
                }
            }
        }
        for (name, span) in super::variables(vars) {
            if text.contains(&format!("{{{name}}}"))
                || !crate::util::find_word(&text, &name).is_empty()
            {
                continue;
            }
            sink.report(span, format!("variable `{name}` is declared but not used"))
                .with_help(format!("use `{{{name}}}` in title_template, description or acceptance criteria, or remove it"));
        }
    }
}
