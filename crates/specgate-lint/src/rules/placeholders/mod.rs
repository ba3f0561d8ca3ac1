pub mod date_placeholder;
pub mod template_guidance;
pub mod todo_marker;
pub mod unfilled_placeholder;
pub mod unresolved_alternatives;
