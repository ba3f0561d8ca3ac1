#!/usr/bin/env bash
# CI fuzzing: builds every cargo-fuzz target once and runs each for a bounded time,
# seeded by scripts/fuzz-seeds.sh. Fails if any target finds a crash, a failed
# assertion, a timeout or an out-of-memory input (saved under fuzz/artifacts/<target>/).
#
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_TARGETS   space-separated targets to run (default: all of `cargo fuzz list`)
#   FUZZ_RSS_MB    libFuzzer -rss_limit_mb (default 4096)
#   FUZZ_TIMEOUT   libFuzzer -timeout, seconds per input (default 30; Mermaid validation
#                  alone may take 2 s per diagram)
#
# cargo-fuzz needs nightly-only flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain
# accept them. The targets are safe Rust, so they are built without a sanitizer
# (`-s none`, much faster) but with debug assertions (overflow checks).
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_FUZZ_VERSION=0.13.2
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_RSS_MB=${FUZZ_RSS_MB:-4096}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-30}
export RUSTC_BOOTSTRAP=1
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}
BUILD_FLAGS=(--sanitizer none --debug-assertions)

if ! cargo fuzz --version 2>/dev/null | grep -qF "$CARGO_FUZZ_VERSION"; then
  echo "== installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

targets=${FUZZ_TARGETS:-$(cd fuzz && cargo fuzz list)}

echo "== fuzz seeds"
# shellcheck disable=SC2086
bash scripts/fuzz-seeds.sh $targets

echo "== cargo fuzz build"
(cd fuzz && cargo fuzz build "${BUILD_FLAGS[@]}")
# cargo fuzz has no --locked: the committed lock file must not have moved.
if git rev-parse --git-dir > /dev/null 2>&1 && ! git diff --quiet -- fuzz/Cargo.lock; then
  echo "fuzz/Cargo.lock changed during the build; commit the updated lock file" >&2
  git --no-pager diff --stat -- fuzz/Cargo.lock >&2
  exit 1
fi

failed=()
for t in $targets; do
  echo "== cargo fuzz run $t (${FUZZ_SECONDS} s)"
  start=$(date +%s)
  if (cd fuzz && cargo fuzz run "${BUILD_FLAGS[@]}" "$t" -- \
    -max_total_time="$FUZZ_SECONDS" -rss_limit_mb="$FUZZ_RSS_MB" \
    -timeout="$FUZZ_TIMEOUT" -print_final_stats=1 2>&1) > "fuzz/$t.log"; then
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done )' "fuzz/$t.log" || true
    echo "$t: ok in $(($(date +%s) - start)) s"
  else
    # What failed, first: the panic or libFuzzer's error and the input that caused it
    # (the artifact does not outlive a CI machine), then the end of the log.
    grep -m 3 -A 12 -E "panicked at|ERROR: libFuzzer|deadly signal|overflowed its stack" "fuzz/$t.log" || true
    for a in fuzz/artifacts/"$t"/*; do
      [ -f "$a" ] || continue
      echo "-- $a ($(wc -c < "$a") bytes), base64:"
      head -c 8192 "$a" | base64 -w 0
      echo
    done
    tail -n 30 "fuzz/$t.log"
    echo "$t: FAILED (see fuzz/artifacts/$t/ and fuzz/$t.log)" >&2
    failed+=("$t")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  echo "reproduce: (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run ${BUILD_FLAGS[*]} <target> artifacts/<target>/<file>)" >&2
  exit 1
fi
echo "fuzzing: all targets ok"
