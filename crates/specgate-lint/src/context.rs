//! Everything a rule sees about one file, computed once.

use std::path::{Path, PathBuf};

use specgate_model::{Document, EvidenceForm, Matching, Role, Schema, SectionId};

/// The per-file input of every rule.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub schema: &'a Schema,
    pub matching: Matching,
    /// The file being checked, if it is on disk.
    pub path: Option<&'a Path>,
    /// Where evidence paths are resolved; `None` disables the existence check.
    pub evidence_root: Option<PathBuf>,
    /// Titles of sections exempt from the evidence rule (config; `!Title` removes a
    /// default exemption).
    pub evidence_exempt: Vec<String>,
    /// Evidence forms accepted without a style warning.
    pub evidence_forms: Vec<EvidenceForm>,
    /// Allowed Template Metadata priorities.
    pub priorities: Vec<String>,
    /// Today's date, for "not in the future" checks.
    pub today: (i32, u32, u32),
    /// Whether fixes carry their edits (default). Output that only names a fix (the
    /// human, GitHub and JUnit formats) turns this off, and rules may then skip
    /// building costly edits: the fix keeps its message and applicability. Fixing
    /// always uses a context with edits.
    pub fix_edits: bool,
    /// The run's cache of evidence-path lookups, when the caller checks many files at
    /// once (see [`crate::FsCache`]); `None` asks the file system each time.
    pub fs_cache: Option<&'a crate::FsCache>,
    /// Whether Mermaid verdicts are remembered across files by their text (default on:
    /// an editor re-checks mostly unchanged diagrams). A batch run over distinct files
    /// turns it off, as the remembered verdicts would only hold memory.
    pub remember_diagrams: bool,
    /// Set when the document matches no template ([`crate::Kinds::route`]): the kinds
    /// it was compared with. Only `no-matching-template` runs then.
    pub unmatched: Option<Vec<String>>,
    /// The template sections that play a role, in template order.
    roles: Vec<(Role, specgate_model::SpecId)>,
    prose_lines: std::sync::OnceLock<Vec<specgate_model::Span>>,
    code_lines: std::sync::OnceLock<Vec<specgate_model::Span>>,
    pub(crate) diagram_validations: std::sync::OnceLock<Vec<specgate_mermaid::Validation>>,
    pub(crate) state_diagrams: std::sync::OnceLock<
        Vec<(
            &'a specgate_model::CodeBlock,
            crate::rules::components::state_model::StateModel,
        )>,
    >,
    pub(crate) path_status:
        std::sync::OnceLock<std::collections::HashMap<String, crate::rules::evidence::PathStatus>>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, schema: &'a Schema) -> Self {
        let matching = schema.match_document(doc);
        Context {
            doc,
            schema,
            matching,
            path: None,
            evidence_root: None,
            evidence_exempt: Vec::new(),
            evidence_forms: vec![EvidenceForm::Canonical, EvidenceForm::HeaderField],
            priorities: ["low", "medium", "high", "critical"]
                .map(String::from)
                .to_vec(),
            today: crate::dates::today(),
            fix_edits: true,
            fs_cache: None,
            remember_diagrams: true,
            unmatched: None,
            roles: schema
                .sections
                .iter()
                .enumerate()
                .filter_map(|(i, s)| s.role.map(|r| (r, i)))
                .collect(),
            prose_lines: std::sync::OnceLock::new(),
            code_lines: std::sync::OnceLock::new(),
            path_status: std::sync::OnceLock::new(),
            diagram_validations: std::sync::OnceLock::new(),
            state_diagrams: std::sync::OnceLock::new(),
        }
    }

    /// Paragraph, list item and table lines (see [`crate::util::prose_lines`]), computed once.
    pub fn prose_lines(&self) -> &[specgate_model::Span] {
        self.prose_lines
            .get_or_init(|| crate::util::prose_lines(self.doc))
    }

    /// Code block content lines (see [`crate::util::code_lines`]), computed once.
    pub fn code_lines(&self) -> &[specgate_model::Span] {
        self.code_lines
            .get_or_init(|| crate::util::code_lines(self.doc))
    }

    /// Applies a configuration's per-file settings.
    pub fn configure(&mut self, config: &crate::config::Config) {
        self.evidence_exempt = config.evidence_exempt.clone();
        for f in &config.evidence_forms {
            let form = match f.as_str() {
                "emphasized" => EvidenceForm::Emphasized,
                "trailing" => EvidenceForm::Trailing,
                _ => EvidenceForm::Canonical,
            };
            if !self.evidence_forms.contains(&form) {
                self.evidence_forms.push(form);
            }
        }
        if !config.priorities.is_empty() {
            self.priorities = config.priorities.clone();
        }
    }

    /// The document sections that play `role` (via the template).
    pub fn sections_with_role(&self, role: Role) -> Vec<SectionId> {
        let mut v: Vec<SectionId> = self
            .roles
            .iter()
            .filter(|&&(r, _)| r == role)
            .flat_map(|&(_, s)| self.matching.spec_to_doc[s].iter().copied())
            .collect();
        v.sort_unstable();
        v
    }

    /// The role of a document section, if its template section has one.
    pub fn role_of(&self, section: SectionId) -> Option<Role> {
        self.matching.doc_to_spec[section].and_then(|s| self.schema.sections[s].role)
    }

    /// The role of the section or of any ancestor.
    pub fn role_within(&self, mut section: SectionId) -> Vec<Role> {
        let mut roles = Vec::new();
        loop {
            if let Some(r) = self.role_of(section) {
                roles.push(r);
            }
            match self.doc.sections[section].parent {
                Some(p) => section = p,
                None => return roles,
            }
        }
    }

    /// Whether the document is a spec of this template at all (its H1 starts with the
    /// template's title prefix).
    pub fn is_template_document(&self) -> bool {
        self.doc.title.as_ref().is_some_and(|t| {
            !self.schema.title_prefix.is_empty() && t.text.starts_with(&self.schema.title_prefix)
        })
    }
}
