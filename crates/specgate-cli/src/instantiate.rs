//! `specgate instantiate`: deliverables rendered from a spec's Template Metadata or a
//! `.template.json` file.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use specgate_export::instantiate::{instantiate, values_from_json, Deliverable};
use specgate_export::template::TemplateJson;
use specgate_model::metadata;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DeliverableFormat {
    /// JSON (one object; with --batch, one object per line)
    Json,
    /// An issue body: title, description, acceptance criteria as a checklist
    Markdown,
}

#[derive(Args)]
pub struct InstantiateArgs {
    /// A spec (Markdown) or a template (.json)
    source: PathBuf,
    /// A variable value, `key=value` (repeatable; overrides --vars-file)
    #[arg(long = "var", value_name = "KEY=VALUE")]
    vars: Vec<String>,
    /// A JSON object of variables
    #[arg(long, value_name = "FILE")]
    vars_file: Option<PathBuf>,
    /// JSON Lines: one object of variables per line, one deliverable each (--var and
    /// --vars-file give defaults)
    #[arg(long, value_name = "FILE")]
    batch: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DeliverableFormat::Json)]
    format: DeliverableFormat,
    /// Write to this file (atomically) instead of stdout
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Template to match the spec's sections against (default: specgate.toml's, else the built-in one)
    #[arg(long)]
    template: Option<PathBuf>,
}

fn read_json(p: &std::path::Path) -> Result<serde_json::Value, String> {
    let bytes = specgate_lint::input::read_bounded(p, specgate_lint::DEFAULT_MAX_FILE_SIZE)
        .map_err(|e| format!("{}: {e}", p.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{}: invalid UTF-8; JSON must be UTF-8 text", p.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{}:{}:{}: {e}", p.display(), e.line(), e.column()))
}

fn load_template(args: &InstantiateArgs) -> Result<TemplateJson, String> {
    let p = &args.source;
    if p.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        let v = read_json(p)?;
        return serde_json::from_value(v)
            .map_err(|e| format!("{}: not a .template.json file: {e}", p.display()));
    }
    let l = crate::export::load(p, None, args.template.as_ref(), &Default::default())?;
    let m = l.schema.match_document(&l.doc);
    let blocks = metadata::blocks(&l.doc, &l.schema, &m);
    let b = blocks.first().ok_or_else(|| {
        format!(
            "{}:1:1: no Template Metadata section to instantiate",
            p.display()
        )
    })?;
    TemplateJson::from_block(&l.doc, b)
        .map_err(|e| crate::export::at(p, &l.doc, e.span, &e.message))
}

pub fn run(args: InstantiateArgs) -> u8 {
    match try_run(&args) {
        Ok(text) => crate::export::emit(args.out.as_ref(), &text),
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            2
        }
    }
}

fn try_run(args: &InstantiateArgs) -> Result<String, Vec<String>> {
    let t = load_template(args).map_err(|e| vec![e])?;
    let mut base: BTreeMap<String, String> = BTreeMap::new();
    if let Some(f) = &args.vars_file {
        let v = read_json(f).map_err(|e| vec![e])?;
        base = values_from_json(&v).map_err(|e| vec![format!("{}: {e}", f.display())])?;
    }
    for kv in &args.vars {
        match kv.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                base.insert(k.trim().to_string(), v.to_string());
            }
            _ => return Err(vec![format!("--var `{kv}`: expected KEY=VALUE")]),
        }
    }
    let render = |d: &Deliverable, batch: bool| match args.format {
        DeliverableFormat::Json if batch => serde_json::to_string(d).unwrap_or_default() + "\n",
        DeliverableFormat::Json => serde_json::to_string_pretty(d).unwrap_or_default() + "\n",
        DeliverableFormat::Markdown => d.to_markdown(),
    };
    let Some(batch) = &args.batch else {
        let d = instantiate(&t, &base)
            .map_err(|es| es.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        return Ok(render(&d, false));
    };
    let text =
        std::fs::read_to_string(batch).map_err(|e| vec![format!("{}: {e}", batch.display())])?;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("{}:{}", batch.display(), i + 1);
        let row = serde_json::from_str::<serde_json::Value>(line)
            .map_err(|e| format!("{at}:{}: {e}", e.column()))
            .and_then(|v| values_from_json(&v).map_err(|e| format!("{at}: {e}")));
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let mut values = base.clone();
        values.extend(row);
        match instantiate(&t, &values) {
            Ok(d) => out.push(render(&d, true)),
            Err(es) => errors.extend(es.iter().map(|e| format!("{at}: {e}"))),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(match args.format {
        DeliverableFormat::Json => out.concat(),
        DeliverableFormat::Markdown => out.join("\n---\n\n"),
    })
}
