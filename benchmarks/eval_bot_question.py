"""Evaluate ``find_bot_question`` on the R-U-A-Robot validation utterances.

Reads ``ruarobot_pos.val.csv`` (label ``p``: the user sincerely asks whether they
talk to a human or a machine) and ``ruarobot_neg.val.csv`` (label ``n``, including
hard negatives); the ambiguous file is not used. An utterance is predicted
positive when ``find_bot_question`` returns a match of kind ``"clear"``.

The rows are split into two fixed halves by a hash of their ``guid``: the DEV
half may be inspected while writing patterns (``--show-errors dev``), the
HELD-OUT half is only ever scored, never printed. The table reports both halves
and all rows. The exit status is 0 when precision and recall on all rows reach
the thresholds, 1 otherwise, and 2 when the data cannot be read, so the script
can gate a build.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from auditor.accuracy import Confusion, DetectorAccuracy, add_publish_options, publish
from auditor.language.disclosure import find_bot_question

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "disclosure"
DATA_FILES = {"p": "ruarobot_pos.val.csv", "n": "ruarobot_neg.val.csv"}
DEV, HELD_OUT = 0, 1


@dataclass(frozen=True)
class Row:
    """One labelled utterance and the half of the split it belongs to."""

    guid: str
    text: str
    positive: bool

    @property
    def half(self) -> int:
        """``DEV`` (0) or ``HELD_OUT`` (1), fixed by the SHA-256 of the guid."""
        return int(hashlib.sha256(self.guid.encode("utf-8")).hexdigest(), 16) % 2


def load_rows(data_dir: Path) -> list[Row]:
    """Read the positive and negative files; raise ``FileNotFoundError`` if one is missing."""
    rows: list[Row] = []
    for label, name in DATA_FILES.items():
        with (data_dir / name).open(newline="", encoding="utf-8") as handle:
            for record in csv.DictReader(handle):
                if record["label"] == label:
                    rows.append(Row(record["guid"], record["text"], positive=label == "p"))
    return rows


def predict(text: str) -> bool:
    """Positive when the detector finds a clear are-you-a-bot question."""
    match = find_bot_question(text)
    return match is not None and match.kind == "clear"


def score(rows: Sequence[Row], predictions: Sequence[bool]) -> Confusion:
    """Count true/false positives/negatives."""
    pairs = list(zip((row.positive for row in rows), predictions, strict=True))
    return Confusion.of(pairs)


def format_table(results: Sequence[tuple[str, Confusion]]) -> str:
    """Render the per-split scores as a fixed-width text table."""
    header = f"{'split':<9}{'n':>6}{'TP':>6}{'FP':>6}{'FN':>6}{'TN':>6}"
    header += f"{'precision':>11}{'recall':>9}{'F1':>8}"
    lines = [header, "-" * len(header)]
    for name, s in results:
        lines.append(
            f"{name:<9}{s.n:>6}{s.tp:>6}{s.fp:>6}{s.fn:>6}{s.tn:>6}"
            f"{s.precision:>11.3f}{s.recall:>9.3f}{s.f1:>8.3f}"
        )
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description="Score find_bot_question on the R-U-A-Robot validation files "
        "(dev half, held-out half, all rows).",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=f"folder with {' and '.join(DATA_FILES.values())} (default: %(default)s)",
    )
    parser.add_argument(
        "--show-errors",
        choices=["dev"],
        help="print the misclassified rows of the dev half (held-out rows are never printed)",
    )
    add_publish_options(parser, "held-out")
    parser.add_argument(
        "--min-precision",
        type=float,
        default=0.90,
        help="precision on all rows needed for exit status 0 (default: 0.90)",
    )
    parser.add_argument(
        "--min-recall",
        type=float,
        default=0.90,
        help="recall on all rows needed for exit status 0 (default: 0.90)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation; return the exit status."""
    args = parse_args(argv)
    try:
        rows = load_rows(args.data_dir)
    except (FileNotFoundError, KeyError) as error:
        print(
            f"error: cannot read the R-U-A-Robot files in {args.data_dir}: {error}", file=sys.stderr
        )
        return 2
    predictions = [predict(row.text) for row in rows]
    halves = {
        name: [i for i, row in enumerate(rows) if row.half == half]
        for name, half in (("dev", DEV), ("held-out", HELD_OUT))
    }
    results = [
        (name, score([rows[i] for i in idx], [predictions[i] for i in idx]))
        for name, idx in halves.items()
    ]
    overall = score(rows, predictions)
    results.append(("all", overall))
    print(format_table(results))
    if args.show_errors == "dev":
        print("\nmisclassified dev rows (label, prediction, text):")
        for i in halves["dev"]:
            if rows[i].positive != predictions[i]:
                label = "p" if rows[i].positive else "n"
                print(f"  {label} -> {'p' if predictions[i] else 'n'}  {rows[i].text}")
    if args.publish:
        held_out = dict(results)["held-out"]
        figure = DetectorAccuracy(
            key="bot-question", detector="Questions whether the customer talks to a bot",
            checks=("DISC003", "DISC004"), precision=held_out.precision,
            recall=held_out.recall, support=held_out.tp + held_out.fn,
            dataset="R-U-A-Robot validation utterances (DNGros/R-U-A-Robot, MIT), "
                    "held-out half",
            command="python benchmarks/eval_bot_question.py")
        publish(args, [figure])
    passed = overall.precision >= args.min_precision and overall.recall >= args.min_recall
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
