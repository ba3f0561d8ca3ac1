//! Recognising evidence statements in a line of text.
//!
//! Accepted forms (case-insensitive at the start of a line, capitalised when trailing):
//! `Evidence: x`, `Evidence gap: x`, `**Evidence:** x`, `**Evidence**: x`, `*Evidence gap:* x`,
//! and `… sentence. Evidence: x`; the labels in other words `Evidence source(s): x`
//! (a statement) and `Evidence required:` / `needed:` / `pending:` / `missing:` (a gap),
//! which count as emphasized (non-canonical) forms. Several statements may share a line
//! (`Evidence: a; Evidence gap: b`).

use crate::document::{Evidence, EvidenceForm, EvidenceKind, Source, SourceKind};
use crate::span::Span;

struct Hit {
    /// Start of the statement (emphasis markers included).
    start: usize,
    /// Start of the text after the colon (and closing emphasis).
    text_start: usize,
    kind: EvidenceKind,
    emphasized: bool,
}

/// Finds evidence statements in one line (`line` excludes the line end).
pub fn scan_line(text: &str, line: Span) -> Vec<Evidence> {
    let s = line.slice(text);
    let mut hits: Vec<Hit> = Vec::new();
    let bytes = s.as_bytes();
    // Anchored on the `v` (rarer in prose than `e`): every match has one at `at + 1`.
    for v in memchr::memchr2_iter(b'v', b'V', bytes) {
        let Some(at) = v.checked_sub(1) else {
            continue;
        };
        if !bytes
            .get(at..at + 8)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"evidence"))
        {
            continue;
        }
        if at > 0 && bytes[at - 1].is_ascii_alphanumeric() {
            continue;
        }
        // Opening emphasis directly before the word.
        let mut open = at;
        while open > 0 && matches!(s.as_bytes()[open - 1], b'*' | b'_') {
            open -= 1;
        }
        let markers = at - open;
        // Inside an inline code span (`Evidence:`): a mention, not a statement.
        if open > 0 && s.as_bytes()[open - 1] == b'`' {
            continue;
        }
        let mut j = at + 8;
        let mut kind = EvidenceKind::Source;
        let mut variant = false;
        if bytes
            .get(j..j + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b" gap"))
        {
            kind = EvidenceKind::Gap;
            j += 4;
        } else if let Some((len, k)) = label_variant(&bytes[j..]) {
            // `Evidence source:`, `Evidence required:`: the template's labels in other words.
            kind = k;
            variant = true;
            j += len;
        }
        // `Evidence:`, `Evidence:**`, `Evidence**:`
        let b = s.as_bytes();
        let mut k = j;
        let mut closing = 0;
        while k < b.len() && matches!(b[k], b'*' | b'_') {
            k += 1;
            closing += 1;
        }
        if k >= b.len() || b[k] != b':' {
            continue;
        }
        k += 1;
        if closing == 0 {
            while k < b.len() && matches!(b[k], b'*' | b'_') {
                k += 1;
                closing += 1;
            }
        }
        let emphasized = markers > 0 || closing > 0 || variant;
        let prefix = s[..open].trim();
        let line_start = prefix.is_empty();
        let capital = b[at] == b'E';
        if !line_start && !capital {
            continue;
        }
        if !line_start && hits.is_empty() {
            // Trailing: must follow the end of a sentence or a separator.
            let last = prefix.chars().last().unwrap_or('.');
            if !matches!(
                last,
                '.' | '!' | '?' | ')' | ';' | '—' | '-' | ':' | '`' | '"' | '|'
            ) {
                continue;
            }
        }
        hits.push(Hit {
            start: line.start + open,
            text_start: line.start + k,
            kind,
            emphasized,
        });
    }
    let mut out = Vec::with_capacity(hits.len());
    for (i, h) in hits.iter().enumerate() {
        let end = hits.get(i + 1).map_or(line.end, |n| n.start);
        let raw = &text[h.text_start..end];
        let trimmed = raw.trim().trim_end_matches([';', ',']).trim();
        let trimmed = trimmed.trim_matches(|c| c == '*' || c == '_').trim();
        let lead = offset_of(raw, trimmed);
        let text_span = Span::new(h.text_start + lead, h.text_start + lead + trimmed.len());
        let first = &hits[0];
        let first_at_line_start = text[line.start..first.start].trim().is_empty();
        let form = if !first_at_line_start {
            EvidenceForm::Trailing
        } else if first.emphasized || h.emphasized {
            EvidenceForm::Emphasized
        } else {
            EvidenceForm::Canonical
        };
        let sources = if h.kind == EvidenceKind::Source {
            extract_sources(text, text_span)
        } else {
            Vec::new()
        };
        out.push(Evidence {
            kind: h.kind,
            form,
            line_span: line,
            span: Span::new(h.start, text_span.end.max(h.start)),
            text: trimmed.to_string(),
            text_span,
            sources,
            block: None,
            section: None,
        });
    }
    out
}

