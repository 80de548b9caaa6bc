"""Peak memory of a whole audit as the input grows, measured from outside.

For each size, the seeded synthetic support corpus of `bench_pii.py` (`pii_corpus.py`)
is written with about that many conversations, and `auditor scan CORPUS --format json`
runs in a child process with every built-in check (or `--select`). While it runs, the
memory of the child and of every process it forked (the PII engine's workers) is read
from /proc ten times a second; the table shows the wall time, the peak of the sum over
that process tree, the peak of the main process alone, and the size of `report.json`.

The tree's memory is the sum of each process's proportional set size (PSS,
/proc/PID/smaps_rollup): a page that forked workers share with the main process counts
once, split between them. The sum of resident sizes (RSS), which counts such a page in
every process, is shown beside it.

The target (issue: memory stays flat as the input grows) compares the largest size
with the smallest: its tree peak (PSS) may be at most 1.5 times the smallest's. Exits 1 when it is
missed. Linux only (it reads /proc). Not part of the test suite.

    .venv/bin/python benchmarks/bench_memory.py --sizes 20000,200000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pii_corpus import TURNS_PER_CONVERSATION, write_corpus

TARGET_RATIO = 1.5
DEFAULT_SIZES = (20_000, 200_000)
DEFAULT_SEED = 7
MB = 1024 * 1024


def main(argv: Sequence[str] | None = None) -> int:
    """Measure every size, print the table and the target; return the exit code."""
    args = _parser().parse_args(argv)
    if not Path("/proc/self/status").exists():
        print("bench_memory: needs Linux's /proc to read the memory of a process tree",
              file=sys.stderr)
        return 2
    rows: list[dict[str, Any]] = []
    print(f"{'conversations':>13} {'turns':>9} {'seconds':>8} {'tree PSS MB':>12} "
          f"{'tree RSS MB':>12} {'main RSS MB':>12} {'report.json MB':>15}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as folder:
        for size in args.sizes:
            corpus = Path(folder) / f"corpus-{size}.jsonl"
            stats = write_corpus(corpus, round(size * TURNS_PER_CONVERSATION), args.seed)
            row = {"conversations": stats.conversations, "turns": stats.messages,
                   **_measure(corpus, Path(folder) / f"out-{size}", args.select)}
            rows.append(row)
            corpus.unlink()
            print(f"{row['conversations']:>13,} {row['turns']:>9,} {row['seconds']:>8.1f} "
                  f"{row['peak_tree_pss_mb']:>12.0f} {row['peak_tree_rss_mb']:>12.0f} "
                  f"{row['peak_main_mb']:>12.0f} {row['report_mb']:>15.1f}", flush=True)
    ratio = rows[-1]["peak_tree_pss_mb"] / rows[0]["peak_tree_pss_mb"]
    growth = rows[-1]["conversations"] / rows[0]["conversations"]
    passed = ratio <= TARGET_RATIO
    print(f"{growth:.0f}x the conversations: {ratio:.2f}x the peak of the tree's PSS "
          f"(target at most {TARGET_RATIO:g}x): {'met' if passed else 'missed'}")
    if args.out:
        args.out.write_text(json.dumps({"rows": rows, "ratio": ratio, "passed": passed},
                                       indent=2) + "\n", encoding="utf-8")
    return 0 if passed else 1


def _measure(corpus: Path, out: Path, select: str | None) -> dict[str, float]:
    """Run the audit in a child, sampling its process tree's memory until it ends."""
    command = [str(Path(sys.executable).with_name("auditor")), "scan", str(corpus),
               "--format", "json", "--out", str(out), "--quiet", "--exit-zero"]
    if select:
        command += ["--select", select]
    started = time.perf_counter()
    child = subprocess.Popen(command)
    peaks = {"pss": 0, "rss": 0, "main": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pids = _tree(child.pid)
            sizes = {pid: _memory(pid) for pid in pids}
            peaks["pss"] = max(peaks["pss"], sum(pss for pss, _ in sizes.values()))
            peaks["rss"] = max(peaks["rss"], sum(rss for _, rss in sizes.values()))
            peaks["main"] = max(peaks["main"], sizes.get(child.pid, (0, 0))[1])
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = child.wait()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if code not in (0, 1):
        raise SystemExit(f"bench_memory: the audit exited with {code}")
    return {"seconds": seconds, "peak_tree_pss_mb": peaks["pss"] / MB,
            "peak_tree_rss_mb": peaks["rss"] / MB,
            "peak_main_mb": peaks["main"] / MB,
            "report_mb": (out / "report.json").stat().st_size / MB}


def _tree(root: int) -> list[int]:
    """`root` and every process below it, from /proc's children lists."""
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                pending.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:  # the process ended while we looked
            continue
    return found


def _memory(pid: int) -> tuple[int, int]:
    """The proportional and the resident set size of one process in bytes (0 once it
    has ended)."""
    sizes = {"Pss:": 0, "Rss:": 0}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, *rest = line.split()
            if name in sizes:
                sizes[name] = int(rest[0]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return sizes["Pss:"], sizes["Rss:"]


def _sizes(value: str) -> tuple[int, ...]:
    """Two or more comma-separated conversation counts, smallest first."""
    try:
        sizes = tuple(sorted(int(part) for part in value.split(",") if part.strip()))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {value!r}") from None
    if len(sizes) < 2 or sizes[0] <= 0:
        raise argparse.ArgumentTypeError("give two or more positive conversation counts")
    return sizes


def _parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(
        description="Peak memory of `auditor scan` (with its worker processes) as the input "
                    f"grows; exits 1 when the largest size peaks above {TARGET_RATIO:g}x "
                    "the smallest.")
    parser.add_argument("--sizes", type=_sizes, default=DEFAULT_SIZES,
                        help="conversation counts, comma-separated (default: "
                             f"{','.join(map(str, DEFAULT_SIZES))})")
    parser.add_argument("--select", help="the checks to run (default: every built-in check)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"corpus seed (default: {DEFAULT_SEED})")
    parser.add_argument("--out", type=Path, help="write every figure to this JSON file")
    return parser


if __name__ == "__main__":
    sys.exit(main())
