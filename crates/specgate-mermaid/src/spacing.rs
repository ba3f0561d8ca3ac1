//! Whitespace that mermaid.js's flowchart grammar rejects and merman accepts.
//!
//! In `flow.jison` a `SPACE` token is one whitespace character, and the statements
//! below take exactly one between their parts:
//!
//! - `classDef`, `style`, `linkStyle`, `class`: `KEYWORD SPACE id …`, so a second
//!   space after the keyword is an error (`classDef  c fill:red`);
//! - `class A c`: `CLASS SPACE idString SPACE idString`, so a second space between
//!   the two ids, or whitespace after the class name, is an error;
//! - `click`: `"click"[\s]+` enters a state whose token is the node id; a `"` there
//!   starts a string instead (`click "url"` has no node id), and every later part is
//!   separated by one `SPACE`, so two spaces, or trailing whitespace, are errors. The
//!   `call name(args)` form is lexed in its own states and is not checked;
//! - `subgraph`: an untitled `subgraph` builds a subgraph without a title, which
//!   mermaid's database rejects (`Cannot read properties of undefined`), and
//!   `subgraph ` with one trailing space is `subgraph SPACE` with an empty title.
//!
//! Each rule was confirmed against mermaid.js 11.17.2 through the oracle.

/// The first such error of a flowchart body: its offset and message.
pub(crate) fn flowchart(src: &str, body_start: usize) -> Option<(usize, String)> {
    statements(&src[body_start..])
        .find_map(|(start, stmt)| statement(stmt).map(|(at, m)| (body_start + start + at, m)))
}

/// The statements of a flowchart body: split at line ends and `;`, except inside a
/// `"…"` string, which may span lines, and except the `;` that mermaid.js drops
/// before parsing (`fixups::dropped_semicolon`).
fn statements(body: &str) -> impl Iterator<Item = (usize, &str)> {
    let dropped = |from: usize| {
        let line = body[from..].split('\n').next().unwrap_or("");
        crate::fixups::dropped_semicolon(line).map(|c| from + c)
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    let mut cut = dropped(0);
    for (i, c) in body.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' | '\n' if !quoted && Some(i) != cut => {
                out.push((start, body[start..i].trim_end_matches('\r')));
                start = i + 1;
                if c == '\n' {
                    cut = dropped(i + 1);
                }
            }
            _ => {}
        }
    }
    out.push((start, &body[start..]));
    out.into_iter()
}

fn statement(stmt: &str) -> Option<(usize, String)> {
    let lead = stmt.len() - stmt.trim_start().len();
    let t = &stmt[lead..];
    let kw = [
        "classDef",
        "linkStyle",
        "style",
        "class",
        "click",
        "subgraph",
    ]
    .into_iter()
    .find(|k| t.starts_with(k))?;
    let rest = &t[kw.len()..];
    let ws = ws_run(rest);
    if kw == "subgraph" {
        return (ws == rest.len() && rest.chars().count() <= 1).then(|| {
            (
                lead,
                "a `subgraph` needs an id or a title: mermaid.js rejects an untitled one"
                    .to_string(),
            )
        });
    }
    if ws == 0 {
        return None; // `classic`, `styles`, … : not this keyword
    }
    let at = |i: usize| lead + kw.len() + i;
    // The byte length of the one whitespace character after the keyword.
    let one = rest.chars().next().map_or(0, char::len_utf8);
    if kw == "click" {
        let after = &rest[ws..];
        if after.starts_with('"') {
            return Some((
                at(ws),
                "`click` needs a node id before its link or callback".into(),
            ));
        }
        return click_parts(after).map(|(i, m)| (at(ws + i), m));
    }
    if rest[..ws].chars().count() > 1 {
        return Some((
            at(1),
            format!("one space after `{kw}`: mermaid.js reads a second one as a syntax error"),
        ));
    }
    if kw != "class" {
        // `KEYWORD SPACE id SPACE stylesOpt`: a style must follow (a `SPACE` is one).
        let r = &rest[one..];
        let after = &r[r.find(char::is_whitespace).unwrap_or(r.len())..];
        if after.trim_start().is_empty() && after.chars().count() <= 1 {
            let what = if kw == "linkStyle" {
                "link numbers"
            } else {
                "its id"
            };
            return Some((
                lead + t.len(),
                format!("`{kw}` needs styles after {what} (e.g. `{kw} x stroke:#f66`)"),
            ));
        }
        return None;
    }
    if kw == "class" {
        // `class <ids> <class>` and nothing after it.
        let ids = one + rest[one..].find(char::is_whitespace)?;
        let gap = ws_run(&rest[ids..]);
        if rest[ids..ids + gap].chars().count() > 1 && ids + gap < rest.len() {
            return Some((
                at(ids + 1),
                "one space between the node ids and the class name of `class`".into(),
            ));
        }
        let tail = rest.trim_end().len();
        if tail < rest.len() && tail > ids {
            return Some((
                at(tail),
                "whitespace after a `class` statement is a syntax error in mermaid.js".into(),
            ));
        }
    }
    None
}

