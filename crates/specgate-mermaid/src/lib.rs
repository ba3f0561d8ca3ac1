//! Mermaid diagrams in specgate: extraction from specs, type detection, validation that
//! agrees with mermaid.js 11.17 `mermaid.parse`, and typed models.
//!
//! ```
//! let v = specgate_mermaid::validate("stateDiagram-v2\n[*] --> Idle\nIdle --> [*]\n");
//! assert!(v.is_valid());
//! let v = specgate_mermaid::validate("graph TD\nA --> B((x\n");
//! assert_eq!(v.error().map(|e| e.line), Some(2));
//! ```
//!
//! Validation wraps `merman-core` 0.9.3 (ADR 0013) and closes its known gaps with the
//! targeted checks in `fixups`. Nothing here prints, panics or fails: every input gets a
//! [`Validation`].

mod class_checks;
mod class_names;
mod detect;
pub mod extract;
mod fixups;
mod labels;
pub mod model;
mod spacing;
pub mod state;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub use detect::{detect, DiagramKind, Header};
pub use extract::{extract, Diagram};
pub use model::Model;
pub use state::StateDiagram;

/// Diagrams larger than this are not validated (reported as not validated).
pub const MAX_BYTES: usize = 256 * 1024;
/// The time bound of one diagram's validation: all of its parses together (the first,
/// and those of the rewrites tried after it).
pub const TIME_LIMIT: Duration = Duration::from_secs(2);

/// The result of validating one diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct Validation {
    pub kind: DiagramKind,
    pub verdict: Verdict,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// mermaid.js accepts the diagram; its typed model.
    Valid(Box<Model>),
    /// mermaid.js rejects the diagram.
    Invalid(MermaidError),
    /// The type is not one specgate validates, or a bound was hit; the reason.
    NotValidated(String),
}

/// A syntax error, positioned within the diagram source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MermaidError {
    /// Byte offset in the diagram source.
    pub offset: usize,
    /// 1-based line in the diagram source.
    pub line: usize,
    /// 1-based column (in characters) in the diagram source.
    pub column: usize,
    /// The parser's message, e.g. ``unexpected `&`; expected node identifier``.
    pub message: String,
    /// What the parser expected at that point, when it says.
    pub expected: Vec<String>,
}

impl Validation {
    pub fn is_valid(&self) -> bool {
        matches!(self.verdict, Verdict::Valid(_))
    }
    pub fn error(&self) -> Option<&MermaidError> {
        match &self.verdict {
            Verdict::Invalid(e) => Some(e),
            _ => None,
        }
    }
    pub fn model(&self) -> Option<&Model> {
        match &self.verdict {
            Verdict::Valid(m) => Some(m),
            _ => None,
        }
    }
}

/// The parser engine for one diagram kind.
///
/// merman resolves each diagram's appearance (`theme`, `look`) against its config
/// section before parsing. For the flowchart, state, sequence, ER and class families
/// Mermaid's defaults scope `theme: redux-color` and `look: neo` to the section, which
/// differ from the top-level `default` / `classic`; with the stock engine every parse
/// therefore writes both keys into its own copy of the whole default config (a deep
/// clone, then a drop, then the theme program re-run): about two thirds of all
/// validation time. An engine whose site config already holds those section values
/// resolves to the same effective config without a write, so the shared default
/// config is used as is. Appearance never changes whether a diagram parses; the
/// conformance and differential tests pin that down.
fn engine(kind: &DiagramKind) -> &'static merman_core::Engine {
    static STOCK: OnceLock<merman_core::Engine> = OnceLock::new();
    static SECTIONED: OnceLock<merman_core::Engine> = OnceLock::new();
    match kind {
        DiagramKind::Flowchart
        | DiagramKind::State
        | DiagramKind::Sequence
        | DiagramKind::Er
        | DiagramKind::Class => SECTIONED.get_or_init(|| {
            merman_core::Engine::new().with_site_config(merman_core::MermaidConfig::from_value(
                serde_json::json!({ "theme": "redux-color", "look": "neo" }),
            ))
        }),
        _ => STOCK.get_or_init(merman_core::Engine::new),
    }
}

/// Builds the parser engine of the common diagram types (flowchart, state, sequence,
/// ER, class) now. merman's engine start-up (its default config and theme, about 11 M
/// instructions) is half of a one-spec run; a caller with a core to spare calls this on
/// another thread at start-up, so that the start-up overlaps its own reading and
/// parsing instead of waiting on the first diagram. Idempotent.
pub fn warm_up() {
    engine(&DiagramKind::Flowchart);
}

