//! Targeted checks that close known gaps between merman 0.9.3 and mermaid.js 11.17
//! (ADR 0013). Each rewrite is byte-length preserving (ASCII for ASCII), so error
//! offsets in the rewritten text are offsets in the original. A rewrite is only tried
//! after merman rejected the original, and it only replaces a token that mermaid.js's
//! own lexer reads as one identifier with an identifier merman accepts; the rest of the
//! diagram is still validated by merman.

/// Flowchart node ids made of punctuation (`#`, `node:`, `default.node`, `bfs1:queue`):
/// mermaid.js's `idString` accepts `NODE_STRING`, `BRKT`, `COLON`, `AMP`, `COMMA`,
/// `MULT` and `MINUS` tokens in any sequence; merman does not. Returns the rewritten
/// text and the (rewritten, original) id pairs, or `None` when nothing applies.
pub(crate) fn flowchart_punctuation_ids(
    src: &str,
    body_start: usize,
) -> Option<(String, Vec<(String, String)>)> {
    let b = src.as_bytes();
    let mut out = b.to_vec();
    let mut renamed = Vec::new();
    let mut i = body_start;
    // Skip the header line (`graph TD` up to `;` or newline).
    while i < b.len() && b[i] != b'\n' && b[i] != b';' {
        i += 1;
    }
    let mut depth = 0i32; // [ ( { nesting
    let mut in_str = false;
    let mut in_pipe = false;
    let mut at_start = true;
    let mut skip_line = false;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            skip_line = false;
        }
        if in_str {
            if c == b'"' {
                in_str = false;
            }
            i += 1;
            continue;
        }
        if skip_line {
            i += 1;
            continue;
        }
        match c {
            b'"' => in_str = true,
            b'[' | b'(' | b'{' => depth += 1,
            b']' | b')' | b'}' => depth -= 1,
            b'|' if depth <= 0 => in_pipe = !in_pipe,
            _ => {}
        }
        if depth > 0 || in_pipe {
            at_start = false;
            i += 1;
            continue;
        }
        if c == b'\n' || c == b';' {
            at_start = true;
            depth = 0;
            i += 1;
            continue;
        }
        if at_start && (c == b' ' || c == b'\t' || c == b'\r') {
            i += 1;
            continue;
        }
        if at_start {
            at_start = false;
            let line_end = src[i..].find('\n').map_or(b.len(), |e| i + e);
            let line = &src[i..line_end];
            if line.contains("direction") || starts_with_keyword(line) {
                skip_line = true;
                i += 1;
                continue;
            }
            let end = id_end(b, i);
            let word = &src[i..end];
            if word.bytes().any(is_punct) && !starts_like_link(word.as_bytes()) {
                let new: String = word
                    .bytes()
                    .map(|x| if is_punct(x) { '_' } else { x as char })
                    .collect();
                out[i..end].copy_from_slice(new.as_bytes());
                renamed.push((new, word.to_string()));
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    if renamed.is_empty() {
        return None;
    }
    String::from_utf8(out).ok().map(|s| (s, renamed))
}

/// Punctuation that mermaid.js accepts inside a flowchart id and merman does not.
fn is_punct(c: u8) -> bool {
    matches!(
        c,
        b'#' | b':'
            | b'&'
            | b','
            | b'*'
            | b'.'
            | b'\\'
            | b'/'
            | b'-'
            | b'!'
            | b'$'
            | b'%'
            | b'\''
            | b'+'
            | b'`'
            | b'?'
    )
}

/// The end of a flowchart id starting at `i`, following mermaid.js's lexer: ASCII
/// id characters, stopping before a link (`--`, `->`, `-.`, `==`), a shape, `:::`,
/// whitespace or `;`.
fn id_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied().unwrap_or(b'\n');
        let ok = c.is_ascii_alphanumeric()
            || c == b'_'
            || (is_punct(c) && c != b'-' && c != b':')
            || (c == b'-' && !matches!(next, b'-' | b'>' | b'.'))
            || (c == b':' && !(next == b':' && b.get(i + 2) == Some(&b':')));
        if !ok {
            break;
        }
        i += 1;
    }
    i
}

