//! The typed model of a `stateDiagram` / `stateDiagram-v2`: states, transitions with
//! labels and spans, the start `[*]`, finals, composite states and their concurrent
//! regions (`--`).
//!
//! It is extracted with a statement scanner that follows mermaid.js's state grammar
//! (`stateDiagram.jison`). Validity is decided by [`crate::validate`]; this scanner
//! never fails and is also used on invalid diagrams, so rules can still reason about
//! what is there.

use std::ops::Range;

/// The start / end pseudo-state as written.
pub const PSEUDO: &str = "[*]";

/// One `from --> to` arrow. `[*]` is written as `"[*]"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transition {
    pub from: String,
    pub to: String,
    pub label: Option<String>,
    /// 0-based line within the diagram source.
    pub line: usize,
    /// Byte range of the statement within the diagram source.
    pub span: Range<usize>,
    /// The composite state the transition is written in (`None` at top level).
    pub scope: Option<String>,
}

/// A composite state (`state X { … }`) and its concurrent regions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composite {
    pub name: String,
    /// The states declared or used in each region, in order (one region unless the
    /// body is split by `--`).
    pub regions: Vec<Vec<String>>,
}

/// The model of one state diagram.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StateDiagram {
    /// A top-level `[*] --> X` exists.
    pub has_start: bool,
    /// Targets of the top-level `[*] --> X` transitions.
    pub start: Vec<String>,
    /// Every named state, in order of first appearance (`[*]` excluded).
    pub states: Vec<String>,
    /// 0-based line of each state's first mention (parallel to `states`).
    pub state_lines: Vec<usize>,
    pub transitions: Vec<Transition>,
    /// States with a transition to `[*]` (in their own scope).
    pub finals: Vec<String>,
    /// Composite states (`state X { … }`), with their regions.
    pub composites: Vec<Composite>,
    /// The composite each nested state belongs to.
    pub parents: Vec<(String, String)>,
}

impl StateDiagram {
    /// Extracts the model from state-diagram source. Never fails.
    pub fn parse(content: &str) -> StateDiagram {
        let mut m = StateDiagram::default();
        // Stack of open composites: (name, index into m.composites).
        let mut stack: Vec<(String, Option<usize>)> = Vec::new();
        let mut in_note = false;
        let mut in_acc = false;
        let mut off = 0;
        let mut in_front = false;
        for (i, raw) in content.split_inclusive('\n').enumerate() {
            let start = off;
            off += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            let l = line.trim();
            let lead = line.len() - line.trim_start().len();
            let span = start + lead..start + lead + l.len();
            if i == 0 && l == "---" {
                in_front = true;
                continue;
            }
            if in_front {
                in_front = l != "---";
                continue;
            }
            if in_note {
                if l.eq_ignore_ascii_case("end note") {
                    in_note = false;
                }
                continue;
            }
            if in_acc {
                in_acc = !l.contains('}');
                continue;
            }
            if l.is_empty() || l.starts_with("%%") || l.starts_with("stateDiagram") || l == "---" {
                continue;
            }
            if l == "--" {
                if let Some((_, Some(ci))) = stack.last() {
                    m.composites[*ci].regions.push(Vec::new());
                }
                continue;
            }
            let first = l.split_whitespace().next().unwrap_or("");
            match first {
                "direction" | "classDef" | "class" | "style" | "accTitle" | "accTitle:"
                | "accDescr:" | "title" | "title:" | "hide" | "scale" => continue,
                "accDescr" => {
                    in_acc = l.contains('{') && !l.contains('}');
                    continue;
                }
                "note" => {
                    in_note = !l.contains(':');
                    continue;
                }
                _ => {}
            }
            if l.starts_with('}') {
                stack.pop();
                continue;
            }
            let scope = stack.last().map(|(n, _)| n.clone());
            if let Some(rest) = l.strip_prefix("state ") {
                let rest = rest.trim();
                let opens = rest.ends_with('{');
                let rest = rest.trim_end_matches('{').trim();
                let name = if rest.starts_with('"') {
                    rest.rsplit_once(" as ").map_or("", |(_, n)| n.trim())
                } else {
                    rest.split_whitespace().next().unwrap_or("")
                };
                let name = clean(name);
                if !name.is_empty() {
                    m.add_state(&name, i, scope.as_deref(), &mut stack);
                    if opens {
                        let ci = match m.composites.iter().position(|c| c.name == name) {
                            Some(ci) => ci,
                            None => {
                                m.composites.push(Composite {
                                    name: name.clone(),
                                    regions: vec![Vec::new()],
                                });
                                m.composites.len() - 1
                            }
                        };
                        stack.push((name, Some(ci)));
                    }
                } else if opens {
                    stack.push((String::new(), None));
                }
                continue;
            }
            if let Some(p) = l.find("-->") {
                let from = clean(&l[..p]);
                let rest = &l[p + 3..];
                let (to, label) = match rest.find(':') {
                    Some(c) if !rest[c..].starts_with(":::") => {
                        let lab = rest[c + 1..].trim();
                        (
                            clean(&rest[..c]),
                            (!lab.is_empty()).then(|| lab.to_string()),
                        )
                    }
                    _ => (clean(rest), None),
                };
                if from.is_empty() || to.is_empty() {
                    continue;
                }
                if from == PSEUDO && scope.is_none() {
                    m.has_start = true;
                    if !m.start.contains(&to) {
                        m.start.push(to.clone());
                    }
                }
                if to == PSEUDO && from != PSEUDO && !m.finals.contains(&from) {
                    m.finals.push(from.clone());
                }
                for s in [&from, &to] {
                    if s != PSEUDO {
                        m.add_state(s, i, scope.as_deref(), &mut stack);
                    }
                }
                m.transitions.push(Transition {
                    from,
                    to,
                    label,
                    line: i,
                    span,
                    scope,
                });
                continue;
            }
            // `X : description` or a bare `X`.
            let name = clean(l.split(':').next().unwrap_or(""));
            if !name.is_empty() && !name.contains(char::is_whitespace) && name != PSEUDO {
                m.add_state(&name, i, scope.as_deref(), &mut stack);
            }
        }
        m
    }

