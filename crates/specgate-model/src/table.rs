//! GFM table rows, split by hand so that every row's own cell count is kept
//! (pulldown-cmark pads or drops cells, and refuses tables whose delimiter row
//! does not match the header).

use crate::document::{Cell, Row, Table};
use crate::span::Span;

/// Cells of one row: split on `|` outside backticks, not escaped, outer pipes dropped.
pub fn split_cells(text: &str, line: Span) -> Vec<Cell> {
    let s = line.slice(text);
    let b = s.as_bytes();
    let lead = s.len() - s.trim_start().len();
    let trail = s.trim_end().len();
    let mut cells = Vec::with_capacity(8);
    let mut push = |a: usize, e: usize| {
        if a <= e {
            let raw = &s[a..e];
            let from_text = raw.trim_start();
            let t = from_text.trim_end();
            let off = a + (raw.len() - from_text.len());
            cells.push(Cell {
                text: t.to_string(),
                span: Span::new(line.start + off, line.start + off + t.len()),
            });
        }
    };
    // Cells run between the separating pipes, found with memchr: a pipe at `lead`
    // opens the row instead of ending a cell, one just before `trail` closes it.
    let mut in_code = false;
    let mut escaped = None;
    let mut start = lead;
    let mut last_pipe = None;
    for i in memchr::memchr3_iter(b'|', b'`', b'\\', b) {
        if escaped == Some(i) {
            continue;
        }
        match b[i] {
            b'\\' => escaped = Some(i + 1),
            b'`' => in_code = !in_code,
            _ if in_code => {}
            _ => {
                if last_pipe.is_some() || i != lead {
                    push(start, i);
                }
                start = i + 1;
                last_pipe = Some(i);
            }
        }
    }
    if last_pipe.is_none_or(|p| p + 1 != trail) {
        push(start, trail);
    }
    cells
}

pub fn looks_like_table_row(s: &str) -> bool {
    s.contains('|')
}

/// `|---|:--:|` style row.
pub fn looks_like_delimiter(s: &str) -> bool {
    let t = s.trim();
    if !t.contains('-') {
        return false;
    }
    let t = t.trim_start_matches('|').trim_end_matches('|');
    t.split('|').all(|c| {
        let c = c.trim();
        let c = c.strip_prefix(':').unwrap_or(c);
        let c = c.strip_suffix(':').unwrap_or(c);
        !c.is_empty() && c.bytes().all(|b| b == b'-')
    }) && s.contains('|')
}

/// Builds a table from its lines (header, delimiter, rows).
pub fn parse_table(text: &str, lines: &[Span], recognised: bool) -> Option<Table> {
    let (&head, rest) = lines.split_first()?;
    let (&delim, rows) = rest.split_first()?;
    let header = split_cells(text, head);
    let delimiter_cells = split_cells(text, delim).len();
    let mut body = Vec::with_capacity(rows.len());
    for &l in rows.iter().filter(|l| !l.slice(text).trim().is_empty()) {
        body.push(Row {
            span: l,
            cells: split_cells(text, l),
        });
    }
    Some(Table {
        gfm_valid: recognised && header.len() == delimiter_cells,
        header,
        delimiter_span: delim,
        delimiter_cells,
        rows: body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(s: &str) -> Vec<String> {
        split_cells(s, Span::new(0, s.len()))
            .into_iter()
            .map(|c| c.text)
            .collect()
    }

    #[test]
    fn splits_with_and_without_outer_pipes() {
        assert_eq!(cells("| a | b |"), ["a", "b"]);
        assert_eq!(cells("a | b"), ["a", "b"]);
        assert_eq!(cells("| a | `x|y` | c \\| d |"), ["a", "`x|y`", "c \\| d"]);
        assert_eq!(cells("| a |  |"), ["a", ""]);
    }

    /// The first implementation, with intermediate vectors: the reference.
    fn split_cells_by_vecs(text: &str, line: Span) -> Vec<Cell> {
        let s = line.slice(text);
        let b = s.as_bytes();
        let mut bounds = Vec::new();
        let mut in_code = false;
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\\' => i += 1,
                b'`' => in_code = !in_code,
                b'|' if !in_code => bounds.push(i),
                _ => {}
            }
            i += 1;
        }
        let lead = s.len() - s.trim_start().len();
        let trail = s.trim_end().len();
        let mut starts = vec![lead];
        let mut ends = Vec::new();
        for &p in &bounds {
            ends.push(p);
            starts.push(p + 1);
        }
        ends.push(trail);
        let mut cells: Vec<(usize, usize)> = starts.into_iter().zip(ends).collect();
        if bounds.first() == Some(&lead) && !cells.is_empty() {
            cells.remove(0);
        }
        if bounds.last().is_some_and(|&p| p + 1 == trail) && !cells.is_empty() {
            cells.pop();
        }
        cells
            .into_iter()
            .filter(|(a, e)| a <= e)
            .map(|(a, e)| {
                let raw = &s[a..e];
                let t = raw.trim();
                let off = a + (raw.len() - raw.trim_start().len());
                Cell {
                    text: t.to_string(),
                    span: Span::new(line.start + off, line.start + off + t.len()),
                }
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn splitting_agrees_with_the_reference(s in "[ |`\\\\ab\u{e9}]{0,24}") {
            let line = Span::new(0, s.len());
            let got: Vec<_> = split_cells(&s, line).into_iter().map(|c| (c.text, c.span)).collect();
            let want: Vec<_> = split_cells_by_vecs(&s, line).into_iter().map(|c| (c.text, c.span)).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn delimiter_rows() {
        assert!(looks_like_delimiter("|---|:--:|---:|"));
        assert!(looks_like_delimiter("| --------- | ------: |"));
        assert!(!looks_like_delimiter("| a | b |"));
        assert!(!looks_like_delimiter("---"));
    }
}
