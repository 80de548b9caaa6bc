"""Evaluate ``same_request`` on labelled pairs of customer messages (EN, ES, FR, DE).

Reads ``benchmarks/data/restatements.csv``: columns ``language, group_id,
message_a, message_b, label``, where ``label`` is ``same`` when message_b restates
the request of message_a in other words and ``different`` when it is another request
in the same conversation (often on the same topic: "where is my refund" / "can I
get a refund for the shipping cost too"). A pair is predicted ``same`` when
``same_request`` says so.

Pairs are split into a dev and a held-out half by a stable hash of their group (one
conversation's messages), so no message is in both halves. Lexicons and thresholds
may be tuned on dev only (``--show-errors`` prints dev mistakes, never held-out ones).
Prints precision and recall of ``same`` per language and split, and exits 1 when
precision over all pairs is below 0.85 or recall below 0.80 (2 when the data cannot
be read), so it can gate a build. With ``--publish`` it writes the held-out figures
into the reports' detector accuracy file.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from auditor.accuracy import DetectorAccuracy, add_publish_options, publish
from auditor.language.restatement import same_request

DATA = Path(__file__).resolve().parent / "data" / "restatements.csv"
LANGUAGES = ("en", "es", "fr", "de")
SPLITS = ("dev", "held-out", "all")
MIN_PRECISION = 0.85
MIN_RECALL = 0.80


@dataclass(frozen=True)
class Pair:
    """One labelled pair of messages."""

    language: str
    group: str
    first: str
    second: str
    same: bool

    @property
    def split(self) -> str:
        """dev or held-out, by a stable hash of the group (one conversation)."""
        return "dev" if hashlib.sha256(self.group.encode("utf-8")).digest()[0] % 2 == 0 \
            else "held-out"


@dataclass(frozen=True)
class Scores:
    """Confusion counts for `same`, with the derived rates."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def n(self) -> int:
        """Pairs scored."""
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float | None:
        """TP / (TP + FP); None when nothing was predicted same."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """TP / (TP + FN); None when no pair is labelled same."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def read_pairs(path: Path) -> list[Pair]:
    """The labelled pairs; ValueError on an unknown label."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    pairs = []
    for row in rows:
        if row["label"] not in ("same", "different"):
            raise ValueError(f"unknown label {row['label']!r} in group {row['group_id']}")
        pairs.append(Pair(row["language"], row["group_id"], row["message_a"], row["message_b"],
                          row["label"] == "same"))
    return pairs


def score(pairs: Iterable[tuple[Pair, bool]]) -> Scores:
    """Confusion counts of predictions against labels."""
    tp = fp = fn = tn = 0
    for pair, guess in pairs:
        tp += pair.same and guess
        fp += guess and not pair.same
        fn += pair.same and not guess
        tn += not pair.same and not guess
    return Scores(tp, fp, fn, tn)


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def table(predicted: Sequence[tuple[Pair, bool]]) -> tuple[list[str], dict[str, Scores]]:
    """Rows of precision and recall per split and language, and each split's overall scores."""
    lines = [f"{'split':<9} {'language':<8} {'pairs':>5} {'same':>5} {'precision':>9} "
             f"{'recall':>7}"]
    overall: dict[str, Scores] = {}
    for split in SPLITS:
        for language in (*LANGUAGES, "all"):
            chosen = [(p, g) for p, g in predicted if split in ("all", p.split)
                      and language in ("all", p.language)]
            scores = score(chosen)
            if language == "all":
                overall[split] = scores
            lines.append(f"{split:<9} {language:<8} {scores.n:>5} {scores.tp + scores.fn:>5} "
                         f"{_rate(scores.precision):>9} {_rate(scores.recall):>7}")
    return lines, overall


def main(argv: Sequence[str] | None = None) -> int:
    """Score every pair, print the table, gate on the overall figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the labelled pairs (CSV)")
    parser.add_argument("--show-errors", action="store_true",
                        help="print the misclassified dev pairs (held-out pairs never are)")
    add_publish_options(parser, "held-out")
    args = parser.parse_args(argv)
    try:
        pairs = read_pairs(args.data)
    except (OSError, KeyError, ValueError) as error:
        print(f"cannot read {args.data}: {error}", file=sys.stderr)
        return 2
    predicted = [(pair, same_request(pair.first, pair.second)) for pair in pairs]
    lines, splits = table(predicted)
    print("\n".join(lines))
    if args.show_errors:
        for pair, guess in predicted:
            if pair.split == "dev" and guess != pair.same:
                wrong = "false same" if guess else "missed same"
                print(f"  {wrong:<11} {pair.language} {pair.first!r} / {pair.second!r}")
    held_out = splits["held-out"]
    publish(args, [DetectorAccuracy(
        key="restatement", detector="Customer restating one request in other words",
        checks=("ESC002", "ESC008"), precision=held_out.precision, recall=held_out.recall,
        support=held_out.tp + held_out.fn,
        dataset="the project's labelled pairs of customer messages in English, Spanish, "
                "French and German (benchmarks/data/restatements.csv), held-out half",
        command="python benchmarks/eval_restatements.py")])
    overall = splits["all"]
    passed = (overall.precision or 0.0) >= MIN_PRECISION and (overall.recall or 0.0) >= MIN_RECALL
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
