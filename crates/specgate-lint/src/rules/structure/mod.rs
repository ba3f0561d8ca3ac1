pub mod duplicate_section;
pub mod empty_section;
pub mod missing_recommended_section;
pub mod missing_required_section;
pub mod na_without_reason;
pub mod section_order;
pub mod unclosed_code_fence;

use specgate_model::{titles, BlockKind, Document, Requirement, Span, SpecId};

use crate::context::Context;

/// A template section that a document lacks, and where it belongs.
pub(crate) struct Missing {
    pub spec: SpecId,
    /// Where to point: the next present section in template order, or the parent's heading.
    pub anchor: Span,
    /// The document section it belongs in (`None`: top level).
    pub parent: Option<usize>,
    /// The first present sibling that the template puts after it, if any.
    pub next: Option<usize>,
}

/// Template sections of the given levels that are absent. Subsections are only
/// looked for inside a parent the document has; repeatable (pattern) sections are
/// never "missing"; a section written under a one-line bold label of its title
/// (`**Evidence:**` and a list, inside the parent) is present, and so is a top-level
/// section one of whose subsections the document has, and a section of diagrams only
/// whose kind of diagram the document draws elsewhere.
pub(crate) fn missing(ctx: &Context, wanted: &[Requirement]) -> Vec<Missing> {
    let schema = ctx.schema;
    let doc = ctx.doc;
    let roots: Vec<usize> = doc.roots().collect();
    let labels = bold_labels(doc);
    // Whether a bold label names the template section inside `span`: by its title, or,
    // inside its parent, by the title's words less the parent's (`**Assumptions:**`
    // under Dependencies is `Assumptions about dependencies`).
    let labelled = |si: SpecId, span: Span| {
        let spec = &schema.sections[si];
        let own = || {
            let parent = spec
                .parent
                .map(|p| titles::words(&schema.sections[p].key))
                .unwrap_or_default();
            let mut w = titles::words(&spec.key);
            w.retain(|x| !parent.contains(x));
            w
        };
        labels.iter().any(|(at, k)| {
            span.start <= *at
                && *at < span.end
                && (k == &spec.key
                    || (spec.parent.is_some() && !k.is_empty() && titles::words(k) == own()))
        })
    };
    let whole = Span::new(0, doc.text.len());
    // Whether a top-level section is written inside another one: a heading no template
    // section took, or a bold label, anywhere, of the section's own words (`### Pause
    // criteria` under the success metrics is the `Kill Criteria`, `**Error handling:**`
    // in the API design the `Error Handling Strategy`). A heading over a diagram alone
    // is the diagram's caption (`### System context` and a flowchart is no `Context`).
    let captions_a_diagram = |d: usize| {
        doc.blocks[doc.sections[d].blocks.clone()]
            .iter()
            .all(|b| matches!(&b.kind, BlockKind::Code(c) if c.lang == "mermaid"))
    };
    // Their words, found once, on the first section missing by its heading.
    let free_names: std::cell::OnceCell<Vec<Vec<String>>> = std::cell::OnceCell::new();
    let nested = |own: &[String]| {
        !own.is_empty()
            && free_names
                .get_or_init(|| {
                    labels
                        .iter()
                        .map(|(_, k)| titles::words(k))
                        .chain(
                            doc.sections
                                .iter()
                                .enumerate()
                                .filter(|&(d, _)| {
                                    ctx.matching.doc_to_spec[d].is_none() && !captions_a_diagram(d)
                                })
                                .map(|(_, s)| titles::words(&s.key)),
                        )
                        .collect()
                })
                .iter()
                .any(|w| w == own)
    };
    // The kind of document its title names, before the subject (`API Spec — Billing`,
    // `Architecture spec: Billing`): a document that is one section of a spec split
    // into files is that section as a whole, not missing it.
    let kind = doc.title.as_ref().map_or(Vec::new(), |t| {
        let end = [" — ", " – ", " - ", ":"]
            .iter()
            .filter_map(|sep| t.text.find(sep))
            .min()
            .unwrap_or(t.text.len());
        titles::words(&specgate_model::normalize_title(&t.text[..end]))
    });
    // The template's own kind (`# ADR: Use Rust` under `# ADR: <title>`) names the
    // whole document, no one section of it.
    let own_kind = titles::words(&specgate_model::normalize_title(&schema.title_prefix));
    let kind = if kind == own_kind { Vec::new() } else { kind };
    let is_the_document = |own: &[String]| !kind.is_empty() && own == kind;
    let mut out = Vec::new();
    for (si, spec) in schema.sections.iter().enumerate() {
        if spec.pattern.is_some() || !wanted.contains(&spec.requirement) {
            continue;
        }
        match spec.parent {
            None => {
                if ctx.matching.spec_to_doc[si].is_empty()
                    && !labelled(si, whole)
                    && {
                        let own = titles::words(&spec.key);
                        !nested(&own) && !is_the_document(&own)
                    }
                    && !subsection_present(ctx, si)
                    && !drawn_elsewhere(ctx, si)
                {
                    out.push(locate(ctx, si, &roots, None));
                }
            }
            Some(p) => {
                // A section the template has once, written twice (SG103's concern), is
                // one section: its subsection is missing only if no copy has it.
                let instances = &ctx.matching.spec_to_doc[p];
                if schema.sections[p].pattern.is_none()
                    && instances.len() > 1
                    && instances.iter().any(|&inst| {
                        doc.sections[inst]
                            .children
                            .iter()
                            .any(|&c| ctx.matching.doc_to_spec[c] == Some(si))
                            || labelled(si, doc.sections[inst].body_span)
                    })
                {
                    continue;
                }
                for &inst in instances {
                    // A section that says it does not apply, or a heading that stands
                    // for the section under another name (`API purpose and scope` for
                    // `Scope`), is not held to the template's subsections.
                    if says_na(doc, inst) || ctx.matching.loose[inst] {
                        continue;
                    }
                    let children = &doc.sections[inst].children;
                    if !children
                        .iter()
                        .any(|&c| ctx.matching.doc_to_spec[c] == Some(si))
                        && !labelled(si, doc.sections[inst].body_span)
                        && !drawn_elsewhere(ctx, si)
                    {
                        out.push(locate(ctx, si, children, Some(inst)));
                    }
                }
            }
        }
    }
    out
}

