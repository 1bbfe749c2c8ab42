#!/usr/bin/env python3
"""Serve a published Weathervane database with Datasette and run its canned queries.

Usage: check_datasette.py PUBLIC_DIR

PUBLIC_DIR holds vane.sqlite and metadata.yml, as `vane build --publish-db` writes them.
Datasette must be importable by the Python running this script (sys.executable). The
script starts `python -m datasette` on a free loopback port, waits until it answers,
requests every canned query as JSON (/vane/QUERY.json?_shape=array) and prints one line
per query: its name, a space, and its rows as a JSON array. It exits non-zero on any
failure and always stops the server.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

DATABASE = "vane"
QUERIES = ["stranded", "announced_ends", "broken_commitments", "uses_ending_soon"]
START_TIMEOUT = 60.0  # seconds for Datasette to answer
REQUEST_TIMEOUT = 30.0


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:
        return response.status, response.read()


def wait_until_up(base, server, log):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"datasette exited with status {server.returncode}:\n{read_log(log)}")
        try:
            status, _ = get(base + "/-/versions.json")
            if status == 200:
                return
        except (urllib.error.URLError, ConnectionError, socket.timeout):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"datasette did not answer within {START_TIMEOUT:.0f} s:\n{read_log(log)}")


def read_log(log):
    log.flush()
    log.seek(0)
    return log.read().decode("utf-8", "replace")


def run_query(base, name):
    """The rows of one canned query, or an exception saying what went wrong."""
    url = f"{base}/{DATABASE}/{name}.json?_shape=array"
    try:
        status, body = get(url)
    except urllib.error.HTTPError as e:
        detail = e.read().decode("utf-8", "replace")[:500]
        raise RuntimeError(f"{name}: HTTP {e.code} from {url}: {detail}") from None
    if status != 200:
        raise RuntimeError(f"{name}: HTTP {status} from {url}")
    rows = json.loads(body)
    if not isinstance(rows, list):
        raise RuntimeError(f"{name}: expected a JSON array, got {body[:500]!r}")
    return rows


def main(argv):
    if len(argv) != 2:
        print("usage: check_datasette.py PUBLIC_DIR", file=sys.stderr)
        return 64
    public = argv[1]
    database = os.path.join(public, "vane.sqlite")
    metadata = os.path.join(public, "metadata.yml")
    for path in (database, metadata):
        if not os.path.isfile(path):
            print(f"error: {path} not found", file=sys.stderr)
            return 1

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "datasette", database, "-m", metadata, "--port", str(port), "--host", "127.0.0.1"]
    failures = 0
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            wait_until_up(base, server, log)
            # Every canned query the metadata declares must be one we check, and the reverse.
            status, body = get(f"{base}/{DATABASE}.json")
            declared = set()
            if status == 200:
                declared = {q["name"] for q in json.loads(body).get("queries", [])}
            for name in sorted(declared - set(QUERIES)):
                print(f"error: canned query {name} is not checked", file=sys.stderr)
                failures += 1
            for name in QUERIES:
                if name not in declared:
                    print(f"error: canned query {name} missing from {metadata}", file=sys.stderr)
                    failures += 1
                    continue
                try:
                    rows = run_query(base, name)
                except (RuntimeError, ValueError, urllib.error.URLError, OSError) as e:
                    print(f"error: {e}", file=sys.stderr)
                    failures += 1
                    continue
                print(name, json.dumps(rows, sort_keys=True), flush=True)
        except Exception as e:  # noqa: BLE001 - report and fail, never leave the server running
            print(f"error: {e}", file=sys.stderr)
            failures += 1
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
