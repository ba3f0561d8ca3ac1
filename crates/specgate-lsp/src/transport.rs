//! JSON-RPC framing over a byte stream. Unlike `lsp_server::Connection::stdio`, a
//! malformed frame or body gets an error response (`-32700` parse error, `-32600`
//! invalid request) and the server keeps running.

use std::io::{BufRead, Write};
use std::sync::{Arc, Mutex};

use lsp_server::{Connection, ErrorCode, Message};
use serde_json::{json, Value};

use crate::Exit;

/// Serves the process's standard input and output.
pub fn serve_stdio() -> std::io::Result<Exit> {
    serve(std::io::BufReader::new(std::io::stdin()), std::io::stdout())
}

/// Serves a connection read from `input` and written to `output`.
pub fn serve<R, W>(input: R, output: W) -> std::io::Result<Exit>
where
    R: BufRead + Send + 'static,
    W: Write + Send + 'static,
{
    let output = Arc::new(Mutex::new(output));
    let (to_client, from_server) = crossbeam_channel::unbounded::<Message>();
    let (to_server, from_client) = crossbeam_channel::unbounded::<Message>();
    let writer_out = output.clone();
    let writer = std::thread::Builder::new()
        .name("specgate-lsp-write".into())
        .spawn(move || -> std::io::Result<()> {
            for msg in from_server {
                let mut w = writer_out.lock().unwrap_or_else(|e| e.into_inner());
                msg.write(&mut *w)?;
            }
            Ok(())
        })?;
    let reader_out = output.clone();
    // The reader blocks on input; it is not joined, the process ends without it.
    std::thread::Builder::new()
        .name("specgate-lsp-read".into())
        .spawn(move || read_loop(input, &to_server, &reader_out))?;
    let exit = crate::run(Connection {
        sender: to_client,
        receiver: from_client,
    });
    writer
        .join()
        .map_err(|_| std::io::Error::other("writer thread panicked"))??;
    Ok(exit)
}

fn read_loop<R: BufRead, W: Write>(
    mut input: R,
    to_server: &crossbeam_channel::Sender<Message>,
    out: &Mutex<W>,
) {
    loop {
        match read_frame(&mut input) {
            Frame::Eof => return,
            Frame::Bad(why) => {
                if write_error(out, Value::Null, ErrorCode::ParseError, &why).is_err() {
                    return;
                }
            }
            Frame::Body(body) => match decode(&body) {
                Ok(msg) => {
                    if to_server.send(msg).is_err() {
                        return;
                    }
                }
                Err((id, code, why)) => {
                    if write_error(out, id, code, &why).is_err() {
                        return;
                    }
                }
            },
        }
    }
}

enum Frame {
    Eof,
    Bad(String),
    Body(Vec<u8>),
}

/// Largest body accepted (64 MiB); larger frames are rejected without allocating.
const MAX_BODY: usize = 64 << 20;

fn read_frame<R: BufRead>(input: &mut R) -> Frame {
    let mut len: Option<usize> = None;
    let mut bad: Option<String> = None;
    let mut line = Vec::new();
    let mut any = false;
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) => return Frame::Eof,
            Ok(_) => {}
            Err(e) => {
                return if any {
                    Frame::Bad(e.to_string())
                } else {
                    Frame::Eof
                }
            }
        }
        any = true;
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        match text.split_once(':') {
            Some((k, v)) if k.trim().eq_ignore_ascii_case("content-length") => {
                match v.trim().parse::<usize>() {
                    Ok(n) if n <= MAX_BODY => len = Some(n),
                    _ => bad = Some(format!("invalid Content-Length: {:?}", v.trim())),
                }
            }
            Some(_) => {}
            None => bad = Some(format!("malformed header: {text:?}")),
        }
    }
    if let Some(why) = bad {
        return Frame::Bad(why);
    }
    let Some(n) = len else {
        return Frame::Bad("missing Content-Length header".into());
    };
    let mut body = vec![0; n];
    match input.read_exact(&mut body) {
        Ok(()) => Frame::Body(body),
        Err(_) => Frame::Eof,
    }
}

type DecodeError = (Value, ErrorCode, String);

fn decode(body: &[u8]) -> Result<Message, DecodeError> {
    let v: Value = serde_json::from_slice(body).map_err(|e| {
        (
            Value::Null,
            ErrorCode::ParseError,
            format!("parse error: {e}"),
        )
    })?;
    let id = v.get("id").cloned().unwrap_or(Value::Null);
    let id = if id.is_string() || id.is_number() {
        id
    } else {
        Value::Null
    };
    if !v.is_object() {
        return Err((
            id,
            ErrorCode::InvalidRequest,
            "not a JSON-RPC message".into(),
        ));
    }
    serde_json::from_value::<Message>(v).map_err(|e| {
        (
            id,
            ErrorCode::InvalidRequest,
            format!("invalid request: {e}"),
        )
    })
}

fn write_error<W: Write>(
    out: &Mutex<W>,
    id: Value,
    code: ErrorCode,
    message: &str,
) -> std::io::Result<()> {
    let body = json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    })
    .to_string();
    let mut w = out.lock().unwrap_or_else(|e| e.into_inner());
    write!(w, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_frames_and_bodies_are_errors_not_crashes() {
        let mut input: &[u8] = b"Content-Length: x\r\n\r\nContent-Length: 2\r\n\r\n{}";
        assert!(matches!(read_frame(&mut input), Frame::Bad(_)));
        assert!(matches!(read_frame(&mut input), Frame::Body(b) if b == b"{}"));
        assert!(matches!(read_frame(&mut input), Frame::Eof));
        // A body over 64 MiB is refused from its header, without allocating it.
        let mut input: &[u8] = b"Content-Length: 67108865\r\n\r\n{}";
        assert!(matches!(read_frame(&mut input), Frame::Bad(m) if m.contains("67108865")));
        assert!(matches!(
            decode(b"{nope"),
            Err((Value::Null, ErrorCode::ParseError, _))
        ));
        assert!(matches!(
            decode(br#"{"id": 3, "params": 1}"#),
            Err((Value::Number(_), ErrorCode::InvalidRequest, _))
        ));
        assert!(matches!(
            decode(b"[1]"),
            Err((_, ErrorCode::InvalidRequest, _))
        ));
        assert!(matches!(
            decode(br#"{"jsonrpc":"2.0","method":"exit"}"#),
            Ok(Message::Notification(_))
        ));
    }
}
