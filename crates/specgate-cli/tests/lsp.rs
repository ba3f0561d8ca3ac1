//! End to end: `specgate lsp` driven over its real stdin/stdout by a scripted client.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: mpsc::Receiver<Value>,
    next: i64,
    queued: Vec<Value>,
}

const WAIT: Duration = Duration::from_secs(30);

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = 0;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse().ok()?;
        }
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start(dir: &std::path::Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_specgate"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn specgate lsp");
        let stdin = child.stdin.take().expect("stdin");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            while let Some(v) = read_message(&mut stdout) {
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next: 0,
            queued: Vec::new(),
        }
    }

    fn raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn send(&mut self, v: Value) {
        self.raw(&v.to_string());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn recv(&mut self) -> Value {
        self.rx
            .recv_timeout(WAIT)
            .expect("a message from the server in time")
    }

    /// Waits for the response with `id`, keeping notifications for later.
    fn response(&mut self, id: Value) -> Value {
        loop {
            let m = self.recv();
            if m.get("method").is_none() && m["id"] == id {
                return m;
            }
            self.queued.push(m);
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = json!(self.next);
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.response(id)
    }

    fn diagnostics(&mut self, version: i64) -> Value {
        let is = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
        };
        if let Some(i) = self.queued.iter().position(is) {
            return self.queued.remove(i)["params"]["diagnostics"].clone();
        }
        loop {
            let m = self.recv();
            if is(&m) {
                return m["params"]["diagnostics"].clone();
            }
            self.queued.push(m);
        }
    }
}

/// Byte offset of an LSP position (UTF-16 column), computed independently of the server.
fn byte_of(text: &str, line: u64, character: u64) -> usize {
    let mut start = 0;
    for _ in 0..line {
        start += text[start..]
            .find('\n')
            .map_or(text.len() - start, |i| i + 1);
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        if units >= character {
            return start + i;
        }
        units += c.len_utf16() as u64;
    }
    end
}

fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let a = byte_of(
                text,
                r["start"]["line"].as_u64().unwrap_or(0),
                r["start"]["character"].as_u64().unwrap_or(0),
            );
            let b = byte_of(
                text,
                r["end"]["line"].as_u64().unwrap_or(0),
                r["end"]["character"].as_u64().unwrap_or(0),
            );
            // A TextEdit has `newText`, a content change `text`.
            let new = e.get("newText").or_else(|| e.get("text"));
            (a, b, new.and_then(Value::as_str).unwrap_or("").to_string())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

fn find<'a>(diags: &'a Value, code: &str) -> Vec<&'a Value> {
    diags
        .as_array()
        .expect("diagnostics array")
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

const SPEC: &str = "# Technical Specification: Démo 😀\n\
\n\
**Owner:** 山田\n\
**Status:** Draft\n\
\n\
## 1) Summary\n\
Rules: SG101 and friends.\n\
\n\
Text 😀漢字. Evidence: README.md\n\
\n\
**Evidence:** `README.md`\n";

