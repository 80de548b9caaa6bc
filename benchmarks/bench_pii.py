"""Speed and memory of the PII pack: the engine as it ships against a naive baseline.

For each size, a seeded synthetic corpus of support conversations (`pii_corpus.py`)
is written to a temporary folder and audited with the PII checks selected
(`run_audit`), each run in a fresh process so its peak memory is its own:

- fast: the audit as it ships (each distinct text analysed once, in batches, with
  the detector's pre-filters, on every usable CPU);
- naive: the same checks with every message analysed by one plain presidio
  `AnalyzerEngine.analyze` call (no de-duplication, batching or pre-filter), and
  each evidence excerpt likewise;
- fast, again, under tracemalloc, for the memory the audit allocates (tracemalloc
  slows the run several times over, so this run is not timed, and the naive mode,
  far slower already, is not traced).

The table shows size, mode, messages, seconds, messages per second, peak resident
set, tracemalloc peak, findings and the speed-up over naive. The findings of both
modes must be identical (compared as sorted (code, conversation, turn, severity,
fingerprint) tuples). Exit status 1 when they differ or when the speed-up at any
size is below the target (10x), else 0.

    .venv/bin/python benchmarks/bench_pii.py --sizes 20000,100000 --out bench.json
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pii_corpus import CorpusStats, write_corpus
from pii_measure import MODES, Measurement, audit_pii

TARGET_SPEED_UP = 10.0
DEFAULT_SIZES = (20_000, 100_000)
DEFAULT_SEED = 7
COLUMNS = ("size", "mode", "messages", "seconds", "msg/s", "peak RSS MB", "tracemalloc MB",
           "findings", "speed-up")
WIDTHS = (8, 6, 9, 9, 9, 12, 15, 9, 9)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark (or, with --worker, one measured audit) and return the exit code."""
    args = _parser().parse_args(argv)
    if args.worker:
        return _worker(args)
    sizes = args.sizes
    naive_sizes = args.naive_sizes if args.naive_sizes is not None else sizes
    if not set(naive_sizes) <= set(sizes):
        _parser().error("--naive-sizes must be among --sizes")
    with tempfile.TemporaryDirectory(prefix="bench-pii-") as folder:
        report = run(sizes, naive_sizes, args.seed, Path(folder))
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if report["passed"] else 1


def run(sizes: Sequence[int], naive_sizes: Sequence[int], seed: int,
        folder: Path) -> dict[str, Any]:
    """Measure every size, print the table as rows complete, and return all figures."""
    print(_row(COLUMNS), flush=True)
    rows: list[dict[str, Any]] = []
    identical = True
    speed_ups: list[float] = []
    for size in sizes:
        corpus = folder / f"corpus-{size}.jsonl"
        stats = write_corpus(corpus, size, seed)
        fast = _measure(corpus, "fast", folder)
        traced = _measure(corpus, "fast", folder, trace_memory=True)
        naive = _measure(corpus, "naive", folder) if size in naive_sizes else None
        speed_up = naive.seconds / fast.seconds if naive else None
        if naive is not None:
            identical = identical and naive.findings == fast.findings == traced.findings
            speed_ups.append(speed_up or 0.0)
        rows.append(_record(size, stats, fast, traced, naive, speed_up))
        print(_row(_cells(size, fast, traced.tracemalloc_peak_mb, speed_up)), flush=True)
        if naive is not None:
            print(_row(_cells(size, naive, None, None)), flush=True)
    passed = identical and all(s >= TARGET_SPEED_UP for s in speed_ups)
    print(f"identical findings: {'yes' if identical else 'no'}")
    print(f"speed-up target {TARGET_SPEED_UP:g}x: {'met' if passed else 'missed'}")
    for row in rows:
        corpus, fast, traced = row["corpus"], row["fast"], row["fast_traced"]
        print(f"{row['size']}: {corpus['conversations']} conversations, "
              f"{corpus['distinct_texts']} distinct texts, {corpus['leaks']} injected leaks; "
              f"texts analysed fast {fast['analyses']}"
              + (f", naive {row['naive']['analyses']}" if row["naive"] else "") + "; "
              f"largest worker RSS {fast['worker_rss_mb']:.0f} MB; traced MB: reading the file "
              f"peaks at {traced['load_peak_mb']:.1f}, the transcripts hold "
              f"{traced['input_mb']:.1f}, {traced['analysed_mb']:.1f} are held once every text "
              f"is analysed, judging conversations peaks at {traced['judging_peak_mb']:.1f}")
    return {"seed": seed, "target_speed_up": TARGET_SPEED_UP, "identical_findings": identical,
            "passed": passed, "sizes": rows}