/// [`validate`], remembering the results of recent diagrams by their text. An editor
/// re-checks a document on every change, and most of its diagrams did not change.
/// At most `CACHE_MAX` entries are kept; the cache is emptied when it is full.
pub fn validate_cached(src: &str) -> Validation {
    use std::collections::HashMap;
    use std::hash::BuildHasher;
    use std::sync::Mutex;
    const CACHE_MAX: usize = 1024;
    type Cache = Mutex<HashMap<u64, (String, Validation)>>;
    static CACHE: OnceLock<(std::hash::RandomState, Cache)> = OnceLock::new();
    let (state, cache) = CACHE.get_or_init(Default::default);
    let key = state.hash_one(src);
    if let Ok(map) = cache.lock() {
        if let Some((text, v)) = map.get(&key) {
            if text == src {
                return v.clone();
            }
        }
    }
    let v = validate(src);
    if let Ok(mut map) = cache.lock() {
        if map.len() >= CACHE_MAX {
            map.clear();
        }
        map.insert(key, (src.to_string(), v.clone()));
    }
    v
}

/// Validates one Mermaid diagram (the text of a ```` ```mermaid ```` fence or a `.mmd`
/// file). Never panics.
pub fn validate(src: &str) -> Validation {
    let header = detect(src);
    let kind = header.kind.clone();
    let verdict = match &kind {
        DiagramKind::Other(k) => {
            Verdict::NotValidated(format!("`{k}` diagrams are not validated by specgate"))
        }
        DiagramKind::Unknown => Verdict::Invalid(error_at(
            src,
            header.keyword_offset,
            "no diagram type detected".into(),
            vec![
                "a diagram type such as `flowchart`, `graph`, `stateDiagram-v2`, \
                 `sequenceDiagram`, `erDiagram`, `classDiagram` or `gantt`"
                    .into(),
            ],
        )),
        _ if src.len() > MAX_BYTES => Verdict::NotValidated(format!(
            "diagram is larger than {} KiB and was not validated",
            MAX_BYTES / 1024
        )),
        // The parser call is guarded inside; this guards specgate's own checks, so that
        // a bug there costs one diagram its verdict, not the whole run.
        _ => catch_unwind(AssertUnwindSafe(|| validate_known(src, &header))).unwrap_or_else(|_| {
            Verdict::NotValidated("specgate's validator failed on this diagram".into())
        }),
    };
    Validation { kind, verdict }
}

enum Parsed {
    Ok(Semantic),
    Err(MermaidError),
    Bound(String),
}

/// What merman gives for a diagram it accepts.
enum Semantic {
    /// The typed model its renderer draws from (flowchart, state, sequence, ER, class).
    Render(Box<merman_core::RenderSemanticModel>),
    /// The semantic JSON (Gantt).
    Json(serde_json::Value),
}

/// What is left of one diagram's time bound.
#[derive(Clone, Copy)]
struct Budget {
    limit: Duration,
    deadline: Option<Instant>,
}

impl Budget {
    fn new(limit: Duration) -> Budget {
        Budget {
            limit,
            deadline: Instant::now().checked_add(limit),
        }
    }

    fn left(&self) -> Duration {
        self.deadline
            .map_or(self.limit, |d| d.saturating_duration_since(Instant::now()))
    }
}

