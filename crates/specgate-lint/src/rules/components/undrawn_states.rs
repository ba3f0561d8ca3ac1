use std::collections::HashSet;

use specgate_model::Span;

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports states described in prose that no `stateDiagram-v2` of the document
    /// draws: a line that chains three or more states with arrows (`queued → running →
    /// done`, `` `draft` -> `published` -> `archived` ``) and says it is about states
    /// (the line or its section's title says `state`, `status`, `lifecycle` or
    /// `transition`). The chain is drawn when a state diagram of the document names at
    /// least two of its states. Any section counts, not only `### Component:` ones:
    /// a stateful thing is stateful whatever its heading.
    ///
    /// Not reported: chains of steps or parts that are not said to be states (`Fetch →
    /// Enrich → Write`, `tokens → theme → components`), lines that say the thing is
    /// stateless or its state model N/A, code blocks and diagrams.
    ///
    /// ## Why
    /// The template asks a `stateDiagram-v2` of every stateful component: lifecycle
    /// bugs (a state with no way out, a transition nobody handles) hide in states that
    /// are only listed in a sentence.
    ///
    /// ## Example
    /// ```markdown
    /// ### Export jobs
    /// A job's status moves `queued` → `running` → `succeeded` or `failed`.
    /// ```
    /// with no state diagram in the document.
    ///
    /// ## Fix
    /// Draw the states and their transitions in a ```` ```mermaid ```` `stateDiagram-v2`
    /// block in that section, or say why the thing is stateless.
    name: "undrawn-states", category: "components", severity: Warning
}

const ARROWS: &[&str] = &["→", "->", "⟶", "-->"];

/// Words that say a line (or its section) is about states.
const STATE_WORDS: &[&str] = &[
    "state",
    "states",
    "status",
    "statuses",
    "lifecycle",
    "life-cycle",
    "transition",
    "transitions",
];

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    crate::util::lower_words(s, &['-', '_'])
}

/// A state's name in prose: an identifier, maybe in backticks or quotes, maybe with
/// `/`-joined alternatives (`succeeded/failed`).
fn node(s: &str) -> Option<&str> {
    let t = s
        .trim()
        .trim_matches(|c: char| matches!(c, '`' | '"' | '\'' | '*' | '_' | '(' | ')' | '[' | ']'));
    let ok = !t.is_empty()
        && t.chars().next().is_some_and(char::is_alphabetic)
        && t.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '/'));
    ok.then_some(t)
}

/// The arrow chains of a line: each chain's nodes (at least three) and its span.
fn chains(line: &str, base: usize) -> Vec<(Vec<String>, Span)> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < line.len() {
        let Some(a) = ARROWS
            .iter()
            .filter(|a| line[i..].starts_with(**a))
            .max_by_key(|a| a.len())
        else {
            i += line[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        cuts.push((i, i + a.len()));
        i += a.len();
    }
    let mut out = Vec::new();
    let mut k = 0;
    while k < cuts.len() {
        // The node before the first arrow: the last word of the text before it.
        let before_start = if k == 0 { 0 } else { cuts[k - 1].1 };
        let before = &line[before_start..cuts[k].0];
        let last_word_at = before.trim_end().rfind(' ').map_or(0, |p| p + 1);
        let Some(first) = node(&before[last_word_at..]) else {
            k += 1;
            continue;
        };
        let start = before_start + last_word_at;
        let mut nodes = vec![first.to_string()];
        let mut end = cuts[k].1;
        let mut j = k;
        loop {
            let next_start = cuts[j].1;
            let next_end = cuts.get(j + 1).map_or(line.len(), |c| c.0);
            let seg = &line[next_start..next_end];
            if j + 1 < cuts.len() {
                // A middle part must be one node.
                if let Some(n) = node(seg) {
                    nodes.push(n.to_string());
                    end = cuts[j + 1].1;
                    j += 1;
                    continue;
                }
            }
            // The last node: the first word after the arrow.
            let t = seg.trim_start();
            let lead = seg.len() - t.len();
            let w_end = t.find(' ').unwrap_or(t.len());
            if let Some(n) = node(t[..w_end].trim_end_matches(['.', ',', ';', ':'])) {
                nodes.push(n.to_string());
                end = next_start + lead + w_end;
            }
            break;
        }
        if nodes.len() >= 3 {
            out.push((nodes, Span::new(base + start, base + end)));
        }
        k = j + 1;
    }
    out
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let drawn: HashSet<String> = super::state_diagrams(ctx)
        .iter()
        .flat_map(|(c, _)| words(&c.content).collect::<Vec<_>>())
        .collect();
    for &line in ctx.prose_lines() {
        let text = doc.slice(line);
        if !ARROWS.iter().any(|a| text.contains(a)) {
            continue;
        }
        let lw: Vec<String> = words(text).collect();
        if lw.iter().any(|w| w == "stateless" || w == "n/a") || text.contains("N/A") {
            continue;
        }
        let title = doc
            .section_at(line.start)
            .map_or("", |s| doc.sections[s].title.as_str());
        let about_states = lw
            .iter()
            .chain(words(title).collect::<Vec<_>>().iter())
            .any(|w| STATE_WORDS.contains(&w.as_str()));
        if !about_states {
            continue;
        }
        for (nodes, span) in chains(text, line.start) {
            let names: Vec<String> = nodes
                .iter()
                .flat_map(|n| n.split('/'))
                .map(str::to_lowercase)
                .collect();
            if names.iter().filter(|n| drawn.contains(*n)).count() >= 2 {
                continue;
            }
            sink.report(
                span,
                format!(
                    "states `{}` are described, but no state diagram draws them",
                    nodes.join(" → ")
                ),
            )
            .with_help("draw them in a ```mermaid stateDiagram-v2 block in this section, or say why it is stateless");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes(line: &str) -> Vec<Vec<String>> {
        chains(line, 0).into_iter().map(|c| c.0).collect()
    }

    #[test]
    fn arrow_chains() {
        assert_eq!(
            nodes("A job moves `queued` → `running` → `succeeded/failed`."),
            [["queued", "running", "succeeded/failed"]]
        );
        assert_eq!(
            nodes("draft -> review -> done"),
            [["draft", "review", "done"]]
        );
        assert!(
            nodes("a → b").is_empty(),
            "two nodes are a step, not a lifecycle"
        );
        assert!(nodes("x → (see below) → y").is_empty());
        assert_eq!(
            nodes("Flow: a → b → c, then d → e → f"),
            [["a", "b", "c"], ["d", "e", "f"]]
        );
    }
}
