//! Rendering findings: human (rustc-style), JSON, GitHub annotations, SARIF and JUnit.
//!
//! Each file is rendered as soon as it is checked (in parallel) and its document is
//! dropped; [`Emitter`] then writes the rendered pieces in input order, so memory stays
//! bounded however many files a run checks.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use specgate_lint::{Diagnostic, Severity};
use specgate_model::{Document, Span};

use crate::OutputFormat;

/// One file's result, already rendered for the chosen format.
pub struct FileReport {
    pub path: PathBuf,
    /// Human frames, GitHub lines, a JSON object, SARIF result objects (comma-joined)
    /// or a JUnit test case.
    pub rendered: String,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Unreadable input: the reason.
    pub error: Option<String>,
    pub fixed: usize,
    /// Not checked: not a spec after all, or of no known kind (read with its text).
    pub skipped: Option<crate::project::Skip>,
    /// The template it was checked against.
    pub template: Option<String>,
}

impl FileReport {
    /// A file with nothing found, fixed or rendered yet.
    pub fn empty(path: &Path) -> FileReport {
        FileReport {
            path: path.to_path_buf(),
            rendered: String::new(),
            errors: 0,
            warnings: 0,
            infos: 0,
            error: None,
            fixed: 0,
            skipped: None,
            template: None,
        }
    }

    pub fn skipped(path: &Path, why: crate::project::Skip) -> FileReport {
        FileReport {
            skipped: Some(why),
            ..FileReport::empty(path)
        }
    }

    pub fn error(path: &Path, reason: String, format: OutputFormat) -> FileReport {
        let mut r = FileReport {
            error: Some(reason),
            ..FileReport::empty(path)
        };
        r.rendered = render(format, &r, None, &[]);
        r
    }

    pub fn new(
        path: &Path,
        doc: &Document,
        diagnostics: &[Diagnostic],
        fixed: usize,
        format: OutputFormat,
        template: Option<&str>,
    ) -> FileReport {
        let n = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
        let mut r = FileReport {
            path: path.to_path_buf(),
            rendered: String::new(),
            errors: n(Severity::Error),
            warnings: n(Severity::Warning),
            infos: n(Severity::Info),
            error: None,
            fixed,
            skipped: None,
            template: template.map(str::to_string),
        };
        r.rendered = render(format, &r, Some(doc), diagnostics);
        r
    }
}

fn render(
    format: OutputFormat,
    r: &FileReport,
    doc: Option<&Document>,
    diags: &[Diagnostic],
) -> String {
    if let (OutputFormat::Human, Some(doc)) = (format, doc) {
        // About 350 bytes per finding; one allocation in the common case.
        let mut out = String::with_capacity(diags.len() * 384);
        let st = Style::detect();
        let path = r.path.to_string_lossy();
        for d in diags {
            frame(&mut out, &st, &path, doc, d);
        }
        return out;
    }
    let mut out: Vec<u8> = Vec::new();
    let _ = match (format, doc) {
        (OutputFormat::Json, _) => json_file(&mut out, r, doc, diags),
        (OutputFormat::Github, Some(doc)) => github_file(&mut out, r, doc, diags),
        (OutputFormat::Sarif, Some(doc)) => sarif_results(&mut out, r, doc, diags),
        (OutputFormat::Junit, _) => junit_case(&mut out, r, doc, diags),
        _ => Ok(()),
    };
    String::from_utf8(out).unwrap_or_default()
}

/// Writes rendered files in order, then the closing summary.
pub struct Emitter {
    format: OutputFormat,
    quiet: bool,
    out: std::io::BufWriter<std::io::Stdout>,
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    fixed: usize,
    failed_files: usize,
    /// Files that could not be read or decoded.
    unreadable: usize,
    /// Whether a JSON file object or SARIF result was written (for separators).
    wrote_item: bool,
    /// JUnit needs the counts in its header: cases are held until the end.
    junit_cases: Vec<String>,
}

impl Emitter {
    pub fn new(format: OutputFormat, quiet: bool) -> Emitter {
        let mut e = Emitter {
            format,
            quiet,
            out: std::io::BufWriter::new(std::io::stdout()),
            files: 0,
            errors: 0,
            warnings: 0,
            infos: 0,
            fixed: 0,
            failed_files: 0,
            unreadable: 0,
            wrote_item: false,
            junit_cases: Vec::new(),
        };
        let _ = match format {
            OutputFormat::Json => write!(e.out, "{{\"schema_version\":1,\"files\":["),
            OutputFormat::Sarif => write!(e.out, "{}", sarif_head()),
            _ => Ok(()),
        };
        e
    }

