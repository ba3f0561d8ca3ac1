//! The server in process, over `Connection::memory()`: protocol, debounce,
//! configuration, and 1,000 random edit sequences compared with the client's text.

use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};
use specgate_lsp::{run, Exit};

struct Client {
    conn: Connection,
    next: i32,
    /// Notifications received while waiting for a response.
    queued: Vec<Notification>,
    server: Option<std::thread::JoinHandle<Exit>>,
}

const WAIT: Duration = Duration::from_secs(20);

impl Client {
    fn start(init_options: Value) -> Client {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || run(server));
        let mut c = Client {
            conn: client,
            next: 0,
            queued: Vec::new(),
            server: Some(handle),
        };
        let caps =
            json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
        let r = c.request(
            "initialize",
            json!({ "capabilities": caps, "initializationOptions": init_options }),
        );
        assert_eq!(r["result"]["capabilities"]["textDocumentSync"]["change"], 2);
        c.notify("initialized", json!({}));
        c
    }

    fn send(&self, m: Message) {
        self.conn.sender.send(m).expect("server alive");
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Notification::new(method.into(), params).into());
    }

    /// Sends a request and returns the raw response as JSON (`result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.send(Request::new(id.clone(), method.into(), params).into());
        loop {
            match self
                .conn
                .receiver
                .recv_timeout(WAIT)
                .expect("response in time")
            {
                Message::Response(r) if r.id == id => {
                    return serde_json::to_value(r).expect("json")
                }
                Message::Notification(n) => self.queued.push(n),
                _ => {}
            }
        }
    }

    /// The next publishDiagnostics for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        if let Some(i) = self.queued.iter().position(|n| is_diag(n, uri)) {
            return self.queued.remove(i).params;
        }
        loop {
            match self
                .conn
                .receiver
                .recv_timeout(WAIT)
                .expect("diagnostics in time")
            {
                Message::Notification(n) if is_diag(&n, uri) => return n.params,
                Message::Notification(n) => self.queued.push(n),
                _ => {}
            }
        }
    }

    /// Sends the spec's whole text again as version `version`, and waits for the
    /// diagnostics of that version (skipping older re-checks).
    fn recheck(&mut self, uri: &str, version: i32) -> Value {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "text": SPEC }] }),
        );
        loop {
            let d = self.diagnostics(uri);
            if d["version"] == version {
                return d;
            }
        }
    }

    fn text(&mut self, uri: &str) -> String {
        let r = self.request(
            "specgate/documentText",
            json!({ "textDocument": { "uri": uri } }),
        );
        r["result"].as_str().expect("text").to_string()
    }

    fn finish(mut self) -> Exit {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null);
        self.notify("exit", Value::Null);
        self.server
            .take()
            .expect("running")
            .join()
            .expect("no panic")
    }
}

fn is_diag(n: &Notification, uri: &str) -> bool {
    n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri
}

