//! Fixture tests: one Markdown spec per registered rule, at
//! `tests/fixtures/<category>/<CODE>.md` (workspace root).
//!
//! Each fixture is checked with only its own rule selected (the file stem is the code),
//! so its snapshot shows that rule's findings and nothing else. A fixture holds both
//! cases that must trigger the rule and realistic near-misses that must not.
//!
//! Exception: `SG001` (unused-suppression) is reported by the engine itself, after the
//! selected rules ran and suppressions were applied (see `specgate_lint::check`). A
//! suppression can only be "used" by a finding of a rule that runs, so the SG001
//! fixture also selects the rule its suppressions name: see [`EXTRA_SELECT`].
//!
//! Per fixture this test:
//! - snapshots the findings as plain text (`<category>__<CODE>`);
//! - asserts at least one finding of the fixture's code (a trigger case exists);
//! - if any finding has a fix: applies the safe fixes (and unsafe ones for fixtures
//!   listed in [`UNSAFE_FIX_FIXTURES`]) until they converge, snapshots the fixed text
//!   (`<category>__<CODE>__fixed`), asserts that fixing again changes nothing, and
//!   that the rule reports no fixable finding on the fixed text.
//!
//! It also asserts that every registered rule has a fixture, that every fixture names a
//! registered rule of its directory's category, and that no `fixtures__*.snap` is left
//! that no fixture asserts.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use specgate_lint::fix::apply_fixes;
use specgate_lint::{check, Applicability, Context, Diagnostic, Selection, RULES};
use specgate_model::{parse, Document, Schema, Span};

/// The fixed "today" for date rules (`SG403`).
const TODAY: (i32, u32, u32) = (2026, 11, 24);

/// The fixture that is not a tech spec: `no-matching-template` reports exactly that.
/// Fixtures are routed as named files are, so it gets that one finding.
const NOT_A_SPEC: &str = "SG003";

/// Fixtures whose unsafe fixes are applied too (by file stem).
const UNSAFE_FIX_FIXTURES: &[&str] = &["SG101", "SG302", "SG911"];

/// Rules selected in addition to the fixture's own code.
/// `SG001`: its fixture suppresses `SG205` (todo-marker) findings.
const EXTRA_SELECT: &[(&str, &[&str])] = &[("SG001", &["SG205"])];

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

fn fixtures_dir() -> PathBuf {
    workspace_root().join("tests/fixtures")
}

/// Every `tests/fixtures/*/*.md`, sorted.
fn fixture_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in std::fs::read_dir(fixtures_dir()).expect("tests/fixtures exists") {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "md") {
                out.push(f);
            }
        }
    }
    out.sort();
    out
}

fn selection(code: &str) -> Selection {
    let mut select = vec![code.to_string()];
    if let Some((_, extra)) = EXTRA_SELECT.iter().find(|(c, _)| *c == code) {
        select.extend(extra.iter().map(|s| s.to_string()));
    }
    Selection {
        select,
        ..Default::default()
    }
}

/// Checks `text` as if it were the file at `path`.
fn run(text: &str, path: &Path, code: &str) -> (Document, Vec<Diagnostic>) {
    let schema = Schema::seed();
    let doc = parse(text);
    let diags = {
        let mut ctx = Context::new(&doc, &schema);
        // Routed as a named file is: one of no known kind gets only SG003.
        if let specgate_lint::Route::Unmatched { .. } =
            specgate_lint::Kinds::seed().route(Some(path), &doc)
        {
            ctx.unmatched = Some(specgate_lint::Kinds::seed().phrases());
        }
        ctx.path = Some(path);
        ctx.evidence_root = Some(workspace_root());
        ctx.today = TODAY;
        check(&ctx, &selection(code))
    };
    (doc, diags)
}

fn pos(doc: &Document, span: Span) -> String {
    let a = doc.line_index.line_col(&doc.text, span.start);
    let b = doc.line_index.line_col(&doc.text, span.end);
    format!("L{}:{}-L{}:{}", a.line, a.column, b.line, b.column)
}

/// One block per finding: position, message, help, labels, fix and its edits.
fn render(doc: &Document, diags: &[Diagnostic]) -> String {
    let root = workspace_root().display().to_string();
    let mut out = String::new();
    for d in diags {
        out.push_str(&format!(
            "{} {} {} {}\n",
            d.code,
            d.severity.as_str(),
            pos(doc, d.span),
            d.message
        ));
        if let Some(h) = &d.help {
            out.push_str(&format!("  help: {h}\n"));
        }
        for l in &d.labels {
            out.push_str(&format!("  label {}: {}\n", pos(doc, l.span), l.message));
        }
        if let Some(f) = &d.fix {
            let app = match f.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            };
            out.push_str(&format!("  fix ({app}): {}\n", f.message));
            for e in &f.edits {
                out.push_str(&format!(
                    "    edit {}: {:?}\n",
                    pos(doc, e.span),
                    e.replacement
                ));
            }
        }
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    // Keep snapshots machine-independent.
    out.replace(&root, "[workspace root]")
}

