//! Regenerating the Evidence Map table and the Evidence Gaps list from the evidence
//! lines of the body: the fixes of `source-not-in-map` and `gap-not-listed`.
//!
//! Both fixes only add: existing rows and entries are kept byte for byte (their
//! section, source, confidence and notes), so no word of the document is lost. Every
//! finding of a rule carries the same single edit, so one round adds everything.

use std::collections::HashSet;

use specgate_model::evidence::strip_location;
use specgate_model::{normalize_title, BlockKind, Evidence, Role, SectionId, Source, SourceKind};

use crate::context::Context;
use crate::diagnostic::Edit;

use crate::util::eol;

/// The offset of the start of the line after the one containing `pos` (or the end).
fn next_line_start(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1)
}

/// `pos` moved back over line ends.
fn trim_eol_back(text: &str, mut pos: usize) -> usize {
    while pos > 0 && matches!(text.as_bytes()[pos - 1], b'\n' | b'\r') {
        pos -= 1;
    }
    pos
}

/// Inserts `lines` (each without line end) right after the heading of `section`,
/// with a blank line before and, if content follows directly, after.
fn after_heading(ctx: &Context, section: SectionId, lines: &[String]) -> Edit {
    let text = &ctx.doc.text;
    let eol = eol(text);
    let at = next_line_start(text, ctx.doc.sections[section].heading_span.end.max(1) - 1);
    let rest = &text[at..];
    let next_blank = rest.is_empty() || rest.starts_with('\n') || rest.starts_with("\r\n");
    let mut r = String::new();
    if at == text.len() && !text.ends_with('\n') {
        r.push_str(eol);
    }
    r.push_str(eol);
    for l in lines {
        r.push_str(l);
        r.push_str(eol);
    }
    if !next_blank {
        r.push_str(eol);
    }
    Edit {
        span: specgate_model::Span::new(at, at),
        replacement: r,
    }
}

/// The label of the section an evidence line sits in: `3) Scope`, or `Header`.
fn section_label(ctx: &Context, s: Option<SectionId>) -> String {
    let Some(s) = s else {
        return "Header".into();
    };
    let sec = &ctx.doc.sections[s];
    let l = match &sec.number {
        Some(n) => format!("{n} {}", sec.title),
        None => sec.title.clone(),
    };
    l.replace('|', "/")
}

/// Each cited source outside the Evidence Map whose key (the source without its
/// `#L…`/`:line` location) the map's text does not contain, once, at its first
/// citation: the evidence line, the source and its key. Empty without a map.
pub(crate) fn unlisted_sources<'a>(
    ctx: &Context<'a>,
    maps: &[SectionId],
) -> Vec<(&'a Evidence, &'a Source, &'a str)> {
    let doc = ctx.doc;
    let map_text: String = maps
        .iter()
        .map(|&s| crate::util::section_text(doc, s))
        .collect::<Vec<_>>()
        .join("\n");
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    // A path outside the evidence root (`/Users/…/findings.json`, `~/dev/x`) or a
    // `file://` URL is `evidence-path-outside-root`'s finding: the map should list
    // the repository's copy, which no row can name for the author.
    let statuses = super::path_statuses(ctx);
    let outside = |s: &Source| match s.kind {
        SourceKind::Url => s.text.to_ascii_lowercase().starts_with("file://"),
        SourceKind::Path => matches!(
            statuses.get(&s.text).map(|st| &st.resolved),
            Some(super::Resolved::Outside(_))
        ),
    };
    for e in &doc.evidence {
        if e.section
            .is_some_and(|s| ctx.role_within(s).contains(&Role::EvidenceMap))
        {
            continue;
        }
        for s in &e.sources {
            let key = strip_location(&s.text);
            if seen.insert(key) && !map_text.contains(key) && !outside(s) {
                out.push((e, s, key));
            }
        }
    }
    out
}

