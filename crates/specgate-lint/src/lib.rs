//! specgate's rule engine.
//!
//! Rules live one per file under `rules/<category>/`; [`registry`] is the only place
//! codes are assigned. [`check`] runs the selected rules on one [`Context`] and applies
//! inline suppressions. [`fix::apply_fixes`] applies fixes until they converge.

pub mod applies;
pub mod config;
pub mod context;
pub mod dates;
pub mod diagnostic;
pub mod fix;
pub mod fs_cache;
pub mod input;
pub mod kinds;
pub mod registry;
pub mod rule;
mod rules;
pub mod spec_file;
pub mod suppress;
pub(crate) mod util;

pub use config::{Config, ConfigError};
pub use context::Context;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
pub use fs_cache::FsCache;
pub use input::{ByteSize, DEFAULT_MAX_FILE_SIZE};
pub use kinds::{Kinds, Route};
pub use registry::{lookup, RULES};
pub use rule::{Rule, RuleMeta};
pub use rules::evidence::missing_evidence::{claims as evidence_claims, Claim};
pub use rules::metadata::parse_metadata_json;

/// Which rules run, and at what severity.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: Vec<(String, Severity)>,
    pub strict: bool,
}

impl Selection {
    pub fn from_config(cfg: &Config) -> Selection {
        Selection {
            select: cfg.select.clone(),
            ignore: cfg.ignore.clone(),
            severity: cfg
                .severity
                .iter()
                .filter_map(|(k, v)| Severity::parse(v).map(|s| (k.clone(), s)))
                .collect(),
            strict: cfg.strict,
        }
    }

    fn matches(list: &[String], rule: &Rule) -> bool {
        list.iter().any(|s| {
            s == rule.code
                || s == rule.meta.name
                || s == rule.meta.category
                || (s.len() < rule.code.len() && rule.code.starts_with(s.as_str()))
        })
    }

    pub fn enabled(&self, rule: &Rule) -> bool {
        (self.select.is_empty() || Self::matches(&self.select, rule))
            && !Self::matches(&self.ignore, rule)
    }

    fn severity_of(&self, rule: &Rule, default: Severity) -> Severity {
        let sev = self
            .severity
            .iter()
            .rev()
            .find(|(k, _)| k == rule.code || k == rule.meta.name)
            .map_or(default, |(_, s)| *s);
        if self.strict && sev == Severity::Warning {
            Severity::Error
        } else {
            sev
        }
    }
}

/// Runs the selected rules on one file. Findings are sorted by position, then code.
pub fn check(ctx: &Context, selection: &Selection) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let parts = applies::Parts::of(ctx.schema);
    let runs = |rule: &Rule| selection.enabled(rule) && parts.why_off(rule).is_none();
    for rule in run_order() {
        if rule.code == registry::UNUSED_SUPPRESSION || !runs(rule) {
            continue;
        }
        // A document of no known kind gets the one finding that says so.
        if ctx.unmatched.is_some() && rule.code != registry::NO_MATCHING_TEMPLATE {
            continue;
        }
        let start = out.len();
        let mut sink = rule::Sink {
            code: rule.code,
            meta: rule.meta,
            out: &mut out,
        };
        (rule.check)(ctx, &mut sink);
        for d in &mut out[start..] {
            d.severity = selection.severity_of(rule, d.severity);
        }
    }
    let sups = suppress::collect(ctx.doc);
    if !sups.is_empty() {
        out.retain(|d| {
            let hit = sups.iter().find(|s| s.covers(d.code, d.name, d.span));
            if let Some(s) = hit {
                s.used.set(true);
            }
            hit.is_none()
        });
        if let Some(rule) = RULES
            .iter()
            .find(|r| r.code == registry::UNUSED_SUPPRESSION)
        {
            if selection.enabled(rule) && ctx.unmatched.is_none() {
                // A suppression of a rule that did not run this time is not "unused".
                let ran = |c: &String| lookup(c).is_some_and(runs);
                let all_ran = RULES
                    .iter()
                    .all(|r| r.code == registry::UNUSED_SUPPRESSION || runs(r));
                for s in sups.iter().filter(|s| !s.used.get()).filter(|s| {
                    if s.codes.is_empty() {
                        all_ran
                    } else {
                        s.codes.iter().all(ran)
                    }
                }) {
                    let what = if s.codes.is_empty() {
                        "any rule".to_string()
                    } else {
                        s.codes.join(", ")
                    };
                    out.push(Diagnostic {
                        code: rule.code,
                        name: rule.meta.name,
                        severity: selection.severity_of(rule, rule.meta.severity),
                        message: format!("this suppression of {what} suppresses nothing"),
                        span: s.span,
                        labels: Vec::new(),
                        help: Some("remove the comment".into()),
                        fix: Some(Fix {
                            message: "remove the unused suppression".into(),
                            applicability: Applicability::Safe,
                            edits: vec![Edit {
                                span: s.span,
                                replacement: String::new(),
                            }],
                        }),
                    });
                }
            }
        }
    }
    sort_by_position(out)
}