/// Words that mermaid.js's lexer would read as a dotted link (`.-`, `-.-`) at a
/// statement start.
fn starts_like_link(w: &[u8]) -> bool {
    let s = w.strip_prefix(b"-").unwrap_or(w);
    let dots = s.iter().take_while(|&&c| c == b'.').count();
    dots > 0 && s.get(dots) == Some(&b'-')
}

/// Lines whose first word is a flowchart keyword that its lexer matches as a prefix.
fn starts_with_keyword(line: &str) -> bool {
    const KW: &[&str] = &[
        "style",
        "linkStyle",
        "classDef",
        "class",
        "subgraph",
        "end",
        "graph",
        "flowchart",
        "interpolate",
        "accTitle",
        "accDescr",
        "_self",
        "_blank",
        "_parent",
        "_top",
        "click",
        "call",
        "href",
    ];
    KW.iter().any(|k| {
        line.strip_prefix(k).is_some_and(|rest| {
            // `click.node` / `href.node` / `call.node` are ids: those keywords need a space.
            let needs_space = matches!(*k, "click" | "call" | "href");
            !needs_space || rest.starts_with([' ', '\t'])
        })
    })
}

/// ER attribute types written with `~` (`~timestamp with time zone~`, `List~int~`):
/// mermaid.js's block lexer reads `\S*~.*~\S*` as one `ATTRIBUTE_WORD`. Rewrites each
/// such word to an `_`-filled word of the same byte length.
pub(crate) fn er_tilde_types(src: &str, body_start: usize) -> Option<String> {
    let b = src.as_bytes();
    let mut out = b.to_vec();
    let mut changed = false;
    let mut i = body_start;
    let mut in_block = false;
    while i < b.len() {
        let c = b[i];
        if !in_block {
            match c {
                b'"' => {
                    i += 1;
                    while i < b.len() && b[i] != b'"' {
                        i += 1;
                    }
                }
                b'{' => in_block = true,
                _ => {}
            }
            i += 1;
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        match c {
            b'}' => {
                in_block = false;
                i += 1;
                continue;
            }
            b'"' => {
                // COMMENT
                let close = src[i + 1..].find('"').map(|e| i + 1 + e);
                match close {
                    Some(e) if !src[i..e].contains('~') => {
                        i = e + 1;
                        continue;
                    }
                    _ => {}
                }
            }
            b'`' => {
                i += 1;
                while i < b.len() && b[i] != b'`' {
                    i += 1;
                }
                i += 1;
                continue;
            }
            _ => {}
        }
        // A token starting at i: the `~` rule applies when the current non-space run
        // contains `~` and another `~` follows on the line.
        let line_end = src[i..].find('\n').map_or(b.len(), |e| i + e);
        let run_end = src[i..line_end]
            .find(char::is_whitespace)
            .map_or(line_end, |e| i + e);
        let first = src[i..run_end].find('~').map(|e| i + e);
        // PK / FK / UK come first in the lexer.
        let word = &src[i..run_end];
        let is_key = ["PK", "FK", "UK"].iter().any(|k| {
            word.len() >= 2
                && word.as_bytes()[..2].eq_ignore_ascii_case(k.as_bytes())
                && (word.len() == 2 || !word.as_bytes()[2].is_ascii_alphanumeric())
        });
        if let (Some(f), false) = (first, is_key) {
            if let Some(last) = src[f + 1..line_end].rfind('~').map(|e| f + 1 + e) {
                let end = src[last + 1..line_end]
                    .find(char::is_whitespace)
                    .map_or(line_end, |e| last + 1 + e);
                for x in &mut out[i..end] {
                    *x = b'_';
                }
                changed = true;
                i = end;
                continue;
            }
        }
        // A token that starts with non-ASCII whitespace has an empty run: step over
        // the whole character.
        let step = src[i..].chars().next().map_or(1, char::len_utf8);
        i = run_end.max(i + step);
    }
    if !changed {
        return None;
    }
    String::from_utf8(out).ok()
}

/// mermaid.js lexes a quoted node label as one string token followed by plain text,
/// so `A["He said "hi""]` is the string `He said ` then the text `hi` then an empty
/// string `""` (no token): the label `He said hi`. merman rejects any quote inside a
/// quoted label. Labels of that shape (a string, then only text and `""` pairs up to
/// the closing bracket) are rewritten as one string; any other shape (a second
/// non-empty string) is left for merman to reject, as mermaid.js does.
pub(crate) fn flowchart_nested_quotes(text: &str, body_start: usize) -> Option<String> {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut i = body_start;
    while i + 1 < b.len() {
        let close = match (b[i], b[i + 1]) {
            (b'[', b'"') => b']',
            (b'(', b'"') => b')',
            (b'{', b'"') => b'}',
            _ => {
                i += 1;
                continue;
            }
        };
        let start = i + 2;
        let Some(str_end) = text[start..].find('"').map(|e| start + e) else {
            break;
        };
        // After the string: text (no brackets, no `|`) and empty `""` pairs.
        let mut j = str_end + 1;
        let mut rest = String::new();
        let mut ok = false;
        while j < b.len() {
            match b[j] {
                c if c == close => {
                    ok = true;
                    break;
                }
                b'"' if b.get(j + 1) == Some(&b'"') => j += 2,
                b'"' | b'[' | b']' | b'(' | b')' | b'{' | b'}' | b'|' => break,
                _ => {
                    let ch = text[j..].chars().next()?;
                    rest.push(ch);
                    j += ch.len_utf8();
                }
            }
        }
        if ok && j > str_end + 1 && text[str_end + 1..j].contains('"') {
            out.push_str(&text[last..start]);
            out.push_str(&text[start..str_end]);
            out.push_str(&rest);
            out.push('"');
            last = j;
        }
        i = j.max(i + 1);
    }
    if last == 0 {
        return None;
    }
    out.push_str(&text[last..]);
    Some(out)
}

/// mermaid.js's state grammar needs no separator between statements, so
/// `[*] --> My State` is the relation `[*] --> My` followed by the state `State`;
/// merman wants a line end after each statement. Lines of plain ids and `-->` get
/// one statement per line. Lines with `:`, `"`, braces or a keyword are left alone.
/// `None` when nothing changes.
pub(crate) fn state_split_statements(text: &str, body_start: usize) -> Option<String> {
    const KEYWORDS: &[&str] = &[
        "state",
        "note",
        "classDef",
        "class",
        "direction",
        "scale",
        "hide",
        "accTitle",
        "accDescr",
        "end",
        "%%",
        "--",
    ];
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..body_start]);
    let mut lines = text[body_start..].split_inclusive('\n');
    // The header line stays as it is.
    out.push_str(lines.next()?);
    let mut changed = false;
    for line in lines {
        let body = line.trim_end_matches(['\n', '\r']);
        let eol = &line[body.len()..];
        let words: Vec<&str> = body.split_whitespace().collect();
        let plain = !body.contains([':', '"', '{', '}', ';', '#'])
            && words
                .first()
                .is_some_and(|w| !KEYWORDS.iter().any(|k| w.starts_with(k)));
        if !plain || words.len() < 2 {
            out.push_str(line);
            continue;
        }
        let indent = &body[..body.len() - body.trim_start().len()];
        let keyword = |w: &str| {
            [
                "state",
                "note",
                "class",
                "classdef",
                "direction",
                "scale",
                "hide",
            ]
            .iter()
            .any(|k| w.eq_ignore_ascii_case(k))
        };
        // The lexer is case-insensitive: a later `State` is the `state` keyword. At
        // the line's end it only opens a state declaration that the line end closes
        // (mermaid.js accepts it; merman does not), so it is dropped; anywhere else
        // the line is left to merman.
        let mut words = words;
        if words.len() > 1
            && words
                .last()
                .is_some_and(|w| w.eq_ignore_ascii_case("state"))
        {
            words.pop();
        }
        if words.iter().skip(1).any(|w| keyword(w)) {
            out.push_str(line);
            continue;
        }
        let mut stmts: Vec<String> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if words.get(i + 1) == Some(&"-->") && i + 2 < words.len() {
                stmts.push(format!("{} --> {}", words[i], words[i + 2]));
                i += 3;
            } else {
                stmts.push(words[i].to_string());
                i += 1;
            }
        }
        if stmts.len() < 2 && words.len() == body.split_whitespace().count() {
            out.push_str(line);
            continue;
        }
        changed = true;
        let nl = if eol.is_empty() { "\n" } else { eol };
        out.push_str(
            &stmts
                .iter()
                .map(|s| format!("{indent}{s}"))
                .collect::<Vec<_>>()
                .join(nl),
        );
        out.push_str(eol);
    }
    changed.then_some(out)
}

