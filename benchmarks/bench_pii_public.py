"""PII speed on public customer text: naive Presidio, spaCy's NER alone, and the pack.

The corpus (`public_text_corpus.py`) is built from the public data sets in
`../shared/data/`, with under 10 % of messages repeating an earlier one, so the
engine's de-duplication has little to do. Three speeds are measured on it, each in
a fresh process:

- naive: one plain presidio `AnalyzerEngine.analyze` call per message, the PII checks
  asking through it (`pii_measure.py`, mode "naive"), warm (start-up off the clock),
  on the first `--naive-messages` messages (it is slow);
- raw NER: spaCy's entity recognizer alone over every message of the corpus
  (`nlp.pipe`, no other component, one process), warm: the cost of reading names at
  all, per core;
- pack: `auditor scan CORPUS --select PII`, the whole process timed from launch to
  exit (start-up, reading, every PII check, the JSON report): once as it runs by
  default (conversations read a piece at a time, each piece's messages analysed by
  worker processes, then judged here), and once with `--workers N` (N processes each
  analysing and judging a share of the conversations); the two reports must be
  byte-identical.

It prints messages per second of each and checks the targets on the faster way:
the pack at least 10x naive, and at least 0.8 x (raw NER x the worker processes the
engine uses). It also prints the CPU time each way of running the pack spent in all
(its processes and theirs), as a multiple of raw NER's time: divided by the cores,
that is the soonest the pack could finish, however its work were shared out. The
pack's findings on the naive sample must equal naive's (same code, conversation,
turn, severity and fingerprint). Exit status 1 when a target is missed or findings
differ.

    .venv/bin/python benchmarks/bench_pii_public.py --messages 50000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pii_measure import audit_pii
from public_text_corpus import DEFAULT_DATA, public_sentences, write_corpus

TARGET_OVER_NAIVE = 10.0
TARGET_OF_NER_LIMIT = 0.8
MAX_REPEATED_SHARE = 0.10
DEFAULT_MESSAGES = 50_000
DEFAULT_NAIVE_MESSAGES = 2_000
DEFAULT_SEED = 11
# The run date, pinned so that the two scans' reports can be compared byte for byte.
CREATED_AT = "2026-11-01T00:00:00Z"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark (or one of its measured children) and return the exit code."""
    args = _parser().parse_args(argv)
    if args.child:
        return _child(args)
    try:
        public_sentences(args.data)
    except FileNotFoundError as missing:
        print(f"bench_pii_public: {missing}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-pii-public-") as folder:
        report = run(args.messages, args.naive_messages, args.seed, args.data, Path(folder))
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if report["passed"] else 1


def run(messages: int, naive_messages: int, seed: int, data: Path,
        folder: Path) -> dict[str, Any]:
    """Build the corpus, measure the three speeds, print them and the targets."""
    corpus, sample = folder / "corpus.jsonl", folder / "sample.jsonl"
    stats = write_corpus(corpus, messages, seed, data)
    sample_stats = write_corpus(sample, min(naive_messages, messages), seed, data)
    print(f"corpus: {stats.messages:,} messages in {stats.conversations:,} conversations "
          f"from {stats.sentences:,} public sentences; {stats.repeated_share:.2%} repeat an "
          f"earlier message", flush=True)
    naive = _child_run("naive", sample, folder)
    sample_pack = _child_run("fast", sample, folder)
    print(f"naive Presidio: {naive['messages']:,} messages in {naive['seconds']:.1f} s = "
          f"{naive['rate']:.0f} msg/s (warm, first {sample_stats.messages:,} messages)",
          flush=True)
    raw = _child_run("raw-ner", corpus, folder)
    print(f"raw NER: {raw['messages']:,} messages in {raw['seconds']:.1f} s = "
          f"{raw['rate']:.0f} msg/s (warm, one process)", flush=True)
    workers = raw["workers"]
    limit = raw["rate"] * workers
    default = _whole_scan(corpus, folder / "default", None)
    shared = _whole_scan(corpus, folder / "workers", workers)
    for name, measured in (("PII pack", default), (f"PII pack --workers {workers}", shared)):
        print(f"{name}: {measured['messages']:,} messages in {measured['seconds']:.1f} s = "
              f"{measured['rate']:.0f} msg/s (whole process); CPU {measured['cpu']:.1f} "
              f"core-seconds = {measured['cpu'] / raw['seconds']:.2f}x raw NER's, so at best "
              f"{measured['cpu'] / workers:.1f} s on {workers} cores = "
              f"{raw['seconds'] / measured['cpu']:.2f} of the limit", flush=True)
    pack = min((default, shared), key=lambda measured: measured["seconds"])
    over_naive = pack["rate"] / naive["rate"]
    of_limit = pack["rate"] / limit
    identical = naive["findings"] == sample_pack["findings"]
    checks = {
        "repetition": stats.repeated_share < MAX_REPEATED_SHARE,
        "identical_findings": identical,
        "identical_reports": default["report"] == shared["report"],
        "over_naive": over_naive >= TARGET_OVER_NAIVE,
        "of_ner_limit": of_limit >= TARGET_OF_NER_LIMIT,
    }
    print(f"the faster: {'--workers ' + str(workers) if pack is shared else 'the default'}; "
          f"reports identical: {'yes' if checks['identical_reports'] else 'no'}")
    print(f"pack / naive = {over_naive:.1f}x (target {TARGET_OVER_NAIVE:g}x): "
          f"{_met(checks['over_naive'])}")
    print(f"pack / (raw NER x {workers}) = {of_limit:.2f} (target {TARGET_OF_NER_LIMIT:g}): "
          f"{_met(checks['of_ner_limit'])}")
    print(f"findings on the naive sample identical: {'yes' if identical else 'no'} "
          f"({len(naive['findings'])} findings)")
    return {"corpus": asdict(stats), "sample": asdict(sample_stats), "seed": seed,
            "naive": _without_findings(naive), "raw_ner": raw,
            "pack": _without_report(default), "pack_workers": _without_report(shared),
            "pack_over_naive": over_naive, "pack_of_ner_limit": of_limit,
            "targets": {"over_naive": TARGET_OVER_NAIVE, "of_ner_limit": TARGET_OF_NER_LIMIT},
            "checks": checks, "passed": all(checks.values())}


