//! The language features, each a pure function of a document, its setup and the
//! request: diagnostics, code actions, hover, completion, symbols and links.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use lsp_types::*;
use serde_json::{json, Value};
use specgate_lint::{Applicability, Context, Severity as SgSeverity};
use specgate_model::{parse, BlockKind, Document, Requirement, Role, SourceKind, Span};

use crate::text::{offset_of, position_of, range_of, span_of};
use crate::workspace::{path_to_uri, Setup};
use crate::Doc;

/// Where each rule's documentation lives; `#sg301` anchors a rule.
pub const RULE_DOCS: &str = "https://github.com/specgate/specgate/blob/main/docs/rules.md";

pub fn capabilities() -> Value {
    let caps = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..Default::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["#".into(), "*".into(), " ".into()]),
            ..Default::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: Default::default(),
        }),
        ..Default::default()
    };
    json!({
        "capabilities": caps,
        "serverInfo": { "name": "specgate", "version": env!("CARGO_PKG_VERSION") },
    })
}

/// One checked document: the parsed model, the findings, and what rules saw.
struct Analysis {
    doc: Document,
    findings: Vec<specgate_lint::Diagnostic>,
    is_spec: bool,
    /// The index of its template in the setup's kinds.
    kind: usize,
    evidence_root: Option<PathBuf>,
    /// Evidence Map sections.
    maps: Vec<usize>,
    /// For each template section: the document sections matched to it.
    spec_to_doc: Vec<Vec<usize>>,
}

fn analyze(text: &str, path: Option<&Path>, setup: &Setup) -> Analysis {
    let doc = parse(text);
    // Markdown that is not a spec, or of no known kind, gets no diagnostics.
    let route = specgate_lint::spec_file::kind_of(&setup.kinds, path, &doc);
    let is_spec = route.is_some();
    let kind = match route {
        Some(specgate_lint::Route::Kind { index, .. }) => index,
        _ => 0,
    };
    let evidence_root = setup.evidence_root(path);
    let (findings, maps, spec_to_doc) = {
        let mut ctx = Context::new(&doc, &setup.kinds.kinds[kind].schema);
        ctx.path = path;
        ctx.evidence_root = evidence_root.clone();
        ctx.configure(&setup.config);
        let findings = if is_spec {
            specgate_lint::check(&ctx, &setup.selection())
        } else {
            Vec::new()
        };
        let maps = ctx.sections_with_role(Role::EvidenceMap);
        (findings, maps, ctx.matching.spec_to_doc)
    };
    Analysis {
        doc,
        findings,
        is_spec,
        kind,
        evidence_root,
        maps,
        spec_to_doc,
    }
}

fn to_lsp(d: &specgate_lint::Diagnostic, doc: &Document, uri: &Uri) -> Diagnostic {
    let (text, index) = (&doc.text, &doc.line_index);
    let href: Option<Uri> = format!("{RULE_DOCS}#{}", d.code.to_ascii_lowercase())
        .parse()
        .ok();
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    Diagnostic {
        range: range_of(text, index, d.span),
        severity: Some(match d.severity {
            SgSeverity::Error => DiagnosticSeverity::ERROR,
            SgSeverity::Warning => DiagnosticSeverity::WARNING,
            SgSeverity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.into())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some("specgate".into()),
        message,
        related_information: (!d.labels.is_empty()).then(|| {
            d.labels
                .iter()
                .map(|l| DiagnosticRelatedInformation {
                    location: Location::new(uri.clone(), range_of(text, index, l.span)),
                    message: l.message.clone(),
                })
                .collect()
        }),
        tags: None,
        data: Some(json!({ "name": d.name })),
    }
}

/// Whether a document is over its config's `max-file-size`: such a document gets one
/// diagnostic saying so, and no analysis at all (nor hover, completion, symbols, links
/// or code actions).
pub fn too_large(text: &str, setup: &Setup) -> bool {
    text.len() as u64 > setup.config.max_file_size().bytes()
}

/// The one diagnostic of a document over the size limit.
fn too_large_diagnostic(text: &str, setup: &Setup) -> Diagnostic {
    let limit = setup.config.max_file_size();
    Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("specgate".into()),
        message: format!(
            "this document is {} ({} bytes), over the {limit} limit: specgate does not check it (raise `max-file-size` in specgate.toml)",
            specgate_lint::ByteSize(text.len() as u64),
            text.len()
        ),
        ..Default::default()
    }
}

