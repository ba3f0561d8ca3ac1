use super::*;
use crate::config::TemplateEntry;

const PRD: &str = "# PRD: <Product Name>\n\n## 1) Problem (required)\n\nx\n";
const MINI: &str = "# PRD (Mini): <Product Name>\n\n## 1) Problem (required)\n\nx\n";
const MADR: &str = "# {short title of solved problem}\n\n## Context and Problem Statement\n\nx\n";

/// A config directory with the given templates written in it.
fn setup(files: &[(&str, &str)], entries: Vec<TemplateEntry>) -> (tempfile::TempDir, Kinds) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let config = Config {
        templates: entries,
        ..Config::default()
    };
    let kinds = Kinds::load(
        &config,
        Some(dir.path()),
        None,
        crate::DEFAULT_MAX_FILE_SIZE,
    )
    .unwrap();
    (dir, kinds)
}

fn entry(path: Option<&str>, matches: &[&str]) -> TemplateEntry {
    TemplateEntry {
        path: path.map(PathBuf::from),
        matches: matches.iter().map(|s| s.to_string()).collect(),
        title: None,
    }
}

fn route(kinds: &Kinds, path: Option<&Path>, text: &str) -> Route {
    kinds.route(path, &specgate_model::parse(text))
}

fn kind(index: usize, by: By) -> Route {
    Route::Kind { index, by }
}

#[test]
fn titles_route_to_the_most_specific_kind() {
    let (_d, k) = setup(
        &[("prd.md", PRD), ("mini.md", MINI)],
        vec![entry(Some("prd.md"), &[]), entry(Some("mini.md"), &[])],
    );
    assert_eq!(route(&k, None, "# PRD: Billing\n"), kind(1, By::Title));
    assert_eq!(
        route(&k, None, "# PRD (Mini): Billing\n"),
        kind(2, By::Title)
    );
    assert_eq!(
        route(&k, None, "# Technical Specification: Billing\n"),
        kind(0, By::Title)
    );
    assert_eq!(
        route(&k, None, "# Billing — Technical Specification\n"),
        kind(0, By::Title)
    );
    assert_eq!(
        route(&k, None, "# Project Review: Billing\n"),
        Route::Unmatched {
            title: Some("Project Review: Billing".into())
        }
    );
    assert_eq!(
        route(&k, None, "no heading\n"),
        Route::Unmatched { title: None }
    );
}

#[test]
fn globs_come_first_and_are_relative_to_the_config() {
    let (d, k) = setup(
        &[("prd.md", PRD)],
        vec![
            entry(None, &["specs/*-arch.md"]),
            entry(Some("prd.md"), &["specs/prd-*.md"]),
        ],
    );
    let p = d.path().join("specs/prd-1.md");
    assert_eq!(
        route(&k, Some(&p), "# Technical Specification: X\n"),
        kind(1, By::Glob("specs/prd-*.md".into()))
    );
    let p = d.path().join("specs/api-arch.md");
    assert_eq!(
        route(&k, Some(&p), "# Architecture Spec\n"),
        kind(0, By::Glob("specs/*-arch.md".into()))
    );
    assert!(k.glob_admits(&d.path().join("specs/prd-2.md")));
    assert!(!k.glob_admits(&d.path().join("other/prd-2.md")));
}

#[test]
fn front_matter_names_a_kind() {
    let (_d, k) = setup(&[("prd.md", PRD)], vec![entry(Some("prd.md"), &[])]);
    let text = "---\nspec_type: prd\n---\n# Billing\n";
    assert_eq!(
        route(&k, None, text),
        kind(1, By::FrontMatter("spec_type: prd".into()))
    );
    let text = "---\ndocument: \"Technical Specification\"\n---\n# Billing\n";
    assert_eq!(
        route(&k, None, text),
        kind(
            0,
            By::FrontMatter("document: Technical Specification".into())
        )
    );
    // An unknown kind in front matter falls through to the title.
    let text = "---\ntype: feature\n---\n# PRD: Billing\n";
    assert_eq!(route(&k, None, text), kind(1, By::Title));
}

#[test]
fn a_placeholder_titled_template_takes_what_is_left_and_title_overrides() {
    let (_d, k) = setup(&[("madr.md", MADR)], vec![entry(Some("madr.md"), &[])]);
    assert_eq!(route(&k, None, "# Use Postgres\n"), kind(1, By::Fallback));
    assert_eq!(
        route(&k, None, "# Technical Specification: X\n"),
        kind(0, By::Title)
    );
    let mut e = entry(Some("madr.md"), &[]);
    e.title = Some("ADR".into());
    let (_d, k) = setup(&[("madr.md", MADR)], vec![e]);
    assert_eq!(
        route(&k, None, "# ADR-0007: Use Postgres\n"),
        kind(1, By::Title)
    );
    assert!(matches!(
        route(&k, None, "# Use Postgres\n"),
        Route::Unmatched { .. }
    ));
    assert!(k.title_admits("ADR-0007: Use Postgres"));
    assert!(!k.title_admits("Notes on ADR-0007"));
}

#[test]
fn a_forced_template_takes_every_document() {
    let k = Kinds::single("x.md".into(), Schema::compile(PRD), true);
    assert_eq!(route(&k, None, "# Notes\n"), kind(0, By::Forced));
}

#[test]
fn a_missing_template_or_bad_glob_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        templates: vec![entry(Some("nope.md"), &[])],
        ..Config::default()
    };
    let e = Kinds::load(
        &config,
        Some(dir.path()),
        None,
        crate::DEFAULT_MAX_FILE_SIZE,
    )
    .err()
    .unwrap();
    assert!(e.contains("nope.md: template:"), "{e}");
    let config = Config {
        templates: vec![entry(None, &["a[.md"])],
        ..Config::default()
    };
    let e = Kinds::load(
        &config,
        Some(dir.path()),
        None,
        crate::DEFAULT_MAX_FILE_SIZE,
    )
    .err()
    .unwrap();
    assert!(e.contains("invalid glob `a[.md`"), "{e}");
}