/// Whether template section `si` is in the document under its parts' names: a
/// subsection of it (at any depth) is (two, when it has no required subsection and
/// neither shares a word with its title), and so is every required subsection. A spec
/// that has `Component inventory` but no `Component Design` heading above it, or `Open
/// Questions` without `Assumptions & Open Questions`, has the section's content; one
/// that has `Success criteria` but not `Goals` still lacks `Goals and Non-Goals`.
fn subsection_present(ctx: &Context, si: SpecId) -> bool {
    let schema = ctx.schema;
    let present = |c: SpecId| !ctx.matching.spec_to_doc[c].is_empty();
    let below: Vec<SpecId> = (si + 1..schema.sections.len())
        .take_while(|&c| schema.is_under(c, si))
        .filter(|&c| present(c))
        .collect();
    // A subsection that shares a word with the section's title names it (`Open
    // questions` for `Open Questions / Future Considerations`, `Component inventory`
    // for `Component Design`).
    let own = titles::words(&schema.sections[si].key);
    let names_it = below.iter().any(|&c| {
        titles::words(&schema.sections[c].key)
            .iter()
            .any(|w| own.contains(w))
    });
    let required = |spec: &specgate_model::SectionSpec| {
        spec.pattern.is_none()
            && matches!(
                spec.requirement,
                Requirement::Required | Requirement::RequiredOrNa
            )
    };
    let children: Vec<(SpecId, &specgate_model::SectionSpec)> = schema
        .sections
        .iter()
        .enumerate()
        .filter(|(_, spec)| spec.parent == Some(si))
        .collect();
    // With no required subsection to stand for it, one optional subsection of other
    // words is not the section (a KEP's `Graduation Criteria` alone is not its `Design
    // Details`): two are.
    let needed = if names_it || children.iter().any(|(_, spec)| required(spec)) {
        1
    } else {
        2
    };
    below.len() >= needed
        && children
            .iter()
            .all(|&(c, spec)| !required(spec) || present(c))
}