#[test]
fn lsp_session_over_stdio() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    std::fs::create_dir(root.join(".git")).expect(".git");
    std::fs::write(root.join("README.md"), "# The readme\nsecond line\n").expect("readme");
    let spec = root.join("spec.md");
    std::fs::write(&spec, SPEC).expect("spec");
    let uri = format!("file://{}", spec.display());
    let doc = json!({ "uri": uri });
    let mut c = Client::start(&root);

    // Malformed input gets error responses; the server keeps going.
    c.raw("{not json");
    let e = c.recv();
    assert_eq!(
        (e["id"].clone(), e["error"]["code"].clone()),
        (Value::Null, json!(-32700))
    );
    c.raw(r#"{"jsonrpc":"2.0","id":77,"params":[]}"#);
    let e = c.response(json!(77));
    assert_eq!(e["error"]["code"], -32600);

    let init = c.request(
        "initialize",
        json!({ "capabilities": {}, "initializationOptions": { "debounceMs": 0 } }),
    );
    assert_eq!(
        init["result"]["capabilities"]["textDocumentSync"]["change"],
        2
    );
    assert_eq!(init["result"]["serverInfo"]["name"], "specgate");
    c.notify("initialized", json!({}));
    assert_eq!(c.request("no/such", json!({}))["error"]["code"], -32601);

    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": SPEC } }),
    );
    let d1 = c.diagnostics(1);
    let trailing = find(&d1, "SG302");
    assert_eq!(trailing.len(), 2, "{d1:#}");
    // "Text 😀漢字. " is 11 UTF-16 units (the emoji counts 2): the finding starts there.
    assert_eq!(
        trailing[0]["range"]["start"],
        json!({ "line": 8, "character": 11 })
    );
    assert_eq!(
        trailing[0]["codeDescription"]["href"],
        "https://github.com/specgate/specgate/blob/main/docs/rules.md#sg302"
    );

    // Incremental edits with non-ASCII text: 🎉 (2 units) before the trailing
    // evidence, and CJK replacing the owner's name.
    let mut text = SPEC.to_string();
    let changes = json!([
        { "range": { "start": { "line": 8, "character": 5 }, "end": { "line": 8, "character": 5 } }, "text": "🎉" },
        { "range": { "start": { "line": 2, "character": 11 }, "end": { "line": 2, "character": 13 } }, "text": "鈴木 一郎" },
    ]);
    for ch in changes.as_array().expect("changes") {
        text = apply_edits(&text, std::slice::from_ref(ch));
    }
    assert!(
        text.contains("Text 🎉😀漢字.") && text.contains("**Owner:** 鈴木 一郎\n"),
        "{text}"
    );
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": changes }),
    );
    let d2 = c.diagnostics(2);
    assert_eq!(
        find(&d2, "SG302")[0]["range"]["start"],
        json!({ "line": 8, "character": 13 })
    );
    let server_text = c.request("specgate/documentText", json!({ "textDocument": doc }));
    assert_eq!(server_text["result"], text.as_str());

    // A code action, applied as an editor would, and the text checked.
    let target = find(&d2, "SG302")[1].clone();
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": doc, "range": target["range"], "context": { "diagnostics": [target] } }),
    );
    let actions = actions["result"].as_array().expect("actions").clone();
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    assert!(
        titles.contains(&"Disable SG302 for this line"),
        "{titles:?}"
    );
    let fix = actions
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.ends_with("(safe)")))
        .expect("a safe fix");
    let edits = fix["edit"]["changes"][uri.as_str()]
        .as_array()
        .expect("edits")
        .clone();
    let fixed = apply_edits(&text, &edits);
    assert!(fixed.contains("\nEvidence: `README.md`\n"), "{fixed}");
    // As content changes, last edit first, so each range is valid when it applies.
    let mut changes: Vec<Value> = edits
        .iter()
        .map(|e| json!({ "range": e["range"], "text": e["newText"] }))
        .collect();
    changes.sort_by_key(|c| {
        let p = &c["range"]["start"];
        std::cmp::Reverse((p["line"].as_u64(), p["character"].as_u64()))
    });
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": changes }),
    );
    let d3 = c.diagnostics(3);
    assert_eq!(find(&d3, "SG302").len(), 1, "{d3:#}");
    let server_text = c.request("specgate/documentText", json!({ "textDocument": doc }));
    assert_eq!(server_text["result"], fixed.as_str());
    let text = fixed;

    // Hover: a rule code, and an evidence path with its first lines.
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": doc, "position": { "line": 6, "character": 9 } }),
    );
    let md = hover["result"]["contents"]["value"]
        .as_str()
        .expect("hover");
    assert!(
        md.contains("missing-required-section") && md.contains("## What it does"),
        "{md}"
    );
    let line = text
        .lines()
        .position(|l| l.starts_with("Evidence: `README"))
        .expect("line") as u64;
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": doc, "position": { "line": line, "character": 12 } }),
    );
    let md = hover["result"]["contents"]["value"]
        .as_str()
        .expect("hover");
    assert!(md.contains("exists") && md.contains("# The readme"), "{md}");

    // Completion: missing sections in template order, numbered like the document.
    let end = text.lines().count() as u64;
    let mut text = text;
    text.push_str("## ");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 4 },
                "contentChanges": [{ "range": { "start": { "line": end, "character": 0 }, "end": { "line": end, "character": 0 } }, "text": "## " }] }),
    );
    let items = c.request(
        "textDocument/completion",
        json!({ "textDocument": doc, "position": { "line": end, "character": 3 } }),
    );
    let mut items = items["result"]["items"].as_array().expect("items").clone();
    items.sort_by_key(|i| i["sortText"].as_str().unwrap_or("").to_string());
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    assert_eq!(labels[0], "0.1) Template Metadata", "{labels:?}");
    let goals = labels
        .iter()
        .position(|l| *l == "2) Goals and Non-Goals")
        .expect("goals");
    let scope = labels.iter().position(|l| *l == "3) Scope").expect("scope");
    assert!(
        goals < scope && !labels.contains(&"0) Summary"),
        "{labels:?}"
    );
    // After `## `, the edit fills in the title from the cursor; the client filters
    // on the title the user goes on typing.
    assert_eq!(
        items[goals]["textEdit"]["newText"],
        "2) Goals and Non-Goals"
    );
    assert_eq!(items[goals]["textEdit"]["range"]["start"]["character"], 3);
    assert_eq!(items[goals]["filterText"], "Goals and Non-Goals");
    // Typing on narrows the list, and the edit covers what was typed.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 5 },
                "contentChanges": [{ "range": { "start": { "line": end, "character": 3 }, "end": { "line": end, "character": 3 } }, "text": "Sco" }] }),
    );
    let items = c.request(
        "textDocument/completion",
        json!({ "textDocument": doc, "position": { "line": end, "character": 6 } }),
    );
    let items = items["result"]["items"].as_array().expect("items").clone();
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    assert_eq!(labels, ["3) Scope", "5) Scope Decision Log"], "{labels:?}");
    assert_eq!(items[0]["textEdit"]["range"]["start"]["character"], 3);
    assert_eq!(items[0]["textEdit"]["range"]["end"]["character"], 6);
    text.push_str("Sco");
    // Status values after `**Status:**`.
    let items = c.request(
        "textDocument/completion",
        json!({ "textDocument": doc, "position": { "line": 3, "character": 11 } }),
    );
    let labels: Vec<&str> = items["result"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert_eq!(labels, ["Draft", "In Review", "Approved"]);

    // The outline.
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": doc }),
    );
    assert_eq!(symbols["result"][0]["name"], "1) Summary");
    assert_eq!(symbols["result"][0]["selectionRange"]["start"]["line"], 5);

    // Evidence paths link to the cited file.
    let links = c.request("textDocument/documentLink", json!({ "textDocument": doc }));
    let readme = format!("file://{}/README.md", root.display());
    assert!(
        links["result"]
            .as_array()
            .expect("links")
            .iter()
            .any(|l| l["target"] == readme.as_str()),
        "{links:#}"
    );

    assert_eq!(c.request("shutdown", Value::Null)["result"], Value::Null);
    assert_eq!(
        c.request("textDocument/hover", json!({}))["error"]["code"],
        -32600
    );
    c.notify("exit", Value::Null);
    let status = c.child.wait().expect("exit");
    assert_eq!(status.code(), Some(0));
}

