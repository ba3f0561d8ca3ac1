//! Shared by the tests that compare specgate's verdicts with mermaid.js's.

/// Whether specgate's error line is mermaid.js's: the same, or mermaid.js's one past
/// the last line for an error at the end of the input and ours the last line.
pub fn same_line(ours: usize, theirs: usize, lines: usize) -> bool {
    ours == theirs || (theirs == lines + 1 && ours == lines)
}
