//! Rendering for specgate: Mermaid diagrams to SVG and PNG without a browser, and the
//! static, self-contained HTML report. Returns strings and bytes; never prints and
//! never writes files (the CLI writes them atomically).

pub mod diagram;
pub mod html;
pub mod report;

pub use diagram::{render_png, render_svg, DiagramOptions, RenderFailure};
pub use report::{render_index, render_page, Coverage, Finding, Level, Page, PageOutput, Summary};

/// The file name a diagram gets, compatible with the old `render-diagrams.sh`:
/// `<spec file name, spaces→_>__mermaid_NNN.<ext>`, with `NNN` counting from 001.
pub fn diagram_file_name(spec_file_name: &str, index: usize, ext: &str) -> String {
    format!(
        "{}__mermaid_{:03}.{ext}",
        spec_file_name.replace(' ', "_"),
        index + 1
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_match_the_old_script() {
        assert_eq!(
            super::diagram_file_name("my spec.md", 0, "svg"),
            "my_spec.md__mermaid_001.svg"
        );
    }
}
