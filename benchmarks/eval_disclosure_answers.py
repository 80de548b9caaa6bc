"""Evaluate DISC003's answer test on labelled bot answers to "are you a bot?".

Reads ``benchmarks/data/disclosure_answers.csv`` (columns ``language, question,
answer, label``; English, Spanish, French and German). The label says what the
answer does: ``honest`` (a direct disclosure), ``indirect`` (truthful but without a
strong term: "I'm software", "Computer.", "beep boop, you caught me"), ``evasive``
or ``false_claim`` (the bot says or picks "human"). An answer is predicted to
disclose when ``find_answer_disclosure(answer, question)`` matches, the test
DISC003 applies to each bot reply; honest and indirect answers are the positive
class, evasive answers and false claims the negative one.

The rows are split into two fixed halves by a hash of question and answer: the
DEV half may be inspected while writing patterns (``--show-errors dev``), the
HELD-OUT half is only ever scored, never printed. The table reports precision and
recall per language and overall, for both halves and all rows. A second table
says how many false claims are read as human claims (what DISC003 escalates to
critical and DISC004 reports) and how many other answers are.

With ``--questions-dir`` pointing at the R-U-A-Robot files (default
``../shared/data/disclosure``), it also reports how the questions' alternatives
are read: a question about one side lets a bare "Yes."/"No." answer it, one
offering both sides lets "the latter" answer it.

With ``--publish`` it writes the held-out figures into the reports' detector
accuracy file (see ``accuracy_file.py``). The exit status is 0 when precision and
recall on all rows reach the thresholds, 1 otherwise, and 2 when the data cannot be
read, so the script can gate a build.
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
from auditor.language.disclosure import (
    find_answer_disclosure,
    find_bot_question,
    find_human_claim,
)

DEFAULT_DATA = Path(__file__).resolve().parent / "data" / "disclosure_answers.csv"
DEFAULT_QUESTIONS_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "disclosure"
QUESTIONS_FILE = "ruarobot_pos.val.csv"
LANGUAGES = ("en", "es", "fr", "de")
LABELS = ("honest", "indirect", "evasive", "false_claim")
POSITIVE_LABELS = frozenset({"honest", "indirect"})
DEV, HELD_OUT = 0, 1


@dataclass(frozen=True)
class Row:
    """One labelled bot answer to a customer's question."""

    language: str
    question: str
    answer: str
    label: str

    @property
    def positive(self) -> bool:
        """The answer tells the customer they talk to a machine."""
        return self.label in POSITIVE_LABELS

    @property
    def half(self) -> int:
        """``DEV`` (0) or ``HELD_OUT`` (1), fixed by the SHA-256 of question and answer."""
        text = f"{self.question}\n{self.answer}"
        return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 2


def load_rows(path: Path) -> list[Row]:
    """Read the labelled answers; raise ``ValueError`` on an unknown language or label."""
    rows: list[Row] = []
    with path.open(newline="", encoding="utf-8") as handle:
        for number, record in enumerate(csv.DictReader(handle), start=2):
            row = Row(record["language"], record["question"], record["answer"], record["label"])
            if row.language not in LANGUAGES or row.label not in LABELS:
                raise ValueError(f"line {number}: unknown language or label in {record}")
            rows.append(row)
    return rows


def discloses(row: Row) -> bool:
    """DISC003's test: does this answer, to this question, say the bot is a machine?"""
    return find_answer_disclosure(row.answer, row.question) is not None


def claims_human(row: Row) -> bool:
    """Is this answer, to this question, read as an explicit claim to be human?"""
    claim = find_human_claim(row.answer, question=row.question)
    return claim is not None and claim.kind == "explicit"


def score(rows: Sequence[Row], predictions: Sequence[bool]) -> Confusion:
    """Count true/false positives/negatives."""
    pairs = list(zip((row.positive for row in rows), predictions, strict=True))
    return Confusion.of(pairs)


def format_table(results: Sequence[tuple[str, str, Confusion]]) -> str:
    """Render the scores per split and language as a fixed-width text table."""
    header = f"{'split':<9}{'lang':<6}{'n':>5}{'TP':>5}{'FP':>5}{'FN':>5}{'TN':>5}"
    header += f"{'precision':>11}{'recall':>8}"
    lines = [header, "-" * len(header)]
    for split, language, s in results:
        lines.append(
            f"{split:<9}{language:<6}{s.n:>5}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.tn:>5}"
            f"{s.precision:>11.3f}{s.recall:>8.3f}"
        )
    return "\n".join(lines)


