use specgate_model::Span;

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports `<…>` placeholders left from the template, in the title, prose, tables
    /// and code blocks: `<name>`, `<what are we building>`, `"<x.y>"`. Also the template's own
    /// placeholders of other forms, learned from it and looked for verbatim in prose,
    /// header fields and headings: `{title of option 1}`, `[Feature Name]`,
    /// `(fill me in with a unique ident)`.
    ///
    /// HTML tags (`<br>`, `<details>`), autolinks (`<https://…>`), comparisons
    /// (`a < b`) and generics (`Vec<u8>`, where `<` follows a letter) are not placeholders.
    /// Inside code (fences and inline code), `<n>` is usually a metavariable
    /// (`--workers <n>`), so there only placeholders that the template itself contains
    /// (such as `"<x.y>"`) are reported; a command in inline code kept word for word
    /// from the template (its export command, `` `spec-export <spec>.md` ``) is the
    /// template's fixed text, usage syntax whose `<spec>` stands for the document
    /// itself; a span that is only a placeholder (`` `<package>` ``) is still a blank.
    ///
    /// ## Why
    /// An unfilled placeholder is a question the author never answered.
    ///
    /// ## Example
    /// `- **Owner:** <name>`
    ///
    /// ## Fix
    /// Replace the placeholder with the real value, or with `N/A — <reason>` text.
    name: "unfilled-placeholder", category: "placeholders", severity: Error
}

const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "center",
    "font",
    "section",
    "article",
    "figure",
    "figcaption",
    "script",
    "style",
    "iframe",
    "svg",
    "path",
    "g",
    "rect",
    "circle",
    "text",
    "body",
    "html",
    "head",
    "meta",
    "link",
    "title",
    "button",
    "form",
    "label",
    "select",
    "option",
    "textarea",
    "nav",
    "header",
    "footer",
    "main",
    "aside",
    "mark",
    "time",
    "template",
    "slot",
    "canvas",
    "audio",
    "object",
];

