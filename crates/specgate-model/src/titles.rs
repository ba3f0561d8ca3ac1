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
//!    `Alternatives considered` for `Rationale`, …).
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
];

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
            ]
            .into_iter(),
        );
        let c = |k: &str| ix.candidates(k).collect::<Vec<_>>();
        assert_eq!(c("overview"), ["overview context", "summary"]);
        assert_eq!(c("context"), ["overview context"]);
        assert_eq!(c("decision log"), ["decision log adrs"]);
        assert_eq!(c("data models"), ["data model"]);
        assert_eq!(c("abstract"), ["summary"]);
        assert!(c("appendix").is_empty());
    }
}
