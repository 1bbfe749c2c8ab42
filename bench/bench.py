#!/usr/bin/env python3
"""Weathervane against Hugo on the same generated corpus, same machine, same run.

    python3 bench/bench.py [--sizes 1000,10000] [--runs N] [--tools DIR] [--out DIR] [--endoflife DIR]

For each corpus size: generates the corpus with the shared generator (seed 1), makes
the Hugo site over it, then measures, alternating the tools run by run:

  full      vane build from scratch   vs   hugo from scratch (fresh output folder)
  nochange  vane build again, nothing changed
  body      vane build after one event's body changed
  added     vane build after one event added; again beside a report whose vane blocks
            query the graph (query, sql)
  name      vane build after one entity's name changed (many pages change)
  serve     vane serve: from saving an edited body to the edit being served; the same
            for an event's title edited (front matter) and for an event added
  query     vane query events --entity X --format json (whole process)
  status    vane status --format json (whole process)
  watched   query and status again while vane serve watches the knowledge base (it
            vouches that nothing changed, so a read does not walk Content/)

At 1,000 events it also gives the corpus a git history of 1,000 commits and measures
what recorded time adds to a full build and to a no-change build (the same files
without the repository are the baseline).

With --endoflife DIR (the products/ folder of an endoflife.date clone) it also imports
it into an empty knowledge base (fresh, then again with nothing changed) and builds the
result, with the counts the import prints.

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
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VANE = os.path.join(ROOT, ".build", "release", "vane")
AS_OF = ["--as-of", "2026-11-26"]


def run(cmd, cwd=None, quiet=True):
    """Wall time of one whole process, and its peak resident memory in KiB. Its standard
    output goes to a file, as hyperfine sends it away: a pipe would time this script
    reading and decoding it (16 MB from `vane status` at 50,000 events) with the process."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, cwd=cwd, stdout=out, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - start
        out.seek(0)
        stdout = out.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    peak = int(proc.stderr.strip().splitlines()[-1])
    return elapsed, peak, stdout


def summary(samples):
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "runs": len(samples)}


