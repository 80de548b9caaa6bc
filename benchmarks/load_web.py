"""Load on the web service over loopback: concurrent uploads, then report fetches.

Starts `auditor serve` (waitress, SQLite) in a fresh instance folder on a free
port, creates a reviewer and an API token with the command line, then:

1. posts `--uploads` audits at once through the REST API (each a copy of the
   bundled disclosure fixture), and waits until every job is done or failed;
2. fetches `--fetches` reports (JSON, HTML, Markdown in turn) with `--clients`
   concurrent clients.

Prints the latency of each phase (p50, p95, max), the status codes, and whether
every job completed; exits 1 on any 5xx, failed job or timeout.

    .venv/bin/python benchmarks/load_web.py [--uploads 20] [--fetches 200] [--clients 20]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import requests  # installed with tldextract, which the auditor depends on

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "transcripts" / "disclosure.jsonl"
EMAIL = "load@example.com"
PASSWORD = "a long enough load-test password"
FORMATS = ("json", "html", "md")


@dataclass(frozen=True)
class Phase:
    """Latencies (seconds) and status codes of one phase."""

    name: str
    latencies: tuple[float, ...]
    statuses: Counter[int]

    def line(self) -> str:
        """The phase as one printed line."""
        ordered = sorted(self.latencies)
        p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
        codes = ", ".join(f"{code}: {count}" for code, count in sorted(self.statuses.items()))
        return (f"{self.name:<14} {len(ordered):>4} requests  p50 "
                f"{statistics.median(ordered) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  "
                f"max {ordered[-1] * 1000:7.1f} ms  statuses {{{codes}}}")

    @property
    def server_errors(self) -> int:
        """How many answers were 5xx."""
        return sum(count for code, count in self.statuses.items() if code >= 500)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _auditor(*args: str, instance: Path) -> str:
    env = {**os.environ, "AUDITOR_NEW_PASSWORD": PASSWORD}
    done = subprocess.run([sys.executable, "-m", "auditor", *args, "--instance", str(instance)],
                          capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


def _timed(call: Callable[[], requests.Response]) -> tuple[float, requests.Response]:
    started = time.perf_counter()
    response = call()
    return time.perf_counter() - started, response


def _phase(name: str, calls: list[Callable[[], requests.Response]],
           clients: int) -> tuple[Phase, list[requests.Response]]:
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(lambda call: _timed(call), calls))
    return (Phase(name, tuple(t for t, _ in results),
                  Counter(r.status_code for _, r in results)), [r for _, r in results])


def run(uploads: int, fetches: int, clients: int, timeout: float) -> int:
    """Run the load and print the figures; the exit code says whether it held."""
    with tempfile.TemporaryDirectory() as folder:
        instance = Path(folder) / "instance"
        _auditor("users", "create", EMAIL, "--role", "reviewer", instance=instance)
        token = _auditor("tokens", "create", EMAIL, "--name", "load", instance=instance)
        port = _free_port()
        base = f"http://127.0.0.1:{port}/api/v1"
        log = (Path(folder) / "serve.log").open("w")
        server = subprocess.Popen([sys.executable, "-m", "auditor", "serve", "--port", str(port),
                                   "--threads", str(max(8, clients)), "--instance",
                                   str(instance)], stdout=log, stderr=subprocess.STDOUT)
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        try:
            _wait_for(f"http://127.0.0.1:{port}/login", server)
            payload = FIXTURE.read_bytes()
            posts = [lambda: session.post(f"{base}/audits", files={
                "transcripts": ("chats.jsonl", payload, "application/x-ndjson")}, timeout=60)
                for _ in range(uploads)]
            upload_phase, answers = _phase("upload", posts, clients)
            ids = [r.json()["id"] for r in answers if r.status_code == 202]
            started = time.perf_counter()
            states = _wait_done(session, base, ids, timeout)
            jobs_seconds = time.perf_counter() - started
            done = [i for i, state in states.items() if state == "done"]
            gets = [lambda i=i, fmt=fmt: session.get(f"{base}/audits/{i}/report.{fmt}",
                                                    timeout=60)
                    for i, fmt in ((done[n % len(done)], FORMATS[n % len(FORMATS)])
                                   for n in range(fetches if done else 0))]
            fetch_phase, _ = _phase("report fetch", gets, clients)
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
    print(f"{uploads} concurrent uploads, {fetches} report fetches by {clients} clients, "
          "auditor serve (waitress, SQLite) on loopback")
    print(upload_phase.line())
    if fetch_phase.latencies:
        print(fetch_phase.line())
    counts = Counter(states.values())
    print(f"jobs: {dict(sorted(counts.items()))} of {uploads}; all finished in "
          f"{jobs_seconds:.1f} s after the last upload was accepted")
    held = (len(ids) == uploads and counts.get("done", 0) == uploads
            and not upload_phase.server_errors and not fetch_phase.server_errors
            and len(fetch_phase.latencies) == fetches)
    print("result: " + ("every job completed, no 5xx" if held else "FAILED"))
    return 0 if held else 1


def _wait_for(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("auditor serve stopped; see its log")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            time.sleep(0.3)
    raise SystemExit("auditor serve did not answer within 90 s")


def _wait_done(session: requests.Session, base: str, ids: list[int],
               timeout: float) -> dict[int, str]:
    states = {i: "queued" for i in ids}
    deadline = time.monotonic() + timeout
    while any(s in ("queued", "running") for s in states.values()):
        if time.monotonic() > deadline:
            break
        for audit_id in [i for i, s in states.items() if s in ("queued", "running")]:
            states[audit_id] = session.get(f"{base}/audits/{audit_id}", timeout=30).json()[
                "status"]
        time.sleep(0.5)
    return states


def main(argv: list[str] | None = None) -> int:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=20)
    parser.add_argument("--fetches", type=int, default=200)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=600, help="seconds for all jobs")
    options = parser.parse_args(argv)
    return run(options.uploads, options.fetches, options.clients, options.timeout)


if __name__ == "__main__":
    sys.exit(main())