/// One parse within what is left of `budget`; past it, a [`Parsed::Bound`].
fn parse(src: &str, kind: &DiagramKind, budget: &Budget) -> Parsed {
    let limit = budget.limit;
    let control = merman_core::OperationControl::new().with_deadline(budget.left());
    if *kind != DiagramKind::Gantt {
        // The typed model merman renders from: the same parser and verdicts as its
        // semantic JSON (the conformance and differential tests), without building the
        // JSON or the editor facts that came with it (about half of all parse time).
        let run = guarded(limit, || {
            engine(kind).parse_diagram_for_render_model_controlled_sync(
                src,
                merman_core::ParseOptions::strict(),
                &control,
            )
        });
        return match run {
            Err(bound) => bound,
            Ok(Ok(Some(parsed))) => Parsed::Ok(Semantic::Render(Box::new(parsed.into_parts().1))),
            Ok(Ok(None)) => Parsed::Err(error_at(src, 0, "empty diagram".into(), vec![])),
            Ok(Err(e)) => Parsed::Err(convert(src, e)),
        };
    }
    // merman's Gantt scheduler does not look at the deadline while it walks a task's
    // days (a long task with `excludes` took seconds past it in a fuzz run), so a
    // Gantt parse is watched from here and given up at the deadline.
    let owned = src.to_string();
    let left = budget.left();
    let watched = watched(&OVERDUE, left, move || {
        let control = merman_core::OperationControl::new().with_deadline(left);
        guarded(limit, || {
            engine(&DiagramKind::Gantt).parse_diagram_snapshot_controlled_sync(&owned, &control)
        })
    });
    let outcome = match watched {
        Err(Watched::OutOfTime) => return Parsed::Bound(out_of_time(limit)),
        Err(Watched::Busy) => {
            return Parsed::Bound(format!(
                "{} (earlier diagrams are still running past theirs)",
                out_of_time(limit)
            ))
        }
        Ok(Err(bound)) => return bound,
        Ok(Ok(r)) => r,
    };
    match outcome {
        Ok(Some(snap)) => {
            let (_, outcome, _) = snap.into_parts();
            match outcome {
                merman_core::DiagramParseOutcome::Parsed { model, .. } => {
                    Parsed::Ok(Semantic::Json(model.into_unmanaged_value()))
                }
                merman_core::DiagramParseOutcome::Failed(e) => Parsed::Err(convert(src, e)),
                merman_core::DiagramParseOutcome::Panicked(_) => {
                    Parsed::Bound(PARSER_FAILED.into())
                }
            }
        }
        Ok(None) => Parsed::Err(error_at(src, 0, "empty diagram".into(), vec![])),
        Err(e) => Parsed::Err(convert(src, e)),
    }
}

const PARSER_FAILED: &str = "the parser failed on this diagram";

/// One merman call under `catch_unwind` and its operation's deadline: a panic or the
/// deadline passing is a [`Parsed::Bound`], as `Err`.
fn guarded<T>(
    limit: Duration,
    call: impl FnOnce() -> merman_core::OperationControlResult<T>,
) -> Result<T, Parsed> {
    match catch_unwind(AssertUnwindSafe(call)) {
        Err(_) => Err(Parsed::Bound(PARSER_FAILED.into())),
        Ok(Err(_cancelled)) => Err(Parsed::Bound(out_of_time(limit))),
        Ok(Ok(r)) => Ok(r),
    }
}

fn out_of_time(limit: Duration) -> String {
    format!("validation exceeded the {} time bound", seconds(limit))
}

/// Why a [`watched`] call gave no result.
#[derive(Debug, PartialEq)]
enum Watched {
    /// It was still running at the deadline (it goes on, detached, and its result is
    /// dropped).
    OutOfTime,
    /// `MAX_OVERDUE` earlier calls are still running past their deadline, so this one
    /// was not started.
    Busy,
}

/// Calls past their deadline that may still run at once; more, and a call is not
/// started (an editor re-validating a slow diagram as it is typed must not pile up
/// threads).
const MAX_OVERDUE: usize = 2;

/// The Gantt parses given up at their deadline and still running.
static OVERDUE: AtomicUsize = AtomicUsize::new(0);

/// Runs `call` on a thread of its own and waits at most `limit` for its result.
/// `overdue` counts the calls given up and still running, across callers; calls
/// running within their deadline do not count, however many there are.
fn watched<T: Send + 'static>(
    overdue: &'static AtomicUsize,
    limit: Duration,
    call: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Watched> {
    use std::sync::{Arc, Condvar, Mutex, PoisonError};
    /// The call's result, or that its caller gave up on it: one lock decides which,
    /// so a call is counted overdue exactly while it runs unwanted.
    struct Slot<T> {
        result: Option<T>,
        abandoned: bool,
    }
    if overdue.load(Ordering::SeqCst) >= MAX_OVERDUE {
        return Err(Watched::Busy);
    }
    let slot = Arc::new((
        Mutex::new(Slot {
            result: None,
            abandoned: false,
        }),
        Condvar::new(),
    ));
    let theirs = Arc::clone(&slot);
    let spawned = std::thread::Builder::new()
        .name("specgate-mermaid".into())
        .spawn(move || {
            let r = call();
            let (lock, done) = &*theirs;
            let mut s = lock.lock().unwrap_or_else(PoisonError::into_inner);
            if s.abandoned {
                overdue.fetch_sub(1, Ordering::SeqCst);
            } else {
                s.result = Some(r);
                done.notify_one();
            }
        });
    if spawned.is_err() {
        return Err(Watched::Busy);
    }
    let (lock, done) = &*slot;
    let s = lock.lock().unwrap_or_else(PoisonError::into_inner);
    let (mut s, _) = done
        .wait_timeout_while(s, limit, |s| s.result.is_none())
        .unwrap_or_else(PoisonError::into_inner);
    match s.result.take() {
        Some(r) => Ok(r),
        None => {
            s.abandoned = true;
            overdue.fetch_add(1, Ordering::SeqCst);
            Err(Watched::OutOfTime)
        }
    }
}

