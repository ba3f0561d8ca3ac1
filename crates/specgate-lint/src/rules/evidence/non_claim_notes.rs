//! Paragraphs that make no claim because they are notes about the document itself,
//! not statements about the system, so `missing-evidence` asks no evidence of them
//! (each is documented in `explain SG301`):
//! - **a note about the document**: one sentence that says what the section or table
//!   keeps (`This section tracks all features added beyond the MVP.`: tracks, lists,
//!   records, summarises, captures, collects, logs);
//! - **a reading note**: a paragraph right before a table or list, labelled `Note:`
//!   or not, that says how its entries are arranged (`Entries are grouped by phase.`,
//!   sorted, ordered, numbered; at most 40 words);
//! - **a self-review**: a paragraph under a `Self-review:`, `Review note:` or
//!   `Sign-off:` label, the author's attestation about the document itself.

/// Whether paragraph text `t` is a note about the document (see the module doc);
/// `before_entries`: the next block of its section is a table or a list.
pub(crate) fn is_note(t: &str, before_entries: bool) -> bool {
    is_about_the_document(t) || is_self_review(t) || (before_entries && is_reading_note(t))
}

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    crate::util::lower_words(s, &['-'])
}

/// `This section tracks …`, `The table below lists …`: what the section holds.
fn is_about_the_document(t: &str) -> bool {
    let w: Vec<String> = words(t).take(4).collect();
    let w: Vec<&str> = w.iter().map(String::as_str).collect();
    let holder = matches!(
        w.as_slice(),
        [
            "this",
            "section" | "table" | "list" | "document" | "page",
            ..
        ] | ["the", "table" | "list", "below", ..]
            | ["the", "following", "table" | "list", ..]
    );
    // Verbs that say what the section keeps, not what the system does (`This table
    // shows p95 at 40 ms` states a fact).
    let verbs = [
        "tracks",
        "lists",
        "records",
        "summarizes",
        "summarises",
        "captures",
        "collects",
        "logs",
    ];
    // One sentence: the whole paragraph, or all of it but its end.
    let sentence = first_sentence(t);
    holder
        && sentence.len() + 2 >= t.len()
        && sentence.split_whitespace().count() <= 25
        && words(sentence).any(|x| verbs.contains(&x.as_str()))
}

/// `**Note:** Entries are grouped by phase.` before a table or list: how its entries
/// are arranged (grouped, sorted, ordered, numbered), a reading aid of at most 40
/// words, not a statement about the system.
fn is_reading_note(t: &str) -> bool {
    let body = match label_of(t) {
        Some((label, rest)) if matches!(label.as_str(), "note" | "notes" | "reading note") => {
            rest.trim_start_matches(['*', '_', ' '])
        }
        _ => t,
    };
    let w: Vec<String> = words(first_sentence(body)).take(6).collect();
    let subject = w
        .iter()
        .find(|x| !matches!(x.as_str(), "the" | "all" | "these"))
        .is_some_and(|x| {
            matches!(
                x.as_str(),
                "entries" | "rows" | "items" | "decisions" | "records" | "requirements"
            )
        });
    let arranged = w.iter().any(|x| {
        matches!(
            x.as_str(),
            "grouped" | "sorted" | "ordered" | "arranged" | "numbered"
        )
    });
    subject && arranged && t.split_whitespace().count() <= 40
}

/// The text up to its first `. `, or all of it.
fn first_sentence(t: &str) -> &str {
    t.find(". ").map_or(t, |i| &t[..=i])
}

/// A paragraph under a label of the document's own review: `*Self-review:* …`.
fn is_self_review(t: &str) -> bool {
    let Some((l, _)) = label_of(t) else {
        return false;
    };
    matches!(
        l.as_str(),
        "self-review"
            | "self review"
            | "review note"
            | "reviewer note"
            | "sign-off"
            | "signoff"
            | "attestation"
    )
}

/// The paragraph's label (the text before its first `:`, emphasis left out, folded to
/// lower case) and what follows the `:`.
fn label_of(t: &str) -> Option<(String, &str)> {
    let (label, rest) = t.split_once(':')?;
    Some((
        label.trim_matches(['*', '_', ' ']).to_ascii_lowercase(),
        rest,
    ))
}
