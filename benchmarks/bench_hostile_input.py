"""Memory and time of the real command line on hostile input, measured from outside.

Runs `auditor scan ... --out <tmp>` in a child process for each case and prints its
exit code, the first line it wrote to stderr (or the first skip reason of its report),
the wall time and the child's peak resident memory (`wait4`'s max RSS, of that child
alone):

* ``sparse-2g``          a 2 GB sparse `.jsonl` file (`truncate -s 2G`): no line end, NULs;
* ``sparse-2g-forced``   the same with `--input-format transcript-jsonl`;
* ``line-1g``            1 GB of JSON text on one line (a record that never ends);
* ``fifo-zeros-1g``      `head -c 1G /dev/zero > fifo`, the FIFO given as input;
* ``stdin-zeros-1g``     `head -c 1G /dev/zero | auditor scan -`;
* ``dev-zero``           `/dev/zero` itself, with `--input-format transcript-jsonl`;
* ``deep-100k``          a record nested 100,000 deep between valid lines;
* ``baseline``           the same valid lines alone.

Targets: every hostile case ends with exit 2 and an `auditor: error:` line (the deep
record instead with the gate's 0 or 1 and the record in the skipped list), and the
2 GB, 1 GB and endless-stream cases peak under 500 MB. Exits 1 when one is missed.
A child is also capped (RLIMIT_AS, --cap-gb) so that a regression cannot take the
machine down with it. Not part of the test suite; the files live in a temporary
directory that is removed.

    .venv/bin/python benchmarks/bench_hostile_input.py
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AUDITOR = ROOT / ".venv" / "bin" / "auditor"
PEAK_TARGET_MB = 500
GB = 2**30


@dataclass(frozen=True)
class Case:
    """One run: its name, the arguments after `auditor scan`, how its input is made,
    and what it must show."""

    name: str
    arguments: Callable[[Path], list[str]]
    prepare: Callable[[Path, int], None]
    bounded: bool  # the peak-memory target applies
    deep: bool = False  # a record to skip, the gate's exit code expected
    stdin_zeros: bool = False


@dataclass(frozen=True)
class Measured:
    """What one run showed."""

    case: str
    exit_code: int
    seconds: float
    peak_mb: float
    message: str
    passed: bool


def _sparse(folder: Path, size: int) -> None:
    with (folder / "sparse.jsonl").open("wb") as out:
        out.truncate(2 * size)


def _one_line(folder: Path, size: int) -> None:
    block = b"x" * 2**20
    with (folder / "line.jsonl").open("wb") as out:
        out.write(b'{"conversation_id": "c-1", "role": "bot", "text": "')
        for _ in range(size // len(block)):
            out.write(block)


def _fifo(folder: Path, size: int) -> None:
    os.mkfifo(folder / "stream.jsonl")


def _nothing(folder: Path, size: int) -> None:
    return None


def _valid_lines(folder: Path, records: int, *, deep: bool) -> None:
    with (folder / ("deep.jsonl" if deep else "valid.jsonl")).open("w", encoding="utf-8") as out:
        for n in range(records):
            if deep and n == records // 2:
                out.write("[" * 100_000 + "]" * 100_000 + "\n")
            role, text = (("bot", "Hi, I'm Ava, an AI assistant. How can I help?") if n % 2 == 0
                          else ("customer", "Where is my parcel? Thanks."))
            out.write(json.dumps({"conversation_id": f"c-{n // 2}", "role": role,
                                  "text": text}) + "\n")


def cases(records: int) -> list[Case]:
    """The cases, in the order they are run."""
    return [
        Case("sparse-2g", lambda d: [str(d / "sparse.jsonl")], _sparse, bounded=True),
        Case("sparse-2g-forced", lambda d: [str(d / "sparse.jsonl"), "--input-format",
                                            "transcript-jsonl"], _sparse, bounded=True),
        Case("line-1g", lambda d: [str(d / "line.jsonl")], _one_line, bounded=True),
        Case("fifo-zeros-1g", lambda d: [str(d / "stream.jsonl"), "--input-format",
                                         "transcript-jsonl"], _fifo, bounded=True),
        Case("stdin-zeros-1g", lambda d: ["-", "--input-format", "transcript-jsonl"],
             _nothing, bounded=True, stdin_zeros=True),
        Case("dev-zero", lambda d: ["/dev/zero", "--input-format", "transcript-jsonl"],
             _nothing, bounded=True),
        Case("deep-100k", lambda d: [str(d / "deep.jsonl")],
             lambda d, _: _valid_lines(d, records, deep=True), bounded=False, deep=True),
        Case("baseline", lambda d: [str(d / "valid.jsonl")],
             lambda d, _: _valid_lines(d, records, deep=False), bounded=False, deep=True),
    ]


def run(case: Case, folder: Path, size: int, cap_gb: float, timeout: float) -> Measured:
    """Run one case in a child process and measure it."""
    case.prepare(folder, size)
    out = folder / f"out-{case.name}"
    command = [str(AUDITOR), "scan", *case.arguments(folder), "--format", "json",
               "--out", str(out), "--quiet"]
    cap = int(cap_gb * GB)

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    feeders = _feeders(case, folder, size)
    stderr_path = folder / "stderr.txt"
    started = time.perf_counter()
    with stderr_path.open("wb") as stderr:
        child = subprocess.Popen(command, stdin=feeders[0].stdout if case.stdin_zeros
                                 else subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=stderr, preexec_fn=limited)
        if case.stdin_zeros and feeders[0].stdout is not None:
            feeders[0].stdout.close()  # the child's copy is the only reader left
        status, usage, timed_out = _wait(child, started + timeout)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    _stop(feeders)
    message = _first_line(stderr_path.read_text(encoding="utf-8", errors="replace"))
    if timed_out:
        message = f"still running after {timeout:.0f} s: stopped"
    skipped = _first_skip(out / "report.json")
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    if timed_out:
        passed = False
    elif case.deep:
        passed = child.returncode in (0, 1) and (skipped is not None) == (case.name != "baseline")
        message = skipped or message or "no record skipped"
    else:
        passed = child.returncode == 2 and message.startswith("auditor: error:")
    if case.bounded:
        passed = passed and peak_mb < PEAK_TARGET_MB
    _remove_inputs(folder)
    return Measured(case.name, child.returncode, seconds, peak_mb, message, passed)


def _wait(child: subprocess.Popen[bytes],
          deadline: float) -> tuple[int, resource.struct_rusage, bool]:
    """The child's wait status and resource use; killed at the deadline."""
    timed_out = False
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            return status, usage, timed_out
        if time.perf_counter() > deadline and not timed_out:
            child.kill()
            timed_out = True
        time.sleep(0.05)