BLOCKS_REPORT = """---
title: Benchmark blocks
date: 2026-11
summary: Blocks that query the graph.
---
```vane
query events --entity ENTITY
```

```vane
sql "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY type"
```
"""


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
    subprocess.run([sys.executable, os.path.join(tools, "hugo_site.py"), kb, site], check=True, capture_output=True)
    files = sum(len(f) for _, _, f in os.walk(os.path.join(kb, "Content")))
    figures = {"events": n, "files": files}

    def vane_clean():
        for folder in ("public", ".public.spare"):
            shutil.rmtree(os.path.join(kb, folder), ignore_errors=True)
        for f in ("vane.sqlite", "vane.sqlite-wal", "vane.sqlite-shm"):
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

    vane_clean()
    verbose = subprocess.run([VANE, "build", "--verbose"] + AS_OF, cwd=kb, capture_output=True, text=True).stderr
    figures["phases"] = next((l[len("time: "):] for l in verbose.splitlines() if l.startswith("time: ")), "")

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
    figures["body_work"] = next((l[len("work: "):] for l in verbose.splitlines() if l.startswith("work: ")), "")
    figures["body_phases"] = next((l[len("time: "):] for l in verbose.splitlines() if l.startswith("time: ")), "")

    # One event added (then removed again, so that the corpus stays the generator's).
    with open(event, encoding="utf-8") as f:
        template = f.read()

    def add_event(name):
        """An event beside `event`, a copy of it under another title; its path."""
        path = os.path.join(os.path.dirname(event), f"{name}.md")
        with open(path, "w", encoding="utf-8") as f:
            f.write(re.sub(r"^title: (.*)$", f"title: {name}", template, count=1, flags=re.M))
        return path

    def timed_added_builds(prefix):
        """Builds after each of `runs` events added, then the events' paths."""
        paths, times = [], []
        for i in range(runs):
            paths.append(add_event(f"{prefix}-{i}"))
            times.append(run([VANE, "build"] + AS_OF, cwd=kb)[0])
        return times, paths

    added_times, added = timed_added_builds("bench-added")
    figures["added"] = summary(added_times)
    added.append(add_event(f"bench-added-{runs}"))
    verbose = subprocess.run([VANE, "build", "--verbose"] + AS_OF, cwd=kb, capture_output=True, text=True).stderr
    figures["added_work"] = next((l[len("work: "):] for l in verbose.splitlines() if l.startswith("work: ")), "")
    for path in added:
        os.remove(path)
    run([VANE, "build"] + AS_OF, cwd=kb)

    # The same beside a report whose `vane` blocks query the graph (`query`, `sql`): they
    # read the graph the build writes (and a copy of the tables the SQL reads), not a copy
    # of the whole graph. The report and the events go again afterwards.
    report = os.path.join(kb, "Content", "reports", "bench-blocks.md")
    made_reports = not os.path.isdir(os.path.dirname(report))
    os.makedirs(os.path.dirname(report), exist_ok=True)
    with open(report, "w", encoding="utf-8") as f:
        f.write(BLOCKS_REPORT.replace("ENTITY", os.path.basename(entity)[:-3]))
    run([VANE, "build"] + AS_OF, cwd=kb)
    blocks_times, added = timed_added_builds("bench-blocks")
    figures["added_blocks"] = summary(blocks_times)
    # The preview beside them: the `query` block reads the graph it keeps, the `sql` block
    # a copy of the events made at each load.
    served = serve_latency(kb, event, runs)
    figures["serve_blocks"], figures["serve_blocks_title"], figures["serve_blocks_added"] = (
        summary(served[k]) for k in ("body", "title", "added"))
    for path in added + [report]:
        os.remove(path)
    if made_reports:
        os.rmdir(os.path.dirname(report))
    run([VANE, "build"] + AS_OF, cwd=kb)

    name_times = []
    for i in range(runs):
        text = open(entity, encoding="utf-8").read()
        text = re.sub(r"^name: (.*)$", lambda m: f"name: {m.group(1).rstrip(chr(34))} {i}\"" if m.group(1).endswith('"') else f"name: {m.group(1)} {i}", text, count=1, flags=re.M)
        open(entity, "w", encoding="utf-8").write(text)
        t, _, _ = run([VANE, "build"] + AS_OF, cwd=kb)
        name_times.append(t)
    figures["name"] = summary(name_times)
    verbose = subprocess.run([VANE, "build", "--verbose"] + AS_OF, cwd=kb, capture_output=True, text=True).stderr

    served = serve_latency(kb, event, runs)
    figures["serve"], figures["serve_title"], figures["serve_added"] = (summary(served[k]) for k in ("body", "title", "added"))

    vendor = os.path.basename(first_file(os.path.join(kb, "Content", "entities")))[:-3]
    if n == 1000:
        figures["history"] = bench_history(kb, runs, work)
    # `vane serve` built the database at today's date: build it again at the day the reads
    # ask for, as a user reads after their own build, so that `status` finds the board the
    # build stored for that day rather than computing another day's.
    run([VANE, "build"] + AS_OF, cwd=kb)
    figures["query"] = summary([run([VANE, "query", "events", "--entity", vendor, "--format", "json"], cwd=kb)[0] for _ in range(max(runs, 5))])
    figures["status"] = summary([run([VANE, "status", "--format", "json"] + AS_OF, cwd=kb)[0] for _ in range(max(runs, 5))])
    figures["query_watched"], figures["status_watched"] = reads_while_serving(kb, vendor, max(runs, 5))
    return figures


