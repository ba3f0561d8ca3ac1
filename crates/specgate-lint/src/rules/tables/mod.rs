pub mod missing_table_columns;
pub mod table_cell_count;