    fn add_state(
        &mut self,
        s: &str,
        line: usize,
        scope: Option<&str>,
        stack: &mut [(String, Option<usize>)],
    ) {
        if !self.states.iter().any(|x| x == s) {
            self.states.push(s.to_string());
            self.state_lines.push(line);
            if let Some(p) = scope {
                if p != s {
                    self.parents.push((s.to_string(), p.to_string()));
                }
            }
        }
        if let Some((_, Some(ci))) = stack.last() {
            if self.composites[*ci].name != s {
                if let Some(region) = self.composites[*ci].regions.last_mut() {
                    if !region.iter().any(|x| x == s) {
                        region.push(s.to_string());
                    }
                }
            }
        }
    }

    /// Whether `s` is a composite state.
    pub fn is_composite(&self, s: &str) -> bool {
        self.composites.iter().any(|c| c.name == s)
    }

    /// Whether `s` is final: it has a transition to `[*]`.
    pub fn is_final(&self, s: &str) -> bool {
        self.finals.iter().any(|f| f == s)
    }

    /// States reachable from the top-level `[*]` by following transitions. Entering a
    /// composite state enters its regions through their own `[*]`. The result contains
    /// `[*]` itself.
    pub fn reachable(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = vec![PSEUDO];
        let mut i = 0;
        while i < seen.len() {
            let cur = seen[i];
            for t in &self.transitions {
                let from_here = if cur == PSEUDO {
                    t.from == PSEUDO && t.scope.is_none()
                } else {
                    t.from == cur || (t.from == PSEUDO && t.scope.as_deref() == Some(cur))
                };
                if from_here && t.to != PSEUDO && !seen.contains(&t.to.as_str()) {
                    seen.push(&t.to);
                }
            }
            i += 1;
        }
        seen
    }

    /// The 0-based line where a state is first mentioned.
    pub fn first_line_of(&self, state: &str) -> Option<usize> {
        self.states
            .iter()
            .position(|s| s == state)
            .map(|i| self.state_lines[i])
    }
}

/// A state name without `:::class` suffixes or stray whitespace.
fn clean(s: &str) -> String {
    let s = s.trim();
    let s = s.split(":::").next().unwrap_or("").trim();
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_states_transitions_composites_and_regions() {
        let m = StateDiagram::parse(
            "stateDiagram-v2\n  direction LR\n  %% comment\n  [*] --> Idle\n  Idle --> Running: start\n  state \"Waiting for input\" as Wait\n  state Running {\n    [*] --> Fetch\n    Fetch --> Parse\n    Parse --> [*]\n    --\n    [*] --> Log\n  }\n  note right of Idle\n    Idle --> Bogus\n  end note\n  Running --> [*]: done\n",
        );
        assert!(m.has_start);
        assert_eq!(m.start, ["Idle"]);
        assert_eq!(
            m.states,
            ["Idle", "Running", "Wait", "Fetch", "Parse", "Log"]
        );
        assert_eq!(m.composites.len(), 1);
        assert_eq!(
            m.composites[0].regions,
            [vec!["Fetch", "Parse"], vec!["Log"]]
        );
        assert_eq!(m.transitions.len(), 7);
        assert_eq!(m.transitions[1].label.as_deref(), Some("start"));
        assert_eq!(m.transitions[1].line, 4);
        assert_eq!(m.finals, ["Parse", "Running"]);
        let r = m.reachable();
        assert!(!r.contains(&"Wait"));
        assert!(r.contains(&"Parse") && r.contains(&"Log"));
        assert_eq!(m.first_line_of("Wait"), Some(5));
    }

    #[test]
    fn inner_start_of_an_unreached_composite_reaches_nothing() {
        let m = StateDiagram::parse("stateDiagram-v2\n[*] --> A\nstate B {\n  [*] --> C\n}\n");
        let r = m.reachable();
        assert!(r.contains(&"A"));
        assert!(!r.contains(&"B") && !r.contains(&"C"));
    }
}
