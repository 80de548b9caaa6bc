"""Support conversations built from public customer text, for measuring the PII pack.

`bench_pii.py`'s corpus comes from templates, so many of its messages repeat and the
engine's de-duplication does much of the work. Real exports repeat far less. This
corpus takes its sentences from the public data sets in `../shared/data/` (see its
README for sources and licences), read where they are and never copied:

- bitext customer-support utterances (train and validation): customer requests with
  order numbers, names and account details;
- R-U-A-Robot utterances: short chat lines, many asking whether the other side is a bot;
- presidio-research `generated_small.json`: sentences full of names, addresses,
  phone numbers, card numbers and e-mail addresses;
- the ABCD sample dialogues: agents' and customers' turns (actions left out).

A message is one sentence (a fifth of them, each sentence alone at most once) or two
to three sentences drawn at random, so most messages are new texts made of real
ones, as a customer writing several sentences at once makes; turns alternate
between customer and bot. `write_corpus` writes the canonical JSONL
transcript format (one line per turn) and returns how many messages repeat an
earlier one: the benchmark requires under 10 %. Same size and seed, same file.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

__all__ = ["DEFAULT_DATA", "CorpusStats", "public_sentences", "write_corpus"]

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SOURCES = (
    "escalation/bitext_cs_train.csv", "escalation/bitext_cs_validation.csv",
    "disclosure/ruarobot_pos.val.csv", "disclosure/ruarobot_neg.val.csv",
    "disclosure/ruarobot_amb.val.csv", "pii/presidio_generated_small.json",
    "transcripts/abcd_sample.json",
)
TURNS_PER_CONVERSATION = (4, 8)
SENTENCES_PER_MESSAGE = (2, 3)
# The share of messages that are one sentence alone, while unused sentences remain.
ALONE_SHARE = 0.2
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class CorpusStats:
    """What `write_corpus` wrote: conversations, messages, and how many messages repeat
    the text of an earlier one."""

    conversations: int
    messages: int
    repeated: int
    sentences: int

    @property
    def repeated_share(self) -> float:
        """The share of messages whose text an earlier message already had."""
        return self.repeated / self.messages if self.messages else 0.0


def public_sentences(data: Path = DEFAULT_DATA) -> list[str]:
    """Every distinct non-empty sentence of the sources, in a fixed order.

    FileNotFoundError names the first source missing.
    """
    sentences: dict[str, None] = {}
    for name in SOURCES:
        path = data / name
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing (see {data / 'README.md'})")
        for text in _texts(path):
            text = " ".join(text.split())
            if text:
                sentences[text] = None
    return list(sentences)


def write_corpus(path: Path, messages: int, seed: int, data: Path = DEFAULT_DATA
                 ) -> CorpusStats:
    """Write about `messages` turns (whole conversations) to `path` as canonical JSONL."""
    sentences = public_sentences(data)
    rng = random.Random(seed)
    alone = sentences[:]
    rng.shuffle(alone)
    seen: set[str] = set()
    written = repeated = conversations = 0
    with path.open("w", encoding="utf-8") as out:
        while written < messages:
            turns = rng.randint(*TURNS_PER_CONVERSATION)
            started = START + timedelta(minutes=7 * conversations)
            for index, text in enumerate(_messages(rng, sentences, alone, turns)):
                record = {"conversation_id": f"pub-{conversations:06d}",
                          "turn_index": index,
                          "role": "customer" if index % 2 == 0 else "bot",
                          "text": text,
                          "timestamp": (started + timedelta(seconds=40 * index))
                          .strftime("%Y-%m-%dT%H:%M:%SZ")}
                if index == 0:
                    record["channel"] = "web"
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                repeated += text in seen
                seen.add(text)
            written += turns
            conversations += 1
    return CorpusStats(conversations, written, repeated, len(sentences))


def _messages(rng: random.Random, sentences: list[str], alone: list[str],
              count: int) -> Iterator[str]:
    """`count` messages: a sentence not yet used alone (taken off `alone`), or two to
    three sentences."""
    for _ in range(count):
        if alone and rng.random() < ALONE_SHARE:
            yield alone.pop()
        else:
            yield " ".join(rng.choice(sentences)
                           for _ in range(rng.randint(*SENTENCES_PER_MESSAGE)))


def _texts(path: Path) -> Iterator[str]:
    """The sentences one source file holds."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                yield row.get("utterance") or row.get("text") or ""
        return
    document = json.loads(path.read_text(encoding="utf-8"))
    for item in document:
        if "full_text" in item:  # presidio-research
            yield item["full_text"]
        for speaker, text in item.get("original", ()):  # ABCD
            if speaker in ("agent", "customer"):
                yield text
