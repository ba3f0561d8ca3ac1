//! `Schema::compile` of arbitrary templates: no panic, a consistent section tree, the
//! version is the text's hash; matching is consistent both ways; and every rule runs
//! against the compiled schema without panicking and with valid spans.
//!
//! The input is a template, optionally followed by a line `-----8<-----` and a spec to
//! check against it. Without the separator, the template is checked against itself
//! and a small spec written for the seed template is checked against it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specgate_fuzz::{assert_diagnostics, assert_sorted, context, decode, install_panic_hook, run};
use specgate_lint::{check, Selection};
use specgate_model::{metadata, parse, schema::text_hash, Schema};

const SEPARATOR: &str = "\n-----8<-----\n";

const SPEC: &str = "# Technical Specification: Demo\n\n**Status:** Draft  \n**Owner:** A\n\n\
## 0) Summary (required)\nText.\nEvidence: docs/a.md\n\n## 0.1) Template Metadata\n\
- **name:** demo\n- **title_template:** Fix {a}\n- **variables:** [a]\n\n\
## Component Design\n### Component: Ledger\n#### State machine\n```mermaid\nstateDiagram-v2\n\
[*] --> A\nA --> [*]\n```\n\n## Evidence Map\n| Section / Claim | Evidence | Confidence | Notes |\n\
|---|---|---|---|\n| x | docs/a.md | High | y |\n\n## Quality Gate\n- [x] Evidence Map complete\n";

fn check_schema(template: &str, specs: &[&str]) {
    let schema = Schema::compile(template);
    assert_eq!(schema.version, text_hash(template));
    let n = schema.sections.len();
    for (i, s) in schema.sections.iter().enumerate() {
        if let Some(p) = s.parent {
            assert!(p < i, "spec {i}: parent {p} after it");
            assert!(schema.sections[p].children.contains(&i));
        }
        for &c in &s.children {
            assert!(c < n && schema.sections[c].parent == Some(i));
        }
        assert!(s.line >= 1, "spec {i}: line 0");
    }
    for spec in specs {
        let doc = parse(*spec);
        let m = schema.match_document(&doc);
        assert_eq!(m.doc_to_spec.len(), doc.sections.len());
        assert_eq!(m.spec_to_doc.len(), n);
        for (d, s) in m.doc_to_spec.iter().enumerate() {
            if let Some(s) = s {
                assert!(m.spec_to_doc[*s].contains(&d), "matching is not symmetric");
            }
        }
        for (s, ds) in m.spec_to_doc.iter().enumerate() {
            for d in ds {
                assert_eq!(m.doc_to_spec[*d], Some(s), "matching is not symmetric");
            }
        }
        let _ = metadata::blocks(&doc, &schema, &m);
        let ctx = context(&doc, &schema);
        let diags = check(&ctx, &Selection::default());
        assert_diagnostics(spec, &diags);
        assert_sorted(&diags);
    }
}

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    let Some(text) = decode(data) else { return };
    run(|| match text.split_once(SEPARATOR) {
        Some((template, spec)) => check_schema(template, &[spec]),
        None => check_schema(&text, &[&text, SPEC]),
    });
});
