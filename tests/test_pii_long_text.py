"""A message longer than `long-text-chars` is read in bounded, overlapping pieces: the
same values as reading it whole, no detector call larger than a piece, a note in the
report, and overlap resolution that stays n log n."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from auditor.cli import main
from auditor.pii import PiiSettings
from auditor.pii.engine import PIECE_OVERLAP, PiiEngine, resolve_overlaps, text_pieces
from auditor.pii.spans import PiiSpan
from tests.conftest import write_jsonl

SENTENCES = (
    "The parcel was late again and I would like to know when it arrives.",
    "You can reach me at {email} if anything changes.",
    "My number is {phone}, call me after six.",
    "Please charge the card {card} for the replacement.",
    "I spoke to {name} yesterday and nothing happened.",
    "Thanks for your help so far, the tracking page says nothing.",
)
NAMES = ("Maria Lopez", "Jonas Weber", "Aiko Tanaka", "Pablo Ruiz")
CARDS = ("4111 1111 1111 1111", "5555 5555 5555 4444", "3782 822463 10005")


def _long_text(characters: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts, size = [], 0
    while size < characters:
        sentence = rng.choice(SENTENCES).format(
            email=f"customer{rng.randrange(999)}@example.com",
            phone=f"+1 202 555 01{rng.randrange(100):02d}",
            card=rng.choice(CARDS), name=rng.choice(NAMES))
        parts.append(sentence)
        size += len(sentence) + 1
    return " ".join(parts)


@pytest.mark.parametrize("size", [10_000, 25_000, 100_000])
def test_pieces_cover_the_text_once_each_with_room_on_both_sides(size: int) -> None:
    text = _long_text(260_000)
    pieces = text_pieces(text, size)
    assert pieces[0].keeps_from == 0 and pieces[-1].keeps_to == len(text)
    for piece, following in zip(pieces, pieces[1:], strict=False):
        assert piece.keeps_to == following.keeps_from  # kept parts partition the text
        assert piece.end - piece.keeps_to >= PIECE_OVERLAP // 2 - PIECE_OVERLAP // 4
        assert following.keeps_from - following.start >= PIECE_OVERLAP // 2 - 1
    assert max(piece.end - piece.start for piece in pieces) <= size


class _Recording:
    """A detector wrapper that records the size of every batch it is given."""

    def __init__(self, detector: Any) -> None:
        self._detector = detector
        self.batches: list[list[int]] = []

    def detect_many(self, texts: Any, contexts: Any) -> Any:
        self.batches.append([len(text) for text in texts])
        return self._detector.detect_many(texts, contexts)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._detector, name)


def test_a_long_message_gives_the_values_of_reading_it_whole_in_bounded_calls() -> None:
    text = _long_text(60_000)
    whole = PiiEngine(PiiSettings(long_text_chars=1_000_000)).analyze(text)
    engine = PiiEngine(PiiSettings(long_text_chars=10_000))
    recording = _Recording(engine.detector)
    engine.detector = recording  # type: ignore[assignment]
    engine._detectors = {engine.settings.spacy_model: recording}  # type: ignore[dict-item]
    pieces = engine.analyze(text)
    assert len(whole) > 100
    assert pieces == whole
    assert engine.long_texts == 1
    assert len(recording.batches) == len(text_pieces(text, 10_000))
    assert all(len(batch) == 1 and batch[0] <= 10_000 for batch in recording.batches)


def test_the_report_says_when_a_message_was_read_in_pieces(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", [
        {"conversation_id": "c1", "role": "bot", "text": "Hi, I'm a virtual assistant."},
        {"conversation_id": "c1", "role": "customer", "text": _long_text(30_000)}])
    policy = tmp_path / "auditor.toml"
    policy.write_text('[packs.PII]\nlong-text-chars = 10000\n', encoding="utf-8")
    out = tmp_path / "out"
    main(["scan", str(path), "--policy", str(policy), "--select", "PII004", "--format",
          "json", "--out", str(out), "--quiet"])
    notes = json.loads((out / "report.json").read_text(encoding="utf-8"))["notes"]
    assert any("read in overlapping pieces of about 10,000 characters" in n for n in notes)
    policy.write_text('[packs.PII]\nlong-text-chars = 500\n', encoding="utf-8")
    assert main(["scan", str(path), "--policy", str(policy), "--select", "PII004",
                 "--out", str(out), "--quiet"]) in (2, 3)


def _brute_force(spans: list[PiiSpan]) -> tuple[PiiSpan, ...]:
    from auditor.pii.engine import _RANK

    ranked = sorted(spans, key=lambda s: (_RANK.get(s.entity_type, len(_RANK)), -s.score,
                                          -(s.end - s.start), s.start))
    chosen: list[PiiSpan] = []
    for span in ranked:
        if not any(span.overlaps(other) for other in chosen):
            chosen.append(span)
    return tuple(sorted(chosen, key=lambda s: (s.start, s.end)))


@pytest.mark.parametrize("seed", range(20))
def test_overlap_resolution_chooses_as_comparing_every_pair_did(seed: int) -> None:
    rng = random.Random(seed)
    spans = []
    for _ in range(300):
        start = rng.randrange(2000)
        spans.append(PiiSpan(rng.choice(("EMAIL_ADDRESS", "PERSON", "PHONE_NUMBER",
                                         "CREDIT_CARD", "LOCATION")),
                             start, start + rng.randrange(1, 40), round(rng.random(), 2)))
    assert resolve_overlaps(spans) == _brute_force(spans)
