use specgate_model::Span;

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a path on the author's own machine written into the spec, in prose,
    /// tables, header fields or evidence: `/Users/<name>/…`, `/home/<name>/…`,
    /// `C:\…` (any drive letter) and `~/…`. Code blocks are left alone (a shell
    /// session may show a home directory on purpose), and so are paths an `Evidence:`
    /// line cites (`evidence-path-outside-root`, SG304, reports those).
    ///
    /// ## Why
    /// Nobody else can open it: it names one laptop's layout (and its owner), not the
    /// repository. Evidence and tables must cite paths relative to the repository, or
    /// URLs.
    ///
    /// ## Example
    /// `**Repo / Tracking:** /Users/jamie/dev/xkit`
    ///
    /// ## Fix
    /// Write the path relative to the repository root (`docs/design.md`), or link the
    /// repository or issue by URL.
    name: "local-machine-path", category: "links", severity: Warning
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let header = doc.header.iter().map(|h| h.value_span);
    // A cited evidence path is `evidence-path-outside-root`'s (SG304) to report.
    let mut seen: Vec<usize> = doc
        .evidence
        .iter()
        .flat_map(|e| e.sources.iter().map(|s| s.span.start))
        .collect();
    for line in ctx.prose_lines().iter().copied().chain(header) {
        let s = doc.slice(line);
        for (at, len) in local_paths(s) {
            let span = Span::new(line.start + at, line.start + at + len);
            if seen.contains(&span.start) {
                continue;
            }
            seen.push(span.start);
            sink.report(
                span,
                format!("`{}` is a path on one machine", doc.slice(span)),
            )
            .with_help("cite it relative to the repository root, or by URL");
        }
    }
}

/// Byte ranges of local-machine paths in a line (see the doc).
fn local_paths(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // A path starts a token: line start, space, `(`, `` ` ``, quote or `[`.
        let starts_token =
            i == 0 || matches!(b[i - 1], b' ' | b'(' | b'`' | b'"' | b'\'' | b'[' | b'\t');
        let rest = &s[i..];
        let hit = starts_token
            && (rest.starts_with("/Users/")
                || rest.starts_with("/home/")
                || rest.starts_with("~/")
                || (b.len() > i + 2
                    && b[i].is_ascii_alphabetic()
                    && b[i + 1] == b':'
                    && b[i + 2] == b'\\'));
        if hit {
            let end = rest
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, '`' | ')' | '"' | '\'' | ']' | ',' | ';')
                })
                .unwrap_or(rest.len());
            // A sentence's full stop or colon is not part of the path.
            let len = rest[..end].trim_end_matches(['.', ':']).len();
            // `/Users/` alone, or `~/` with nothing after it, names no path.
            if len > 3 {
                out.push((i, len));
            }
            i += end.max(1);
        } else {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::local_paths;

    #[test]
    fn local_paths_only() {
        let n = |s: &str| local_paths(s).len();
        assert_eq!(n("**Repo:** /Users/jamie/dev/xkit"), 1);
        assert_eq!(n("see `/home/ci/build/log.txt` and C:\\work\\x.md"), 2);
        assert_eq!(n("cache in ~/.cache/specgate"), 1);
        assert_eq!(
            n("docs/Users/guide.md, https://x.org/home/a, /usr/bin/env"),
            0
        );
        assert_eq!(n("ratio 3:\\ not a drive; a~/b"), 0);
    }
}
