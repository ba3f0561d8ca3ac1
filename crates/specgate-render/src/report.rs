//! The static HTML report: one self-contained page per spec and an index.
//!
//! Markdown is rendered by pulldown-cmark from events that specgate filters first: raw
//! HTML (blocks and inline) is shown as escaped text and comments are dropped, link and
//! image destinations are kept only for `http(s):`, `mailto:`, fragments and relative
//! paths, and images become links (no network fetches). Mermaid fences become inline
//! SVG with ids rebased per diagram. Every page is checked with
//! [`crate::html::active_content`] before it is returned.

use std::collections::HashMap;
use std::fmt::Write as _;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use specgate_model::{Document, EvidenceKind, SourceKind, Span};

use crate::diagram::{render_svg, DiagramOptions, RenderFailure};
use crate::html::{active_content, esc, is_relative_path, safe_url};

/// The severity of a finding, as the report shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Error,
    Warning,
    Info,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }
}

/// One lint finding, positioned in the spec.
#[derive(Clone, Debug)]
pub struct Finding {
    /// Byte offset in the spec text.
    pub offset: usize,
    pub line: usize,
    pub column: usize,
    pub level: Level,
    pub code: String,
    pub name: String,
    pub message: String,
}

/// Evidence coverage: claims (paragraphs and lists that must carry evidence) with
/// evidence, out of all claims.
#[derive(Clone, Debug, Default)]
pub struct Coverage {
    pub claims: usize,
    pub covered: usize,
    /// Line numbers of claims without evidence.
    pub uncovered_lines: Vec<usize>,
}

impl Coverage {
    pub fn percent(&self) -> f64 {
        if self.claims == 0 {
            100.0
        } else {
            100.0 * self.covered as f64 / self.claims as f64
        }
    }
}

/// Everything one page needs.
pub struct Page<'a> {
    pub doc: &'a Document,
    /// The spec's path as shown (relative to where the report was asked for).
    pub path: String,
    pub findings: &'a [Finding],
    pub coverage: Coverage,
    /// Prefix turning a path relative to the spec's directory into one relative to the
    /// page (e.g. `../../docs/`), for the spec's own relative links.
    pub link_base: String,
    /// The same for paths relative to the evidence root, for cited evidence.
    pub evidence_base: String,
    /// The byte range of the Evidence Map section, whose table cells name evidence.
    pub evidence_map: Option<Span>,
    /// The index page's file name, for the back link.
    pub index_href: String,
}

/// The index row of one spec.
#[derive(Clone, Debug)]
pub struct Summary {
    pub href: String,
    pub path: String,
    pub title: String,
    pub owner: String,
    pub status: String,
    pub last_updated: String,
    pub errors: usize,
    pub warnings: usize,
    pub gate_passed: bool,
    pub gaps: usize,
    pub overdue_questions: usize,
    pub coverage: Coverage,
    /// The template the spec was checked against, when the caller knows it.
    pub template: Option<String>,
}

impl Summary {
    pub fn with_template(mut self, template: Option<&str>) -> Summary {
        self.template = template.map(str::to_string);
        self
    }
}

/// A diagram the page could not draw, with its line in the spec.
#[derive(Clone, Debug)]
pub struct DiagramProblem {
    pub line: usize,
    pub failure: RenderFailure,
}

/// A rendered page.
pub struct PageOutput {
    pub html: String,
    pub diagrams: usize,
    pub problems: Vec<DiagramProblem>,
}

