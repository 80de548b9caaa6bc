"""Evaluate ESC010 (rising frustration left unheeded) on the labelled conversations.

Reads ``benchmarks/data/frustration.jsonl``: one conversation per line, written for
this project in the style of public support threads and chat logs, in English,
Spanish, French and German, labelled ``unheeded`` (frustration rose across two customer
turns and the bot neither acknowledged it nor brought a person), ``heeded`` (it rose,
and the bot acknowledged it or a person took over) or ``not_frustrated`` (hard
negatives: capitals of acronyms and product names, "!!!" of delight, praise with a
swear word, one frustrated turn only, worry rather than anger).

Every conversation is audited by ESC010 itself, with its default options; the
conversation's language is identified from its text, as in a real export that does
not declare it (``--declared-language`` declares it instead). Positive = ``unheeded``
= ESC010 reports a finding. The rows are split into two fixed halves by a SHA-256 of
the conversation's text: the DEV half may be inspected while writing lexicons
(``--show-errors dev``), the HELD-OUT half is only ever scored, never printed. The
table gives precision and recall per language and for all, on each half and on all
rows. ``--publish`` writes the held-out figures into the reports' detector accuracy
file (see ``accuracy_file.py``). Exit status 0 when precision and recall on all rows
reach the thresholds, 1 otherwise, 2 when the data cannot be read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from auditor.checks.escalation.frustration import FrustrationUnheededCheck

from auditor.accuracy import Confusion, DetectorAccuracy, add_publish_options, publish
from auditor.model import AuditInput, Conversation, Role, Turn

DEFAULT_DATA = Path(__file__).resolve().parent / "data" / "frustration.jsonl"
LANGUAGES = ("en", "es", "fr", "de")
DEV, HELD_OUT = 0, 1
SPLITS = {"dev": (DEV,), "held-out": (HELD_OUT,), "all": (DEV, HELD_OUT)}


@dataclass(frozen=True)
class Row:
    """One labelled conversation."""

    id: str
    language: str
    label: str
    conversation: Conversation

    @property
    def positive(self) -> bool:
        """True for the label ESC010 must report."""
        return self.label == "unheeded"

    @property
    def half(self) -> int:
        """``DEV`` (0) or ``HELD_OUT`` (1), fixed by the SHA-256 of the conversation's text."""
        text = "\n".join(turn.text for turn in self.conversation.turns)
        return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 2


def load_rows(path: Path, *, declared_language: bool = False) -> list[Row]:
    """Read the labelled conversations as canonical `Conversation` objects."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        turns = tuple(
            Turn(index, Role(turn["role"]), turn.get("text", ""), event=turn.get("event"))
            for index, turn in enumerate(record["turns"]))
        attributes = {"region": record["region"]}
        if declared_language:
            attributes["language"] = record["language"]
        conversation = Conversation(record["id"], turns, channel="web",
                                    attributes=MappingProxyType(attributes))
        rows.append(Row(record["id"], record["language"], record["label"], conversation))
    return rows


def reported(rows: Sequence[Row]) -> dict[str, str]:
    """ESC010's findings by conversation id (their messages), from one audit of all rows."""
    check = FrustrationUnheededCheck()
    outcome = check.run(AuditInput(tuple(row.conversation for row in rows)),
                        options=dict(check.default_options))
    return {finding.conversation_id or "": finding.message for finding in outcome.findings}


def score(rows: Sequence[Row], found: dict[str, str]) -> Confusion:
    """Count true and false positives and negatives."""
    pairs = [(row.positive, row.id in found) for row in rows]
    return Confusion.of(pairs)


def table(rows: Sequence[Row], found: dict[str, str]) -> tuple[str, dict[str, Confusion]]:
    """The per-split, per-language table, and the scores of each split over all languages."""
    header = (f"{'split':<10}{'language':<10}{'n':>5}{'TP':>5}{'FP':>5}{'FN':>5}{'TN':>5}"
              f"{'precision':>11}{'recall':>8}")
    lines = [header, "-" * len(header)]
    totals = {}
    for split, halves in SPLITS.items():
        for language in (*LANGUAGES, "all"):
            chosen = [r for r in rows if r.half in halves
                      and (language == "all" or r.language == language)]
            s = score(chosen, found)
            if language == "all":
                totals[split] = s
            lines.append(f"{split:<10}{language:<10}{s.n:>5}{s.tp:>5}{s.fp:>5}{s.fn:>5}"
                         f"{s.tn:>5}{s.precision:>11.3f}{s.recall:>8.3f}")
    return "\n".join(lines), totals


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description="Score ESC010 on the labelled frustration "
                                                 "conversations (dev, held-out, all).")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="labelled conversations, JSONL (default: %(default)s)")
    parser.add_argument("--declared-language", action="store_true",
                        help="declare each conversation's language instead of identifying it")
    parser.add_argument("--show-errors", choices=["dev"],
                        help="print the misclassified dev conversations (held-out ones never)")
    add_publish_options(parser, "held-out")
    parser.add_argument("--min-precision", type=float, default=0.85,
                        help="precision on all rows needed for exit status 0 (default: 0.85)")
    parser.add_argument("--min-recall", type=float, default=0.80,
                        help="recall on all rows needed for exit status 0 (default: 0.80)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Audit every labelled conversation with ESC010, print the table, gate on all rows."""
    args = parse_args(argv)
    try:
        rows = load_rows(args.data, declared_language=args.declared_language)
    except (OSError, ValueError, KeyError) as error:
        print(f"cannot read {args.data}: {error}", file=sys.stderr)
        return 2
    found = reported(rows)
    text, totals = table(rows, found)
    print(f"ESC010 on {args.data.name}: positive = unheeded; language "
          f"{'declared' if args.declared_language else 'identified from the text'}")
    print(text)
    if args.show_errors == "dev":
        for row in rows:
            if row.half == DEV and row.positive != (row.id in found):
                print(f"\n{row.id} ({row.label}): {found.get(row.id, 'no finding')}")
                for turn in row.conversation.turns:
                    print(f"  {turn.index} {turn.role.value}: {turn.text or turn.event}")
    if args.publish:
        held_out = totals["held-out"]
        publish(args, [DetectorAccuracy(
            key="frustration-unheeded",
            detector="Rising frustration left unheeded (conversations)", checks=("ESC010",),
            precision=held_out.precision, recall=held_out.recall,
            support=held_out.tp + held_out.fn,
            dataset="the project's labelled support conversations in English, Spanish, French "
                    "and German (benchmarks/data/frustration.jsonl), held-out half",
            command="python benchmarks/eval_frustration.py")])
    overall = totals["all"]
    passed = overall.precision >= args.min_precision and overall.recall >= args.min_recall
    print(f"\nall rows: precision {overall.precision:.3f} (min {args.min_precision}), "
          f"recall {overall.recall:.3f} (min {args.min_recall}): "
          f"{'pass' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