/// After `click <id>`: parts separated by exactly one whitespace character, with
/// nothing after the last one. Strings are skipped; `call …` is not checked.
fn click_parts(after: &str) -> Option<(usize, String)> {
    let b = after.as_bytes();
    let mut i = 0;
    let mut quoted = false;
    while i < b.len() {
        let c = b[i];
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted && c.is_ascii_whitespace() {
            let run = ws_run(&after[i..]);
            if i + run == after.len() {
                return Some((
                    i,
                    "whitespace after a `click` statement is a syntax error in mermaid.js".into(),
                ));
            }
            if after[i..i + run].chars().count() > 1 {
                return Some((
                    i + 1,
                    "one space between the parts of `click`: mermaid.js reads a second one \
                     as a syntax error"
                        .into(),
                ));
            }
            let next = &after[i + run..];
            if next.strip_prefix("call").is_some_and(|r| ws_run(r) > 0) {
                return None;
            }
            i += run;
            continue;
        }
        i += 1;
    }
    None
}

fn ws_run(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::flowchart;

    fn err(body: &str) -> Option<usize> {
        flowchart(&format!("graph TD\n{body}\n"), 0).map(|(o, _)| o - "graph TD\n".len())
    }

    #[test]
    fn rejects_what_mermaid_js_rejects() {
        // Each pair: the statement and the offset of the error, as mermaid.js rejects it.
        for (body, at) in [
            ("classDef  c color:red", 9),
            ("A-->B;classDef  c color:red", 15),
            ("  style  A color:red", 8),
            ("linkStyle  0 color:red", 10),
            ("class  A c", 6),
            ("class A  c", 8),
            ("class A c ", 9),
            ("click A  callback", 8),
            ("click A  \"http://x\"", 8),
            ("click  \"http://x\"", 7),
            ("click A \"http://x\"  \"tip\"", 19),
            ("click A \"http://x\" ", 18),
            ("click A callback ", 16),
            ("click A href  \"u\"", 13),
            ("click A\t\t\"u\"", 8),
            ("subgraph ", 0),
            ("classDef c", 10),
            ("classDef c ", 11),
            ("style A", 7),
            ("linkStyle 0 ", 12),
            ("classDef ", 9),
            ("subgraph", 0),
            ("subgraph ;A-->B", 0),
        ] {
            assert_eq!(err(body), Some(at), "{body:?}");
        }
    }

    #[test]
    fn accepts_what_mermaid_js_accepts() {
        for body in [
            "classDef c  color:red",
            "classDef\tc color:red",
            "classDef c color:red ",
            "classDef c  ",
            "style A  color:red",
            "linkStyle 0  color:red",
            "click  A callback",
            "click A callback",
            "click A \"a  b\"",
            "click A href \"u\" _blank",
            "click A call  cb()",
            "click A call cb()\t\"tip\"",
            "subgraph  ",
            "subgraph  X",
            "subgraph X",
            "classic-->B",
            "styles-->B",
            "A[\"x; classDef  c\"]",
            "A[\"x\nclick  y\"]",
            "classDef\u{a0}c\u{a0}color:red",
            // mermaid.js drops this `;` (`encodeEntities`): `classDef fill:#f96 c`.
            "classDef fill:#f96; c",
        ] {
            assert_eq!(err(body), None, "{body:?}");
        }
    }
}
