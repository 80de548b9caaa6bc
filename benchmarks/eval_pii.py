"""Evaluate the personal-data engine against plain Presidio on presidio-research data.

Reads ``presidio_generated_small.json`` (records with ``full_text`` and gold
``spans``), maps the data set's entity types to the engine's (``ADDRESS`` is a
``STREET_ADDRESS``; types the engine does not report, such as ``ORGANIZATION``,
are not scored) and runs two systems in the same process:

- ours: ``engine_for()`` with the default settings;
- plain Presidio: ``AnalyzerEngine`` with presidio's default configuration,
  registry and thresholds, but on the same spaCy pipeline and with the e-mail
  recognizer's domain check made offline (presidio's would download the public
  suffix list).

Matching is by overlap per entity type: a predicted span is a true positive when it
overlaps a gold span of the same type; a gold span is recalled when a predicted span
of its type overlaps it.

The records are split into two fixed halves by the parity of the SHA-256 of their
text: the DEV half may be inspected while improving the engine (``--show-errors
dev``), the HELD-OUT half is only ever scored, never printed. The table shows dev,
held-out and all rows, with precision and recall per entity type.

Targets, checked on all rows of the presidio-research data: recall of at least 0.98
for CREDIT_CARD, EMAIL_ADDRESS, US_SSN and IBAN_CODE, 0.90 for PHONE_NUMBER, 0.85
for PERSON (with precision of at least 0.85) and 0.70 for STREET_ADDRESS; types
absent from the data are reported as such.

A second table scores the project's own labelled chat sentences
(``benchmarks/data/pii_chat.jsonl``: handles, hashtags, links, brands, bot personas,
agents introducing themselves, shouting, names alone on a line, and sentences in
Spanish, French, German, Italian, Dutch and Polish). Each record gives its language,
the speaker's role and, for a bot, its persona name; gold values are located in the
text. It is printed, not gated: it shows where real chat differs from generated
sentences.

``--publish`` writes the held-out figures into the reports' detector accuracy file
(``auditor/detector_accuracy.json``). Exit status: 0 when every target is met, 1 when
one is missed (each is named), 2 when the data or the spaCy pipeline is missing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from auditor.accuracy import DetectorAccuracy, add_publish_options, publish
from auditor.model import Conversation, Role, Turn
from auditor.pii import engine_for
from auditor.pii.conversations import conversation_contexts
from auditor.pii.detector import quiet_presidio_logger
from auditor.pii.pipeline import load_pipeline
from auditor.pii.recognizers import OfflineEmailRecognizer
from auditor.pii.settings import DEFAULT_SPACY_MODEL

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "pii"
DATA_FILE = "presidio_generated_small.json"
# Data set type -> engine type; unlisted types are not scored.
GOLD_TYPES: Mapping[str, str] = {
    "PERSON": "PERSON",
    "LOCATION": "LOCATION",
    "ADDRESS": "STREET_ADDRESS",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "CREDIT_CARD": "CREDIT_CARD",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "US_SSN": "US_SSN",
    "IBAN_CODE": "IBAN_CODE",
    "IP_ADDRESS": "IP_ADDRESS",
}
SCORED_TYPES = tuple(dict.fromkeys(GOLD_TYPES.values()))
# The chat sentences label personal data, not places: a city alone identifies nobody.
CHAT_TYPES = (*(entity for entity in SCORED_TYPES if entity != "LOCATION"), "NATIONAL_ID")
RECALL_TARGETS: Mapping[str, float] = {
    "CREDIT_CARD": 0.98, "EMAIL_ADDRESS": 0.98, "US_SSN": 0.98, "IBAN_CODE": 0.98,
    "PHONE_NUMBER": 0.90, "PERSON": 0.85, "STREET_ADDRESS": 0.70,
}
PRECISION_TARGETS: Mapping[str, float] = {"PERSON": 0.85}
CHAT_DATA = Path(__file__).resolve().parent / "data" / "pii_chat.jsonl"
# Check codes that report each entity type, for the published accuracy figures.
CHECKS_BY_TYPE: Mapping[str, tuple[str, ...]] = {
    "CREDIT_CARD": ("PII001", "PII002"),
    "IBAN_CODE": ("PII004", "PII005", "PII006"),
    "US_SSN": ("PII004", "PII005", "PII006"),
    "EMAIL_ADDRESS": ("PII004", "PII006"),
    "PHONE_NUMBER": ("PII004", "PII006"),
    "STREET_ADDRESS": ("PII004", "PII005", "PII006"),
    "PERSON": ("PII004", "PII006"),
}
PRESIDIO_DATASET = ("presidio-research generated_small.json (microsoft/presidio-research, "
                    "MIT), held-out half")
SPLITS = ("dev", "held-out", "all")

Span = tuple[str, int, int]


@dataclass(frozen=True)
class Record:
    """One text, its gold spans (engine types) and the half of the split it is in."""

    text: str
    gold: tuple[Span, ...]
    # Chat records only: the text's language, who wrote it, and the names the bot
    # (persona) or a human agent of its conversation introduced themselves with.
    language: str | None = None
    role: str = "customer"
    persona: str | None = None
    agent: str | None = None

    @property
    def split(self) -> str:
        """``dev`` or ``held-out``, fixed by the SHA-256 of the text."""
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        return "dev" if int(digest, 16) % 2 == 0 else "held-out"


@dataclass(frozen=True)
class Counts:
    """Overlap-matching counts for one entity type over some records."""

    support: int = 0
    recalled: int = 0
    predicted: int = 0
    correct: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.support + other.support, self.recalled + other.recalled,
                      self.predicted + other.predicted, self.correct + other.correct)

    @property
    def precision(self) -> float | None:
        """Correct predictions / predictions; None when nothing was predicted."""
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        """Recalled gold spans / gold spans; None without gold spans."""
        return self.recalled / self.support if self.support else None


def load_records(data: Path) -> list[Record]:
    """Read the data file (or the data file inside a folder)."""
    path = data / DATA_FILE if data.is_dir() else data
    records = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        gold = tuple((GOLD_TYPES[span["entity_type"]], span["start_position"],
                      span["end_position"])
                     for span in item["spans"] if span["entity_type"] in GOLD_TYPES)
        records.append(Record(item["full_text"], gold))
    return records


def load_chat_records(path: Path) -> list[Record]:
    """Read the labelled chat sentences; each gold value is located in its text."""
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        text = item["text"]
        gold = []
        for entity, value in item["pii"]:
            start = text.index(value)
            gold.append((entity, start, start + len(value)))
        records.append(Record(text, tuple(gold), item.get("lang"), item.get("role", "customer"),
                              item.get("persona"), item.get("agent")))
    return records


def plain_presidio(model: str) -> AnalyzerEngine:
    """presidio's defaults on `model`, with the e-mail domain check made offline."""
    configuration = dict(NlpEngineProvider().nlp_configuration)
    configuration["models"] = [{"lang_code": "en", "model_name": model}]
    nlp_engine = NlpEngineProvider(nlp_configuration=configuration).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=nlp_engine)
    analyzer.registry.recognizers = [
        OfflineEmailRecognizer(context=recognizer.context,
                               supported_language=recognizer.supported_language)
        if isinstance(recognizer, EmailRecognizer) else recognizer
        for recognizer in analyzer.registry.recognizers
    ]
    return analyzer