/// For a diagram that mermaid.js accepts but merman 0.9.3 rejects (punctuation
/// flowchart ids, ER `~` types), the source rewritten as validation rewrites it, so
/// that merman's renderer can draw it. Renamed flowchart nodes get their original id
/// as label. `None` when no rewrite applies.
pub fn renderable_rewrite(src: &str) -> Option<String> {
    let header = detect(src);
    let body = header.keyword_offset;
    let text = if src.ends_with('\n') {
        src.to_string()
    } else {
        format!("{src}\n")
    };
    match header.kind {
        DiagramKind::Flowchart => {
            let (mut t, renamed) = fixups::flowchart_punctuation_ids(&text, body)?;
            for (new, orig) in renamed {
                t.push_str(&format!("{new}[\"{}\"]\n", orig.replace('"', "#quot;")));
            }
            Some(t)
        }
        DiagramKind::Er => fixups::er_tilde_types(&text, body),
        _ => None,
    }
}

fn validate_known(src: &str, header: &Header) -> Verdict {
    let budget = Budget::new(TIME_LIMIT);
    validate_with(src, header, &mut |t| parse(t, &header.kind, &budget))
}

/// A rewrite driven by merman's error: the diagram's text, its body's start and the
/// error, to the text mermaid.js reads, or `None`.
type Lenient = fn(&str, usize, &MermaidError) -> Option<String>;