    pub fn file(&mut self, r: FileReport) {
        if let Some(e) = &r.error {
            eprintln!("error: {}: {e}", r.path.display());
            self.unreadable += 1;
        }
        self.files += 1;
        self.errors += r.errors;
        self.warnings += r.warnings;
        self.infos += r.infos;
        self.fixed += r.fixed;
        if r.errors > 0 || r.error.is_some() {
            self.failed_files += 1;
        }
        match self.format {
            OutputFormat::Json | OutputFormat::Sarif => {
                if !r.rendered.is_empty() {
                    if self.wrote_item {
                        let _ = self.out.write_all(b",\n");
                    }
                    let _ = self.out.write_all(r.rendered.as_bytes());
                    self.wrote_item = true;
                }
            }
            OutputFormat::Junit => self.junit_cases.push(r.rendered),
            _ => {
                let _ = self.out.write_all(r.rendered.as_bytes());
            }
        }
    }

    /// Writes the closing part; returns the number of errors.
    /// `skipped`: walked files that were not checked (not specs, or of no known kind).
    pub fn finish(mut self, skipped: usize) -> usize {
        let _ = match self.format {
            OutputFormat::Human => self.human_summary(skipped),
            OutputFormat::Json => writeln!(
                self.out,
                "],\"summary\":{{\"files\":{},\"errors\":{},\"warnings\":{},\"infos\":{},\"skipped\":{skipped}}}}}",
                self.files, self.errors, self.warnings, self.infos
            ),
            OutputFormat::Sarif => writeln!(self.out, "]}}]}}"),
            OutputFormat::Junit => self.junit_all(),
            OutputFormat::Github => Ok(()),
        };
        let _ = self.out.flush();
        self.errors
    }

    fn human_summary(&mut self, skipped: usize) -> std::io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        let (e, w, i, files) = (self.errors, self.warnings, self.infos, self.files);
        let skipped = if skipped == 0 {
            String::new()
        } else {
            format!("; {skipped} skipped as not a spec of a known template")
        };
        if self.fixed > 0 {
            writeln!(
                self.out,
                "Fixed {} finding{}.",
                self.fixed,
                plural(self.fixed)
            )?;
        }
        if self.unreadable > 0 {
            let u = self.unreadable;
            writeln!(
                self.out,
                "Found {e} error{}, {w} warning{}, {i} info in {files} file{}; {u} file{} could not be checked (see above){skipped}.",
                plural(e),
                plural(w),
                plural(files),
                plural(u)
            )
        } else if e + w + i == 0 {
            writeln!(
                self.out,
                "All checks passed ({files} file{}{skipped}).",
                plural(files)
            )
        } else {
            writeln!(
                self.out,
                "Found {e} error{}, {w} warning{}, {i} info in {files} file{}{skipped}.",
                plural(e),
                plural(w),
                plural(files)
            )
        }
    }

    fn junit_all(&mut self) -> std::io::Result<()> {
        let (n, f) = (self.files, self.failed_files);
        writeln!(self.out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            self.out,
            r#"<testsuites name="specgate" tests="{n}" failures="{f}">"#
        )?;
        writeln!(
            self.out,
            r#"  <testsuite name="specgate check" tests="{n}" failures="{f}">"#
        )?;
        for c in &self.junit_cases {
            self.out.write_all(c.as_bytes())?;
        }
        writeln!(self.out, "  </testsuite>\n</testsuites>")
    }
}

struct Style {
    on: bool,
}

impl Style {
    /// Whether to colour: `CLICOLOR_FORCE`, else not under `NO_COLOR`, else when stdout
    /// is a terminal. Decided once per run, not asked again for each file.
    fn detect() -> Style {
        static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        let on = *ON.get_or_init(|| {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let force = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0");
            force || (!no_color && std::io::stdout().is_terminal())
        });
        Style { on }
    }