def _whole_scan(corpus: Path, out: Path, workers: int | None) -> dict[str, Any]:
    """`auditor scan` over the corpus with the PII checks, timed from launch to exit,
    with the CPU time it and every process it started spent."""
    command = [str(Path(sys.executable).with_name("auditor")), "scan", str(corpus),
               "--select", "PII", "--format", "json", "--out", str(out), "--quiet",
               "--exit-zero", "--created-at", CREATED_AT]
    if workers is not None:
        command += ["--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = (out / "report.json").read_bytes()
    messages = json.loads(report)["summary"]["turns"]
    return {"messages": messages, "seconds": seconds, "rate": messages / seconds,
            "cpu": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
            "findings": len(json.loads(report)["findings"]), "report": report}


def _without_report(measured: dict[str, Any]) -> dict[str, Any]:
    """A scan's measurement without its report's bytes."""
    return {key: value for key, value in measured.items() if key != "report"}


def _child_run(kind: str, corpus: Path, folder: Path) -> dict[str, Any]:
    """One measurement in a fresh interpreter, read back from its JSON."""
    result = folder / f"{corpus.stem}-{kind}.json"
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", kind,
                    "--corpus", str(corpus), "--result", str(result)], check=True)
    return dict(json.loads(result.read_text(encoding="utf-8")))


def _child(args: argparse.Namespace) -> int:
    """Measure one thing and write it as JSON."""
    if args.child == "raw-ner":
        measured = _raw_ner(args.corpus)
    else:
        m = audit_pii([args.corpus], args.child)
        measured = {"messages": m.messages, "seconds": m.seconds, "rate": m.rate,
                    "findings": [list(key) for key in m.findings]}
    args.result.write_text(json.dumps(measured), encoding="utf-8")
    return 0


def _raw_ner(corpus: Path) -> dict[str, Any]:
    """spaCy's entity recognizer alone over every message, in this one process."""
    from auditor.pii.detector import detector_for
    from auditor.pii.pipeline import load_pipeline
    from auditor.pii.settings import DEFAULT_SPACY_MODEL

    texts = [record["text"] for record in map(json.loads, corpus.read_text(
        encoding="utf-8").splitlines()) if record.get("text")]
    pipeline = load_pipeline(DEFAULT_SPACY_MODEL)
    if not pipeline.ner:
        raise SystemExit(f"the spaCy pipeline {DEFAULT_SPACY_MODEL} is not installed")
    nlp = pipeline.nlp
    with nlp.select_pipes(enable=list(pipeline.ner_only)):
        list(nlp.pipe(["Warm-up: Dana Example flew to Oslo."]))
        started = time.perf_counter()
        entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=256))
        seconds = time.perf_counter() - started
    return {"messages": len(texts), "seconds": seconds, "rate": len(texts) / seconds,
            "entities": entities, "workers": detector_for(DEFAULT_SPACY_MODEL).workers}


def _without_findings(measured: dict[str, Any]) -> dict[str, Any]:
    """A measurement with its finding count instead of the findings."""
    return {**{k: v for k, v in measured.items() if k != "findings"},
            "findings": len(measured["findings"])}


def _met(ok: bool) -> str:
    return "met" if ok else "missed"


def _positive(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError("must be a positive number of messages")
    return number


def _parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(
        description="PII speed on a low-repetition corpus of public customer text: naive "
                    "Presidio, spaCy's NER alone and the PII pack; exits 1 when a target "
                    "is missed or findings differ.")
    parser.add_argument("--messages", type=_positive, default=DEFAULT_MESSAGES,
                        help=f"corpus size in messages (default: {DEFAULT_MESSAGES:,})")
    parser.add_argument("--naive-messages", type=_positive, default=DEFAULT_NAIVE_MESSAGES,
                        help="messages the naive baseline reads (default: "
                             f"{DEFAULT_NAIVE_MESSAGES:,})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"corpus seed (default: {DEFAULT_SEED})")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="the folder of public data sets (default: %(default)s)")
    parser.add_argument("--out", type=Path, help="write every figure to this JSON file")
    # Internal: one measurement in a child process.
    parser.add_argument("--child", choices=("naive", "fast", "raw-ner"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    return parser


if __name__ == "__main__":
    sys.exit(main())
