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
    /// The alternatives the template's values list (`Draft | In Review | Approved`),
    /// distinct and sorted (see [`crate::alternatives`]).
    #[serde(skip)]
    pub alternatives: Vec<String>,
    /// Folded alias → folded template title.
    #[serde(skip)]
    pub aliases: HashMap<String, String>,
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

    /// Maps an alternative title to a template title (both folded).
    pub fn add_alias(&mut self, alias: &str, target: &str) {
        self.aliases
            .insert(normalize_title(alias), normalize_title(target));
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
        let header = doc
            .header
            .iter()
            .map(|f| {
                let v = f.value.trim();
                let allowed = if v.contains(" | ") && !v.contains('<') {
                    v.split('|')
                        .map(|a| a.trim().to_string())
                        .filter(|a| !a.is_empty())
                        .collect()
                } else {
                    Vec::new()
                };
                HeaderSpec {
                    key: f.key.clone(),
                    allowed,
                    allows_tbd: v.contains("TBD"),
                    is_date: v.contains("YYYY-MM-DD"),
                }
            })
            .collect();
        let mut sections = Vec::with_capacity(doc.sections.len());
        for (i, s) in doc.sections.iter().enumerate() {
            let from_annotation = s.annotations.iter().find_map(|a| a.kind.requirement());
            let requirement = from_annotation.unwrap_or(if s.parent.is_none() {
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
            let _ = i;
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
        Schema {
            title_prefix,
            version: text_hash(text),
            header,
            sections,
            guidance,
            alternatives: crate::alternatives::template_alternatives(&doc),
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

    /// Matches a document's sections to this schema's.
    pub fn match_document(&self, doc: &Document) -> Matching {
        let mut doc_to_spec: Vec<Option<SpecId>> = vec![None; doc.sections.len()];
        let mut spec_to_doc: Vec<Vec<SectionId>> = vec![Vec::new(); self.sections.len()];
        // Top-level sections with a pattern: the only roots that a key can fit by pattern.
        let pattern_roots: Vec<SpecId> = (0..self.sections.len())
            .filter(|&i| self.sections[i].parent.is_none() && self.sections[i].pattern.is_some())
            .collect();
        let by_key = KeyIndex::new(self);
        for (di, ds) in doc.sections.iter().enumerate() {
            let key = self
                .aliases
                .get(&ds.key)
                .map(String::as_str)
                .unwrap_or(&ds.key);
            let parent_spec = ds.parent.and_then(|p| doc_to_spec[p]);
            let found = match parent_spec {
                Some(p) => self.find_in(&self.sections[p].children, key, true),
                None => None,
            }
            .or_else(|| {
                // The first root with this key, else the first root pattern it fits.
                by_key
                    .with_key(key)
                    .find(|&i| self.sections[i].parent.is_none())
                    .or_else(|| self.find_pattern(&pattern_roots, key, false))
            })
            .or_else(|| {
                // Tolerate a level shift: any non-pattern section with the same key whose
                // parent (if any) is not already matched elsewhere.
                by_key.with_key(key).find(|&i| spec_to_doc[i].is_empty())
            });
            if let Some(si) = found {
                doc_to_spec[di] = Some(si);
                spec_to_doc[si].push(di);
            }
        }
        Matching {
            doc_to_spec,
            spec_to_doc,
        }
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

/// Which document section is which template section.
#[derive(Clone, Debug, Default)]
pub struct Matching {
    pub doc_to_spec: Vec<Option<SpecId>>,
    /// Document sections matched to each template section (several for patterns or duplicates).
    pub spec_to_doc: Vec<Vec<SectionId>>,
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
