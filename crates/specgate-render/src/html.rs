//! HTML escaping, URL filtering and the active-content check used on every page.

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether a link or image destination is safe to keep: `http(s):`, `mailto:`, a
/// fragment, or a relative path. Anything else (`javascript:`, `data:`, `vbscript:`,
/// `file:`, …) is dropped. Control characters and whitespace inside the scheme, which
/// browsers ignore, are ignored here too.
pub fn safe_url(url: &str) -> bool {
    let folded: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    // Entity-encoded schemes (`javascript&#58;`) never reach here decoded by the
    // browser because the destination is attribute-escaped, but refuse them anyway.
    if folded.contains("&#") || folded.contains("&colon") {
        return false;
    }
    match folded.find([':', '/', '?', '#']) {
        Some(i) if folded.as_bytes()[i] == b':' => {
            let scheme = &folded[..i];
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// Whether a URL is a relative path (no scheme, not a fragment, not absolute).
pub fn is_relative_path(url: &str) -> bool {
    let t = url.trim();
    !t.is_empty()
        && !t.starts_with('#')
        && !t.starts_with('/')
        && !t.contains("://")
        && !t.to_ascii_lowercase().starts_with("mailto:")
}

/// Finds anything in markup that could run script: a `<script`, `<iframe`, `<object`,
/// `<embed` or `<foreignObject` element, an `on…=` event attribute, or a
/// `javascript:` / `vbscript:` / `data:text/html` URL inside a tag. Text between tags
/// is not looked at (it is escaped). Returns what was found.
pub fn active_content(markup: &str) -> Option<&'static str> {
    let lower = markup.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut i = 0;
    while let Some(p) = lower[i..].find('<') {
        let start = i + p;
        let end = lower[start..].find('>').map_or(b.len(), |e| start + e);
        let tag = &lower[start + 1..end];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        // The page's own stylesheet and the SVG <style> elements are not tags to scan
        // for attributes, but their bodies are text without `<`.
        match name.as_str() {
            "script" => return Some("a <script> element"),
            "iframe" | "object" | "embed" | "frame" | "frameset" => {
                return Some("an embedding element")
            }
            "foreignobject" => return Some("a <foreignObject> element"),
            "base" | "meta"
                if !tag.starts_with("meta charset") && !tag.starts_with("meta name") =>
            {
                return Some("a <base> or <meta> element")
            }
            _ => {}
        }
        if has_event_attribute(tag) {
            return Some("an on… event attribute");
        }
        let squeezed: String = tag.chars().filter(|c| !c.is_whitespace()).collect();
        if squeezed.contains("javascript:")
            || squeezed.contains("vbscript:")
            || squeezed.contains("data:text/html")
        {
            return Some("a script URL");
        }
        i = end;
        if i >= b.len() {
            break;
        }
    }
    None
}

/// Whether a tag has an `on…` event attribute. Attribute values (quoted or not) are
/// skipped, so text such as `aria-label="x onerror=y"` is not mistaken for one.
fn has_event_attribute(tag: &str) -> bool {
    let b = tag.as_bytes();
    let mut i = 0;
    // The element name.
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'/' {
        i += 1;
    }
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        let name = &tag[start..i];
        if name.len() > 2 && name.starts_with("on") {
            return true;
        }
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                i += 1;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                i += 1;
            } else {
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
            }
        }
        if i == start {
            i += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(safe_url("https://example.com/x"));
        assert!(safe_url("../src/lib.rs#L10"));
        assert!(safe_url("#section"));
        assert!(safe_url("mailto:a@b.c"));
        assert!(!safe_url("javascript:alert(1)"));
        assert!(!safe_url(" JaVa\tScRiPt:alert(1)"));
        assert!(!safe_url("data:text/html,<script>"));
        assert!(!safe_url("vbscript:x"));
        assert!(!safe_url("javascript&#58;alert(1)"));
    }

    #[test]
    fn active() {
        assert!(active_content("<p>a &lt;script&gt; b</p>").is_none());
        assert!(active_content("<p class=\"x\">on=1 only in text</p>").is_none());
        assert!(active_content("<SCRIPT>x</SCRIPT>").is_some());
        assert!(active_content("<img src=x onerror=alert(1)>").is_some());
        assert!(active_content("<svg/onload=alert(1)>").is_some());
        assert!(active_content("<a href=\"javascript:alert(1)\">").is_some());
        assert!(active_content("<a href=\"https://x\" data-one=\"1\">").is_none());
        assert!(active_content("<g aria-label=\"x onerror=y\">").is_none());
        assert!(active_content("<g data-x=1 onclick=\"y\">").is_some());
    }
}