/// [`validate_known`] with its parser as a parameter (all of its calls share one time
/// bound), so that tests can make a later parse run out of time.
fn validate_with(src: &str, header: &Header, parse: &mut dyn FnMut(&str) -> Parsed) -> Verdict {
    // mermaid.js parses `text + "\n"` (Diagram.fromText), so a bare `stateDiagram`
    // without a trailing newline is valid.
    let owned;
    let text = if src.ends_with('\n') {
        src
    } else {
        owned = format!("{src}\n");
        &owned
    };
    let body = header.keyword_offset;
    let mut renamed = Vec::new();
    let mut parsed = parse(text);
    if let Parsed::Err(_) = parsed {
        // Rewrites of what mermaid.js accepts and merman rejects, tried in order; the
        // first that parses wins (with the flowchart ids it renamed, if any).
        let plain = |t: Option<String>| t.map(|t| (t, Vec::new()));
        let candidates: Vec<(String, Vec<(String, String)>)> = match header.kind {
            DiagramKind::Flowchart => plain(fixups::flowchart_nested_quotes(text, body))
                .into_iter()
                .chain(fixups::flowchart_punctuation_ids(text, body))
                .collect(),
            DiagramKind::Er => plain(fixups::er_tilde_types(text, body))
                .into_iter()
                .collect(),
            DiagramKind::State => {
                // Stray closers first; statements split on the text as written, then
                // on the text without them.
                let unclosed = fixups::state_stray_closers(text, body);
                let split = |t: &str| fixups::state_split_statements(t, body);
                plain(unclosed.clone())
                    .into_iter()
                    .chain(plain(split(text)))
                    .chain(plain(unclosed.as_deref().and_then(split)))
                    .collect()
            }
            _ => Vec::new(),
        };
        // A rewrite that runs out of time leaves the verdict unknown, not the first
        // error: which one it is would depend on the machine's speed.
        for (t, r) in candidates {
            match parse(&t) {
                Parsed::Err(_) => continue,
                p => {
                    parsed = p;
                    renamed = r;
                    break;
                }
            }
        }
    }
    // Rewrites driven by merman's error, one grammar rule each: a gantt's unparseable
    // date or bare `section` / `title`, a class name of several words.
    let lenient: Option<Lenient> = match header.kind {
        DiagramKind::Gantt => Some(fixups::gantt_lenient),
        DiagramKind::Class => Some(class_names::rewrite),
        _ => None,
    };
    if let Some(lenient) = lenient {
        // Each round rewrites what merman rejected and mermaid.js parses; a few rounds
        // cover a diagram.
        let mut t = text.to_string();
        // Each rewrite replaces one stretch of `t`; an error found in the rewritten text
        // is mapped back through them to an offset of the diagram as written.
        let mut edits = Vec::new();
        for _ in 0..16 {
            let Parsed::Err(e) = &parsed else { break };
            let Some(next) = lenient(&t, body, e) else {
                break;
            };
            let again = parse(&next);
            if let Parsed::Bound(_) = again {
                // As for the rewrites above: out of time, the verdict is unknown.
                parsed = again;
                break;
            }
            edits.push(Edit::between(&t, &next));
            parsed = again;
            t = next;
        }
        if let Parsed::Err(e) = &mut parsed {
            if !edits.is_empty() {
                let off = edits
                    .iter()
                    .rev()
                    .fold(e.offset, |off, ed| ed.map_back(off));
                let message = std::mem::take(&mut e.message);
                *e = error_at(text, off, message, std::mem::take(&mut e.expected));
            }
        }
    }
    match parsed {
        Parsed::Bound(r) => Verdict::NotValidated(r),
        Parsed::Err(mut e) => {
            e = clamp(src, e);
            Verdict::Invalid(e)
        }
        Parsed::Ok(v) => {
            if header.kind == DiagramKind::Class
                && src[body + header.keyword.len()..].trim().is_empty()
            {
                // mermaid.js's class grammar needs a statement after the header.
                return Verdict::Invalid(error_at(
                    src,
                    src.len(),
                    "a class diagram needs at least one statement".into(),
                    vec!["`class`, a relation, `note`, `classDef` or `direction`".into()],
                ));
            }
            if header.kind == DiagramKind::Class {
                if let Some((off, message)) = class_checks::class_diagram(src, body) {
                    return Verdict::Invalid(error_at(src, off, message, vec![]));
                }
            }
            if header.kind == DiagramKind::Flowchart {
                if let Some((off, message)) = spacing::flowchart(src, body) {
                    return Verdict::Invalid(error_at(src, off, message, vec![]));
                }
                if let Some(off) = fixups::flowchart_entity_in_style(src, body) {
                    return Verdict::Invalid(error_at(
                        src,
                        off,
                        "an HTML entity (`#…;`) is not a style value".into(),
                        vec![
                            "a style value (`NUM`, `NODE_STRING`, `COLON`, `UNIT`, `BRKT`, `PCT`)"
                                .into(),
                        ],
                    ));
                }
            }
            Verdict::Valid(Box::new(model::build(&header.kind, src, v, &renamed)))
        }
    }
}

/// One contiguous replacement that turned a text into another: `old[start..old_end]`
/// became `new[start..new_end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Edit {
    start: usize,
    old_end: usize,
    new_end: usize,
}

impl Edit {
    /// The replacement between `old` and `new`, as their common prefix and suffix leave
    /// it (on char boundaries of both).
    fn between(old: &str, new: &str) -> Edit {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let prefix = old.floor_char_boundary(prefix.min(new.len()));
        let room = old.len().min(new.len()) - prefix;
        let suffix = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(room)
            .take_while(|(x, y)| x == y)
            .count();
        let old_end = old.ceil_char_boundary(old.len() - suffix);
        Edit {
            start: prefix,
            old_end,
            new_end: new.len() - (old.len() - old_end),
        }
    }

    /// An offset of the new text as an offset of the old one: after the replacement it
    /// shifts back, inside it it moves to the replacement's start.
    fn map_back(&self, off: usize) -> usize {
        if off >= self.new_end {
            off - self.new_end + self.old_end
        } else {
            off.min(self.start)
        }
    }
}

/// An error at the end of the input (past the last token: the appended newline, or
/// blank lines after the diagram) moves to the end of the last line with text, as
/// mermaid.js names it (`state X {` never closed is an error on the last line, not
/// after it).
fn clamp(src: &str, e: MermaidError) -> MermaidError {
    let end = src.trim_end().len();
    if e.offset > end {
        return error_at(src, end, e.message, e.expected);
    }
    e
}