/// xorshift64*: reproducible random edits without a dependency.
fn rng(state: &mut u64, n: usize) -> usize {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    (state.wrapping_mul(0x2545F4914F6CDD1D) % n.max(1) as u64) as usize
}

#[test]
fn random_edits_over_stdio_keep_server_and_client_text_equal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(dir.path());
    c.request(
        "initialize",
        json!({ "capabilities": {}, "initializationOptions": { "debounceMs": 10000 } }),
    );
    c.notify("initialized", json!({}));
    let uri = "file:///tmp/specgate-lsp-fuzz.md";
    let mut text = "# Technical Specification: 😀\n\n## 1) Summary\n漢字 é\n".to_string();
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
    );
    let mut s = 0x9e37_79b9_7f4a_7c15u64;
    const PIECES: [&str; 7] = ["a", "\n", "漢", "😀", "é", "\r\n", "## 2) X\n"];
    for version in 2..=101 {
        // A random range at char boundaries, in UTF-16 columns.
        let pos = |s: &mut u64, text: &str| -> (u64, u64, usize) {
            let lines: Vec<&str> = text.split('\n').collect();
            let line = rng(s, lines.len());
            let l = lines[line].strip_suffix('\r').unwrap_or(lines[line]);
            let chars: Vec<char> = l.chars().collect();
            let k = rng(s, chars.len() + 1);
            let col: usize = chars[..k].iter().map(|c| c.len_utf16()).sum();
            (
                line as u64,
                col as u64,
                byte_of(text, line as u64, col as u64),
            )
        };
        let (mut a, mut b) = (pos(&mut s, &text), pos(&mut s, &text));
        if a.2 > b.2 {
            std::mem::swap(&mut a, &mut b);
        }
        let new: String = (0..rng(&mut s, 4))
            .map(|_| PIECES[rng(&mut s, PIECES.len())])
            .collect();
        text.replace_range(a.2..b.2, &new);
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "range": { "start": { "line": a.0, "character": a.1 }, "end": { "line": b.0, "character": b.1 } }, "text": new }] }),
        );
        let got = c.request(
            "specgate/documentText",
            json!({ "textDocument": { "uri": uri } }),
        );
        assert_eq!(got["result"], text.as_str(), "after edit {version}");
    }
    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(c.child.wait().expect("exit").code(), Some(0));
}

