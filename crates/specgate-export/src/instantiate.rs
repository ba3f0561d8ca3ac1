//! `specgate instantiate`: a deliverable (e.g. an issue) rendered from a template.
//!
//! The title is `title_template` with every `{variable}` filled; `{{` and `}}` are
//! literal braces. Every declared variable (and every one the title uses) must be
//! given, and nothing else may be: a typo in `--var` is an error, not a silent no-op.
//! In the description and the acceptance criteria, `{name}` of a declared variable is
//! filled too, and any other brace is left as written.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use specgate_model::metadata::{template_pieces, Piece};

use crate::template::TemplateJson;

/// The version of the deliverable format.
pub const DELIVERABLE_SCHEMA_VERSION: u32 = 1;

/// A deliverable rendered from a template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "specgate deliverable",
    description = "A deliverable rendered by `specgate instantiate` from a template."
)]
pub struct Deliverable {
    /// The version of this format (currently 1).
    pub schema_version: u32,
    /// `title_template` with its variables filled.
    pub title: String,
    pub description: String,
    pub acceptance_criteria: Vec<String>,
    pub priority: String,
    pub metadata: serde_json::Map<String, serde_json::Value>,
    /// The values used.
    pub variables: BTreeMap<String, String>,
    /// Which template produced it.
    pub template: TemplateRef,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateRef {
    /// The template's `name`.
    pub name: String,
    /// Its `metadata.version`, if it has one.
    pub version: Option<String>,
}

/// Why a template could not be instantiated. Each problem is named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InstantiateError {
    /// A declared (or used) variable without a value.
    Missing(String),
    /// A value for a variable the template does not have.
    Unknown(String),
    /// A `{` or `}` in `title_template` that is neither a reference nor an escape
    /// (byte offset in the title).
    Unbalanced(usize, char),
    /// A `{}` with no name (byte offset in the title).
    Empty(usize),
}

impl std::fmt::Display for InstantiateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InstantiateError::Missing(v) => write!(f, "missing variable `{v}`"),
            InstantiateError::Unknown(v) => write!(f, "unknown variable `{v}`"),
            InstantiateError::Unbalanced(at, c) => write!(
                f,
                "unbalanced `{c}` at byte {at} of title_template (write `{c}{c}` for a literal brace)"
            ),
            InstantiateError::Empty(at) => write!(
                f,
                "`{{}}` without a variable name at byte {at} of title_template (write `{{{{}}}}` for literal braces)"
            ),
        }
    }
}

/// The variables a template takes: those declared, then any the title uses without
/// declaring them.
pub fn template_variables(t: &TemplateJson) -> Vec<String> {
    let mut vars = t.variables.clone();
    for p in template_pieces(&t.title_template) {
        if let Piece::Var(name, _, _) = p {
            if !name.is_empty() && !vars.iter().any(|v| v == name) {
                vars.push(name.to_string());
            }
        }
    }
    vars
}

