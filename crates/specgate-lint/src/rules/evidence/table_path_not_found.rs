use specgate_model::{BlockKind, Role, SourceKind, Table};

use super::{Locator, Resolved};
use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a repository path in a table that does not exist under the evidence root
    /// (resolved as `evidence-path-not-found` resolves an `Evidence:` path). A table
    /// cell's path counts when the table claims the file exists:
    /// - any cell of a table in the Evidence Map;
    /// - a cell in a column headed as evidence (`Evidence`, `Source(s)`, `Citation`);
    /// - a cell in a file column (`File(s)`, `Path`, `Location`) of a row that says the
    ///   file is there today: the first telling word of the row's other cells is
    ///   `modify`, `update`, `change`, `edit`, `extend`, `refactor`, `replace`,
    ///   `remove`, `delete`, `rename`, `existing` or `current` (or a form of them);
    ///   or, when the row says neither way, the column's header or the section's title
    ///   states it (`Existing files`, `Changed files`, `Affected modules`).
    ///
    /// A file table of a plan lists files still to be written: a row whose first
    /// telling word is `new`, `add`, `create`, `planned` or `proposed` is not checked,
    /// nor is a file table that says nothing either way (`Change plan`, `Files`); an
    /// evidence cell that says `planned`, `proposed`, `pending` or `TBD` is not checked
    /// either. Placeholders (`<path>`), globs and paths outside the root are not
    /// checked.
    ///
    /// ## Why
    /// The Evidence Map is the index reviewers audit; a row that points nowhere is a
    /// source nobody can read, and a change plan that modifies a file that is not there
    /// was written against another tree.
    ///
    /// ## Example
    /// ```markdown
    /// | Section | Source | Confidence | Notes |
    /// |---|---|---|---|
    /// | Performance | docs/perf/load-test-2026-09.md | High | October run |
    /// ```
    /// when the file is `docs/perf/load-test-2026-10.md`.
    ///
    /// ## Fix
    /// Correct the path, or move the row to Evidence Gaps when the source is missing.
    name: "table-path-not-found", category: "evidence", severity: Error
}

/// Column headers (normalised) whose cells are evidence.
const EVIDENCE_COLUMNS: &[&str] = &[
    "evidence",
    "source",
    "sources",
    "citation",
    "citations",
    "evidence source",
    "evidence path",
    "source path",
];

/// Column headers (normalised) whose cells are files.
const FILE_COLUMNS: &[&str] = &[
    "file",
    "files",
    "path",
    "paths",
    "location",
    "file path",
    "module",
];

/// Words of a row that say its file is there today.
const EXISTING: &[&str] = &[
    "existing",
    "current",
    "modify",
    "modified",
    "modifies",
    "update",
    "updated",
    "updates",
    "change",
    "changed",
    "changes",
    "edit",
    "edited",
    "extend",
    "extended",
    "refactor",
    "refactored",
    "replace",
    "replaced",
    "remove",
    "removed",
    "delete",
    "deleted",
    "rename",
    "renamed",
    "touched",
    "affected",
];

/// Words of a column header or section title that say its files are there today: a
/// state, not an intent (`Changed files`, not `Change plan`).
const EXISTING_STATE: &[&str] = &[
    "existing",
    "current",
    "modified",
    "changed",
    "updated",
    "extended",
    "refactored",
    "replaced",
    "removed",
    "deleted",
    "renamed",
    "touched",
    "affected",
];

/// Words that say a source is not there yet, in its own cell.
const PENDING: &[&str] = &["planned", "proposed", "future", "todo", "tbd", "pending"];

/// Words that say a file is still to be written.
const FUTURE: &[&str] = &[
    "new", "add", "added", "adds", "create", "created", "creates", "planned", "proposed", "future",
    "todo", "tbd",
];

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    crate::util::lower_words(s, &[])
}

fn says(s: &str, vocab: &[&str]) -> bool {
    words(s).any(|w| vocab.contains(&w.as_str()))
}

/// What a file table's row says of its file, by its first word that says anything:
/// `Some(true)` there today (`Modify: add a check`), `Some(false)` still to be written
/// (`New module`), `None` neither.
fn row_says_existing(row: &str) -> Option<bool> {
    words(row).find_map(|w| {
        if EXISTING.contains(&w.as_str()) {
            Some(true)
        } else if FUTURE.contains(&w.as_str()) {
            Some(false)
        } else {
            None
        }
    })
}

fn header_key(s: &str) -> String {
    words(s).collect::<Vec<_>>().join(" ")
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    if ctx.evidence_root.is_none() {
        return;
    }
    let locator = Locator::new(ctx);
    let text = ctx.doc.text.as_str();
    for block in &ctx.doc.blocks {
        let BlockKind::Table(table) = &block.kind else {
            continue;
        };
        let (map, title) = match block.section {
            Some(s) => (
                ctx.role_within(s).contains(&Role::EvidenceMap),
                ctx.doc.sections[s].title.as_str(),
            ),
            None => (false, ""),
        };
        for (col, row) in checked_cells(table, map, title) {
            let cell = &row.cells[col];
            for src in specgate_model::evidence::extract_sources(text, cell.span) {
                if src.kind != SourceKind::Path {
                    continue;
                }
                let st = locator.status(&src.text);
                if st.exists() || !matches!(st.resolved, Resolved::Inside(_)) {
                    continue;
                }
                sink.report(
                    src.span,
                    format!("path `{}` in this table does not exist", src.text),
                )
                .with_help(format!(
                    "paths are resolved from the evidence root `{}`",
                    ctx.evidence_root
                        .as_deref()
                        .unwrap_or(std::path::Path::new("."))
                        .display()
                ));
            }
        }
    }
}

/// The (column, row) pairs of `table` whose paths claim to exist (see the rule doc).
fn checked_cells<'t>(
    table: &'t Table,
    in_map: bool,
    section_title: &str,
) -> Vec<(usize, &'t specgate_model::Row)> {
    let mut out = Vec::new();
    for (col, head) in table.header.iter().enumerate() {
        let key = header_key(&head.text);
        let evidence = in_map || EVIDENCE_COLUMNS.contains(&key.as_str());
        let file = FILE_COLUMNS
            .iter()
            .any(|f| key == *f || key.ends_with(&format!(" {f}")));
        if !evidence && !file {
            continue;
        }
        let table_existing =
            says(&head.text, EXISTING_STATE) || says(section_title, EXISTING_STATE);
        for row in &table.rows {
            if col >= row.cells.len() {
                continue;
            }
            let checked = if evidence {
                !says(&row.cells[col].text, PENDING)
            } else {
                let others: Vec<&str> = (row.cells.iter().enumerate())
                    .filter(|&(i, _)| i != col)
                    .map(|(_, c)| c.text.as_str())
                    .collect();
                row_says_existing(&others.join(" ")).unwrap_or(table_existing)
            };
            if checked {
                out.push((col, row));
            }
        }
    }
    out
}