/// mermaid.js's state grammar skips a `}` that closes no composite state (`A --> B`
/// then a stray `}` line, `}}` at the end): its lexer pops a state it is not in and
/// the parser never sees a struct stop. merman rejects it. Each such `}` (outside
/// quotes, comments, `: descriptions` and notes) becomes a space, so offsets stay.
/// `None` when there is none.
pub(crate) fn state_stray_closers(text: &str, body_start: usize) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..body_start]);
    let mut depth = 0usize;
    let mut in_note = false;
    let mut changed = false;
    for line in text[body_start..].split_inclusive('\n') {
        let t = line.trim();
        let lower = t.to_ascii_lowercase();
        if in_note {
            in_note = !lower.starts_with("end note");
            out.push_str(line);
            continue;
        }
        // A note without `:` runs to `end note`.
        if lower.starts_with("note ") && !t.contains(':') {
            in_note = true;
            out.push_str(line);
            continue;
        }
        let mut quoted = false;
        let mut rest_is_text = false;
        let mut prev = '\0';
        for c in line.chars() {
            let keep = match c {
                _ if rest_is_text => true,
                '"' => {
                    quoted = !quoted;
                    true
                }
                _ if quoted => true,
                '%' if prev == '%' => {
                    rest_is_text = true;
                    true
                }
                ':' => {
                    rest_is_text = true;
                    true
                }
                '{' => {
                    depth += 1;
                    true
                }
                '}' if depth > 0 => {
                    depth -= 1;
                    true
                }
                '}' => false,
                _ => true,
            };
            if keep {
                out.push(c);
            } else {
                out.push(' ');
                changed = true;
            }
            prev = c;
        }
    }
    changed.then_some(out)
}