def predict_ours(records: Sequence[Record]) -> list[tuple[Span, ...]]:
    """The engine's spans for every record, in one batch."""
    results = engine_for().analyze_many([record.text for record in records])
    return [tuple((s.entity_type, s.start, s.end) for s in spans) for spans in results]


def predict_chat(records: Sequence[Record]) -> list[tuple[Span, ...]]:
    """The engine's spans for every chat sentence, read as the PII checks read it.

    Each sentence becomes the last turn of a small conversation in its language: a
    customer's sentence follows the introduction of the bot or agent it names, if any,
    and the checks' own context (`conversation_contexts`) is derived from it.
    """
    contexts = [conversation_contexts(chat_conversation(record)).of(chat_turn(record))
                for record in records]
    results = engine_for().analyze_many([record.text for record in records], contexts)
    return [tuple((s.entity_type, s.start, s.end) for s in spans) for spans in results]


def chat_conversation(record: Record) -> Conversation:
    """A conversation ending with `record`'s sentence, as a transcript would hold it."""
    introductions = []
    if record.role == "customer" and record.persona:
        introductions.append(Turn(0, Role.BOT, f"Hi, I'm {record.persona}, a virtual assistant."))
    if record.role == "customer" and record.agent:
        introductions.append(Turn(len(introductions), Role.AGENT,
                                  f"Hi, this is {record.agent} from the support team."))
    turns = (*introductions, chat_turn(record, len(introductions)))
    attributes = {"language": record.language} if record.language else {}
    return Conversation("chat", turns, attributes=attributes)