/// Whether template section `si` holds only diagrams (its subtree has Mermaid blocks,
/// and no table, field or checklist) and the document draws one of their kinds
/// elsewhere: a `Diagrams` section's content is the diagrams, wherever they are drawn
/// (a flowchart in the architecture section, a state diagram beside its component).
fn drawn_elsewhere(ctx: &Context, si: SpecId) -> bool {
    let schema = ctx.schema;
    let subtree: Vec<&specgate_model::SectionSpec> = std::iter::once(si)
        .chain((si + 1..schema.sections.len()).take_while(|&c| schema.is_under(c, si)))
        .map(|c| &schema.sections[c])
        .collect();
    if subtree
        .iter()
        .any(|s| !s.tables.is_empty() || !s.fields.is_empty() || !s.checklist.is_empty())
    {
        return false;
    }
    let kinds: Vec<specgate_mermaid::DiagramKind> = subtree
        .iter()
        .flat_map(|s| &s.diagrams)
        .map(|kw| specgate_mermaid::detect(kw).kind)
        .collect();
    !kinds.is_empty()
        && ctx.doc.blocks.iter().any(|b| {
            matches!(&b.kind, BlockKind::Code(c) if c.lang == "mermaid"
                && kinds.contains(&specgate_mermaid::detect(&c.content).kind))
        })
}

/// One-line bold labels that open a part of a section in place of a heading
/// (`**Evidence:**`, `**Scope Decision Log**`), folded, with their offsets: a section
/// written under such a label is present, not missing.
fn bold_labels(doc: &Document) -> Vec<(usize, String)> {
    doc.blocks
        .iter()
        .filter_map(|b| {
            let BlockKind::Paragraph { lines } = &b.kind else {
                return None;
            };
            let t = doc.slice(*lines.first()?).trim();
            let inner = t
                .strip_prefix("**")?
                .trim_end_matches(':')
                .strip_suffix("**")?
                .trim_end_matches(':');
            (!inner.contains("**") && inner.split_whitespace().count() <= 6)
                .then(|| (b.span.start, specgate_model::normalize_title(inner)))
        })
        .collect()
}

/// Whether a section says it does not apply: its first block, or (when it has none
/// of its own) its first subsection's, is an N/A statement. Its subsections are then
/// not missing: `## API Design` / `### API overview` / `N/A — no network APIs` needs
/// no sequence diagram.
fn says_na(doc: &Document, section: usize) -> bool {
    let s = &doc.sections[section];
    let first = if s.blocks.is_empty() {
        s.children.first().map(|&c| doc.sections[c].blocks.clone())
    } else {
        Some(s.blocks.clone())
    };
    first
        .and_then(|r| doc.blocks.get(r.start).filter(|_| !r.is_empty()))
        .is_some_and(|b| crate::rules::numbers::is_na(doc.slice(b.span)))
}

/// Where missing `spec` belongs among `siblings`, the sections under `parent`: before
/// the first present one that the template puts after it. The finding points at that
/// sibling's heading, else the parent heading, else the end of the document.
fn locate(ctx: &Context, spec: SpecId, siblings: &[usize], parent: Option<usize>) -> Missing {
    let doc = ctx.doc;
    let next = siblings
        .iter()
        .filter_map(|&d| ctx.matching.doc_to_spec[d].map(|s| (s, d)))
        .filter(|&(s, _)| s > spec)
        .min_by_key(|&(s, _)| s)
        .map(|(_, d)| d);
    let anchor = next
        .or(parent)
        .map(|d| doc.sections[d].heading_span)
        .unwrap_or_else(|| {
            let end = doc.text.trim_end().len();
            let line = doc.line_index.line_of(end.saturating_sub(1));
            doc.line_index.line_span(&doc.text, line)
        });
    Missing {
        spec,
        anchor,
        parent,
        next,
    }
}

/// `## 16) Title` as the template writes it.
pub(crate) fn template_heading(ctx: &Context, spec: SpecId) -> String {
    let s = &ctx.schema.sections[spec];
    let mut h = String::with_capacity(64);
    for _ in 0..s.level {
        h.push('#');
    }
    h.push(' ');
    if let Some(n) = &s.number {
        h.push_str(n);
        h.push(' ');
    }
    h.push_str(&s.title);
    for a in &s.annotations {
        h.push_str(" (");
        h.push_str(&a.text);
        h.push(')');
    }
    h
}

/// Where a missing section is inserted: before the first present sibling that the
/// template puts after it, else at the end of its parent, else at the end of the
/// document.
pub(crate) fn insertion_point(ctx: &Context, m: &Missing) -> usize {
    let doc = ctx.doc;
    m.next
        .map(|d| doc.sections[d].heading_span.start)
        .or_else(|| m.parent.map(|p| doc.sections[p].body_span.end))
        .unwrap_or(doc.text.len())
}

