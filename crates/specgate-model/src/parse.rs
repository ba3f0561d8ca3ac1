//! One pass over pulldown-cmark's events builds the [`Document`].
//!
//! Invariants: never panics, never fails; every span lies on char boundaries of the text;
//! headings are only taken from top-level ATX/setext headings, so `# comment` lines
//! inside fenced code are never sections.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::document::*;
use crate::evidence::scan_line;
use crate::heading::{normalize_title, split_heading};
use crate::span::{LineIndex, Span};
use crate::table::{looks_like_delimiter, looks_like_table_row, parse_table};

struct RawHeading {
    level: u8,
    span: Span,
}

/// A code block being collected: span, info, lang, per-line file ranges, nested.
type CodeBuild = (Span, String, String, Vec<(usize, usize)>, bool);

struct ItemBuild {
    span: Span,
    depth: u32,
    checked: Option<bool>,
    children: Vec<Span>,
    nested: Vec<Span>,
}

/// Parses Markdown text into a [`Document`]. Never fails.
pub fn parse(text: impl Into<String>) -> Document {
    let text: String = text.into();
    let line_index = LineIndex::new(&text);
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_TASKLISTS);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);

    let mut front_matter = None;
    let mut headings: Vec<RawHeading> = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut links = Vec::new();

    // Container depth (lists, items, block quotes, footnotes).
    let mut depth: u32 = 0;
    // Lists being built: top-level list data.
    let mut list: Option<(Span, bool, Vec<ItemBuild>)> = None;
    let mut item_stack: Vec<usize> = Vec::new();
    let mut code: Option<CodeBuild> = None;
    let mut skip_quote_depth: Option<u32> = None;

    for (event, range) in Parser::new_ext(&text, opts).into_offset_iter() {
        let span = Span::from(range);
        match event {
            Event::Start(tag) => match &tag {
                Tag::MetadataBlock(_) if span.start == 0 => {
                    let first = line_index.line_span(&text, 0);
                    let last_line = line_index.line_of(span.end.saturating_sub(1));
                    let last = line_index.line_span(&text, last_line);
                    let content_start = (first.end + 1).min(span.end);
                    front_matter = Some(FrontMatter {
                        span,
                        content: Span::new(content_start, last.start.max(content_start)),
                    });
                }
                Tag::Heading { level, .. } if depth == 0 => {
                    headings.push(RawHeading {
                        level: heading_level(*level),
                        span: trim_span(&text, span),
                    });
                }
                Tag::Paragraph if depth == 0 => {
                    let span = trim_span(&text, span);
                    let lines = line_spans(&text, &line_index, span);
                    let kind = table_in_paragraph(&text, &lines)
                        .map(BlockKind::Table)
                        .unwrap_or(BlockKind::Paragraph { lines });
                    blocks.push(Block {
                        span,
                        section: None,
                        kind,
                    });
                }
                Tag::Table(_) => {
                    if depth == 0 {
                        let span = trim_span(&text, span);
                        let lines = line_spans(&text, &line_index, span);
                        if let Some(t) = parse_table(&text, &lines, true) {
                            blocks.push(Block {
                                span,
                                section: None,
                                kind: BlockKind::Table(t),
                            });
                        }
                    } else if let Some(&top) = item_stack.last() {
                        push_nested(&mut list, top, span);
                    }
                }
                Tag::CodeBlock(kind) => {
                    let info = match kind {
                        CodeBlockKind::Fenced(info) => info.to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    let lang = info
                        .split(|c: char| c.is_whitespace() || c == '{' || c == ',')
                        .next()
                        .unwrap_or("")
                        .to_string();
                    if let Some(&top) = item_stack.last() {
                        push_nested(&mut list, top, span);
                    }
                    code = Some((trim_span(&text, span), info, lang, Vec::new(), depth > 0));
                }
                Tag::HtmlBlock if depth == 0 => {
                    let span = trim_span(&text, span);
                    let comment = span.slice(&text).trim_start().starts_with("<!--");
                    blocks.push(Block {
                        span,
                        section: None,
                        kind: BlockKind::Html { comment },
                    });
                }
                Tag::BlockQuote(_) => {
                    if depth == 0 {
                        let span = trim_span(&text, span);
                        let lines = line_spans(&text, &line_index, span)
                            .into_iter()
                            .map(|l| strip_quote_marker(&text, l))
                            .collect();
                        blocks.push(Block {
                            span,
                            section: None,
                            kind: BlockKind::BlockQuote { lines },
                        });
                        skip_quote_depth.get_or_insert(depth);
                    } else if let Some(&top) = item_stack.last() {
                        push_nested(&mut list, top, span);
                    }
                    depth += 1;
                }
                Tag::List(start) => {
                    if depth == 0 && skip_quote_depth.is_none() {
                        list = Some((trim_span(&text, span), start.is_some(), Vec::new()));
                    }
                    depth += 1;
                }
                Tag::Item => {
                    if let Some((_, _, items)) = list.as_mut() {
                        let d = item_stack.len() as u32;
                        if let Some(&parent) = item_stack.last() {
                            items[parent].children.push(span);
                        }
                        items.push(ItemBuild {
                            span: trim_span(&text, span),
                            depth: d,
                            checked: None,
                            children: Vec::new(),
                            nested: Vec::new(),
                        });
                        item_stack.push(items.len() - 1);
                    }
                    depth += 1;
                }
                Tag::FootnoteDefinition(_) => depth += 1,
                Tag::Link { dest_url, .. } => links.push(Link {
                    dest: dest_url.to_string(),
                    span,
                }),
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::BlockQuote(_) => {
                    depth = depth.saturating_sub(1);
                    if skip_quote_depth == Some(depth) {
                        skip_quote_depth = None;
                    }
                }
                TagEnd::List(_) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        if let Some((span, ordered, items)) = list.take() {
                            let items = items
                                .into_iter()
                                .map(|it| finish_item(&text, &line_index, it))
                                .collect();
                            blocks.push(Block {
                                span,
                                section: None,
                                kind: BlockKind::List(List { ordered, items }),
                            });
                        }
                    }
                }
                TagEnd::Item => {
                    depth = depth.saturating_sub(1);
                    if list.is_some() {
                        item_stack.pop();
                    }
                }
                TagEnd::FootnoteDefinition => depth = depth.saturating_sub(1),
                TagEnd::CodeBlock => {
                    if let Some((span, info, lang, map, nested)) = code.take() {
                        let mut content = String::new();
                        let mut line_map = Vec::with_capacity(map.len());
                        // An empty range (a tab pulldown-cmark expands into the
                        // indentation it strips) adds no content: no line map entry,
                        // which must increase in both offsets.
                        for (start, end) in map.into_iter().filter(|(s, e)| s < e) {
                            line_map.push((content.len(), start));
                            content.push_str(&text[start..end]);
                        }
                        let cb = CodeBlock {
                            info,
                            lang,
                            content,
                            line_map,
                            nested,
                        };
                        if depth == 0 {
                            blocks.push(Block {
                                span,
                                section: None,
                                kind: BlockKind::Code(cb),
                            });
                        } else if let Some((_, _, items)) = list.as_mut() {
                            // Keep code nested in list items reachable (e.g. Mermaid in a list).
                            if let Some(&top) = item_stack.last() {
                                if let Some(it) = items.get_mut(top) {
                                    it.nested.push(span);
                                }
                            }
                            blocks.push(Block {
                                span,
                                section: None,
                                kind: BlockKind::Code(cb),
                            });
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some((_, _, _, map, _)) = code.as_mut() {
                    // Per-line text events: map each back to its file offset.
                    let src = span.slice(&text);
                    if src == t.as_ref() {
                        map.push((span.start, span.end));
                    } else if let Some(pos) = src.find(t.as_ref()) {
                        map.push((span.start + pos, span.start + pos + t.len()));
                    } else {
                        // Text that is not verbatim in the file (tabs expanded): keep the line start.
                        map.push((span.start, span.end));
                    }
                }
            }
            Event::TaskListMarker(checked) => {
                if let (Some((_, _, items)), Some(&top)) = (list.as_mut(), item_stack.last()) {
                    items[top].checked = Some(checked);
                }
            }
            Event::Rule if depth == 0 => {
                blocks.push(Block {
                    span: trim_span(&text, span),
                    section: None,
                    kind: BlockKind::ThematicBreak,
                });
            }
            _ => {}
        }
    }
    // Nested code blocks were pushed after their list ended? No: pushed when seen, so
    // restore document order.
    blocks.sort_by_key(|b| b.span.start);

    let (title, sections) = build_sections(&text, &line_index, &headings);
    let mut doc = Document {
        text: String::new(),
        line_index,
        front_matter,
        title,
        header: Vec::new(),
        sections,
        blocks,
        evidence: Vec::new(),
        links,
    };
    doc.text = text;
    assign_sections(&mut doc);
    collect_header(&mut doc);
    collect_evidence(&mut doc);
    doc
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn push_nested(list: &mut Option<(Span, bool, Vec<ItemBuild>)>, top: usize, span: Span) {
    if let Some((_, _, items)) = list.as_mut() {
        if let Some(it) = items.get_mut(top) {
            it.nested.push(span);
        }
    }
}

/// Drops trailing line ends and blank space from a block's range.
fn trim_span(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let trimmed = s.trim_end();
    Span::new(span.start, span.start + trimmed.len())
}

/// Spans of the lines a span touches, clipped to the span, without line ends.
pub(crate) fn line_spans(text: &str, idx: &LineIndex, span: Span) -> Vec<Span> {
    if span.is_empty() {
        return Vec::new();
    }
    let first = idx.line_of(span.start);
    let last = idx.line_of(span.end.saturating_sub(1));
    (first..=last)
        .map(|l| {
            let ls = idx.line_span(text, l);
            Span::new(
                ls.start.max(span.start),
                ls.end.min(span.end).max(ls.start.max(span.start)),
            )
        })
        .collect()
}

fn strip_quote_marker(text: &str, line: Span) -> Span {
    let s = line.slice(text);
    let trimmed = s.trim_start();
    let mut start = line.start + (s.len() - trimmed.len());
    if trimmed.starts_with('>') {
        start += 1;
        if text[start..line.end].starts_with(' ') {
            start += 1;
        }
    }
    Span::new(start.min(line.end), line.end)
}

fn table_in_paragraph(text: &str, lines: &[Span]) -> Option<Table> {
    if lines.len() < 2 {
        return None;
    }
    let first = lines[0].slice(text);
    let second = lines[1].slice(text);
    if looks_like_table_row(first) && looks_like_delimiter(second) {
        parse_table(text, lines, false)
    } else {
        None
    }
}

fn finish_item(text: &str, idx: &LineIndex, it: ItemBuild) -> ListItem {
    let mut excluded: Vec<Span> = it
        .children
        .iter()
        .chain(it.nested.iter())
        .copied()
        .collect();
    excluded.sort();
    let mut lines = Vec::new();
    let mut line = idx.line_of(it.span.start);
    let last = idx.line_of(it.span.end.saturating_sub(1).max(it.span.start));
    let mut ex = excluded.iter().peekable();
    while line <= last {
        let ls = idx.line_span(text, line);
        while ex.peek().is_some_and(|e| e.end <= ls.start) {
            ex.next();
        }
        if let Some(e) = ex.peek() {
            if e.start < ls.end.max(ls.start + 1) && ls.start.max(it.span.start) < e.end {
                line = idx.line_of(e.end.saturating_sub(1)) + 1;
                continue;
            }
        }
        let start = ls.start.max(it.span.start);
        let end = ls.end.min(it.span.end);
        if start < end {
            let mut sp = Span::new(start, end);
            if start == it.span.start {
                sp = strip_item_marker(text, sp);
            }
            let s = sp.slice(text);
            let lead = s.len() - s.trim_start().len();
            let sp = Span::new(sp.start + lead, sp.start + s.trim_end().len());
            if !sp.is_empty() {
                lines.push(sp);
            }
        }
        line += 1;
    }
    let field = lines.first().and_then(|l| parse_field(text, *l));
    ListItem {
        span: it.span,
        depth: it.depth,
        checked: it.checked,
        lines,
        field,
        nested: it.nested,
    }
}

/// Removes `- `, `* `, `+ `, `1. `, `1) ` and a task box `[ ] ` / `[x] `.
fn strip_item_marker(text: &str, line: Span) -> Span {
    let s = line.slice(text);
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    if i < b.len() && matches!(b[i], b'-' | b'*' | b'+') {
        i += 1;
    } else {
        let d = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i > d && i < b.len() && matches!(b[i], b'.' | b')') {
            i += 1;
        } else {
            i = d;
        }
    }
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    if b.len() >= i + 3
        && b[i] == b'['
        && matches!(b[i + 1], b' ' | b'x' | b'X')
        && b[i + 2] == b']'
    {
        i += 3;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
    }
    Span::new(line.start + i, line.end)
}

/// `**Key:** value`, `**Key**: value`, `**Key?** value`, `__Key:__ value`.
pub(crate) fn parse_field(text: &str, line: Span) -> Option<Field> {
    let s = line.slice(text);
    let marker = if s.starts_with("**") {
        "**"
    } else if s.starts_with("__") {
        "__"
    } else {
        return None;
    };
    let rest = &s[2..];
    // `rest.find(marker)`, for a marker of two equal bytes.
    let m = marker.as_bytes()[0];
    let close = memchr::memchr_iter(m, rest.as_bytes())
        .find(|&i| rest.as_bytes().get(i + 1) == Some(&m))?;
    let inner = &rest[..close];
    if inner.is_empty() || inner.contains('\n') {
        return None;
    }
    let after = &rest[close + 2..];
    let (key, value_rel) = if let Some(k) = inner.strip_suffix(':') {
        (k.trim(), 2 + close + 2)
    } else if let Some(a) = after.strip_prefix(':') {
        let _ = a;
        (inner.trim(), 2 + close + 3)
    } else if inner.ends_with('?') {
        (inner.trim(), 2 + close + 2)
    } else {
        return None;
    };
    if key.is_empty() {
        return None;
    }
    let key_start = line.start + 2 + (inner.len() - inner.trim_start().len());
    let value_str = &s[value_rel.min(s.len())..];
    let lead = value_str.len() - value_str.trim_start().len();
    // An all-blank value is an empty span after the blanks (not `start > end`).
    let value_start = line.start + value_rel.min(s.len()) + lead;
    let value_span = Span::new(value_start, value_start + value_str.trim().len());
    Some(Field {
        key: key.to_string(),
        key_span: Span::new(key_start, key_start + key.len()),
        value: value_span.slice(text).to_string(),
        value_span,
    })
}

fn heading_text(text: &str, idx: &LineIndex, span: Span) -> (String, Span) {
    let first_line = idx.line_span(text, idx.line_of(span.start));
    let line = first_line.slice(text);
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        let lead = line.len() - trimmed.len();
        let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
        let mut body = trimmed[hashes..].trim();
        // Closing sequence: trailing #s preceded by a space.
        let t = body.trim_end_matches('#');
        if t.len() < body.len() && (t.is_empty() || t.ends_with(' ')) {
            body = t.trim_end();
        }
        let start = first_line.start
            + lead
            + hashes
            + (trimmed[hashes..].len() - trimmed[hashes..].trim_start().len());
        (body.to_string(), Span::new(start, start + body.len()))
    } else {
        // Setext: every line but the underline.
        let lines = line_spans(text, idx, span);
        let body: Vec<&str> = lines[..lines.len().saturating_sub(1).max(1)]
            .iter()
            .map(|l| l.slice(text).trim())
            .collect();
        (body.join(" "), span)
    }
}

fn build_sections(
    text: &str,
    idx: &LineIndex,
    headings: &[RawHeading],
) -> (Option<Title>, Vec<Section>) {
    let mut title = None;
    let mut sections: Vec<Section> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        let (raw, _) = heading_text(text, idx, h.span);
        if h.level == 1 && title.is_none() && sections.is_empty() {
            title = Some(Title {
                span: h.span,
                text: raw,
            });
            continue;
        }
        let parts = split_heading(&raw);
        let body_end = headings[i + 1..]
            .iter()
            .find(|n| n.level <= h.level)
            .map_or(text.len(), |n| n.span.start);
        while stack.last().is_some_and(|&p| sections[p].level >= h.level) {
            stack.pop();
        }
        let parent = stack.last().copied();
        let id = sections.len();
        if let Some(p) = parent {
            sections[p].children.push(id);
        }
        sections.push(Section {
            level: h.level,
            number: parts.number,
            key: normalize_title(&parts.title),
            title: parts.title,
            annotations: parts.annotations,
            heading_span: h.span,
            body_span: Span::new(h.span.end.min(body_end), body_end),
            parent,
            children: Vec::new(),
            blocks: 0..0,
        });
        stack.push(id);
    }
    (title, sections)
}

