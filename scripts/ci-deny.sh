#!/usr/bin/env bash
# Dependency hygiene: cargo-deny's licence, ban and source checks (deny.toml), and its
# RustSec advisory check when the advisory database can be fetched.
#
# Installs cargo-deny from crates.io if it is missing (pinned, --locked). The advisory
# database is a git repository on github.com (https://github.com/RustSec/advisory-db);
# where github.com cannot be reached, as on this project's CI machines, the advisory
# check cannot run and is reported as SKIPPED with the reason (see docs/reliability.md).
# Everything else must pass.
set -euo pipefail
cd "$(dirname "$0")/.."

version="0.20.2"
if ! cargo deny --version 2>/dev/null | grep -qx "cargo-deny $version"; then
  echo "ci-deny: installing cargo-deny $version from crates.io"
  cargo install cargo-deny --version "$version" --locked --quiet
fi

echo "ci-deny: cargo deny check licenses bans sources"
cargo deny --log-level warn check licenses bans sources

if log="$(cargo deny --log-level error fetch db 2>&1)"; then
  echo "ci-deny: cargo deny check advisories"
  cargo deny --log-level warn check advisories
else
  echo "ci-deny: SKIPPED: advisories: the RustSec advisory database could not be fetched:"
  echo "$log" | grep -E "fatal|error|ERROR" | head -3 | sed 's/^/  /'
fi
echo "ci-deny: ok"
