//! The template as schema: a template Markdown file compiled into the sections,
//! fields, tables, diagrams and checklists a spec must have.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use serde::Serialize;

use crate::document::{BlockKind, Document, SectionId};
use crate::heading::{normalize_title, Annotation, Requirement};
use crate::parse::parse;

/// The seed template, embedded as the default.
pub const SEED_TEMPLATE: &str = include_str!("../templates/TECH_SPEC_TEMPLATE.md");

/// Index of a section in [`Schema::sections`].
pub type SpecId = usize;

/// What a section is for, when a rule needs to find it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    TemplateMetadata,
    EvidenceGaps,
    EvidenceMap,
    QualityGate,
    OpenQuestions,
    ScopeDecisionLog,
    Raci,
    ComponentDesign,
    Component,
    StateMachine,
    Endpoint,
    Performance,
    ErrorBudget,
    SuccessCriteria,
}

impl Role {
    fn from_key(key: &str) -> Option<Role> {
        let has = |w: &str| key.contains(w);
        Some(if has("template metadata") {
            Role::TemplateMetadata
        } else if has("evidence gaps") {
            Role::EvidenceGaps
        } else if has("evidence map") {
            Role::EvidenceMap
        } else if has("quality gate") {
            Role::QualityGate
        } else if has("open questions") {
            Role::OpenQuestions
        } else if has("scope decision log") {
            Role::ScopeDecisionLog
        } else if has("raci") {
            Role::Raci
        } else if key == "component design" {
            Role::ComponentDesign
        } else if key == "component" {
            Role::Component
        } else if key == "state machine" {
            Role::StateMachine
        } else if key.starts_with("endpoint") {
            Role::Endpoint
        } else if has("performance requirements") {
            Role::Performance
        } else if has("error budget") {
            Role::ErrorBudget
        } else if has("success criteria") {
            Role::SuccessCriteria
        } else {
            return None;
        })
    }
}

/// A header line the template asks for, e.g. `**Status:** Draft | In Review | Approved`.
#[derive(Clone, Debug, Serialize)]
pub struct HeaderSpec {
    pub key: String,
    /// Allowed values when the template lists alternatives with `|`.
    pub allowed: Vec<String>,
    /// The template allows `TBD` (e.g. `<date or "TBD">`).
    pub allows_tbd: bool,
    /// The template's value is a date (`YYYY-MM-DD`).
    pub is_date: bool,
    /// The template marks the field optional (a front-matter comment such as "These
    /// are optional metadata elements", or `(optional)` in its value).
    pub optional: bool,
    /// The template's line, as written (`**Owner:** <name>`), for help texts.
    pub example: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SectionSpec {
    pub level: u8,
    pub number: Option<String>,
    pub title: String,
    pub key: String,
    pub requirement: Requirement,
    pub annotations: Vec<Annotation>,
    pub parent: Option<SpecId>,
    pub children: Vec<SpecId>,
    /// For headings with a placeholder (`Component: <name>`): the folded prefix that
    /// instances start with (`component`). Such sections may repeat.
    pub pattern: Option<String>,
    pub role: Option<Role>,
    /// Bold keys of the template's bullets, e.g. `Smallest shippable version`.
    pub fields: Vec<String>,
    /// Header cells of each table.
    pub tables: Vec<Vec<String>>,
    /// Mermaid diagram types, e.g. `stateDiagram-v2`.
    pub diagrams: Vec<String>,
    /// Checklist item texts.
    pub checklist: Vec<String>,
    /// 1-based line of the heading in the template.
    pub line: usize,
}

/// A compiled template.
#[derive(Clone, Debug, Serialize)]
pub struct Schema {
    /// The H1 without its placeholder, e.g. `Technical Specification`.
    pub title_prefix: String,
    /// A short hash of the template text.
    pub version: String,
    pub header: Vec<HeaderSpec>,
    pub sections: Vec<SectionSpec>,
    /// Folded text of the template's `>` guidance block quotes.
    pub guidance: Vec<String>,
    /// The template's placeholders in forms other than `<…>` (`{…}`, `[…]`,
    /// `(fill me in …)`), see [`crate::placeholders`].
    #[serde(skip)]
    pub placeholders: Vec<String>,
    /// The alternatives the template's values list (`Draft | In Review | Approved`),
    /// distinct and sorted (see [`crate::alternatives`]).
    #[serde(skip)]
    pub alternatives: Vec<String>,
    /// Folded text of the template's prose blocks (paragraphs, lists, quotes of at
    /// least three words, with no placeholder), each with whether it speaks to the
    /// author as guidance does: a document block equal to one is the template's text
    /// left in, not the author's.
    #[serde(skip)]
    pub sample_text: HashMap<String, bool>,
    /// Looser title keys → template keys (see [`crate::titles`]).
    #[serde(skip)]
    loose: crate::titles::LooseIndex,
    /// Folded alias → folded template title.
    #[serde(skip)]
    pub aliases: HashMap<String, Vec<String>>,
    #[serde(skip)]
    pub template: Document,
}

/// FNV-1a, 64 bit: a stable, dependency-free hash for the template version.
pub fn text_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")[..12].to_string()
}

