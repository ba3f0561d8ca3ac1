//! Latency from `didChange` to `publishDiagnostics` on a 5,000-line spec, with the
//! debounce set to 0: the server in process over `Connection::memory()`.
//!
//! Run with `cargo bench -p specgate-lsp`. Input: the good example spec, its sections
//! repeated until the document has 5,000 lines.

use std::path::PathBuf;

use lsp_server::{Connection, Message, Notification, Request};
use serde_json::{json, Value};

fn main() {
    divan::main();
}

fn spec_5000_lines() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("examples/good/payments-api.md"))
        .expect("examples/good/payments-api.md");
    let body_at = text.find("\n## ").map_or(0, |i| i + 1);
    let mut out = text.clone();
    while out.lines().count() < 5000 {
        out.push_str(&text[body_at..]);
    }
    out.lines().take(5000).collect::<Vec<_>>().join("\n") + "\n"
}

struct Client {
    conn: Connection,
    uri: String,
    version: i32,
}

impl Client {
    fn start() -> Client {
        let (server, conn) = Connection::memory();
        std::thread::spawn(move || specgate_lsp::run(server));
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/good");
        let uri = format!("file://{}/bench-5000.md", root.display());
        let c = Client {
            conn,
            uri,
            version: 1,
        };
        c.send(
            Request::new(
                1.into(),
                "initialize".into(),
                json!({ "capabilities": {}, "initializationOptions": { "debounceMs": 0 } }),
            )
            .into(),
        );
        c.send(Notification::new("initialized".into(), json!({})).into());
        let text = spec_5000_lines();
        eprintln!(
            "bench input: {} lines, {} bytes",
            text.lines().count(),
            text.len()
        );
        c.send(
            Notification::new(
                "textDocument/didOpen".into(),
                json!({ "textDocument": { "uri": c.uri, "languageId": "markdown", "version": 1, "text": text } }),
            )
            .into(),
        );
        let n = c.wait(1);
        eprintln!("diagnostics: {n}");
        c
    }

    fn send(&self, m: Message) {
        self.conn.sender.send(m).expect("server alive");
    }

    /// Waits for the diagnostics of `version`; returns how many there were.
    fn wait(&self, version: i32) -> usize {
        for m in &self.conn.receiver {
            if let Message::Notification(n) = m {
                if n.method == "textDocument/publishDiagnostics" && n.params["version"] == version {
                    return n.params["diagnostics"].as_array().map_or(0, Vec::len);
                }
            }
        }
        0
    }

    /// Types or deletes one character in the middle of the document.
    fn edit(&mut self) {
        self.version += 1;
        let (end, text) = if self.version % 2 == 0 {
            (0, "x")
        } else {
            (1, "")
        };
        let change: Value = json!({ "range": { "start": { "line": 2500, "character": 0 }, "end": { "line": 2500, "character": end } }, "text": text });
        self.send(
            Notification::new(
                "textDocument/didChange".into(),
                json!({ "textDocument": { "uri": self.uri, "version": self.version }, "contentChanges": [change] }),
            )
            .into(),
        );
        self.wait(self.version);
    }
}

#[divan::bench(sample_count = 50, sample_size = 1)]
fn did_change_to_diagnostics_5000_lines(b: divan::Bencher) {
    let mut c = Client::start();
    b.bench_local(|| c.edit());
}

/// The part of the latency that is the rules themselves: parse, match and check.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn parse_and_check_only_5000_lines(b: divan::Bencher) {
    let text = spec_5000_lines();
    let schema = specgate_model::Schema::seed();
    let selection = specgate_lint::Selection::default();
    b.bench_local(|| {
        let doc = specgate_model::parse(&text);
        let ctx = specgate_lint::Context::new(&doc, &schema);
        specgate_lint::check(&ctx, &selection).len()
    });
}
