//! specgate's Language Server: the same rules as `specgate check`, live in any editor.
//!
//! [`serve_stdio`] speaks JSON-RPC over standard input and output; [`run`] serves one
//! [`lsp_server::Connection`] (stdio, or in memory for tests and benchmarks). Only this
//! crate knows LSP. Diagnostics are computed on a worker thread: `didOpen` and
//! `didSave` check at once, `didChange` after a quiet period (`debounceMs` in the
//! initialization options, 50 ms by default), so a burst of edits gives one run.

mod features;
pub mod text;
mod transport;
pub mod workspace;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use crossbeam_channel::Sender;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{PublishDiagnosticsParams, Uri};
use serde_json::{json, Value};

pub use transport::{serve, serve_stdio};

use workspace::{Setup, Setups};

/// A custom request, for tests: `{ "uri": … }` → the server's text of that document.
pub const DOCUMENT_TEXT: &str = "specgate/documentText";

/// How a session ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Exit {
    /// `exit` after `shutdown`, as the protocol asks (exit code 0).
    Clean,
    /// `exit` without `shutdown` (exit code 1).
    Unclean,
    /// The input closed, or the client stopped reading, before `exit` (exit code 1,
    /// with a message).
    Closed,
}

/// An open document.
pub(crate) struct Doc {
    pub(crate) uri: Uri,
    pub(crate) path: Option<PathBuf>,
    pub(crate) text: String,
    pub(crate) version: i32,
}

/// A re-check for the worker: runs at `due`, replacing any pending one for the URI.
struct Job {
    uri: Uri,
    version: i32,
    text: Arc<str>,
    path: Option<PathBuf>,
    setup: Arc<Setup>,
    due: Instant,
}

enum Work {
    Check(Job),
    /// The document closed: drop any pending check.
    Forget(Uri),
}

struct Server {
    out: Sender<Message>,
    /// Open documents by URI text (`Uri` has interior mutability; its text does not).
    docs: HashMap<String, Doc>,
    setups: Setups,
    work: mpsc::Sender<Work>,
    debounce: Duration,
    shutdown: bool,
    next_id: i32,
    /// `client/registerCapability` params to send once the client is `initialized`.
    pending_registration: Option<Value>,
    /// The client stopped reading: nothing more can be answered.
    gone: std::cell::Cell<bool>,
    /// The client declares snippet support for completion items.
    snippets: bool,
}

/// Serves one connection until `exit` (or until the client goes away).
pub fn run(connection: Connection) -> Exit {
    let Connection { sender, receiver } = connection;
    let (work_tx, work_rx) = mpsc::channel();
    let worker_out = sender.clone();
    let worker = std::thread::Builder::new()
        .name("specgate-lsp-check".into())
        .spawn(move || worker(work_rx, worker_out));
    let mut server = Server {
        out: sender,
        docs: HashMap::new(),
        setups: Setups::default(),
        work: work_tx,
        debounce: Duration::from_millis(50),
        shutdown: false,
        next_id: 0,
        pending_registration: None,
        gone: std::cell::Cell::new(false),
        snippets: false,
    };
    let mut initialized = false;
    let mut exit = Exit::Closed;
    for msg in &receiver {
        if server.gone.get() {
            break;
        }
        match msg {
            Message::Request(req) if !initialized => {
                if req.method == "initialize" {
                    initialized = true;
                    let result = server.initialize(&req.params);
                    server.send(Response::new_ok(req.id, result).into());
                } else {
                    server.send(
                        Response::new_err(
                            req.id,
                            ErrorCode::ServerNotInitialized as i32,
                            format!("`{}` before `initialize`", req.method),
                        )
                        .into(),
                    );
                }
            }
            Message::Request(req) => server.request(req),
            Message::Notification(n) if n.method == "exit" => {
                exit = if server.shutdown {
                    Exit::Clean
                } else {
                    Exit::Unclean
                };
                break;
            }
            Message::Notification(n) if initialized => server.notification(n),
            Message::Notification(_) | Message::Response(_) => {}
        }
    }
    drop(server);
    if let Ok(w) = worker {
        let _ = w.join();
    }
    exit
}

impl Server {
    fn send(&self, msg: Message) {
        // The writer is gone if this fails (the client stopped reading): stop serving.
        if self.out.send(msg).is_err() {
            self.gone.set(true);
        }
    }