/// Renders a deliverable. All problems are reported at once, in a stable order:
/// unbalanced braces, missing variables, unknown variables.
pub fn instantiate(
    t: &TemplateJson,
    values: &BTreeMap<String, String>,
) -> Result<Deliverable, Vec<InstantiateError>> {
    let vars = template_variables(t);
    let mut errors = Vec::new();
    let mut title = String::new();
    for p in template_pieces(&t.title_template) {
        match p {
            Piece::Text(s) => title.push_str(&s),
            Piece::Var("", at, _) => errors.push(InstantiateError::Empty(at)),
            Piece::Var(name, _, _) => {
                if let Some(v) = values.get(name) {
                    title.push_str(v);
                }
            }
            Piece::Unbalanced(at) => errors.push(InstantiateError::Unbalanced(
                at,
                t.title_template[at..].chars().next().unwrap_or('{'),
            )),
        }
    }
    for v in &vars {
        if !values.contains_key(v) {
            errors.push(InstantiateError::Missing(v.clone()));
        }
    }
    for k in values.keys() {
        if !vars.contains(k) {
            errors.push(InstantiateError::Unknown(k.clone()));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let fill = |s: &str| fill_lenient(s, values);
    let version = match t.metadata.get("version") {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Null) | None => None,
        Some(v) => Some(v.to_string()),
    };
    Ok(Deliverable {
        schema_version: DELIVERABLE_SCHEMA_VERSION,
        title,
        description: fill(&t.description),
        acceptance_criteria: t.acceptance_criteria.iter().map(|c| fill(c)).collect(),
        priority: t.priority.clone(),
        // Sorted keys: the same deliverable whether the template came from a spec (keys
        // in source order) or from a `.template.json` (keys sorted).
        metadata: match crate::schemas::sorted(&serde_json::Value::Object(t.metadata.clone())) {
            serde_json::Value::Object(m) => m,
            _ => t.metadata.clone(),
        },
        variables: values.clone(),
        template: TemplateRef {
            name: t.name.clone(),
            version,
        },
    })
}

/// Replaces `{name}` for known variables; every other character stays as written.
fn fill_lenient(s: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if values.contains_key(after[..close].trim()) => {
                out.push_str(&values[after[..close].trim()]);
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl Deliverable {
    /// An issue body: title as a heading, description, the criteria as a checklist,
    /// priority and the template it came from.
    pub fn to_markdown(&self) -> String {
        let mut s = format!("# {}\n\n", self.title.trim());
        if !self.description.trim().is_empty() {
            s.push_str(self.description.trim());
            s.push_str("\n\n");
        }
        s.push_str("## Acceptance criteria\n\n");
        if self.acceptance_criteria.is_empty() {
            s.push_str("_None listed._\n");
        }
        for c in &self.acceptance_criteria {
            s.push_str(&format!("- [ ] {}\n", c.trim()));
        }
        s.push_str(&format!("\n**Priority:** {}\n", self.priority));
        s.push_str(&format!(
            "**Template:** `{}`{}\n",
            self.template.name,
            self.template
                .version
                .as_deref()
                .map(|v| format!(" version {v}"))
                .unwrap_or_default()
        ));
        s
    }
}

/// Turns a JSON object of variables into strings: strings as they are, numbers and
/// booleans as written; anything else is an error naming the key.
pub fn values_from_json(v: &serde_json::Value) -> Result<BTreeMap<String, String>, String> {
    let serde_json::Value::Object(m) = v else {
        return Err("expected a JSON object of variables: {\"name\": \"value\"}".into());
    };
    let mut out = BTreeMap::new();
    for (k, v) in m {
        let s = match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Bool(b) => b.to_string(),
            _ => {
                return Err(format!(
                    "variable `{k}` must be a string, number or boolean"
                ))
            }
        };
        out.insert(k.clone(), s);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tpl(title: &str, vars: &[&str]) -> TemplateJson {
        TemplateJson {
            acceptance_criteria: vec!["{a} works".into(), "{{raw}} {other}".into()],
            description: "For {a}".into(),
            metadata: serde_json::from_str(r#"{"version": "1.2"}"#).unwrap(),
            name: "t".into(),
            priority: "high".into(),
            title_template: title.into(),
            variables: vars.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn vals(kv: &[(&str, &str)]) -> BTreeMap<String, String> {
        kv.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn fills_title_and_escapes() {
        let d = instantiate(
            &tpl("Fix {a} in {{b}} {{{a}}}", &["a"]),
            &vals(&[("a", "x")]),
        )
        .unwrap();
        assert_eq!(d.title, "Fix x in {b} {x}");
        assert_eq!(d.description, "For x");
        assert_eq!(d.acceptance_criteria, ["x works", "{{raw}} {other}"]);
        assert_eq!(d.template.version.as_deref(), Some("1.2"));
    }

    #[test]
    fn values_are_not_re_expanded() {
        let d = instantiate(&tpl("{a}", &["a"]), &vals(&[("a", "{a} }{")])).unwrap();
        assert_eq!(d.title, "{a} }{");
    }

    #[test]
    fn reports_every_problem() {
        let e = instantiate(
            &tpl("{a} { {c} }", &["a", "b"]),
            &vals(&[("a", "1"), ("zz", "2")]),
        )
        .unwrap_err();
        assert_eq!(
            e,
            vec![
                InstantiateError::Unbalanced(4, '{'),
                InstantiateError::Unbalanced(10, '}'),
                InstantiateError::Missing("b".into()),
                InstantiateError::Missing("c".into()),
                InstantiateError::Unknown("zz".into()),
            ]
        );
        let e = instantiate(&tpl("a {} b", &[]), &BTreeMap::new()).unwrap_err();
        assert_eq!(e, vec![InstantiateError::Empty(2)]);
        assert!(e[0].to_string().contains("`{}` without a variable name"));
    }

    #[test]
    fn variables_from_json() {
        let v = serde_json::json!({"a": "x", "n": 3, "b": true});
        let m = values_from_json(&v).unwrap();
        assert_eq!(
            (m["a"].as_str(), m["n"].as_str(), m["b"].as_str()),
            ("x", "3", "true")
        );
        assert!(values_from_json(&serde_json::json!({"a": [1]}))
            .unwrap_err()
            .contains("`a`"));
        assert!(values_from_json(&serde_json::json!([1])).is_err());
    }
}
