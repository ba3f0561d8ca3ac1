//! Which rules a template asks for. The template is the schema: a rule about a part of
//! a spec (evidence lines, the Quality Gate, the Template Metadata, components, state
//! machines, endpoints, performance targets) runs only on documents whose template has
//! that part. Rules about any Markdown document (structure, placeholders, tables,
//! diagrams, links) always run. The built-in template has every part, so every rule
//! runs on its specs.

use specgate_model::{Role, Schema};

use crate::rule::Rule;

/// A part of a template that some rules need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// `Evidence:` / `Evidence gap:` lines, or an Evidence Gaps / Evidence Map section.
    Evidence,
    /// Header fields (`**Owner:** <name>`, `Status: Draft | Approved`).
    Header,
    /// A header field with listed values (`Status: Draft | In Review | Approved`).
    StatusValues,
    /// A header field whose value is a date (`YYYY-MM-DD`).
    HeaderDate,
    /// A rule about not-applicable sections: the template says `N/A` somewhere ("write
    /// N/A and explain why", `(required unless N/A)`).
    NaRule,
    /// A section that plays this role (`Quality Gate`, `Template Metadata`, …).
    Role(Role),
}

impl Part {
    /// What the template lacks when the part is missing, for `explain` and `--verbose`.
    pub fn describe(self) -> String {
        match self {
            Part::Evidence => "`Evidence:` lines".into(),
            Part::Header => "header fields".into(),
            Part::StatusValues => "header field with listed values".into(),
            Part::HeaderDate => "date header field (`YYYY-MM-DD`)".into(),
            Part::NaRule => "rule for `N/A` sections".into(),
            Part::Role(r) => format!("{} section", role_name(r)),
        }
    }
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::TemplateMetadata => "Template Metadata",
        Role::EvidenceGaps => "Evidence Gaps",
        Role::EvidenceMap => "Evidence Map",
        Role::QualityGate => "Quality Gate",
        Role::OpenQuestions => "Open Questions",
        Role::ScopeDecisionLog => "Scope Decision Log",
        Role::Raci => "RACI",
        Role::ComponentDesign => "Component Design",
        Role::Component => "Component",
        Role::StateMachine => "State machine",
        Role::Endpoint => "Endpoint",
        Role::Performance => "Performance",
        Role::ErrorBudget => "Error budget",
        Role::SuccessCriteria => "Success criteria",
    }
}

/// The part a rule needs, by code; `None`: it applies to any document.
pub fn needs(code: &str) -> Option<Part> {
    let n: u32 = code.get(2..)?.parse().ok()?;
    Some(match n {
        106 => Part::NaRule,
        301..=310 => Part::Evidence,
        401 => Part::Header,
        402 | 404 => Part::StatusValues,
        403 => Part::HeaderDate,
        411..=416 => Part::Role(Role::TemplateMetadata),
        601 => Part::Role(Role::Component),
        602..=607 => Part::Role(Role::StateMachine),
        701..=707 => Part::Role(Role::Endpoint),
        801 => Part::Role(Role::Performance),
        802 => Part::Role(Role::SuccessCriteria),
        803 => Part::Role(Role::ErrorBudget),
        911 | 912 => Part::Role(Role::QualityGate),
        913 => Part::Role(Role::OpenQuestions),
        914 => Part::Role(Role::ScopeDecisionLog),
        915 => Part::Role(Role::Raci),
        _ => return None,
    })
}

/// The parts a template has, computed once per template.
#[derive(Clone, Debug)]
pub struct Parts {
    evidence: bool,
    header: bool,
    status_values: bool,
    header_date: bool,
    na_rule: bool,
    roles: Vec<Role>,
}

impl Parts {
    pub fn of(schema: &Schema) -> Parts {
        let roles: Vec<Role> = schema.sections.iter().filter_map(|s| s.role).collect();
        let t = &schema.template;
        Parts {
            // Also an `Evidence:` line that the parser reads as part of an HTML block
            // (`<why>` opening a line), or the rule stated in guidance.
            evidence: !t.evidence.is_empty()
                || t.text.contains("Evidence:")
                || t.text.contains("Evidence gap:")
                || roles.contains(&Role::EvidenceGaps)
                || roles.contains(&Role::EvidenceMap),
            header: !schema.header.is_empty(),
            status_values: schema.header.iter().any(|h| !h.allowed.is_empty()),
            header_date: schema.header.iter().any(|h| h.is_date),
            na_rule: t.text.contains("N/A"),
            roles,
        }
    }

    pub fn has(&self, part: Part) -> bool {
        match part {
            Part::Evidence => self.evidence,
            Part::Header => self.header,
            Part::StatusValues => self.status_values,
            Part::HeaderDate => self.header_date,
            Part::NaRule => self.na_rule,
            Part::Role(r) => self.roles.contains(&r),
        }
    }

    /// Why `rule` does not run on this template's documents; `None` when it does.
    pub fn why_off(&self, rule: &Rule) -> Option<String> {
        let part = needs(rule.code)?;
        (!self.has(part)).then(|| format!("the template has no {}", part.describe()))
    }
}

/// The rules that do not run on this template's documents, by reason, in code order.
pub fn off(schema: &Schema) -> Vec<(String, Vec<&'static str>)> {
    let parts = Parts::of(schema);
    let mut out: Vec<(String, Vec<&'static str>)> = Vec::new();
    for rule in crate::RULES {
        if let Some(why) = parts.why_off(rule) {
            match out.iter_mut().find(|(w, _)| *w == why) {
                Some((_, codes)) => codes.push(rule.code),
                None => out.push((why, vec![rule.code])),
            }
        }
    }
    out
}

/// When a rule runs, for `explain`: `None` for a rule that runs on every document.
pub fn condition(code: &str) -> Option<String> {
    needs(code).map(|p| {
        format!(
            "Runs only on documents whose template has this part: {} (the built-in \
             template has every part).",
            p.describe()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_asks_for_every_rule() {
        let parts = Parts::of(&Schema::seed());
        for rule in crate::RULES {
            assert_eq!(parts.why_off(rule), None, "{}", rule.code);
        }
    }

    #[test]
    fn a_template_without_evidence_turns_the_evidence_rules_off() {
        let schema = Schema::compile("# RFC: <title>\n\n## Summary\n\nOne paragraph.\n");
        let parts = Parts::of(&schema);
        let off: Vec<&str> = crate::RULES
            .iter()
            .filter(|r| parts.why_off(r).is_some())
            .map(|r| r.code)
            .collect();
        assert!(off.contains(&"SG301") && off.contains(&"SG911") && off.contains(&"SG401"));
        assert!(!off.contains(&"SG101") && !off.contains(&"SG201") && !off.contains(&"SG621"));
        let sg301 = crate::lookup("SG301").unwrap();
        assert_eq!(
            parts.why_off(sg301).as_deref(),
            Some("the template has no `Evidence:` lines")
        );
        let with = Schema::compile("# X: <t>\n\n## Summary\n\nText.\nEvidence:\n");
        assert_eq!(Parts::of(&with).why_off(sg301), None);
    }
}
