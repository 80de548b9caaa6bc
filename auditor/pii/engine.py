"""The personal-data engine the PII checks and the redaction share.

`PiiEngine.analyze(text)` returns the personal data found in a text as frozen
`PiiSpan`s; `analyze_many(texts)` returns the same for many texts, batched and
cached. Detection (presidio recognizers and a spaCy pipeline) lives in
`detector.py`; this module turns candidates into findings with the settings:

1. keep the configured entity types, each at or above its score threshold;
2. drop values inside a match of an allow pattern (order numbers, placeholders);
3. resolve overlaps between types: the more specific type wins (a card number is
   not also a phone number), then the higher score, then the longer span.

How texts reach the detector is the engine's `Strategy`: `BATCHED` (the default)
analyses each distinct text once, in batches, with the detector's shortcuts and a
bounded cache; `ONE_BY_ONE` makes one plain presidio `AnalyzerEngine.analyze` call
per text, with no de-duplication, batching or shortcut: `prefetch` analyses every
message of an audit that way, once, and other texts are analysed on each request.
`ONE_BY_ONE` is the baseline `BATCHED` is tested and measured against
(`benchmarks/bench_pii.py`); `engine_for` builds it only inside
`with analysis_strategy(...)`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from auditor.pii.cache import BoundedCache
from auditor.pii.detector import CACHE_SIZE, Detector, detector_for
from auditor.pii.settings import PiiSettings
from auditor.pii.spans import PiiSpan

__all__ = ["PiiEngine", "PiiSpan", "Strategy", "analysis_strategy", "engine_for"]

# Which type wins when two values overlap: checksummed and structured identifiers
# first, free-text entities last. "Nelson Mandela Drive" is an address, not a person.
TYPE_PRIORITY: tuple[str, ...] = (
    "CREDIT_CARD", "IBAN_CODE", "US_SSN", "EMAIL_ADDRESS", "IP_ADDRESS", "PHONE_NUMBER",
    "STREET_ADDRESS", "PERSON", "LOCATION",
)
_RANK = {entity: rank for rank, entity in enumerate(TYPE_PRIORITY)}


class Strategy(enum.Enum):
    """How an engine turns texts into detector calls (see the module docstring)."""

    BATCHED = "batched"
    ONE_BY_ONE = "one-by-one"


# The strategy `engine_for` builds engines with; changed only by `analysis_strategy`.
_STRATEGY: ContextVar[Strategy] = ContextVar("pii_analysis_strategy",
                                             default=Strategy.BATCHED)


@contextmanager
def analysis_strategy(strategy: Strategy) -> Iterator[None]:
    """Within the block, `engine_for` returns engines that use `strategy`."""
    token = _STRATEGY.set(strategy)
    try:
        yield
    finally:
        _STRATEGY.reset(token)


class PiiEngine:
    """Finds personal data in texts according to `settings`; build with `engine_for`.

    `analyses` counts the texts this engine has sent to the detector.
    """

    def __init__(self, settings: PiiSettings, detector: Detector | None = None, *,
                 strategy: Strategy = Strategy.BATCHED) -> None:
        self.settings = settings
        self.strategy = strategy
        self.analyses = 0
        self.detector = detector if detector is not None else detector_for(settings.spacy_model)
        self.ner_available: bool = self.detector.pipeline.ner
        self.ner_note: str | None = self.detector.pipeline.note
        self._entities = frozenset(settings.entities)
        self._allow = tuple(re.compile(pattern) for pattern in settings.allow_patterns)
        self._cache: BoundedCache[tuple[PiiSpan, ...]] = BoundedCache(CACHE_SIZE)
        # ONE_BY_ONE only: the last prefetched messages and their results.
        self._prefetched_batch: list[str] = []
        self._prefetched: dict[str, tuple[PiiSpan, ...]] = {}

    def analyze(self, text: str) -> tuple[PiiSpan, ...]:
        """Personal data in `text`, sorted by position, overlaps resolved."""
        if self.strategy is Strategy.BATCHED:
            # Checks ask about each turn several times: answer repeats without building a batch.
            cached = self._cache.get(text)
            if cached is not None:
                return cached
        return self.analyze_many([text])[0]

    def analyze_many(self, texts: Sequence[str]) -> list[tuple[PiiSpan, ...]]:
        """`analyze` for each text, with each distinct text analysed once, in batches.

        With `Strategy.ONE_BY_ONE`, a prefetched result or `analyze_one_by_one`.
        """
        if self.strategy is Strategy.ONE_BY_ONE:
            return [spans if (spans := self._prefetched.get(text)) is not None
                    else self.analyze_one_by_one(text) for text in texts]
        found: dict[str, tuple[PiiSpan, ...]] = {}
        missing: list[str] = []
        for text in texts:
            cached = self._cache.get(text)
            if cached is not None:
                found[text] = cached
            elif text not in found:
                found[text] = ()
                missing.append(text)
        if not missing:
            return [found[text] for text in texts]
        self.analyses += len(missing)
        for text, candidates in zip(missing, self.detector.detect_many(missing), strict=True):
            spans = self.select(text, candidates)
            found[text] = spans
            self._cache.put(text, spans)
        return [found[text] for text in texts]

    def prefetch(self, texts: Sequence[str]) -> None:
        """Analyse the messages of an audit ahead of the `analyze` calls that ask about them.

        `BATCHED`: batching many texts is cheaper than analysing them one at a time;
        the results wait in the cache. `ONE_BY_ONE`: one presidio call per message,
        repeated texts included, kept until the next prefetch of other texts. The
        checks of a pack each prefetch the same messages; only the first call works.
        """
        if self.strategy is Strategy.BATCHED:
            self.analyze_many(texts)
            return
        batch = list(texts)
        if batch == self._prefetched_batch:
            return
        self._prefetched = {}
        for text in batch:
            self._prefetched[text] = self.analyze_one_by_one(text)
        self._prefetched_batch = batch

    def analyze_one_by_one(self, text: str) -> tuple[PiiSpan, ...]:
        """`analyze` through one plain presidio `AnalyzerEngine.analyze` call, uncached.

        Slow on purpose: the reference `analyze_many` is tested and measured against.
        """
        self.analyses += 1
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
    """The shared engine for `settings` (defaults when None), built once per run.

    It uses the strategy of the enclosing `analysis_strategy` block, `BATCHED` outside one.
    """
    return _engine_for(settings if settings is not None else PiiSettings(), _STRATEGY.get())


@lru_cache(maxsize=16)
def _engine_for(settings: PiiSettings, strategy: Strategy) -> PiiEngine:
    """One engine per distinct settings and strategy; engines on a pipeline share a detector."""
    return PiiEngine(settings, strategy=strategy)
