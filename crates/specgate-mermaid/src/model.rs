//! Typed models of the validated diagram types, built from merman's semantic JSON.
//! State diagrams have their own richer model ([`crate::state`]).

use serde_json::Value;

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

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn rename(id: String, renamed: &[(String, String)]) -> String {
    renamed
        .iter()
        .find(|(new, _)| *new == id)
        .map_or(id, |(_, old)| old.clone())
}

pub(crate) fn flowchart(v: &Value, renamed: &[(String, String)]) -> Flowchart {
    let nodes = v["nodes"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|n| (rename(s(&n["id"]), renamed), s(&n["label"])))
                .collect()
        })
        .unwrap_or_default();
    let edges = v["edges"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| Edge {
                    from: rename(s(&e["from"]), renamed),
                    to: rename(s(&e["to"]), renamed),
                    label: e["label"]
                        .as_str()
                        .filter(|l| !l.is_empty())
                        .map(str::to_string),
                })
                .collect()
        })
        .unwrap_or_default();
    Flowchart { nodes, edges }
}

pub(crate) fn sequence(v: &Value) -> Sequence {
    let participants = v["actorOrder"]
        .as_array()
        .map(|a| a.iter().map(s).collect())
        .unwrap_or_default();
    let messages = v["messages"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|m| m["from"].is_string() && m["to"].is_string())
                .map(|m| Message {
                    from: s(&m["from"]),
                    to: s(&m["to"]),
                    text: s(&m["message"]),
                })
                .collect()
        })
        .unwrap_or_default();
    Sequence {
        participants,
        messages,
    }
}

pub(crate) fn er(v: &Value) -> Er {
    let mut ids = Vec::new();
    let mut entities = Vec::new();
    if let Some(map) = v["entities"].as_object() {
        for (name, e) in map {
            ids.push((s(&e["id"]), name.clone()));
            let attrs = e["attributes"]
                .as_array()
                .map(|a| a.iter().map(|x| s(&x["name"])).collect())
                .unwrap_or_default();
            entities.push((name.clone(), attrs));
        }
    }
    let name_of = |id: &Value| {
        let id = s(id);
        ids.iter()
            .find(|(i, _)| *i == id)
            .map_or(id.clone(), |(_, n)| n.clone())
    };
    let relationships = v["relationships"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|r| Relationship {
                    from: name_of(&r["entityA"]),
                    to: name_of(&r["entityB"]),
                    label: s(&r["roleA"]),
                })
                .collect()
        })
        .unwrap_or_default();
    Er {
        entities,
        relationships,
    }
}

pub(crate) fn class(v: &Value) -> Class {
    let classes = v["classes"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let relations = v["relations"]
        .as_array()
        .map(|a| a.iter().map(|r| (s(&r["id1"]), s(&r["id2"]))).collect())
        .unwrap_or_default();
    Class { classes, relations }
}

pub(crate) fn gantt(v: &Value) -> Gantt {
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
