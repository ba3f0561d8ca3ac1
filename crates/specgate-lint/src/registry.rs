//! The one place rule codes are assigned. Codes are stable and never reused.
//!
//! `SG0xx` meta, `SG1xx` structure, `SG2xx` placeholders, `SG3xx` evidence,
//! `SG4xx` header and Template Metadata, `SG5xx` tables, `SG6xx` components and
//! state machines, `SG7xx` API, `SG8xx` numbers, `SG9xx` quality gate and links.

use crate::rule::Rule;
use crate::rules::*;

pub const UNUSED_SUPPRESSION: &str = "SG001";
pub const NO_MATCHING_TEMPLATE: &str = "SG003";

macro_rules! rules {
    ($($code:literal => $path:path),* $(,)?) => {
        /// Every rule, in code order.
        pub static RULES: &[Rule] = &[
            $(Rule { code: $code, meta: { use $path as m; &m::META }, check: { use $path as m; m::check } }),*
        ];
    };
}

rules! {
    "SG001" => meta::unused_suppression,
    "SG003" => meta::no_matching_template,
    "SG101" => structure::missing_required_section,
    "SG102" => structure::missing_recommended_section,
    "SG103" => structure::duplicate_section,
    "SG104" => structure::section_order,
    "SG105" => structure::empty_section,
    "SG106" => structure::na_without_reason,
    "SG107" => structure::unclosed_code_fence,
    "SG201" => placeholders::unfilled_placeholder,
    "SG202" => placeholders::unresolved_alternatives,
    "SG203" => placeholders::date_placeholder,
    "SG204" => placeholders::template_guidance,
    "SG205" => placeholders::todo_marker,
    "SG301" => evidence::missing_evidence,
    "SG302" => evidence::evidence_form,
    "SG303" => evidence::evidence_path_not_found,
    "SG304" => evidence::evidence_path_outside_root,
    "SG305" => evidence::malformed_url,
    "SG306" => evidence::gap_not_listed,
    "SG307" => evidence::source_not_in_map,
    "SG308" => evidence::map_unknown_section,
    "SG309" => evidence::evidence_cites_nothing,
    "SG310" => evidence::evidence_line_out_of_range,
    "SG311" => evidence::table_path_not_found,
    "SG401" => header::missing_header_field,
    "SG402" => header::invalid_status,
    "SG403" => header::invalid_header_date,
    "SG404" => header::status_contradicted,
    "SG411" => metadata::metadata_field_missing,
    "SG412" => metadata::undeclared_template_variable,
    "SG413" => metadata::unused_template_variable,
    "SG414" => metadata::invalid_metadata_json,
    "SG415" => metadata::invalid_priority,
    "SG416" => metadata::no_acceptance_criteria,
    "SG501" => tables::table_cell_count,
    "SG502" => tables::missing_table_columns,
    "SG601" => components::component_status,
    "SG602" => components::missing_state_machine,
    "SG603" => components::state_machine_no_start,
    "SG604" => components::unreachable_state,
    "SG605" => components::dead_end_state,
    "SG606" => components::unlabelled_transition,
    "SG607" => components::undrawn_states,
    "SG621" => diagrams::invalid_mermaid,
    "SG622" => diagrams::unvalidated_diagram,
    "SG701" => api::endpoint_method,
    "SG702" => api::endpoint_path,
    "SG703" => api::endpoint_auth,
    "SG704" => api::endpoint_idempotency,
    "SG705" => api::invalid_json_block,
    "SG706" => api::endpoint_errors,
    "SG707" => api::duplicate_endpoint,
    "SG801" => numbers::non_numeric_target,
    "SG802" => numbers::unmeasurable_success_criterion,
    "SG803" => numbers::error_budget_thresholds,
    "SG901" => links::broken_anchor,
    "SG902" => links::local_machine_path,
    "SG911" => gate::gate_box_contradicted,
    "SG912" => gate::approved_with_open_items,
    "SG913" => gate::overdue_open_question,
    "SG914" => gate::scope_decision_log,
    "SG915" => gate::raci_cell_empty,
}

/// Finds a rule by code (`SG301`) or name (`missing-evidence`), case-insensitively.
pub fn lookup(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.meta.name == code_or_name)
        .or_else(|| {
            // A code prefix (`SG3`) or category selects a group: valid in config.
            RULES.iter().find(|r| {
                r.meta.category == code_or_name
                    || (code_or_name.len() >= 3
                        && r.code.starts_with(&code_or_name.to_ascii_uppercase()))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_docs_complete() {
        let mut codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        codes.dedup();
        assert_eq!(codes.len(), RULES.len(), "codes must be sorted and unique");
        let mut names: Vec<_> = RULES.iter().map(|r| r.meta.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
        for r in RULES {
            for h in ["## What it does", "## Why", "## Example", "## Fix"] {
                assert!(r.meta.doc.contains(h), "{} lacks `{h}`", r.code);
            }
            assert!(r
                .meta
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'));
        }
    }
}
