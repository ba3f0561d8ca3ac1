#!/usr/bin/env python3
"""Times whole commands: wall, CPU and peak RSS per run (os.wait4), tools alternating,
median of N runs. Writes bench/out/results.md and prints it."""
import os, platform, shutil, statistics, subprocess, sys, time
from datetime import date

out = sys.argv[1]
quick = len(sys.argv) > 2 and sys.argv[2] == "--quick"
sg = "target/dist/specgate"
rumdl = f"{out}/venv/bin/rumdl"
mdl = f"{out}/node/node_modules/.bin/markdownlint-cli2"

def tools(target):
    t = {
        # The default (human) output, as a user or CI job runs it; stdout is a pipe.
        "specgate": [sg, "check", target],
        "cat": ["sh", "-c", f"cat {target}/*.md > /dev/null" if os.path.isdir(target) else f"cat {target} > /dev/null"],
    }
    if os.path.exists(rumdl):
        t["rumdl"] = [rumdl, "check", "--no-cache", target] if os.path.isdir(target) else [rumdl, "check", "--no-cache", target]
    if os.path.exists(mdl) and not (os.path.isdir(target) and target.endswith("c10k")):
        t["markdownlint-cli2"] = [mdl, f"{target}/**/*.md" if os.path.isdir(target) else target]
    return t

def run(cmd):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024

def bench(name, target, runs):
    ts = tools(target)
    res = {k: [] for k in ts}
    for k, cmd in ts.items():  # warm-up
        run(cmd)
    for _ in range(runs):
        for k, cmd in ts.items():  # alternate
            res[k].append(run(cmd))
    rows = []
    base = statistics.median(r[0] for r in res["specgate"])
    for k, rs in res.items():
        w = statistics.median(r[0] for r in rs)
        c = statistics.median(r[1] for r in rs)
        m = max(r[2] for r in rs)
        rows.append((k, w, c, m, w / base if base else 0))
    return name, rows

cases = [("one 20 KB spec", f"{out}/one.md", 15), ("1k specs, 19.6 MB", f"{out}/c1k", 5)]
if not quick:
    cases.append(("10k specs", f"{out}/c10k", 3))
lines = [f"Measured {date.today()} on {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}.",
         "Median wall and CPU (user+sys) per run, peak RSS the max over runs; tools alternate each round.", ""]
for name, target, n in cases:
    _, rows = bench(name, target, n)
    lines += [f"### {name} ({n} runs)", "", "| tool | wall (s) | CPU (s) | peak RSS (MB) | wall vs specgate |", "|---|---:|---:|---:|---:|"]
    for k, w, c, m, ratio in rows:
        lines.append(f"| {k} | {w:.4f} | {c:.3f} | {m:.1f} | {ratio:.2f}× |")
    lines.append("")
if not quick:
    # Scaling, specgate alone: corpus size, then document size (one file made of
    # concatenated generated specs). Linear work keeps "µs per KB" flat.
    lines += ["### Scaling (specgate, 3 runs each)", "", "| input | files | MB | wall (s) | µs per KB |", "|---|---:|---:|---:|---:|"]
    targets = [(f"{out}/c100", "corpus"), (f"{out}/c1k", "corpus"), (f"{out}/c10k", "corpus")]
    targets += [(f"{out}/doc_{n}.md", "document") for n in ("20k", "200k", "1m", "5m")]
    for target, kind in targets:
        if not os.path.exists(target):
            continue
        files = [os.path.join(target, f) for f in os.listdir(target)] if os.path.isdir(target) else [target]
        kb = sum(os.path.getsize(f) for f in files) / 1024
        w = statistics.median(run([sg, "check", target])[0] for _ in range(3))
        lines.append(f"| {kind} `{os.path.basename(target)}` | {len(files)} | {kb / 1024:.1f} | {w:.4f} | {w * 1e6 / kb:.1f} |")
    lines.append("")
text = "\n".join(lines)
open(f"{out}/results.md", "w").write(text + "\n")
print(text)
