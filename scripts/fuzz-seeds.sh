#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets in fuzz/corpus/<target>/ (gitignored),
# from ../shared (real specs, sibling templates, the Mermaid corpus) when it is there,
# and always from the project's own templates, examples, rule fixtures and
# fuzz/regressions/. Nothing from ../shared is ever copied into the repository: the
# corpora are build output. Existing corpus files (inputs libFuzzer found) are kept.
#
# Usage: scripts/fuzz-seeds.sh [target ...]   (default: every target)
#        FUZZ_SHARED=DIR to read the shared material from DIR instead of ../shared
set -euo pipefail
cd "$(dirname "$0")/.."

TARGETS=(model_parse schema_compile check_all mermaid_parse fix_idempotent export_instantiate lsp_frames)
if [ "$#" -gt 0 ]; then TARGETS=("$@"); fi
SHARED=${FUZZ_SHARED:-../shared}

# Copies each file to $dir, named by a hash of its content (so reruns add nothing twice).
seed() {
  local dir=$1
  shift
  mkdir -p "$dir"
  local f h
  for f in "$@"; do
    [ -f "$f" ] || continue
    h=$(sha1sum "$f" | cut -c1-16)
    cp "$f" "$dir/seed-$h"
  done
}

# The Mermaid fences of Markdown files, one file per diagram, into $dir.
mermaid_fences() {
  local dir=$1
  shift
  mkdir -p "$dir"
  local tmp
  tmp=$(mktemp -d)
  awk -v out="$tmp" '
    FNR == 1 { id = FILENAME; gsub(/[^A-Za-z0-9]/, "_", id) }
    !inside && /^[ \t]*```+[ \t]*mermaid/ {
      inside = 1; n++; f = out "/" id "-" n
      match($0, /^[ \t]*/); indent = RLENGTH
      next
    }
    inside && /^[ \t]*```/ { inside = 0; close(f); next }
    inside {
      line = $0
      match(line, /^[ \t]*/)
      line = substr(line, 1 + (RLENGTH < indent ? RLENGTH : indent))
      print line > f
    }
  ' "$@" 2>/dev/null || true
  seed "$dir" "$tmp"/*
  rm -rf "$tmp"
}

own_markdown() {
  find crates/specgate-model/templates examples tests/fixtures -name '*.md' -type f 2>/dev/null | sort
}

if [ -d "$SHARED/corpus" ]; then
  have_shared=1
else
  have_shared=0
  echo "fuzz-seeds: NOTE: $SHARED not found; seeding from the project's own templates," \
    "examples and fixtures only (smaller corpora)" >&2
fi

for t in "${TARGETS[@]}"; do
  dir=fuzz/corpus/$t
  mkdir -p "$dir"
  case $t in
    lsp_frames)
      # Byte streams, not Markdown: seeded from fuzz/regressions/lsp_frames/ only.
      ;;
    mermaid_parse)
      if [ "$have_shared" = 1 ] && [ -d "$SHARED/mermaid-corpus" ]; then
        mapfile -t files < <(find "$SHARED/mermaid-corpus" -name '*.mmd' -type f | sort)
        seed "$dir" "${files[@]}"
      else
        echo "fuzz-seeds: NOTE: $SHARED/mermaid-corpus not found; mermaid_parse is seeded" \
          "from the diagrams in the project's own Markdown" >&2
      fi
      mapfile -t md < <(own_markdown)
      mermaid_fences "$dir" "${md[@]}"
      ;;
    *)
      mapfile -t files < <(own_markdown)
      seed "$dir" "${files[@]}"
      if [ "$have_shared" = 1 ]; then
        mapfile -t files < <(find "$SHARED/corpus/real" "$SHARED/corpus/templates" \
          "$SHARED/seed" -name '*.md' -type f 2>/dev/null | sort)
        seed "$dir" "${files[@]}"
      fi
      ;;
  esac
  if [ -d "fuzz/regressions/$t" ]; then
    mapfile -t files < <(find "fuzz/regressions/$t" -type f | sort)
    seed "$dir" "${files[@]}"
  fi
  echo "fuzz-seeds: $t: $(find "$dir" -type f | wc -l) inputs in $dir" >&2
done