def _measure(corpus: Path, mode: str, folder: Path, *, trace_memory: bool = False) -> Measurement:
    """One audit in a fresh interpreter, so its peak memory is its own."""
    out = folder / f"{corpus.stem}-{mode}{'-traced' if trace_memory else ''}.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", mode,
               "--corpus", str(corpus), "--result", str(out)]
    if trace_memory:
        command.append("--trace-memory")
    subprocess.run(command, check=True)
    data = json.loads(out.read_text(encoding="utf-8"))
    data["findings"] = tuple(tuple(key) for key in data["findings"])
    return Measurement(**data)


def _worker(args: argparse.Namespace) -> int:
    """Measure one audit and write the measurement as JSON."""
    measured = audit_pii([args.corpus], args.worker, trace_memory=args.trace_memory)
    args.result.write_text(json.dumps(asdict(measured)), encoding="utf-8")
    return 0


def _record(size: int, stats: CorpusStats, fast: Measurement, traced: Measurement,
            naive: Measurement | None, speed_up: float | None) -> dict[str, Any]:
    """The JSON figures for one size (finding keys left out, counts kept)."""
    def figures(m: Measurement) -> dict[str, Any]:
        values = {k: v for k, v in asdict(m).items() if k != "findings"}
        return {**values, "findings": len(m.findings), "messages_per_second": m.rate}

    return {"size": size, "corpus": asdict(stats), "fast": figures(fast),
            "fast_traced": figures(traced), "naive": figures(naive) if naive else None,
            "speed_up": speed_up}


def _cells(size: int, m: Measurement, traced_mb: float | None,
           speed_up: float | None) -> tuple[str, ...]:
    """One table row's cells."""
    return (str(size), m.mode, str(m.messages), f"{m.seconds:.1f}", f"{m.rate:.0f}",
            f"{m.peak_rss_mb:.0f}", "-" if traced_mb is None else f"{traced_mb:.1f}",
            str(len(m.findings)), "-" if speed_up is None else f"{speed_up:.1f}x")


def _row(cells: Sequence[str]) -> str:
    """Cells padded to the table's column widths."""
    return " ".join(cell.rjust(width) if i > 1 else cell.ljust(width)
                    for i, (cell, width) in enumerate(zip(cells, WIDTHS, strict=True))).rstrip()


def _sizes(value: str) -> tuple[int, ...]:
    """A comma-separated list of positive message counts."""
    try:
        sizes = tuple(int(part) for part in value.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {value!r}") from None
    if not sizes or any(size <= 0 for size in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive message counts")
    return sizes


def _parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(
        description="Speed and memory of the PII pack against a naive one-call-per-message "
                    "baseline, on a seeded synthetic corpus; exits 1 when findings differ "
                    f"or the speed-up is below {TARGET_SPEED_UP:g}x.")
    parser.add_argument("--sizes", type=_sizes, default=DEFAULT_SIZES,
                        help="corpus sizes in messages, comma-separated (default: "
                             f"{','.join(map(str, DEFAULT_SIZES))})")
    parser.add_argument("--naive-sizes", type=_sizes, default=None,
                        help="sizes at which the naive baseline runs too (default: all sizes)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"corpus seed (default: {DEFAULT_SEED})")
    parser.add_argument("--out", type=Path, help="write every figure to this JSON file")
    # Internal: one measured audit in a child process.
    parser.add_argument("--worker", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--trace-memory", action="store_true", help=argparse.SUPPRESS)
    return parser


if __name__ == "__main__":
    sys.exit(main())