def reads_while_serving(kb, vendor, runs):
    """query and status (whole processes) while `vane serve` watches the knowledge base.
    The server builds at today's date, so status is asked for today too."""
    port = free_port()
    server = subprocess.Popen([VANE, "serve", "--port", str(port)], cwd=kb, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 600
        while "</html>" not in fetch(f"http://127.0.0.1:{port}/") or not os.path.exists(os.path.join(kb, ".vane-serve")):
            if time.time() > deadline or server.poll() is not None:
                sys.exit("vane serve did not start")
            time.sleep(0.05)
        time.sleep(1)
        reads = {}
        for name, command in [("query", ["query", "events", "--entity", vendor, "--format", "json"]), ("status", ["status", "--format", "json"])]:
            times = []
            for _ in range(runs):
                # As `run` times a process (under /usr/bin/time, its output to a file), keeping its standard error.
                with tempfile.TemporaryFile() as out:
                    start = time.perf_counter()
                    proc = subprocess.run(["/usr/bin/time", "-f", "%M", VANE] + command, cwd=kb, stdout=out, stderr=subprocess.PIPE, text=True)
                    times.append(time.perf_counter() - start)
                if proc.returncode != 0 or "changed since" in proc.stderr:
                    sys.exit(f"vane {name} failed or saw a stale graph while vane serve watched: {proc.stderr[-2000:]}")
            reads[name] = summary(times)
        return reads["query"], reads["status"]
    finally:
        server.terminate()
        server.wait()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return ""


def serve_latency(kb, event, runs):
    """Seconds from saving an edit to `vane serve` serving it, by kind of edit: an event's
    body, its title (front matter), an event added beside it."""
    port = free_port()
    server = subprocess.Popen([VANE, "serve", "--port", str(port)], cwd=kb, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page = f"http://127.0.0.1:{port}/events/{os.path.basename(event)[:-3]}.html"
    samples = {"body": [], "title": [], "added": []}

    def served(kind, url, marker, saved):
        while marker not in fetch(url):
            if time.perf_counter() - saved > 300:
                sys.exit(f"vane serve did not show the edit ({kind}) within 300 s")
            time.sleep(0.01)
        samples[kind].append(time.perf_counter() - saved)
        # The background build of the output and the database, started once edits pause,
        # is not what the next edit waits for.
        time.sleep(1)

    original = open(event, encoding="utf-8").read()
    try:
        deadline = time.time() + 600
        while "</html>" not in fetch(page):
            if time.time() > deadline or server.poll() is not None:
                sys.exit("vane serve did not start")
            time.sleep(0.05)
        for i in range(runs):
            marker = f"serve-edit-{i}-{time.time_ns()}"
            with open(event, "a", encoding="utf-8") as f:
                f.write(f"\n{marker}\n")
            served("body", page, marker, time.perf_counter())
            marker = f"Serve title {i} {time.time_ns()}"
            text = re.sub(r"^title: .*$", f"title: {marker}", open(event, encoding="utf-8").read(), count=1, flags=re.M)
            with open(event, "w", encoding="utf-8") as f:
                f.write(text)
            served("title", page, marker, time.perf_counter())
            marker = f"serve-added-{i}-{time.time_ns()}"
            added = os.path.join(os.path.dirname(event), marker + ".md")
            with open(added, "w", encoding="utf-8") as f:
                f.write(re.sub(r"^title: .*$", f"title: {marker}", original, count=1, flags=re.M))
            served("added", f"http://127.0.0.1:{port}/events/{marker}.html", marker, time.perf_counter())
    finally:
        server.terminate()
        server.wait()
        with open(event, "w", encoding="utf-8") as f:
            f.write(original)
        for name in os.listdir(os.path.dirname(event)):
            if name.startswith("serve-added-"):
                os.remove(os.path.join(os.path.dirname(event), name))
    return samples


def bench_history(kb, runs, out, commits=1000):
    """Full and no-change builds of the corpus with a git history of `commits` commits,
    against the same files outside any repository."""
    plain, repo = os.path.join(out, "history-plain"), os.path.join(out, "history-git")
    for folder in (plain, repo):
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(os.path.join(kb, "Content"), os.path.join(folder, "Content"))
    env = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.org", GIT_COMMITTER_NAME="Bench",
               GIT_COMMITTER_EMAIL="bench@example.org")
    git = lambda *args, day=0: subprocess.run(["git", "-C", repo] + list(args), check=True, capture_output=True,
                                              env=dict(env, GIT_AUTHOR_DATE=f"{1700000000 + day * 3600} +0000", GIT_COMMITTER_DATE=f"{1700000000 + day * 3600} +0000"))
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "The corpus", day=0)
    events = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(repo, "Content", "events")) for f in fs if f.endswith(".md"))
    for i in range(1, commits):
        with open(events[(i * 7919) % len(events)], "a", encoding="utf-8") as f:
            f.write(f"\nRevision {i}.\n")
        git("commit", "-q", "-a", "-m", f"Revision {i}", day=i)
    def clean(folder):
        for site in ("public", ".public.spare"):
            shutil.rmtree(os.path.join(folder, site), ignore_errors=True)
        for f in ("vane.sqlite", "vane.sqlite-wal", "vane.sqlite-shm"):
            if os.path.exists(os.path.join(folder, f)):
                os.remove(os.path.join(folder, f))
    full_git, full_plain, none_git, none_plain = [], [], [], []
    for _ in range(runs):
        for folder, samples in ((repo, full_git), (plain, full_plain)):
            clean(folder)
            samples.append(run([VANE, "build"] + AS_OF, cwd=folder)[0])
    for _ in range(max(runs, 5)):
        none_git.append(run([VANE, "build"] + AS_OF, cwd=repo)[0])
        none_plain.append(run([VANE, "build"] + AS_OF, cwd=plain)[0])
    clean(repo)
    verbose = subprocess.run([VANE, "build", "--verbose"] + AS_OF, cwd=repo, capture_output=True, text=True).stderr
    phase = re.search(r"history (\d+\.\d+)s", verbose)
    return {"commits": commits, "full_git": summary(full_git), "full_plain": summary(full_plain), "nochange_git": summary(none_git),
            "nochange_plain": summary(none_plain), "history_phase": float(phase.group(1)) if phase else None}


