//! Typed models of the validated diagram types, built from the typed models merman
//! renders from (flowchart, sequence, ER, class) or its semantic JSON (Gantt). State
//! diagrams have their own richer model ([`crate::state`]).

use merman_core::diagrams::er::ErDiagramRenderModel;
use merman_core::diagrams::flowchart::FlowchartModel;
use merman_core::diagrams::sequence::SequenceDiagramRenderModel;
use merman_core::models::class_diagram::ClassDiagram;
use serde_json::Value;

use crate::{DiagramKind, Semantic};

use crate::state::StateDiagram;

/// The typed model of a valid diagram.
#[derive(Clone, Debug, PartialEq)]
pub enum Model {
    Flowchart(Flowchart),
    State(StateDiagram),
    Sequence(Sequence),
    Er(Er),
    Class(Class),
    Gantt(Gantt),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Flowchart {
    /// Node ids with their labels, in order of first appearance.
    pub nodes: Vec<(String, String)>,
    pub edges: Vec<Edge>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub label: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sequence {
    /// Participant / actor names, in order.
    pub participants: Vec<String>,
    pub messages: Vec<Message>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Message {
    pub from: String,
    pub to: String,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Er {
    /// Entity names with their attribute names.
    pub entities: Vec<(String, Vec<String>)>,
    pub relationships: Vec<Relationship>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Relationship {
    pub from: String,
    pub to: String,
    pub label: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Class {
    pub classes: Vec<String>,
    /// (from, to) class pairs.
    pub relations: Vec<(String, String)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gantt {
    pub sections: Vec<String>,
    pub tasks: Vec<String>,
}

/// The model of a diagram merman accepted: `semantic` is what its parser gave,
/// `renamed` the flowchart ids validation rewrote (new, original).
pub(crate) fn build(
    kind: &DiagramKind,
    src: &str,
    semantic: Semantic,
    renamed: &[(String, String)],
) -> Model {
    use merman_core::RenderSemanticModel as R;
    if *kind == DiagramKind::State {
        return Model::State(StateDiagram::parse(src));
    }
    match semantic {
        Semantic::Json(v) => Model::Gantt(gantt(&v)),
        Semantic::Render(r) => match (kind, *r) {
            (_, R::Flowchart(m)) => Model::Flowchart(flowchart(&m, renamed)),
            (_, R::Sequence(m)) => Model::Sequence(sequence(&m)),
            (_, R::Er(m)) => Model::Er(er(&m)),
            (_, R::Class(m)) => Model::Class(class(&m)),
            // Not reached for merman 0.9.3 (each family has its typed model; the test
            // below covers each): an empty model of the kind rather than a wrong one.
            (DiagramKind::Flowchart, _) => Model::Flowchart(Flowchart::default()),
            (DiagramKind::Sequence, _) => Model::Sequence(Sequence::default()),
            (DiagramKind::Er, _) => Model::Er(Er::default()),
            (DiagramKind::Class, _) => Model::Class(Class::default()),
            _ => Model::Gantt(Gantt::default()),
        },
    }
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn rename(id: String, renamed: &[(String, String)]) -> String {
    renamed
        .iter()
        .find(|(new, _)| *new == id)
        .map_or(id, |(_, old)| old.clone())
}

fn gantt(v: &Value) -> Gantt {
    let sections = v["sections"]
        .as_array()
        .map(|a| a.iter().map(s).collect())
        .unwrap_or_default();
    let tasks = v["tasks"]
        .as_array()
        .map(|a| a.iter().map(|t| s(&t["task"]).trim().to_string()).collect())
        .unwrap_or_default();
    Gantt { sections, tasks }
}

fn flowchart(m: &FlowchartModel, renamed: &[(String, String)]) -> Flowchart {
    Flowchart {
        nodes: m
            .nodes
            .iter()
            .map(|n| {
                let label = n.label.clone().unwrap_or_default();
                (rename(n.id.clone(), renamed), label)
            })
            .collect(),
        edges: m
            .edges
            .iter()
            .map(|e| Edge {
                from: rename(e.from.clone(), renamed),
                to: rename(e.to.clone(), renamed),
                label: e.label.clone().filter(|l| !l.is_empty()),
            })
            .collect(),
    }
}

fn sequence(m: &SequenceDiagramRenderModel) -> Sequence {
    Sequence {
        participants: m.actor_order.clone(),
        messages: m
            .messages
            .iter()
            .filter_map(|msg| {
                Some(Message {
                    from: msg.from.clone()?,
                    to: msg.to.clone()?,
                    text: msg.message.as_text().to_string(),
                })
            })
            .collect(),
    }
}

fn er(m: &ErDiagramRenderModel) -> Er {
    let name_of = |id: &str| {
        m.entities
            .iter()
            .find(|(_, e)| e.id == id)
            .map_or(id, |(name, _)| name.as_str())
            .to_string()
    };
    Er {
        entities: m
            .entities
            .iter()
            .map(|(name, e)| {
                let attrs = e.attributes.iter().map(|a| a.name.clone()).collect();
                (name.clone(), attrs)
            })
            .collect(),
        relationships: m
            .relationships
            .iter()
            .map(|r| Relationship {
                from: name_of(&r.entity_a),
                to: name_of(&r.entity_b),
                label: r.role_a.clone(),
            })
            .collect(),
    }
}

fn class(m: &ClassDiagram) -> Class {
    Class {
        classes: m.classes.keys().cloned().collect(),
        relations: m
            .relations
            .iter()
            .map(|r| (r.id1.clone(), r.id2.clone()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate;

    fn model(src: &str) -> Model {
        match validate(src).model() {
            Some(m) => m.clone(),
            None => panic!("not valid: {src}"),
        }
    }

    #[test]
    fn each_family_gets_its_model_from_merman() {
        let Model::Flowchart(f) = model("flowchart LR\n  A[Start] -->|go| B\n  B --> C\n") else {
            panic!("flowchart")
        };
        let ids: Vec<&str> = f.nodes.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["A", "B", "C"]);
        assert_eq!(f.nodes[0].1, "Start");
        assert_eq!(f.edges[0].label.as_deref(), Some("go"));
        assert_eq!(
            (f.edges[1].from.as_str(), f.edges[1].label.as_deref()),
            ("B", None)
        );

        let Model::Sequence(s) = model(
            "sequenceDiagram\n  participant A\n  participant B\n  A->>B: hello\n  B-->>A: ok\n",
        ) else {
            panic!("sequence")
        };
        assert_eq!(s.participants, ["A", "B"]);
        assert_eq!(s.messages.len(), 2);
        assert_eq!(
            (s.messages[0].to.as_str(), s.messages[0].text.as_str()),
            ("B", "hello")
        );
        assert_eq!(
            (s.messages[1].to.as_str(), s.messages[1].text.as_str()),
            ("A", "ok")
        );

        let Model::Er(e) =
            model("erDiagram\n  USER ||--o{ ORDER : places\n  USER {\n    string id\n  }\n")
        else {
            panic!("er")
        };
        assert_eq!(e.entities[0], ("USER".to_string(), vec!["id".to_string()]));
        assert_eq!(e.relationships[0].from, "USER");
        assert_eq!(e.relationships[0].to, "ORDER");
        assert_eq!(e.relationships[0].label, "places");

        let Model::Class(c) = model("classDiagram\n  Animal <|-- Duck\n") else {
            panic!("class")
        };
        assert_eq!(c.classes, ["Animal", "Duck"]);
        assert_eq!(c.relations, [("Animal".to_string(), "Duck".to_string())]);

        let Model::Gantt(g) =
            model("gantt\n  dateFormat YYYY-MM-DD\n  section Build\n  Code :a1, 2026-01-01, 3d\n")
        else {
            panic!("gantt")
        };
        assert_eq!(
            (g.sections.as_slice(), g.tasks.as_slice()),
            (&["Build".to_string()][..], &["Code".to_string()][..])
        );
    }
}
