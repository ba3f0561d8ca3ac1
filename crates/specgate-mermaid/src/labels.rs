//! Where a flowchart's unquoted node label holds a structural character.
//!
//! merman-core rejects `A[Bridge (optional)]` as mermaid.js does ("Invalid text label:
//! contains structural characters"), but gives no position; mermaid.js names the line
//! of the label. This finds it: the first node whose label, between its shape's
//! opening and closing brackets (`[…]`, `(…)`, `{…}`, and the compound shapes `([…])`,
//! `[[…]]`, `[(…)]`, `((…))`, `{{…}}`, `[/…/]`), is not quoted and holds one of `"`,
//! `(`, `)`, `[`, `]`, `{`, `}` or `|`; or, for a label left open before the next arrow
//! (`A[Start --> B[API]`), the first of them after its opening bracket.

/// The offset of the first structural character inside an unquoted node label.
pub(crate) fn structural_label_offset(src: &str) -> Option<usize> {
    let mut line_start = 0;
    for line in src.split_inclusive('\n') {
        if let Some(at) = in_line(line) {
            return Some(line_start + at);
        }
        line_start += line.len();
    }
    None
}

const OPEN: &[u8] = b"[({";
const SHAPE: &[u8] = b"[({/\\>";
const CLOSE: &[u8] = b"])}/\\";
const STRUCTURAL: &[u8] = b"\"()[]{}|";

fn in_line(line: &str) -> Option<usize> {
    let t = line.trim_start();
    if t.starts_with("%%") {
        return None;
    }
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // A node: an identifier, then a shape's opening bracket.
        if OPEN.contains(&b[i]) && i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
            let open_end = i + b[i..]
                .iter()
                .take_while(|c| SHAPE.contains(c))
                .count()
                .min(3);
            // The node ends at the next arrow or the line's end.
            let rest = &line[open_end..];
            let node_end = ["-->", "---", "==>", "-.-", "-.->", "~~~", "&"]
                .iter()
                .filter_map(|a| rest.find(a))
                .min()
                .unwrap_or(rest.trim_end().len());
            let body = rest[..node_end].trim_end();
            let close_len = body
                .bytes()
                .rev()
                .take_while(|c| CLOSE.contains(c))
                .count()
                .min(open_end - i);
            if close_len == 0 {
                // A label not closed before the next arrow runs on (`A[Start --> B[API]`):
                // mermaid.js reads the rest of the line as its text, and the first
                // structural character in it is the error.
                if node_end < rest.trim_end().len() {
                    if let Some(k) = rest.bytes().position(|c| STRUCTURAL.contains(&c)) {
                        return Some(open_end + k);
                    }
                }
                i = open_end;
                continue;
            }
            let label = &body[..body.len() - close_len];
            let trimmed = label.trim();
            let quoted = trimmed.len() >= 2 && trimmed.starts_with('"') && trimmed.ends_with('"');
            let markdown = trimmed.starts_with("\"`") || trimmed.starts_with('`');
            if !quoted && !markdown {
                if let Some(k) = label.bytes().position(|c| STRUCTURAL.contains(&c)) {
                    return Some(open_end + k);
                }
            }
            i = open_end + node_end;
            continue;
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::structural_label_offset as at;

    #[test]
    fn the_offending_label_is_found() {
        let src = "flowchart TD\n  A[Start] --> B\n  VS[VS Code Bridge (optional)] --> B\n";
        let off = at(src).expect("found");
        assert_eq!(&src[off..off + 1], "(");
        assert_eq!(src[..off].matches('\n').count(), 2, "on the third line");
        // A label left open before an arrow: the structural character after it.
        let src = "flowchart LR\n  A[Start --> B[Notification API]\n  B --> C\n";
        let off = at(src).expect("found");
        assert_eq!(&src[off..off + 1], "[");
        assert_eq!(src[..off].matches('\n').count(), 1, "on the second line");
        // Shapes whose brackets are their own, and quoted labels, are fine.
        for ok in [
            "flowchart TD\n  A([stadium]) --> B[[sub]]\n",
            "flowchart TD\n  C[(db)] --> D((circle)) --> E{{hex}}\n",
            "flowchart TD\n  F[\"quoted (ok)\"] --> G[/para/]\n",
            "flowchart TD\n  %% H[comment (x)]\n",
        ] {
            assert_eq!(at(ok), None, "{ok}");
        }
    }
}