/// The diagnostics of a document; none for Markdown that is not a spec.
pub fn diagnostics(uri: &Uri, text: &str, path: Option<&Path>, setup: &Setup) -> Vec<Diagnostic> {
    if too_large(text, setup) {
        return vec![too_large_diagnostic(text, setup)];
    }
    let a = analyze(text, path, setup);
    let mut out: Vec<Diagnostic> = a.findings.iter().map(|d| to_lsp(d, &a.doc, uri)).collect();
    if let (true, Some(e)) = (a.is_spec, &setup.error) {
        out.insert(
            0,
            Diagnostic {
                range: Range::default(),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("specgate".into()),
                message: format!("configuration: {e}"),
                ..Default::default()
            },
        );
    }
    out
}

/// Quick fixes for the findings in the requested range: each fix, labelled safe or
/// unsafe, and "Disable SGxxx for this line".
pub fn code_actions(params: &CodeActionParams, d: &Doc, setup: &Setup) -> Value {
    if too_large(&d.text, setup) {
        return Value::Null;
    }
    let uri = &params.text_document.uri;
    let a = analyze(&d.text, d.path.as_deref(), setup);
    let (text, index) = (&a.doc.text, &a.doc.line_index);
    let want = span_of(text, index, params.range);
    let edit_of = |edits: Vec<TextEdit>| WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    };
    let mut actions = Vec::new();
    let mut disabled = HashSet::new();
    for f in &a.findings {
        if !(f.span.start <= want.end && want.start <= f.span.end) {
            continue;
        }
        let diag = to_lsp(f, &a.doc, uri);
        if let Some(fix) = &f.fix {
            let safe = fix.applicability == Applicability::Safe;
            let edits = fix
                .edits
                .iter()
                .map(|e| TextEdit::new(range_of(text, index, e.span), e.replacement.clone()))
                .collect();
            actions.push(CodeAction {
                title: format!("{} ({})", fix.message, if safe { "safe" } else { "unsafe" }),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diag.clone()]),
                edit: Some(edit_of(edits)),
                is_preferred: Some(safe),
                ..Default::default()
            });
        }
        let line = index.line_of(f.span.start);
        if f.code == specgate_lint::registry::UNUSED_SUPPRESSION || !disabled.insert((line, f.code))
        {
            continue;
        }
        let span = index.line_span(text, line);
        let line_text = span.slice(text);
        let indent = &line_text[..line_text.len() - line_text.trim_start().len()];
        let at = position_of(text, index, span.start);
        actions.push(CodeAction {
            title: format!("Disable {} for this line", f.code),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diag]),
            edit: Some(edit_of(vec![TextEdit::new(
                Range::new(at, at),
                format!("{indent}<!-- specgate-disable-next-line {} -->\n", f.code),
            )])),
            ..Default::default()
        });
    }
    json!(actions)
}

/// A cited path or URL: in an `Evidence:` statement or an Evidence Map row.
struct Cited {
    span: Span,
    text: String,
    url: bool,
}

fn cited(a: &Analysis) -> Vec<Cited> {
    let mut out: Vec<Cited> = a
        .doc
        .evidence
        .iter()
        .flat_map(|e| &e.sources)
        .map(|s| Cited {
            span: s.span,
            text: s.text.clone(),
            url: s.kind == SourceKind::Url,
        })
        .collect();
    for &m in &a.maps {
        for b in a.doc.blocks_in(m) {
            let BlockKind::Table(t) = &b.kind else {
                continue;
            };
            for cell in t.rows.iter().flat_map(|r| &r.cells) {
                let raw = cell.span.slice(&a.doc.text);
                let mut pos = 0;
                for tok in raw.split(|c: char| c.is_whitespace() || c == ',' || c == '`') {
                    let start = pos + raw[pos..].find(tok).unwrap_or(0);
                    pos = start + tok.len();
                    let tok_clean = tok.trim_matches(|c: char| "()[]<>*_;".contains(c));
                    if tok_clean.is_empty() || tok_clean.contains('<') {
                        continue;
                    }
                    let url = tok_clean.starts_with("http://") || tok_clean.starts_with("https://");
                    if !(url || tok_clean.contains('/') || tok_clean.contains('.')) {
                        continue;
                    }
                    let off = start + tok.find(tok_clean).unwrap_or(0);
                    let span = Span::new(
                        cell.span.start + off,
                        cell.span.start + off + tok_clean.len(),
                    );
                    if out.iter().any(|c| c.span == span) {
                        continue;
                    }
                    out.push(Cited {
                        span,
                        text: tok_clean.to_string(),
                        url,
                    });
                }
            }
        }
    }
    out
}

