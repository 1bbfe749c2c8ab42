#!/usr/bin/env python3
"""Weathervane against Hugo on the same generated corpus, same machine, same run.

    python3 bench/bench.py [--sizes 1000,10000] [--runs N] [--tools DIR] [--out DIR]

For each corpus size: generates the corpus with the shared generator (seed 1), makes
the Hugo site over it, then measures, alternating the tools run by run:

  full      vane build from scratch   vs   hugo from scratch (fresh output folder)
  nochange  vane build again, nothing changed
  body      vane build after one event's body changed
  name      vane build after one entity's name changed (many pages change)
  query     vane query events --entity X --format json (whole process)
  status    vane status --format json (whole process)

Each figure is the median of the runs with min-max; peak memory is the maximum
resident set of a full build (/usr/bin/time). Prints a table with ratios to Hugo and
writes every figure to OUT/results.json. Figures, not tests: nothing here fails on time.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VANE = os.path.join(ROOT, ".build", "release", "vane")
AS_OF = ["--as-of", "2026-11-26"]


def run(cmd, cwd=None, quiet=True):
    """Wall time of one whole process, and its peak resident memory in KiB."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    peak = int(proc.stderr.strip().splitlines()[-1])
    return elapsed, peak, proc.stdout


def summary(samples):
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "runs": len(samples)}


def fix_aliases(content):
    """The generator can give two entities of the same name the same aliases, which the
    content format forbids; drop the later entity's clashing aliases (Hugo gets the same
    corpus, so both tools build identical input)."""
    seen, fixed = {}, 0
    folder = os.path.join(content, "entities")
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        text = open(path, encoding="utf-8").read()
        match = re.search(r"^aliases: \[(.*)\]$", text, re.M)
        if not match:
            continue
        aliases = [a.strip().strip('"').lower() for a in match.group(1).split('", "')]
        if any(a in seen for a in aliases):
            text = text.replace(match.group(0) + "\n", "")
            open(path, "w", encoding="utf-8").write(text)
            fixed += 1
        else:
            for a in aliases:
                seen[a] = name
    return fixed


def first_file(folder, suffix=".md"):
    for dirpath, _, files in sorted(os.walk(folder)):
        for f in sorted(files):
            if f.endswith(suffix):
                return os.path.join(dirpath, f)


