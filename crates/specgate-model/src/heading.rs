//! Heading text: the number as written, the title, and parenthesised annotations.

use serde::Serialize;

/// How strongly the template asks for a section, read from its annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Requirement {
    /// Must be present and filled.
    Required,
    /// Must be present; `N/A` with a reason is accepted (RNIA).
    RequiredOrNa,
    /// Should be present (a warning when missing).
    Recommended,
    /// May be left out.
    Optional,
}

/// What an annotation says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnnotationKind {
    Required,
    RequiredOrNa,
    Recommended,
    IfApplicable,
    /// Any other parenthesised remark, such as `(Mermaid)` or `(200)`.
    Other,
}

impl AnnotationKind {
    pub fn classify(inner: &str) -> Self {
        let l = inner.to_ascii_lowercase();
        let l = l.trim();
        // `required for template-driven deliverables`, `recommended if relational`: the
        // template asks for the section only when a condition holds, which a linter
        // cannot know; such a section is treated as applicable-if (never reported
        // missing).
        let conditional = |word: &str| {
            l.strip_prefix(word).is_some_and(|rest| {
                let next = rest.trim_start_matches([' ', ',', ':']).split(' ').next();
                matches!(
                    next,
                    Some("for" | "if" | "when" | "where" | "unless" | "once" | "after" | "only")
                )
            })
        };
        if l.contains("rnia") || l.contains("n/a with reason") || l.contains("or n/a") {
            AnnotationKind::RequiredOrNa
        } else if l.starts_with("required") && !conditional("required") {
            AnnotationKind::Required
        } else if l.starts_with("recommended") && !conditional("recommended") {
            AnnotationKind::Recommended
        } else if l.starts_with("if applicable")
            || l.starts_with("if relevant")
            || l.starts_with("only ")
            || l.starts_with("optional")
            || conditional("required")
            || conditional("recommended")
        {
            AnnotationKind::IfApplicable
        } else {
            AnnotationKind::Other
        }
    }

    pub fn requirement(self) -> Option<Requirement> {
        match self {
            AnnotationKind::Required => Some(Requirement::Required),
            AnnotationKind::RequiredOrNa => Some(Requirement::RequiredOrNa),
            AnnotationKind::Recommended => Some(Requirement::Recommended),
            AnnotationKind::IfApplicable => Some(Requirement::Optional),
            AnnotationKind::Other => None,
        }
    }
}

/// A trailing `( … )` group of a heading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Annotation {
    /// The text inside the parentheses.
    pub text: String,
    pub kind: AnnotationKind,
}

/// The parts of a heading's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadingParts {
    /// The number as written, e.g. `0.1)`, `16b)`, `3.`, `17.2`.
    pub number: Option<String>,
    /// The title, without number and trailing annotations.
    pub title: String,
    pub annotations: Vec<Annotation>,
}

/// Splits heading text (already without `#` markers) into number, title and annotations.
pub fn split_heading(text: &str) -> HeadingParts {
    let plain = plain_heading(text);
    let text = plain.trim();
    let (number, rest) = split_number(text);
    let mut title = rest.trim();
    let mut annotations = Vec::new();
    // A bracketed trailing annotation, as older templates write it: `[optional]`.
    if let Some(open) = title.strip_suffix(']').and_then(|t| t.rfind('[')) {
        let inner = &title[open + 1..title.len() - 1];
        if open > 0 && AnnotationKind::classify(inner).requirement().is_some() {
            annotations.push(Annotation {
                text: inner.trim().to_string(),
                kind: AnnotationKind::classify(inner),
            });
            title = title[..open].trim_end();
        }
    }
    // Peel trailing balanced parenthesised groups, right to left.
    while title.ends_with(')') {
        let Some(open) = matching_open(title) else {
            break;
        };
        if open == 0 {
            break; // the whole title is parenthesised: keep it as the title
        }
        let inner = &title[open + 1..title.len() - 1];
        annotations.push(Annotation {
            text: inner.trim().to_string(),
            kind: AnnotationKind::classify(inner),
        });
        title = title[..open].trim_end();
    }
    annotations.reverse();
    HeadingParts {
        number: number.map(str::to_string),
        title: title.to_string(),
        annotations,
    }
}