fn assign_sections(doc: &mut Document) {
    for i in 0..doc.blocks.len() {
        let s = doc.section_at(doc.blocks[i].span.start);
        doc.blocks[i].section = s;
    }
    let starts: Vec<usize> = doc.sections.iter().map(|s| s.heading_span.start).collect();
    for (i, sec) in doc.sections.iter_mut().enumerate() {
        let end = starts
            .get(i + 1)
            .copied()
            .unwrap_or(usize::MAX)
            .min(sec.body_span.end);
        let a = doc
            .blocks
            .partition_point(|b| b.span.start < sec.heading_span.end);
        let b = doc.blocks.partition_point(|b| b.span.start < end);
        sec.blocks = a..b.max(a);
    }
}

/// Header fields before the first section, in every common form: YAML front matter
/// (`owner: x`, top-level keys), `**Key:** value`, and plain `Key: value` lines in
/// paragraphs or lists (`- Start Date: 2026-03-02`, `Author(s): x`).
fn collect_header(doc: &mut Document) {
    let first_section = doc
        .sections
        .first()
        .map_or(doc.text.len(), |s| s.heading_span.start);
    let mut header = front_matter_fields(doc);
    for b in doc
        .blocks
        .iter()
        .take_while(|b| b.span.start < first_section)
    {
        // Plain `Key: value` lines count only in a block of fields: a prose paragraph
        // that happens to hold a colon is not a header.
        let lines: Vec<Span> = b
            .field_lines()
            .into_iter()
            .map(|l| {
                let s = l.slice(&doc.text);
                Span::new(l.start + (s.len() - s.trim_start().len()), l.end)
            })
            .collect();
        let all_fields = lines
            .iter()
            .all(|&l| parse_field(&doc.text, l).is_some() || plain_field(&doc.text, l).is_some());
        for l in lines {
            let plain = || plain_field(&doc.text, l).filter(|_| all_fields);
            if let Some(f) = parse_field(&doc.text, l).or_else(plain) {
                header.push(HeaderField {
                    key: f.key,
                    value: f.value,
                    span: l,
                    value_span: f.value_span,
                });
            }
        }
    }
    doc.header = header;
}

