//! JSON-RPC framing over a byte stream. Unlike `lsp_server::Connection::stdio`, a
//! malformed frame or body gets an error response (`-32700` parse error, `-32600`
//! invalid request) and the server keeps running.

use std::io::{BufRead, Read, Write};
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
            Frame::Body(body, junk) => match junk
                .map_or(Ok(()), |why| {
                    write_error(out, Value::Null, ErrorCode::ParseError, &why)
                })
                .map(|()| decode(&body))
            {
                Err(_) => return,
                Ok(Ok(msg)) => {
                    if to_server.send(msg).is_err() {
                        return;
                    }
                }
                Ok(Err((id, code, why))) => {
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
    /// A body, and what was wrong with the bytes read past before its header.
    Body(Vec<u8>, Option<String>),
}

/// Largest body accepted (64 MiB: the largest `max-file-size` plus JSON overhead);
/// a larger body is read past in chunks, never held.
const MAX_BODY: usize = 64 << 20;

/// Longest header line kept (8 KiB); the rest of a longer line is read past.
const MAX_HEADER_LINE: usize = 8 << 10;

/// One header line, at most [`MAX_HEADER_LINE`] bytes of it: `Ok(None)` at the end of
/// the input, `Ok(Some((line, too_long)))` otherwise.
fn read_header_line<R: BufRead>(
    input: &mut R,
    line: &mut Vec<u8>,
) -> std::io::Result<Option<bool>> {
    line.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(any.then_some(too_long));
        }
        any = true;
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let room = MAX_HEADER_LINE.saturating_sub(line.len());
        if chunk.len() > room {
            too_long = true;
        }
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let n = chunk.len();
        input.consume(n);
        if done {
            return Ok(Some(too_long));
        }
    }
}

/// The `Content-Length` value of a header line, found anywhere in it: after a body
/// shorter than its declared length, the rest of that body and the next header share
/// a line (`…}Content-Length: 52`), and the next frame is found there.
fn content_length(line: &str) -> Option<(&str, usize)> {
    const KEY: &str = "content-length:";
    let lower = line.to_ascii_lowercase();
    let at = lower.find(KEY)?;
    Some((line[at + KEY.len()..].trim(), at))
}