/// Whether a heading added at the end of the text would not be a heading, because the
/// text ends inside a block that is never closed (a code fence or an HTML block such as
/// `<!--` without `-->`): it would be swallowed, and inserting there again and again
/// would never converge. Cheap unless the last block is such a block.
pub(crate) fn open_at_end(doc: &Document) -> bool {
    let Some(last) = doc.blocks.last() else {
        return false;
    };
    if !matches!(last.kind, BlockKind::Code(_) | BlockKind::Html { .. })
        || !doc.text[last.span.end.min(doc.text.len())..]
            .trim()
            .is_empty()
    {
        return false;
    }
    let probe = specgate_model::parse(format!("{}\n\n## probe\n", doc.text));
    probe.sections.len() <= doc.sections.len()
}

/// A stub for a missing section: the template's heading at `level`, an
/// `Evidence gap:` line (`TODO:` when the template has no evidence lines), and the
/// stubs of its required subsections.
pub(crate) fn stub(ctx: &Context, spec: SpecId, level: u8, eol: &str) -> String {
    let s = &ctx.schema.sections[spec];
    let heading = template_heading(ctx, spec);
    let heading = format!(
        "{}{}",
        "#".repeat(level.clamp(1, 6) as usize),
        heading.trim_start_matches('#')
    );
    // A template without evidence lines gets a to-do instead of an `Evidence gap:`.
    let line = if crate::applies::Parts::of(ctx.schema).has(crate::applies::Part::Evidence) {
        "Evidence gap"
    } else {
        "TODO"
    };
    let mut out = format!(
        "{heading}{eol}{eol}{line}: the section `{}` is not written yet.{eol}",
        s.title
    );
    for (ci, c) in ctx.schema.sections.iter().enumerate() {
        if c.parent == Some(spec)
            && c.pattern.is_none()
            && matches!(
                c.requirement,
                Requirement::Required | Requirement::RequiredOrNa
            )
        {
            out.push_str(eol);
            out.push_str(&stub(ctx, ci, level + 1, eol));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use specgate_model::{parse, Requirement, Schema};

    use crate::context::Context;

    /// The titles of the sections of the `wanted` requirements that `missing` reports
    /// for a document under `schema`.
    fn missing_in(schema: &Schema, md: &str, wanted: &[Requirement]) -> Vec<String> {
        let doc = parse(md.to_string());
        let ctx = Context::new(&doc, schema);
        super::missing(&ctx, wanted)
            .iter()
            .map(|m| schema.sections[m.spec].title.clone())
            .collect()
    }

    /// The titles of the required sections `missing` reports under the seed template.
    fn missing_titles(md: &str) -> Vec<String> {
        let wanted = [Requirement::Required, Requirement::RequiredOrNa];
        missing_in(&Schema::seed(), md, &wanted)
    }

    /// A section is present under its subsections' names only when every required
    /// subsection is there.
    #[test]
    fn a_section_is_present_through_all_its_required_subsections() {
        let head = "# Technical Specification: X\n\n";
        let partial = missing_titles(&format!("{head}## Success criteria (engineering)\n\nx\n"));
        assert!(
            partial.iter().any(|t| t == "Goals and Non-Goals"),
            "{partial:?}"
        );
        let whole = missing_titles(&format!(
            "{head}## Goals\n\nx\n\n## Non-Goals\n\nx\n\n## Success criteria\n\nx\n"
        ));
        assert!(
            !whole.iter().any(|t| t == "Goals and Non-Goals"),
            "{whole:?}"
        );
    }

    /// A section whose subsections are all optional is present through two of them,
    /// not one (a KEP's `Graduation Criteria` alone is not its `Design Details`).
    #[test]
    fn a_section_of_optional_subsections_needs_two_of_them() {
        let schema = Schema::compile(
            "# KEP: <name>\n\n## Summary\n\nx\n\n## Design Details\n\n\
             ### Test Plan (optional)\n\nx\n\n### Graduation Criteria (optional)\n\nx\n",
        );
        let missing = |md: &str| missing_in(&schema, md, &[Requirement::Required]);
        let one = "# KEP: X\n\n## Summary\n\nx\n\n## Graduation Criteria\n\nx\n";
        assert_eq!(missing(one), ["Design Details"]);
        let two = format!("{one}\n## Test Plan\n\nx\n");
        assert!(missing(&two).is_empty(), "{:?}", missing(&two));
    }

    /// A subsection written under a bold label of its title's own words, the parent's
    /// left out (`**Assumptions:**` under Dependencies is `Assumptions about
    /// dependencies`); a label of other words is not.
    #[test]
    fn a_bold_label_of_the_subsections_own_words_is_the_subsection() {
        let schema = Schema::compile(
            "# PRD: <name>\n\n## Dependencies\n\nx\n\n### Assumptions about dependencies (required)\n\nx\n",
        );
        let missing = |md: &str| missing_in(&schema, md, &[Requirement::Required]).len();
        let head = "# PRD: X\n\n## Dependencies\n\n- Postgres\n\n";
        assert_eq!(
            missing(&format!("{head}**Assumptions:**\n- A-1: SDK available\n")),
            0
        );
        assert_eq!(
            missing(&format!("{head}**Risks:**\n- R-1: vendor lock-in\n")),
            1
        );
    }

    /// A top-level section written inside another, under a bold label or a free
    /// heading of its own words, is present; one of other words, or a heading over a
    /// diagram alone, is not.
    #[test]
    fn a_section_written_inside_another_is_present() {
        let schema = Schema::compile(
            "# Spec: <name>\n\n## API Design\n\nx\n\n## Error Handling Strategy\n\nx\n",
        );
        let missing = |md: &str| missing_in(&schema, md, &[Requirement::Required]);
        let api = "# Spec: X\n\n## API Design\n\n- `GET /items`\n\n";
        assert!(missing(&format!("{api}**Error handling:**\n- 429 is retried\n")).is_empty());
        assert!(missing(&format!("{api}### Error handling\n\n- 429 is retried\n")).is_empty());
        assert_eq!(
            missing(&format!("{api}**Rate limits:**\n- 10 rps\n")),
            ["Error Handling Strategy"]
        );
        assert_eq!(
            missing(&format!(
                "{api}### Error handling\n\n```mermaid\nflowchart LR\n  A --> B\n```\n"
            )),
            ["Error Handling Strategy"]
        );
    }

    /// A document whose title names a section as its kind (`API Spec — …`) is that
    /// section; a subject word in the title is no kind.
    #[test]
    fn a_document_titled_as_a_section_is_that_section() {
        let schema = Schema::compile("# Spec: <name>\n\n## Summary\n\nx\n\n## API Design\n\nx\n");
        let missing = |md: &str| missing_in(&schema, md, &[Requirement::Required]);
        assert_eq!(
            missing("# API Spec — Billing bridge\n\n## Summary\n\nx\n"),
            Vec::<String>::new()
        );
        assert_eq!(
            missing("# Billing API gateway\n\n## Summary\n\nx\n"),
            ["API Design"]
        );
        // The template's own kind is the whole document: an ADR is no `Decision`.
        let adr = Schema::compile("# ADR: <title>\n\n## Decision (required)\n\n<what>\n");
        assert_eq!(
            missing_in(&adr, "# ADR: Use Rust\n", &[Requirement::Required]),
            ["Decision"]
        );
    }

    /// A section of diagrams only is present when the document draws one of its
    /// kinds anywhere; another kind of diagram does not make it present.
    #[test]
    fn a_diagrams_section_is_present_through_its_diagrams_elsewhere() {
        let schema = Schema::compile(
            "# PRD: <name>\n\n## Problem\n\nText.\n\n## Diagrams (recommended)\n\n\
             ### Journey (Mermaid)\n```mermaid\nflowchart TD\n  A --> B\n```\n\n\
             ### States (Mermaid)\n```mermaid\nstateDiagram-v2\n  [*] --> A\n```\n",
        );
        let missing = |md: &str| missing_in(&schema, md, &[Requirement::Recommended]);
        let drawn = "# PRD: X\n\n## Problem\n\n```mermaid\nstateDiagram-v2\n  [*] --> On\n```\n";
        assert!(missing(drawn).is_empty(), "{:?}", missing(drawn));
        let other = "# PRD: X\n\n## Problem\n\n```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n";
        assert_eq!(missing(other), ["Diagrams"]);
        assert_eq!(missing("# PRD: X\n\n## Problem\n\nText.\n"), ["Diagrams"]);
    }
}
