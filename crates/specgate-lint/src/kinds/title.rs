//! The kind a title names: a template's H1 (`# PRD (Mini): <Product Name>`) becomes a
//! [`Phrase`], and a document's H1 (`# PRD (Mini): Billing`) is scored against it.
//!
//! A title is cut into tokens: lower case, words split at anything but letters, digits
//! and inner hyphens (`PRD-derived` stays one token, so it does not name a PRD), and a
//! hyphen before a number or an `XXXX` placeholder also splits (`ADR-0001` is `adr`,
//! `0001`). A template title becomes a phrase as follows:
//! 1. It is cut at the first placeholder (`<…>`, `[…]`, `{…}`) or separator outside
//!    parentheses (`:`, `—`, `–`, ` - `, `|`).
//! 2. Words in parentheses are *qualifiers* (`Mini`, `Demo-Grade`); the rest, less the
//!    words `template(s)` and number placeholders (`XXXX`, `NNN`, digits), are the
//!    *core*.
//!
//! A document's title names the kind when the core occurs in it as a run of whole
//! tokens; each qualifier found anywhere in the title adds to the score, so that
//! `PRD (Mini): x` prefers the `PRD (Mini)` template to the `PRD` one, and `PRD: x`
//! prefers `PRD` (fewer unmatched qualifiers). An empty core (a title that is all
//! placeholder, like MADR's `# {short title}`) names no kind by title.

/// The tokens of a title, as the module doc defines them.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        let mut rest = word.trim_matches('-');
        // Split before a number or an X/N placeholder after a hyphen.
        while let Some(at) = rest.find('-') {
            let (head, tail) = (&rest[..at], rest[at + 1..].trim_start_matches('-'));
            if is_number_like(tail.split('-').next().unwrap_or("")) {
                push(&mut out, head);
                rest = tail;
            } else {
                break;
            }
        }
        push(&mut out, rest);
    }
    out
}

fn push(out: &mut Vec<String>, w: &str) {
    let w = w.trim_matches('-');
    if !w.is_empty() {
        let w = w.to_lowercase();
        out.push(canonical(&w).map_or(w, str::to_string));
    }
}

/// The word a kind's usual short or plural form stands for, on both sides of a match:
/// `Tech Spec: X` names a *technical specification*, `UX Specification` a *UX spec*.
fn canonical(w: &str) -> Option<&'static str> {
    Some(match w {
        "tech" => "technical",
        "spec" | "specs" | "specifications" => "specification",
        "docs" | "doc" => "document",
        _ => return None,
    })
}

/// Digits, or a run of `X` / `N` standing for a number (`XXXX`, `NNN`).
fn is_number_like(w: &str) -> bool {
    !w.is_empty()
        && (w.bytes().all(|b| b.is_ascii_digit())
            || (w.len() >= 2 && w.bytes().all(|b| matches!(b, b'x' | b'X' | b'n' | b'N'))))
}

/// What a template's title says about its documents' titles.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Phrase {
    pub core: Vec<String>,
    pub qualifiers: Vec<String>,
}

/// Where and how well a title names a phrase's kind. A greater score is a better
/// match: more weight, then fewer missing qualifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Score {
    /// Core tokens, twice, plus qualifiers found.
    pub weight: usize,
    /// Qualifiers not found (fewer is better).
    pub missing: usize,
    /// The core starts the title.
    pub at_start: bool,
}

impl Ord for Score {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.weight, std::cmp::Reverse(self.missing))
            .cmp(&(other.weight, std::cmp::Reverse(other.missing)))
    }
}

impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Phrase {
    /// The phrase of a template title (see the module doc).
    pub fn of_template_title(title: &str) -> Phrase {
        let mut depth = 0usize;
        let mut cut = title.len();
        let bytes = title.as_bytes();
        for (i, c) in title.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                '<' | '[' | '{' | ':' | '—' | '–' | '|' if depth == 0 => {
                    cut = i;
                    break;
                }
                '-' if depth == 0
                    && i > 0
                    && bytes[i - 1] == b' '
                    && bytes.get(i + 1) == Some(&b' ') =>
                {
                    cut = i;
                    break;
                }
                _ => {}
            }
        }
        let head = &title[..cut];
        let (mut outside, mut inside) = (String::new(), String::new());
        let mut depth = 0usize;
        for c in head.chars() {
            match c {
                '(' => {
                    depth += 1;
                    outside.push(' ');
                }
                ')' => {
                    depth = depth.saturating_sub(1);
                    inside.push(' ');
                }
                _ if depth > 0 => inside.push(c),
                _ => outside.push(c),
            }
        }
        let keep = |t: &String| !is_number_like(t) && t != "template" && t != "templates";
        Phrase {
            core: tokens(&outside).into_iter().filter(keep).collect(),
            qualifiers: tokens(&inside).into_iter().filter(keep).collect(),
        }
    }

    /// How well a document title names this kind; `None` when its core is not in it.
    pub fn score(&self, title_tokens: &[String]) -> Option<Score> {
        let n = self.core.len();
        if n == 0 || title_tokens.len() < n {
            return None;
        }
        let at = (0..=title_tokens.len() - n).find(|&i| title_tokens[i..i + n] == self.core[..])?;
        let found = self
            .qualifiers
            .iter()
            .filter(|q| title_tokens.contains(q))
            .count();
        Some(Score {
            weight: 2 * n + found,
            missing: self.qualifiers.len() - found,
            at_start: at == 0,
        })
    }

    /// The phrase as a reader would write it (`PRD (Mini)`).
    pub fn display(&self) -> String {
        let mut s = self.core.join(" ");
        if !self.qualifiers.is_empty() {
            s.push_str(&format!(" ({})", self.qualifiers.join(" ")));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(t: &str) -> Phrase {
        Phrase::of_template_title(t)
    }

    #[test]
    fn template_titles_become_phrases() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            (
                "Technical Specification: <System / Feature Name>",
                &["technical", "specification"],
                &[],
            ),
            ("PRD (Mini): <Product / Feature Name>", &["prd"], &["mini"]),
            (
                "Lite PRD (Demo-Grade) Template",
                &["lite", "prd"],
                &["demo-grade"],
            ),
            ("ADR-XXXX: <Decision Title>", &["adr"], &[]),
            (
                "UX Spec Template (6 Passes)",
                &["ux", "specification"],
                &["passes"],
            ),
            ("{short title of solved problem}", &[], &[]),
            ("RFC-NNNN - [Feature name]", &["rfc"], &[]),
            (
                "Technical Specification Template (RNIA = required unless not applicable—if N/A)",
                &["technical", "specification"],
                &[
                    "rnia",
                    "required",
                    "unless",
                    "not",
                    "applicable",
                    "if",
                    "n",
                    "a",
                ],
            ),
        ];
        for (title, core, quals) in cases {
            let got = p(title);
            assert_eq!(got.core, *core, "{title}");
            assert_eq!(got.qualifiers, *quals, "{title}");
        }
    }

    #[test]
    fn hyphens_split_only_before_numbers() {
        assert_eq!(tokens("ADR-0001: Use X"), ["adr", "0001", "use", "x"]);
        assert_eq!(tokens("(PRD-derived)"), ["prd-derived"]);
        assert_eq!(tokens("Foo — Bar"), ["foo", "bar"]);
        assert_eq!(tokens("Tech Spec: X"), tokens("Technical Specification: X"));
    }

    #[test]
    fn the_most_specific_kind_wins() {
        let prd = p("PRD: <Name>");
        let mini = p("PRD (Mini): <Name>");
        let t = tokens("PRD (Mini): Billing");
        assert!(mini.score(&t) > prd.score(&t));
        let t = tokens("PRD: Billing");
        assert!(prd.score(&t) > mini.score(&t));
        // A kind named after a separator still counts; inside a hyphenated word not.
        let tech = p("Technical Specification: <X>");
        assert!(tech
            .score(&tokens("Inspector — Technical Specification"))
            .is_some_and(|s| !s.at_start));
        assert!(prd
            .score(&tokens("Architecture Spec (PRD-derived)"))
            .is_none());
        assert!(p("{title}").score(&tokens("anything")).is_none());
    }
}
