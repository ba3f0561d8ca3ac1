use specgate_model::{Role, Span};

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a path on the author's own machine written into the spec, in prose,
    /// tables, header fields or evidence: `/Users/<name>/…`, `/home/<name>/…` and
    /// `C:\…` (any drive letter) and `~/…` (`~/dev/project`). A per-user location
    /// where software keeps its files (a hidden directory `~/.config/tool/`, macOS's
    /// `~/Library/`, Windows' `~/AppData/`) names where the product writes on every
    /// user's machine, not one machine: it is reported only in the header and the
    /// Evidence Map, where the spec cites its sources. A path in a code span ends at the closing
    /// backtick (it may hold spaces). Code blocks are left alone (a shell session may
    /// show a home directory on purpose), and so are paths an `Evidence:` line cites
    /// (`evidence-path-outside-root`, SG304, reports those).
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
    // Where `~/…` names the author's machine: the Evidence Map and the header.
    let map: Vec<Span> = ctx
        .sections_with_role(Role::EvidenceMap)
        .iter()
        .map(|&s| doc.sections[s].body_span)
        .collect();
    let header_end = doc
        .sections
        .first()
        .map_or(doc.text.len(), |s| s.heading_span.start);
    for line in ctx.prose_lines().iter().copied().chain(header) {
        let s = doc.slice(line);
        let home_is_local = line.start < header_end
            || map
                .iter()
                .any(|m| m.start <= line.start && line.start < m.end);
        for (at, len, home) in local_paths(s) {
            let span = Span::new(line.start + at, line.start + at + len);
            if seen.contains(&span.start) || (home && !home_is_local) {
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

/// Whether a `~/` path is a per-user location where software keeps its files: a
/// hidden directory, `Library/` or `AppData/` (see the rule doc).
fn is_app_location(path: &str) -> bool {
    path.strip_prefix("~/").is_some_and(|rest| {
        rest.starts_with('.') || rest.starts_with("Library/") || rest.starts_with("AppData/")
    })
}

/// Byte ranges of local-machine paths in a line (see the doc), each with whether it
/// is a per-user app location ([`is_app_location`]).
fn local_paths(s: &str) -> Vec<(usize, usize, bool)> {
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
            // In a code span, the path runs to the closing backtick.
            let in_code = i > 0 && b[i - 1] == b'`';
            let end = if in_code {
                rest.find('`').unwrap_or(rest.len())
            } else {
                rest.find(|c: char| {
                    c.is_whitespace() || matches!(c, '`' | ')' | '"' | '\'' | ']' | ',' | ';')
                })
                .unwrap_or(rest.len())
            };
            // A sentence's full stop or colon is not part of the path.
            let len = rest[..end].trim_end_matches(['.', ':']).len();
            // `/Users/` alone, or `~/` with nothing after it, names no path.
            if len > 3 {
                out.push((i, len, is_app_location(&rest[..len])));
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
        // A code span's path runs to its closing backtick, spaces and all.
        let p = local_paths("at `/Users/jo/Library/Application Support/App/x.json` now");
        assert_eq!(p.len(), 1);
        assert_eq!(
            p[0].1,
            "/Users/jo/Library/Application Support/App/x.json".len()
        );
        assert!(local_paths("in ~/.cache/x")[0].2);
        assert!(local_paths("at `~/Library/Application Support/A/t.json`")[0].2);
        assert!(!local_paths("clone into ~/dev/profile")[0].2);
    }
}