/// The top-level `key: value` lines of the YAML front matter (comments, nested and
/// continued values left out; quotes around a value removed).
fn front_matter_fields(doc: &Document) -> Vec<HeaderField> {
    let Some(fm) = &doc.front_matter else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = fm.content.start;
    for raw in doc.text[fm.content.start..fm.content.end].split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let start = at;
        at += raw.len();
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some(colon) = line.find(':') else {
            continue;
        };
        let key = line[..colon].trim();
        if key.is_empty() || key.split_whitespace().count() > 4 {
            continue;
        }
        let rest = &line[colon + 1..];
        let lead = rest.len() - rest.trim_start().len();
        let mut v0 = start + colon + 1 + lead;
        let mut v1 = start + line.trim_end().len();
        let b = doc.text.as_bytes();
        if v1 > v0 + 1 && matches!(b[v0], b'"' | b'\'') && b[v1 - 1] == b[v0] {
            v0 += 1;
            v1 -= 1;
        }
        let v1 = v1.max(v0);
        out.push(HeaderField {
            key: key.to_string(),
            value: doc.text[v0..v1].to_string(),
            span: Span::new(start, start + line.len()),
            value_span: Span::new(v0, v1),
        });
    }
    out
}

/// Whether a line (marker-free) is a field: `**Key:** value`, `**Key?** value` or a
/// plain `Key: value` with a short key (see [`plain_field`]).
pub fn is_field_line(line: &str) -> bool {
    field_of(line).is_some()
}