def chat_turn(record: Record, index: int | None = None) -> Turn:
    """`record`'s sentence as a turn (at the end of `chat_conversation` by default)."""
    if index is None:
        index = int(record.role == "customer" and bool(record.persona)) + int(
            record.role == "customer" and bool(record.agent))
    return Turn(index, Role(record.role), record.text)


def published_figures(held_out: Mapping[str, Counts]) -> list[DetectorAccuracy]:
    """The held-out figures per entity type with gold spans, for the reports."""
    return [DetectorAccuracy(
        key=f"pii:{entity}", detector=f"Personal data: {entity}", checks=CHECKS_BY_TYPE[entity],
        precision=counts.precision, recall=counts.recall, support=counts.support,
        dataset=PRESIDIO_DATASET, command="python benchmarks/eval_pii.py")
        for entity, counts in held_out.items() if entity in CHECKS_BY_TYPE and counts.support]


def predict_presidio(analyzer: AnalyzerEngine, records: Sequence[Record]) -> list[tuple[Span, ...]]:
    """Plain Presidio's spans for every record, one call each, as presidio documents."""
    return [tuple((r.entity_type, r.start, r.end)
                  for r in analyzer.analyze(text=record.text, language="en"))
            for record in records]


def _overlap(a: Span, b: Span) -> bool:
    """Same type and at least one shared character."""
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def count(record: Record, predicted: Sequence[Span], entity: str) -> Counts:
    """Overlap-matching counts for one record and type."""
    gold = [span for span in record.gold if span[0] == entity]
    guesses = [span for span in predicted if span[0] == entity]
    return Counts(support=len(gold),
                  recalled=sum(any(_overlap(g, p) for p in guesses) for g in gold),
                  predicted=len(guesses),
                  correct=sum(any(_overlap(p, g) for g in gold) for p in guesses))


def tally(records: Sequence[Record], predictions: Sequence[Sequence[Span]],
          split: str, types: Sequence[str] = SCORED_TYPES) -> dict[str, Counts]:
    """Counts per type over the records of `split` ("all" for every record)."""
    totals = {entity: Counts() for entity in types}
    for record, predicted in zip(records, predictions, strict=True):
        if split in ("all", record.split):
            for entity in types:
                totals[entity] += count(record, predicted, entity)
    return totals


def _rate(value: float | None) -> str:
    """A rate with three decimals, or a dash when undefined."""
    return "-" if value is None else f"{value:.3f}"


def format_chat_table(ours: Mapping[str, Mapping[str, Counts]]) -> str:
    """One block per split of the chat sentences: support, precision, recall."""
    header = f"{'split':<9}{'entity':<16}{'support':>8}{'predicted':>10}{'P':>8}{'R':>8}"
    lines = [header, "-" * len(header)]
    for split in SPLITS:
        for entity in CHAT_TYPES:
            counts = ours[split][entity]
            if counts.support or counts.predicted:
                lines.append(f"{split:<9}{entity:<16}{counts.support:>8}{counts.predicted:>10}"
                             f"{_rate(counts.precision):>8}{_rate(counts.recall):>8}")
    return "\n".join(lines)


def format_table(ours: Mapping[str, Mapping[str, Counts]],
                 presidio: Mapping[str, Mapping[str, Counts]]) -> str:
    """One block per split: support, our precision/recall, plain Presidio's."""
    header = (f"{'split':<9}{'entity':<16}{'support':>8}{'our P':>8}{'our R':>8}"
              f"{'presidio P':>12}{'presidio R':>12}")
    lines = [header, "-" * len(header)]
    for split in SPLITS:
        for entity in SCORED_TYPES:
            mine, theirs = ours[split][entity], presidio[split][entity]
            lines.append(f"{split:<9}{entity:<16}{mine.support:>8}{_rate(mine.precision):>8}"
                         f"{_rate(mine.recall):>8}{_rate(theirs.precision):>12}"
                         f"{_rate(theirs.recall):>12}")
    return "\n".join(lines)