/// Words after `Evidence` that make a label of another name: ` source(s)` names the
/// sources (an `Evidence:` statement), ` required`, ` needed`, ` pending` or ` missing`
/// says there are none yet (an `Evidence gap:`). The length matched, and the kind.
fn label_variant(after: &[u8]) -> Option<(usize, EvidenceKind)> {
    const VARIANTS: &[(&[u8], EvidenceKind)] = &[
        (b" source(s)", EvidenceKind::Source),
        (b" sources", EvidenceKind::Source),
        (b" source", EvidenceKind::Source),
        (b" required", EvidenceKind::Gap),
        (b" needed", EvidenceKind::Gap),
        (b" pending", EvidenceKind::Gap),
        (b" missing", EvidenceKind::Gap),
    ];
    VARIANTS.iter().find_map(|&(w, k)| {
        let rest = after.get(w.len()..)?;
        (after[..w.len()].eq_ignore_ascii_case(w)
            && matches!(rest.first(), Some(b':' | b'*' | b'_')))
        .then_some((w.len(), k))
    })
}

/// Where `part`, a slice of `s` left by trimming blanks and `*` / `_` from its front,
/// first occurs in `s` (as `s.find(part)`): at its own offset, unless it is made only
/// of such characters, when an earlier copy is possible (`* * *`) and is searched for.
fn offset_of(s: &str, part: &str) -> usize {
    if part.bytes().any(|b| b.is_ascii_alphanumeric()) {
        part.as_ptr() as usize - s.as_ptr() as usize
    } else {
        s.find(part).unwrap_or(0)
    }
}

const EXTENSIONS: &[&str] = &[
    "md", "mdx", "rs", "ts", "tsx", "js", "jsx", "mjs", "cjs", "py", "json", "yaml", "yml", "toml",
    "txt", "go", "swift", "sh", "html", "css", "scss", "sql", "csv", "png", "svg", "pdf", "lock",
    "cfg", "ini", "java", "kt", "c", "h", "cpp", "hpp", "rb", "php", "cs", "xml", "proto",
    "graphql", "tf", "mmd", "ipynb", "log", "jsonl", "env", "conf", "vue", "svelte",
];

