use std::collections::HashSet;

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a `[text](#anchor)` link whose anchor matches no heading of the same
    /// document, using GitHub's slug rules (lower case, punctuation removed, spaces to
    /// `-`, `-1`, `-2` … for repeats).
    ///
    /// ## Why
    /// Renumbered or renamed sections silently break in-document navigation.
    ///
    /// ## Example
    /// `see [SLOs](#16-slos)` after the section became `## 16b) SLOs and Error Budget`.
    ///
    /// ## Fix
    /// Point the link at an existing heading's slug.
    name: "broken-anchor", category: "links", severity: Error
}

/// GitHub's heading slug.
pub fn slug(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c.to_lowercase().next().unwrap_or(c))
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// A heading's text as written (number and annotations included): without the ATX
/// `#` markers, opening and closing, or, for a setext heading, without its underline.
fn heading_text(raw: &str) -> String {
    let raw = raw.trim();
    if let Some((text, underline)) = raw.rsplit_once('\n') {
        if underline.trim().chars().all(|c| c == '=' || c == '-') {
            return text.lines().map(str::trim).collect::<Vec<_>>().join(" ");
        }
    }
    let body = raw.trim_start_matches('#').trim();
    let open = body.trim_end_matches('#');
    if open.len() < body.len() && (open.is_empty() || open.ends_with(' ')) {
        open.trim_end().to_string()
    } else {
        body.to_string()
    }
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let mut slugs = HashSet::new();
    let heads = doc.title.iter().map(|t| t.text.clone()).chain(
        doc.sections
            .iter()
            .map(|s| heading_text(doc.slice(s.heading_span))),
    );
    for h in heads {
        let base = slug(&h);
        let mut s = base.clone();
        let mut n = 0;
        while !slugs.insert(s.clone()) {
            n += 1;
            s = format!("{base}-{n}");
        }
    }
    for l in &doc.links {
        let Some(anchor) = l.dest.strip_prefix('#') else {
            continue;
        };
        if anchor.is_empty() || slugs.contains(&anchor.to_lowercase()) {
            continue;
        }
        sink.report(
            l.span,
            format!("anchor `#{anchor}` matches no heading in this document"),
        )
        .with_help("use the slug of an existing heading");
    }
}

#[cfg(test)]
mod tests {
    use super::{heading_text, slug};

    #[test]
    fn heading_text_drops_atx_and_setext_markers() {
        assert_eq!(
            heading_text("## 16b) SLOs (Required)"),
            "16b) SLOs (Required)"
        );
        assert_eq!(heading_text("## Closed heading ##"), "Closed heading");
        assert_eq!(heading_text("## C# notes"), "C# notes");
        assert_eq!(heading_text("Setext\nheading\n-------"), "Setext heading");
        assert_eq!(
            slug(&heading_text("## 8) Data Lifecycle & Retention")),
            "8-data-lifecycle--retention"
        );
    }
}
