#!/usr/bin/env python3
"""Runs specgate over public documents of other template families, as a new user would.

Each FAMILY_DIR holds the family's template as TEMPLATE.md and its documents (*.md).
The documents are public but not ours: fetch them into a directory outside this
repository and never commit their text. docs/corpus-report.md ("Team template
families") says where the reviewed set came from and records the verdicts.

Prints, per family, the findings per rule and every finding (file, code, line,
message) for review.

Usage: scripts/family-report.py [--bin target/release/specgate] FAMILY_DIR...
"""
import argparse, collections, json, pathlib, subprocess, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target/release/specgate"))
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    for d in map(pathlib.Path, a.dirs):
        docs = sorted(p for p in d.glob("*.md") if p.name != "TEMPLATE.md")
        # SG303 and SG311 need the authors' repositories, which are not here.
        cmd = [a.bin, "check", "--template", str(d / "TEMPLATE.md"), "--ignore", "SG303,SG311",
               "--output-format", "json", *map(str, docs)]
        p = subprocess.run(cmd, capture_output=True, text=True, env={"SPECGATE_TODAY": "2026-12-06", "PATH": "/usr/bin:/bin"})
        if p.returncode not in (0, 1):
            print(f"{d.name}: exit {p.returncode}: {p.stderr.strip()[:300]}")
            return 2
        out = json.loads(p.stdout)
        counts = collections.Counter()
        lines = []
        for f in out["files"]:
            for x in f["diagnostics"]:
                counts[x["code"]] += 1
                lines.append(f"  {pathlib.Path(f['path']).name} {x['code']} L{x['location']['line']} {x['message']}")
        print(f"{d.name}: {len(docs)} documents, {sum(counts.values())} findings {dict(sorted(counts.items()))}")
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