    fn open(&self, out: &mut String, code: &str) {
        if self.on {
            out.push_str("\x1b[");
            out.push_str(code);
            out.push('m');
        }
    }
    fn close(&self, out: &mut String) {
        if self.on {
            out.push_str("\x1b[0m");
        }
    }
    fn paint(&self, out: &mut String, code: &str, s: &str) {
        self.open(out, code);
        out.push_str(s);
        self.close(out);
    }
}

fn sev_color(s: Severity) -> &'static str {
    match s {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// One finding like rustc: the headline, the location, each labelled line with its
/// underline, then the help and the fix. Written straight into `out` (no `format!`
/// per piece): on a large run this is most of the output's cost.
fn frame(out: &mut String, st: &Style, path: &str, doc: &Document, d: &Diagnostic) {
    let (text, index) = (doc.text.as_str(), &doc.line_index);
    let lc = index.line_col(text, d.span.start);
    st.open(out, sev_color(d.severity));
    out.push_str(d.severity.as_str());
    out.push('[');
    out.push_str(d.code);
    out.push(']');
    st.close(out);
    out.push_str(": ");
    st.paint(out, "1", &d.message);
    out.push('\n');
    let primary_line = index.line_of(d.span.start);
    let mut spans: Vec<(Span, &str, bool)> = Vec::with_capacity(1 + d.labels.len());
    spans.push((d.span, "", true));
    spans.extend(
        d.labels
            .iter()
            .filter(|l| index.line_of(l.span.start) != primary_line)
            .map(|l| (l.span, l.message.as_str(), false)),
    );
    let last_line = spans
        .iter()
        .map(|(s, _, _)| index.line_of(s.start) + 1)
        .max();
    let width = digits(last_line.unwrap_or(1));
    pad(out, width);
    st.paint(out, "1;34", "-->");
    out.push(' ');
    out.push_str(path);
    out.push(':');
    push_number(out, lc.line);
    out.push(':');
    push_number(out, lc.column);
    out.push('\n');
    gutter(out, st, width, "|");
    out.push('\n');
    spans.sort_by_key(|(s, _, _)| s.start);
    for (span, label, primary) in spans {
        let line = index.line_of(span.start);
        let ls = index.line_span(text, line);
        // Columns come from the line index (checkpointed), never from counting a long
        // line per finding; a window of at most 200 characters is shown around the span.
        let from = span.start.clamp(ls.start, ls.end);
        let start_col = if from == d.span.start {
            lc.column
        } else {
            index.line_col(text, from).column
        } - 1;
        let end = span.end.clamp(ls.start, ls.end).max(span.start.min(ls.end));
        let len = text[from..text.floor_char_boundary(end.min(from + 1024))]
            .chars()
            .count()
            .max(1);
        let skip = start_col.saturating_sub(60);
        let skip_at = if skip == 0 {
            ls.start
        } else {
            text[ls.start..from]
                .char_indices()
                .rev()
                .nth(59)
                .map_or(ls.start, |(i, _)| ls.start + i)
        };
        let lead = if skip > 0 { "…" } else { "" };
        let line_text = &text[skip_at..ls.end];
        let shown = match line_text.char_indices().nth(200) {
            Some((i, _)) => &line_text[..i],
            None => line_text,
        };
        st.open(out, "1;34");
        pad(out, width - digits(line + 1));
        push_number(out, line + 1);
        st.close(out);
        out.push(' ');
        st.paint(out, "1;34", "|");
        out.push(' ');
        out.push_str(lead);
        for (i, part) in shown.split('\t').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(part);
        }
        out.push('\n');
        let col = start_col - skip + lead.chars().count();
        gutter(out, st, width, "|");
        out.push(' ');
        st.open(
            out,
            if primary {
                sev_color(d.severity)
            } else {
                "1;34"
            },
        );
        pad(out, col.min(200));
        let marks = len.min(200usize.saturating_sub(col).max(1));
        for _ in 0..marks {
            out.push(if primary { '^' } else { '-' });
        }
        if !label.is_empty() {
            out.push(' ');
            out.push_str(label);
        }
        st.close(out);
        out.push('\n');
    }
    if let Some(h) = &d.help {
        gutter(out, st, width, "=");
        out.push(' ');
        st.paint(out, "1", "help");
        out.push_str(": ");
        out.push_str(h);
        out.push('\n');
    }
    if let Some(f) = &d.fix {
        let kind = match f.applicability {
            specgate_lint::Applicability::Safe => "safe fix",
            specgate_lint::Applicability::Unsafe => "unsafe fix",
        };
        gutter(out, st, width, "=");
        out.push(' ');
        st.paint(out, "1", kind);
        out.push_str(": ");
        out.push_str(&f.message);
        out.push('\n');
    }
    out.push('\n');
}