/// The template's prose blocks, folded, as [`Schema::sample_text`] keeps them.
fn sample_text(doc: &Document, placeholders: &[String]) -> HashMap<String, bool> {
    doc.blocks
        .iter()
        .filter(|b| {
            doc.sections
                .first()
                .is_some_and(|s| b.span.start > s.heading_span.start)
        })
        .filter(|b| {
            matches!(
                b.kind,
                BlockKind::Paragraph { .. } | BlockKind::List(_) | BlockKind::BlockQuote { .. }
            )
        })
        .map(|b| doc.slice(b.span))
        .filter(|t| !t.contains('<') && !placeholders.iter().any(|p| t.contains(p.as_str())))
        .map(|t| (normalize_title(t), reads_as_guidance(t)))
        .filter(|(t, _)| t.split(' ').count() >= 3)
        .collect()
}

/// Whether template text speaks to the author (a question, "you", or words that ask
/// for writing: describe, explain, discuss, list, think, summarize, e.g.), as guidance
/// does; fixed text the template wants kept ("This PRD defines WHAT / WHY / WHO") does
/// not.
fn reads_as_guidance(text: &str) -> bool {
    const ASKS: [&str; 14] = [
        "you",
        "your",
        "describe",
        "explain",
        "explanation",
        "description",
        "discuss",
        "list",
        "think",
        "summarize",
        "summarise",
        "e.g",
        "example",
        "consider",
    ];
    text.contains('?')
        || text
            .split(|c: char| !(c.is_alphanumeric() || c == '.'))
            .map(|w| w.trim_end_matches('.').to_ascii_lowercase())
            .any(|w| ASKS.contains(&w.as_str()))
}