/// The language server routes each document to its kind's template, as `check` does:
/// a PRD under `.spec/` gets nothing without a PRD template, and its own template's
/// findings (never the tech-spec template's) with one.
#[test]
fn lsp_checks_each_document_against_its_kind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    std::fs::create_dir(root.join(".git")).expect(".git");
    let prd = "# PRD: Billing\n\n**Owner:** A. Chen\n\n## 1) Problem\n\nLate invoices.\nEvidence: README.md\n";
    let template = "# PRD: <Product Name>\n\n**Owner:** <name>\n\n## 1) Problem (required)\n\n<x>\nEvidence:\n\n## 2) Goals (required)\n\n<x>\nEvidence:\n";
    for sub in ["plain", "team"] {
        std::fs::create_dir_all(root.join(sub).join(".spec/templates")).expect("dirs");
        std::fs::write(root.join(sub).join(".spec/prd-billing.md"), prd).expect("prd");
    }
    std::fs::write(root.join("team/.spec/templates/PRD_TEMPLATE.md"), template).expect("template");
    std::fs::write(
        root.join("team/specgate.toml"),
        "[[templates]]\npath = \".spec/templates/PRD_TEMPLATE.md\"\n",
    )
    .expect("config");
    let mut c = Client::start(&root);
    c.request(
        "initialize",
        json!({ "capabilities": {}, "initializationOptions": { "debounceMs": 0 } }),
    );
    c.notify("initialized", json!({}));
    let open = |c: &mut Client, sub: &str, version: i64| {
        let uri = format!("file://{}/{sub}/.spec/prd-billing.md", root.display());
        c.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": version, "text": prd } }),
        );
        c.diagnostics(version)
    };
    let plain = open(&mut c, "plain", 1);
    assert_eq!(plain, json!([]), "no PRD template: not checked");
    let team = open(&mut c, "team", 2);
    let missing = find(&team, "SG101");
    assert_eq!(missing.len(), 1, "{team:#}");
    assert!(
        missing[0]["message"].as_str().unwrap().contains("Goals"),
        "{team:#}"
    );
    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(c.child.wait().expect("exit").code(), Some(0));
}

/// Malformed frames and JSON-RPC edge cases over the real stdin: each gets the answer
/// JSON-RPC specifies, nothing is echoed, notifications are never answered, and the
/// server can still be shut down cleanly.
#[test]
fn malformed_frames_and_ids_get_json_rpc_answers_and_shutdown_still_works() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(dir.path());
    let init = c.request("initialize", json!({ "capabilities": {} }));
    assert!(init["result"]["capabilities"].is_object());
    c.notify("initialized", json!({}));
    let write = |c: &mut Client, bytes: &[u8]| {
        c.stdin.write_all(bytes).expect("write");
        c.stdin.flush().expect("flush");
    };
    // A negative and a missing Content-Length.
    write(&mut c, b"Content-Length: -3\r\n\r\n");
    assert_eq!(c.recv()["error"]["code"], -32700);
    write(&mut c, b"Content-Type: x\r\n\r\n");
    assert_eq!(c.recv()["error"]["code"], -32700);
    // A 512 KiB header line: answered briefly, without echoing it.
    let mut long = vec![b'Z'; 512 << 10];
    long.extend_from_slice(b"\r\n\r\n");
    write(&mut c, &long);
    let e = c.recv();
    assert_eq!(e["error"]["code"], -32700);
    assert!(
        e.to_string().len() < 300 && !e.to_string().contains("ZZZZ"),
        "{e}"
    );
    // A body shorter than its length: the next frame is found on the same line.
    write(&mut c, b"Content-Length: 5\r\n\r\n{}");
    c.next += 1;
    let id = c.next;
    let next = json!({ "jsonrpc": "2.0", "id": id, "method": "specgate/noSuchMethod" }).to_string();
    write(
        &mut c,
        format!("}}}}}}Content-Length: {}\r\n\r\n{next}", next.len()).as_bytes(),
    );
    let r = c.response(json!(id));
    assert_eq!(r["error"]["code"], -32601, "an unknown method: {r}");
    // id null, a fractional id, and a JSON-RPC 1.0 request are invalid requests.
    for body in [
        r#"{"jsonrpc":"2.0","id":null,"method":"shutdown"}"#,
        r#"{"jsonrpc":"2.0","id":2.5,"method":"shutdown"}"#,
    ] {
        c.raw(body);
        let e = c.response(Value::Null);
        assert_eq!(e["error"]["code"], -32600, "{body}: {e}");
    }
    c.raw(r#"{"jsonrpc":"1.0","id":900,"method":"shutdown"}"#);
    assert_eq!(c.response(json!(900))["error"]["code"], -32600);
    // An unknown notification is not answered: the next answer is the shutdown's.
    assert!(
        c.queued.iter().all(|m| m["error"]["code"] == -32700),
        "only the short body's parse error waits: {:?}",
        c.queued
    );
    c.queued.clear();
    c.notify("specgate/unknownNotification", json!({}));
    let r = c.request("shutdown", Value::Null);
    assert!(r.get("error").is_none(), "{r}");
    assert!(
        c.queued.iter().all(|m| m.get("error").is_none()),
        "{:?}",
        c.queued
    );
    c.notify("exit", Value::Null);
    assert_eq!(c.child.wait().expect("exit").code(), Some(0));
}