/// `width` spaces, then `mark` in the gutter's colour.
fn gutter(out: &mut String, st: &Style, width: usize, mark: &str) {
    pad(out, width);
    out.push(' ');
    st.paint(out, "1;34", mark);
}

fn pad(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut n = n;
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        n -= k;
    }
}

fn digits(mut n: usize) -> usize {
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

fn push_number(out: &mut String, n: usize) {
    let d = digits(n);
    let mut div = 10usize.pow(d as u32 - 1);
    for _ in 0..d {
        out.push(char::from(b'0' + (n / div % 10) as u8));
        div /= 10;
    }
}

/// JSON output, schema version 1:
/// `{schema_version, files: [{path, error, diagnostics: [...]}], summary: {files, errors, warnings, infos}}`.
fn json_file(
    out: &mut impl Write,
    r: &FileReport,
    doc: Option<&Document>,
    diags: &[Diagnostic],
) -> std::io::Result<()> {
    let v = crate::json::JsonFile {
        diagnostics: match doc {
            Some(doc) => diags
                .iter()
                .map(|d| crate::json::JsonDiagnostic::new(doc, d))
                .collect(),
            None => Vec::new(),
        },
        error: r.error.as_deref(),
        path: r.path.display().to_string(),
        template: r.template.as_deref(),
    };
    serde_json::to_writer(&mut *out, &v)?;
    Ok(())
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

fn github_file(
    out: &mut impl Write,
    r: &FileReport,
    doc: &Document,
    diags: &[Diagnostic],
) -> std::io::Result<()> {
    for d in diags {
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
    Ok(())
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// SARIF 2.1.0: one run, every rule with its help text; results are streamed after it.
fn sarif_head() -> String {
    let rules: Vec<_> = specgate_lint::RULES
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.code,
                "name": r.meta.name,
                "shortDescription": { "text": crate::rules_doc::summary(r.meta.doc) },
                "fullDescription": { "text": crate::rules_doc::summary(r.meta.doc) },
                "help": { "text": r.meta.doc, "markdown": r.meta.doc },
                "defaultConfiguration": { "level": sarif_level(r.meta.severity) },
                "properties": { "category": r.meta.category },
            })
        })
        .collect();
    let driver = serde_json::json!({
        "name": "specgate",
        "version": env!("CARGO_PKG_VERSION"),
        "informationUri": "https://github.com/specgate/specgate",
        "rules": rules,
    });
    format!(
        "{{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":{driver}}},\"columnKind\":\"unicodeCodePoints\",\"results\":["
    )
}

fn sarif_results(
    out: &mut impl Write,
    r: &FileReport,
    doc: &Document,
    diags: &[Diagnostic],
) -> std::io::Result<()> {
    let uri = r.path.display().to_string().replace('\\', "/");
    for (i, d) in diags.iter().enumerate() {
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
        if i > 0 {
            out.write_all(b",\n")?;
        }
        use crate::json::*;
        let v = SarifResult {
            level: sarif_level(d.severity),
            locations: [SarifLocation {
                physical_location: SarifPhysical {
                    artifact_location: SarifArtifact { uri: &uri },
                    region: SarifRegion {
                        end_column: b.column,
                        end_line: b.line,
                        start_column: a.column,
                        start_line: a.line,
                    },
                },
            }],
            message: SarifMessage { text },
            rule_id: d.code,
            rule_index: index,
        };
        serde_json::to_writer(&mut *out, &v)?;
    }
    Ok(())
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
fn junit_case(
    out: &mut impl Write,
    r: &FileReport,
    doc: Option<&Document>,
    diags: &[Diagnostic],
) -> std::io::Result<()> {
    let name = xml_escape(&r.path.display().to_string());
    writeln!(out, r#"    <testcase classname="specgate" name="{name}">"#)?;
    if let Some(e) = &r.error {
        writeln!(
            out,
            r#"      <failure message="{}" type="io"/>"#,
            xml_escape(e)
        )?;
    }
    if let Some(doc) = doc {
        let mut notes = String::new();
        for d in diags {
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
    writeln!(out, "    </testcase>")
}