enum PathInfo {
    Exists(PathBuf),
    Missing(PathBuf),
    Outside(&'static str),
    Unchecked,
}

fn resolve(a: &Analysis, cited: &str) -> PathInfo {
    let Some(root) = &a.evidence_root else {
        return PathInfo::Unchecked;
    };
    match specgate_lint::resolve_evidence_path(root, cited) {
        Ok(Some(p)) if p.exists() => PathInfo::Exists(p),
        Ok(Some(p)) => PathInfo::Missing(p),
        Ok(None) => PathInfo::Unchecked,
        Err(why) => PathInfo::Outside(why),
    }
}

/// Hover on a rule code shows its documentation; on an evidence path, whether it
/// exists and its first lines.
pub fn hover(params: &HoverParams, d: &Doc, setup: &Setup) -> Value {
    if too_large(&d.text, setup) {
        return Value::Null;
    }
    let a = analyze(&d.text, d.path.as_deref(), setup);
    let (text, index) = (&a.doc.text, &a.doc.line_index);
    let at = offset_of(text, index, params.text_document_position_params.position);
    // A rule code under the cursor.
    let bytes = text.as_bytes();
    let mut s = at;
    while s > 0 && bytes[s - 1].is_ascii_alphanumeric() {
        s -= 1;
    }
    let mut e = at;
    while e < bytes.len() && bytes[e].is_ascii_alphanumeric() {
        e += 1;
    }
    let word = &text[s..e];
    if word.len() == 5
        && word[..2].eq_ignore_ascii_case("SG")
        && word[2..].bytes().all(|b| b.is_ascii_digit())
    {
        if let Some(r) = specgate_lint::RULES
            .iter()
            .find(|r| r.code.eq_ignore_ascii_case(word))
        {
            let doc = doc_lines(r);
            let md = format!(
                "**{}** `{}` ({}, default {})\n\n{}\n\n[Rule documentation]({RULE_DOCS}#{})",
                r.code,
                r.meta.name,
                r.meta.category,
                r.meta.severity.as_str(),
                doc.join("\n").trim(),
                r.code.to_ascii_lowercase()
            );
            return hover_value(md, range_of(text, index, Span::new(s, e)));
        }
    }
    let mut parts: Vec<String> = Vec::new();
    let mut range: Option<Span> = None;
    if let Some(c) = cited(&a)
        .into_iter()
        .find(|c| c.span.start <= at && at <= c.span.end && !c.url)
    {
        parts.push(path_hover(&a, &c.text));
        range = Some(c.span);
    }
    // The findings under the cursor: message, what the rule checks, and the fix.
    for f in a
        .findings
        .iter()
        .filter(|f| f.span.start <= at && at <= f.span.end)
    {
        parts.push(finding_hover(f));
        range.get_or_insert(f.span);
    }
    // A heading: the template section it was matched to.
    if let Some(si) = a
        .doc
        .sections
        .iter()
        .position(|s| s.heading_span.start <= at && at <= s.heading_span.end)
    {
        if a.is_spec {
            let schema = &setup.kinds.kinds[a.kind].schema;
            let matched = a.spec_to_doc.iter().position(|docs| docs.contains(&si));
            parts.push(match matched {
                Some(t) => format!(
                    "Template section: **{}** ({})",
                    schema.sections[t].title,
                    requirement(schema.sections[t].requirement)
                ),
                None => "No template section matches this heading.".to_string(),
            });
            range.get_or_insert(a.doc.sections[si].heading_span);
        }
    }
    match range {
        Some(r) => hover_value(parts.join("\n\n---\n\n"), range_of(text, index, r)),
        None => Value::Null,
    }
}

/// What a cited path is: whether it exists, and its first lines, or the cited lines
/// (`#L9-L12`, `:12`).
fn path_hover(a: &Analysis, cited: &str) -> String {
    match resolve(a, cited) {
        PathInfo::Exists(p) if p.is_dir() => format!("`{cited}`: directory exists"),
        PathInfo::Exists(p) if !p.is_file() => {
            // A FIFO would block the server on open, a device never end.
            format!("`{cited}`: exists (not a regular file; not read)")
        }
        PathInfo::Exists(p) => {
            let lang = p.extension().and_then(|x| x.to_str()).unwrap_or("");
            match specgate_model::evidence::cited_lines(cited) {
                Some((first, last)) => match lines_of(&p, first, last) {
                    Ok((shown, total)) if total >= first as usize => format!(
                        "`{cited}`: exists; lines {first}–{}\n\n```{lang}\n{shown}\n```",
                        last.min(total as u32)
                    ),
                    Ok((_, total)) => format!(
                        "`{cited}`: exists, but has {total} lines: line {first} is past its end"
                    ),
                    Err(_) => format!("`{cited}`: exists (not readable)"),
                },
                None => {
                    let head = head_of(&p)
                        .map(|b| {
                            String::from_utf8_lossy(&b)
                                .lines()
                                .take(10)
                                .collect::<Vec<_>>()
                                .join("\n")
                        })
                        .unwrap_or_default();
                    format!("`{cited}`: exists\n\n```{lang}\n{head}\n```")
                }
            }
        }
        PathInfo::Missing(p) => format!("`{cited}`: **not found** ({})", p.display()),
        PathInfo::Outside(why) => format!("`{cited}`: outside the evidence root ({why})"),
        PathInfo::Unchecked => format!("`{cited}`: not checked"),
    }
}

/// Lines `first..=last` of a regular file (at most 40 of them, from its first 4 MiB),
/// and how many lines the part read has.
fn lines_of(p: &Path, first: u32, last: u32) -> std::io::Result<(String, usize)> {
    use std::io::{BufRead, Read};
    let f = std::fs::File::open(p)?;
    let reader = std::io::BufReader::new(f.take(4 << 20));
    let mut shown = Vec::new();
    let mut total = 0usize;
    for line in reader.split(b'\n') {
        total += 1;
        let n = total as u32;
        if n >= first && n <= last && shown.len() < 40 {
            let l = line?;
            shown.push(
                String::from_utf8_lossy(&l)
                    .trim_end_matches('\r')
                    .to_string(),
            );
        } else {
            line?;
        }
    }
    Ok((shown.join("\n"), total))
}

/// A rule's documentation, line by line, without the doc comment's leading space.
fn doc_lines(r: &specgate_lint::Rule) -> Vec<&'static str> {
    r.meta
        .doc
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect()
}

