//! `specgate export` (`.template.json`, `--model`, `--validate`) and `instantiate`:
//!
//! - the model and the `.template.json` are valid JSON and read back as their types
//!   (same value);
//! - an export error or a validation problem points into the text;
//! - instantiating succeeds exactly when the title has no unbalanced or empty braces
//!   and every variable has a value; a value for an unknown variable and a missing
//!   value are both reported;
//! - the deliverable is the same from the spec and from its exported `.template.json`
//!   (as `crates/specgate-cli/tests/export.rs` checks), and reads back from its JSON;
//! - values are inserted as written, never re-expanded (as the unit tests of
//!   `instantiate.rs` check), in the title, description and criteria.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use specgate_export::instantiate::{instantiate, template_variables, InstantiateError};
use specgate_export::model::{self, ModelOptions};
use specgate_export::{validate, Deliverable, ModelJson, TemplateJson};
use specgate_fuzz::{assert_span, context, decode, evidence_root, install_panic_hook, run, seed};
use specgate_model::metadata::{self, template_pieces, Piece};
use specgate_model::parse;

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

fn marker(i: usize) -> String {
    format!("{OPEN}{i}{CLOSE}")
}

fn check(text: &str) {
    let schema = seed();
    let doc = parse(text);

    // --model
    let m = model::build(
        &doc,
        schema,
        &ModelOptions {
            path: Some("spec.md"),
            had_bom: false,
            evidence_root: Some(evidence_root()),
        },
    );
    let json = serde_json::to_string_pretty(&m).expect("the model serializes");
    let back: ModelJson = serde_json::from_str(&json).expect("the model is valid JSON of its type");
    assert_eq!(
        serde_json::to_value(&back).ok(),
        serde_json::to_value(&m).ok(),
        "the model changes through its JSON"
    );

    // --validate
    let ctx = context(&doc, schema);
    for p in validate::validate(&ctx) {
        assert_span(text, p.span, "validation problem");
        assert!(!p.message.is_empty());
    }

    // export
    let matching = schema.match_document(&doc);
    let blocks = metadata::blocks(&doc, schema, &matching);
    let Some(block) = blocks.first() else { return };
    let t = match TemplateJson::from_block(&doc, block) {
        Ok(t) => t,
        Err(e) => {
            assert_span(text, e.span, "export error");
            assert!(!e.message.is_empty());
            return;
        }
    };
    let file = t.to_file_text();
    let v: serde_json::Value = serde_json::from_str(&file)
        .unwrap_or_else(|e| panic!("the export is not valid JSON: {e}\n{file}"));
    let exported: TemplateJson = serde_json::from_value(v)
        .unwrap_or_else(|e| panic!("the export does not read back: {e}\n{file}"));
    assert_eq!(
        exported, t,
        "the template changes through its .template.json"
    );

    // instantiate
    if [&t.title_template, &t.description]
        .into_iter()
        .chain(&t.acceptance_criteria)
        .chain(&t.variables)
        .any(|s| s.contains([OPEN, CLOSE]))
    {
        return;
    }
    let vars = template_variables(&t);
    let title_ok = template_pieces(&t.title_template)
        .iter()
        .all(|p| !matches!(p, Piece::Unbalanced(_) | Piece::Var("", _, _)));
    let values: BTreeMap<String, String> = vars
        .iter()
        .enumerate()
        .map(|(i, v)| (v.clone(), marker(i)))
        .collect();
    let d = match instantiate(&t, &values) {
        Ok(d) => {
            assert!(
                title_ok,
                "instantiated a title with unbalanced or empty braces"
            );
            d
        }
        Err(errors) => {
            assert!(!title_ok, "a well-formed template failed: {errors:?}");
            assert!(errors.iter().all(|e| matches!(
                e,
                InstantiateError::Unbalanced(..) | InstantiateError::Empty(_)
            )));
            return;
        }
    };
    assert_eq!(
        instantiate(&exported, &values).as_ref(),
        Ok(&d),
        "the deliverable differs between the spec and its export"
    );
    let dj = serde_json::to_string(&d).expect("the deliverable serializes");
    let d_back: Deliverable = serde_json::from_str(&dj).expect("the deliverable reads back");
    assert_eq!(d_back, d, "the deliverable changes through its JSON");
    let _ = d.to_markdown();

    // Values are inserted as written: values with braces and variable names give the
    // marker output with the markers replaced.
    let tricky: BTreeMap<String, String> = vars
        .iter()
        .enumerate()
        .map(|(i, v)| (v.clone(), format!("{{{v}}}}}{{{{{i} {{")))
        .collect();
    let subst = |s: &str| {
        let mut s = s.to_string();
        for (i, v) in vars.iter().enumerate() {
            s = s.replace(&marker(i), &tricky[v]);
        }
        s
    };
    let d2 = instantiate(&t, &tricky).expect("the same template with other values");
    assert_eq!(d2.title, subst(&d.title), "title: values re-expanded");
    assert_eq!(
        d2.description,
        subst(&d.description),
        "description: values re-expanded"
    );
    assert_eq!(
        d2.acceptance_criteria,
        d.acceptance_criteria
            .iter()
            .map(|c| subst(c))
            .collect::<Vec<_>>(),
        "criteria: values re-expanded"
    );

    // Every problem is named.
    let mut extra = values.clone();
    extra.insert(format!("{OPEN}unknown"), "x".into());
    assert!(instantiate(&t, &extra)
        .unwrap_err()
        .contains(&InstantiateError::Unknown(format!("{OPEN}unknown"))));
    if let Some(first) = vars.first() {
        let mut fewer = values.clone();
        fewer.remove(first);
        assert!(instantiate(&t, &fewer)
            .unwrap_err()
            .contains(&InstantiateError::Missing(first.clone())));
    }
}

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    let Some(text) = decode(data) else { return };
    run(|| check(&text));
});
