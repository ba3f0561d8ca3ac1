//! The HTML report is safe and complete: a spec full of script payloads renders with no
//! `<script`, no `on…=` attribute and no `javascript:` URL in any tag; diagrams are
//! inline SVG with unique ids; findings sit next to their lines.

use std::collections::HashSet;
use std::path::Path;

use specgate_render::report::{render_index, render_page, summary, Coverage, Finding, Level, Page};

fn xss() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/report/xss.md");
    std::fs::read_to_string(p).unwrap()
}

fn page<'a>(doc: &'a specgate_model::Document, findings: &'a [Finding]) -> Page<'a> {
    Page {
        doc,
        path: "tests/report/xss.md".into(),
        findings,
        coverage: Coverage::default(),
        link_base: "../".into(),
        evidence_base: "../../".into(),
        evidence_map: Some(specgate_model::Span::new(0, doc.text.len())),
        index_href: "index.html".into(),
    }
}

/// Every tag of the page (text between tags is escaped and not looked at).
fn tags(html: &str) -> Vec<String> {
    let mut v = Vec::new();
    let mut rest = html;
    while let Some(p) = rest.find('<') {
        let end = rest[p..].find('>').map_or(rest.len(), |e| p + e + 1);
        v.push(rest[p..end].to_ascii_lowercase());
        rest = &rest[end..];
    }
    v
}

#[test]
fn xss_payloads_are_inert() {
    let text = xss();
    let doc = specgate_model::parse(&text);
    let out = render_page(&page(&doc, &[]));
    let html = out.html;
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "a <script> survived"
    );
    for t in tags(&html) {
        if t.starts_with("<style") || t.starts_with("</style") {
            continue;
        }
        let squeezed: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(!squeezed.contains("javascript:"), "javascript: URL in {t}");
        assert!(!squeezed.contains("vbscript:"), "vbscript: URL in {t}");
        assert!(!squeezed.contains("data:text/html"), "data: URL in {t}");
        for attr in t.split(|c: char| c.is_whitespace() || c == '/' || c == '"' || c == '\'') {
            let name = attr.split('=').next().unwrap_or("");
            assert!(
                !(name.starts_with("on") && attr.contains('=') && name.len() > 2),
                "event attribute {attr} in {t}"
            );
        }
        for bad in [
            "<iframe",
            "<object",
            "<embed",
            "<foreignobject",
            "<base",
            "<img",
        ] {
            assert!(!t.starts_with(bad), "{bad} element: {t}");
        }
    }
    // The payload text is still shown, escaped.
    assert!(
        html.contains("&lt;script&gt;window.__pwned = "),
        "payload text not shown"
    );
    // The page was not withheld by the final safety check.
    assert!(!html.contains("was withheld"), "the page was withheld");
    assert!(out.diagrams >= 3);
}

#[test]
fn diagrams_are_inline_svg_with_unique_ids_and_findings_sit_by_their_line() {
    let text = "# Technical Specification: X\n\n## 1) Flow\n\nSome text.\n\n```mermaid\nflowchart TD\nA-->B\n```\n\n```mermaid\nflowchart TD\nA-->B\n```\n\n```mermaid\ngraph TD\nA --> B((x\n```\n\n```mermaid\nerDiagram\n  P ||--o{ R : has\n  P {\n    string id PK\n  }\n```\n\n```mermaid\nerDiagram\n  P ||--o{ R : has\n  P {\n    string id PK\n  }\n```\n";
    let doc = specgate_model::parse(text);
    let off = text.find("Some text").unwrap();
    let findings = vec![Finding {
        offset: off,
        line: 5,
        column: 1,
        level: Level::Error,
        code: "SG301".into(),
        name: "missing-evidence".into(),
        message: "paragraph does not end with <Evidence>".into(),
    }];
    let out = render_page(&page(&doc, &findings));
    let html = &out.html;
    assert_eq!(
        html.matches("<figure class=\"diagram\" data-diagram")
            .count(),
        4,
        "four valid diagrams drawn"
    );
    assert_eq!(html.matches("<figure class=\"diagram failed\"").count(), 1);
    assert_eq!(out.problems.len(), 1, "one invalid diagram reported");
    assert_eq!(out.problems[0].line, 19);
    let mut ids = HashSet::new();
    for t in tags(html) {
        if let Some(p) = t.find(" id=\"") {
            let id = &t[p + 5..];
            let id = &id[..id.find('"').unwrap()];
            assert!(ids.insert(id.to_string()), "duplicate id {id}");
        }
    }
    // The finding is in the row of line 5, escaped.
    let row = html.find("id=\"L5\"").unwrap_or_else(|| {
        panic!(
            "row for line 5: {}",
            &html[html.find("<article").unwrap()..][..600]
        )
    });
    let note = html.find("SG301").unwrap();
    let next_row = html[row + 1..]
        .find("class=\"row\"")
        .map_or(html.len(), |p| row + 1 + p);
    assert!(note > row && note < next_row, "finding not beside its line");
    assert!(html.contains("&lt;Evidence&gt;"));
    // TOC links to the heading.
    assert!(html.contains("href=\"#s-1-flow\""));
    assert!(html.contains("id=\"s-1-flow\""));
    let s = summary(
        &doc,
        "x.md",
        "x.md.html",
        &findings,
        Coverage::default(),
        None,
    );
    assert!(!s.gate_passed);
    let index = render_index(&[s]);
    assert!(index.contains("href=\"x.md.html\""));
    assert!(!index.contains("<script"));
}
