//! Looser section-title matching, tried only when a heading's folded title (see
//! [`crate::normalize_title`]) is no template section's and no alias's:
//!
//! 1. **Alternatives and plurals.** A template title that offers alternatives with ` / `
//!    (`Decision Log / ADRs`, `Architecture / Design`, `Testing Plan / Strategy`)
//!    matches a heading that uses one of them; a one-word alternative after a longer
//!    first one also stands for the first with its last word replaced (`Testing
//!    Strategy`). Words are compared with a plural `s` folded (`Data Model` matches
//!    `Data Models`).
//! 2. **Synonyms.** Failing that, a heading matches a template section whose title is
//!    in the same group of names that spec families use for one section:
//!    [`SYNONYMS`] (`Overview` or `Abstract` for `Summary`, `Design` for `Proposal`,
//!    `Alternatives considered` for `Rationale`, `Spec Quality Gate` for `PRD Review
//!    Checklist`, …).
//!
//! 3. **Shared words.** Failing that, titles are compared as sets of content words
//!    ([`words`]): folded, plurals dropped, a word's synonyms mapped to one word
//!    ([`WORD_SYNONYMS`]: `failure` → `error`, `rollback` → `rollout`, `validation` →
//!    `test`, `authorization` → `security`, `interfaces` → `api`, `non-functional` →
//!    `performance`), and words that qualify any section dropped ([`GENERIC`]:
//!    `strategy`, `plan`, `requirements`, `overview`, `design`, `system`, `prd`,
//!    `pass 1`, stop words). A heading matches a template section when the words of
//!    the heading (or of one of its alternatives or `and`/`&`/`+`/`,`/`or` parts) contain,
//!    or are contained in, the words of the template title (or of one of its
//!    alternatives or parts): `Architecture overview` is `System Architecture`,
//!    `Migration Observability` is `Observability`, `Error model` is `Error Handling
//!    Strategy`, `Launch & Rollout Guardrails` is `Launch & Rollback Guardrails`. The
//!    template section sharing the most words wins, then one with the same words, then
//!    one without words the heading lacks, then the first in template order.
//!    A heading of more than six content words (a sentence) matches nothing here, and
//!    when the heading has words the template title lacks, the section must fit the
//!    template order around the heading (see `Schema::match_document`). A part of a
//!    title (`Risks` of `Risks and Mitigations`) must equal the other side's words.
//!    The document's subject words ([`subject_words`]: words three or more distinct
//!    headings share, `migration` in a migration spec) are left out of a heading's
//!    words, so `Migration Observability` there is `Observability`, whatever the
//!    order around it.
//!
//! A looser match only ever takes a template section that no heading has matched yet.

use std::collections::HashMap;

/// Groups of section names that stand for one section across spec families (folded).
pub const SYNONYMS: &[&[&str]] = &[
    &[
        "summary",
        "abstract",
        "overview",
        "executive summary",
        "tl dr",
        "tldr",
        "synopsis",
    ],
    &[
        "proposal",
        "design",
        "detailed design",
        "proposed design",
        "solution",
        "proposed solution",
        "technical design",
    ],
    &[
        "rationale",
        "alternatives",
        "alternatives considered",
        "rationale and alternatives",
        "alternative approaches",
        "considered alternatives",
        "options considered",
    ],
    &["prior art", "related work", "prior work"],
    &["future possibilities", "future work"],
    &["unresolved questions", "open questions", "open issues"],
    &["testing plan", "test plan", "testing strategy", "testing"],
    &["drawbacks", "downsides"],
    &["non goals", "out of scope", "not in scope"],
    // The checklist that closes the document, by its kind's name or none.
    &[
        "quality gate",
        "spec quality gate",
        "tech spec quality gate",
        "prd quality gate",
        "review checklist",
        "spec review checklist",
        "prd review checklist",
        "quality checklist",
    ],
];

/// Whether two folded titles are in one [`SYNONYMS`] group (plurals folded).
pub fn synonymous(a: &str, b: &str) -> bool {
    let (a, b) = (loose(a), loose(b));
    a != b
        && SYNONYMS.iter().any(|g| {
            let has = |k: &str| g.iter().any(|s| loose(s) == k);
            has(&a) && has(&b)
        })
}

