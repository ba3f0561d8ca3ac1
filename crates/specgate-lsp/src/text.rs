//! Document text and incremental edits in LSP positions (0-based line, UTF-16 column).

use lsp_types::{Position, Range};
use specgate_model::{LineIndex, Span};

/// Byte offset of an LSP position in `text`. Out-of-range positions are clamped: a
/// line past the end maps to the end of the text, a column past the end of its line to
/// the end of the line (before `\r\n`), and a column inside a surrogate pair to the
/// next character boundary. The result is always a char boundary.
pub fn offset_of(text: &str, index: &LineIndex, pos: Position) -> usize {
    index.offset_of_utf16(text, pos.line, pos.character)
}

/// The LSP position of a byte offset (clamped to the text and to a char boundary).
pub fn position_of(text: &str, index: &LineIndex, offset: usize) -> Position {
    let (line, character) = index.utf16_position(text, offset);
    Position { line, character }
}

/// The LSP range of a byte span.
pub fn range_of(text: &str, index: &LineIndex, span: Span) -> Range {
    Range {
        start: position_of(text, index, span.start),
        end: position_of(text, index, span.end),
    }
}

/// Byte span of an LSP range; a reversed range is put in order.
pub fn span_of(text: &str, index: &LineIndex, range: Range) -> Span {
    let a = offset_of(text, index, range.start);
    let b = offset_of(text, index, range.end);
    Span::new(a.min(b), a.max(b))
}

/// Applies one `TextDocumentContentChangeEvent`: `range: None` replaces the whole
/// text, otherwise `range` (clamped, see [`offset_of`]) is replaced by `new_text`.
pub fn apply_change(text: &mut String, range: Option<Range>, new_text: &str) {
    match range {
        None => {
            text.clear();
            text.push_str(new_text);
        }
        Some(range) => {
            let index = LineIndex::new(text);
            let span = span_of(text, &index, range);
            text.replace_range(span.start..span.end, new_text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    fn edit(text: &str, a: (u32, u32), b: (u32, u32), new: &str) -> String {
        let mut t = text.to_string();
        apply_change(&mut t, Some(Range::new(pos(a.0, a.1), pos(b.0, b.1))), new);
        t
    }

    #[test]
    fn edits_after_emoji_and_cjk_use_utf16_columns() {
        // 😀 is two UTF-16 units, 漢 one; "x" is at column 3 / 4.
        assert_eq!(edit("😀x\n", (0, 2), (0, 3), "y"), "😀y\n");
        assert_eq!(edit("a\n漢字😀x", (1, 4), (1, 5), "Z"), "a\n漢字😀Z");
        assert_eq!(edit("é\r\nb", (0, 1), (1, 0), ""), "éb");
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        assert_eq!(edit("ab\ncd", (0, 99), (0, 99), "!"), "ab!\ncd");
        assert_eq!(edit("ab\ncd", (9, 0), (9, 5), "!"), "ab\ncd!");
        assert_eq!(edit("ab\r\ncd", (0, 7), (0, 7), "!"), "ab!\r\ncd");
        // Inside a surrogate pair: never splits the character.
        assert_eq!(edit("😀", (0, 1), (0, 1), "!"), "😀!");
        // A reversed range is put in order.
        assert_eq!(edit("abc", (0, 2), (0, 1), ""), "ac");
        let mut t = "old".to_string();
        apply_change(&mut t, None, "new");
        assert_eq!(t, "new");
    }

    /// Reference model: the text as lines of UTF-16 units, edited the way the LSP
    /// specification describes, independent of `LineIndex`.
    fn reference(text: &str, range: Range, new_text: &str) -> String {
        let units: Vec<u16> = text.encode_utf16().collect();
        let offset = |p: Position| -> usize {
            // Start of line `p.line` in units.
            let mut line = 0;
            let mut i = 0;
            while line < p.line {
                match units[i..].iter().position(|&u| u == b'\n' as u16) {
                    Some(n) => {
                        i += n + 1;
                        line += 1;
                    }
                    None => return units.len(),
                }
            }
            let end = units[i..]
                .iter()
                .position(|&u| u == b'\n' as u16)
                .map_or(units.len(), |n| i + n);
            let end = if end > i && units[end - 1] == b'\r' as u16 && end < units.len() {
                end - 1
            } else {
                end
            };
            (i + p.character as usize).min(end)
        };
        let (a, b) = (offset(range.start), offset(range.end));
        let (a, b) = (a.min(b), a.max(b));
        let mut out: Vec<u16> = units[..a].to_vec();
        out.extend(new_text.encode_utf16());
        out.extend(&units[b..]);
        String::from_utf16(&out).expect("edits at unit positions outside pairs stay valid")
    }

    /// Positions that a client can send: on an existing line, at a char boundary
    /// (or past the line's end, which both clamp).
    fn valid_position(text: &str, line_pick: usize, col_pick: usize) -> Position {
        let lines: Vec<&str> = text.split('\n').collect();
        let line = line_pick % (lines.len() + 1);
        if line == lines.len() {
            return pos(line as u32 + 3, col_pick as u32);
        }
        let l = lines[line].strip_suffix('\r').unwrap_or(lines[line]);
        let mut cols = vec![0u32];
        let mut c = 0;
        for ch in l.chars() {
            c += ch.len_utf16() as u32;
            cols.push(c);
        }
        cols.push(c + 5); // past the end: clamped
        pos(line as u32, cols[col_pick % cols.len()])
    }

    fn piece() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just(" "),
                Just("\n"),
                Just("\r\n"),
                Just("é"),
                Just("漢"),
                Just("😀"),
                Just("## 1) Title"),
                Just("Evidence: `src/x.rs`"),
            ],
            0..8,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        /// 1,000 random edit sequences: `apply_change` agrees with the reference
        /// model after every edit.
        #[test]
        fn random_edit_sequences_match_the_reference(
            start in piece(),
            edits in proptest::collection::vec(
                (any::<usize>(), any::<usize>(), any::<usize>(), any::<usize>(), piece()), 1..12),
        ) {
            let mut server = start.clone();
            let mut client = start;
            for (l1, c1, l2, c2, new) in edits {
                let range = Range::new(
                    valid_position(&client, l1, c1),
                    valid_position(&client, l2, c2),
                );
                client = reference(&client, range, &new);
                apply_change(&mut server, Some(range), &new);
                prop_assert_eq!(&server, &client);
            }
        }
    }
}
