use specgate_model::SourceKind;

use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports an evidence URL that is not well-formed: no host, a host with invalid
    /// characters, or no dot in the host (except `localhost`). specgate does not fetch
    /// URLs; it checks their form only.
    ///
    /// ## Why
    /// A mistyped link is found by a reader months later, when the claim matters.
    ///
    /// ## Example
    /// `Evidence: https:/example.com/x` or `https://wiki/page`.
    ///
    /// ## Fix
    /// Correct the URL.
    name: "malformed-url", category: "evidence", severity: Error
}

pub fn well_formed(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("https://") {
        r
    } else if let Some(r) = lower.strip_prefix("http://") {
        r
    } else {
        return lower.starts_with("file://");
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let (host, port) = match host.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (host, None),
    };
    if port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && (host.contains('.') || host == "localhost")
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    for e in &ctx.doc.evidence {
        for s in e.sources.iter().filter(|s| s.kind == SourceKind::Url) {
            if !well_formed(&s.text) {
                sink.report(s.span, format!("malformed URL `{}`", s.text))
                    .with_help("write a full URL such as `https://host.example/path`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn urls() {
        assert!(super::well_formed("https://sre.google/workbook/x"));
        assert!(super::well_formed("http://localhost:8080/a"));
        assert!(!super::well_formed("https://wiki/page"));
        assert!(!super::well_formed("https:///x"));
        assert!(!super::well_formed("https://exa mple.com"));
    }
}
