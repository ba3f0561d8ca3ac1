//! Compatibility with the old `spec-export.py` on the shared corpus, and schema
//! validation of every export of every real document. Skips visibly without `../shared`.

use std::path::{Path, PathBuf};

use specgate_export::model::{self, ModelOptions};
use specgate_export::TemplateJson;
use specgate_model::metadata::blocks_with_seed;

/// Expected-export files whose source specgate deliberately exports differently
/// (a bug of the old script), each explained in `docs/compat.md` under the file name.
/// Empty today: specgate matches the old script byte for byte on every expected file.
const DELIBERATE_DIFFERENCES: &[&str] = &[];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    if p.join("corpus").is_dir() {
        Some(p)
    } else {
        eprintln!("SKIPPED: ../shared/corpus not found; corpus compatibility not checked");
        None
    }
}

fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("schemas").join(name)).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

fn assert_valid(v: &jsonschema::Validator, value: &serde_json::Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(value).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{what}: {errors:?}");
}

fn export_text(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = specgate_model::parse(&text);
    let blocks = blocks_with_seed(&doc);
    let b = blocks.first().ok_or("no Template Metadata section")?;
    TemplateJson::from_block(&doc, b)
        .map(|t| t.to_file_text())
        .map_err(|e| e.message)
}

#[test]
fn export_matches_old_script_byte_for_byte() {
    let Some(shared) = shared() else { return };
    let compat = std::fs::read_to_string(root().join("docs/compat.md")).unwrap();
    let mut compared = 0;
    let mut entries: Vec<_> = std::fs::read_dir(shared.join("corpus/expected-export"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for expected in entries {
        let name = expected.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".template.json") else {
            continue;
        };
        let source = if stem == "TECH_SPEC_TEMPLATE" {
            shared.join("seed/TECH_SPEC_TEMPLATE.md")
        } else {
            shared.join(format!("corpus/real/{stem}.md"))
        };
        let want = std::fs::read_to_string(&expected).unwrap();
        let got = export_text(&source).unwrap_or_else(|e| panic!("{stem}: {e}"));
        if DELIBERATE_DIFFERENCES.contains(&name.as_str()) {
            assert_ne!(
                got, want,
                "{name} is listed as a deliberate difference but matches"
            );
            assert!(
                compat.contains(&name),
                "docs/compat.md does not explain {name}"
            );
        } else {
            assert_eq!(
                got, want,
                "{name}: export differs from the old script's output"
            );
        }
        compared += 1;
    }
    assert!(compared >= 2, "expected at least 2 expected-export files");
}

#[test]
fn every_real_document_exports_or_explains_and_validates_against_schemas() {
    let Some(shared) = shared() else { return };
    let template_v = validator("template.schema.json");
    let model_v = validator("model.schema.json");
    let expected_dir = shared.join("corpus/expected-export");
    let mut files: Vec<_> = std::fs::read_dir(shared.join("corpus/real"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let mut exported = 0;
    for f in files
        .iter()
        .chain([&shared.join("seed/TECH_SPEC_TEMPLATE.md")])
    {
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        match export_text(f) {
            Ok(text) => {
                exported += 1;
                let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                assert_valid(&template_v, &v, &stem);
                // The old script could export it too, so its output is on file.
                assert!(
                    expected_dir.join(format!("{stem}.template.json")).exists(),
                    "{stem} exports but has no expected export to compare with"
                );
            }
            Err(msg) => assert!(!msg.is_empty(), "{stem}: empty message"),
        }
        let text = std::fs::read_to_string(f).unwrap();
        let doc = specgate_model::parse(&text);
        let m = model::build(
            &doc,
            &specgate_model::Schema::seed(),
            &ModelOptions {
                path: Some(&stem),
                had_bom: false,
                evidence_root: f.parent(),
            },
        );
        assert_valid(&model_v, &serde_json::to_value(&m).unwrap(), &stem);
    }
    assert!(exported >= 2, "only {exported} documents exported");
}