/// Where the front matter's fields become optional: after a comment line that says
/// they are ("# These are optional metadata elements").
fn optional_front_matter(doc: &Document) -> Option<usize> {
    let fm = doc.front_matter.as_ref()?;
    let mut at = fm.content.start;
    for line in doc.text[fm.content.start..fm.content.end].split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('#') && t.to_ascii_lowercase().contains("optional") {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// Whether the template marks section `i` optional outside its heading: an HTML
/// comment right before the heading that says so (MADR's `<!-- This is an optional
/// element. Feel free to remove. -->`), or guidance as the section's first block that
/// starts with "Optional" or says "this section is optional".
fn marked_optional(doc: &Document, i: usize) -> bool {
    let sec = &doc.sections[i];
    let says = |t: &str| {
        let t = t.to_lowercase();
        let t = t.trim_start_matches(['<', '!', '-', '>', ' ', '*', '_', '(', '[']);
        t.starts_with("optional")
            || t.starts_with("this is an optional")
            || t.contains("this section is optional")
            || t.contains("optional section")
    };
    // The block that ends right before the heading, with only blank space between.
    let before = doc
        .blocks
        .iter()
        .take_while(|b| b.span.start < sec.heading_span.start)
        .last()
        .filter(|b| {
            doc.text[b.span.end..sec.heading_span.start]
                .trim()
                .is_empty()
        });
    if let Some(b) = before {
        if matches!(b.kind, BlockKind::Html { comment: true }) && says(doc.slice(b.span)) {
            return true;
        }
    }
    doc.blocks[sec.blocks.clone()].first().is_some_and(|b| {
        matches!(
            b.kind,
            BlockKind::Html { comment: true }
                | BlockKind::BlockQuote { .. }
                | BlockKind::Paragraph { .. }
        ) && says(doc.slice(b.span))
    })
}

impl Schema {
    /// The built-in seed template.
    pub fn seed() -> Schema {
        let mut s = Schema::compile(SEED_TEMPLATE);
        for (a, t) in [
            ("Executive Summary", "Summary"),
            ("Error modes & recovery", "Failure modes & recovery"),
        ] {
            s.add_alias(a, t);
        }
        s
    }

    /// Maps an alternative title to a template title (both folded). Calling it again
    /// for the same alias adds a target: one heading may stand for several sections.
    pub fn add_alias(&mut self, alias: &str, target: &str) {
        let targets = self.aliases.entry(normalize_title(alias)).or_default();
        let t = normalize_title(target);
        if !targets.contains(&t) {
            targets.push(t);
        }
    }

    /// Compiles template text. Never fails: an odd template gives a thin schema.
    pub fn compile(text: &str) -> Schema {
        let doc = parse(text);
        let title = doc.title.as_ref().map(|t| t.text.as_str()).unwrap_or("");
        let title_prefix = title
            .split([':', '<', '—'])
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let optional_from = optional_front_matter(&doc);
        let header = doc
            .header
            .iter()
            .map(|f| {
                let v = f.value.trim();
                // `{a | b | c}` lists alternatives too; one of `…` leaves the list open.
                let inner = v.trim_matches(['{', '}', '"', '\'']).trim();
                let alts: Vec<String> = inner
                    .split('|')
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect();
                let open = alts.iter().any(|a| a == "…" || a == "...");
                let allowed = if inner.contains(" | ") && !inner.contains('<') && !open {
                    alts
                } else {
                    Vec::new()
                };
                HeaderSpec {
                    key: f.key.clone(),
                    allowed,
                    allows_tbd: v.contains("TBD"),
                    is_date: v.contains("YYYY-MM-DD"),
                    optional: optional_from.is_some_and(|at| f.span.start >= at)
                        || v.to_ascii_lowercase().contains("(optional"),
                    example: doc.slice(f.span).trim().to_string(),
                }
            })
            .collect();
        let mut sections = Vec::with_capacity(doc.sections.len());
        for (i, s) in doc.sections.iter().enumerate() {
            let from_annotation = s.annotations.iter().find_map(|a| a.kind.requirement());
            let requirement = from_annotation
                .or_else(|| marked_optional(&doc, i).then_some(Requirement::Optional))
                .unwrap_or(if s.parent.is_none() {
                    Requirement::Required
                } else {
                    Requirement::Optional
                });
            let pattern = s.title.find('<').map(|p| normalize_title(&s.title[..p]));
            let mut spec = SectionSpec {
                level: s.level,
                number: s.number.clone(),
                title: s.title.clone(),
                key: s.key.clone(),
                requirement,
                annotations: s.annotations.clone(),
                parent: s.parent,
                children: s.children.clone(),
                role: Role::from_key(pattern.as_deref().unwrap_or(&s.key)),
                pattern,
                fields: Vec::new(),
                tables: Vec::new(),
                diagrams: Vec::new(),
                checklist: Vec::new(),
                line: doc
                    .line_index
                    .line_col(&doc.text, s.heading_span.start)
                    .line,
            };
            for b in &doc.blocks[s.blocks.clone()] {
                match &b.kind {
                    BlockKind::List(l) => {
                        for it in &l.items {
                            if let Some(f) = &it.field {
                                if it.depth == 0 && !spec.fields.contains(&f.key) {
                                    spec.fields.push(f.key.clone());
                                }
                            }
                            if it.checked.is_some() {
                                if let Some(l) = it.lines.first() {
                                    spec.checklist.push(doc.slice(*l).to_string());
                                }
                            }
                        }
                    }
                    BlockKind::Table(t) => spec
                        .tables
                        .push(t.header.iter().map(|c| c.text.clone()).collect()),
                    BlockKind::Code(c) if c.lang == "mermaid" => {
                        if let Some(kw) = c.content.split_whitespace().next() {
                            spec.diagrams.push(kw.to_string());
                        }
                    }
                    _ => {}
                }
            }
            sections.push(spec);
        }
        let guidance = doc
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::BlockQuote { lines } => Some(normalize_title(
                    &lines
                        .iter()
                        .map(|l| doc.slice(*l))
                        .collect::<Vec<_>>()
                        .join(" "),
                )),
                _ => None,
            })
            .collect();
        let placeholders = crate::placeholders::template_placeholders(&doc);
        let sample_text = sample_text(&doc, &placeholders);
        let loose = crate::titles::LooseIndex::new(
            sections
                .iter()
                .filter(|s| s.pattern.is_none())
                .map(|s| (s.key.as_str(), s.title.as_str())),
        );
        Schema {
            title_prefix,
            version: text_hash(text),
            header,
            sections,
            guidance,
            alternatives: crate::alternatives::template_alternatives(&doc),
            placeholders,
            sample_text,
            loose,
            aliases: HashMap::new(),
            template: doc,
        }
    }

    /// Sections of a given role.
    pub fn by_role(&self, role: Role) -> impl Iterator<Item = SpecId> + '_ {
        self.sections
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.role == Some(role))
            .map(|(i, _)| i)
    }

    /// Matches a document's sections to this schema's, in two passes: first every
    /// heading by its own title (exact key, alias, or all of its `X and Y` parts), then
    /// the headings left by the looser tiers of [`crate::titles`], which only take a
    /// template section no heading matched. A shared-words match where the heading has
    /// words of its own also keeps template order: its section must come after the
    /// nearest matched heading before this one and before the nearest matched heading
    /// after it (`Debate Summary` at the end of a document is not the opening
    /// `Summary`).
    pub fn match_document(&self, doc: &Document) -> Matching {
        let mut m = Matching {
            doc_to_spec: vec![None; doc.sections.len()],
            spec_to_doc: vec![Vec::new(); self.sections.len()],
            loose: vec![false; doc.sections.len()],
        };
        let finder = Finder {
            schema: self,
            by_key: KeyIndex::new(self),
            // Top-level sections with a pattern: the only roots a key can fit by pattern.
            pattern_roots: (0..self.sections.len())
                .filter(|&i| {
                    self.sections[i].parent.is_none() && self.sections[i].pattern.is_some()
                })
                .collect(),
        };
        // Template keys some heading has exactly: no other heading takes them by an
        // alternative.
        let claimed: std::collections::HashSet<&str> = doc
            .sections
            .iter()
            .map(|d| d.key.as_str())
            .filter(|k| by_key_has(&finder.by_key, k))
            .collect();
        let mut pending = Vec::new();
        for (di, ds) in doc.sections.iter().enumerate() {
            let parent = ds.parent.and_then(|p| m.doc_to_spec[p]);
            let find = |key: &str| finder.find(parent, key, &m.spec_to_doc);
            // An alias may name several sections; else the heading's own key, else one
            // of the template's alternatives for a section (`Problem / Opportunity` for
            // `Problem Statement / Opportunity`) that no heading has by its key, else,
            // for `X and Y` / `X & Y`, both X and Y when each is a template section.
            let found: Vec<SpecId> = match self.aliases.get(&ds.key) {
                Some(targets) => targets.iter().filter_map(|k| find(k)).collect(),
                None => match find(&ds.key).or_else(|| {
                    self.loose
                        .alternatives_of(&ds.key)
                        .filter(|k| !claimed.contains(k))
                        .filter_map(find)
                        .find(|si| m.spec_to_doc[*si].is_empty())
                }) {
                    Some(si) => vec![si],
                    None => {
                        let parts = conjoined(&ds.title);
                        let hits: Vec<SpecId> = parts.iter().filter_map(|k| find(k)).collect();
                        if parts.len() > 1 && hits.len() == parts.len() {
                            hits
                        } else {
                            Vec::new()
                        }
                    }
                },
            };
            if found.is_empty() {
                pending.push(di);
            }
            m.record(di, found);
        }
        let subject = crate::titles::subject_words(doc.sections.iter().map(|s| s.title.as_str()));
        for di in pending {
            let ds = &doc.sections[di];
            let parent = ds.parent.and_then(|p| m.doc_to_spec[p]);
            let find = |key: &str| finder.find(parent, key, &m.spec_to_doc);
            // A template section no heading took; under a matched parent, one of the
            // parent's template subsections (an ADR heading under the Decision Log is
            // not the Dependencies section).
            let free = |si: &SpecId| {
                m.spec_to_doc[*si].is_empty() && parent.is_none_or(|p| self.is_under(*si, p))
            };
            // The template's alternatives and plurals: its own names for the section.
            if let Some(si) = self
                .loose
                .alternatives_of(&ds.key)
                .filter_map(find)
                .find(free)
            {
                m.record(di, vec![si]);
                continue;
            }
            // Another name takes a section at the heading's place: a top-level heading
            // a top-level section, a heading under a matched one a subsection of it; a
            // heading under an unmatched one nothing (`Phase 3: Migration script`
            // under a team's own `Implementation` is not the template's Migration Plan).
            if ds.parent.is_some() && parent.is_none() {
                continue;
            }
            let unmatched =
                |si: &SpecId| free(si) && (parent.is_some() || self.sections[*si].parent.is_none());
            // Template order around this heading: the nearest matched headings.
            let before = m.doc_to_spec[..di].iter().rev().find_map(|s| *s);
            let after = m.doc_to_spec[di + 1..].iter().find_map(|s| *s);
            let in_order =
                |si: &SpecId| before.is_none_or(|b| *si > b) && after.is_none_or(|a| *si < a);
            // Where those two are themselves out of template order, the order says
            // nothing about this heading: a fit on the titles' own words stands
            // (`MVP scope` between `Risks` and `User Stories`), one through a synonym
            // does not (`Disk Space Validation` is not the Testing Strategy).
            let unordered = matches!((before, after), (Some(b), Some(a)) if b > a);
            // A fit on the titles' own words may also stand one place out of order: the
            // section and a neighbour swapped, no section the document has between them
            // in the template (`One-screen summary` after `Executive Summary`, where the
            // template puts `PRD Summary` first). `section-order` reports the swap.
            let swapped = |si: SpecId, n: SpecId| {
                let (lo, hi) = (si.min(n), si.max(n));
                (lo + 1..hi).all(|x| m.spec_to_doc[x].is_empty())
            };
            let near_order = |si: &SpecId| {
                before.is_none_or(|b| *si > b || swapped(*si, b))
                    && after.is_none_or(|a| *si < a || swapped(*si, a))
            };
            // `X and Y` whose every part is a free template section by the same words
            // (`Validation and quality gates`: the Testing Strategy and the Quality
            // Gate): all of them.
            let parts = conjoined(&ds.title);
            if parts.len() > 1 {
                let mut hits: Vec<SpecId> = Vec::new();
                for p in &parts {
                    let hit = self
                        .loose
                        .by_words(p, &subject)
                        .into_iter()
                        .filter(|(_, fit)| fit.equal)
                        .filter_map(|(k, _)| find(k))
                        .find(|si| unmatched(si) && !hits.contains(si));
                    match hit {
                        Some(si) => hits.push(si),
                        None => break,
                    }
                }
                if hits.len() == parts.len() {
                    m.loose[di] = true;
                    m.record(di, hits);
                    continue;
                }
            }
            // Other names for the section: the same content words (`Summary` for `PRD
            // Summary`), then synonyms, then nested words, in order.
            // Without the document's subject words first (`Migration Observability`
            // is `Observability`); failing that, with them (`One-screen summary` in a
            // document with three summaries is the `PRD Summary`).
            let fits = |subject: &[String]| -> Vec<(SpecId, crate::titles::WordFit)> {
                self.loose
                    .by_words(&ds.title, subject)
                    .into_iter()
                    .filter_map(|(k, fit)| find(k).map(|si| (si, fit)))
                    .filter(|(si, fit)| {
                        unmatched(si)
                            && (!fit.extra
                                || in_order(si)
                                || (fit.literal && (unordered || near_order(si))))
                    })
                    .collect()
            };
            let mut by_words = fits(&subject);
            if by_words.is_empty() && !subject.is_empty() {
                by_words = fits(&[]);
            }
            let found = by_words
                .iter()
                .find(|(_, fit)| fit.equal)
                .map(|&(si, _)| si)
                .or_else(|| {
                    self.loose
                        .candidates(&ds.key)
                        .filter_map(find)
                        .find(unmatched)
                })
                .or_else(|| by_words.first().map(|&(si, _)| si));
            m.loose[di] = found.is_some();
            m.record(di, found.into_iter().collect());
        }
        m
    }

    /// Whether template section `si` is `ancestor` or inside it.
    pub fn is_under(&self, si: SpecId, ancestor: SpecId) -> bool {
        let mut cur = Some(si);
        while let Some(c) = cur {
            if c == ancestor {
                return true;
            }
            cur = self.sections[c].parent;
        }
        false
    }

    fn find_in(&self, candidates: &[SpecId], key: &str, allow_wildcard: bool) -> Option<SpecId> {
        candidates
            .iter()
            .copied()
            .find(|&i| self.sections[i].pattern.is_none() && self.sections[i].key == key)
            .or_else(|| self.find_pattern(candidates, key, allow_wildcard))
    }

    /// The first candidate whose pattern `key` fits (an empty pattern fits anything
    /// when wildcards are allowed).
    fn find_pattern(
        &self,
        candidates: &[SpecId],
        key: &str,
        allow_wildcard: bool,
    ) -> Option<SpecId> {
        candidates
            .iter()
            .copied()
            .find(|&i| match &self.sections[i].pattern {
                Some(p) if p.is_empty() => allow_wildcard,
                Some(p) => key
                    .strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(' ')),
                None => false,
            })
    }
}

