//! `specgate init`: a commented `specgate.toml` with every option and its default.

use std::path::{Path, PathBuf};

use clap::Args;

#[derive(Args)]
pub struct InitArgs {
    /// Directory to write `specgate.toml` into
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Copy this team template into `.specgate/templates/` and point the config at it
    #[arg(long, value_name = "PATH")]
    pub template: Option<PathBuf>,
    /// Overwrite an existing `specgate.toml`
    #[arg(long)]
    pub force: bool,
}

/// The config `init` writes. Every key is commented out at its default, except
/// `template` when `--template` is given.
pub fn config_text(template: Option<&str>) -> String {
    let template_line = match template {
        Some(t) => format!("template = \"{t}\""),
        None => "# template = \"docs/templates/TECH_SPEC_TEMPLATE.md\"".to_string(),
    };
    format!(
        r#"# specgate configuration. Discovered upward from each checked file, or given with
# `--config`. Every option is shown at its default; uncomment to change it.
# Schema: schemas/config.schema.json. Reference: docs/configuration.md.

# The template specs are checked against, relative to this file.
# Default: the built-in technical spec template.
{template_line}

# Rules to run: codes (SG301), names (missing-evidence), categories (evidence) or
# code prefixes (SG3). Empty means all rules.
# select = []

# Rules to skip, in the same forms.
# ignore = []

# Warnings become errors (as `--strict`).
# strict = false

# Where cited evidence paths are resolved, relative to this file.
# Default: the git root of each spec.
# evidence-root = "."

# Section titles exempt from the evidence rule (SG301), in addition to Evidence Gaps,
# Evidence Map, Quality Gate and Template Metadata. "!Title" removes a default exemption.
# evidence-exempt = []

# Evidence forms accepted without a style warning (SG302), besides the canonical
# `Evidence: x` line: "emphasized" (`**Evidence:** x`), "trailing" (`… Evidence: x`).
# evidence-forms = []

# Allowed Template Metadata priorities. Empty means low, medium, high, critical.
# priorities = []

# Globs of files to check when walking directories. Empty means: Markdown files under
# .spec/, .specs/ or specs/ (at any depth, hidden or not), or whose H1 starts with a
# template's kind (`# Technical Specification: …`).
# include = []

# Globs of files to skip when walking directories.
# exclude = []

# Largest spec, template or Mermaid file read: bytes, or "10MiB", "512KB" (KB/MB/GB are
# powers of 1000, KiB/MiB/GiB of 1024). Larger files are reported and never read.
# max-file-size = "10MiB"

# Severity per rule code or name: "error", "warning" or "info".
[severity]
# todo-marker = "error"

# Section titles your specs use for the template's sections: alias = template title.
[aliases]
# "Executive Summary" = "Summary"

# More templates, one per document kind. A document is checked against the first
# entry whose `match` glob fits its path (relative to this file), else the template
# its front matter or H1 names (`# PRD: …` for a template titled `# PRD: <Name>`).
# The default template above is always a candidate; an entry without `path` adds
# globs to it. Documents of no known kind are skipped and listed.
# [[templates]]
# path = ".spec/templates/PRD_TEMPLATE.md"
# match = [".spec/prd-*.md"]
# title = "PRD"   # when the template's own H1 is a placeholder
"#
    )
}

pub fn run(args: InitArgs) -> u8 {
    let path = args.dir.join("specgate.toml");
    if path.exists() && !args.force {
        eprintln!(
            "error: {} already exists (use --force to overwrite)",
            path.display()
        );
        return 2;
    }
    let template = match &args.template {
        None => None,
        Some(t) => match copy_template(&args.dir, t) {
            Ok(rel) => Some(rel),
            Err(e) => {
                eprintln!("error: {}: {e}", t.display());
                return 2;
            }
        },
    };
    let mut text = config_text(template.as_deref());
    if template.is_none() {
        text.push_str(&crate::init_templates::proposals(&args.dir));
    }
    if let Err(e) = std::fs::create_dir_all(&args.dir)
        .and_then(|()| crate::write::write_atomic(&path, text.as_bytes()))
    {
        eprintln!("error: {}: {e}", path.display());
        return 2;
    }
    eprintln!("wrote {}", path.display());
    0
}

/// Copies the template into `<dir>/.specgate/templates/` and returns its path relative
/// to `dir`, with `/` separators.
fn copy_template(dir: &Path, template: &Path) -> std::io::Result<String> {
    let bytes = std::fs::read(template)?;
    let src = specgate_model::decode(bytes.clone())
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
    if src.text.trim().is_empty() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "the template is empty",
        ));
    }
    let name = template
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file"))?;
    let rel = Path::new(".specgate").join("templates").join(name);
    let dest = dir.join(&rel);
    if let Some(parent) = dest.parent() {
        std::fs::create_dir_all(parent)?;
    }
    crate::write::write_atomic(&dest, &bytes)?;
    Ok(rel.to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::config_text;

    #[test]
    fn the_written_config_parses_and_names_every_option() {
        for template in [None, Some(".specgate/templates/ADR.md")] {
            let text = config_text(template);
            let cfg = specgate_lint::Config::parse(&text, std::path::Path::new("specgate.toml"))
                .expect("init's config parses");
            assert_eq!(
                cfg.template
                    .as_deref()
                    .map(|p| p.to_string_lossy().to_string()),
                template.map(String::from)
            );
        }
        // Every key of the config schema is documented in the file.
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../schemas/config.schema.json")).unwrap();
        let text = config_text(None);
        for key in schema["properties"].as_object().unwrap().keys() {
            let shown = text.contains(&format!("# {key} =")) || text.contains(&format!("[{key}]"));
            assert!(shown, "`specgate init` does not document `{key}`");
        }
    }
}
