//! Diagram type detection, as mermaid.js `detectType` does it: front matter
//! (`---` … `---`), `%%{init: …}%%` directives and `%%` comments are skipped, then the
//! first keyword names the type.

/// The type of a Mermaid diagram.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DiagramKind {
    /// `graph` / `flowchart` / `flowchart-elk`.
    Flowchart,
    /// `stateDiagram` / `stateDiagram-v2`.
    State,
    /// `sequenceDiagram`.
    Sequence,
    /// `erDiagram`.
    Er,
    /// `classDiagram` / `classDiagram-v2`.
    Class,
    /// `gantt`.
    Gantt,
    /// A type mermaid.js knows that specgate does not validate (`pie`, `mindmap`, …).
    Other(String),
    /// No diagram type could be detected: mermaid.js rejects the diagram.
    Unknown,
}

impl DiagramKind {
    /// A short stable name: `flowchart`, `state`, `sequence`, `er`, `class`, `gantt`,
    /// the keyword for other types, or `unknown`.
    pub fn name(&self) -> &str {
        match self {
            DiagramKind::Flowchart => "flowchart",
            DiagramKind::State => "state",
            DiagramKind::Sequence => "sequence",
            DiagramKind::Er => "er",
            DiagramKind::Class => "class",
            DiagramKind::Gantt => "gantt",
            DiagramKind::Other(k) => k,
            DiagramKind::Unknown => "unknown",
        }
    }

    /// Whether specgate validates this type.
    pub fn is_validated(&self) -> bool {
        !matches!(self, DiagramKind::Other(_) | DiagramKind::Unknown)
    }
}

/// Diagram keywords mermaid.js 11 recognises but specgate does not validate.
const OTHER_KEYWORDS: &[&str] = &[
    "pie",
    "journey",
    "gitGraph",
    "mindmap",
    "timeline",
    "quadrantChart",
    "requirementDiagram",
    "requirement",
    "C4Context",
    "C4Container",
    "C4Component",
    "C4Dynamic",
    "C4Deployment",
    "sankey-beta",
    "sankey",
    "xychart-beta",
    "xychart",
    "block-beta",
    "block",
    "packet-beta",
    "packet",
    "architecture-beta",
    "architecture",
    "kanban",
    "radar-beta",
    "treemap-beta",
    "treemap",
    "info",
    "zenuml",
];

/// Where the diagram body starts after front matter, directives and comments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub kind: DiagramKind,
    /// Byte offset of the type keyword (or of the first significant text).
    pub keyword_offset: usize,
    /// The keyword as written (`stateDiagram-v2`), empty when unknown.
    pub keyword: String,
}

/// Detects the diagram type of Mermaid source text. Never fails.
pub fn detect(src: &str) -> Header {
    let start = skip_front_matter(src);
    let mut off = start;
    // Skip blank lines, `%%{…}%%` directives (possibly multi-line) and `%%` comments.
    loop {
        let rest = &src[off..];
        let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n']);
        off += rest.len() - trimmed.len();
        if trimmed.starts_with("%%{") {
            match trimmed.find("}%%") {
                Some(e) => off += e + 3,
                None => off = src.len(),
            }
        } else if trimmed.starts_with("%%") {
            off += trimmed.find('\n').unwrap_or(trimmed.len());
        } else {
            break;
        }
    }
    let rest = &src[off..];
    let word_end = rest
        .find(|c: char| c.is_whitespace() || c == ';' || c == '{' || c == ':')
        .unwrap_or(rest.len());
    let word = &rest[..word_end];
    let kind = match word {
        "graph" | "flowchart" | "flowchart-elk" | "flowchart-v2" => DiagramKind::Flowchart,
        "stateDiagram" | "stateDiagram-v2" => DiagramKind::State,
        "sequenceDiagram" => DiagramKind::Sequence,
        "erDiagram" => DiagramKind::Er,
        "classDiagram" | "classDiagram-v2" => DiagramKind::Class,
        "gantt" => DiagramKind::Gantt,
        w if OTHER_KEYWORDS.contains(&w) => DiagramKind::Other(w.to_string()),
        _ => DiagramKind::Unknown,
    };
    Header {
        keyword: if kind == DiagramKind::Unknown {
            String::new()
        } else {
            word.to_string()
        },
        kind,
        keyword_offset: off,
    }
}

/// The offset just after a leading `---` … `---` front-matter block, or 0.
fn skip_front_matter(src: &str) -> usize {
    let trimmed = src.trim_start_matches([' ', '\t', '\r', '\n']);
    let lead = src.len() - trimmed.len();
    let Some(after) = trimmed.strip_prefix("---") else {
        return 0;
    };
    if !after.starts_with(['\n', '\r']) && !after.trim_start_matches([' ', '\t']).starts_with('\n')
    {
        return 0;
    }
    let mut off = lead + 3;
    for line in src[off..].split_inclusive('\n').skip(1) {
        let l = line.trim_end_matches(['\n', '\r']);
        let here = off;
        off += line.len();
        let _ = here;
        if l.trim_end() == "---" {
            return off;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_through_front_matter_directives_and_comments() {
        let h = detect("---\ntitle: x\n---\n%%{init: {\"theme\": \"dark\"}}%%\n%% note\n  stateDiagram-v2\n[*] --> A\n");
        assert_eq!(h.kind, DiagramKind::State);
        assert_eq!(h.keyword, "stateDiagram-v2");
        assert_eq!(detect("graph TD;A-->B").kind, DiagramKind::Flowchart);
        assert_eq!(detect("flowchart-elk LR\n").kind, DiagramKind::Flowchart);
        assert_eq!(
            detect("pie\n\"a\": 1").kind,
            DiagramKind::Other("pie".into())
        );
        assert_eq!(detect("hello world").kind, DiagramKind::Unknown);
        assert_eq!(detect("").kind, DiagramKind::Unknown);
        assert_eq!(detect("erDiagram").kind, DiagramKind::Er);
        assert_eq!(detect("classDiagram-v2\n").kind, DiagramKind::Class);
    }
}
