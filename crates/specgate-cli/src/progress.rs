//! A progress bar on stderr for runs over many files: only on a terminal, never in CI
//! (`CI` set to anything but `false`/`0`), with `--quiet`, or with `NO_PROGRESS`.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Fewer files than this finish before a bar would be worth drawing.
const MIN_FILES: u64 = 2;

/// A bar for `len` files, or a hidden one when progress should not show.
pub fn bar(len: u64, quiet: bool, verb: &'static str) -> ProgressBar {
    if quiet || len < MIN_FILES || !enabled() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} files")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    pb.set_message(verb);
    pb.tick();
    pb
}

fn enabled() -> bool {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    !ci && std::env::var_os("NO_PROGRESS").is_none() && std::io::stderr().is_terminal()
}
