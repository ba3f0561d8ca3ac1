pub mod broken_anchor;
