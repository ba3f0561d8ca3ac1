//! Parses every document of `../shared/corpus/` and snapshots its section tree.
//! Skips, with a visible message, when `../shared` is absent (a user's clone).

use std::path::PathBuf;

use specgate_model::{parse, Document, Schema};

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join("corpus").is_dir() {
        Some(p)
    } else {
        eprintln!("SKIPPED: ../shared/corpus not found; corpus tests need the shared material");
        None
    }
}

fn outline(doc: &Document) -> String {
    let mut out = String::new();
    if let Some(t) = &doc.title {
        let lc = doc.line_index.line_col(&doc.text, t.span.start);
        out.push_str(&format!("L{} title: {}\n", lc.line, t.text));
    }
    for f in &doc.header {
        out.push_str(&format!("header {}: {}\n", f.key, f.value));
    }
    for s in &doc.sections {
        let lc = doc.line_index.line_col(&doc.text, s.heading_span.start);
        let ann: Vec<_> = s
            .annotations
            .iter()
            .map(|a| format!("({}) [{:?}]", a.text, a.kind))
            .collect();
        out.push_str(&format!(
            "L{} {}h{} {}{}{}\n",
            lc.line,
            "  ".repeat(s.level.saturating_sub(2) as usize),
            s.level,
            s.number
                .as_deref()
                .map(|n| format!("{n} "))
                .unwrap_or_default(),
            s.title,
            if ann.is_empty() {
                String::new()
            } else {
                format!(" {}", ann.join(" "))
            },
        ));
    }
    out
}

fn corpus_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    v.sort();
    v
}

#[test]
fn real_and_template_section_trees() {
    let Some(shared) = shared() else { return };
    let mut n = 0;
    for sub in ["corpus/real", "corpus/templates"] {
        for path in corpus_files(&shared.join(sub)) {
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = parse(text);
            let name = format!(
                "{}__{}",
                sub.replace('/', "_"),
                path.file_stem().unwrap().to_string_lossy()
            );
            insta::assert_snapshot!(name, outline(&doc));
            n += 1;
        }
    }
    assert!(n >= 50, "expected the whole corpus, parsed {n} files");
}

#[test]
fn comments_in_code_blocks_are_not_sections() {
    let Some(shared) = shared() else { return };
    for f in [
        "06-xkit-knowledge-reorg-tech.md",
        "08-xkit-smaug-feature-port-prd.md",
    ] {
        let text = std::fs::read_to_string(shared.join("corpus/real").join(f)).unwrap();
        let doc = parse(text.clone());
        // Every `# ` line inside a fence must not be a section.
        let mut in_fence = false;
        let mut fenced_hashes = 0;
        for line in text.lines() {
            if line.trim_start().starts_with("```") {
                in_fence = !in_fence;
            } else if in_fence && line.starts_with('#') {
                fenced_hashes += 1;
                let t = line.trim_start_matches('#').trim();
                assert!(
                    !doc.sections.iter().any(|s| s
                        .heading_span
                        .slice(&doc.text)
                        .trim_start_matches('#')
                        .trim()
                        == t
                        && s.title == t),
                    "{f}: `{line}` inside a code block became a section"
                );
            }
        }
        assert!(
            fenced_hashes > 0,
            "{f} should contain # lines in code blocks"
        );
    }
}

#[test]
fn seed_schema_snapshot() {
    let s = Schema::seed();
    let mut out = format!("title_prefix: {}\n", s.title_prefix);
    for h in &s.header {
        out.push_str(&format!(
            "header {} allowed={:?} tbd={} date={}\n",
            h.key, h.allowed, h.allows_tbd, h.is_date
        ));
    }
    for sec in &s.sections {
        out.push_str(&format!(
            "L{} {}{}{} [{:?}]{}{}{}{}{}\n",
            sec.line,
            "  ".repeat(sec.level.saturating_sub(2) as usize),
            sec.number
                .as_deref()
                .map(|n| format!("{n} "))
                .unwrap_or_default(),
            sec.title,
            sec.requirement,
            sec.role.map(|r| format!(" role={r:?}")).unwrap_or_default(),
            if sec.fields.is_empty() {
                String::new()
            } else {
                format!(" fields={:?}", sec.fields)
            },
            if sec.tables.is_empty() {
                String::new()
            } else {
                format!(" tables={:?}", sec.tables)
            },
            if sec.diagrams.is_empty() {
                String::new()
            } else {
                format!(" diagrams={:?}", sec.diagrams)
            },
            if sec.checklist.is_empty() {
                String::new()
            } else {
                format!(" checklist={}", sec.checklist.len())
            },
        ));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn sibling_templates_compile() {
    let Some(shared) = shared() else { return };
    for path in corpus_files(&shared.join("corpus/templates")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let s = Schema::compile(&text);
        assert!(
            !s.sections.is_empty(),
            "{} compiled to no sections",
            path.display()
        );
    }
    let prd = Schema::compile(
        &std::fs::read_to_string(shared.join("corpus/templates/PRD_TEMPLATE.md")).unwrap(),
    );
    assert!(prd.sections.len() > 10);
    let adr = Schema::compile(
        &std::fs::read_to_string(shared.join("corpus/templates/ADR_TEMPLATE.md")).unwrap(),
    );
    assert!(
        adr.sections.len() >= 3,
        "ADR sections: {}",
        adr.sections.len()
    );
}
