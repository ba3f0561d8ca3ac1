//! Rendering findings: human (rustc-style), JSON and GitHub annotations.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use specgate_lint::{Diagnostic, Severity};
use specgate_model::{Document, Span};

use crate::check::count;
use crate::OutputFormat;

pub struct FileReport {
    pub path: PathBuf,
    pub doc: Option<Document>,
    pub diagnostics: Vec<Diagnostic>,
    /// Unreadable input: the reason.
    pub error: Option<String>,
    pub fixed: usize,
}

impl FileReport {
    pub fn error(path: &Path, reason: String) -> FileReport {
        FileReport {
            path: path.to_path_buf(),
            doc: None,
            diagnostics: Vec::new(),
            error: Some(reason),
            fixed: 0,
        }
    }
}

/// Prints every report; returns the number of errors.
pub fn emit(reports: &[FileReport], format: OutputFormat, quiet: bool) -> usize {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for r in reports {
        if let Some(e) = &r.error {
            eprintln!("error: {}: {e}", r.path.display());
        }
    }
    let errors = count(reports, Severity::Error);
    let _ = match format {
        OutputFormat::Human => human(&mut out, reports, quiet),
        OutputFormat::Json => json(&mut out, reports),
        OutputFormat::Github => github(&mut out, reports),
        OutputFormat::Sarif => sarif(&mut out, reports),
        OutputFormat::Junit => junit(&mut out, reports),
    };
    let _ = out.flush();
    errors
}

struct Style {
    on: bool,
}

impl Style {
    fn detect() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let force = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0");
        Style {
            on: force || (!no_color && std::io::stdout().is_terminal()),
        }
    }
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