/// The folded parts of a title joined by `and`, `&` or `/` (`Goals and Non-Goals`
/// → `goals`, `non goals`); one part when there is no conjunction.
fn conjoined(title: &str) -> Vec<String> {
    let mut parts = vec![title.to_string()];
    for sep in [" and ", " & ", " / ", " + "] {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    parts
        .iter()
        .map(|p| normalize_title(p))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The schema's non-pattern sections by key, in template order: a hash lookup instead
/// of a scan of every section for each document section.
struct KeyIndex<'s> {
    /// The first section with each key.
    first: FxHashMap<&'s str, SpecId>,
    /// The next section with the same key, for each section.
    next: Vec<Option<SpecId>>,
}

impl<'s> KeyIndex<'s> {
    fn new(schema: &'s Schema) -> Self {
        let mut first =
            FxHashMap::with_capacity_and_hasher(schema.sections.len(), Default::default());
        let mut next = vec![None; schema.sections.len()];
        // Backwards, so that each insert returns the next section with the key.
        for (i, s) in schema.sections.iter().enumerate().rev() {
            if s.pattern.is_none() {
                next[i] = first.insert(s.key.as_str(), i);
            }
        }
        KeyIndex { first, next }
    }

    /// The non-pattern sections with this key, in template order.
    fn with_key(&self, key: &str) -> impl Iterator<Item = SpecId> + '_ {
        std::iter::successors(self.first.get(key).copied(), |&i| self.next[i])
    }
}

