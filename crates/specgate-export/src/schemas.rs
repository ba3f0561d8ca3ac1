//! JSON Schemas of the export formats, generated from the Rust types with schemars.
//! The CLI adds the `check --output-format json` and `specgate.toml` schemas and ships
//! them all in `schemas/`.

use schemars::{schema_for, Schema};

/// `(file name, schema)` for each format this crate writes.
pub fn schemas() -> Vec<(&'static str, Schema)> {
    vec![
        (
            "template.schema.json",
            schema_for!(crate::template::TemplateJson),
        ),
        ("model.schema.json", schema_for!(crate::model::ModelJson)),
        (
            "deliverable.schema.json",
            schema_for!(crate::instantiate::Deliverable),
        ),
    ]
}

/// A schema as committed: pretty JSON, keys sorted (whether or not `serde_json` keeps
/// insertion order), with a trailing newline.
pub fn to_text(s: &Schema) -> String {
    let v = sorted(&serde_json::to_value(s).unwrap_or_default());
    let mut t = serde_json::to_string_pretty(&v).unwrap_or_default();
    t.push('\n');
    t
}

/// `v` with every object's keys in code-point order, whatever `serde_json`'s map keeps.
pub fn sorted(v: &serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let mut out = serde_json::Map::new();
            for k in keys {
                out.insert(k.clone(), sorted(&m[k]));
            }
            serde_json::Value::Object(out)
        }
        serde_json::Value::Array(a) => serde_json::Value::Array(a.iter().map(sorted).collect()),
        x => x.clone(),
    }
}
