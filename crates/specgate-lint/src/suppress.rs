//! Inline suppression comments:
//! `<!-- specgate-disable CODE … -->` … `<!-- specgate-enable CODE … -->` and
//! `<!-- specgate-disable-next-line CODE … -->`. No code means every rule.

use specgate_model::{BlockKind, Document, Span};

#[derive(Debug)]
pub struct Suppression {
    /// The comment itself.
    pub span: Span,
    /// Codes or names; empty means all.
    pub codes: Vec<String>,
    /// The byte range it covers.
    pub range: Span,
    pub used: std::cell::Cell<bool>,
}

pub fn collect(doc: &Document) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut open: Vec<(Span, Vec<String>, usize)> = Vec::new();
    for b in &doc.blocks {
        let BlockKind::Html { comment: true } = b.kind else {
            continue;
        };
        let text = doc.slice(b.span);
        let inner = text
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim();
        let mut words = inner.split_whitespace();
        let Some(cmd) = words.next() else { continue };
        let codes: Vec<String> = words
            .map(|w| w.trim_matches(',').to_string())
            .filter(|w| !w.is_empty())
            .collect();
        match cmd {
            "specgate-disable-next-line" => {
                let next_line = doc.line_index.line_of(b.span.end) + 1;
                let range = doc.line_index.line_span(&doc.text, next_line);
                out.push(Suppression {
                    span: b.span,
                    codes,
                    range,
                    used: false.into(),
                });
            }
            "specgate-disable" => open.push((b.span, codes, b.span.end)),
            "specgate-enable" => {
                if let Some(i) = open
                    .iter()
                    .rposition(|(_, c, _)| codes.is_empty() || c == &codes)
                {
                    let (span, c, start) = open.remove(i);
                    out.push(Suppression {
                        span,
                        codes: c,
                        range: Span::new(start, b.span.start),
                        used: false.into(),
                    });
                }
            }
            _ => {}
        }
    }
    for (span, codes, start) in open {
        out.push(Suppression {
            span,
            codes,
            range: Span::new(start, doc.text.len()),
            used: false.into(),
        });
    }
    out
}

impl Suppression {
    pub fn covers(&self, code: &str, name: &str, span: Span) -> bool {
        (self.codes.is_empty() || self.codes.iter().any(|c| c == code || c == name))
            && self.range.start <= span.start
            && span.start <= self.range.end
    }
}