/// The edit that adds a row to the first of the Evidence Map sections `maps` for every
/// source of `unlisted` (as [`unlisted_sources`] gives them), or `None` when nothing can
/// be added.
pub(crate) fn evidence_map_edit(
    ctx: &Context,
    maps: &[SectionId],
    unlisted: &[(&Evidence, &Source, &str)],
) -> Option<Edit> {
    let &map = maps.first()?;
    // A key with a `|` cannot stand in a table cell.
    let missing: Vec<(String, String)> = unlisted
        .iter()
        .filter(|(_, _, key)| !key.contains('|'))
        .map(|(e, _, key)| (section_label(ctx, e.section), key.to_string()))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let text = &ctx.doc.text;
    let table = ctx.doc.blocks_in(map).iter().find_map(|b| match &b.kind {
        BlockKind::Table(t) => Some((b, t)),
        _ => None,
    });
    let row = |cells: Vec<String>| {
        let mut r = String::from("|");
        for c in cells {
            if !c.is_empty() {
                r.push(' ');
                r.push_str(&c);
            }
            r.push_str(" |");
        }
        r
    };
    match table {
        Some((block, t)) => {
            let n = t.header.len().max(2);
            let col = |words: &[&str], default: usize| {
                t.header
                    .iter()
                    .position(|c| {
                        let h = c.text.to_lowercase();
                        words.iter().any(|w| h.contains(w))
                    })
                    .unwrap_or(default)
            };
            let src_col = col(&["evidence", "source"], 1);
            let sec_col = col(&["section", "claim"], 0);
            let eol = eol(text);
            let mut r = String::new();
            for (sec, src) in &missing {
                let mut cells = vec![String::new(); n];
                cells[sec_col.min(n - 1)] = sec.clone();
                cells[src_col.min(n - 1)] = src.clone();
                r.push_str(eol);
                r.push_str(&row(cells));
            }
            let at = trim_eol_back(text, block.span.end);
            Some(Edit {
                span: specgate_model::Span::new(at, at),
                replacement: r,
            })
        }
        None => {
            let mut lines = vec![
                "| Section / Claim | Evidence | Confidence | Notes |".to_string(),
                "|---|---|---|---|".to_string(),
            ];
            for (sec, src) in &missing {
                lines.push(row(vec![
                    sec.clone(),
                    src.clone(),
                    String::new(),
                    String::new(),
                ]));
            }
            Some(after_heading(ctx, map, &lines))
        }
    }
}

/// The entry `gap-not-listed` adds for a gap.
pub(crate) fn gap_entry(marker: &str, gap: &str) -> String {
    format!("{marker} **Gap:** {gap} — **Impact:** not assessed yet — **Owner:** unassigned")
}

/// The edit that appends an entry to the Evidence Gaps list for every `Evidence gap:`
/// of the body that is not listed, or `None` when all are.
pub(crate) fn evidence_gaps_edit(ctx: &Context) -> Option<Edit> {
    let sections = ctx.sections_with_role(Role::EvidenceGaps);
    let &gaps = sections.first()?;
    let mut seen = HashSet::new();
    let missing: Vec<&str> = super::gap_not_listed::unlisted(ctx)
        .into_iter()
        .filter(|e| seen.insert(normalize_title(&e.text)))
        .map(|e| e.text.as_str())
        .collect();
    if missing.is_empty() {
        return None;
    }
    let text = &ctx.doc.text;
    let list = ctx
        .doc
        .blocks_in(gaps)
        .iter()
        .rev()
        .find_map(|b| match &b.kind {
            BlockKind::List(l) if !l.ordered && !l.items.is_empty() => Some((b, l)),
            _ => None,
        });
    match list {
        Some((block, l)) => {
            let marker = text[l.items[0].span.start..].chars().next().unwrap_or('-');
            let marker = if matches!(marker, '-' | '*' | '+') {
                marker.to_string()
            } else {
                "-".into()
            };
            let eol = eol(text);
            let mut r = String::new();
            for g in &missing {
                r.push_str(eol);
                r.push_str(&gap_entry(&marker, g));
            }
            let at = trim_eol_back(text, block.span.end);
            Some(Edit {
                span: specgate_model::Span::new(at, at),
                replacement: r,
            })
        }
        None => {
            let lines: Vec<String> = missing.iter().map(|g| gap_entry("-", g)).collect();
            Some(after_heading(ctx, gaps, &lines))
        }
    }
}
