#!/usr/bin/env python3
"""Lays ../shared/corpus/real/ out as the authors do: a git repository with one folder
per source repository, each document at its original path (`.spec/`, `.specs/`,
`specs/`, `legacy/` and `archive/` subfolders), per MANIFEST.tsv.

With --templates, the sibling templates are copied into `.spec/templates/` and a
`specgate.toml` names them as `[[templates]]`, as a team using them would write it.
Nothing is copied into this repository: DEST is a directory of your choice.

Usage: scripts/corpus-layout.py DEST [--templates]
"""
import csv, pathlib, shutil, subprocess, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"

# The kinds these repositories hold, besides the built-in tech-spec template. Titles
# route most documents; globs catch those whose titles do not name their kind.
CONFIG = """\
# Tech specs whose titles say "Architecture Spec" / "API Spec".
[[templates]]
match = ["**/*-arch-spec.md", "**/*-api-spec.md"]

[[templates]]
path = ".spec/templates/PRD_TEMPLATE.md"
# A PRD titled only with its product name.
match = ["**/legacy/**/spec-*.md"]

[[templates]]
path = ".spec/templates/PRD_TEMPLATE_MINI.md"

[[templates]]
path = ".spec/templates/LITE_PRD_TEMPLATE.md"

[[templates]]
path = ".spec/templates/foundation-spec-template.md"

[[templates]]
path = ".spec/templates/ux-spec-template.md"

[[templates]]
path = ".spec/templates/build-plan-template.md"
"""

TEMPLATES = ["PRD_TEMPLATE.md", "PRD_TEMPLATE_MINI.md", "LITE_PRD_TEMPLATE.md",
             "foundation-spec-template.md", "ux-spec-template.md", "build-plan-template.md"]


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
        (dest / "specgate.toml").write_text(CONFIG)
    subprocess.run(["git", "init", "-q", str(dest)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