/// Closing stdin without `exit` ends the server with 1 and says why.
#[test]
fn closed_input_exits_one_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(env!("CARGO_BIN_EXE_specgate"))
        .arg("lsp")
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("closed the connection without `exit`"),
        "{stderr}"
    );
}

/// Hover on `path#L2-L3` shows those lines; on a finding, its rule and fix; on a
/// heading, the template section it was matched to.
#[test]
fn hover_shows_cited_lines_findings_and_matched_sections() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    std::fs::create_dir(root.join(".git")).expect(".git");
    std::fs::write(root.join("notes.md"), "first\nsecond\nthird\nfourth\n").expect("notes");
    let spec = root.join("spec.md");
    let text = "# Technical Specification: X\n\n## Summary\n\nThe ledger is append-only.\nEvidence: notes.md#L2-L3\n\nIt replicates to two zones.\n";
    std::fs::write(&spec, text).expect("spec");
    let uri = format!("file://{}", spec.display());
    let mut c = Client::start(&root);
    c.request(
        "initialize",
        json!({ "capabilities": {}, "rootUri": format!("file://{}", root.display()) }),
    );
    c.notify("initialized", json!({}));
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
    );
    let diags = c.diagnostics(1);
    assert!(!find(&diags, "SG301").is_empty(), "{diags:#}");
    let hover = |c: &mut Client, line: u64, character: u64| -> String {
        let h = c.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        );
        h["result"]["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    let md = hover(&mut c, 5, 14);
    assert!(
        md.contains("lines 2–3") && md.contains("second\nthird"),
        "{md}"
    );
    assert!(!md.contains("first") && !md.contains("fourth"), "{md}");
    let md = hover(&mut c, 7, 3);
    assert!(
        md.contains("**SG301**") && md.contains("missing-evidence"),
        "{md}"
    );
    assert!(md.contains("**Fix"), "{md}");
    let md = hover(&mut c, 2, 5);
    assert!(md.contains("Template section: **Summary**"), "{md}");
    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(c.child.wait().expect("exit").code(), Some(0));
}

/// A client that stops reading (its end of stdout closed): the server notices at its
/// next answer and exits non-zero with a message, instead of serving into the void.
#[test]
fn broken_output_pipe_exits_non_zero_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_specgate"))
        .arg("lsp")
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().expect("stdin");
    let frame = |v: Value| {
        let b = v.to_string();
        format!("Content-Length: {}\r\n\r\n{b}", b.len())
    };
    // Keep asking until the server has gone (a write may fail once it has).
    for i in 0..200 {
        let req = json!({ "jsonrpc": "2.0", "id": i, "method": "initialize", "params": { "capabilities": {} } });
        if stdin.write_all(frame(req).as_bytes()).is_err() || stdin.flush().is_err() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    drop(stdin);
    let out = child.wait_with_output().expect("exit");
    assert!(!out.status.success(), "{:?}", out.status);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error: lsp:"), "{stderr}");
}