/// The index row for a spec, from its document and findings.
///
/// `template_keys` are the header fields of the spec's template: a field the template
/// does not have is shown as `—` (`None`: any field is read).
pub fn summary(
    doc: &Document,
    path: &str,
    href: &str,
    findings: &[Finding],
    coverage: Coverage,
    template_keys: Option<&[String]>,
) -> Summary {
    let field = |names: &[&str]| -> String {
        let named = |k: &str| names.iter().any(|n| k.trim().eq_ignore_ascii_case(n));
        if template_keys.is_some_and(|keys| !keys.iter().any(|k| named(k))) {
            return "—".to_string();
        }
        doc.header
            .iter()
            .find(|f| named(&f.key))
            .map(|f| f.value.trim().to_string())
            .unwrap_or_default()
    };
    let errors = findings.iter().filter(|f| f.level == Level::Error).count();
    Summary {
        href: href.to_string(),
        path: path.to_string(),
        title: doc
            .title
            .as_ref()
            .map(|t| t.text.clone())
            .unwrap_or_else(|| path.to_string()),
        owner: field(&["owner", "owners", "author"]),
        status: field(&["status"]),
        last_updated: field(&["last updated", "updated", "last-updated"]),
        errors,
        warnings: findings
            .iter()
            .filter(|f| f.level == Level::Warning)
            .count(),
        gate_passed: errors == 0,
        gaps: doc
            .evidence
            .iter()
            .filter(|e| e.kind == EvidenceKind::Gap)
            .count(),
        overdue_questions: findings
            .iter()
            .filter(|f| f.name == "overdue-open-question")
            .count(),
        coverage,
        template: None,
    }
}

/// Makes a heading slug: lower-case ASCII letters and digits joined by `-`.
fn slug(text: &str, used: &mut HashMap<String, usize>) -> String {
    let mut s = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let base = format!("s-{}", s.trim_end_matches('-'));
    let n = used.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        base
    } else {
        format!("{base}-{n}")
    }
}

fn looks_like_path(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && !t.contains(char::is_whitespace)
        && (t.contains('/') || t.contains('.'))
        && !t.contains(':')
        && t.chars().any(|c| c.is_ascii_alphabetic())
}

struct TocEntry {
    level: u8,
    id: String,
    text: String,
}