/// A finding under the cursor: its message, the rule's first paragraph, and its fix.
fn finding_hover(f: &specgate_lint::Diagnostic) -> String {
    let rule = specgate_lint::lookup(f.code);
    let section = |title: &str| -> String {
        rule.map(|r| {
            let doc = doc_lines(r);
            let head = format!("## {title}");
            doc.iter()
                .skip_while(|l| l.trim() != head)
                .skip(1)
                .take_while(|l| !l.trim().is_empty() && !l.starts_with("## "))
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
    };
    let mut md = format!("**{}** `{}`: {}", f.code, f.name, f.message);
    let what = section("What it does");
    if !what.is_empty() {
        md.push_str(&format!("\n\n{what}"));
    }
    match &f.fix {
        Some(fix) => md.push_str(&format!(
            "\n\n**Fix** ({}): {}",
            match fix.applicability {
                specgate_lint::Applicability::Safe => "safe, a quick fix",
                specgate_lint::Applicability::Unsafe => "unsafe, a quick fix to review",
            },
            fix.message
        )),
        None => {
            let how = section("Fix");
            if !how.is_empty() {
                md.push_str(&format!("\n\n**Fix:** {how}"));
            }
        }
    }
    md
}

/// `text` as snippet text that expands to itself: `\`, `$` and `}` escaped.
fn escape_snippet(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '$' | '}') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The first 8 KiB of a regular file (the hover preview), never more.
fn head_of(p: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let f = std::fs::File::open(p)?;
    if !f.metadata()?.is_file() {
        return Ok(Vec::new());
    }
    let mut buf = Vec::with_capacity(8192);
    f.take(8192).read_to_end(&mut buf)?;
    Ok(buf)
}

fn hover_value(md: String, range: Range) -> Value {
    json!(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: md,
        }),
        range: Some(range),
    })
}

