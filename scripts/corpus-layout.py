#!/usr/bin/env python3
"""Lays ../shared/corpus/real/ out as the authors do: a git repository with one folder
per source repository, each document at its original path (`.spec/`, `.specs/`,
`specs/`, `legacy/` and `archive/` subfolders), per MANIFEST.tsv.

With --templates, the sibling templates are copied into `.spec/templates/` and a
`specgate.toml` names them as `[[templates]]`, as a team using them would write it.
Nothing is copied into this repository: DEST is a directory of your choice.

Usage: scripts/corpus-layout.py DEST [--templates]
"""
import csv, pathlib, re, shutil, subprocess, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"

# The kinds these repositories hold, besides the built-in tech-spec template, as a team
# would configure them: one file, also read by crates/specgate-cli/tests/corpus_review.rs.
CONFIG = ROOT / "tests" / "corpus-review" / "specgate.toml"
TEMPLATES = [pathlib.Path(m).name for m in re.findall(r'^path = "([^"]+)"', CONFIG.read_text(), re.M)]

def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    dest = pathlib.Path(sys.argv[1])
    real = SHARED / "real"
    if not real.is_dir():
        print("SKIPPED: ../shared/corpus/real not found", file=sys.stderr)
        return 0
    dest.mkdir(parents=True, exist_ok=True)
    for r in csv.DictReader(open(real / "MANIFEST.tsv"), delimiter="\t"):
        target = dest / r["repo"].split("/")[-1] / r["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(real / r["file"], target)
    if "--templates" in sys.argv:
        (dest / ".spec" / "templates").mkdir(parents=True, exist_ok=True)
        for t in TEMPLATES:
            shutil.copyfile(SHARED / "templates" / t, dest / ".spec" / "templates" / t)
        shutil.copyfile(CONFIG, dest / "specgate.toml")
    subprocess.run(["git", "init", "-q", str(dest)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
