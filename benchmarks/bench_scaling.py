"""Throughput of `auditor scan --workers N` as N grows, and a projection for a cluster.

The seeded synthetic corpus of `bench_pii.py` (`pii_corpus.py`) is written with about
`--conversations` conversations and audited with every built-in check, once per
worker count, each run a new process timed from launch to exit; the reports must be
byte-identical. The table shows seconds, messages per second, the speed-up over one
worker and the efficiency (speed-up / workers).

For the projection, one more run with the largest worker count is made in this
process with each partition task timed where it runs: the partitions' summed cost
(what more workers share) and the rest of the audit (start-up, reading, the checks
over the whole input, the report: what the machine that asks does alone). With W
worker cores an audit then takes about `rest + partitions / W`; the rest's share is
printed, as it is what limits a large cluster.

    .venv/bin/python benchmarks/bench_scaling.py --conversations 50000 --workers 1,2
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pii_corpus import TURNS_PER_CONVERSATION, write_corpus

DEFAULT_CONVERSATIONS = 50_000
DEFAULT_WORKERS = (1, 2)
DEFAULT_SEED = 7
PROJECTED = (8, 32, 128)
CREATED_AT = "2026-11-01T00:00:00Z"


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print the table and the projection; exit 1 if reports differ."""
    args = _parser().parse_args(argv)
    if args.child:
        return _timed_partitions(args.child, args.workers[-1], args.result)
    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as folder:
        corpus = Path(folder) / "corpus.jsonl"
        stats = write_corpus(corpus, round(args.conversations * TURNS_PER_CONVERSATION),
                             args.seed)
        print(f"corpus: {stats.conversations:,} conversations, {stats.messages:,} messages",
              flush=True)
        print(f"{'workers':>7} {'seconds':>8} {'msg/s':>7} {'speed-up':>9} {'efficiency':>10}",
              flush=True)
        rows: list[dict[str, Any]] = []
        reports: set[bytes] = set()
        for workers in args.workers:
            out = Path(folder) / f"out-{workers}"
            started = time.perf_counter()
            subprocess.run([str(Path(sys.executable).with_name("auditor")), "scan", str(corpus),
                            "--format", "json", "--out", str(out), "--quiet", "--exit-zero",
                            "--created-at", CREATED_AT, "--workers", str(workers)], check=True)
            seconds = time.perf_counter() - started
            reports.add((out / "report.json").read_bytes())
            speed_up = rows[0]["seconds"] / seconds if rows else 1.0
            rows.append({"workers": workers, "seconds": seconds,
                         "rate": stats.messages / seconds, "speed_up": speed_up,
                         "efficiency": speed_up / workers})
            print(f"{workers:>7} {seconds:>8.1f} {stats.messages / seconds:>7.0f} "
                  f"{speed_up:>8.2f}x {speed_up / workers:>10.2f}", flush=True)
        result = Path(folder) / "parts.json"
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(corpus),
                        "--result", str(result), "--workers",
                        ",".join(map(str, args.workers))], check=True)
        parts = json.loads(result.read_text(encoding="utf-8"))
    identical = len(reports) == 1
    rest = parts["total"] - parts["partition_wall"]
    print(f"reports identical: {'yes' if identical else 'no'}")
    print(f"partitions: {parts['tasks']} tasks, {parts['partition_cost']:.1f} core-seconds "
          f"in all; the rest of the audit: {rest:.1f} s ({rest / parts['total']:.0%} of the "
          f"{parts['total']:.1f} s run with {args.workers[-1]} workers, start-up not counted)")
    for cores in PROJECTED:
        projected = rest + parts["partition_cost"] / cores
        print(f"projected with {cores} worker cores: {projected:.1f} s, "
              f"{stats.messages / projected:,.0f} msg/s, the rest {rest / projected:.0%}")
    if args.out:
        args.out.write_text(json.dumps({"rows": rows, "parts": parts, "identical": identical},
                                       indent=2) + "\n", encoding="utf-8")
    return 0 if identical else 1


def _timed_partitions(corpus: str, workers: int, result: Path) -> int:
    """One audit in this process with every partition task timed where it ran."""
    import auditor.partitions as partitions
    from auditor.pipeline import run_audit
    from auditor.registry import Registry

    task = partitions.run_task
    costs: list[float] = []

    def run_timed(item: Any) -> Any:
        started = time.process_time()
        outcome = task(item)
        return dataclasses.replace(outcome, warm=(outcome.warm, time.process_time() - started))

    partitions.run_task = run_timed
    absorb = partitions.absorb

    def absorb_timed(state: Any) -> None:
        warm, cost = state
        costs.append(cost)
        absorb(warm)

    partitions.absorb = absorb_timed
    registry = Registry.from_entry_points()
    started = time.perf_counter()
    judge = partitions.judge_in_processes
    wall: list[float] = []

    def judge_timed(*args: Any, **kwargs: Any) -> Any:
        begun = time.perf_counter()
        merged = judge(*args, **kwargs)
        wall.append(time.perf_counter() - begun)
        return merged

    partitions.judge_in_processes = judge_timed
    run_audit([Path(corpus)], registry=registry, workers=workers)
    total = time.perf_counter() - started
    result.write_text(json.dumps({"tasks": len(costs), "partition_cost": sum(costs),
                                  "partition_wall": sum(wall), "total": total}),
                      encoding="utf-8")
    return 0


def _counts(value: str) -> tuple[int, ...]:
    try:
        counts = tuple(int(part) for part in value.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {value!r}") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("worker counts are whole numbers from 1")
    return counts


def _parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(
        description="Throughput of auditor scan --workers N on one corpus, and a projection "
                    "for more worker cores; exits 1 when the reports differ.")
    parser.add_argument("--conversations", type=int, default=DEFAULT_CONVERSATIONS,
                        help=f"corpus size (default: {DEFAULT_CONVERSATIONS:,})")
    parser.add_argument("--workers", type=_counts, default=DEFAULT_WORKERS,
                        help="worker counts, comma-separated (default: 1,2)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"corpus seed (default: {DEFAULT_SEED})")
    parser.add_argument("--out", type=Path, help="write every figure to this JSON file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    return parser


if __name__ == "__main__":
    sys.exit(main())