fn codes(diags: &Value) -> Vec<String> {
    diags["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

fn open(c: &Client, uri: &str, text: &str) {
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
    );
}

const SPEC: &str = "# Technical Specification: Demo\n\n**Owner:** A\n**Status:** Draft\n\n## 1) Summary\nText.\n**Evidence:** `README.md`\n";

#[test]
fn protocol_errors_are_responses_and_exit_follows_shutdown() {
    let (server, client) = Connection::memory();
    let h = std::thread::spawn(move || run(server));
    // Before initialize: ServerNotInitialized.
    client
        .sender
        .send(Request::new(1.into(), "textDocument/hover".into(), json!({})).into())
        .expect("send");
    let Ok(Message::Response(r)) = client.receiver.recv_timeout(WAIT) else {
        panic!("expected a response");
    };
    assert_eq!(r.response_result.expect_err("error").code, -32002);
    let mut c = Client {
        conn: client,
        next: 10,
        queued: Vec::new(),
        server: Some(h),
    };
    assert!(
        c.request("initialize", json!({ "capabilities": {} }))["result"]["capabilities"]
            .is_object()
    );
    let r = c.request("no/such/method", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    let r = c.request("textDocument/hover", json!({ "textDocument": 5 }));
    assert_eq!(r["error"]["code"], -32602);
    let r = c.request("textDocument/hover", json!({ "textDocument": { "uri": "file:///nope.md" }, "position": { "line": 0, "character": 0 } }));
    assert_eq!(r["error"]["code"], -32602);
    // A malformed notification is ignored; the server still answers.
    c.notify("textDocument/didChange", json!({ "bogus": true }));
    assert_eq!(c.request("initialize", json!({}))["error"]["code"], -32600);
    assert_eq!(c.finish(), Exit::Clean);
}

#[test]
fn exit_without_shutdown_is_unclean() {
    let c = Client::start(json!({}));
    c.notify("exit", Value::Null);
    let mut c = c;
    assert_eq!(
        c.server.take().expect("running").join().expect("no panic"),
        Exit::Unclean
    );
}

#[test]
fn a_burst_of_changes_gives_one_diagnostics_run() {
    let mut c = Client::start(json!({ "debounceMs": 300 }));
    let uri = "file:///tmp/specgate-lsp-burst/spec.md";
    open(&c, uri, SPEC);
    assert_eq!(c.diagnostics(uri)["version"], 1);
    for v in 2..=6 {
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": v },
                    "contentChanges": [{ "range": { "start": { "line": 6, "character": 0 }, "end": { "line": 6, "character": 0 } }, "text": "x" }] }),
        );
    }
    // The next diagnostics are for the last version: versions 2–5 were never checked.
    assert_eq!(c.diagnostics(uri)["version"], 6);
    assert_eq!(c.text(uri), SPEC.replace("Text.", "xxxxxText."));
    assert_eq!(c.finish(), Exit::Clean);
}

/// A git project with a README and `spec.md` (holding [`SPEC`]): the directory (kept
/// alive by the caller), its canonical path, and the spec's URI.
fn project() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    std::fs::create_dir(root.join(".git")).expect("git dir");
    std::fs::write(root.join("README.md"), "# readme\n").expect("write");
    let spec = root.join("spec.md");
    std::fs::write(&spec, SPEC).expect("write");
    let uri = format!("file://{}", spec.display());
    (dir, root, uri)
}

#[test]
fn specgate_toml_is_picked_up_and_re_read() {
    let (_dir, root, uri) = project();
    let mut c = Client::start(json!({ "debounceMs": 0 }));
    open(&c, &uri, SPEC);
    assert!(codes(&c.diagnostics(&uri)).contains(&"SG302".to_string()));
    std::fs::write(root.join("specgate.toml"), "ignore = [\"SG302\"]\n").expect("write");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": format!("file://{}/specgate.toml", root.display()), "type": 1 }] }),
    );
    let after = codes(&c.diagnostics(&uri));
    assert!(
        !after.is_empty() && !after.contains(&"SG302".to_string()),
        "{after:?}"
    );
    // A broken config is reported, not fatal.
    std::fs::write(root.join("specgate.toml"), "ignore = [\"SG999\"]\n").expect("write");
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": {} }),
    );
    let broken = c.diagnostics(&uri);
    assert!(broken["diagnostics"][0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("SG999"));
    // Markdown that is not a spec gets no diagnostics.
    let notes = format!("file://{}/notes.md", root.display());
    open(&c, &notes, "# Notes\n\nTODO <x>\n");
    assert_eq!(codes(&c.diagnostics(&notes)), Vec::<String>::new());
    assert_eq!(c.finish(), Exit::Clean);
}