/// A gantt rewrite for one error merman reports and mermaid.js's `parse` does not:
///
/// - `Invalid date:X`: mermaid.js parses a task whose start date does not parse
///   (dates are only evaluated when drawn); the task field `X` becomes
///   `after __specgate__`, which both accept;
/// - `unrecognized statement: section|title` on a bare `section` / `title` line
///   (with nothing after it, not even a space: mermaid.js rejects `section `; in any
///   case, as the lexer is case-insensitive), which gets a name;
/// - `unrecognized statement: %…` on a line that starts with `%`: one `%` opens a
///   comment to the line's end in mermaid.js's gantt lexer (`\%\%*[^\n]*`), so the
///   line becomes blank.
///
/// `None` when the error is not one of these, or the rewrite finds nothing to change.
pub(crate) fn gantt_lenient(
    text: &str,
    body_start: usize,
    e: &crate::MermaidError,
) -> Option<String> {
    if let Some(date) = e.message.strip_prefix("Invalid date:") {
        let date = date.trim();
        if date.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(text.len());
        let mut changed = false;
        out.push_str(&text[..body_start]);
        for line in text[body_start..].split_inclusive('\n') {
            match line.split_once(':') {
                Some((name, data)) if !changed && data.split(',').any(|f| f.trim() == date) => {
                    let fields: Vec<String> = data
                        .trim_end_matches(['\n', '\r'])
                        .split(',')
                        .map(|f| {
                            if !changed && f.trim() == date {
                                changed = true;
                                " after __specgate__".to_string()
                            } else {
                                f.to_string()
                            }
                        })
                        .collect();
                    out.push_str(name);
                    out.push(':');
                    out.push_str(&fields.join(","));
                    out.push_str(&line[line.trim_end_matches(['\n', '\r']).len()..]);
                }
                _ => out.push_str(line),
            }
        }
        return changed.then_some(out);
    }
    let kw = e.message.strip_prefix("unrecognized statement: ")?;
    let start = text[..e.offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |p| p + 1);
    let line = text[start..].split('\n').next()?;
    if kw.starts_with('%') && line.trim_start().starts_with('%') {
        // The lexer's `\%\%*[^\n]*`: one `%` opens a comment to the line's end.
        let end = start + line.trim_end_matches('\r').len();
        return Some(format!(
            "{}{}{}",
            &text[..start],
            " ".repeat(end - start),
            &text[end..]
        ));
    }
    // The lexer is case-insensitive: `Section` is `section`.
    if !kw.eq_ignore_ascii_case("section") && !kw.eq_ignore_ascii_case("title") {
        return None;
    }
    (line.trim_start() == kw).then(|| {
        let end = start + line.len();
        format!("{}{} _{}", &text[..start], line, &text[end..])
    })
}

