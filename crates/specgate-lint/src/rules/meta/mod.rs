pub mod no_matching_template;
pub mod unused_suppression;