/// Placeholders in one line: spans of `<…>`.
pub fn find_placeholders(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let prev_alnum = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        let Some(close) = line[i + 1..].find('>') else {
            break;
        };
        let inner = &line[i + 1..i + 1 + close];
        let end = i + 2 + close;
        if !prev_alnum && is_placeholder(inner) {
            out.push((i, end));
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

fn is_placeholder(inner: &str) -> bool {
    let Some(first) = inner.chars().next() else {
        return false;
    };
    if !(first.is_alphabetic() || first == '_' || first == '"' || first == '.' || first == '#') {
        return false;
    }
    if inner.len() > 120 || inner.contains('<') || inner.contains('=') {
        return false;
    }
    let lower = inner.to_ascii_lowercase();
    if lower.starts_with("http:")
        || lower.starts_with("https:")
        || lower.starts_with("mailto:")
        || lower.starts_with("file:")
    {
        return false;
    }
    if inner.contains('@') && !inner.contains(' ') {
        return false; // e-mail autolink
    }
    let word = lower
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("");
    if HTML_TAGS.contains(&word)
        && (inner.len() == word.len()
            || inner.ends_with('/')
            || inner[word.len()..].trim_start().contains('='))
    {
        return false;
    }
    true
}

/// Whether byte `at` of a line is inside an inline code span.
fn in_inline_code(line: &str, at: usize) -> bool {
    line.as_bytes()[..at].iter().filter(|&&b| b == b'`').count() % 2 == 1
}

/// The inline code span around `at` with its backticks (`` `spec-export <spec>.md` ``),
/// when `at` is in one.
fn inline_code_at(line: &str, at: usize) -> Option<&str> {
    if !in_inline_code(line, at) {
        return None;
    }
    let open = line[..at].rfind('`')?;
    let close = at + line[at..].find('`')?;
    Some(&line[open..=close])
}

/// An inline code span that holds a command: a word outside its placeholders
/// (`` `spec-export <spec>.md` ``), not only placeholders and punctuation.
fn is_command(code: &str) -> bool {
    let inner = code.trim_matches('`');
    let mut outside = String::new();
    let mut last = 0;
    for (a, e) in find_placeholders(inner) {
        outside.push_str(&inner[last..a]);
        last = e;
    }
    outside.push_str(&inner[last..]);
    outside
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    // In code, `<n>` is usually a metavariable (`--workers <n>`): only the template's
    // own placeholders count there.
    let template_text = &ctx.schema.template.text;
    let code = ctx.code_lines();
    let prose_spans = ctx.prose_lines();
    // Header fields are prose lines already: add only values no prose line covers,
    // so a placeholder in the header is reported once.
    let header: Vec<Span> = doc
        .header
        .iter()
        .map(|h| h.value_span)
        .filter(|v| !prose_spans.iter().any(|l| l.covers(*v)))
        .collect();
    // The title too: `# Design: <feature name>` left as the template wrote it.
    let prose = prose_spans
        .iter()
        .copied()
        .chain(header)
        .chain(doc.title.iter().map(|t| t.span))
        .map(|l| (l, false));
    let learned = &ctx.schema.placeholders;
    let titles = doc
        .title
        .iter()
        .map(|t| t.span)
        .chain(doc.sections.iter().map(|s| s.heading_span));
    let mut seen = std::collections::HashSet::new();
    for line in prose_spans
        .iter()
        .copied()
        .chain(header_values(ctx))
        .chain(titles)
    {
        report_learned(ctx, sink, learned, line, &mut seen);
    }
    for (line, is_code) in prose.chain(code.iter().map(|&l| (l, true))) {
        let s = doc.slice(line);
        if memchr::memchr(b'<', s.as_bytes()).is_none() {
            continue;
        }
        for (a, e) in find_placeholders(s) {
            if (is_code || in_inline_code(s, a)) && !template_text.contains(&s[a..e]) {
                continue;
            }
            // A command the template writes in inline code and the document keeps word
            // for word (`` `spec-export <spec>.md --out <spec>.template.json` ``): the
            // template's fixed text, usage syntax whose `<spec>` stands for the
            // document itself. A span that is only a placeholder (`` `<package>` ``)
            // is a blank to fill.
            if inline_code_at(s, a).is_some_and(|c| template_text.contains(c) && is_command(c)) {
                continue;
            }
            let span = Span::new(line.start + a, line.start + e);
            sink.report(span, format!("unfilled placeholder `{}`", doc.slice(span)))
                .with_help("replace it with the real value, or with `N/A — <reason>`");
        }
    }
}

/// Header values that no prose line covers.
fn header_values<'a>(ctx: &'a Context) -> impl Iterator<Item = Span> + 'a {
    let prose = ctx.prose_lines();
    ctx.doc
        .header
        .iter()
        .map(|h| h.value_span)
        .filter(move |v| !prose.iter().any(|l| l.covers(*v)))
}

/// The template's own `{…}`, `[…]` and `(fill me in …)` placeholders left in `line`.
/// `seen`: the offsets reported already (a title is also a heading).
fn report_learned(
    ctx: &Context,
    sink: &mut Sink,
    learned: &[String],
    line: Span,
    seen: &mut std::collections::HashSet<usize>,
) {
    let s = ctx.doc.slice(line);
    for p in learned {
        for (a, _) in s.match_indices(p.as_str()) {
            if !seen.insert(line.start + a) {
                continue;
            }
            let span = Span::new(line.start + a, line.start + a + p.len());
            sink.report(span, format!("unfilled placeholder `{p}`"))
                .with_help("replace it with the real value, or with `N/A — <reason>`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::find_placeholders;

    #[test]
    fn placeholders_not_tags_or_generics() {
        let n = |s: &str| find_placeholders(s).len();
        assert_eq!(n("- **Owner:** <name>"), 1);
        assert_eq!(n("a<br>b <br/> <details> <img src=x>"), 0);
        assert_eq!(n("Vec<u8> and Promise<void>"), 0);
        assert_eq!(n("<https://x.io> and a < b > c"), 0);
        assert_eq!(n("{ \"version\": \"<x.y>\" }"), 1);
        assert_eq!(n("<System / Feature Name>"), 1);
        assert_eq!(n("<a href=\"x\">"), 0);
    }
}