/// Completion of missing section headings (template order, the document's numbering
/// style), of header field names, and of header values such as `Status`.
/// Completion items. Each carries a `textEdit` over what the user typed and a
/// `filterText` that starts like it. For a client that declares snippet support the
/// edit is a snippet (its text escaped, so nothing expands): some clients (Neovim 0.11)
/// insert a plain `textEdit` only up to its first space, and a snippet whole.
pub fn completion(params: &CompletionParams, d: &Doc, setup: &Setup, snippets: bool) -> Value {
    if too_large(&d.text, setup) {
        return Value::Null;
    }
    let a = analyze(&d.text, d.path.as_deref(), setup);
    let (text, index) = (&a.doc.text, &a.doc.line_index);
    let pos = params.text_document_position.position;
    let at = offset_of(text, index, pos);
    let line = index.line_of(at);
    let line_span = index.line_span(text, line);
    let before = &text[line_span.start..at.max(line_span.start)];
    let whole_line = range_of(text, index, line_span);
    let schema = &setup.kinds.kinds[a.kind].schema;
    let mut items = Vec::new();
    let in_header = a
        .doc
        .sections
        .first()
        .is_none_or(|s| at < s.heading_span.start);
    let trimmed = before.trim_start();
    let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
    let after_hashes = &trimmed[hashes..];
    if hashes > 0 && (after_hashes.is_empty() || after_hashes.starts_with(' ')) {
        // What the user typed of the title, and where it starts on the line.
        let typed = after_hashes.trim_start();
        let title_at = at - typed.len();
        let suffix = numbering_suffix(&a.doc);
        for (i, spec) in schema.sections.iter().enumerate() {
            let present = |s: usize| !a.spec_to_doc.get(s).is_none_or(Vec::is_empty);
            if present(i) || spec.pattern.is_some() || spec.parent.is_some_and(|p| !present(p)) {
                continue;
            }
            let number = match (&spec.number, &suffix) {
                (Some(n), Some(sfx)) => {
                    format!("{}{sfx} ", n.trim_end_matches([')', '.']))
                }
                (Some(n), None) if a.doc.sections.is_empty() => format!("{n} "),
                _ => String::new(),
            };
            let full = format!("{number}{}", spec.title);
            let lower = typed.to_lowercase();
            if !typed.is_empty()
                && !spec.title.to_lowercase().starts_with(&lower)
                && !full.to_lowercase().starts_with(&lower)
            {
                continue;
            }
            // Once a space follows the hashes, the edit replaces the title only, from
            // where the typed word starts (clients filter on that word: `filterText` is
            // the title); `#` alone is replaced by the whole heading.
            let (range, new_text, filter) = if after_hashes.is_empty() {
                let heading = format!("{} {full}", "#".repeat(spec.level as usize));
                let filter = format!("{} {}", "#".repeat(spec.level as usize), spec.title);
                (whole_line, heading, filter)
            } else {
                if hashes != spec.level as usize {
                    continue;
                }
                let range = range_of(text, index, Span::new(title_at, line_span.end));
                (range, full.clone(), spec.title.clone())
            };
            items.push(CompletionItem {
                label: full,
                kind: Some(CompletionItemKind::MODULE),
                detail: Some(requirement(spec.requirement).into()),
                sort_text: Some(format!("{i:04}")),
                filter_text: Some(filter),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, new_text))),
                ..Default::default()
            });
        }
    } else if in_header && at > a.doc.title.as_ref().map_or(0, |t| t.span.end) {
        if let Some((key, value_at)) = header_key(before) {
            // Values of a field that lists alternatives (`Status`).
            if let Some(h) = schema
                .header
                .iter()
                .find(|h| h.key.eq_ignore_ascii_case(key))
            {
                let from = line_span.start + value_at;
                let range = range_of(text, index, Span::new(from, line_span.end));
                for (i, v) in h.allowed.iter().enumerate() {
                    items.push(CompletionItem {
                        label: v.clone(),
                        kind: Some(CompletionItemKind::ENUM_MEMBER),
                        sort_text: Some(format!("{i:04}")),
                        filter_text: Some(format!(" {v}")),
                        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                            range,
                            format!(" {v}"),
                        ))),
                        ..Default::default()
                    });
                }
            }
        } else if trimmed.chars().all(|c| c == '*') || trimmed.starts_with("**") {
            let have: HashSet<String> = a.doc.header.iter().map(|h| h.key.to_lowercase()).collect();
            let range = range_of(text, index, Span::new(line_span.start, at));
            for (i, h) in schema.header.iter().enumerate() {
                if have.contains(&h.key.to_lowercase()) {
                    continue;
                }
                let insert = format!("**{}:** ", h.key);
                items.push(CompletionItem {
                    label: h.key.clone(),
                    kind: Some(CompletionItemKind::FIELD),
                    sort_text: Some(format!("{i:04}")),
                    filter_text: Some(insert.clone()),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, insert))),
                    ..Default::default()
                });
            }
        }
    }
    if snippets {
        for it in &mut items {
            if let Some(CompletionTextEdit::Edit(e)) = &mut it.text_edit {
                e.new_text = escape_snippet(&e.new_text);
                it.insert_text_format = Some(InsertTextFormat::SNIPPET);
            }
        }
    }
    json!(CompletionResponse::List(CompletionList {
        is_incomplete: false,
        items,
    }))
}