def missed_targets(ours: Mapping[str, Counts]) -> list[str]:
    """Each target missed on all rows, as a sentence (types without data are not scored)."""
    missed = []
    for entity, target in RECALL_TARGETS.items():
        recall = ours[entity].recall
        if recall is not None and recall < target:
            missed.append(f"{entity}: recall {recall:.3f} is below {target}")
    for entity, target in PRECISION_TARGETS.items():
        precision = ours[entity].precision
        if ours[entity].support and (precision or 0.0) < target:
            missed.append(f"{entity}: precision {_rate(precision)} is below {target}")
    return missed


def show_dev_errors(records: Sequence[Record], predictions: Sequence[Sequence[Span]],
                    types: Sequence[str] = SCORED_TYPES) -> None:
    """Print missed and spurious spans of dev records only (held-out rows never)."""
    print("\ndev errors (FN = gold span missed, FP = predicted span matching no gold span):")
    for record, predicted in zip(records, predictions, strict=True):
        if record.split != "dev":
            continue
        scored = [p for p in predicted if p[0] in types]
        errors = [("FN", g) for g in record.gold if not any(_overlap(g, p) for p in scored)]
        errors += [("FP", p) for p in scored if not any(_overlap(p, g) for g in record.gold)]
        if errors:
            print(f"  {record.text!r}")
            for kind, (entity, start, end) in errors:
                print(f"      {kind} {entity:<15} {record.text[start:end]!r}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description="Score the PII engine and plain Presidio per entity type "
                    "(dev half, held-out half, all rows).")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"{DATA_FILE} or the folder holding it (default: %(default)s)")
    parser.add_argument("--chat", type=Path, default=CHAT_DATA,
                        help="the labelled chat sentences (default: %(default)s)")
    parser.add_argument("--show-errors", choices=["dev"],
                        help="print our errors on the dev half (held-out rows are never printed)")
    add_publish_options(parser, "held-out")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation; return the exit status."""
    args = parse_args(argv)
    try:
        records = load_records(args.data)
    except (OSError, ValueError, KeyError) as error:
        print(f"error: cannot read the PII evaluation data at {args.data}: {error}",
              file=sys.stderr)
        return 2
    if not load_pipeline(DEFAULT_SPACY_MODEL).ner:
        print(f"error: the spaCy pipeline {DEFAULT_SPACY_MODEL} is not installed; "
              "install the project with `pip install -e .`", file=sys.stderr)
        return 2
    quiet_presidio_logger()
    ours = predict_ours(records)
    theirs = predict_presidio(plain_presidio(DEFAULT_SPACY_MODEL), records)
    our_counts = {split: tally(records, ours, split) for split in SPLITS}
    their_counts = {split: tally(records, theirs, split) for split in SPLITS}
    sizes = {split: sum(split in ("all", r.split) for r in records) for split in SPLITS}
    print("records: " + ", ".join(f"{split} {n}" for split, n in sizes.items()))
    print(format_table(our_counts, their_counts))
    absent = [entity for entity in RECALL_TARGETS if our_counts["all"][entity].support == 0]
    if absent:
        print(f"\nnot in the data, so not scored: {', '.join(absent)}")
    if args.show_errors == "dev":
        show_dev_errors(records, ours)
    chat = load_chat_records(args.chat)
    chat_predictions = predict_chat(chat)
    chat_counts = {split: tally(chat, chat_predictions, split, CHAT_TYPES) for split in SPLITS}
    chat_sizes = ", ".join(f"{split} {sum(split in ('all', r.split) for r in chat)}"
                           for split in SPLITS)
    print(f"\nchat sentences ({args.chat.name}): {chat_sizes}")
    print(format_chat_table(chat_counts))
    if args.show_errors == "dev":
        show_dev_errors(chat, chat_predictions, CHAT_TYPES)
    publish(args, published_figures(our_counts["held-out"]))
    missed = missed_targets(our_counts["all"])
    for sentence in missed:
        print(f"target missed: {sentence}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