/// Renders one spec page. Never panics; every diagram failure is in `problems`.
pub fn render_page(page: &Page<'_>) -> PageOutput {
    let doc = page.doc;
    let text = doc.text.as_str();
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TASKLISTS);
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> =
        Parser::new_ext(text, opts).into_offset_iter().collect();

    // Evidence sources to link, by start offset.
    let mut sources: Vec<(Span, String, SourceKind)> = doc
        .evidence
        .iter()
        .flat_map(|e| e.sources.iter())
        .map(|s| (s.span, s.text.clone(), s.kind))
        .collect();
    sources.sort_by_key(|s| s.0.start);

    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len() + 64);
    let mut toc: Vec<TocEntry> = Vec::new();
    let mut used = HashMap::new();
    let mut findings: Vec<&Finding> = page.findings.iter().collect();
    findings.sort_by_key(|f| (f.offset, f.level));
    let mut next_finding = 0;
    let mut depth = 0usize;
    let mut in_link = 0usize;
    let mut in_table_cell = false;
    let mut diagrams = 0usize;
    let mut problems = Vec::new();
    let mut i = 0;
    let line_of = |off: usize| doc.line_index.line_col(text, off).line;

    while i < events.len() {
        let (ev, range) = events[i].clone();
        let starts_block = depth == 0 && matches!(ev, Event::Start(_));
        let leaf_block = depth == 0 && matches!(ev, Event::Rule | Event::Html(_));
        if starts_block || leaf_block {
            let line = line_of(range.start);
            out.push(Event::Html(CowStr::from(format!(
                "<div class=\"row\" id=\"L{line}\"><div class=\"blk\">"
            ))));
        }
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                // Collect the heading's inline events to know its text for the id.
                let mut j = i + 1;
                let mut plain = String::new();
                let mut inner = Vec::new();
                while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
                    match &events[j].0 {
                        Event::Text(t) | Event::Code(t) => plain.push_str(t),
                        _ => {}
                    }
                    inner.push(filter_inline(events[j].0.clone(), page, &mut in_link));
                    j += 1;
                }
                let id = slug(&plain, &mut used);
                let n = heading_num(level);
                toc.push(TocEntry {
                    level: n,
                    id: id.clone(),
                    text: plain.trim().to_string(),
                });
                out.push(Event::Html(CowStr::from(format!(
                    "<h{n} id=\"{id}\"><a class=\"anchor\" href=\"#{id}\" aria-hidden=\"true\">#</a>"
                ))));
                out.extend(inner.into_iter().flatten());
                out.push(Event::Html(CowStr::from(format!("</h{n}>"))));
                i = j; // at End(Heading), consumed here
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref info)))
                if info
                    .split_whitespace()
                    .next()
                    .is_some_and(|l| l.eq_ignore_ascii_case("mermaid")) =>
            {
                let mut j = i + 1;
                let mut src = String::new();
                while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::CodeBlock)) {
                    if let Event::Text(t) = &events[j].0 {
                        src.push_str(t);
                    }
                    j += 1;
                }
                diagrams += 1;
                let line = line_of(range.start);
                out.push(Event::Html(CowStr::from(figure(
                    &src,
                    diagrams,
                    line,
                    &mut problems,
                ))));
                i = j; // at End(CodeBlock), consumed here
            }
            Event::Start(Tag::TableCell) => {
                in_table_cell = true;
                depth += 1;
                out.push(Event::Start(Tag::TableCell));
            }
            Event::End(TagEnd::TableCell) => {
                in_table_cell = false;
                depth = depth.saturating_sub(1);
                out.push(Event::End(TagEnd::TableCell));
            }
            Event::Start(tag) => {
                depth += 1;
                out.extend(filter_inline(Event::Start(tag), page, &mut in_link));
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                out.extend(filter_inline(Event::End(tag), page, &mut in_link));
            }
            Event::Text(t) if in_link == 0 => {
                let in_map = page
                    .evidence_map
                    .is_some_and(|m| range.start >= m.start && range.end <= m.end);
                if in_map && in_table_cell && (looks_like_path(&t) || t.starts_with("http")) {
                    out.push(Event::Html(CowStr::from(evidence_link(
                        page,
                        t.trim(),
                        t.trim().starts_with("http"),
                    ))));
                } else {
                    link_sources(&mut out, t, range.clone(), text, &sources, page);
                }
            }
            Event::Code(t) if in_link == 0 && sources.iter().any(|s| s.1 == *t) => {
                let kind = sources.iter().find(|s| s.1 == *t).map(|s| s.2);
                let url = matches!(kind, Some(SourceKind::Url));
                out.push(Event::Html(CowStr::from(
                    evidence_link(page, &t, url).replacen("<a ", "<a class=\"code\" ", 1),
                )));
            }
            other => out.extend(filter_inline(other, page, &mut in_link)),
        }
        let ends_block = depth == 0 && (matches!(events[i].0, Event::End(_)) || leaf_block);
        if ends_block {
            let end = events[i].1.end.max(range.end);
            let mut notes = String::new();
            while next_finding < findings.len() && findings[next_finding].offset < end {
                notes.push_str(&finding_html(findings[next_finding]));
                next_finding += 1;
            }
            out.push(Event::Html(CowStr::from(format!(
                "</div><aside class=\"notes\">{notes}</aside></div>\n"
            ))));
        }
        i += 1;
    }
    if next_finding < findings.len() {
        let mut notes = String::new();
        for f in &findings[next_finding..] {
            notes.push_str(&finding_html(f));
        }
        out.push(Event::Html(CowStr::from(format!(
            "<div class=\"row\"><div class=\"blk\"></div><aside class=\"notes\">{notes}</aside></div>\n"
        ))));
    }

    let mut body = String::with_capacity(text.len() * 2);
    pulldown_cmark::html::push_html(&mut body, out.into_iter());

    let title = doc
        .title
        .as_ref()
        .map(|t| t.text.as_str())
        .unwrap_or(page.path.as_str());
    let errors = page
        .findings
        .iter()
        .filter(|f| f.level == Level::Error)
        .count();
    let warnings = page
        .findings
        .iter()
        .filter(|f| f.level == Level::Warning)
        .count();
    let mut html = String::with_capacity(body.len() + 16 * 1024);
    head(&mut html, title);
    let _ = write!(
        html,
        "<header class=\"top\"><nav><a href=\"{}\">&larr; All specs</a></nav><h1 class=\"doc-title\">{}</h1><p class=\"path\">{}</p>",
        esc(&page.index_href),
        esc(title),
        esc(&page.path)
    );
    let gate = if errors == 0 { "pass" } else { "fail" };
    let _ = write!(
        html,
        "<div class=\"badges\"><span class=\"badge {gate}\" data-gate=\"{gate}\">check {}</span><span class=\"badge e\">{errors} error{}</span><span class=\"badge w\">{warnings} warning{}</span><span class=\"badge\">evidence {:.0}% ({}/{})</span><span class=\"badge\">{} diagram{}</span></div></header>",
        if errors == 0 { "passed" } else { "failed" },
        plural(errors),
        plural(warnings),
        page.coverage.percent(),
        page.coverage.covered,
        page.coverage.claims,
        diagrams,
        plural(diagrams),
    );
    html.push_str(
        "<div class=\"layout\"><nav class=\"toc\" aria-label=\"Contents\"><h2>Contents</h2><ol>",
    );
    for e in toc.iter().filter(|e| e.level >= 2 && e.level <= 3) {
        let _ = write!(
            html,
            "<li class=\"l{}\"><a href=\"#{}\">{}</a></li>",
            e.level,
            e.id,
            esc(&e.text)
        );
    }
    html.push_str("</ol></nav><main>");
    coverage_panel(&mut html, page);
    html.push_str("<article class=\"spec\">");
    html.push_str(&body);
    html.push_str("</article></main></div>");
    html.push_str(FOOT);

    if let Some(why) = active_content(&strip_style(&html)) {
        // Never hand out a page that could run script; this is a bug if it happens.
        let mut safe = String::new();
        head(&mut safe, title);
        let _ = write!(
            safe,
            "<main><p class=\"finding error\">The page for {} was withheld: it contained {}.</p></main>{FOOT}",
            esc(&page.path),
            esc(why)
        );
        html = safe;
    }
    PageOutput {
        html,
        diagrams,
        problems,
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn heading_num(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Removes `<style>…</style>` bodies, which hold CSS (checked elsewhere), so the
/// active-content scan looks only at markup.
fn strip_style(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(p) = rest.find("<style") {
        out.push_str(&rest[..p]);
        match rest[p..].find("</style>") {
            Some(e) => rest = &rest[p + e + 8..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Filters one event: raw HTML becomes text (comments disappear), unsafe URLs are
/// dropped, relative links are rebased, images become links.
fn filter_inline<'e>(ev: Event<'e>, page: &Page<'_>, in_link: &mut usize) -> Vec<Event<'e>> {
    match ev {
        Event::Html(h) | Event::InlineHtml(h) => {
            let t = h.trim_start();
            if t.starts_with("<!--") {
                vec![]
            } else {
                vec![Event::Text(h)]
            }
        }
        Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => vec![],
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            *in_link += 1;
            vec![Event::Start(Tag::Link {
                link_type,
                dest_url: rebase(dest_url, &page.link_base),
                title,
                id,
            })]
        }
        Event::End(TagEnd::Link) => {
            *in_link = in_link.saturating_sub(1);
            vec![Event::End(TagEnd::Link)]
        }
        Event::Start(Tag::Image { dest_url, .. }) => {
            *in_link += 1;
            let url = rebase(dest_url, &page.link_base);
            vec![Event::Html(CowStr::from(format!(
                "<a class=\"image\" href=\"{}\">[image: ",
                esc(&url)
            )))]
        }
        Event::End(TagEnd::Image) => {
            *in_link = in_link.saturating_sub(1);
            vec![Event::Html(CowStr::from("]</a>"))]
        }
        Event::FootnoteReference(t) => vec![Event::Text(t)],
        other => vec![other],
    }
}

fn rebase<'e>(url: CowStr<'e>, base: &str) -> CowStr<'e> {
    if !safe_url(&url) {
        return CowStr::from("#unsafe-link-removed");
    }
    if is_relative_path(&url) && !base.is_empty() {
        return CowStr::from(format!("{base}{url}"));
    }
    url
}

fn evidence_link(page: &Page<'_>, target: &str, url: bool) -> String {
    if !url && target.contains(':') {
        // Not a path (a scheme or a drive letter): shown as text.
        return esc(target);
    }
    let href = if url {
        target.to_string()
    } else {
        format!("{}{}", page.evidence_base, target.trim_start_matches("./"))
    };
    if !safe_url(&href) {
        return esc(target);
    }
    format!(
        "<a class=\"evidence\" href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{}</a>",
        esc(&href),
        esc(target)
    )
}

/// Pushes a text event, turning cited evidence paths and URLs inside it into links.
fn link_sources<'e>(
    out: &mut Vec<Event<'e>>,
    t: CowStr<'e>,
    range: std::ops::Range<usize>,
    text: &str,
    sources: &[(Span, String, SourceKind)],
    page: &Page<'_>,
) {
    let inside: Vec<&(Span, String, SourceKind)> = sources
        .iter()
        .filter(|s| s.0.start >= range.start && s.0.end <= range.end)
        .collect();
    if inside.is_empty() || text.get(range.clone()) != Some(&*t) {
        out.push(Event::Text(t));
        return;
    }
    let mut at = range.start;
    let mut html = String::new();
    for s in inside {
        if s.0.start < at {
            continue;
        }
        html.push_str(&esc(&text[at..s.0.start]));
        html.push_str(&evidence_link(
            page,
            &text[s.0.start..s.0.end],
            s.2 == SourceKind::Url,
        ));
        at = s.0.end;
    }
    html.push_str(&esc(&text[at..range.end]));
    out.push(Event::Html(CowStr::from(html)));
}

fn finding_html(f: &Finding) -> String {
    format!(
        "<div class=\"finding {lvl}\" data-line=\"{line}\"><span class=\"sev\">{lvl}</span> <code>{code}</code> <a href=\"#L{line}\">line {line}:{col}</a><p>{msg}</p></div>",
        lvl = f.level.as_str(),
        line = f.line,
        col = f.column,
        code = esc(&f.code),
        msg = esc(&f.message)
    )
}

/// One Mermaid diagram as a `<figure>`: inline SVG, or the reason it is not drawn.
fn figure(src: &str, n: usize, fence_line: usize, problems: &mut Vec<DiagramProblem>) -> String {
    let validation = specgate_mermaid::validate(src);
    let kind = validation.kind.name();
    let rendered = match validation.error() {
        Some(e) => Err((
            fence_line + e.line,
            RenderFailure::Invalid(format!("line {}: {}", fence_line + e.line, e.message)),
        )),
        None => render_svg(
            src,
            &DiagramOptions {
                id_prefix: Some(format!("sg-d{n}")),
            },
        )
        .map_err(|f| (fence_line, f)),
    };
    match rendered {
        Ok(svg) => format!(
            "<figure class=\"diagram\" data-diagram=\"{n}\" data-kind=\"{k}\">{svg}<figcaption>Diagram {n} ({k})</figcaption></figure>\n",
            k = esc(kind)
        ),
        Err((line, f)) => {
            let html = format!(
                "<figure class=\"diagram failed\" data-diagram=\"{n}\"><p class=\"finding error\">{}</p><pre><code>{}</code></pre></figure>\n",
                esc(&f.to_string()),
                esc(src)
            );
            problems.push(DiagramProblem { line, failure: f });
            html
        }
    }
}

fn coverage_panel(html: &mut String, page: &Page<'_>) {
    let c = &page.coverage;
    let gaps: Vec<_> = page
        .doc
        .evidence
        .iter()
        .filter(|e| e.kind == EvidenceKind::Gap)
        .collect();
    let _ = write!(
        html,
        "<section class=\"panel\" id=\"coverage\"><h2>Evidence coverage</h2><div class=\"meter\" role=\"img\" aria-label=\"{pct:.0}% covered\"><span style=\"width:{pct:.1}%\"></span></div><p>{} of {} claims carry evidence ({pct:.0}%).</p>",
        c.covered,
        c.claims,
        pct = c.percent()
    );
    if !c.uncovered_lines.is_empty() {
        html.push_str("<p>Without evidence: ");
        for (k, l) in c.uncovered_lines.iter().enumerate() {
            if k > 0 {
                html.push_str(", ");
            }
            let _ = write!(html, "<a href=\"#L{l}\">line {l}</a>");
        }
        html.push_str("</p>");
    }
    let _ = write!(html, "<h3>Evidence gaps ({})</h3>", gaps.len());
    if gaps.is_empty() {
        html.push_str("<p>None declared.</p>");
    } else {
        html.push_str("<ul class=\"gaps\">");
        for g in gaps {
            let line = page
                .doc
                .line_index
                .line_col(&page.doc.text, g.span.start)
                .line;
            let _ = write!(
                html,
                "<li><a href=\"#L{line}\">line {line}</a>: {}</li>",
                esc(&g.text)
            );
        }
        html.push_str("</ul>");
    }
    html.push_str("</section>");
}

/// Renders the index page.
pub fn render_index(specs: &[Summary]) -> String {
    let mut html = String::with_capacity(4096 + specs.len() * 512);
    head(&mut html, "Specifications");
    let passed = specs.iter().filter(|s| s.gate_passed).count();
    let _ = write!(
        html,
        "<header class=\"top\"><h1 class=\"doc-title\">Specifications</h1><div class=\"badges\"><span class=\"badge\">{} spec{}</span><span class=\"badge pass\">{passed} passed</span><span class=\"badge fail\">{} failed</span></div></header><main class=\"wide\"><table class=\"index\"><thead><tr><th>Spec</th><th>Owner</th><th>Status</th><th>Last updated</th><th>Errors</th><th>Warnings</th><th>Check</th><th>Evidence</th><th>Gaps</th><th>Overdue questions</th></tr></thead><tbody>",
        specs.len(),
        plural(specs.len()),
        specs.len() - passed
    );
    for s in specs {
        let _ = write!(
            html,
            "<tr><td><a class=\"spec-link\" href=\"{}\">{}</a><div class=\"path\">{}</div></td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td><span class=\"badge {}\">{}</span></td><td class=\"num\">{:.0}%</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&s.href),
            esc(&s.title),
            esc(&s.path),
            esc(&s.owner),
            esc(&s.status),
            esc(&s.last_updated),
            s.errors,
            s.warnings,
            if s.gate_passed { "pass" } else { "fail" },
            if s.gate_passed { "passed" } else { "failed" },
            s.coverage.percent(),
            s.gaps,
            s.overdue_questions
        );
    }
    html.push_str("</tbody></table></main>");
    html.push_str(FOOT);
    html
}

fn head(html: &mut String, title: &str) {
    let _ = write!(
        html,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"color-scheme\" content=\"light dark\"><title>{}</title><style>{CSS}</style></head><body>",
        esc(title)
    );
}

const FOOT: &str =
    "<footer>Generated by specgate. Static page: no scripts, no network.</footer></body></html>\n";

const CSS: &str = include_str!("report.css");