fn read_frame<R: BufRead>(input: &mut R) -> Frame {
    let mut len: Option<usize> = None;
    let mut bad: Option<String> = None;
    let mut junk: Option<String> = None;
    let mut line = Vec::new();
    let mut any = false;
    loop {
        match read_header_line(input, &mut line) {
            Ok(None) => return Frame::Eof,
            Ok(Some(too_long)) => {
                if too_long {
                    bad = Some(format!("header line over {MAX_HEADER_LINE} bytes"));
                    any = true;
                    continue;
                }
            }
            Err(e) => {
                return if any {
                    Frame::Bad(e.to_string())
                } else {
                    Frame::Eof
                }
            }
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !any {
                continue; // blank lines between frames
            }
            break;
        }
        any = true;
        match content_length(text) {
            Some((v, at)) => match v.parse::<u64>() {
                Ok(n) if n as usize <= MAX_BODY && n <= usize::MAX as u64 => {
                    len = Some(n as usize);
                    // A new frame starts here; what came before it was not one.
                    if let Some(why) = bad.take() {
                        junk = Some(why);
                    } else if at > 0 {
                        junk = Some(format!("{at} bytes before a header"));
                    }
                }
                Ok(n) => {
                    // Read past the body, in chunks; answer once it is gone.
                    if skip_header_rest(input).is_err()
                        || std::io::copy(&mut input.by_ref().take(n), &mut std::io::sink()).is_err()
                    {
                        return Frame::Eof;
                    }
                    return Frame::Bad(format!(
                        "body of {n} bytes is over the {MAX_BODY}-byte limit"
                    ));
                }
                Err(_) => {
                    let shown: String = v.chars().take(20).collect();
                    bad = Some(format!("invalid Content-Length: {shown:?}"));
                }
            },
            // Another header (`Content-Type: …`): a token, then a colon.
            None if text.split_once(':').is_some_and(|(k, _)| {
                !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            }) => {}
            None => bad = Some(format!("malformed header line ({} bytes)", text.len())),
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
        Ok(()) => Frame::Body(body, junk),
        Err(_) => Frame::Eof,
    }
}

/// Reads the rest of a header block, up to its blank line.
fn skip_header_rest<R: BufRead>(input: &mut R) -> std::io::Result<()> {
    let mut line = Vec::new();
    while read_header_line(input, &mut line)?.is_some() {
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            break;
        }
    }
    Ok(())
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
    let raw_id = v.get("id").cloned();
    // LSP ids are integers or strings; anything else is answered with a null id.
    let id = match &raw_id {
        Some(Value::String(_)) => raw_id.clone().unwrap_or(Value::Null),
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => raw_id.clone().unwrap_or(Value::Null),
        _ => Value::Null,
    };
    if !v.is_object() {
        return Err((
            id,
            ErrorCode::InvalidRequest,
            "not a JSON-RPC message".into(),
        ));
    }
    if v.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return Err((
            id,
            ErrorCode::InvalidRequest,
            "invalid request: `jsonrpc` must be \"2.0\"".into(),
        ));
    }
    // A request with a null or fractional id is neither a request nor a notification.
    if raw_id.is_some() && id.is_null() && v.get("method").is_some() {
        return Err((
            Value::Null,
            ErrorCode::InvalidRequest,
            "invalid request: `id` must be an integer or a string".into(),
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
        assert!(matches!(read_frame(&mut input), Frame::Body(b, None) if b == b"{}"));
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

    fn frames(mut input: &[u8]) -> Vec<Result<Vec<u8>, String>> {
        let mut out = Vec::new();
        loop {
            match read_frame(&mut input) {
                Frame::Eof => return out,
                Frame::Bad(why) => out.push(Err(why)),
                Frame::Body(b, junk) => {
                    out.extend(junk.map(Err));
                    out.push(Ok(b));
                }
            }
        }
    }

    #[test]
    fn framing_resynchronises_and_echoes_nothing() {
        let ok = |b: &str| Ok(b.as_bytes().to_vec());
        // A negative length, then a good frame.
        let f = frames(b"Content-Length: -5\r\n\r\nContent-Length: 2\r\n\r\n{}");
        assert!(matches!(&f[0], Err(m) if m.contains("-5")), "{f:?}");
        assert_eq!(f[1], ok("{}"));
        // A body shorter than its length: the next header shares a line with its rest.
        let f = frames(b"Content-Length: 4\r\n\r\n{}{}}Content-Length: 2\r\n\r\n[]");
        assert_eq!(f[0], ok("{}{}"));
        assert_eq!(f.last(), Some(&ok("[]")), "{f:?}");
        // A body with no header at all.
        let f = frames(b"{\"jsonrpc\":\"2.0\"}\nContent-Length: 2\r\n\r\n{}");
        assert!(f[0].is_err());
        assert_eq!(f[1], ok("{}"));
        // A 1 MiB header line: bounded, not echoed, and the next frame is found.
        let mut big = vec![b'A'; 1 << 20];
        big.extend_from_slice(b"\r\n\r\nContent-Length: 2\r\n\r\n{}");
        let f = frames(&big);
        assert!(
            matches!(&f[0], Err(m) if m.len() < 100 && !m.contains("AAAA")),
            "{:?}",
            f[0]
        );
        assert_eq!(f[1], ok("{}"));
        // An oversized body is read past, not held; the next frame follows.
        let mut over = format!("Content-Length: {}\r\n\r\n", MAX_BODY + 10).into_bytes();
        over.extend(std::iter::repeat_n(b'x', MAX_BODY + 10));
        over.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        let f = frames(&over);
        assert!(matches!(&f[0], Err(m) if m.contains("limit")));
        assert_eq!(f[1], ok("{}"));
    }

    #[test]
    fn ids_and_versions_are_checked_as_json_rpc_asks() {
        let err = |b: &[u8]| match decode(b) {
            Err((id, code, _)) => Some((id, code as i32)),
            Ok(_) => None,
        };
        let invalid = ErrorCode::InvalidRequest as i32;
        assert_eq!(
            err(br#"{"jsonrpc":"2.0","id":null,"method":"shutdown"}"#),
            Some((Value::Null, invalid))
        );
        assert_eq!(
            err(br#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#),
            Some((Value::Null, invalid))
        );
        assert_eq!(
            err(br#"{"jsonrpc":"1.0","id":7,"method":"shutdown"}"#),
            Some((json!(7), invalid))
        );
        assert_eq!(err(br#"{"jsonrpc":"2.0","id":"a","method":"x"}"#), None);
    }
}
