//! Class-diagram errors of mermaid.js that merman accepts.
//!
//! - A label colon with nothing after it: `classDiagram.jison` lexes a label as
//!   `":"` followed by at least one character other than `:`, `;` or a line end, so
//!   `A --> B :` and `A :` are syntax errors (`A : ` with a space is a label).
//! - An annotation before its class: `<<interface>> X` asks mermaid's class database
//!   for `X`'s annotations, and throws (`Cannot read properties of undefined`) when no
//!   statement before it mentioned `X`.
//!
//! Both were confirmed against mermaid.js 11.17.2 through the oracle. Outside class
//! bodies (`{ … }`), strings and `%%` comments only.

use std::collections::HashSet;

/// The first such error of a class-diagram body: its offset and message.
pub(crate) fn class_diagram(src: &str, body_start: usize) -> Option<(usize, String)> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut depth = 0usize;
    let mut quoted = false;
    let mut off = body_start;
    for line in src[body_start..].split_inclusive('\n') {
        let here = off;
        off += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        let lead = text.len() - text.trim_start().len();
        let t = &text[lead..];
        let outside = depth == 0 && !quoted;
        if outside
            && (t.starts_with("%%") || t.starts_with("accTitle") || t.starts_with("accDescr"))
        {
            continue;
        }
        if outside && t.starts_with("<<") {
            if let Some(close) = t.find(">>") {
                let name = t[close + 2..]
                    .trim_start()
                    .split(|c: char| c.is_whitespace() || c == ';')
                    .next()
                    .unwrap_or("");
                // A backquoted name may span lines: not checked.
                if !name.is_empty() && !name.starts_with('`') && !seen.contains(name) {
                    let at = here
                        + lead
                        + close
                        + 2
                        + (t[close + 2..].len() - t[close + 2..].trim_start().len());
                    return Some((
                        at,
                        format!(
                            "class `{name}` is annotated before any statement defines it; \
                             mermaid.js rejects this (define `class {name}` first)"
                        ),
                    ));
                }
            }
        }
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if quoted {
                quoted = c != b'"';
                i += 1;
                continue;
            }
            match c {
                b'"' => quoted = true,
                b'{' => depth += 1,
                b'}' => depth = depth.saturating_sub(1),
                b':' if depth == 0 && matches!(b.get(i + 1), None | Some(b';')) => {
                    return Some((
                        here + i,
                        "a `:` label needs text after it (or remove the `:`)".into(),
                    ));
                }
                _ if is_ident(c) => {
                    let end = i + b[i..].iter().take_while(|c| is_ident(**c)).count();
                    seen.insert(&text[i..end]);
                    i = end;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }
    None
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c >= 0x80
}

#[cfg(test)]
mod tests {
    use super::class_diagram;

    fn err(body: &str) -> Option<usize> {
        class_diagram(&format!("classDiagram\n{body}\n"), 0).map(|(o, _)| o - 13)
    }

    #[test]
    fn rejects_what_mermaid_js_rejects() {
        for (body, at) in [
            ("A --> B :\nclass C", 8),
            ("A --> B :;", 8),
            ("A :", 2),
            ("<<interface>> X\nclass X", 14),
            ("note \"A\"\n<<interface>> A", 23),
        ] {
            assert_eq!(err(body), Some(at), "{body:?}");
        }
    }

    #[test]
    fn accepts_what_mermaid_js_accepts() {
        for body in [
            "class A {\n  +foo() :\n}",
            "A : ",
            "A --> B : x",
            "A --> B\n<<interface>> A",
            "class A~T~\n<<interface>> A",
            "A : +x\n<<interface>> A",
            "class A\n  <<interface>>   A  ",
            "%% <<interface>> Z\nclass A",
            "accTitle: x:\nclass A",
            "class X\nnote for X \"a:\"",
            "class `A\nB` {\n}\n<<Interface>> `A\nB`",
        ] {
            assert_eq!(err(body), None, "{body:?}");
        }
    }
}