def bench_size(n, runs, tools, out):
    work = os.path.join(out, f"corpus-{n}")
    kb, site = os.path.join(work, "kb"), os.path.join(work, "hugo-site")
    if not os.path.isdir(os.path.join(kb, "Content")):
        shutil.rmtree(work, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(tools, "gen_corpus.py"), "--events", str(n), "--out", kb], check=True, capture_output=True)
    fixed = fix_aliases(os.path.join(kb, "Content"))
    subprocess.run([sys.executable, os.path.join(tools, "hugo_site.py"), kb, site], check=True, capture_output=True)
    files = sum(len(f) for _, _, f in os.walk(os.path.join(kb, "Content")))
    figures = {"events": n, "files": files, "aliases_dropped": fixed}

    def vane_clean():
        shutil.rmtree(os.path.join(kb, "public"), ignore_errors=True)
        for f in ("vane.sqlite",):
            if os.path.exists(os.path.join(kb, f)):
                os.remove(os.path.join(kb, f))

    # Warm-up: both tools once, and the page cache.
    vane_clean(); run([VANE, "build"] + AS_OF, cwd=kb)
    shutil.rmtree(os.path.join(work, "hugo-out"), ignore_errors=True); run(["hugo", "--quiet", "-s", site, "-d", os.path.join(work, "hugo-out")])

    full_v, full_h, peak_v, peak_h = [], [], [], []
    for _ in range(runs):  # A B A B: contention hits both tools alike
        vane_clean()
        t, m, _ = run([VANE, "build"] + AS_OF, cwd=kb); full_v.append(t); peak_v.append(m)
        shutil.rmtree(os.path.join(work, "hugo-out"), ignore_errors=True)
        t, m, _ = run(["hugo", "--quiet", "-s", site, "-d", os.path.join(work, "hugo-out")]); full_h.append(t); peak_h.append(m)
    figures["full_vane"], figures["full_hugo"] = summary(full_v), summary(full_h)
    figures["peak_vane_kib"], figures["peak_hugo_kib"] = max(peak_v), max(peak_h)
    figures["pages_vane"] = sum(1 for _, _, fs in os.walk(os.path.join(kb, "public")) for f in fs if f.endswith(".html"))
    figures["pages_hugo"] = sum(1 for _, _, fs in os.walk(os.path.join(work, "hugo-out")) for f in fs if f.endswith(".html"))

    figures["nochange"] = summary([run([VANE, "build"] + AS_OF, cwd=kb)[0] for _ in range(max(runs, 5))])

    event = first_file(os.path.join(kb, "Content", "events"))
    entity = first_file(os.path.join(kb, "Content", "entities"))
    body, rendered = [], []
    for i in range(runs):
        with open(event, "a", encoding="utf-8") as f:
            f.write(f"\nBenchmark edit {i}.\n")
        t, _, _ = run([VANE, "build", "--verbose"] + AS_OF, cwd=kb)
        body.append(t)
    figures["body"] = summary(body)
    out_text = subprocess.run([VANE, "build", "--verbose"] + AS_OF, cwd=kb, capture_output=True, text=True).stderr
    with open(event, "a", encoding="utf-8") as f:
        f.write("\nOne more edit.\n")
    verbose = subprocess.run([VANE, "build", "--verbose"] + AS_OF, cwd=kb, capture_output=True, text=True).stderr
    match = re.search(r"rendered (\d+) of (\d+) pages", verbose)
    figures["body_pages_rendered"] = int(match.group(1)) if match else None

    name_times = []
    for i in range(runs):
        text = open(entity, encoding="utf-8").read()
        text = re.sub(r"^name: (.*)$", lambda m: f"name: {m.group(1).rstrip(chr(34))} {i}\"" if m.group(1).endswith('"') else f"name: {m.group(1)} {i}", text, count=1, flags=re.M)
        open(entity, "w", encoding="utf-8").write(text)
        t, _, _ = run([VANE, "build"] + AS_OF, cwd=kb)
        name_times.append(t)
    figures["name"] = summary(name_times)
    verbose = subprocess.run([VANE, "build", "--verbose"] + AS_OF, cwd=kb, capture_output=True, text=True).stderr

    vendor = os.path.basename(first_file(os.path.join(kb, "Content", "entities")))[:-3]
    figures["query"] = summary([run([VANE, "query", "events", "--entity", vendor, "--format", "json"], cwd=kb)[0] for _ in range(max(runs, 5))])
    figures["status"] = summary([run([VANE, "status", "--format", "json"] + AS_OF, cwd=kb)[0] for _ in range(max(runs, 5))])
    return figures


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--tools", default=os.path.join(ROOT, "..", "shared", "bench"), help="folder with gen_corpus.py and hugo_site.py")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench-out"))
    args = ap.parse_args()
    for tool in ("gen_corpus.py", "hugo_site.py"):
        if not os.path.exists(os.path.join(args.tools, tool)):
            sys.exit(f"{tool} not found in {args.tools} (pass --tools or BENCH_TOOLS=DIR)")
    if not os.access(VANE, os.X_OK):
        sys.exit("build vane first: swift build -c release")
    os.makedirs(args.out, exist_ok=True)
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    results = {
        "date": datetime.date.today().isoformat(), "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "hugo": hugo_version, "runs": args.runs, "sizes": {},
    }
    for n in [int(s) for s in args.sizes.split(",")]:
        print(f"… {n} events", file=sys.stderr, flush=True)
        results["sizes"][str(n)] = bench_size(n, args.runs, args.tools, args.out)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    print_table(results)


def fmt(s):
    return f"{s['median']:.2f} s ({s['min']:.2f}–{s['max']:.2f})"


def print_table(results):
    print(f"Weathervane vs Hugo, {results['date']}, {results['machine']}; {results['hugo']}")
    print(f"median of {results['runs']} runs (min–max), whole processes, same machine and run\n")
    print("| events | measure | vane | hugo | vane / hugo |")
    print("|---|---|---|---|---|")
    for n, f in results["sizes"].items():
        ratio = f["full_vane"]["median"] / f["full_hugo"]["median"]
        print(f"| {n} | full build | {fmt(f['full_vane'])} | {fmt(f['full_hugo'])} | {ratio:.2f} |")
        print(f"| {n} | peak memory, full build | {f['peak_vane_kib'] / 1024:.0f} MiB | {f['peak_hugo_kib'] / 1024:.0f} MiB | {f['peak_vane_kib'] / f['peak_hugo_kib']:.2f} |")
        print(f"| {n} | HTML pages | {f['pages_vane']} | {f['pages_hugo']} | |")
        print(f"| {n} | rebuild, nothing changed | {fmt(f['nochange'])} | | |")
        print(f"| {n} | rebuild, one event body edited ({f['body_pages_rendered']} page rendered) | {fmt(f['body'])} | | |")
        print(f"| {n} | rebuild, one entity renamed | {fmt(f['name'])} | | |")
        print(f"| {n} | query events --entity, JSON | {fmt(f['query'])} | | |")
        print(f"| {n} | status, JSON | {fmt(f['status'])} | | |")


if __name__ == "__main__":
    main()
