//! The language server over raw bytes: any input stream (framing and JSON-RPC) ends
//! the session without a panic or a hang, and everything the server writes is a
//! well-formed frame (`Content-Length` that matches a JSON body) that never echoes a
//! header line back.
#![no_main]

use std::io::Write;
use std::sync::{Arc, Mutex};

use libfuzzer_sys::fuzz_target;
use specgate_fuzz::{install_panic_hook, run};

/// The server's output, kept for the checks.
#[derive(Clone, Default)]
struct Out(Arc<Mutex<Vec<u8>>>);

impl Write for Out {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn check(data: &[u8]) {
    let out = Out::default();
    let input = std::io::Cursor::new(data.to_vec());
    specgate_lsp::serve(input, out.clone()).expect("serving an in-memory stream");
    let bytes = out.0.lock().unwrap().clone();
    let mut rest = &bytes[..];
    while !rest.is_empty() {
        let head_end = rest
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header ends with a blank line");
        let head = std::str::from_utf8(&rest[..head_end]).expect("an ASCII header");
        let len: usize = head
            .strip_prefix("Content-Length: ")
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("a Content-Length header, not {head:?}"));
        let body = &rest[head_end + 4..head_end + 4 + len];
        let v: serde_json::Value = serde_json::from_slice(body).expect("a JSON body");
        assert_eq!(v["jsonrpc"], "2.0", "{v}");
        if let Some(msg) = v.pointer("/error/message").and_then(|m| m.as_str()) {
            assert!(msg.len() <= 4096, "an error message of {} bytes", msg.len());
        }
        rest = &rest[head_end + 4 + len..];
    }
}

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(|| check(data));
});