fn convert(src: &str, e: merman_core::Error) -> MermaidError {
    match e {
        merman_core::Error::DiagramParse { diagnostic, .. } => {
            let mut off = diagnostic.span().map_or(0, |s| s.start);
            let mut msg = diagnostic.message().to_string();
            if msg.starts_with("Invalid text label: contains structural characters") {
                // merman gives this one no position; mermaid.js names the label's line.
                off = labels::structural_label_offset(src).unwrap_or(off);
            }
            if msg.starts_with("Unexpected character at") {
                // merman's lexer names a text offset; name the character instead.
                let c = src.get(off..).and_then(|r| r.chars().next()).unwrap_or(' ');
                msg = format!("unexpected character `{}`", c.escape_debug());
            }
            let expected = msg
                .split_once("; expected ")
                .map(|(_, x)| {
                    x.split(", ")
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            error_at(src, off, msg, expected)
        }
        other => error_at(src, 0, other.to_string(), vec![]),
    }
}

fn error_at(src: &str, offset: usize, message: String, expected: Vec<String>) -> MermaidError {
    let offset = src.floor_char_boundary(offset);
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let column = src[line_start..offset].chars().count() + 1;
    MermaidError {
        offset,
        line,
        column,
        message,
        expected,
    }
}

/// `2 s`, `0.5 s`.
fn seconds(d: Duration) -> String {
    format!("{} s", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_maps_offsets_of_the_new_text_back() {
        let e = Edit::between("title\nB x\n", "title _\nB x\n");
        assert_eq!((e.start, e.old_end, e.new_end), (5, 5, 7));
        assert_eq!(e.map_back(8), 6, "after the insertion");
        assert_eq!(e.map_back(6), 5, "inside it");
        assert_eq!(e.map_back(2), 2, "before it");
        // Shorter and longer replacements, next to multi-byte characters.
        let e = Edit::between("é:2014-13-45,é", "é: after __specgate__,é");
        assert_eq!(
            e.map_back("é: after __specgate__,".len()),
            "é:2014-13-45,".len()
        );
        let e = Edit::between("aéb", "aüb");
        assert_eq!((e.start, e.old_end, e.new_end), (1, 3, 3));
        let e = Edit::between("same", "same");
        assert_eq!(e.map_back(3), 3);
    }

    /// The per-diagram deadline holds: with no time at all, a diagram is reported as
    /// over the bound (a `NotValidated` verdict through `validate`), not parsed.
    #[test]
    fn validation_stops_at_its_deadline() {
        let mut big = String::from("flowchart TD\n");
        for i in 0..2_000 {
            big.push_str(&format!("  n{i} --> n{}\n", i + 1));
        }
        match parse(&big, &DiagramKind::Flowchart, &Budget::new(Duration::ZERO)) {
            Parsed::Bound(m) => assert_eq!(m, "validation exceeded the 0 s time bound"),
            Parsed::Ok(_) => panic!("parsed past a zero deadline"),
            Parsed::Err(e) => panic!("{}", e.message),
        }
        assert!(matches!(
            parse(&big, &DiagramKind::Flowchart, &Budget::new(TIME_LIMIT)),
            Parsed::Ok(_)
        ));
        assert_eq!(seconds(TIME_LIMIT), "2 s");
    }

    /// A rewrite that runs out of time leaves the verdict unknown: not the error of the
    /// round before it, which would make the verdict depend on the machine's speed
    /// (found by CI's `mermaid_parse` fuzz run, under load).
    #[test]
    fn a_rewrite_out_of_time_is_not_validated() {
        for src in [
            "gantt\ntitle\nsection S\nA : 2014-01-01, 3d\nB x\n",
            "graph TD; #node --> A[x: y]\n",
        ] {
            let header = detect(src);
            let budget = Budget::new(TIME_LIMIT);
            let mut calls = 0;
            let mut first_only = |t: &str| {
                calls += 1;
                if calls == 1 {
                    parse(t, &header.kind, &budget)
                } else {
                    Parsed::Bound("out of time".into())
                }
            };
            match validate_with(src, &header, &mut first_only) {
                Verdict::NotValidated(r) => assert_eq!(r, "out of time"),
                v => panic!("{src:?}: {v:?}"),
            }
            // With time enough, the same diagram gets a verdict.
            assert!(
                !matches!(validate(src).verdict, Verdict::NotValidated(_)),
                "{src:?}"
            );
        }
    }

    /// A watched call is given up at its deadline, and no more than `MAX_OVERDUE` run
    /// past theirs at once. The calls here block until the test lets them go, so no
    /// outcome depends on timing.
    #[test]
    fn watched_calls_stop_at_the_deadline_and_do_not_pile_up() {
        static RUNNING: AtomicUsize = AtomicUsize::new(0);
        assert_eq!(watched(&RUNNING, TIME_LIMIT, || 7), Ok(7));
        // Calls within their deadline do not count, however many run at once: these
        // meet at a barrier, which opens only when all of them run.
        let n = MAX_OVERDUE + 2;
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(n));
        let callers: Vec<_> = (0..n)
            .map(|i| {
                let b = std::sync::Arc::clone(&barrier);
                std::thread::spawn(move || {
                    watched(&RUNNING, TIME_LIMIT, move || {
                        b.wait();
                        i
                    })
                })
            })
            .collect();
        for (i, c) in callers.into_iter().enumerate() {
            assert_eq!(c.join().unwrap(), Ok(i));
        }
        let mut gates = Vec::new();
        for _ in 0..MAX_OVERDUE {
            let (go, wait) = std::sync::mpsc::channel::<()>();
            gates.push(go);
            let r = watched(&RUNNING, Duration::from_millis(1), move || wait.recv());
            assert_eq!(r.map(|_| ()), Err(Watched::OutOfTime));
        }
        assert_eq!(watched(&RUNNING, TIME_LIMIT, || 8), Err(Watched::Busy));
        drop(gates);
        // The released calls count themselves out as they end.
        while RUNNING.load(Ordering::SeqCst) > 0 {
            std::thread::yield_now();
        }
        assert_eq!(watched(&RUNNING, TIME_LIMIT, || 9), Ok(9));
    }

    /// A diagram over 256 KiB is not parsed at all.
    #[test]
    fn diagrams_over_the_size_bound_are_not_validated() {
        let mut big = String::from("flowchart TD\n");
        while big.len() <= MAX_BYTES {
            big.push_str("  a --> b\n");
        }
        match validate(&big).verdict {
            Verdict::NotValidated(m) => {
                assert_eq!(m, "diagram is larger than 256 KiB and was not validated")
            }
            _ => panic!("a diagram over the bound was validated"),
        }
    }

    #[test]
    fn valid_and_invalid_with_positions() {
        assert!(validate("graph TD\nA-->B\n").is_valid());
        let v = validate("sequenceDiagram\nAlice->>Bob: hi\nAlice-->>>Bob\n");
        let e = v.error().expect("invalid");
        assert_eq!(e.line, 3);
        assert!(e.column >= 1);
        assert_eq!(
            validate("pie\n\"a\": 1").kind,
            DiagramKind::Other("pie".into())
        );
        assert!(matches!(
            validate("pie\n").verdict,
            Verdict::NotValidated(_)
        ));
        assert!(validate("hello").error().is_some());
    }

    #[test]
    fn known_gaps_are_closed() {
        assert!(validate("stateDiagram").is_valid());
        assert!(validate("graph TD; #node --> A").is_valid());
        assert!(validate("graph TB\nbfs1:queue").is_valid());
        assert!(validate(
            "graph TD;A(( ));B((Test));C;style A background:#fff;style D border:1px solid red;"
        )
        .error()
        .is_some());
        assert!(validate("erDiagram\nA {\n ~timestamp with time zone~ created\n}\n").is_valid());
    }

    #[test]
    fn flowchart_model_keeps_original_ids() {
        let v = validate("graph TD; #node --> A");
        let Some(Model::Flowchart(f)) = v.model() else {
            panic!("flowchart model")
        };
        assert_eq!(f.edges[0].from, "#node");
        assert_eq!(f.edges[0].to, "A");
    }
}

#[cfg(test)]
mod cache_tests {
    #[test]
    fn cached_validation_equals_a_fresh_one() {
        for src in [
            "stateDiagram-v2\n[*] --> A\nA --> [*]\n",
            "flowchart LR\nA -->\n",
            "pie\n\"a\" : 1\n",
        ] {
            let fresh = super::validate(src);
            assert_eq!(super::validate_cached(src), fresh);
            assert_eq!(super::validate_cached(src), fresh);
        }
    }
}