/// Whether some template section (not a pattern) has this key.
fn by_key_has(ix: &KeyIndex<'_>, key: &str) -> bool {
    ix.with_key(key).next().is_some()
}

/// Finds a template section for a key, given the template section of the heading's
/// parent.
struct Finder<'s> {
    schema: &'s Schema,
    by_key: KeyIndex<'s>,
    pattern_roots: Vec<SpecId>,
}

impl Finder<'_> {
    fn find(
        &self,
        parent: Option<SpecId>,
        key: &str,
        spec_to_doc: &[Vec<SectionId>],
    ) -> Option<SpecId> {
        let schema = self.schema;
        parent
            .and_then(|p| schema.find_in(&schema.sections[p].children, key, true))
            .or_else(|| {
                // The first root with this key, else the first root pattern it fits.
                self.by_key
                    .with_key(key)
                    .find(|&i| schema.sections[i].parent.is_none())
                    .or_else(|| schema.find_pattern(&self.pattern_roots, key, false))
            })
            .or_else(|| {
                // Tolerate a level shift: any non-pattern section with the same key
                // whose parent (if any) is not already matched elsewhere.
                self.by_key
                    .with_key(key)
                    .find(|&i| spec_to_doc[i].is_empty())
            })
    }
}

impl Matching {
    /// Records that document section `di` stands for `found` (the first is its own).
    fn record(&mut self, di: SectionId, found: Vec<SpecId>) {
        for (n, si) in found.into_iter().enumerate() {
            if n == 0 {
                self.doc_to_spec[di] = Some(si);
            }
            if !self.spec_to_doc[si].contains(&di) {
                self.spec_to_doc[si].push(di);
            }
        }
    }
}

