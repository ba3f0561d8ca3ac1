//! Class diagrams: a class name of several words, one grammar rule of mermaid.js that
//! merman 0.9.3 reads otherwise (ADR 0013).
//!
//! In `classDiagram.jison` a `className` is one or more `alphaNumToken`s (`\w+`,
//! numbers, `-`, non-ASCII letters), and the lexer skips the whitespace between them
//! (`className: alphaNumToken className`, `$$=$1+$2`). So `Animal  Cat` is the one
//! name `AnimalCat`; after `class` the lexer is in its `class` state, where `class`,
//! `namespace`, `style` and `classDef` are plain words (`class class Foo` declares
//! `classFoo`); and a line that is only a name is a statement (`memberStatement:
//! className`) that adds nothing. merman reads one token per name and rejects these.
//!
//! [`rewrite`] turns the error merman gives at such a place into the text mermaid.js
//! reads, byte length kept (so error offsets stay the diagram's): the whitespace
//! between two words of a name becomes `_`; a keyword word after `class` gets an `x`
//! for its first letter; a line of a name alone becomes blank. A name after a keyword
//! that takes no name (`note Foo "x"`: `note` takes a string) is left to merman's error,
//! which mermaid.js shares. Each rewrite was checked against mermaid.js 11.17.2
//! through the oracle (`tests/oracle-labelled/class.jsonl`).

/// Words that open a statement and are not a class name (`note Foo` is no name
/// `noteFoo`: mermaid.js reads the keyword and rejects what follows, as merman does).
const KEYWORDS: &[&str] = &[
    "class",
    "namespace",
    "note",
    "style",
    "classDef",
    "cssClass",
    "callback",
    "link",
    "click",
    "call",
    "href",
    "direction",
    "accTitle",
    "accDescr",
];

/// Keywords that the lexer's `class` state reads as plain words (they are keywords in
/// its initial state only).
const WORDS_AFTER_CLASS: &[&str] = &["class", "namespace", "style", "classDef"];

/// Words the lexer reads as keywords wherever they stand (`<*>` rules, whole words):
/// never a word of a name.
const ANYWHERE: &[&str] = &[
    "cssClass", "callback", "link", "click", "note", "href", "_self", "_blank", "_parent", "_top",
];

/// Whether `c` may continue a name word: `\w` or a letter beyond ASCII
/// (`UNICODE_TEXT`).
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || (!c.is_ascii() && c.is_alphabetic())
}

/// Whether the lexer reads `word`, after whitespace, as a word of a name: not a
/// keyword, and not `o` alone (`\s*o`, a whole word, is the aggregation arrow's token:
/// `A o-- B`; `A  order` is one name).
fn joins(word: &str) -> bool {
    !word.is_empty() && word != "o" && !holds_keyword(word)
}

/// Whether a run of ASCII word characters in `word` is a keyword: after a letter
/// beyond ASCII the lexer sees a word boundary (`éclass` is `é` and the keyword
/// `class`).
fn holds_keyword(word: &str) -> bool {
    word.split(|c: char| !c.is_ascii())
        .any(|r| KEYWORDS.contains(&r) || ANYWHERE.contains(&r))
}

