//! "No text lost", the guarantee of safe fixes: one definition, used by
//! `tests/fix_guarantees.rs` and by the `fix_idempotent` fuzz target
//! (`fuzz/src/lib.rs` includes this file).

/// Words, the evidence label's in lower case, ignoring the emphasis markers a safe fix
/// removes and table delimiter rows.
pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            // SG302 writes a label such as `*Evidence Gap:*` as `Evidence gap:`, and
            // `**EVidence:d` as `Evidence:d`: the label's case is folded, the rest kept.
            // A label glued to a word by emphasis (`x**EVidence:d`) is folded too.
            let mut w = w.replace(['*', '_'], "");
            let lower = w.to_ascii_lowercase();
            for label in ["evidence", "gap:"] {
                for (at, _) in lower.match_indices(label) {
                    w.replace_range(at..at + label.len(), label);
                }
            }
            w
        })
        .filter(|w| !w.is_empty() && !w.chars().all(|c| matches!(c, '|' | '-' | ':')))
        .collect()
}

/// The first word of `before` missing from `after` (in order), if any.
pub fn lost_word(before: &str, after: &str) -> Option<String> {
    let after = words(after);
    let mut it = after.iter();
    words(before)
        .into_iter()
        .find(|w| !it.by_ref().any(|a| a == w))
}
