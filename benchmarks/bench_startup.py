"""Start-up time of the command line: each command run several times as a new process,
the median printed beside its target; exits 1 when a target is missed.

    python benchmarks/bench_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# (arguments, target in seconds): what a CI job or a pre-commit hook pays each time.
COMMANDS: tuple[tuple[tuple[str, ...], float], ...] = (
    (("--help",), 0.5),
    (("checks",), 1.5),
    (("explain", "DISC003"), 1.5),
    (("scan", "no-such-file.jsonl"), 1.5),
)


def _seconds(arguments: tuple[str, ...], folder: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "auditor", *arguments], cwd=folder,
                   capture_output=True, check=False)
    return time.perf_counter() - started


def main() -> int:
    """Time each command; 0 when every median is within its target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    missed = 0
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'command':<32} {'median':>8} {'min':>8} {'target':>8}")
        for arguments, target in COMMANDS:
            _seconds(arguments, Path(folder))  # warm the file cache
            times = [_seconds(arguments, Path(folder)) for _ in range(args.runs)]
            median = statistics.median(times)
            verdict = "ok" if median <= target else "MISSED"
            missed += median > target
            print(f"{'auditor ' + ' '.join(arguments):<32} {median:>7.2f}s {min(times):>7.2f}s "
                  f"{target:>7.1f}s  {verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
