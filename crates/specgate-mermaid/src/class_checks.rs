//! Class-diagram errors of mermaid.js that merman accepts.
//!
//! - A label colon with nothing after it: `classDiagram.jison` lexes a label as
//!   `":"` followed by at least one character other than `:`, `;` or a line end, so
//!   `A --> B :` and `A :` are syntax errors (`A : ` with a space is a label).
//! - An annotation before its class: `<<interface>> X` asks mermaid's class database
//!   for `X`'s annotations, and throws (`Cannot read properties of undefined`) when no
//!   statement before it mentioned `X`.
//!
//! - A second `:` in a label: a label is `:` and the characters up to the next `:`,
//!   `;` or line end, so `A : x:y` is a label and a stray second one (merman reads
//!   one label to the line's end). `:::` (the style separator) and the styles of
//!   `style` / `classDef` are not labels.
//!
//! - A relation with no class after it (`A o--`): merman reads the operator into a
//!   name.
//!
//! All were confirmed against mermaid.js 11.17.2 through the oracle. Outside class
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
        if outside && !t.contains([':', '"', '{', '}']) {
            if let Some(op) = dangling_relation(t) {
                return Some((
                    here + lead + t.len() - op.len(),
                    format!("the relation `{op}` needs a class after it"),
                ));
            }
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
        // `style` and `classDef` take `key:value` styles, colons and all.
        let styles = outside && (t.starts_with("style ") || t.starts_with("classDef "));
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
                // `:::` is the style separator.
                b':' if depth == 0 && b[i..].starts_with(b":::") => {
                    i += 3;
                    continue;
                }
                b':' if depth == 0 && !styles => {
                    let len = b[i + 1..]
                        .iter()
                        .take_while(|c| !matches!(c, b':' | b';' | b'"'))
                        .count();
                    if len > 0 && b.get(i + 1 + len) == Some(&b':') {
                        return Some((
                            here + i + 1 + len,
                            "a `:` label ends at the next `:`; mermaid.js reads a second \
                             label here and rejects it (leave the `:` out of the label)"
                                .into(),
                        ));
                    }
                    i += 1 + len;
                    continue;
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

/// The relation operator a statement ends with, when nothing follows it: a line
/// (`--`, `..`) with the arrow heads the lexer reads beside it (`<|`, `|>`, `<`, `>`,
/// `*`, `o`, `()`). `A o--` is a relation to nothing, which mermaid.js rejects (merman
/// reads the operator as part of a name).
fn dangling_relation(t: &str) -> Option<&str> {
    let t = t.trim_end_matches(';').trim_end();
    let is_line = |s: &str| s.ends_with("--") || s.ends_with("..");
    let mut rest = t;
    if let Some(r) = ["|>", ">", "*", "()", "o"]
        .iter()
        .find_map(|h| rest.strip_suffix(h).filter(|r| is_line(r)))
    {
        rest = r;
    }
    if !is_line(rest) {
        return None;
    }
    rest = rest[..rest.len() - 2].trim_end();
    // A left head; `o` only as a word of its own (`Ao--` is the name `Ao`).
    if let Some(r) = ["<|", "<", "*", "()"]
        .iter()
        .find_map(|h| rest.strip_suffix(h))
        .or_else(|| rest.strip_suffix(" o").or_else(|| rest.strip_suffix("\to")))
    {
        rest = r;
    }
    let name = rest.trim_end();
    (!name.is_empty()).then(|| t[name.len()..].trim_start())
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
            ("A : x:y", 5),
            ("A <|-- B : x:y", 12),
            ("A o--", 2),
            ("A <|--", 2),
            ("classE classF ..>", 14),
            ("A --", 2),
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
            "class A {\n +x : a:b\n}",
            "class A:::pink",
            "style A fill:#f9f,stroke:#333",
            "classDef pink fill:#f9f",
            "A : x\nB : y",
            "A --o B",
            "A -- B",
            "Ao-- B",
        ] {
            assert_eq!(err(body), None, "{body:?}");
        }
    }
}