/// The `;` of a flowchart line that mermaid.js's `encodeEntities` drops before parsing:
/// `/style.*:\S*#.*;/` and `/classDef.*:\S*#.*;/` lose their last character, the line's
/// last `;` after the keyword, when a `#` follows some `:` without whitespace.
pub(crate) fn dropped_semicolon(line: &str) -> Option<usize> {
    ["style", "classDef"]
        .into_iter()
        .filter_map(|kw| {
            let p = line.find(kw)?;
            let last = p + line[p..].rfind(';')?;
            let mid = &line[p..last];
            mid.match_indices(':')
                .any(|(c, _)| {
                    mid[c + 1..]
                        .split(char::is_whitespace)
                        .next()
                        .is_some_and(|run| run.contains('#'))
                })
                .then_some(last)
        })
        .min()
}

/// mermaid.js encodes `#word;` entities before parsing (`encodeEntities`), after
/// dropping the last `;` of a line with `style …:…#…;` or `classDef …:…#…;`. An
/// encoded entity left inside a `style`, `classDef` or `linkStyle` statement is a
/// parse error there (`ﬂ°fff¶ß` is not a style component); merman accepts it.
/// Returns the offset of the offending entity.
pub(crate) fn flowchart_entity_in_style(src: &str, body_start: usize) -> Option<usize> {
    let mut off = body_start;
    for line in src[body_start..].split_inclusive('\n') {
        let here = off;
        off += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        let cut = dropped_semicolon(text).unwrap_or(text.len());
        // Statements of the line (split at `;`, except inside entities).
        let bytes = text.as_bytes();
        let mut stmt_start = 0;
        let mut j = 0;
        while j <= text.len() {
            let at_end = j == text.len();
            if !at_end && bytes[j] == b'#' {
                // `#\w+;` entity?
                let w = bytes[j + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                    .count();
                let semi = j + 1 + w;
                if w > 0 && semi < text.len() && bytes[semi] == b';' && semi != cut {
                    let stmt = text[stmt_start..j].trim_start();
                    if ["style ", "classDef ", "linkStyle "]
                        .iter()
                        .any(|k| stmt.starts_with(k))
                    {
                        return Some(here + j);
                    }
                    j = semi + 1;
                    continue;
                }
            }
            if at_end || (bytes[j] == b';' && j != cut) {
                stmt_start = j + 1;
            }
            j += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_punctuation_ids_only_at_statement_starts() {
        let (t, r) = flowchart_punctuation_ids("graph TD; #node --> A[x: y]", 0).unwrap();
        assert_eq!(t, "graph TD; _node --> A[x: y]");
        assert_eq!(r, [("_node".to_string(), "#node".to_string())]);
        let (t, _) = flowchart_punctuation_ids("graph TB\nbfs1:queue\nA:::c", 0).unwrap();
        assert_eq!(t, "graph TB\nbfs1_queue\nA:::c");
        assert!(flowchart_punctuation_ids("graph TD\nstyle A fill:#fff\nA-->B", 0).is_none());
        assert!(flowchart_punctuation_ids("graph TD\nA[\"#x\n#y\"]", 0).is_none());
    }

    #[test]
    fn rewrites_er_tilde_types() {
        let t = er_tilde_types(
            "erDiagram\nA {\n ~int with tz~ a \"c\"\n List~int~ b PK\n}",
            0,
        )
        .unwrap();
        assert_eq!(
            t,
            "erDiagram\nA {\n _____________ a \"c\"\n _________ b PK\n}"
        );
        assert!(er_tilde_types("erDiagram\nA {\n int a\n}", 0).is_none());
        // Regression: a multi-byte character in the first two bytes of a word.
        assert!(er_tilde_types("erDiagram\nA {\n l\u{1F600}icense a\n}", 0).is_none());
    }

    #[test]
    fn nested_quotes_become_one_string() {
        assert_eq!(
            flowchart_nested_quotes("graph TD\nA[\"He said \"hi\"\"] --> B", 0).as_deref(),
            Some("graph TD\nA[\"He said hi\"] --> B")
        );
        for t in [
            "graph TD\nA[\"plain\"] --> B",
            "graph TD\nA[\"x\"y\"z\"]",
            "graph TD\nA[x] --> B",
        ] {
            assert_eq!(flowchart_nested_quotes(t, 0), None, "{t:?}");
        }
    }

    #[test]
    fn state_statements_get_a_line_each() {
        assert_eq!(
            state_split_statements("stateDiagram-v2\n  [*] --> My State\n", 0).as_deref(),
            Some("stateDiagram-v2\n  [*] --> My\n")
        );
        assert_eq!(
            state_split_statements("stateDiagram-v2\n[*] --> My Foo\n", 0).as_deref(),
            Some("stateDiagram-v2\n[*] --> My\nFoo\n")
        );
        assert_eq!(
            state_split_statements("stateDiagram-v2\nA B --> C\n", 0).as_deref(),
            Some("stateDiagram-v2\nA\nB --> C\n")
        );
        for t in [
            "stateDiagram-v2\nA --> B\n",
            "stateDiagram-v2\nA --> B : go now\n",
            "stateDiagram-v2\nstate A B\n",
            "stateDiagram-v2\nnote left of A : x y\n",
            "stateDiagram-v2\nA --> B note\n",
        ] {
            assert_eq!(state_split_statements(t, 0), None, "{t:?}");
        }
    }

    #[test]
    fn gantt_rewrites_what_mermaid_js_parses() {
        let err = |offset: usize, message: &str| crate::MermaidError {
            offset,
            line: 0,
            column: 0,
            message: message.into(),
            expected: vec![],
        };
        let t = "gantt\nsection S\nTask :a1, 2024-13-45, 3d\n";
        assert_eq!(
            gantt_lenient(t, 0, &err(0, "Invalid date:2024-13-45")).as_deref(),
            Some("gantt\nsection S\nTask :a1, after __specgate__, 3d\n")
        );
        let t = "gantt\nsection\nT :a, 2024-01-01, 1d\n";
        assert_eq!(
            gantt_lenient(t, 0, &err(6, "unrecognized statement: section")).as_deref(),
            Some("gantt\nsection _\nT :a, 2024-01-01, 1d\n")
        );
        // `section ` (a trailing space) is an error in mermaid.js too.
        let t = "gantt\nsection \nT :a, 2024-01-01, 1d\n";
        assert_eq!(
            gantt_lenient(t, 0, &err(6, "unrecognized statement: section")),
            None
        );
        assert_eq!(gantt_lenient(t, 0, &err(6, "Invalid date:")), None);
        let t = "gantt\n  Section\nT :a, 2024-01-01, 1d\n";
        assert_eq!(
            gantt_lenient(t, 0, &err(8, "unrecognized statement: Section")).as_deref(),
            Some("gantt\n  Section _\nT :a, 2024-01-01, 1d\n")
        );
        let t = "gantt\n%m-%d 1day\nT :a, 2024-01-01, 1d\n";
        assert_eq!(
            gantt_lenient(t, 0, &err(6, "unrecognized statement: %m-%d 1day")).as_deref(),
            Some("gantt\n          \nT :a, 2024-01-01, 1d\n")
        );
    }

    #[test]
    fn finds_entities_left_in_style_statements() {
        let s = "graph TD;A;style A background:#fff;style D border:1px solid red;";
        assert_eq!(
            flowchart_entity_in_style(s, 0),
            Some(s.find("#fff").unwrap())
        );
        assert_eq!(
            flowchart_entity_in_style("graph TD;A;style A fill:#fff;", 0),
            None
        );
        assert_eq!(
            flowchart_entity_in_style("graph TD\nA[\"#quot;\"]\nstyle A fill:#f00", 0),
            None
        );
        // Regression: a `;` before the keyword on the same line (sliced backwards).
        assert_eq!(
            flowchart_entity_in_style("graph TD\nA-->B;classDef  c color:red", 0),
            None
        );
    }
}