/// Which document section is which template section.
#[derive(Clone, Debug, Default)]
pub struct Matching {
    pub doc_to_spec: Vec<Option<SpecId>>,
    /// Document sections matched to each template section (several for patterns or duplicates).
    pub spec_to_doc: Vec<Vec<SectionId>>,
    /// Document sections matched by synonym or shared words (another name for the
    /// section, tiers 2 and 3 of [`crate::titles`]): such a heading stands for the
    /// section, but is not held to its subsections or its place in the template order.
    pub loose: Vec<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_compiles_with_levels_and_roles() {
        let s = Schema::seed();
        assert_eq!(s.title_prefix, "Technical Specification");
        let top: Vec<_> = s.sections.iter().filter(|x| x.parent.is_none()).collect();
        assert_eq!(top.first().unwrap().title, "Summary");
        assert_eq!(top.last().unwrap().title, "Tech Spec Quality Gate");
        assert_eq!(top.len(), 40);
        assert_eq!(s.by_role(Role::EvidenceMap).count(), 1);
        let status = s.header.iter().find(|h| h.key == "Status").unwrap();
        assert_eq!(status.allowed, ["Draft", "In Review", "Approved"]);
        assert!(
            s.header
                .iter()
                .find(|h| h.key == "Release target")
                .unwrap()
                .allows_tbd
        );
    }

