pub mod invalid_header_date;
pub mod invalid_status;
pub mod missing_header_field;
