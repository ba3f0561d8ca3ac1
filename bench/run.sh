#!/usr/bin/env bash
# Whole-process benchmark: specgate against its peers, same corpus, same run.
# Usage: bench/run.sh [--quick]   (from a fresh clone; needs ../shared for the generator)
# Installs the peers into bench/out (rumdl from PyPI, markdownlint-cli2 from npm),
# generates the 1k and 10k corpora, and writes bench/out/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
GEN=../shared/tools/gen_corpus.py
[ -f "$GEN" ] || { echo "bench: $GEN not found (the corpus generator lives in ../shared)" >&2; exit 2; }

cargo build --profile dist --locked -p specgate-cli

[ -d "$OUT/c1k" ] || python3 "$GEN" -n 1000 "$OUT/c1k" >/dev/null
if [ "${1:-}" != "--quick" ]; then
  [ -d "$OUT/c10k" ] || python3 "$GEN" -n 10000 "$OUT/c10k" >/dev/null
fi
# One 20 KB spec for the single-file, whole-process case.
first=("$OUT"/c1k/*.md)
cp "${first[0]}" "$OUT/one.md"
if [ "${1:-}" != "--quick" ]; then
  # Scaling inputs: 100 specs, and single documents of ~20 KB to ~5 MB.
  [ -d "$OUT/c100" ] || { mkdir -p "$OUT/c100" && cp "${first[@]:0:100}" "$OUT/c100/"; }
  for n in 1:20k 10:200k 50:1m 250:5m; do
    count=${n%%:*}; name=${n##*:}
    [ -f "$OUT/doc_$name.md" ] || cat "${first[@]:0:$count}" > "$OUT/doc_$name.md"
  done
fi

# Peers, from their registries; each is skipped if it cannot be installed.
if [ ! -x "$OUT/venv/bin/rumdl" ]; then
  python3 -m venv "$OUT/venv" && "$OUT/venv/bin/pip" install -q rumdl || echo "bench: rumdl not installed" >&2
fi
if [ ! -x "$OUT/node/node_modules/.bin/markdownlint-cli2" ]; then
  (mkdir -p "$OUT/node" && cd "$OUT/node" && npm init -y >/dev/null && npm install -q markdownlint-cli2 >/dev/null) \
    || echo "bench: markdownlint-cli2 not installed" >&2
fi
python3 bench/measure.py "$OUT" "${1:-}"
