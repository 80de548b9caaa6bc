"""What checking a result costs before it is rendered: the strict schema validation and
the verdict-against-findings check `auditor render` and the web app run on every
result they are given.

Builds a result from a real audit of the bundled disclosure fixture, grows its
findings and skipped records to the sizes asked for, and times
`ResultDocument.from_dict` on it (best of three). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from auditor.document import ResultDocument
from auditor.pipeline import run_audit
from auditor.policy import Policy

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "transcripts" / "disclosure.jsonl"


def grown(findings: int, skipped: int) -> dict:
    """A real result with `findings` copies of its findings (unique fingerprints) and
    `skipped` skipped records; the summary's counts follow."""
    document = run_audit([FIXTURE], policy=Policy()).to_dict()
    seed = document["findings"]
    document["findings"] = [
        {**seed[i % len(seed)], "fingerprint": f"{i:016x}"} for i in range(findings)]
    document["summary"]["blocking_findings"] = sum(f["blocks_gate"]
                                                   for f in document["findings"])
    document["skipped"] = [{"path": "big.jsonl", "line": n, "reason": "not valid JSON",
                            "kind": "malformed", "value": None} for n in range(1, skipped + 1)]
    return document


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=50_000)
    parser.add_argument("--skipped", type=int, default=10_000)
    args = parser.parse_args(argv)
    document = grown(args.findings, args.skipped)
    with tempfile.TemporaryDirectory() as folder:
        size = Path(folder, "report.json")
        size.write_text(json.dumps(document), encoding="utf-8")
        megabytes = size.stat().st_size / 1e6
    best = min(_timed(document) for _ in range(3))
    print(f"result of {args.findings:,} findings and {args.skipped:,} skipped records "
          f"({megabytes:.1f} MB of JSON): validated in {best:.2f} s")
    return 0


def _timed(document: dict) -> float:
    start = time.perf_counter()
    ResultDocument.from_dict(document)
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