fn sev_color(s: Severity) -> &'static str {
    match s {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

fn human(out: &mut impl Write, reports: &[FileReport], quiet: bool) -> std::io::Result<()> {
    let st = Style::detect();
    for r in reports {
        let Some(doc) = &r.doc else { continue };
        for d in &r.diagnostics {
            frame(out, &st, &r.path, doc, d)?;
        }
    }
    if quiet {
        return Ok(());
    }
    let (e, w, i) = (
        count(reports, Severity::Error),
        count(reports, Severity::Warning),
        count(reports, Severity::Info),
    );
    let fixed: usize = reports.iter().map(|r| r.fixed).sum();
    if fixed > 0 {
        writeln!(out, "Fixed {fixed} finding{}.", plural(fixed))?;
    }
    let files = reports.len();
    if e + w + i == 0 {
        writeln!(out, "All checks passed ({files} file{}).", plural(files))?;
    } else {
        writeln!(
            out,
            "Found {e} error{}, {w} warning{}, {i} info in {files} file{}.",
            plural(e),
            plural(w),
            plural(files)
        )?;
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn frame(
    out: &mut impl Write,
    st: &Style,
    path: &Path,
    doc: &Document,
    d: &Diagnostic,
) -> std::io::Result<()> {
    let lc = doc.line_index.line_col(&doc.text, d.span.start);
    let head = format!("{}[{}]", d.severity.as_str(), d.code);
    writeln!(
        out,
        "{}: {}",
        st.paint(sev_color(d.severity), &head),
        st.paint("1", &d.message)
    )?;
    let mut spans: Vec<(Span, &str, bool)> = vec![(d.span, "", true)];
    let primary_line = doc.line_index.line_of(d.span.start);
    spans.extend(
        d.labels
            .iter()
            .filter(|l| doc.line_index.line_of(l.span.start) != primary_line)
            .map(|l| (l.span, l.message.as_str(), false)),
    );
    let width = spans
        .iter()
        .map(|(s, _, _)| {
            doc.line_index
                .line_col(&doc.text, s.start)
                .line
                .to_string()
                .len()
        })
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(width);
    writeln!(
        out,
        "{pad}{} {}:{}:{}",
        st.paint("1;34", "-->"),
        path.display(),
        lc.line,
        lc.column
    )?;
    writeln!(out, "{pad} {}", st.paint("1;34", "|"))?;
    spans.sort_by_key(|(s, _, _)| s.start);
    for (span, label, primary) in spans {
        let line = doc.line_index.line_of(span.start);
        let ls = doc.line_index.line_span(&doc.text, line);
        let text = ls.slice(&doc.text);
        let start_col = doc.text[ls.start..span.start.clamp(ls.start, ls.end)]
            .chars()
            .count();
        let end = span.end.clamp(ls.start, ls.end).max(span.start.min(ls.end));
        let len = doc.text[span.start.clamp(ls.start, ls.end)..end]
            .chars()
            .count()
            .max(1);
        let shown: String = text.chars().take(200).collect();
        writeln!(
            out,
            "{} {} {}",
            st.paint("1;34", &format!("{:>width$}", line + 1)),
            st.paint("1;34", "|"),
            shown.replace('\t', " ")
        )?;
        let marker = if primary { "^" } else { "-" };
        let color = if primary {
            sev_color(d.severity)
        } else {
            "1;34"
        };
        let underline = format!(
            "{}{}",
            " ".repeat(start_col.min(200)),
            marker.repeat(len.min(200usize.saturating_sub(start_col).max(1)))
        );
        let msg = if label.is_empty() {
            String::new()
        } else {
            format!(" {label}")
        };
        writeln!(
            out,
            "{pad} {} {}",
            st.paint("1;34", "|"),
            st.paint(color, &format!("{underline}{msg}"))
        )?;
    }
    if let Some(h) = &d.help {
        writeln!(
            out,
            "{pad} {} {}: {h}",
            st.paint("1;34", "="),
            st.paint("1", "help")
        )?;
    }
    if let Some(f) = &d.fix {
        let kind = match f.applicability {
            specgate_lint::Applicability::Safe => "safe fix",
            specgate_lint::Applicability::Unsafe => "unsafe fix",
        };
        writeln!(
            out,
            "{pad} {} {}: {}",
            st.paint("1;34", "="),
            st.paint("1", kind),
            f.message
        )?;
    }
    writeln!(out)
}

fn position(doc: &Document, span: Span) -> serde_json::Value {
    let a = doc.line_index.line_col(&doc.text, span.start);
    let b = doc.line_index.line_col(&doc.text, span.end);
    serde_json::json!({ "line": a.line, "column": a.column, "end_line": b.line, "end_column": b.column, "offset": span.start, "length": span.len() })
}

/// JSON output, schema version 1:
/// `{schema_version, files: [{path, error, diagnostics: [...]}], summary: {files, errors, warnings, infos}}`.
fn json(out: &mut impl Write, reports: &[FileReport]) -> std::io::Result<()> {
    let files: Vec<_> = reports
        .iter()
        .map(|r| {
            let diags: Vec<_> = match &r.doc {
                Some(doc) => r
                    .diagnostics
                    .iter()
                    .map(|d| {
                        serde_json::json!({
                            "code": d.code, "name": d.name, "severity": d.severity.as_str(),
                            "message": d.message, "location": position(doc, d.span),
                            "labels": d.labels.iter().map(|l| serde_json::json!({"message": l.message, "location": position(doc, l.span)})).collect::<Vec<_>>(),
                            "help": d.help,
                            "fix": d.fix.as_ref().map(|f| serde_json::json!({
                                "message": f.message, "applicability": f.applicability,
                                "edits": f.edits.iter().map(|e| serde_json::json!({"location": position(doc, e.span), "replacement": e.replacement})).collect::<Vec<_>>(),
                            })),
                        })
                    })
                    .collect(),
                None => Vec::new(),
            };
            serde_json::json!({ "path": r.path.display().to_string(), "error": r.error, "diagnostics": diags })
        })
        .collect();
    let v = serde_json::json!({
        "schema_version": 1,
        "files": files,
        "summary": {
            "files": reports.len(),
            "errors": count(reports, Severity::Error),
            "warnings": count(reports, Severity::Warning),
            "infos": count(reports, Severity::Info),
        }
    });
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}

fn gh_escape(s: &str, prop: bool) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if prop {
        s.replace(':', "%3A").replace(',', "%2C")
    } else {
        s
    }
}

fn github(out: &mut impl Write, reports: &[FileReport]) -> std::io::Result<()> {
    for r in reports {
        let Some(doc) = &r.doc else { continue };
        for d in &r.diagnostics {
            let a = doc.line_index.line_col(&doc.text, d.span.start);
            let b = doc.line_index.line_col(&doc.text, d.span.end);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                gh_escape(&r.path.display().to_string(), true),
                a.line,
                a.column,
                b.line,
                b.column,
                gh_escape(&format!("{} ({})", d.code, d.name), true),
                gh_escape(&d.message, false)
            )?;
        }
    }
    Ok(())
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// SARIF 2.1.0: one run, every rule with its help text, one result per finding.
fn sarif(out: &mut impl Write, reports: &[FileReport]) -> std::io::Result<()> {
    let rules: Vec<_> = specgate_lint::RULES
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.code,
                "name": r.meta.name,
                "shortDescription": { "text": crate::summary(r.meta.doc) },
                "fullDescription": { "text": crate::summary(r.meta.doc) },
                "help": { "text": r.meta.doc, "markdown": r.meta.doc },
                "defaultConfiguration": { "level": sarif_level(r.meta.severity) },
                "properties": { "category": r.meta.category },
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        let Some(doc) = &r.doc else { continue };
        let uri = r.path.display().to_string().replace('\\', "/");
        for d in &r.diagnostics {
            let a = doc.line_index.line_col(&doc.text, d.span.start);
            let b = doc.line_index.line_col(&doc.text, d.span.end);
            let index = specgate_lint::RULES
                .iter()
                .position(|x| x.code == d.code)
                .unwrap_or(0);
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str(&format!(" (help: {h})"));
            }
            results.push(serde_json::json!({
                "ruleId": d.code,
                "ruleIndex": index,
                "level": sarif_level(d.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": {
                            "startLine": a.line, "startColumn": a.column,
                            "endLine": b.line, "endColumn": b.column,
                        }
                    }
                }],
            }));
        }
    }
    let v = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "specgate",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/specgate/specgate",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}

fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => o.push(c),
        }
    }
    o
}

/// JUnit XML: a test case per file; a failure per error (warnings in system-out).
fn junit(out: &mut impl Write, reports: &[FileReport]) -> std::io::Result<()> {
    let failures = reports
        .iter()
        .filter(|r| {
            r.error.is_some() || r.diagnostics.iter().any(|d| d.severity == Severity::Error)
        })
        .count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="specgate" tests="{}" failures="{failures}">"#,
        reports.len()
    )?;
    writeln!(
        out,
        r#"  <testsuite name="specgate check" tests="{}" failures="{failures}">"#,
        reports.len()
    )?;
    for r in reports {
        let name = xml_escape(&r.path.display().to_string());
        writeln!(out, r#"    <testcase classname="specgate" name="{name}">"#)?;
        if let Some(e) = &r.error {
            writeln!(
                out,
                r#"      <failure message="{}" type="io"/>"#,
                xml_escape(e)
            )?;
        }
        if let Some(doc) = &r.doc {
            let mut notes = String::new();
            for d in &r.diagnostics {
                let lc = doc.line_index.line_col(&doc.text, d.span.start);
                let line = format!(
                    "{}:{}:{}: {}[{}] {}",
                    r.path.display(),
                    lc.line,
                    lc.column,
                    d.severity.as_str(),
                    d.code,
                    d.message
                );
                if d.severity == Severity::Error {
                    writeln!(
                        out,
                        r#"      <failure message="{}" type="{}">{}</failure>"#,
                        xml_escape(&d.message),
                        d.code,
                        xml_escape(&line)
                    )?;
                } else {
                    notes.push_str(&line);
                    notes.push('\n');
                }
            }
            if !notes.is_empty() {
                writeln!(out, "      <system-out>{}</system-out>", xml_escape(&notes))?;
            }
        }
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>\n</testsuites>")
}