/// Words that name one thing in section titles, each mapped to one word (folded, as
/// [`loose`] leaves them).
pub const WORD_SYNONYMS: &[(&str, &str)] = &[
    ("failure", "error"),
    ("errors", "error"),
    ("exception", "error"),
    ("rollback", "rollout"),
    ("testing", "test"),
    ("validation", "test"),
    ("verification", "test"),
    ("qa", "test"),
    ("auth", "security"),
    ("authentication", "security"),
    ("authorization", "security"),
    ("authn", "security"),
    ("authz", "security"),
    ("interface", "api"),
    ("endpoint", "api"),
    ("nfr", "performance"),
    ("kill", "stop"),
    ("pause", "stop"),
    ("persona", "user"),
    ("adr", "decision"),
];

/// Words that qualify a section's subject in titles of every kind, so they decide no
/// match: how a section is written (`strategy`, `plan`, `overview`), which document it
/// is in (`prd`, `spec`), and stop words.
pub const GENERIC: &[&str] = &[
    "strategy",
    "plan",
    "requirement",
    "consideration",
    "overview",
    "note",
    "detail",
    "handling",
    "design",
    "system",
    "section",
    "prd",
    "spec",
    "tech",
    "technical",
    "approach",
    "and",
    "or",
    "of",
    "the",
    "for",
    "to",
    "with",
    "a",
    "an",
    "in",
    "on",
    "by",
    "about",
    "from",
    "at",
    "as",
    "per",
    "into",
    "vs",
    "pass",
    "step",
    "phase",
    "part",
    "stage",
    "top",
    "key",
    "target",
];

/// The content words of a folded title (see the module doc): plurals dropped, synonyms
/// mapped, [`GENERIC`] words and numbers dropped, sorted and distinct. `non functional`
/// is one word, `performance`.
pub fn words(key: &str) -> Vec<String> {
    content_words(key, true)
}

/// [`words`], with [`WORD_SYNONYMS`] mapped or not (`literal`: the title's own words).
fn content_words(key: &str, synonyms: bool) -> Vec<String> {
    let key = key.replace("non functional", "performance");
    let mut out: Vec<String> = loose(&key)
        .split(' ')
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| {
            WORD_SYNONYMS
                .iter()
                .find(|(from, _)| synonyms && *from == w)
                .map_or(w, |(_, to)| to)
                .to_string()
        })
        .filter(|w| !GENERIC.contains(&w.as_str()) && w.len() > 1)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The word sets a title stands for: its whole title and its ` / ` alternatives
/// (`whole`), and the `and`/`&`/`+`/`,`/`or` parts of the title without its trailing
/// annotations (empty sets left out).
pub fn word_sets(title: &str) -> WordSets {
    word_sets_with(title, true)
}

/// [`word_sets`] with or without [`WORD_SYNONYMS`].
fn word_sets_with(title: &str, synonyms: bool) -> WordSets {
    let mut names = vec![crate::normalize_title(title)];
    names.extend(alternatives(title));
    // Parts of the title without its trailing annotations: `(Required or N/A with
    // reason)` offers no names.
    let mut parts = vec![without_annotations(title).to_string()];
    for sep in [" / ", " and ", " & ", " + ", ", ", " or "] {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    let sets = |names: &[String]| {
        let mut v: Vec<Vec<String>> = names.iter().map(|n| content_words(n, synonyms)).collect();
        v.retain(|s| !s.is_empty());
        v.sort();
        v.dedup();
        v
    };
    let parts: Vec<String> = if parts.len() > 1 {
        parts.iter().map(|p| crate::normalize_title(p)).collect()
    } else {
        Vec::new()
    };
    WordSets {
        whole: sets(&names),
        parts: sets(&parts),
    }
}

/// A title without its trailing parenthesised groups (`Scope (MVP) (required)` →
/// `Scope`).
fn without_annotations(title: &str) -> &str {
    let mut t = title.trim_end();
    while t.ends_with(')') {
        let Some(open) = crate::heading::matching_open(t) else {
            break;
        };
        t = t[..open].trim_end();
    }
    t
}

/// See [`word_sets`].
#[derive(Clone, Debug, Default)]
pub struct WordSets {
    pub whole: Vec<Vec<String>>,
    pub parts: Vec<Vec<String>>,
}

/// How a heading's words fit a template section's (see [`LooseIndex::by_words`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordFit {
    /// The same words (`Summary` for `PRD Summary`): tried before synonyms.
    pub equal: bool,
    /// The heading has words the title lacks: the match must keep template order.
    pub extra: bool,
    /// The fit holds on the titles' own words, without [`WORD_SYNONYMS`]
    /// (`Migration Observability` for `Observability`, not `Disk Space Validation`
    /// for `Testing Strategy`).
    pub literal: bool,
}

