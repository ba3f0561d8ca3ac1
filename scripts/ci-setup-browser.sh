#!/usr/bin/env bash
# Installs what the report's browser test (crates/specgate-cli/tests/browser.rs) needs:
# Debian's `chromium` package (/usr/bin/chromium) if it is missing, and playwright-core
# into tests/browser/node_modules (pinned by package-lock.json, browser download
# skipped). Without them that test skips with a message.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "ci-setup-browser: npm not found; the browser test will skip" >&2
  exit 0
fi
if [ -d "$here/tests/browser/node_modules/playwright-core" ]; then
  echo "ci-setup-browser: playwright-core already installed"
  exit 0
fi
(cd "$here/tests/browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
