"""The personal-data engine the PII checks and the redaction share.

`PiiEngine.analyze(text)` returns the personal data found in a text as frozen
`PiiSpan`s; `analyze_many(texts)` returns the same for many texts, batched and
cached. Detection (presidio recognizers and a spaCy pipeline) lives in
`detector.py`; this module turns candidates into findings with the settings:

1. keep the configured entity types, each at or above its score threshold;
2. drop values inside a match of an allow pattern (order numbers, placeholders);
3. resolve overlaps between types: the more specific type wins (a card number is
   not also a phone number), then the higher score, then the longer span.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from auditor.pii.cache import BoundedCache
from auditor.pii.detector import CACHE_SIZE, Detector, detector_for
from auditor.pii.settings import PiiSettings
from auditor.pii.spans import PiiSpan

__all__ = ["PiiEngine", "PiiSpan", "engine_for"]

# Which type wins when two values overlap: checksummed and structured identifiers
# first, free-text entities last. "Nelson Mandela Drive" is an address, not a person.
TYPE_PRIORITY: tuple[str, ...] = (
    "CREDIT_CARD", "IBAN_CODE", "US_SSN", "EMAIL_ADDRESS", "IP_ADDRESS", "PHONE_NUMBER",
    "STREET_ADDRESS", "PERSON", "LOCATION",
)
_RANK = {entity: rank for rank, entity in enumerate(TYPE_PRIORITY)}


class PiiEngine:
    """Finds personal data in texts according to `settings`; build with `engine_for`."""

    def __init__(self, settings: PiiSettings, detector: Detector | None = None) -> None:
        self.settings = settings
        self.detector = detector if detector is not None else detector_for(settings.spacy_model)
        self.ner_available: bool = self.detector.pipeline.ner
        self.ner_note: str | None = self.detector.pipeline.note
        self._entities = frozenset(settings.entities)
        self._allow = tuple(re.compile(pattern) for pattern in settings.allow_patterns)
        self._cache: BoundedCache[tuple[PiiSpan, ...]] = BoundedCache(CACHE_SIZE)

    def analyze(self, text: str) -> tuple[PiiSpan, ...]:
        """Personal data in `text`, sorted by position, overlaps resolved."""
        return self.analyze_many([text])[0]

    def analyze_many(self, texts: Sequence[str]) -> list[tuple[PiiSpan, ...]]:
        """`analyze` for each text, with each distinct text analysed once, in batches."""
        found: dict[str, tuple[PiiSpan, ...]] = {}
        missing: list[str] = []
        for text in texts:
            cached = self._cache.get(text)
            if cached is not None:
                found[text] = cached
            elif text not in found:
                found[text] = ()
                missing.append(text)
        for text, candidates in zip(missing, self.detector.detect_many(missing), strict=True):
            spans = self.select(text, candidates)
            found[text] = spans
            self._cache.put(text, spans)
        return [found[text] for text in texts]

    def analyze_one_by_one(self, text: str) -> tuple[PiiSpan, ...]:
        """`analyze` through one plain presidio `AnalyzerEngine.analyze` call, uncached.

        Slow on purpose: the reference `analyze_many` is tested and measured against.
        """
        return self.select(text, self.detector.detect_one_by_one(text))

    def select(self, text: str, candidates: Sequence[PiiSpan]) -> tuple[PiiSpan, ...]:
        """Apply entity types, thresholds, the allow list and overlap resolution."""
        kept = [span for span in candidates if span.entity_type in self._entities
                and span.score >= self.settings.threshold(span.entity_type)]
        if kept and self._allow:
            allowed = [match.span() for pattern in self._allow for match in pattern.finditer(text)]
            kept = [span for span in kept
                    if not any(start <= span.start and span.end <= end for start, end in allowed)]
        return resolve_overlaps(kept)


def resolve_overlaps(spans: Sequence[PiiSpan]) -> tuple[PiiSpan, ...]:
    """Non-overlapping spans in text order: specific types, high scores, long spans first."""
    ranked = sorted(spans, key=lambda s: (_RANK.get(s.entity_type, len(_RANK)), -s.score,
                                          -(s.end - s.start), s.start))
    chosen: list[PiiSpan] = []
    for span in ranked:
        if not any(span.overlaps(other) for other in chosen):
            chosen.append(span)
    return tuple(sorted(chosen, key=lambda s: (s.start, s.end)))


def engine_for(settings: PiiSettings | None = None) -> PiiEngine:
    """The shared engine for `settings` (defaults when None), built once per run."""
    return _engine_for(settings if settings is not None else PiiSettings())


@lru_cache(maxsize=16)
def _engine_for(settings: PiiSettings) -> PiiEngine:
    """One engine per distinct settings; engines on the same pipeline share a detector."""
    return PiiEngine(settings)