/// How well a heading's words fit a template title's.
#[derive(Clone, Copy, Debug)]
struct Fit {
    shared: usize,
    /// The same words.
    equal: bool,
    /// The heading has words the title lacks.
    extra: bool,
}

impl Fit {
    /// More shared words first; at a tie, the same words, then a fit without extra
    /// words (`Decisions` is `Decision Log / ADRs` through `ADRs`, before it is a part
    /// of `Scope Decision Log`).
    fn better(&self, other: &Fit) -> bool {
        (self.shared, self.equal, !self.extra) > (other.shared, other.equal, !other.extra)
    }
}

/// How a heading's words fit a template title's: how many they share, and whether
/// the heading has words the title lacks (`Migration Observability` for
/// `Observability`), which needs the order check. Whole titles and alternatives may
/// nest either way; a part (of `X and Y`) must equal the other side's set, or lie
/// inside a whole heading (`Core problem` is the `Problem` of `Problem & Job`), but a
/// heading is never the part of a longer one (`Risks` is not `Vendor Risk`).
fn fit(heading: &WordSets, template: &WordSets) -> Option<Fit> {
    #[derive(Clone, Copy)]
    enum Way {
        /// Either set inside the other.
        Nest,
        /// The template's set inside the heading's.
        Within,
        /// The same set.
        Equal,
    }
    let mut best: Option<Fit> = None;
    let mut consider = |h: &[String], t: &[String], way: Way| {
        let shared = h.iter().filter(|w| t.contains(w)).count();
        let ok = match way {
            Way::Nest => shared == h.len().min(t.len()),
            Way::Within => shared == t.len(),
            Way::Equal => h == t,
        };
        if ok && shared > 0 {
            let f = Fit {
                shared,
                equal: h == t,
                extra: h.len() > shared,
            };
            if best.is_none_or(|b| f.better(&b)) {
                best = Some(f);
            }
        }
    };
    for h in &heading.whole {
        for t in &template.whole {
            consider(h, t, Way::Nest);
        }
        for t in &template.parts {
            consider(h, t, Way::Within);
        }
    }
    for h in &heading.parts {
        for t in template.whole.iter().chain(&template.parts) {
            consider(h, t, Way::Equal);
        }
    }
    best
}

/// The words of a document's subject: content words ([`words`]) that at least
/// [`SUBJECT_HEADINGS`] of its distinct headings share (`migration` in `Migration CLI`,
/// `Migration Observability`, `Migration SLO`). They say what the document is about,
/// not which section a heading is, so word matching leaves them out.
pub fn subject_words<'a>(titles: impl Iterator<Item = &'a str>) -> Vec<String> {
    // Distinct titles by their words: `Story 1` … `Story 4` are one title.
    let mut sets: Vec<Vec<String>> = titles.map(|t| words(&crate::normalize_title(t))).collect();
    sets.sort_unstable();
    sets.dedup();
    let mut count: HashMap<String, usize> = HashMap::new();
    for set in sets {
        for w in set {
            *count.entry(w).or_default() += 1;
        }
    }
    let mut out: Vec<String> = count
        .into_iter()
        .filter(|(_, n)| *n >= SUBJECT_HEADINGS)
        .map(|(w, _)| w)
        .collect();
    out.sort_unstable();
    out
}

