#!/usr/bin/env python3
"""The reviewed snapshot of specgate's findings on ../shared/corpus/real.

Each finding of `specgate check .` over the laid-out corpus (scripts/corpus-layout.py
--templates, SG303 and SG311 left out: the cited files are in the authors' repositories) is a
row of tests/corpus-review/verdicts.tsv:

    document  line  code  verdict  reason  message

`verdict` is `true` (a careful reviewer agrees), `false` (they would reject it) or `?`
(not reviewed yet). crates/specgate-cli/tests/corpus_review.rs compares the findings
with this file, so that a change that adds or removes findings shows in review, and
holds the precision to its bar.

    scripts/corpus-review.py update   # add new findings as `?`, drop vanished ones
    scripts/corpus-review.py stats    # precision per rule

Usage: scripts/corpus-review.py (update|stats) [--bin target/release/specgate]
"""
import argparse, collections, csv, json, pathlib, subprocess, sys, tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
VERDICTS = ROOT / "tests" / "corpus-review" / "verdicts.tsv"
HEADER = ["document", "line", "code", "verdict", "reason", "message"]


def findings(binary):
    real = SHARED / "corpus" / "real"
    rows = {r["repo"].split("/")[-1] + "/" + r["path"]: r["file"]
            for r in csv.DictReader(open(real / "MANIFEST.tsv"), delimiter="\t")}
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(ROOT / "scripts/corpus-layout.py"), tmp, "--templates"], check=True)
        p = subprocess.run([binary, "check", ".", "--output-format", "json", "--ignore", "SG303,SG311"],
                           cwd=tmp, capture_output=True, text=True,
                           env={"SPECGATE_TODAY": "2026-11-24", "PATH": "/usr/bin:/bin", "NO_COLOR": "1"})
        if p.returncode not in (0, 1):
            sys.exit(f"specgate exited {p.returncode}: {p.stderr[:500]}")
        for f in json.loads(p.stdout)["files"]:
            doc = rows[f["path"].removeprefix("./")]
            for d in f["diagnostics"]:
                out.append((doc, str(d["location"]["line"]), d["code"], d["message"]))
    return out


def key(r):
    return (r["document"], r["line"], r["code"], r["message"])


def load():
    if not VERDICTS.exists():
        return []
    lines = VERDICTS.read_text().splitlines()
    return [dict(zip(HEADER, l.split("\t"))) for l in lines[1:] if l]


def save(rows):
    rows.sort(key=lambda r: (r["document"], int(r["line"]), r["code"], r["message"]))
    # Plain tab-separated lines, no quoting: no field holds a tab or a line end.
    VERDICTS.write_text("".join("\t".join(r) + "\n" for r in [HEADER] + [[x[k] for k in HEADER] for x in rows]))


def clean(s):
    return s.replace("\t", " ").replace("\n", " ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["update", "stats"])
    ap.add_argument("--bin", default=str(ROOT / "target/release/specgate"))
    a = ap.parse_args()
    if not (SHARED / "corpus" / "real").is_dir():
        print("SKIPPED: ../shared/corpus/real not found", file=sys.stderr)
        return 0
    old = load()
    if a.cmd == "update":
        by_key = collections.defaultdict(list)
        for r in old:
            by_key[key(r)].append(r)
        new = []
        fresh = []
        for doc, line, code, msg in findings(a.bin):
            k = (doc, line, code, clean(msg))
            prev = by_key[k].pop(0) if by_key[k] else None
            if prev:
                new.append(prev)
            else:
                fresh.append(dict(zip(HEADER, [doc, line, code, "?", "", clean(msg)])))
        # A finding whose message is unchanged but whose line moved (its anchor, the
        # next present section, changed) keeps its verdict.
        moved = collections.defaultdict(list)
        for v in by_key.values():
            for r in v:
                moved[(r["document"], r["code"], r["message"])].append(r)
        for r in fresh:
            m = moved[(r["document"], r["code"], r["message"])]
            if m:
                old_r = m.pop(0)
                by_key[key(old_r)].remove(old_r)
                r["verdict"], r["reason"] = old_r["verdict"], old_r["reason"]
            new.append(r)
        gone = [r for v in by_key.values() for r in v]
        save(new)
        by = collections.Counter(r["verdict"] for r in gone)
        print(f"{VERDICTS.relative_to(ROOT)}: {len(new)} findings, "
              f"{sum(r['verdict'] == '?' for r in new)} to review, {len(gone)} gone "
              f"({by['true']} true, {by['false']} false)")
        # A true finding that vanished is a defect no longer found: show each one.
        for r in sorted(gone, key=lambda r: (r["document"], int(r["line"]))):
            if r["verdict"] == "true":
                print(f"  lost: {r['document']}:{r['line']} {r['code']} {r['reason']}")
        return 0
    per = collections.defaultdict(collections.Counter)
    for r in old:
        per[r["code"]][r["verdict"]] += 1
    tot = collections.Counter()
    print("| rule | findings | true | false | unreviewed | precision |\n|---|---:|---:|---:|---:|---:|")
    for code in sorted(per):
        c = per[code]
        tot.update(c)
        n = c["true"] + c["false"]
        print(f"| {code} | {sum(c.values())} | {c['true']} | {c['false']} | {c['?']} | "
              f"{100 * c['true'] / n:.1f} % |" if n else f"| {code} | {sum(c.values())} | 0 | 0 | {c['?']} | — |")
    n = tot["true"] + tot["false"]
    print(f"| all | {sum(tot.values())} | {tot['true']} | {tot['false']} | {tot['?']} | "
          + (f"{100 * tot['true'] / n:.2f} % |" if n else "— |"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