fn requirement(r: Requirement) -> &'static str {
    match r {
        Requirement::Required => "required",
        Requirement::RequiredOrNa => "required (or N/A with a reason)",
        Requirement::Recommended => "recommended",
        Requirement::Optional => "optional",
    }
}

/// `**Key:** value…` up to the cursor: the key and the byte offset after `:**`.
fn header_key(before: &str) -> Option<(&str, usize)> {
    let lead = before.len() - before.trim_start().len();
    let rest = before[lead..].strip_prefix("**")?;
    let end = rest.find(":**")?;
    Some((rest[..end].trim(), lead + 2 + end + 3))
}

/// How the document numbers its sections: `Some(")")` for `1)`, `Some(".")` for `1.`,
/// `Some("")` for `1`, `None` when its sections carry no numbers (or it has none).
fn numbering_suffix(doc: &Document) -> Option<String> {
    let n = doc.sections.iter().find_map(|s| s.number.as_deref())?;
    Some(match n.chars().last() {
        Some(')') => ")".into(),
        Some('.') => ".".into(),
        _ => String::new(),
    })
}

/// The section tree, for the outline.
pub fn symbols(d: &Doc, setup: &Setup) -> Value {
    if too_large(&d.text, setup) {
        return Value::Null;
    }
    let doc = parse(&d.text);
    #[allow(deprecated)]
    fn build(doc: &Document, id: usize) -> DocumentSymbol {
        let s = &doc.sections[id];
        let (text, index) = (&doc.text, &doc.line_index);
        let name = match &s.number {
            Some(n) => format!("{n} {}", s.title),
            None => s.title.clone(),
        };
        let name = if name.trim().is_empty() {
            "(untitled)".to_string()
        } else {
            name
        };
        let full = Span::new(
            s.heading_span.start,
            s.body_span.end.max(s.heading_span.end),
        );
        DocumentSymbol {
            name,
            detail: None,
            kind: if s.level <= 2 {
                SymbolKind::MODULE
            } else {
                SymbolKind::NAMESPACE
            },
            tags: None,
            deprecated: None,
            range: range_of(text, index, full),
            selection_range: range_of(text, index, s.heading_span),
            children: Some(s.children.iter().map(|&c| build(doc, c)).collect()),
        }
    }
    let roots: Vec<DocumentSymbol> = doc.roots().map(|r| build(&doc, r)).collect();
    json!(roots)
}

/// Links from evidence paths and Evidence Map entries to the cited files.
pub fn links(d: &Doc, setup: &Setup) -> Value {
    if too_large(&d.text, setup) {
        return Value::Null;
    }
    let a = analyze(&d.text, d.path.as_deref(), setup);
    let (text, index) = (&a.doc.text, &a.doc.line_index);
    let mut out = Vec::new();
    for c in cited(&a) {
        let target: Option<Uri> = if c.url {
            c.text.parse().ok()
        } else {
            match resolve(&a, &c.text) {
                PathInfo::Exists(p) => path_to_uri(&p),
                _ => None,
            }
        };
        if let Some(target) = target {
            out.push(DocumentLink {
                range: range_of(text, index, c.span),
                target: Some(target),
                tooltip: Some(format!("Open {}", c.text)),
                data: None,
            });
        }
    }
    json!(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn snippet_text_expands_to_itself() {
        assert_eq!(super::escape_snippet("3) Scope"), "3) Scope");
        assert_eq!(
            super::escape_snippet("Cost ($) {x} a\\b"),
            "Cost (\\$) {x\\} a\\\\b"
        );
    }
}
