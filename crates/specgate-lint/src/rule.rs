//! How a rule is declared: metadata plus a check function.

use crate::context::Context;
use crate::diagnostic::{Diagnostic, Severity};
use specgate_model::Span;

/// Static facts about a rule. The code is assigned in [`crate::registry`].
#[derive(Debug)]
pub struct RuleMeta {
    pub name: &'static str,
    pub category: &'static str,
    pub severity: Severity,
    /// The rule's documentation: What it does / Why / Example / Fix.
    pub doc: &'static str,
}

/// A registered rule.
pub struct Rule {
    pub code: &'static str,
    pub meta: &'static RuleMeta,
    pub check: fn(&Context, &mut Sink),
}

/// Collects a rule's findings, stamping its code, name and severity.
pub struct Sink<'r> {
    pub(crate) code: &'static str,
    pub(crate) meta: &'static RuleMeta,
    pub(crate) out: &'r mut Vec<Diagnostic>,
}

impl Sink<'_> {
    /// Reports a finding and returns it for labels, help and fixes.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.out.push(Diagnostic {
            code: self.code,
            name: self.meta.name,
            severity: self.meta.severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
        });
        self.out.last_mut().expect("just pushed")
    }
}

/// Declares a rule's metadata from its doc comment:
///
/// ```text
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     name: "missing-required-section", category: "structure", severity: Error
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    ($(#[doc = $doc:expr])* name: $name:literal, category: $cat:literal, severity: $sev:ident $(,)?) => {
        /// This rule's metadata.
        pub static META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
            name: $name,
            category: $cat,
            severity: $crate::diagnostic::Severity::$sev,
            doc: concat!($($doc, "\n"),*),
        };
    };
}