def bench_endoflife(products, runs, out):
    kb = os.path.join(out, "endoflife-kb")
    fresh, again, builds = [], [], []
    counts = ""
    for _ in range(runs):
        shutil.rmtree(kb, ignore_errors=True)
        os.makedirs(kb)
        t, _, _ = run([VANE, "import", "endoflife", products], cwd=kb)
        fresh.append(t)
        start = time.perf_counter()
        proc = subprocess.run([VANE, "import", "endoflife", products], cwd=kb, capture_output=True, text=True)
        again.append(time.perf_counter() - start)
        counts = proc.stderr.strip().splitlines()[-1]
        t, _, _ = run([VANE, "build"], cwd=kb)
        builds.append(t)
    pages = sum(1 for _, _, fs in os.walk(os.path.join(kb, "public")) for f in fs if f.endswith(".html"))
    return {"import": summary(fresh), "import_again": summary(again), "build": summary(builds), "counts": counts, "pages": pages}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--tools", default=os.path.join(ROOT, "..", "shared", "bench"), help="folder with gen_corpus.py and hugo_site.py")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench-out"))
    ap.add_argument("--endoflife", help="the products/ folder of an endoflife.date clone: adds the import")
    args = ap.parse_args()
    for tool in ("gen_corpus.py", "hugo_site.py"):
        if not os.path.exists(os.path.join(args.tools, tool)):
            sys.exit(f"{tool} not found in {args.tools} (pass --tools or BENCH_TOOLS=DIR)")
    if not os.access(VANE, os.X_OK):
        sys.exit("build vane first: make build")
    os.makedirs(args.out, exist_ok=True)
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    results = {
        "date": datetime.date.today().isoformat(), "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "hugo": hugo_version, "runs": args.runs, "sizes": {},
    }
    for n in [int(s) for s in args.sizes.split(",")]:
        print(f"… {n} events", file=sys.stderr, flush=True)
        results["sizes"][str(n)] = bench_size(n, args.runs, args.tools, args.out)
    if args.endoflife:
        print("… endoflife.date", file=sys.stderr, flush=True)
        results["endoflife"] = bench_endoflife(os.path.abspath(args.endoflife), min(args.runs, 3), args.out)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    print_table(results)


def fmt(s):
    return f"{s['median']:.2f} s ({s['min']:.2f}–{s['max']:.2f})"


def target(value, limit, unit=""):
    return f"≤ {limit}{unit}: {'met' if value <= limit else 'not met'}"


