//! Byte spans and the line index that maps them to line:column.

use serde::Serialize;

/// A half-open byte range `[start, end)` into the document text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    #[inline]
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    #[inline]
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
    #[inline]
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    #[inline]
    pub fn covers(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    #[inline]
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A 1-based line and column. `column` counts Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Maps byte offsets to lines and columns (characters, or UTF-16 units for editors).
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as in CommonMark and the Language Server
/// Protocol. Long lines carry checkpoints every [`CHECKPOINT`] bytes, so finding a
/// column costs at most that many bytes of counting, however long the line: a
/// 10 MB line with a million findings stays linear.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Inside long lines: (byte offset on a char boundary, characters and UTF-16 units
    /// from the line start to it), in offset order.
    checkpoints: Vec<Checkpoint>,
    len: usize,
}

#[derive(Clone, Copy, Debug, Default)]
struct Checkpoint {
    offset: usize,
    chars: usize,
    utf16: usize,
}

/// Bytes between checkpoints in a long line.
pub const CHECKPOINT: usize = 4096;

/// The checkpoints of the line in `bytes[start..end]` (its terminator included): one
/// at the first char start at least `CHECKPOINT` bytes after the previous one.
fn line_checkpoints(bytes: &[u8], start: usize, end: usize, out: &mut Vec<Checkpoint>) {
    let (mut last, mut chars, mut utf16) = (start, 0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate().take(end).skip(start) {
        if b & 0xC0 != 0x80 {
            if i - last >= CHECKPOINT {
                out.push(Checkpoint {
                    offset: i,
                    chars,
                    utf16,
                });
                last = i;
            }
            chars += 1;
            utf16 += if b >= 0xF0 { 2 } else { 1 };
        }
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(text.len() / 40 + 1);
        line_starts.push(0);
        let mut checkpoints = Vec::new();
        // Line ends are found with memchr; only a line of at least `CHECKPOINT` bytes
        // is walked byte by byte, for its checkpoints.
        let mut start = 0;
        for pos in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[pos] == b'\r' && bytes.get(pos + 1) == Some(&b'\n') {
                continue; // the `\n` ends this line
            }
            if pos + 1 - start > CHECKPOINT {
                line_checkpoints(bytes, start, pos + 1, &mut checkpoints);
            }
            line_starts.push(pos + 1);
            start = pos + 1;
        }
        if bytes.len() - start > CHECKPOINT {
            line_checkpoints(bytes, start, bytes.len(), &mut checkpoints);
        }
        LineIndex {
            line_starts,
            checkpoints,
            len: text.len(),
        }
    }

    /// Number of lines (a trailing newline does not start a counted line of its own
    /// unless text follows it).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line containing `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte span of 0-based `line`, without its line terminator.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_starts.get(line).copied().unwrap_or(self.len);
        let mut end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// The last checkpoint at or before `offset` within the line starting at
    /// `line_start`, or the line start itself.
    fn checkpoint_before(&self, line_start: usize, offset: usize) -> Checkpoint {
        let i = self.checkpoints.partition_point(|c| c.offset <= offset);
        match i.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some(c) if c.offset >= line_start => c,
            _ => Checkpoint {
                offset: line_start,
                chars: 0,
                utf16: 0,
            },
        }
    }

    /// 1-based line and character column of `offset`.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = text.floor_char_boundary(offset.min(self.len));
        let line = self.line_of(offset);
        let c = self.checkpoint_before(self.line_starts[line], offset);
        let column = c.chars + text[c.offset..offset].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// 0-based line and UTF-16 column of `offset`, as LSP positions use.
    pub fn utf16_position(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = text.floor_char_boundary(offset.min(self.len));
        let line = self.line_of(offset);
        let c = self.checkpoint_before(self.line_starts[line], offset);
        let col: usize = c.utf16
            + text[c.offset..offset]
                .chars()
                .map(char::len_utf16)
                .sum::<usize>();
        (line as u32, col as u32)
    }

    /// Byte offset of a 0-based line and UTF-16 column (clamped to the line).
    pub fn offset_of_utf16(&self, text: &str, line: u32, col: u32) -> usize {
        let line = line as usize;
        if line >= self.line_starts.len() {
            return self.len;
        }
        let span = self.line_span(text, line);
        // Start from the last checkpoint of this line at or before the column.
        let lo = self.checkpoints.partition_point(|c| c.offset < span.start);
        let hi = self.checkpoints.partition_point(|c| c.offset <= span.end);
        let within = &self.checkpoints[lo..hi];
        let k = within.partition_point(|c| c.utf16 <= col as usize);
        let (from, mut units) = match k.checked_sub(1).map(|k| within[k]) {
            Some(c) => (c.offset, c.utf16 as u32),
            None => (span.start, 0),
        };
        for (i, c) in text[from..span.end].char_indices() {
            if units >= col {
                return from + i;
            }
            units += c.len_utf16() as u32;
        }
        span.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_and_utf16() {
        let text = "ab\n😀é x\r\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), LineCol { line: 2, column: 4 });
        assert_eq!(idx.utf16_position(text, x), (1, 4));
        assert_eq!(idx.offset_of_utf16(text, 1, 4), x);
        let last = text.find("last").unwrap();
        assert_eq!(idx.line_col(text, last), LineCol { line: 3, column: 1 });
        assert_eq!(idx.line_span(text, 1).slice(text), "😀é x");
    }

    #[test]
    fn offsets_inside_a_char_and_past_the_end_are_clamped() {
        let text = "é";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 1), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 99), LineCol { line: 1, column: 2 });
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_in_commonmark_and_lsp() {
        let text = "a\rb\r\nc\nd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        for (ch, line) in [('a', 1), ('b', 2), ('c', 3), ('d', 4)] {
            let at = text.find(ch).unwrap();
            assert_eq!(idx.line_col(text, at), LineCol { line, column: 1 });
        }
        assert_eq!(idx.line_span(text, 0).slice(text), "a");
        assert_eq!(idx.line_span(text, 1).slice(text), "b");
        assert_eq!(idx.offset_of_utf16(text, 1, 0), 2);
    }

    #[test]
    fn columns_in_long_lines_agree_with_counting_from_the_line_start() {
        // Multi-byte characters straddle the checkpoints; a second long line follows.
        let line: String = "aé😀€b".repeat(3000);
        let text = format!("x\n{line}\r\n{line}");
        let idx = LineIndex::new(&text);
        assert!(!idx.checkpoints.is_empty());
        let second = text.len() - line.len();
        for start in [2, second] {
            for (k, (i, _)) in text[start..start + line.len()].char_indices().enumerate() {
                if k % 97 != 0 {
                    continue;
                }
                let at = start + i;
                let lc = idx.line_col(&text, at);
                assert_eq!(lc.column, k + 1, "offset {at}");
                let utf16: usize = text[start..at].chars().map(char::len_utf16).sum();
                let (l, c) = idx.utf16_position(&text, at);
                assert_eq!(c as usize, utf16, "offset {at}");
                assert_eq!(idx.offset_of_utf16(&text, l, c), at);
            }
        }
    }
}