def _feeders(case: Case, folder: Path, size: int) -> list[subprocess.Popen[bytes]]:
    """`head -c 1G /dev/zero` into the FIFO, or into the child's standard input."""
    head = ["head", "-c", str(size), "/dev/zero"]
    if case.stdin_zeros:
        return [subprocess.Popen(head, stdout=subprocess.PIPE)]
    if case.name.startswith("fifo"):
        # The shell, not this process, waits for a reader to open the FIFO.
        fifo = shlex.quote(str(folder / "stream.jsonl"))
        return [subprocess.Popen(f"exec {shlex.join(head)} > {fifo}", shell=True)]
    return []


def _stop(feeders: list[subprocess.Popen[bytes]]) -> None:
    """End the writers, which may be waiting for a reader that never came."""
    for feeder in feeders:
        if feeder.stdout is not None:
            feeder.stdout.close()
        if feeder.poll() is None:
            feeder.kill()
        feeder.wait()


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _first_skip(report: Path) -> str | None:
    try:
        document = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    skipped = document.get("skipped") or []
    return f"line {skipped[0]['line']}: {skipped[0]['reason']}" if skipped else None


def _remove_inputs(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def main(argv: Sequence[str] | None = None) -> int:
    """Run every case, print the table, exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-gb", type=float, default=1.0,
                        help="the stream and the long line, in GB; the sparse file is twice "
                             "this (default: %(default)s)")
    parser.add_argument("--records", type=int, default=2000,
                        help="valid lines around the deep record (default: %(default)s)")
    parser.add_argument("--cap-gb", type=float, default=8.0,
                        help="address-space cap of each child, in GB (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=600,
                        help="seconds before a case is stopped (default: %(default)s)")
    parser.add_argument("--only", action="append", default=[],
                        help="run only this case (repeatable)")
    arguments = parser.parse_args(argv)
    if not AUDITOR.exists():
        print(f"{AUDITOR} not found: run `make setup` first", file=sys.stderr)
        return 2
    size = int(arguments.size_gb * GB)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as folder:
        for case in cases(arguments.records):
            if arguments.only and case.name not in arguments.only:
                continue
            if not results:
                print(_header(), flush=True)
            results.append(run(case, Path(folder), size, arguments.cap_gb,
                               arguments.timeout))
            print(_row(results[-1]), flush=True)
    missed = [r.case for r in results if not r.passed]
    print(f"\npeak-memory target: < {PEAK_TARGET_MB} MB for the 2 GB, 1 GB and endless "
          f"inputs; {'all targets met' if not missed else 'missed: ' + ', '.join(missed)}")
    return 1 if missed else 0


def _header() -> str:
    return (f"{'case':<18} {'exit':>4} {'wall s':>7} {'peak MB':>8}  {'ok':<4} message\n"
            + "-" * 100)


def _row(result: Measured) -> str:
    message = result.message if len(result.message) <= 120 else result.message[:119] + "…"
    return (f"{result.case:<18} {result.exit_code:>4} {result.seconds:>7.1f} "
            f"{result.peak_mb:>8.0f}  {'yes' if result.passed else 'NO':<4} {message}")


if __name__ == "__main__":
    sys.exit(main())
