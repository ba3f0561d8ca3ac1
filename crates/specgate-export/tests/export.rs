//! Template Metadata export on hand-written documents: parsing what real documents
//! write, and the old script's bugs that specgate does not repeat.

use specgate_export::instantiate::{instantiate, InstantiateError};
use specgate_export::TemplateJson;
use specgate_model::metadata::blocks_with_seed;

const HEAD: &str = "# Technical Specification — Demo\n\n## 0.1) Template Metadata (required)\n";

fn export(body: &str) -> Result<TemplateJson, String> {
    let text = format!("{HEAD}{body}");
    let doc = specgate_model::parse(&text);
    let b = blocks_with_seed(&doc);
    TemplateJson::from_block(&doc, b.first().ok_or("no block")?).map_err(|e| e.message)
}

#[test]
fn parses_case_insensitive_keys_variable_forms_and_inline_json() {
    let t = export(
        "- **Name:** demo\n- **DESCRIPTION:** Does things\n- **Title Template:** Do {a} for {b}\n\
         - **acceptance_criteria:**\n  - one\n  - two\n- **Variables:** \"a\", 'b'\n\
         - **metadata:** `{\"version\": 2, \"tags\": [\"x\"]}`\n",
    )
    .unwrap();
    assert_eq!(t.name, "demo");
    assert_eq!(t.description, "Does things");
    assert_eq!(t.title_template, "Do {a} for {b}");
    assert_eq!(t.variables, ["a", "b"]);
    assert_eq!(t.acceptance_criteria, ["one", "two"]);
    assert_eq!(t.priority, "medium", "default priority");
    assert_eq!(t.metadata["version"], 2);
    let t = export("- **variables:** [x, \"y\"]\n").unwrap();
    assert_eq!(t.variables, ["x", "y"]);
}

#[test]
fn stray_text_does_not_leak_into_criteria() {
    let t = export(
        "- **acceptance_criteria:** (all must hold)\n  - first\n  - second,\n    wrapped\n\n\
         Some paragraph after the list.\n\n- not a field\n  - nested under a non-field\n\
         - **priority:** high\n\n> a quote\n\n---\n\n## 1) Next\n\n- **acceptance_criteria:**\n  - elsewhere\n",
    )
    .unwrap();
    assert_eq!(t.acceptance_criteria, ["first", "second, wrapped"]);
    assert_eq!(t.priority, "high");
}

#[test]
fn invalid_metadata_json_is_an_error_not_an_empty_object() {
    let e = export("- **metadata:** { author: \"x\", }\n").unwrap_err();
    assert!(e.contains("not valid JSON"), "{e}");
    let e = export("- **metadata:** [1, 2]\n").unwrap_err();
    assert!(e.contains("not an object"), "{e}");
    assert!(export("- **metadata:**\n").unwrap().metadata.is_empty());
}

#[test]
fn non_ascii_is_escaped_like_python() {
    let t = export("- **name:** café ☕ 𝄞\n- **metadata:** {\"z\": 1.0, \"a\": \"ü\"}\n").unwrap();
    let text = t.to_file_text();
    assert!(
        text.contains(r#""name": "caf\u00e9 \u2615 \ud834\udd1e""#),
        "{text}"
    );
    assert!(
        text.contains("\"metadata\": {\n    \"a\": \"\\u00fc\",\n    \"z\": 1.0\n  }"),
        "{text}"
    );
    assert!(text.ends_with("}\n"));
}

#[test]
fn exported_template_instantiates() {
    let t = export(
        "- **name:** n\n- **title_template:** Fix {area}: {{literal}}\n- **variables:** [area]\n\
         - **acceptance_criteria:**\n  - {area} works\n- **metadata:** {\"version\": \"0.3\"}\n",
    )
    .unwrap();
    let vals = [("area".to_string(), "ünïcode ✓".to_string())].into();
    let d = instantiate(&t, &vals).unwrap();
    assert_eq!(d.title, "Fix ünïcode ✓: {literal}");
    assert_eq!(d.acceptance_criteria, ["ünïcode ✓ works"]);
    assert_eq!(d.template.version.as_deref(), Some("0.3"));
    assert_eq!(
        instantiate(&t, &Default::default()).unwrap_err(),
        [InstantiateError::Missing("area".into())]
    );
}