/// xorshift64*: reproducible without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A random edit as the client applies it: a range at char boundaries (UTF-16
/// columns), replaced by random text mixing ASCII, CJK, emoji and line breaks.
fn random_edit(rng: &mut Rng, text: &str) -> (Value, String) {
    let lines: Vec<&str> = text.split('\n').collect();
    let pick = |rng: &mut Rng| -> (usize, u32, usize) {
        let line = rng.below(lines.len());
        let start: usize = lines[..line].iter().map(|l| l.len() + 1).sum();
        let chars: Vec<(usize, char)> = lines[line].char_indices().collect();
        let k = rng.below(chars.len() + 1);
        let byte = chars.get(k).map_or(lines[line].len(), |c| c.0);
        let col: u32 = lines[line][..byte]
            .chars()
            .map(|c| c.len_utf16() as u32)
            .sum();
        (line, col, start + byte)
    };
    let (mut a, mut b) = (pick(rng), pick(rng));
    if a.2 > b.2 {
        std::mem::swap(&mut a, &mut b);
    }
    const PIECES: [&str; 8] = [
        "a",
        " ",
        "\n",
        "漢字",
        "😀",
        "é",
        "## 2) Goals\n",
        "Evidence: x\n",
    ];
    let new: String = (0..rng.below(4))
        .map(|_| PIECES[rng.below(PIECES.len())])
        .collect();
    let mut out = text.to_string();
    out.replace_range(a.2..b.2, &new);
    let change = json!({ "range": { "start": { "line": a.0, "character": a.1 }, "end": { "line": b.0, "character": b.1 } }, "text": new });
    (change, out)
}

#[test]
fn one_thousand_random_edit_sequences_keep_server_and_client_text_equal() {
    // A long debounce: the test is about text, checks would only slow it down.
    let mut c = Client::start(json!({ "debounceMs": 10000 }));
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for seq in 0..1000 {
        let uri = format!("file:///tmp/specgate-fuzz/{seq}.md");
        let mut client =
            "# Technical Specification: 😀 漢字\n\n## 1) Summary\nText é.\n".to_string();
        open(&c, &uri, &client);
        let n = 1 + rng.below(6);
        // Several edits in one notification apply in order, each to the previous result.
        let mut changes = Vec::new();
        for _ in 0..n {
            let (change, next) = random_edit(&mut rng, &client);
            changes.push(change);
            client = next;
        }
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": changes }),
        );
        assert_eq!(c.text(&uri), client, "sequence {seq}");
        c.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        );
    }
    assert_eq!(c.finish(), Exit::Clean);
}

#[test]
fn disable_for_this_line_suppresses_the_finding() {
    let mut c = Client::start(json!({ "debounceMs": 0 }));
    let uri = "file:///tmp/specgate-lsp-disable/spec.md";
    open(&c, uri, SPEC);
    let d = c.diagnostics(uri);
    let target = d["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .find(|d| d["code"] == "SG302")
        .expect("SG302")
        .clone();
    let r = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": target["range"], "context": { "diagnostics": [] } }),
    );
    let action = r["result"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["title"] == "Disable SG302 for this line")
        .expect("disable action")
        .clone();
    let edit = &action["edit"]["changes"][uri][0];
    assert_eq!(edit["range"]["start"], json!({ "line": 7, "character": 0 }));
    assert_eq!(
        edit["newText"],
        "<!-- specgate-disable-next-line SG302 -->\n"
    );
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 },
                "contentChanges": [{ "range": edit["range"], "text": edit["newText"] }] }),
    );
    let after = codes(&c.diagnostics(uri));
    assert!(!after.contains(&"SG302".to_string()), "{after:?}");
    assert!(!after.contains(&"SG001".to_string()), "{after:?}");
    assert_eq!(c.finish(), Exit::Clean);
}