/// The rules in the order `check` runs them: registry order, except that the Mermaid
/// rules run last. Their parser engine may still be starting on another thread (the
/// CLI warms it at start-up), and every other rule can run meanwhile. The order of the
/// findings does not depend on the order of the rules ([`sort_by_position`]).
fn run_order() -> impl Iterator<Item = &'static Rule> {
    let rest = RULES.iter().filter(|r| !needs_mermaid_engine(r));
    rest.chain(RULES.iter().filter(|r| needs_mermaid_engine(r)))
}

/// Whether a rule validates diagrams with merman's parser engine, whose construction
/// is the slowest start-up step of a one-spec run.
fn needs_mermaid_engine(rule: &Rule) -> bool {
    rule.meta.category == "diagrams"
}

/// Findings sorted by position, then code, keeping rule order for equal keys (a stable
/// sort). The keys are sorted, with the index as the tie-break, and each finding is
/// then moved once: cheaper than a stable sort moving the findings themselves.
fn sort_by_position(out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut order: Vec<(usize, &'static str, usize)> = out
        .iter()
        .enumerate()
        .map(|(i, d)| (d.span.start, d.code, i))
        .collect();
    order.sort_unstable();
    let mut slots: Vec<Option<Diagnostic>> = out.into_iter().map(Some).collect();
    order
        .into_iter()
        .map(|(_, _, i)| slots[i].take().expect("each finding is taken once"))
        .collect()
}

/// Resolves a cited evidence path under `root` exactly as the evidence rules do: the
/// location suffix (`#L10`, `:12`) is stripped, `..` may not climb out of the root and
/// symlinks may not point outside it. `Ok(None)` for citations that are not checked
/// (globs, variables); `Err(reason)` for paths outside the root.
pub fn resolve_evidence_path(
    root: &std::path::Path,
    cited: &str,
) -> Result<Option<std::path::PathBuf>, &'static str> {
    let real_root = root.canonicalize().ok();
    match rules::evidence::resolve(root, real_root.as_deref(), cited) {
        rules::evidence::Resolved::Inside(p) => Ok(Some(p)),
        rules::evidence::Resolved::Outside(why) => Err(why),
        rules::evidence::Resolved::Skip => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mermaid_rules_run_last_and_every_rule_runs_once() {
        let order: Vec<&str> = run_order().map(|r| r.code).collect();
        let mut codes = order.clone();
        codes.sort_unstable();
        let mut registry: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        registry.sort_unstable();
        assert_eq!(codes, registry);
        let first_mermaid = order
            .iter()
            .position(|c| c.starts_with("SG62"))
            .expect("the registry has Mermaid rules");
        assert!(order[first_mermaid..].iter().all(|c| c.starts_with("SG62")));
        assert!(order[..first_mermaid]
            .iter()
            .all(|c| !c.starts_with("SG62")));
    }

    #[test]
    fn findings_sort_by_position_then_code_keeping_rule_order() {
        let d = |start: usize, code: &'static str, message: &str| Diagnostic {
            code,
            name: "",
            severity: Severity::Error,
            message: message.into(),
            span: specgate_model::Span::new(start, start + 1),
            labels: Vec::new(),
            help: None,
            fix: None,
        };
        let sorted = sort_by_position(vec![
            d(5, "SG2", "a"),
            d(1, "SG9", "b"),
            d(5, "SG1", "c"),
            d(5, "SG2", "d"),
            d(1, "SG9", "e"),
        ]);
        let messages: Vec<_> = sorted.iter().map(|x| x.message.as_str()).collect();
        assert_eq!(messages, ["b", "e", "c", "a", "d"]);
    }
}
