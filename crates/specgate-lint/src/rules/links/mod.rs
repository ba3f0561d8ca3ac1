pub mod broken_anchor;
pub mod local_machine_path;