/// A document over the config's `max-file-size` gets one diagnostic saying so and no
/// analysis (nor hover, symbols, links or completion); back under it, full analysis.
#[test]
fn documents_over_max_file_size_get_one_diagnostic_and_no_analysis() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    std::fs::create_dir(root.join(".git")).expect("git dir");
    std::fs::write(root.join("specgate.toml"), "max-file-size = \"2KiB\"\n").expect("write");
    let uri = format!("file://{}/big.md", root.display());
    let big = format!("{SPEC}{}", "TODO fill in.\n".repeat(200));
    assert!(big.len() > 2048);
    let mut c = Client::start(json!({ "debounceMs": 0 }));
    open(&c, &uri, &big);
    let d = c.diagnostics(&uri);
    let list = d["diagnostics"].as_array().expect("array");
    assert_eq!(list.len(), 1, "{d}");
    let msg = list[0]["message"].as_str().unwrap_or("");
    assert!(
        msg.starts_with(&format!(
            "this document is 2.8 KiB ({} bytes), over the 2 KiB limit",
            big.len()
        )),
        "{msg}"
    );
    let at = json!({ "textDocument": { "uri": uri }, "position": { "line": 7, "character": 16 } });
    for method in ["textDocument/hover", "textDocument/completion"] {
        assert_eq!(
            c.request(method, at.clone())["result"],
            Value::Null,
            "{method}"
        );
    }
    let doc = json!({ "textDocument": { "uri": uri } });
    for method in ["textDocument/documentSymbol", "textDocument/documentLink"] {
        assert_eq!(
            c.request(method, doc.clone())["result"],
            Value::Null,
            "{method}"
        );
    }
    // Back under the limit: analysed again.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": SPEC }] }),
    );
    let d = c.diagnostics(&uri);
    assert!(codes(&d).contains(&"SG302".to_string()), "{d}");
    assert!(c.request("textDocument/documentSymbol", doc)["result"].is_array());
    assert_eq!(c.finish(), Exit::Clean);
}

/// Hover on an evidence path that is a FIFO inside the root says so instead of opening
/// it (opening a FIFO blocks until a writer comes: the server would hang).
#[test]
fn hover_on_a_fifo_evidence_path_does_not_block() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    std::fs::create_dir(root.join(".git")).expect("git dir");
    let made = std::process::Command::new("mkfifo")
        .arg(root.join("pipe.log"))
        .status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    let text = SPEC.replace("`README.md`", "`pipe.log`");
    let uri = format!("file://{}/spec.md", root.display());
    let mut c = Client::start(json!({ "debounceMs": 0 }));
    open(&c, &uri, &text);
    c.diagnostics(&uri);
    let r = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 7, "character": 17 } }),
    );
    let shown = r["result"]["contents"]["value"].as_str().unwrap_or("");
    // (The findings on that line follow the path's part.)
    assert_eq!(
        shown.split("\n\n---\n\n").next(),
        Some("`pipe.log`: exists (not a regular file; not read)"),
        "{r}"
    );
    assert_eq!(c.finish(), Exit::Clean);
}

/// A client that watches no files (Neovim 0.7): an open `specgate.toml` is read from
/// the editor's text as it is edited, the disk's again once it is closed, and a config
/// changed on disk behind the server's back is noticed at the next check (by its
/// modification time, as a template's would be).
#[test]
fn config_and_templates_are_re_read_without_file_watching() {
    let (_dir, root, uri) = project();
    let toml = root.join("specgate.toml");
    std::fs::write(&toml, "").expect("write");
    let toml_uri = format!("file://{}", toml.display());
    let mut c = Client::start(json!({ "debounceMs": 0 }));
    open(&c, &uri, SPEC);
    let sg302 = |d: &Value| codes(d).contains(&"SG302".to_string());
    assert!(sg302(&c.diagnostics(&uri)));
    // The open config, edited (not saved): the spec is checked with its new text.
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": toml_uri, "languageId": "toml", "version": 1, "text": "" } }),
    );
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": toml_uri, "version": 2 },
                "contentChanges": [{ "text": "ignore = [\"SG302\"]\n" }] }),
    );
    // (The didOpen re-checks too, with the empty text; the edit's check follows.)
    let mut after = c.diagnostics(&uri);
    for _ in 0..3 {
        if !sg302(&after) {
            break;
        }
        after = c.diagnostics(&uri);
    }
    assert!(
        !sg302(&after) && !codes(&after).is_empty(),
        "{:?}",
        codes(&after)
    );
    // Closed unsaved: the disk's (empty) config again.
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": toml_uri } }),
    );
    let d = c.recheck(&uri, 2);
    assert!(sg302(&d), "{:?}", codes(&d));
    // Written on disk with no notification at all: seen at the next check (mtime).
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&toml, "ignore = [\"SG302\"]\n# changed\n").expect("write");
    let d = c.recheck(&uri, 3);
    assert!(!sg302(&d), "{:?}", codes(&d));
    assert_eq!(c.finish(), Exit::Clean);
}
