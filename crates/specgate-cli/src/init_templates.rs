//! `specgate init`'s proposals for a repository of mixed documents: the
//! `[[templates]]` entries that the documents under its spec directories need, from
//! their titles and file names, and the template files the repository already has.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use specgate_lint::kinds::title::{self, Phrase};

use crate::files::Origin;
use crate::project::{Project, Verdict};

/// Unmatched documents of one kind (by the head of their H1).
struct Group {
    label: String,
    docs: Vec<PathBuf>,
    /// A template file in the repository whose title names this kind.
    template: Option<PathBuf>,
}

/// The commented `[[templates]]` block for the documents under `dir` that match no
/// template, or an empty string when every document matches.
pub fn proposals(dir: &Path) -> String {
    let project = Project::new(None, None, Default::default());
    let Ok(walk) = project.files(&[dir.to_path_buf()]) else {
        return String::new();
    };
    let mut groups: BTreeMap<Vec<String>, Group> = BTreeMap::new();
    for f in walk
        .files
        .iter()
        .filter(|f| walk.origin(f) == Origin::Walked)
    {
        let setup = project.setup(f);
        let Ok(setup) = setup.as_ref() else { continue };
        let Ok(src) = project.read(f, setup) else {
            continue;
        };
        let doc = specgate_model::parse(&src.text);
        if let Verdict::Unmatched(h1) = project.classify(setup, f, &doc, Origin::Walked) {
            let phrase = Phrase::of_template_title(h1.as_deref().unwrap_or(""));
            let g = groups.entry(phrase.core.clone()).or_insert_with(|| Group {
                label: h1
                    .as_deref()
                    .map_or("(no title)".into(), |_| phrase.display()),
                docs: Vec::new(),
                template: None,
            });
            g.docs.push(f.clone());
        }
    }
    if groups.is_empty() {
        return String::new();
    }
    let templates = template_files(dir);
    for g in groups.values_mut() {
        let t = title::tokens(&g.label);
        g.template = templates
            .iter()
            .find(|(_, p)| p.score(&t).is_some())
            .map(|(path, _)| path.clone());
    }
    let rel = |p: &Path| {
        p.strip_prefix(dir)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut out = String::from(
        "\n# Documents under spec directories that match no template, by their titles.\n\
         # Uncomment an entry and point `path` at the template of that kind; `match` globs\n\
         # (relative to this file) route documents whose titles do not say their kind.\n",
    );
    for g in groups.values() {
        let n = g.docs.len();
        out.push_str(&format!(
            "\n# {n} document{} titled `{}`, e.g. {}\n# [[templates]]\n",
            if n == 1 { "" } else { "s" },
            g.label,
            rel(&g.docs[0])
        ));
        match &g.template {
            Some(t) => out.push_str(&format!("# path = \"{}\"\n", rel(t))),
            None => out.push_str("# path = \"path/to/TEMPLATE.md\"\n"),
        }
        if let Some(glob) = common_glob(&g.docs.iter().map(|d| rel(d)).collect::<Vec<_>>()) {
            out.push_str(&format!("# match = [\"{glob}\"]\n"));
        }
    }
    out
}

/// Markdown files named like templates (`*template*`), with their title phrases.
fn template_files(dir: &Path) -> Vec<(PathBuf, Phrase)> {
    let mut out = Vec::new();
    for e in ignore::WalkBuilder::new(dir)
        .hidden(false)
        .filter_entry(|e| {
            let n = e.file_name().to_string_lossy();
            e.depth() == 0 || !(n == ".git" || n == "node_modules")
        })
        .sort_by_file_path(|a, b| a.cmp(b))
        .build()
        .flatten()
    {
        let name = e.file_name().to_string_lossy().to_lowercase();
        if !(name.ends_with(".md") && name.contains("template")) {
            continue;
        }
        if let Ok(src) = crate::project::read_spec(e.path(), specgate_lint::DEFAULT_MAX_FILE_SIZE) {
            let doc = specgate_model::parse(&src.text);
            let phrase = Phrase::of_template_title(doc.title.as_ref().map_or("", |t| &t.text));
            if !phrase.core.is_empty() {
                out.push((e.path().to_path_buf(), phrase));
            }
        }
    }
    out
}

/// A glob for files in one directory that share a name prefix (`.spec/prd-*.md`):
/// the prefix up to its last `-` or `_`. `None` when they share neither.
fn common_glob(paths: &[String]) -> Option<String> {
    let split = |p: &str| -> (String, String) {
        match p.rsplit_once('/') {
            Some((d, n)) => (format!("{d}/"), n.to_string()),
            None => (String::new(), p.to_string()),
        }
    };
    let (dir, first) = split(&paths[0]);
    let mut prefix = first.clone();
    for p in &paths[1..] {
        let (d, n) = split(p);
        if d != dir {
            return None;
        }
        let common = prefix
            .char_indices()
            .zip(n.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, c), _)| i + c.len_utf8());
        prefix.truncate(common);
    }
    let cut = prefix.rfind(['-', '_'])? + 1;
    Some(format!("{dir}{}*.md", &prefix[..cut]))
}

#[cfg(test)]
mod tests {
    use super::common_glob;

    #[test]
    fn globs_from_shared_name_prefixes() {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            common_glob(&v(&[".spec/prd-2026-01.md", ".spec/prd-2026-02.md"])).as_deref(),
            Some(".spec/prd-2026-*.md")
        );
        assert_eq!(
            common_glob(&v(&[".spec/build-plan-x.md"])).as_deref(),
            Some(".spec/build-plan-*.md")
        );
        assert_eq!(common_glob(&v(&["a/prd-1.md", "b/prd-2.md"])), None);
        assert_eq!(common_glob(&v(&[".spec/review.md"])), None);
    }
}
