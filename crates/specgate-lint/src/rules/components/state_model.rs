//! The state-diagram model used by the state-machine rules: the typed model of the
//! Mermaid crate (`specgate_mermaid::state`), which follows mermaid.js's state grammar
//! (start `[*]`, transitions with labels and lines, finals, composite states and their
//! concurrent regions; a composite's inner `[*]` is entered only when the composite is).

pub use specgate_mermaid::state::{StateDiagram as StateModel, PSEUDO};