/// How many headings share a word that [`subject_words`] reads as the subject.
pub const SUBJECT_HEADINGS: usize = 3;

/// A folded title with each word's plural `s` dropped (`data models` → `data model`).
pub fn loose(key: &str) -> String {
    key.split(' ')
        .map(|w| {
            if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() >= 2) {
                format!("{stem}y")
            } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word's stem for comparing prose by content (both sides stemmed alike): one
/// inflection dropped, then a final `e`, so that `codifies`, `codified` and `codify`
/// are `codifi`, `gate` and `gates` are `gat`, `testing` and `tests` are `test`.
/// Not a linguist's stemmer: only the same word in other forms meets.
pub fn stem(w: &str) -> String {
    let n = w.len();
    let cut = |k: usize| &w[..n - k];
    let base = if (w.ends_with("ies") || w.ends_with("ied")) && n > 4 {
        format!("{}i", cut(3))
    } else if w.ends_with('y') && n > 3 {
        format!("{}i", cut(1))
    } else if w.ends_with("ing") && n > 5 {
        cut(3).to_string()
    } else if (w.ends_with("ed") || w.ends_with("es")) && n > 4 {
        cut(2).to_string()
    } else if w.ends_with('s') && !w.ends_with("ss") && n > 3 {
        cut(1).to_string()
    } else {
        w.to_string()
    };
    match base.strip_suffix('e') {
        Some(b) if b.len() > 2 => b.to_string(),
        _ => base,
    }
}

/// The folded alternatives a template title offers with ` / ` (see the module doc).
pub fn alternatives(title: &str) -> Vec<String> {
    let parts: Vec<String> = title
        .split(" / ")
        .map(crate::normalize_title)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return Vec::new();
    }
    let mut out = parts.clone();
    let first: Vec<&str> = parts[0].split(' ').collect();
    for p in &parts[1..] {
        if first.len() >= 2 && !p.contains(' ') {
            out.push(format!("{} {p}", first[..first.len() - 1].join(" ")));
        }
    }
    out
}

/// Loose keys → template keys, in template order: `alternatives` from titles and
/// plurals, `synonyms` from [`SYNONYMS`].
#[derive(Clone, Debug, Default)]
pub struct LooseIndex {
    alternatives: HashMap<String, Vec<String>>,
    synonyms: HashMap<String, Vec<String>>,
    /// Each template section's key and word sets, with and without synonyms, in
    /// template order.
    words: Vec<(String, WordSets, WordSets)>,
}

impl LooseIndex {
    /// From the template sections' (key, title) pairs.
    pub fn new<'a>(sections: impl Iterator<Item = (&'a str, &'a str)>) -> LooseIndex {
        let mut ix = LooseIndex::default();
        let push = |map: &mut HashMap<String, Vec<String>>, k: String, key: &str| {
            let v = map.entry(k).or_default();
            if !v.iter().any(|x| x == key) {
                v.push(key.to_string());
            }
        };
        for (key, title) in sections {
            ix.words.push((
                key.to_string(),
                word_sets(title),
                word_sets_with(title, false),
            ));
            let mut names = vec![key.to_string()];
            names.extend(alternatives(title));
            for n in &names {
                push(&mut ix.alternatives, loose(n), key);
            }
            // Synonyms of the whole title only: an alternative's synonyms would let
            // `Abstract` take `Overview / Context` through `Overview`.
            for group in SYNONYMS.iter().filter(|g| g.contains(&key)) {
                for s in group.iter() {
                    push(&mut ix.synonyms, loose(s), key);
                }
            }
        }
        ix
    }

    /// The template keys whose words fit a heading title's (tier 3 of the module doc),
    /// most shared words first, then in template order; each with how it fits.
    ///
    /// `subject` holds the document's subject words ([`subject_words`]): they are left
    /// out of the heading's sets (`Migration Observability` in a migration spec is
    /// `Observability`), unless a set holds nothing else.
    pub fn by_words(&self, title: &str, subject: &[String]) -> Vec<(&str, WordFit)> {
        // A long heading (a sentence, or a paragraph over `---` read as a heading)
        // names no section.
        if words(&crate::normalize_title(title)).len() > 6 {
            return Vec::new();
        }
        let without_subject = |mut sets: WordSets| {
            for set in sets.whole.iter_mut().chain(sets.parts.iter_mut()) {
                if set.iter().any(|w| !subject.contains(w)) {
                    set.retain(|w| !subject.contains(w));
                }
            }
            sets
        };
        let heading = without_subject(word_sets(title));
        let literal = without_subject(word_sets_with(title, false));
        let mut scored: Vec<(Fit, bool, usize, &str)> = self
            .words
            .iter()
            .enumerate()
            .filter_map(|(i, (key, sets, own))| {
                // The literal fit is asked only of sections that fit at all.
                fit(&heading, sets).map(|f| (f, fit(&literal, own).is_some(), i, key.as_str()))
            })
            .collect();
        // Best fit first, then template order (a stable sort keeps it).
        scored.sort_by(|a, b| {
            if a.0.better(&b.0) {
                std::cmp::Ordering::Less
            } else if b.0.better(&a.0) {
                std::cmp::Ordering::Greater
            } else {
                a.2.cmp(&b.2)
            }
        });
        scored.dedup_by(|a, b| a.3 == b.3);
        scored
            .into_iter()
            .map(|(f, literal, _, k)| {
                (
                    k,
                    WordFit {
                        equal: f.equal,
                        extra: f.extra,
                        literal,
                    },
                )
            })
            .collect()
    }

    /// The template keys whose own alternatives or plurals a heading's folded title is
    /// (tier 1): the template's names for the section, not another name.
    pub fn alternatives_of(&self, key: &str) -> impl Iterator<Item = &str> {
        self.alternatives
            .get(&loose(key))
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    /// The template keys a heading's folded title may stand for, best first.
    pub fn candidates(&self, key: &str) -> impl Iterator<Item = &str> {
        let k = loose(key);
        let alt = self.alternatives.get(&k).into_iter().flatten();
        let syn = self.synonyms.get(&k).into_iter().flatten();
        let mut seen: Vec<&str> = Vec::new();
        alt.chain(syn).map(String::as_str).filter(move |c| {
            let new = !seen.contains(c);
            if new {
                seen.push(c);
            }
            new
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_across_forms() {
        for group in [
            &["codifies", "codified", "codify"][..],
            &["gate", "gates"],
            &["include", "included", "includes"],
            &["test", "tests", "testing"],
            &["document", "documented", "documents"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(
                stems.windows(2).all(|p| p[0] == p[1]),
                "{group:?}: {stems:?}"
            );
        }
        assert_ne!(stem("numeric"), stem("number"));
    }

    #[test]
    fn alternatives_plurals_and_synonyms() {
        assert_eq!(
            alternatives("Testing Plan / Strategy"),
            ["testing plan", "strategy", "testing strategy"]
        );
        assert_eq!(
            alternatives("Decision Log / ADRs"),
            ["decision log", "adrs", "decision adrs"]
        );
        assert!(alternatives("Summary").is_empty());
        assert_eq!(loose("data models"), "data model");
        assert_eq!(loose("dependencies status"), "dependency statu");
        let ix = LooseIndex::new(
            [
                ("summary", "Summary"),
                ("overview context", "Overview / Context"),
                ("decision log adrs", "Decision Log / ADRs"),
                ("data model", "Data Model"),
                ("prd review checklist", "PRD Review Checklist"),
            ]
            .into_iter(),
        );
        let c = |k: &str| ix.candidates(k).collect::<Vec<_>>();
        assert_eq!(c("overview"), ["overview context", "summary"]);
        assert_eq!(c("context"), ["overview context"]);
        assert_eq!(c("decision log"), ["decision log adrs"]);
        assert_eq!(c("data models"), ["data model"]);
        assert_eq!(c("abstract"), ["summary"]);
        // The closing checklist under its other names.
        assert_eq!(c("spec quality gate"), ["prd review checklist"]);
        assert_eq!(c("quality gate"), ["prd review checklist"]);
        assert!(c("quality metrics").is_empty());
        assert!(c("appendix").is_empty());
    }
}
