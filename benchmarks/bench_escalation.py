"""Throughput of the ESC pack on ordinary and on escalation-heavy support traffic.

Two seeded corpora, each audited with the ESC pack alone:

* ``ordinary``: the synthetic support conversations of ``pii_corpus.py`` (template
  bot replies, customers writing freely), where escalations are rare;
* ``escalation``: the bundled escalation fixture (every ESC code failing and
  passing) repeated under fresh conversation ids until it reaches the size, so
  nearly every conversation has something to judge and many findings to redact.

Prints messages per second and the findings per code. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from pii_corpus import write_corpus

from auditor.pipeline import run_audit
from auditor.policy import Policy

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "transcripts" / "escalation.jsonl"


def write_escalation_corpus(path: Path, messages: int) -> int:
    """Repeat the escalation fixture under new ids until `messages` lines; return the count."""
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    written = 0
    with path.open("w", encoding="utf-8") as out:
        copy = 0
        while written < messages:
            for record in records:
                out.write(json.dumps({**record, "conversation_id":
                                      f"{record['conversation_id']}-{copy}"}) + "\n")
                written += 1
            copy += 1
    return written


def measure(path: Path) -> tuple[float, int, Counter[str]]:
    """Seconds for one ESC audit of `path`, its turn count, and findings per code."""
    started = time.perf_counter()
    result = run_audit([path], policy=Policy(select=("ESC",)))
    seconds = time.perf_counter() - started
    return seconds, result.summary.turns, Counter(f.code for f in result.findings)


def main(argv: Sequence[str] | None = None) -> int:
    """Build both corpora, audit them, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000,
                        help="messages per corpus (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default: %(default)s)")
    args = parser.parse_args(argv)
    print(f"{'corpus':<12}{'messages':>10}{'seconds':>10}{'msg/s':>9}  findings per code")
    with tempfile.TemporaryDirectory() as folder:
        ordinary = Path(folder) / "ordinary.jsonl"
        write_corpus(ordinary, args.messages, args.seed)
        heavy = Path(folder) / "escalation.jsonl"
        write_escalation_corpus(heavy, args.messages)
        for name, path in (("ordinary", ordinary), ("escalation", heavy)):
            seconds, turns, codes = measure(path)
            per_code = " ".join(f"{code}:{count}" for code, count in sorted(codes.items()))
            print(f"{name:<12}{turns:>10}{seconds:>10.1f}{turns / seconds:>9.0f}  {per_code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