/// The field of one line, and whether its key is bold (`**Key:** value`) rather than
/// plain (`Key: value`); spans are relative to `line`.
pub fn field_of(line: &str) -> Option<(Field, bool)> {
    let span = Span::new(0, line.len());
    parse_field(line, span)
        .map(|f| (f, true))
        .or_else(|| plain_field(line, span).map(|f| (f, false)))
}

/// A plain `Key: value` header line: a short key (at most five words, starting with
/// a letter; `Author(s)`, `Start Date`) and a value that is not a URL's rest.
pub(crate) fn plain_field(text: &str, line: Span) -> Option<Field> {
    let s = line.slice(text);
    let colon = s.find(':')?;
    let key = s[..colon].trim_end();
    let words = key.split_whitespace().count();
    // An evidence statement or a to-do is not a field.
    let lower = key.to_ascii_lowercase();
    if ["evidence", "todo", "tbd", "fixme", "note"]
        .iter()
        .any(|w| lower.starts_with(w))
    {
        return None;
    }
    let ok_key = key.chars().next().is_some_and(char::is_alphabetic)
        && (1..=5).contains(&words)
        && key.len() <= 40
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || " ()/&'-_.".contains(c));
    let after = &s[colon + 1..];
    if !ok_key || after.starts_with("//") || !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let lead = after.len() - after.trim_start().len();
    let v0 = line.start + colon + 1 + lead;
    let value_span = Span::new(v0, v0 + after.trim().len());
    Some(Field {
        key: key.to_string(),
        key_span: Span::new(line.start, line.start + key.len()),
        value: value_span.slice(text).to_string(),
        value_span,
    })
}

fn collect_evidence(doc: &mut Document) {
    let first_section = doc
        .sections
        .first()
        .map_or(doc.text.len(), |s| s.heading_span.start);
    let mut out = Vec::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        let preamble = b.span.start < first_section;
        let scan = |l: Span, out: &mut Vec<Evidence>| {
            for mut e in scan_line(&doc.text, l) {
                e.block = Some(bi);
                e.section = b.section;
                if preamble && e.form == EvidenceForm::Emphasized {
                    e.form = EvidenceForm::HeaderField;
                }
                out.push(e);
            }
        };
        match &b.kind {
            BlockKind::Paragraph { lines } => lines.iter().for_each(|&l| scan(l, &mut out)),
            BlockKind::List(list) => {
                for it in &list.items {
                    it.lines.iter().for_each(|&l| scan(l, &mut out));
                }
            }
            _ => {}
        }
    }
    doc.evidence = out;
}
