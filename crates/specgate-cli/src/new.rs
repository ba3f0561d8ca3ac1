//! `specgate new`: scaffold a spec from the template.

use std::path::PathBuf;

use clap::Args;

#[derive(Args)]
pub struct NewArgs {
    /// The system or feature name, used in the H1
    #[arg(long)]
    title: String,
    /// The owner, written in the Owner header field
    #[arg(long)]
    owner: Option<String>,
    /// Write to this file (default: standard output)
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Overwrite the output file if it exists
    #[arg(long)]
    force: bool,
    /// Template to scaffold from (default: the built-in tech spec template)
    #[arg(long)]
    template: Option<PathBuf>,
}

/// Fills the H1 placeholder, the Owner field and the Last updated date.
pub fn scaffold(template: &str, title: &str, owner: Option<&str>, today: &str) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut h1_done = false;
    for line in template.split_inclusive('\n') {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let mut l = body.to_string();
        if !h1_done && l.starts_with("# ") {
            h1_done = true;
            l = match (l.find('<'), l.rfind('>')) {
                (Some(a), Some(b)) if a < b => format!("{}{}{}", &l[..a], title, &l[b + 1..]),
                _ => format!("{}: {title}", l.trim_end()),
            };
        } else if l.starts_with("**Owner:**") {
            if let Some(o) = owner {
                let trail = if l.ends_with("  ") { "  " } else { "" };
                l = format!("**Owner:** {o}{trail}");
            }
        } else if l.starts_with("**Last updated:**") {
            l = l.replacen("YYYY-MM-DD", today, 1);
        }
        out.push_str(&l);
        out.push_str(nl);
    }
    out
}

pub fn run(args: NewArgs) -> u8 {
    let template = match &args.template {
        None => specgate_model::SEED_TEMPLATE.to_string(),
        Some(p) => match crate::project::read_spec(p, specgate_lint::DEFAULT_MAX_FILE_SIZE) {
            Ok(s) => s.text,
            Err(e) => {
                eprintln!("error: {}: template: {e}", p.display());
                return 2;
            }
        },
    };
    let today = specgate_lint::dates::format_date(specgate_lint::dates::today());
    let text = scaffold(&template, &args.title, args.owner.as_deref(), &today);
    match &args.output {
        None => {
            print!("{text}");
            0
        }
        Some(path) => {
            if path.exists() && !args.force {
                eprintln!(
                    "error: {} already exists; use --force to overwrite it",
                    path.display()
                );
                return 2;
            }
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                if let Err(e) = std::fs::create_dir_all(dir) {
                    eprintln!("error: {}: {e}", dir.display());
                    return 2;
                }
            }
            match crate::write::write_atomic(path, text.as_bytes()) {
                Ok(()) => {
                    eprintln!("created {}", path.display());
                    0
                }
                Err(e) => {
                    eprintln!("error: {}: {e}", path.display());
                    2
                }
            }
        }
    }
}
