use std::borrow::Cow;
use std::collections::hash_map::{Entry, HashMap};

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a `[text](#anchor)` link whose anchor matches no heading of the same
    /// document, using GitHub's slug rules (lower case, punctuation removed, spaces to
    /// `-`, `-1`, `-2` … for repeats), nor an explicit id: a heading's `{#id}`
    /// attribute, or an HTML `id="…"` / `name="…"` anchor.
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
    let text = text.trim();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                out.push(c.to_ascii_lowercase());
            } else if c == ' ' {
                out.push('-');
            }
        } else if c.is_alphanumeric() {
            out.push(c.to_lowercase().next().unwrap_or(c));
        }
    }
    out
}

/// A heading's text as written (number and annotations included): without the ATX
/// `#` markers, opening and closing, or, for a setext heading, without its underline.
fn heading_text(raw: &str) -> Cow<'_, str> {
    let raw = raw.trim();
    if let Some((text, underline)) = raw.rsplit_once('\n') {
        if underline.trim().chars().all(|c| c == '=' || c == '-') {
            return Cow::Owned(text.lines().map(str::trim).collect::<Vec<_>>().join(" "));
        }
    }
    let body = raw.trim_start_matches('#').trim();
    let open = body.trim_end_matches('#');
    Cow::Borrowed(
        if open.len() < body.len() && (open.is_empty() || open.ends_with(' ')) {
            open.trim_end()
        } else {
            body
        },
    )
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    // Document text as keys: std's collision-resistant hasher (ADR 0022).
    let mut slugs: HashMap<String, ()> = HashMap::with_capacity(doc.sections.len() + 1);
    let heads = doc
        .title
        .iter()
        .map(|t| Cow::Borrowed(t.text.as_str()))
        .chain(
            doc.sections
                .iter()
                .map(|s| heading_text(doc.slice(s.heading_span))),
        );
    for h in heads {
        // A repeated slug gets the first free `-1`, `-2`, … suffix.
        match slugs.entry(slug(&h)) {
            Entry::Vacant(free) => {
                free.insert(());
            }
            Entry::Occupied(taken) => {
                let base = taken.key().clone();
                let mut n = 1;
                while slugs.insert(format!("{base}-{n}"), ()).is_some() {
                    n += 1;
                }
            }
        }
    }
    // Explicit ids: a heading's `{#id}` attribute, and HTML `id="…"` / `name="…"`.
    for h in doc
        .sections
        .iter()
        .map(|s| heading_text(doc.slice(s.heading_span)))
    {
        if let Some(open) = h.strip_suffix('}').and_then(|x| x.rfind("{#")) {
            slugs.insert(h[open + 2..h.len() - 1].to_lowercase(), ());
        }
    }
    for attr in [" id=\"", " name=\""] {
        for (at, _) in doc.text.match_indices(attr) {
            let rest = &doc.text[at + attr.len()..];
            if let Some(end) = rest.find('"').filter(|&e| e <= 200) {
                slugs.insert(rest[..end].to_lowercase(), ());
            }
        }
    }
    for l in &doc.links {
        let Some(anchor) = l.dest.strip_prefix('#') else {
            continue;
        };
        if anchor.is_empty() || slugs.contains_key(&anchor.to_lowercase()) {
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