    /// Sections a template marks optional outside their headings: an HTML comment
    /// right before the heading, or guidance that opens the section saying so; and
    /// front-matter fields after a comment that calls them optional.
    #[test]
    fn optional_sections_and_fields_from_the_template_itself() {
        let s = Schema::compile(
            "---\nowner: {name}\n# These are optional metadata elements.\ndate: {YYYY-MM-DD}\n---\n# {title}\n\n## Context\n\nx\n\n<!-- This is an optional element. Feel free to remove. -->\n## Drivers\n\nx\n\n## Appendix\n\n> Optional: anything else.\n\n## Links\n\nThis section is optional.\n\n## Outcome\n\nx\n",
        );
        let req = |t: &str| {
            s.sections
                .iter()
                .find(|x| x.title == t)
                .unwrap()
                .requirement
        };
        assert_eq!(req("Context"), Requirement::Required);
        assert_eq!(req("Drivers"), Requirement::Optional);
        assert_eq!(req("Appendix"), Requirement::Optional);
        assert_eq!(req("Links"), Requirement::Optional);
        assert_eq!(req("Outcome"), Requirement::Required);
        let opt = |k: &str| s.header.iter().find(|h| h.key == k).unwrap().optional;
        assert!(!opt("owner") && opt("date"));
    }