/// Paths and URLs cited in an evidence statement.
pub fn extract_sources(text: &str, span: Span) -> Vec<Source> {
    let s = span.slice(text);
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Markdown link destination: `](dest)`.
        if bytes[i] == b']' && bytes.get(i + 1) == Some(&b'(') {
            if let Some(close) = s[i + 2..].find(')') {
                let dest_start = i + 2;
                let dest = &s[dest_start..dest_start + close];
                let dest = dest.split_whitespace().next().unwrap_or("");
                if let Some(kind) = classify(dest) {
                    let a = span.start + dest_start;
                    out.push(Source {
                        text: dest.to_string(),
                        span: Span::new(a, a + dest.len()),
                        kind,
                    });
                }
                i = dest_start + close + 1;
                continue;
            }
        }
        if is_sep(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !is_sep(bytes[i]) && bytes[i] != b']' {
            i += 1;
        }
        let mut tok = &s[start..i];
        let mut tstart = start;
        // Strip wrapping punctuation.
        let lead = tok.len()
            - tok
                .trim_start_matches(['`', '"', '\'', '(', '[', '<', '*'])
                .len();
        tok = &tok[lead..];
        tstart += lead;
        tok = tok.trim_end_matches(['`', '"', '\'', ')', '>', '.', ':', '*', '[']);
        // A bare file name in parentheses after a source annotates it (`docs/a.md
        // (state.json)` names what the document describes), it is not a source.
        let annotation = s[start..start + lead].contains('(')
            && !tok.contains('/')
            && !out.is_empty()
            && !tok.contains("://");
        if let Some(kind) = classify(tok).filter(|_| !annotation) {
            let a = span.start + tstart;
            out.push(Source {
                text: tok.to_string(),
                span: Span::new(a, a + tok.len()),
                kind,
            });
        }
        if i == start {
            i += 1;
        }
    }
    out
}

fn is_sep(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b',' | b';' | b'|')
}

fn classify(tok: &str) -> Option<SourceKind> {
    if tok.is_empty() {
        return None;
    }
    let has_scheme = |scheme: &str| {
        tok.as_bytes()
            .get(..scheme.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(scheme.as_bytes()))
    };
    if has_scheme("http:") || has_scheme("https:") || has_scheme("file:") {
        return Some(SourceKind::Url); // malformed ones (`https:/x`) are reported, not dropped
    }
    if tok.contains("://") {
        return None;
    }
    if !tok.bytes().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'>' | b'_' | b'.' | b'-' | b'/' | b'~' | b'@' | b'+' | b'#' | b':' | b'=' | b'%'
            )
    }) {
        return None;
    }
    let path = strip_location(tok);
    // Explicit relative or absolute paths count even without an extension
    // (`../../etc/passwd`, `/etc/passwd`), so that containment sees them.
    let explicit = path.starts_with("../")
        || path.starts_with("./")
        || path.starts_with("~/")
        || (path.starts_with('/') && path[1..].contains('/') && !path.starts_with("//"));
    if explicit
        && path
            .split('/')
            .any(|p| p.chars().any(|c| c.is_ascii_alphabetic()))
    {
        return Some(SourceKind::Path);
    }
    let last = memchr::memrchr(b'/', path.as_bytes()).map_or(path, |i| &path[i + 1..]);
    let ext_ok = memchr::memrchr(b'.', last.as_bytes()).is_some_and(|dot| {
        let (stem, ext) = (&last[..dot], &last[dot + 1..]);
        !stem.is_empty() && EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext))
    });
    let dotfile = last.starts_with('.') && last.len() > 1 && path.contains('/');
    let dir = path.ends_with('/')
        && path.len() > 1
        && path.chars().filter(|&c| c == '/').count() >= 1
        && !path.starts_with("//");
    if ext_ok
        || dotfile
        || (dir
            && path
                .split('/')
                .filter(|p| !p.is_empty())
                .all(|p| p.chars().any(|c| c.is_ascii_alphabetic())))
    {
        Some(SourceKind::Path)
    } else {
        None
    }
}

/// `docs/a.md#L10-L20` → `docs/a.md`; `src/x.rs:12` → `src/x.rs`; `x.md:63-70` → `x.md`.
pub fn strip_location(tok: &str) -> &str {
    let tok = memchr::memchr(b'#', tok.as_bytes()).map_or(tok, |i| &tok[..i]);
    // The first colon after which only a location follows (`:12`, `:12-20`, `:12:5`).
    let b = tok.as_bytes();
    for colon in memchr::memchr_iter(b':', b) {
        if b.get(colon + 1).is_some_and(u8::is_ascii_digit)
            && b[colon + 1..]
                .iter()
                .all(|&c| c.is_ascii_digit() || c == b'-' || c == b':')
        {
            return &tok[..colon];
        }
    }
    tok
}