    fn initialize(&mut self, params: &Value) -> Value {
        if let Some(ms) = params
            .pointer("/initializationOptions/debounceMs")
            .and_then(Value::as_u64)
        {
            self.debounce = Duration::from_millis(ms.min(10_000));
        }
        self.snippets = params
            .pointer("/capabilities/textDocument/completion/completionItem/snippetSupport")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let watch = params
            .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        if watch {
            let reg = json!({ "registrations": [{
                "id": "specgate-config",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": { "watchers": [{ "globPattern": "**/specgate.toml" }] }
            }]});
            self.pending_registration = Some(reg);
        }
        features::capabilities()
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        if self.shutdown {
            return self.send(
                Response::new_err(
                    id,
                    ErrorCode::InvalidRequest as i32,
                    "the server is shutting down".into(),
                )
                .into(),
            );
        }
        let result: Result<Value, (ErrorCode, String)> = match req.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            "initialize" => Err((
                ErrorCode::InvalidRequest,
                "`initialize` was already received".into(),
            )),
            DOCUMENT_TEXT => self.with_doc(&req.params, |_, d| Ok(json!(d.text))),
            "textDocument/codeAction" => self.with_doc(&req.params, |s, d| {
                // The client's diagnostics in the context are only a hint (the server
                // has its own): ones it cannot read (Neovim 0.7 may send them without
                // `range`) are dropped rather than failing the request.
                let params = parse(&req.params).or_else(|e| {
                    let mut p = req.params.clone();
                    match p.pointer_mut("/context/diagnostics") {
                        Some(d) => *d = json!([]),
                        None => return Err(e),
                    }
                    parse(&p)
                })?;
                let setup = s.for_file(d.path.as_deref());
                Ok(features::code_actions(&params, d, &setup))
            }),
            "textDocument/hover" => self.with_doc(&req.params, |s, d| {
                let params = parse(&req.params)?;
                let setup = s.for_file(d.path.as_deref());
                Ok(features::hover(&params, d, &setup))
            }),
            "textDocument/completion" => {
                let snippets = self.snippets;
                self.with_doc(&req.params, |s, d| {
                    let params = parse(&req.params)?;
                    let setup = s.for_file(d.path.as_deref());
                    Ok(features::completion(&params, d, &setup, snippets))
                })
            }
            "textDocument/documentSymbol" => self.with_doc(&req.params, |s, d| {
                let setup = s.for_file(d.path.as_deref());
                Ok(features::symbols(d, &setup))
            }),
            "textDocument/documentLink" => self.with_doc(&req.params, |s, d| {
                let setup = s.for_file(d.path.as_deref());
                Ok(features::links(d, &setup))
            }),
            m => Err((ErrorCode::MethodNotFound, format!("unknown method `{m}`"))),
        };
        let resp = match result {
            Ok(v) => Response::new_ok(id, v),
            Err((code, msg)) => Response::new_err(id, code as i32, msg),
        };
        self.send(resp.into());
    }

    /// Runs `f` on the document named by `params.textDocument.uri` (or `params.uri`).
    fn with_doc(
        &mut self,
        params: &Value,
        f: impl FnOnce(&mut Setups, &Doc) -> Result<Value, (ErrorCode, String)>,
    ) -> Result<Value, (ErrorCode, String)> {
        let uri = params
            .pointer("/textDocument/uri")
            .or_else(|| params.get("uri"))
            .cloned()
            .ok_or((
                ErrorCode::InvalidParams,
                "missing `textDocument.uri`".into(),
            ))
            .and_then(|u| parse::<Uri>(&u))?;
        let Some(doc) = self.docs.get(uri.as_str()) else {
            return Err((
                ErrorCode::InvalidParams,
                format!("document not open: {}", uri.as_str()),
            ));
        };
        f(&mut self.setups, doc)
    }

    fn notification(&mut self, n: Notification) {
        // Malformed notifications cannot be answered; they are ignored.
        let _ = self.try_notification(n);
    }

    fn try_notification(&mut self, n: Notification) -> Result<(), (ErrorCode, String)> {
        use lsp_types::{
            DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
            DidSaveTextDocumentParams,
        };
        match n.method.as_str() {
            "initialized" => {
                if let Some(reg) = self.pending_registration.take() {
                    self.next_id += 1;
                    let id = RequestId::from(format!("specgate-{}", self.next_id));
                    self.send(Request::new(id, "client/registerCapability".into(), reg).into());
                }
            }
            "textDocument/didOpen" => {
                let p: DidOpenTextDocumentParams = parse(&n.params)?;
                let uri = p.text_document.uri;
                let doc = Doc {
                    uri: uri.clone(),
                    path: workspace::uri_to_path(&uri),
                    text: p.text_document.text,
                    version: p.text_document.version,
                };
                self.docs.insert(uri.as_str().to_string(), doc);
                self.config_touched(uri.as_str());
                self.schedule(&uri, Duration::ZERO);
            }
            "textDocument/didChange" => {
                let p: DidChangeTextDocumentParams = parse(&n.params)?;
                let uri = p.text_document.uri;
                let Some(doc) = self.docs.get_mut(uri.as_str()) else {
                    return Ok(());
                };
                for c in p.content_changes {
                    text::apply_change(&mut doc.text, c.range, &c.text);
                }
                doc.version = p.text_document.version;
                self.config_touched(uri.as_str());
                self.schedule(&uri, self.debounce);
            }
            "textDocument/didSave" => {
                let p: DidSaveTextDocumentParams = parse(&n.params)?;
                if let (Some(t), Some(doc)) =
                    (p.text, self.docs.get_mut(p.text_document.uri.as_str()))
                {
                    doc.text = t;
                }
                self.config_touched(p.text_document.uri.as_str());
                self.schedule(&p.text_document.uri, Duration::ZERO);
            }
            "textDocument/didClose" => {
                let p: DidCloseTextDocumentParams = parse(&n.params)?;
                let uri = p.text_document.uri;
                if let Some(path) = self.docs.remove(uri.as_str()).and_then(|d| d.path) {
                    if self.setups.affected_by(&path) {
                        self.reconfigure(&path, None);
                    }
                }
                let _ = self.work.send(Work::Forget(uri.clone()));
                self.publish(uri, Vec::new(), None);
            }
            "workspace/didChangeWatchedFiles" | "workspace/didChangeConfiguration" => {
                self.setups.clear();
                let uris: Vec<Uri> = self.docs.values().map(|d| d.uri.clone()).collect();
                for uri in uris {
                    self.schedule(&uri, Duration::ZERO);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The open document `key` (a URI) was opened, edited or saved: if it is
    /// configuration (a `specgate.toml`, a template in use), [`Server::reconfigure`]
    /// with its text. Other documents cost one look at their path (no copy of the text).
    fn config_touched(&mut self, key: &str) {
        let Some(d) = self.docs.get(key) else { return };
        let Some(path) = d.path.as_deref().filter(|p| self.setups.affected_by(p)) else {
            return;
        };
        let (path, text) = (path.to_path_buf(), d.text.clone());
        self.reconfigure(&path, Some(&text));
    }

    /// Configuration at `path` changed in the editor (`text`: its text while open,
    /// `None` once closed): the configuration is read again, from the editor's text of
    /// an open `specgate.toml`, and every other open document is re-checked. Clients
    /// without file watching (Neovim 0.7) need this.
    fn reconfigure(&mut self, path: &std::path::Path, text: Option<&str>) {
        self.setups.set_buffer(path, text);
        self.setups.clear();
        let uris: Vec<Uri> = self
            .docs
            .values()
            .filter(|d| d.path.as_deref() != Some(path))
            .map(|d| d.uri.clone())
            .collect();
        for uri in uris {
            self.schedule(&uri, self.debounce);
        }
    }

    fn schedule(&mut self, uri: &Uri, delay: Duration) {
        let Some(doc) = self.docs.get(uri.as_str()) else {
            return;
        };
        let setup = self.setups.for_file(doc.path.as_deref());
        let job = Job {
            uri: uri.clone(),
            version: doc.version,
            text: Arc::from(doc.text.as_str()),
            path: doc.path.clone(),
            setup,
            due: Instant::now() + delay,
        };
        let _ = self.work.send(Work::Check(job));
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        publish(&self.out, uri, diagnostics, version);
    }
}

fn publish(
    out: &Sender<Message>,
    uri: Uri,
    diagnostics: Vec<lsp_types::Diagnostic>,
    version: Option<i32>,
) {
    let params = PublishDiagnosticsParams {
        uri,
        diagnostics,
        version,
    };
    let _ = out.send(Notification::new("textDocument/publishDiagnostics".into(), params).into());
}

fn parse<T: serde::de::DeserializeOwned>(v: &Value) -> Result<T, (ErrorCode, String)> {
    T::deserialize(v).map_err(|e| (ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

/// The check worker: keeps the latest pending check per document and runs each when
/// it is due, so a burst of changes gives one run.
fn worker(rx: mpsc::Receiver<Work>, out: Sender<Message>) {
    let mut pending: HashMap<String, Job> = HashMap::new();
    loop {
        let next = pending.values().map(|j| j.due).min();
        let got = match next {
            None => rx.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected),
            Some(due) => rx.recv_timeout(due.saturating_duration_since(Instant::now())),
        };
        match got {
            Ok(Work::Check(job)) => {
                pending.insert(job.uri.as_str().to_string(), job);
            }
            Ok(Work::Forget(uri)) => {
                pending.remove(uri.as_str());
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        }
        let now = Instant::now();
        let due: Vec<String> = pending
            .iter()
            .filter(|(_, j)| j.due <= now)
            .map(|(u, _)| u.clone())
            .collect();
        for key in due {
            if let Some(job) = pending.remove(&key) {
                let diags =
                    features::diagnostics(&job.uri, &job.text, job.path.as_deref(), &job.setup);
                publish(&out, job.uri, diags, Some(job.version));
            }
        }
    }
}