fn fixable(d: &Diagnostic, unsafe_fixes: bool) -> bool {
    d.fix.as_ref().is_some_and(|f| {
        !f.edits.is_empty() && (unsafe_fixes || f.applicability == Applicability::Safe)
    })
}

/// Checks one fixture; records the names of the snapshots it asserts in `snapshots`.
fn check_fixture(path: &Path, snapshots: &mut Vec<String>) {
    let category = path
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let code = path.file_stem().unwrap().to_str().unwrap().to_string();
    let rule = RULES
        .iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("{}: `{code}` is not a registered rule code", path.display()));
    assert_eq!(
        rule.meta.category,
        category,
        "{}: rule {code} belongs in tests/fixtures/{}/",
        path.display(),
        rule.meta.category
    );
    let text = std::fs::read_to_string(path).unwrap();
    let name = format!("{category}__{code}");
    let mut settings = insta::Settings::clone_current();
    settings.set_input_file(path);
    settings.set_omit_expression(true);
    let selected = selection(&code).select.join(", ");
    settings.set_description(format!(
        "{code} {} on tests/fixtures/{category}/{code}.md (selected: {selected})",
        rule.meta.name
    ));
    settings.bind(|| {
        let (doc, diags) = run(&text, path, &code);
        // SG003's fixture is, by its nature, a document of no known kind.
        assert!(
            code == NOT_A_SPEC
                || doc
                    .title
                    .as_ref()
                    .is_some_and(|t| t.text.starts_with("Technical Specification:")),
            "{}: a fixture is a spec titled `# Technical Specification: …`",
            path.display()
        );
        let body = doc.front_matter.as_ref().map_or(&text[..], |f| &text[f.span.end..]);
        assert!(
            body.trim_start().starts_with("<!--"),
            "{}: a fixture starts (after any front matter) with an HTML comment that explains its cases",
            path.display()
        );
        snapshots.push(name.clone());
        insta::assert_snapshot!(name.clone(), render(&doc, &diags));
        assert!(
            diags.iter().any(|d| d.code == code),
            "{}: the fixture has no case that triggers {code}",
            path.display()
        );

        let unsafe_fixes = UNSAFE_FIX_FIXTURES.contains(&code.as_str());
        if diags.iter().all(|d| d.fix.is_none()) {
            return;
        }
        let fix = |t: &str| apply_fixes(t, unsafe_fixes, |cur| run(cur, path, &code).1);
        let fixed = fix(&text);
        assert!(fixed.converged, "{}: fixes do not converge", path.display());
        assert!(fixed.applied > 0, "{}: no fix was applied", path.display());
        snapshots.push(format!("{name}__fixed"));
        insta::assert_snapshot!(format!("{name}__fixed"), fixed.text.clone());

        let again = fix(&fixed.text);
        assert_eq!(
            again.applied,
            0,
            "{}: fixing is not idempotent",
            path.display()
        );
        assert_eq!(
            again.text,
            fixed.text,
            "{}: fixing is not idempotent",
            path.display()
        );

        let (_, after) = run(&fixed.text, path, &code);
        let left: Vec<_> = after
            .iter()
            .filter(|d| d.code == code && fixable(d, unsafe_fixes))
            .collect();
        assert!(
            left.is_empty(),
            "{}: fixable {code} findings remain after fixing: {left:#?}",
            path.display()
        );
    });
}

#[test]
fn fixtures() {
    let files = fixture_files();
    assert!(
        !files.is_empty(),
        "no fixtures under {}",
        fixtures_dir().display()
    );
    let mut failed = Vec::new();
    let mut snapshots = Vec::new();
    for path in &files {
        if catch_unwind(AssertUnwindSafe(|| check_fixture(path, &mut snapshots))).is_err() {
            failed.push(
                path.strip_prefix(workspace_root())
                    .unwrap_or(path)
                    .display()
                    .to_string(),
            );
        }
    }
    assert!(
        failed.is_empty(),
        "failing fixtures (see the panics above): {failed:#?}"
    );
    // A snapshot no fixture asserts any more (fixture renamed or deleted, fixes gone).
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut stale: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            n.strip_prefix("fixtures__")
                .and_then(|n| n.strip_suffix(".snap"))
                .is_some_and(|n| !snapshots.iter().any(|s| s == n))
        })
        .collect();
    stale.sort();
    assert!(
        stale.is_empty(),
        "stale snapshots in {} (delete them): {stale:?}",
        dir.display()
    );
}

#[test]
fn every_rule_has_a_fixture() {
    let dir = fixtures_dir();
    let missing: Vec<String> = RULES
        .iter()
        .map(|r| format!("{}/{}.md", r.meta.category, r.code))
        .filter(|p| !dir.join(p).is_file())
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a fixture under tests/fixtures/: {missing:?}"
    );
}
