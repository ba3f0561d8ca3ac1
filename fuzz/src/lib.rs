//! Shared pieces of the fuzz targets: input decoding as the CLI does it, the panic
//! policy, and the invariant checks several targets assert.

use std::cell::RefCell;
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Mutex, OnceLock};

use specgate_lint::{Context, Diagnostic, Selection};
use specgate_model::{parse, Schema, Span};

/// The date rules compare with, fixed so that a crash reproduces on any day.
pub const TODAY: (i32, u32, u32) = (2026, 11, 24);

/// Fuzz input → spec text, as the CLI reads a file: `decode` (UTF-8 only, BOM
/// stripped). The CLI stops with exit 2 on a decode error, so these inputs stop here.
pub fn decode(data: &[u8]) -> Option<String> {
    specgate_model::decode(data.to_vec()).ok().map(|s| s.text)
}

/// The built-in seed template, compiled once.
pub fn seed() -> &'static Schema {
    static S: OnceLock<Schema> = OnceLock::new();
    S.get_or_init(Schema::seed)
}

/// An evidence root with a few files in it, so that cited paths resolve against a real
/// directory (both found and missing) without touching anything outside it.
pub fn evidence_root() -> &'static std::path::Path {
    static R: OnceLock<std::path::PathBuf> = OnceLock::new();
    R.get_or_init(|| {
        let root =
            std::env::temp_dir().join(format!("specgate-fuzz-evidence-{}", std::process::id()));
        let _ = std::fs::create_dir_all(root.join("docs/adr"));
        for f in ["docs/a.md", "docs/adr/0001.md", "README.md", "src/lib.rs"] {
            let p = root.join(f);
            let _ = std::fs::create_dir_all(p.parent().unwrap());
            let _ = std::fs::write(&p, "line 1\nline 2\n");
        }
        root
    })
}

/// A rule context as `specgate check` builds one, minus the config file.
pub fn context<'a>(doc: &'a specgate_model::Document, schema: &'a Schema) -> Context<'a> {
    let mut ctx = Context::new(doc, schema);
    ctx.today = TODAY;
    ctx.evidence_root = Some(evidence_root().to_path_buf());
    ctx
}

/// The findings `specgate fix` acts on, for one text.
pub fn fixable(text: &str, schema: &Schema, unsafe_fixes: bool) -> Vec<Diagnostic> {
    let doc = parse(text);
    let ctx = context(&doc, schema);
    specgate_lint::fix::fixable_findings(&ctx, &Selection::default(), unsafe_fixes)
}

// ---------------------------------------------------------------------------------
// Panics. libfuzzer-sys installs a hook that aborts on *every* panic, even one that
// the code under test catches on purpose (`specgate-mermaid` and `merman-core` wrap
// the Mermaid parser in `catch_unwind`, and report "the parser failed on this
// diagram"). Our hook only remembers the message; `run` aborts when a panic escapes
// the code under test, after printing it, and `note_caught` logs (once per place) a
// panic that was caught inside it.

/// The last panic on this thread: message with location, and the (unresolved)
/// backtrace, formatted only if the panic escapes.
type Panic = (String, std::backtrace::Backtrace);

thread_local! {
    static LAST_PANIC: RefCell<Option<Panic>> = const { RefCell::new(None) };
}

/// Installs the panic hook described above. Call from the target's `init`.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let bt = std::backtrace::Backtrace::capture();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some((info.to_string(), bt)));
    }));
}

/// Runs one fuzz iteration: a panic that escapes `f` is printed and aborts the process
/// (libFuzzer records the input as a crash).
pub fn run(f: impl FnOnce()) {
    LAST_PANIC.with(|p| p.borrow_mut().take());
    if catch_unwind(AssertUnwindSafe(f)).is_err() {
        let msg = LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .map(|(m, bt)| format!("{m}\n{bt}"))
            .unwrap_or_default();
        eprintln!("\n==== panic escaped the code under test ====\n{msg}");
        std::process::abort();
    }
    note_caught();
}

/// Logs a panic that the code under test caught itself, once per source location.
fn note_caught() {
    static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);
    let Some((msg, _)) = LAST_PANIC.with(|p| p.borrow_mut().take()) else {
        return;
    };
    let place = msg
        .lines()
        .next()
        .unwrap_or_default()
        .split(':')
        .take(3)
        .collect::<Vec<_>>()
        .join(":");
    if let Ok(mut seen) = SEEN.lock() {
        if seen.get_or_insert_with(HashSet::new).insert(place) {
            eprintln!(
                "note: a panic was caught inside the code under test (tolerated): {}",
                msg.lines().next().unwrap_or_default()
            );
        }
    }
}

// ---------------------------------------------------------------------------------
// Invariants.

/// `span` lies in `text` and on char boundaries.
#[track_caller]
pub fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{what}: span {span:?} is not a char-aligned range of the {}-byte text",
        text.len()
    );
}

/// Every span of a diagnostic (its own, its labels', its fix's edits) is a valid range
/// of `text`, and the edits of one fix do not overlap.
pub fn assert_diagnostics(text: &str, diags: &[Diagnostic]) {
    for d in diags {
        let what = format!("{} {:?}", d.code, d.message);
        assert!(
            specgate_lint::lookup(d.code).is_some(),
            "{what}: unknown code"
        );
        assert!(!d.message.is_empty(), "{what}: empty message");
        assert_span(text, d.span, &what);
        for l in &d.labels {
            assert_span(text, l.span, &format!("{what} label {:?}", l.message));
        }
        if let Some(f) = &d.fix {
            let mut spans: Vec<Span> = f.edits.iter().map(|e| e.span).collect();
            for s in &spans {
                assert_span(text, *s, &format!("{what} fix edit"));
            }
            spans.sort();
            for w in spans.windows(2) {
                assert!(
                    w[0].end <= w[1].start && w[0] != w[1],
                    "{what}: the fix's edits {:?} and {:?} overlap",
                    w[0],
                    w[1]
                );
            }
        }
    }
}

/// `check`'s findings come sorted by position, then code. (`fixable_findings` appends
/// its "tick this box" findings unsorted; fixing does not depend on the order.)
pub fn assert_sorted(diags: &[Diagnostic]) {
    for w in diags.windows(2) {
        assert!(
            (w[0].span.start, w[0].code) <= (w[1].span.start, w[1].code),
            "findings are not sorted: {} at {} before {} at {}",
            w[0].code,
            w[0].span.start,
            w[1].code,
            w[1].span.start
        );
    }
}

/// "No text lost" (`words`, `lost_word`): the one definition, shared with
/// `crates/specgate-lint/tests/fix_guarantees.rs`.
#[path = "../../crates/specgate-lint/tests/support/no_text_lost.rs"]
mod no_text_lost;
pub use no_text_lost::{lost_word, words};