/// The text with merman's error `e` (at `e.offset`, past the header at `body_start`)
/// rewritten as mermaid.js reads it (see the module doc), or `None` when the error is
/// not at a name of several words.
pub(crate) fn rewrite(text: &str, body_start: usize, e: &crate::MermaidError) -> Option<String> {
    let at = e.offset.min(text.len());
    if at <= body_start || !text.is_char_boundary(at) {
        return None;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1).max(body_start);
    if line_start == body_start {
        // The header's own line.
        return None;
    }
    let before = &text[line_start..at];
    let words: Vec<&str> = before.split_whitespace().collect();
    let token: String = text[at..].chars().take_while(|&c| is_word(c)).collect();
    let mut out = text.to_string();
    if e.message.starts_with("unexpected ") && e.message.ends_with("kw; expected name") {
        // `class class Foo`: the second `class` is a word of the name.
        if words == ["class"] && WORDS_AFTER_CLASS.contains(&token.as_str()) {
            out.replace_range(at..at + 1, "x");
            return Some(out);
        }
        return None;
    }
    if e.message.starts_with("unexpected name") {
        // `Animal  Cat`, `A <|-- B B`, `note for Foo Bar "x"`: two words of one name.
        let gap = before.len() - before.trim_end_matches([' ', '\t']).len();
        let prev = before[..before.len() - gap]
            .rsplit(|c: char| !is_word(c))
            .next()
            .unwrap_or("");
        // `cssClass "A" x`, `classDef x y`, `style x y`: no class name there, so no
        // words to join; nor a method's name before its `(` (`Object getObjects()`).
        let no_name = matches!(words.first(), Some(&("cssClass" | "classDef" | "style")));
        let call = text[at + token.len()..].starts_with('(');
        // A name ends with at most one generic (`alphaNumToken GENERICTYPE`): `People
        // List~List~Person~~` nests one, which mermaid.js rejects and merman reads.
        let run = text[at..]
            .split([' ', '\t', '\n', '{'])
            .next()
            .unwrap_or("");
        let nested = run.matches('~').count() > 2;
        // After `:::` stands one style class (`alphaNumToken`), not a class name.
        let style = before[..before.len() - gap - prev.len()].ends_with(":::");
        let keyword_first = no_name
            || call
            || nested
            || style
            || (words.len() == 1 && KEYWORDS.contains(&prev))
            || (!prev.is_ascii() && holds_keyword(prev));
        if gap == 0 || !joins(&token) || prev.is_empty() || keyword_first {
            return None;
        }
        out.replace_range(at - gap..at, &"_".repeat(gap));
        return Some(out);
    }
    if e.message.starts_with("unexpected statement separator") {
        // A line of a name alone (`   Class10`, `title member1`).
        let first = words.first()?;
        let bare = before
            .chars()
            .all(|c| is_word(c) || c == ' ' || c == '\t' || c == '-');
        let names = words
            .iter()
            .all(|w| joins(w) && w.chars().all(|c| is_word(c) || c == '-'));
        if !bare || !names || first.starts_with('-') {
            return None;
        }
        out.replace_range(line_start..at, &" ".repeat(at - line_start));
        return Some(out);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(offset: usize, message: &str) -> crate::MermaidError {
        crate::MermaidError {
            offset,
            line: 0,
            column: 0,
            message: message.into(),
            expected: vec![],
        }
    }

    const EXPECTED_REL: &str = "unexpected name; expected ext, dep, comp, agg, lollipop";

    #[test]
    fn words_of_one_name_are_joined() {
        let t = "classDiagram\nAnimal  Cat\n";
        let at = t.find("Cat").unwrap();
        assert_eq!(
            rewrite(t, 0, &err(at, EXPECTED_REL)).as_deref(),
            Some("classDiagram\nAnimal__Cat\n")
        );
        let t = "classDiagram\nA <|-- B B\n";
        let at = t.rfind('B').unwrap();
        assert_eq!(
            rewrite(t, 0, &err(at, "unexpected name; expected newline, label")).as_deref(),
            Some("classDiagram\nA <|-- B_B\n")
        );
    }

    #[test]
    fn a_keyword_after_class_is_a_word() {
        let t = "classDiagram\nclass class Foo\n";
        let at = t.rfind("class").unwrap();
        assert_eq!(
            rewrite(t, 0, &err(at, "unexpected class kw; expected name")).as_deref(),
            Some("classDiagram\nclass xlass Foo\n")
        );
        // Not after another word: `Foo class` is merman's error and mermaid.js's.
        let t = "classDiagram\nFoo class Bar\n";
        let at = t.find("class Bar").unwrap();
        assert_eq!(
            rewrite(t, 0, &err(at, "unexpected class kw; expected name")),
            None
        );
    }

    #[test]
    fn a_line_of_a_name_alone_is_blank() {
        let t = "classDiagram\n   Class10\nA <|-- B\n";
        let at = t.find("\nA").unwrap();
        assert_eq!(
            rewrite(
                t,
                0,
                &err(at, "unexpected statement separator; expected ext")
            )
            .as_deref(),
            Some("classDiagram\n          \nA <|-- B\n")
        );
    }

    /// What mermaid.js rejects too is left alone: a name after a keyword that takes a
    /// string, a word on the header's line, a name that is a punctuation mark.
    #[test]
    fn keywords_and_the_header_are_not_names() {
        let t = "classDiagram\nnote Foo \"x\"\n";
        let at = t.find("Foo").unwrap();
        assert_eq!(
            rewrite(t, 0, &err(at, "unexpected name; expected str")),
            None
        );
        let t = "classDiagram Foo\nA <|-- B\n";
        let at = t.find("Foo").unwrap();
        assert_eq!(rewrite(t, 0, &err(at, EXPECTED_REL)), None);
        let t = "classDiagram\nnote\n";
        let at = t.rfind('\n').unwrap();
        assert_eq!(
            rewrite(t, 0, &err(at, "unexpected statement separator")),
            None
        );
        // `o` alone is the aggregation arrow's token; a keyword is never a word of a
        // name.
        let t = "classDiagram\nA B o--\n";
        let at = t.find("o--").unwrap();
        assert_eq!(rewrite(t, 0, &err(at, EXPECTED_REL)), None);
        let t = "classDiagram\nA  link\n";
        let at = t.find("link").unwrap();
        assert_eq!(rewrite(t, 0, &err(at, EXPECTED_REL)), None);
        let t = "classDiagram\n  \u{e9}class B\n";
        let at = t.find('B').unwrap();
        assert_eq!(rewrite(t, 0, &err(at, EXPECTED_REL)), None);
        let t = "classDiagram\n  A o\n";
        let at = t.rfind('\n').unwrap();
        assert_eq!(
            rewrite(t, 0, &err(at, "unexpected statement separator")),
            None
        );
        let t = "classDiagram\ncssClass \"A\" pink pink\n";
        let at = t.rfind("pink").unwrap();
        assert_eq!(
            rewrite(t, 0, &err(at, "unexpected name; expected newline")),
            None
        );
        let t = "classDiagram\nObject getObjects() : Object[]\n";
        let at = t.find("getObjects").unwrap();
        assert_eq!(rewrite(t, 0, &err(at, EXPECTED_REL)), None);
        let t = "classDiagram\nclass C1:::pink text\n";
        let at = t.find("text").unwrap();
        assert_eq!(
            rewrite(t, 0, &err(at, "unexpected name; expected newline")),
            None
        );
        let t = "classDiagram\nclass People List~List~Person~~\n";
        let at = t.find("List").unwrap();
        assert_eq!(
            rewrite(t, 0, &err(at, "unexpected name; expected newline")),
            None
        );
        let t = "classDiagram\nA <|-- ;\n";
        let at = t.find(';').unwrap();
        assert_eq!(rewrite(t, 0, &err(at, EXPECTED_REL)), None);
    }
}