/// The lines a cited path's location names, first and last (1-based): `x.rs:12` is
/// `(12, 12)`, `x.rs:12-20` and `x.md#L12-L20` are `(12, 20)`, `x.rs:12:5` is `(12, 12)`
/// (line, then column), GitHub's `#L12C3-L20C8` is `(12, 20)`. `None` without a line
/// location: no location, a heading anchor (`x.md#setup`), line 0, or a range that
/// runs backwards.
pub fn cited_lines(tok: &str) -> Option<(u32, u32)> {
    fn num(s: &str) -> Option<(u32, &str)> {
        let end = s
            .bytes()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(s.len());
        let n = s[..end].parse().ok().filter(|&n| n > 0)?;
        Some((n, &s[end..]))
    }
    let (first, last) = if let Some(hash) = memchr::memchr(b'#', tok.as_bytes()) {
        // `#L12`, `#L12-L20`, `#L12-20`, with optional `C<col>` after each.
        let frag = tok[hash + 1..].strip_prefix('L')?;
        let skip_col = |r: &str| -> Option<String> {
            match r.strip_prefix('C') {
                Some(c) => num(c).map(|(_, r)| r.to_string()),
                None => Some(r.to_string()),
            }
        };
        let (a, rest) = num(frag)?;
        let rest = skip_col(rest)?;
        if rest.is_empty() {
            (a, a)
        } else {
            let r = rest.strip_prefix('-')?;
            let (b, rest) = num(r.strip_prefix('L').unwrap_or(r))?;
            if !skip_col(rest)?.is_empty() {
                return None;
            }
            (a, b)
        }
    } else {
        let path = strip_location(tok);
        let loc = tok[path.len()..].strip_prefix(':')?;
        let (a, rest) = num(loc)?;
        match rest.as_bytes().first() {
            None => (a, a),
            // `:12:5`: a column.
            Some(b':') => num(&rest[1..])
                .filter(|(_, r)| r.is_empty())
                .map(|_| (a, a))?,
            Some(b'-') => match num(&rest[1..])? {
                (b, "") => (a, b),
                _ => return None,
            },
            _ => return None,
        }
    };
    (last >= first).then_some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(s: &str) -> Vec<Evidence> {
        scan_line(s, Span::new(0, s.len()))
    }

    #[test]
    fn cited_line_locations() {
        let cases: &[(&str, Option<(u32, u32)>)] = &[
            ("src/a.rs:12", Some((12, 12))),
            ("src/a.rs:12-20", Some((12, 20))),
            ("src/a.rs:12:5", Some((12, 12))),
            ("docs/a.md#L9-L12", Some((9, 12))),
            ("docs/a.md#L9-12", Some((9, 12))),
            ("docs/a.md#L9", Some((9, 9))),
            ("docs/a.md#L9C3-L12C8", Some((9, 12))),
            ("docs/a.md#setup", None),
            ("docs/a.md#Lunch", None),
            ("src/a.rs", None),
            ("src/a.rs:0", None),
            ("src/a.rs:20-12", None),
            ("src/a.rs:12-", None),
        ];
        for &(tok, want) in cases {
            assert_eq!(cited_lines(tok), want, "{tok}");
        }
    }

    #[test]
    fn canonical_and_gap() {
        let e = scan("Evidence: docs/a.md; src/b.rs:12");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].form, EvidenceForm::Canonical);
        let srcs: Vec<_> = e[0].sources.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(srcs, ["docs/a.md", "src/b.rs:12"]);
        let e = scan("Evidence gap: no load test yet.");
        assert_eq!(e[0].kind, EvidenceKind::Gap);
        assert_eq!(e[0].text, "no load test yet.");
    }

    #[test]
    fn emphasized_trailing_and_mixed() {
        assert_eq!(
            scan("**Evidence:** `a/b.ts`")[0].form,
            EvidenceForm::Emphasized
        );
        assert_eq!(
            scan("**Evidence**: a/b.ts")[0].form,
            EvidenceForm::Emphasized
        );
        assert_eq!(scan("*Evidence gap:* none")[0].kind, EvidenceKind::Gap);
        let e = scan("We retry twice. Evidence: https://x.io/a");
        assert_eq!(e[0].form, EvidenceForm::Trailing);
        assert_eq!(e[0].sources[0].kind, SourceKind::Url);
        let e = scan("Evidence: docs/x.md; Evidence gap: no PRD found.");
        assert_eq!(e.len(), 2);
        assert_eq!(e[1].kind, EvidenceKind::Gap);
        assert_eq!(e[1].form, EvidenceForm::Canonical);
    }

    #[test]
    fn prose_mentions_are_not_evidence() {
        assert!(scan("The evidence: we saw").is_empty());
        // A label in other words is a statement, in a non-canonical form.
        let e = scan("Evidence Required: usage metrics");
        assert_eq!(
            (e[0].kind, e[0].form),
            (EvidenceKind::Gap, EvidenceForm::Emphasized)
        );
        let e = scan("**Evidence sources:** docs/a.md");
        assert_eq!(
            (e[0].kind, e[0].form),
            (EvidenceKind::Source, EvidenceForm::Emphasized)
        );
        assert!(scan("Evidence sourced from x").is_empty());
        assert!(scan("- **Evidence (required):**").is_empty());
        assert!(scan("noevidence: x").is_empty());
        // Regression: the Quality Gate item quotes the form in inline code.
        assert!(scan("[x] Every paragraph ends with `Evidence:` or `Evidence gap:`").is_empty());
    }

    #[test]
    fn text_offsets_agree_with_searching() {
        // As `scan_line` trims; `* * * _` leaves `* *`, which also occurs earlier.
        for raw in [
            " docs/a.md ;",
            "**x**",
            "* * * _",
            "_ * * _",
            "  ",
            "",
            " *a* a",
        ] {
            let t = raw.trim().trim_end_matches([';', ',']).trim();
            let t = t.trim_matches(|c| c == '*' || c == '_').trim();
            assert_eq!(offset_of(raw, t), raw.find(t).unwrap_or(0), "{raw:?}");
        }
    }

    #[test]
    fn sources_are_paths_or_urls_only() {
        let e = scan(
            "Evidence: user interviews, yes/no survey, e.g. v1.2, [ADR](docs/adr/1.md), CHARTER.md",
        );
        let srcs: Vec<_> = e[0].sources.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(srcs, ["docs/adr/1.md", "CHARTER.md"]);
        // A bare file name in parentheses after a source annotates it.
        let e = scan("Evidence: docs/STRUCTURE.md (state.json), docs/PROGRESS.md (see docs/x.md)");
        let srcs: Vec<_> = e[0].sources.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(srcs, ["docs/STRUCTURE.md", "docs/PROGRESS.md", "docs/x.md"]);
        assert_eq!(strip_location("docs/a.md#L10-L20"), "docs/a.md");
        assert_eq!(strip_location("a.md:63-70"), "a.md");
        assert_eq!(strip_location("a.md:30:2"), "a.md");
        assert_eq!(strip_location("a.md:30:x"), "a.md:30:x");
        // Regression: extensionless paths that leave the root must be seen.
        let e = scan("Evidence: ../../etc/passwd, /etc/passwd, https:/example.com/x");
        let kinds: Vec<_> = e[0]
            .sources
            .iter()
            .map(|s| (s.text.as_str(), s.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("../../etc/passwd", SourceKind::Path),
                ("/etc/passwd", SourceKind::Path),
                ("https:/example.com/x", SourceKind::Url)
            ]
        );
    }
}