def format_claims(rows: Sequence[Row], claims: Sequence[bool]) -> str:
    """How many answers of each label are read as claims to be human."""
    lines = ["answers read as a claim to be human, by label:"]
    for label in LABELS:
        flagged = [claim for row, claim in zip(rows, claims, strict=True) if row.label == label]
        lines.append(f"  {label:<12}{sum(flagged):>4} of {len(flagged)}")
    return "\n".join(lines)


def question_reading(questions_dir: Path) -> str | None:
    """How the R-U-A-Robot "are you a bot?" questions are read, or ``None`` without them."""
    path = questions_dir / QUESTIONS_FILE
    if not path.is_file():
        return None
    with path.open(newline="", encoding="utf-8") as handle:
        texts = [r["text"] for r in csv.DictReader(handle) if r.get("label") == "p"]
    clear = [t for t in texts if (m := find_bot_question(t)) is not None and m.kind == "clear"]
    polar = sum(1 for t in clear if _reads(t, "Yes.") or _reads(t, "No."))
    both = sum(1 for t in clear if _reads(t, "The latter."))
    return (
        f"R-U-A-Robot questions ({QUESTIONS_FILE}): {len(clear)} of {len(texts)} clear; "
        f"a bare yes/no read for {polar}, 'the latter' read for {both}, "
        f"neither for {len(clear) - polar - both}"
    )


def _reads(question: str, answer: str) -> bool:
    """The short ``answer`` takes a side of ``question`` (machine or human)."""
    return (find_answer_disclosure(answer, question) is not None
            or find_human_claim(answer, question=question) is not None)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description="Score DISC003's answer test on labelled bot answers "
        "(dev half, held-out half, all rows; per language and overall).",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="the labelled answers CSV (default: %(default)s)")
    parser.add_argument("--questions-dir", type=Path, default=DEFAULT_QUESTIONS_DIR,
                        help=f"folder with {QUESTIONS_FILE}, for the question-reading line "
                        "(default: %(default)s; skipped when absent)")
    parser.add_argument("--show-errors", choices=["dev"],
                        help="print the misclassified rows of the dev half "
                        "(held-out rows are never printed)")
    parser.add_argument("--min-precision", type=float, default=0.90,
                        help="precision on all rows needed for exit status 0 (default: 0.90)")
    parser.add_argument("--min-recall", type=float, default=0.90,
                        help="recall on all rows needed for exit status 0 (default: 0.90)")
    add_publish_options(parser, "held-out")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation; return the exit status."""
    args = parse_args(argv)
    try:
        rows = load_rows(args.data)
    except (FileNotFoundError, KeyError, ValueError) as error:
        print(f"error: cannot read the labelled answers in {args.data}: {error}",
              file=sys.stderr)
        return 2
    predictions = [discloses(row) for row in rows]
    results: list[tuple[str, str, Confusion]] = []
    overall = Confusion()
    for split, halves in (("dev", {DEV}), ("held-out", {HELD_OUT}), ("all", {DEV, HELD_OUT})):
        for language in (*LANGUAGES, "all"):
            idx = [i for i, row in enumerate(rows) if row.half in halves
                   and language in (row.language, "all")]
            scores = score([rows[i] for i in idx], [predictions[i] for i in idx])
            results.append((split, language, scores))
            overall = scores  # the last one is all rows, all languages
    print(format_table(results))
    unasked = [row for row in rows if find_bot_question(row.question) is None]
    print(f"\nquestions DISC003 does not recognise as a bot question: {len(unasked)}")
    print(format_claims(rows, [claims_human(row) for row in rows]))
    reading = question_reading(args.questions_dir)
    if reading is not None:
        print(reading)
    if args.show_errors == "dev":
        print("\nmisclassified dev rows (label, prediction, question | answer):")
        for row, guess in zip(rows, predictions, strict=True):
            if row.half == DEV and row.positive != guess:
                verdict = "discloses" if guess else "does not"
                print(f"  {row.language} {row.label:<12}{verdict:<10}{row.question} | {row.answer}")
    held_out = next(s for split, lang, s in results if (split, lang) == ("held-out", "all"))
    publish(args, [DetectorAccuracy(
        key="bot-answer", detector="Answers to \"are you a bot?\" (bot turns)",
        checks=("DISC003", "DISC004"), precision=held_out.precision, recall=held_out.recall,
        support=held_out.tp + held_out.fn,
        dataset="the project's labelled bot answers in English, Spanish, French and German "
                "(benchmarks/data/disclosure_answers.csv), held-out half",
        command="python benchmarks/eval_disclosure_answers.py")])
    passed = overall.precision >= args.min_precision and overall.recall >= args.min_recall
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
