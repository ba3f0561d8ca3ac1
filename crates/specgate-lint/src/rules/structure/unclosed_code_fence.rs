use specgate_model::{BlockKind, Span};

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a fenced code block (```` ``` ```` or `~~~`) that is never closed: no
    /// later line is a fence of the same character at least as long, so Markdown makes
    /// code of everything after it, to the end of the document (or of the list item or
    /// quote it is in). Also a fence closed too early by a shorter inner one is caught
    /// the same way when the real closing fence is then left open.
    ///
    /// ## Why
    /// Everything after an unclosed fence is silently unchecked: its headings are not
    /// sections, its paragraphs need no evidence, and its placeholders are invisible,
    /// in specgate and in every Markdown viewer.
    ///
    /// ## Example
    /// ````markdown
    /// ```mermaid
    /// flowchart TD
    ///   A --> B
    /// ## 12) Data Models
    /// ````
    ///
    /// ## Fix
    /// Close the block with a fence line of the same character and length as its
    /// opening (```` ``` ````); a block that shows a fence inside uses a longer outer
    /// fence (```` ```` ````).
    name: "unclosed-code-fence", category: "structure", severity: Error
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    for b in &doc.blocks {
        let BlockKind::Code(_) = &b.kind else {
            continue;
        };
        let first = doc
            .line_index
            .line_span(&doc.text, doc.line_index.line_of(b.span.start));
        let Some((ch, len)) = fence(doc.slice(first)) else {
            continue; // an indented code block
        };
        // The block's last line is its closing fence, if it has one.
        let end = b.span.end.min(doc.text.len());
        let last_start = doc.text[..end]
            .trim_end_matches(['\n', '\r'])
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let last = Span::new(last_start.max(first.start), end);
        // A closing fence has the opening's character, at least its length, and
        // nothing else on the line.
        let closed = last.start > first.start
            && fence(doc.slice(last)).is_some_and(|(c2, l2)| {
                let bare = doc.slice(last).trim().trim_start_matches(['>', ' ']);
                c2 == ch && l2 >= len && bare.chars().all(|x| x == ch)
            });
        if !closed {
            let lines = doc.line_index.line_of(end) - doc.line_index.line_of(b.span.start);
            sink.report(
                first,
                format!(
                    "this code fence is never closed: the {lines} line{} after it are code, unchecked",
                    if lines == 1 { "" } else { "s" }
                ),
            )
            .with_help(format!(
                "close it where the code ends, with a line of {len} {}",
                if ch == '`' { "backticks" } else { "tildes" }
            ));
        }
    }
}

/// The fence of a line (after up to three spaces, list markers and quote markers
/// aside): its character and length.
fn fence(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start_matches([' ', '>', '\t']);
    let t = t
        .strip_prefix(['-', '*', '+'])
        .map(str::trim_start)
        .unwrap_or(t);
    let ch = t.chars().next().filter(|&c| c == '`' || c == '~')?;
    let len = t.chars().take_while(|&c| c == ch).count();
    (len >= 3).then_some((ch, len))
}