/// Heading text as a reader sees it: links keep their text (`[Summary](#summary)`,
/// `[Summary][s]` → `Summary`), and a trailing attribute block (`{#summary}`,
/// `{.class}`) is dropped.
pub fn plain_heading(text: &str) -> std::borrow::Cow<'_, str> {
    let mut t = text.trim_end();
    if let Some(open) = t.strip_suffix('}').and_then(|x| x.rfind('{')) {
        if t[open + 1..].starts_with(['#', '.']) {
            t = t[..open].trim_end();
        }
    }
    if !t.contains("](") && !t.contains("][") {
        return std::borrow::Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            break;
        };
        let after = &rest[close + 1..];
        let closer = match after.chars().next() {
            Some('(') => ')',
            Some('[') => ']',
            _ => {
                out.push_str(&rest[..close + 1]);
                rest = after;
                continue;
            }
        };
        let Some(end) = after.find(closer) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The offset of the `(` that the last `)` of `s` closes.
pub(crate) fn matching_open(s: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Recognises `12)`, `0.1)`, `16b)`, `3.`, `17.2` (dotted, followed by a space), `A)`.
fn split_number(text: &str) -> (Option<&str>, &str) {
    let b = text.as_bytes();
    // A letter list: `A) Mental model`, `B) Information architecture`.
    if b.len() > 3 && b[0].is_ascii_uppercase() && b[1] == b')' && b[2] == b' ' {
        return (Some(&text[..2]), &text[2..]);
    }
    let mut i = 0;
    let mut groups = 0;
    loop {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start || i - start > 3 {
            return (None, text);
        }
        groups += 1;
        if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        break;
    }
    if i < b.len()
        && b[i].is_ascii_lowercase()
        && b.get(i + 1).is_some_and(|c| *c == b')' || *c == b'.')
    {
        i += 1;
    }
    match b.get(i) {
        Some(b')') | Some(b'.') if b.get(i + 1).is_none_or(|c| *c == b' ' || *c == b'\t') => {
            (Some(&text[..=i]), &text[i + 1..])
        }
        Some(b' ') | Some(b'\t') if groups > 1 => (Some(&text[..i]), &text[i..]),
        _ => (None, text),
    }
}

/// Folds a title for matching: lower case; punctuation, `&` and the word `and` are
/// separators; whitespace collapsed. `"Overview / Context"` and `"Overview & context"`
/// both fold to `"overview context"`.
pub fn normalize_title(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    // Words are lowered straight into `out`, each after a space unless it is the first;
    // a finished `and` is cut off again, with its space.
    let mut word: Option<(usize, usize)> = None; // (where its space starts, where it starts)
    let end_word = |out: &mut String, word: &mut Option<(usize, usize)>| {
        if let Some((space, start)) = word.take() {
            if &out[start..] == "and" {
                out.truncate(space);
            }
        }
    };
    for c in title.chars() {
        let alnum = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if !alnum {
            end_word(&mut out, &mut word);
            continue;
        }
        if word.is_none() {
            let space = out.len();
            if !out.is_empty() {
                out.push(' ');
            }
            word = Some((space, out.len()));
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    end_word(&mut out, &mut word);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str) -> (Option<String>, String, Vec<String>) {
        let p = split_heading(s);
        (
            p.number,
            p.title,
            p.annotations.into_iter().map(|a| a.text).collect(),
        )
    }

    #[test]
    fn numbers_as_written() {
        assert_eq!(
            parts("0.1) Template Metadata (required for template-driven deliverables)"),
            (
                Some("0.1)".into()),
                "Template Metadata".into(),
                vec!["required for template-driven deliverables".into()]
            )
        );
        assert_eq!(
            parts("16b) SLOs and Error Budget (Required or N/A with reason)").0,
            Some("16b)".into())
        );
        assert_eq!(parts("3. Scope").0, Some("3.".into()));
        assert_eq!(
            parts("17.2 Alerts"),
            (Some("17.2".into()), "Alerts".into(), vec![])
        );
        assert_eq!(parts("2026 Roadmap").0, None);
        assert_eq!(parts("Phase 1: Core").0, None);
        assert_eq!(parts("3.5x faster").0, None);
        assert_eq!(parts("1)").1, "");
    }

    #[test]
    fn annotations_are_peeled_from_the_right() {
        let p = split_heading("ER diagram (Mermaid) (Recommended if relational)");
        assert_eq!(p.title, "ER diagram");
        assert_eq!(p.annotations[0].kind, AnnotationKind::Other);
        // A condition the linter cannot judge: applicable-if, not recommended.
        assert_eq!(p.annotations[1].kind, AnnotationKind::IfApplicable);
        for (text, kind) in [
            ("required", AnnotationKind::Required),
            ("Required; keep it short", AnnotationKind::Required),
            (
                "required for template-driven deliverables",
                AnnotationKind::IfApplicable,
            ),
            (
                "Recommended for complex flows",
                AnnotationKind::IfApplicable,
            ),
            ("only after Pass 6", AnnotationKind::IfApplicable),
            ("recommended", AnnotationKind::Recommended),
            (
                "Required for stateful components; RNIA with reason",
                AnnotationKind::RequiredOrNa,
            ),
        ] {
            assert_eq!(AnnotationKind::classify(text), kind, "{text}");
        }
        let p = split_heading("Non-Goals (required; RNIA — if N/A, say why)");
        assert_eq!(p.annotations[0].kind, AnnotationKind::RequiredOrNa);
        assert_eq!(split_heading("(draft)").title, "(draft)");
        // Links keep their text; attribute blocks and `[optional]` are not the title.
        assert_eq!(split_heading("[Summary](#summary)").title, "Summary");
        assert_eq!(
            split_heading("See [the plan][p] now").title,
            "See the plan now"
        );
        assert_eq!(split_heading("Summary {#summary}").title, "Summary");
        let p = split_heading("User Stories [optional]");
        assert_eq!(p.title, "User Stories");
        assert_eq!(
            p.annotations[0].kind.requirement(),
            Some(Requirement::Optional)
        );
        assert_eq!(split_heading("Use [x] markers").title, "Use [x] markers");
        assert_eq!(split_heading("Odd ) heading").title, "Odd ) heading");
    }

    /// The first implementation, with a buffer per word: the reference.
    fn normalize_by_words(title: &str) -> String {
        let mut out = String::with_capacity(title.len());
        let mut pending_space = false;
        let push_word = |w: &str, out: &mut String, pending: &mut bool| {
            if *pending && !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
            *pending = false;
        };
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String, pending: &mut bool| {
            if !word.is_empty() {
                if word != "and" {
                    push_word(word, out, pending);
                }
                word.clear();
            }
        };
        for c in title.chars() {
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    word.push(l);
                }
            } else {
                flush(&mut word, &mut out, &mut pending_space);
                pending_space = true;
            }
        }
        flush(&mut word, &mut out, &mut pending_space);
        out
    }

    proptest::proptest! {
        #[test]
        fn normalisation_agrees_with_the_reference(s in "[aAnNdD &/\\-\u{c4}\u{130}\u{212a}1]{0,20}") {
            proptest::prop_assert_eq!(normalize_title(&s), normalize_by_words(&s));
        }
    }

    #[test]
    fn normalisation_folds_case_ampersand_and_punctuation() {
        assert_eq!(normalize_title("Overview / Context"), "overview context");
        assert_eq!(
            normalize_title("Data Lifecycle & Retention"),
            "data lifecycle retention"
        );
        assert_eq!(
            normalize_title("Data Lifecycle and Retention"),
            "data lifecycle retention"
        );
        assert_eq!(normalize_title("Android Band"), "android band");
        assert_eq!(normalize_title("  Non-Goals "), "non goals");
        assert_eq!(normalize_title("and And AND"), "");
        assert_eq!(
            normalize_title("Q&A and Ändern, ÉTAT/and"),
            "q a ändern état"
        );
        assert_eq!(normalize_title("sand andes band and"), "sand andes band");
    }
}
