"""Evaluate ``find_human_request`` on the Bitext customer-support utterances.

Reads ``bitext_cs_train.csv`` and ``bitext_cs_validation.csv``. An utterance is a
positive when its intent is ``contact_human_agent``; every other intent is a
negative, and ``contact_customer_service`` (asking for the phone number, the hours
or how to reach customer service) is the hard negative whose false-positive rate
is reported on its own. An utterance is predicted positive when
``find_human_request`` returns any match.

Patterns may be tuned on the TRAIN file only (``--show-errors train`` prints its
misclassified rows); the VALIDATION file is only ever scored, never printed. The
exit status is 0 when precision and recall on the validation file reach the
thresholds, 1 otherwise, and 2 when the data cannot be read, so the script can
gate a build.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from auditor.accuracy import Confusion, DetectorAccuracy, add_publish_options, publish
from auditor.language.human_request import find_human_request

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "escalation"
DATA_FILES = {"train": "bitext_cs_train.csv", "validation": "bitext_cs_validation.csv"}
POSITIVE_INTENT = "contact_human_agent"
HARD_NEGATIVE_INTENT = "contact_customer_service"


@dataclass(frozen=True)
class Row:
    """One labelled utterance."""

    text: str
    intent: str

    @property
    def positive(self) -> bool:
        """True when the customer asks for a human agent."""
        return self.intent == POSITIVE_INTENT


def read_rows(lines: Iterable[str]) -> list[Row]:
    """Parse Bitext CSV lines (header with ``utterance`` and ``intent``) into rows.

    Raises ``KeyError`` when a column is missing. Utterances may contain quoted
    commas, so the ``csv`` module does the splitting.
    """
    return [Row(record["utterance"], record["intent"]) for record in csv.DictReader(lines)]


def load_rows(data_dir: Path) -> dict[str, list[Row]]:
    """Read both files, keyed ``train`` and ``validation``; raise ``OSError`` if one is missing."""
    rows: dict[str, list[Row]] = {}
    for split, name in DATA_FILES.items():
        with (data_dir / name).open(newline="", encoding="utf-8") as handle:
            rows[split] = read_rows(handle)
    return rows


def predict(text: str) -> bool:
    """Positive when the detector finds any request for a human."""
    return find_human_request(text) is not None


def score(rows: Sequence[Row], predictions: Sequence[bool]) -> Confusion:
    """Count true/false positives/negatives."""
    pairs = list(zip((row.positive for row in rows), predictions, strict=True))
    return Confusion.of(pairs)


def hard_negative_rate(rows: Sequence[Row], predictions: Sequence[bool]) -> tuple[int, int]:
    """Return (predicted positive, total) among the ``contact_customer_service`` rows."""
    flagged = [
        guess
        for row, guess in zip(rows, predictions, strict=True)
        if row.intent == HARD_NEGATIVE_INTENT
    ]
    return sum(flagged), len(flagged)


def format_table(results: Sequence[tuple[str, Confusion]]) -> str:
    """Render the per-file scores as a markdown table."""
    lines = [
        "| file | rows | positives | TP | FP | FN | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s in results:
        lines.append(
            f"| {name} | {s.n} | {s.positives} | {s.tp} | {s.fp} | {s.fn} "
            f"| {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"
        )
    return "\n".join(lines)


def format_hard_negatives(rates: Sequence[tuple[str, tuple[int, int]]]) -> str:
    """Render the false-positive rate on the hard-negative intent as a markdown table."""
    lines = [
        f"| file | {HARD_NEGATIVE_INTENT} rows | flagged | false-positive rate |",
        "|---|---:|---:|---:|",
    ]
    for name, (flagged, total) in rates:
        rate = flagged / total if total else 0.0
        lines.append(f"| {name} | {total} | {flagged} | {rate:.3f} |")
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description="Score find_human_request on the Bitext customer-support train and "
        "validation files (positive intent: contact_human_agent).",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=f"folder with {' and '.join(DATA_FILES.values())} (default: %(default)s)",
    )
    parser.add_argument(
        "--show-errors",
        choices=["train"],
        help="print the misclassified train rows (validation rows are never printed)",
    )
    add_publish_options(parser, "validation")
    parser.add_argument(
        "--min-precision",
        type=float,
        default=0.90,
        help="validation precision needed for exit status 0 (default: 0.90)",
    )
    parser.add_argument(
        "--min-recall",
        type=float,
        default=0.90,
        help="validation recall needed for exit status 0 (default: 0.90)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation; return the exit status."""
    args = parse_args(argv)
    try:
        rows = load_rows(args.data_dir)
    except (OSError, KeyError, UnicodeDecodeError, csv.Error) as error:
        print(f"error: cannot read the Bitext files in {args.data_dir}: {error}", file=sys.stderr)
        return 2
    predictions = {
        split: [predict(row.text) for row in split_rows] for split, split_rows in rows.items()
    }
    results = [(split, score(rows[split], predictions[split])) for split in DATA_FILES]
    print(format_table(results))
    print()
    print(
        format_hard_negatives(
            [(split, hard_negative_rate(rows[split], predictions[split])) for split in DATA_FILES]
        )
    )
    if args.show_errors == "train":
        print("\nmisclassified train rows (intent, prediction, text):")
        for row, guess in zip(rows["train"], predictions["train"], strict=True):
            if row.positive != guess:
                print(f"  {row.intent} -> {'p' if guess else 'n'}  {row.text}")
    validation = dict(results)["validation"]
    if args.publish:
        figure = DetectorAccuracy(
            key="human-request", detector="Requests for a person (customer turns)",
            checks=("ESC001", "ESC008", "FAIR003"), precision=validation.precision,
            recall=validation.recall, support=validation.tp + validation.fn,
            dataset="Bitext customer-support intents (bitext/customer-support-intent-"
                    "detection-training-dataset, CDLA-Sharing-1.0), validation file",
            command="python benchmarks/eval_human_request.py")
        publish(args, [figure])
    passed = validation.precision >= args.min_precision and validation.recall >= args.min_recall
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
