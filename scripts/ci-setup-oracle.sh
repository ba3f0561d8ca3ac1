#!/usr/bin/env bash
# Installs the npm packages of ../shared/tools/mermaid-oracle (pinned mermaid 11.17.2 +
# jsdom) so the differential test (crates/specgate-mermaid/tests/differential.rs) can
# ask the real mermaid.js. Without them that test skips with a message.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
oracle="$here/../shared/tools/mermaid-oracle"
if [ ! -f "$oracle/package.json" ]; then
  echo "ci-setup-oracle: $oracle not found; the differential test will skip" >&2
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "ci-setup-oracle: npm not found; the differential test will skip" >&2
  exit 0
fi
if [ -d "$oracle/node_modules/mermaid" ] && [ -d "$oracle/node_modules/jsdom" ]; then
  echo "ci-setup-oracle: packages already installed"
  exit 0
fi
(cd "$oracle" && npm install --no-audit --no-fund --loglevel=error)
