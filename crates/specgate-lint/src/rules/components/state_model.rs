//! A minimal state-transition extraction from Mermaid `stateDiagram` source.
//!
//! Not a Mermaid parser: it reads `A --> B`, `A --> B: label`, `[*]` start and end,
//! `state X {` composite blocks (nested names are states), `state "Long" as X`
//! aliases, `X : description` and bare state names, and ignores `note`, `%%`
//! comments, `direction`, `classDef`/`class`/`style` and `--` concurrency separators.
//! A full Mermaid parser can replace it behind the same interface.

/// One `from --> to` arrow. `[*]` is written as `"[*]"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transition {
    pub from: String,
    pub to: String,
    pub label: Option<String>,
    /// 0-based line within the diagram source.
    pub line: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StateModel {
    /// Every named state, in order of first appearance (`[*]` excluded).
    pub states: Vec<String>,
    pub transitions: Vec<Transition>,
    /// A top-level `[*] --> X` exists.
    pub has_start: bool,
    /// States declared with `state X { … }` (composites).
    pub composites: Vec<String>,
}

pub const PSEUDO: &str = "[*]";

impl StateModel {
    pub fn parse(content: &str) -> StateModel {
        let mut m = StateModel::default();
        let mut stack: Vec<String> = Vec::new();
        let mut in_note = false;
        for (i, raw) in content.lines().enumerate() {
            let l = raw.trim();
            if in_note {
                if l.eq_ignore_ascii_case("end note") {
                    in_note = false;
                }
                continue;
            }
            if l.is_empty()
                || l.starts_with("%%")
                || l.starts_with("stateDiagram")
                || l == "--"
                || l == "---"
            {
                continue;
            }
            let first = l.split_whitespace().next().unwrap_or("");
            match first {
                "direction" | "classDef" | "class" | "style" | "accTitle" | "accDescr"
                | "accTitle:" | "accDescr:" | "title" | "title:" => continue,
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
                    m.add_state(&name);
                    if opens {
                        if !m.composites.contains(&name) {
                            m.composites.push(name.clone());
                        }
                        stack.push(name);
                    }
                } else if opens {
                    stack.push(String::new());
                }
                continue;
            }
            if let Some(p) = l.find("-->") {
                let from = clean(&l[..p]);
                let rest = &l[p + 3..];
                let (to, label) = match rest.find(':') {
                    Some(c) => {
                        let lab = rest[c + 1..].trim();
                        (
                            clean(&rest[..c]),
                            (!lab.is_empty()).then(|| lab.to_string()),
                        )
                    }
                    None => (clean(rest), None),
                };
                if from.is_empty() || to.is_empty() {
                    continue;
                }
                if from == PSEUDO && stack.is_empty() {
                    m.has_start = true;
                }
                for s in [&from, &to] {
                    if s != PSEUDO {
                        m.add_state(s);
                    }
                }
                m.transitions.push(Transition {
                    from,
                    to,
                    label,
                    line: i,
                });
                continue;
            }
            // `X : description` or a bare `X`.
            let name = clean(l.split(':').next().unwrap_or(""));
            if !name.is_empty() && !name.contains(char::is_whitespace) && name != PSEUDO {
                m.add_state(&name);
            }
        }
        m
    }

    fn add_state(&mut self, s: &str) {
        if !self.states.iter().any(|x| x == s) {
            self.states.push(s.to_string());
        }
    }

    /// States reachable from `[*]` by following transitions.
    pub fn reachable(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = vec![PSEUDO];
        let mut i = 0;
        while i < seen.len() {
            let cur = seen[i];
            for t in self.transitions.iter().filter(|t| t.from == cur) {
                if !seen.contains(&t.to.as_str()) {
                    seen.push(&t.to);
                }
            }
            i += 1;
        }
        seen
    }

    /// The first line where a state is mentioned (transition or declaration).
    pub fn first_line_of(&self, state: &str, content: &str) -> Option<usize> {
        let t = self
            .transitions
            .iter()
            .filter(|t| t.from == state || t.to == state)
            .map(|t| t.line)
            .min();
        let d = content.lines().position(|l| {
            let l = l.trim();
            l.starts_with("state ")
                && (l.split_whitespace().nth(1) == Some(state)
                    || l.contains(&format!(" as {state}")))
        });
        match (t, d) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
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
    fn extracts_states_transitions_and_composites() {
        let m = StateModel::parse(
            "stateDiagram-v2\n  direction LR\n  %% comment\n  [*] --> Idle\n  Idle --> Running: start\n  state \"Waiting for input\" as Wait\n  state Running {\n    [*] --> Fetch\n    Fetch --> Parse\n    --\n    Parse --> [*]\n  }\n  note right of Idle\n    Idle --> Bogus\n  end note\n  Running --> [*]: done\n",
        );
        assert!(m.has_start);
        assert_eq!(m.states, ["Idle", "Running", "Wait", "Fetch", "Parse"]);
        assert_eq!(m.composites, ["Running"]);
        assert_eq!(m.transitions.len(), 6);
        assert_eq!(m.transitions[1].label.as_deref(), Some("start"));
        assert_eq!(m.transitions[1].line, 4);
        assert!(!m.reachable().contains(&"Wait"));
        assert!(m.reachable().contains(&"Parse"));
    }
}