def print_table(results):
    print(f"Weathervane vs Hugo, {results['date']}, {results['machine']}; {results['hugo']}")
    print(f"median of {results['runs']} runs (min–max), whole processes, same machine and run\n")
    print("| events | measure | vane | hugo | vane / hugo | target |")
    print("|---|---|---|---|---|---|")
    for n, f in results["sizes"].items():
        ratio = f["full_vane"]["median"] / f["full_hugo"]["median"]
        memory = f["peak_vane_kib"] / f["peak_hugo_kib"]
        rows = [
            ("full build", fmt(f["full_vane"]), fmt(f["full_hugo"]), f"{ratio:.2f}", target(ratio, 0.5, " × Hugo")),
            ("peak memory, full build", f"{f['peak_vane_kib'] / 1024:.0f} MiB", f"{f['peak_hugo_kib'] / 1024:.0f} MiB", f"{memory:.2f}",
             "below Hugo: " + ("met" if memory < 1 else "not met")),
            ("HTML pages", str(f["pages_vane"]), str(f["pages_hugo"]), "", ""),
            ("rebuild, nothing changed", fmt(f["nochange"]), "", "", target(f["nochange"]["median"], 0.1, " s") if n == "10000" else ""),
            (f"rebuild, one event body edited ({f['body_pages_rendered']} page rendered)", fmt(f["body"]), "", "",
             target(f["body"]["median"], 0.2, " s") if n == "10000" else ""),
            ("rebuild, one event added", fmt(f["added"]), "", "", target(f["added"]["median"], 0.3, " s") if n == "10000" else ""),
            ("rebuild, one event added beside a report's query and sql blocks", fmt(f["added_blocks"]), "", "", ""),
            ("rebuild, one entity renamed", fmt(f["name"]), "", "", target(f["name"]["median"], 1, " s") if n == "10000" else ""),
            ("serve: an edited body served", fmt(f["serve"]), "", "", target(f["serve"]["median"], 0.1, " s") if n == "10000" else ""),
            ("serve: an edited title served", fmt(f["serve_title"]), "", "", target(f["serve_title"]["median"], 0.1, " s") if n == "10000" else ""),
            ("serve: an added event served", fmt(f["serve_added"]), "", "", target(f["serve_added"]["median"], 0.1, " s") if n == "10000" else ""),
            ("serve beside a report's query and sql blocks: an edited body served", fmt(f["serve_blocks"]), "", "", ""),
            ("serve beside a report's query and sql blocks: an edited title served", fmt(f["serve_blocks_title"]), "", "", ""),
            ("serve beside a report's query and sql blocks: an added event served", fmt(f["serve_blocks_added"]), "", "", ""),
            ("query events --entity, JSON", fmt(f["query"]), "", "", target(f["query"]["median"], 0.05, " s") if n == "50000" else ""),
            ("status, JSON", fmt(f["status"]), "", "", target(f["status"]["median"], 0.05, " s") if n == "50000" else ""),
            ("query events --entity, JSON, while vane serve watches", fmt(f["query_watched"]), "", "",
             target(f["query_watched"]["median"], 0.05, " s") if n == "50000" else ""),
            ("status, JSON, while vane serve watches", fmt(f["status_watched"]), "", "",
             target(f["status_watched"]["median"], 0.05, " s") if n == "50000" else ""),
        ]
        for row in rows:
            print(f"| {n} | " + " | ".join(row) + " |")
    for n, f in results["sizes"].items():
        print(f"\nphases of a full build at {n} events (--verbose): {f['phases']}")
        print(f"one body edited at {n} events: work: {f['body_work']}; time: {f['body_phases']}")
        print(f"one event added at {n} events: work: {f['added_work']}")
    for n, f in results["sizes"].items():
        h = f.get("history")
        if not h:
            continue
        print(f"\nrecorded time at {n} events with {h['commits']} commits (the history phase of a full build: {h['history_phase']} s):")
        print(f"| full build, in git | {fmt(h['full_git'])} | without git | {fmt(h['full_plain'])} | added | {h['full_git']['median'] - h['full_plain']['median']:+.2f} s |")
        print(f"| no-change build, in git | {fmt(h['nochange_git'])} | without git | {fmt(h['nochange_plain'])} | added | {h['nochange_git']['median'] - h['nochange_plain']['median']:+.3f} s |")
    if "endoflife" in results:
        e = results["endoflife"]
        print(f"\nendoflife.date import: {e['counts']}")
        print(f"| import into an empty knowledge base | {fmt(e['import'])} |")
        print(f"| import again, nothing changed | {fmt(e['import_again'])} |")
        print(f"| full build of the result ({e['pages']} pages) | {fmt(e['build'])} |")


if __name__ == "__main__":
    main()