    /// The title-matching rules of the third review (see `titles`): the document's
    /// subject words, a literal fit where the order says nothing or one place out of
    /// order, `X and Y` parts each a section by other words, a template part inside a
    /// heading, and `or` parts of a template title.
    #[test]
    fn headings_under_other_names_third_review() {
        let s = Schema::compile(
            "# Spec: <t>\n\n## 0) PRD Summary\n\nx\n\n## 1) Executive Summary\n\nx\n\n\
             ## 2) Problem & Job\n\nx\n\n## 3) Scope\n\nx\n\n## 4) Risks\n\nx\n\n\
             ## 5) User Stories\n\nx\n\n## 6) Testing Strategy\n\nx\n\n\
             ## 7) Performance Requirements / SLAs or SLOs\n\nx\n\n## 8) Observability\n\nx\n\n\
             ## 9) Quality Gate\n\nx\n",
        );
        let matched = |md: &str| -> Vec<(String, Option<String>)> {
            let doc = crate::parse(md.to_string());
            let m = s.match_document(&doc);
            doc.sections
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    (
                        d.title.clone(),
                        m.doc_to_spec[i].map(|si| s.sections[si].title.clone()),
                    )
                })
                .collect()
        };
        let has = |got: &[(String, Option<String>)], h: &str, t: &str| {
            got.iter().any(|(a, b)| a == h && b.as_deref() == Some(t))
        };
        // `migration` is in three headings: the subject, not a section's word.
        let got = matched(
            "# Spec: M\n\n## Migration CLI\n\nx\n\n## Migration Observability\n\nx\n\n\
             ## Migration SLO\n\nx\n\n## Problem & Job\n\nx\n",
        );
        assert!(
            has(&got, "Migration Observability", "Observability"),
            "{got:?}"
        );
        assert!(
            has(
                &got,
                "Migration SLO",
                "Performance Requirements / SLAs or SLOs"
            ),
            "{got:?}"
        );
        // `MVP scope` between `Risks` and `User Stories`, which are out of order.
        let got = matched(
            "# Spec: M\n\n## Risks\n\nx\n\n## MVP scope\n\nx\n\n## User Stories\n\nx\n\n\
             ## Problem & Job\n\nx\n",
        );
        assert!(has(&got, "MVP scope", "Scope"), "{got:?}");
        // One place out of order: swapped with its neighbour.
        let got = matched(
            "# Spec: M\n\n## Executive Summary\n\nx\n\n## One-screen summary\n\nx\n\n\
             ## Problem & Job\n\nx\n",
        );
        assert!(has(&got, "One-screen summary", "PRD Summary"), "{got:?}");
        // Each part a section by other words; a template part inside a heading.
        let got =
            matched("# Spec: M\n\n## Core problem\n\nx\n\n## Validation and quality gates\n\nx\n");
        assert!(has(&got, "Core problem", "Problem & Job"), "{got:?}");
        let doc = crate::parse("# Spec: M\n\n## Validation and quality gates\n\nx\n".to_string());
        let m = s.match_document(&doc);
        let both: Vec<&str> = m
            .spec_to_doc
            .iter()
            .enumerate()
            .filter(|(_, d)| d.contains(&0))
            .map(|(si, _)| s.sections[si].title.as_str())
            .collect();
        assert_eq!(both, ["Testing Strategy", "Quality Gate"]);
        // A synonym in a swapped place does not stand: `Disk Space Validation`
        // between out-of-order neighbours is not the Testing Strategy.
        let got = matched(
            "# Spec: M\n\n## Observability\n\nx\n\n## Disk Space Validation\n\nx\n\n\
             ## Scope\n\nx\n",
        );
        assert!(
            got.iter()
                .any(|(a, b)| a == "Disk Space Validation" && b.is_none()),
            "{got:?}"
        );
    }

    /// `X and Y` / `X & Y` stands for both sections; an alias may name several; a
    /// heading's link text and `{#id}` do not change what it matches.
    #[test]
    fn one_heading_may_fill_several_sections() {
        let mut s = Schema::compile(
            "# EP: <t>\n\n## Goals\n\nx\n\n## Non-Goals\n\nx\n\n## Risks\n\nx\n\n## Mitigations\n\nx\n\n## Scope\n\nx\n\n## Summary\n\nx\n",
        );
        s.add_alias("Boundaries", "Scope");
        s.add_alias("Boundaries", "Non-Goals");
        let filled = |doc: &str| -> Vec<&str> {
            let m = s.match_document(&parse(doc));
            (0..s.sections.len())
                .filter(|&i| !m.spec_to_doc[i].is_empty())
                .map(|i| s.sections[i].title.as_str())
                .collect()
        };
        assert_eq!(
            filled("# EP: x\n\n## Goals and Non-Goals\n\nx\n\n## Risks & Mitigations\n\nx\n"),
            ["Goals", "Non-Goals", "Risks", "Mitigations"]
        );
        assert_eq!(
            filled("# EP: x\n\n## Boundaries\n\nx\n"),
            ["Non-Goals", "Scope"]
        );
        assert_eq!(
            filled("# EP: x\n\n## [Summary](#summary)\n\nx\n\n## Scope {#scope}\n\nx\n"),
            ["Scope", "Summary"]
        );
        // Not every part a section: the part that is one stands for it (shared words,
        // titles.rs tier 3), the other claims nothing.
        assert_eq!(filled("# EP: x\n\n## Goals and Dreams\n\nx\n"), ["Goals"]);
        assert!(filled("# EP: x\n\n## Dreams and Hopes\n\nx\n").is_empty());
    }

    #[test]
    fn matching_tolerates_numbering_case_and_patterns() {
        let s = Schema::seed();
        let doc = parse("# Technical Specification: X\n\n## 3. overview & context\n\n## 10) Component Design\n\n### Component: Ledger\n\n#### State machine\n\n## Executive Summary\n");
        let m = s.match_document(&doc);
        let titles: Vec<_> = m
            .doc_to_spec
            .iter()
            .map(|x| x.map(|i| s.sections[i].title.as_str()))
            .collect();
        assert_eq!(
            titles,
            [
                Some("Overview / Context"),
                Some("Component Design"),
                Some("Component: <name>"),
                Some("State machine"),
                Some("Summary")
            ]
        );
    }
}
