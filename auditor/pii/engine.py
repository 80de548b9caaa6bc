"""The personal-data engine the PII checks and the redaction share.

`PiiEngine.analyze(text, context)` returns the personal data found in a text as
frozen `PiiSpan`s; `analyze_many(texts, contexts)` returns the same for many texts,
batched and cached. Detection (presidio recognizers and a spaCy pipeline) lives in
`detector.py`; this module turns candidates into findings with the settings:

1. keep the configured entity types, each at or above its score threshold;
2. drop values inside a match of an allow pattern (order numbers, placeholders);
3. resolve overlaps between types: the more specific type wins (a card number is
   not also a phone number), then the higher score, then the longer span;
4. drop names the conversation's bot or human agents gave as their own, and in a
   customer's message the name of the person greeted or thanked ("Thanks Marcus!":
   the agent the customer writes to).

A text's `TextContext` (`context.py`; default: English, no region) routes it: English
and texts of unknown language to the configured pipeline, French to the French one
(loaded when the first French text comes), every other language to pattern
recognizers and cue words only (`pipeline.pipeline_name`). Results are cached per
text and the parts of its context that change them; the staff names of step 4 are
applied after the cache, so a bot's repeated messages are analysed once whatever
conversation they are in. `language_note()` says which languages of the batches
prefetched since `forget_languages()` (an audit's messages) had names read by a
pipeline and which by patterns only.

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

import bisect
import enum
import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from auditor.pii.cache import KeyedCache, Learned
from auditor.pii.context import DEFAULT_CONTEXT, TextContext
from auditor.pii.detector import CACHE_SIZE, DetectionKey, Detector, detector_for
from auditor.pii.name_cues import is_vocative
from auditor.pii.pipeline import pipeline_name
from auditor.pii.settings import PiiSettings
from auditor.pii.spans import PiiSpan

__all__ = ["PiiEngine", "PiiSpan", "Strategy", "analysis_strategy", "engine_for"]

# Which type wins when two values overlap: checksummed and structured identifiers
# first, free-text entities last. "Nelson Mandela Drive" is an address, not a person.
# A validated IBAN begins with letters, so a card number can only overlap one as a run
# of its digits ("GB53 IQRK 6658 2395 3453 15"): the IBAN wins.
TYPE_PRIORITY: tuple[str, ...] = (
    "IBAN_CODE", "CREDIT_CARD", "US_SSN", "NATIONAL_ID", "EMAIL_ADDRESS", "IP_ADDRESS",
    "PHONE_NUMBER", "STREET_ADDRESS", "PERSON", "LOCATION",
)
_RANK = {entity: rank for rank, entity in enumerate(TYPE_PRIORITY)}

# The writer role whose greetings address the staff (`auditor.model.Role.CUSTOMER`).
CUSTOMER = "customer"
# One context for every text, one per text, or None for the default context.
Contexts = TextContext | Sequence[TextContext] | None


class Strategy(enum.Enum):
    """How an engine turns texts into detector calls (see the module docstring)."""

    BATCHED = "batched"
    ONE_BY_ONE = "one-by-one"


# The strategy `engine_for` builds engines with; changed only by `analysis_strategy`.
_STRATEGY: ContextVar[Strategy] = ContextVar("pii_analysis_strategy",
                                             default=Strategy.BATCHED)


def current_strategy() -> Strategy:
    """The strategy `engine_for` builds engines with here (see `analysis_strategy`)."""
    return _STRATEGY.get()


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

    `detector` reads English (and texts of unknown language); detectors for other
    languages are taken from `detector_for` when their first text comes. `analyses`
    counts the texts this engine has sent to a detector. `ner_available` and
    `ner_note` describe the English pipeline.
    """

    def __init__(self, settings: PiiSettings, detector: Detector | None = None, *,
                 strategy: Strategy = Strategy.BATCHED) -> None:
        self.settings = settings
        self.strategy = strategy
        self.analyses = 0
        # Digests of the messages read in pieces (longer than settings.long_text_chars),
        # for the note; a set, so the work of several processes adds up without repeats.
        self.long_text_digests: set[str] = set()
        self.detector = detector if detector is not None else detector_for(settings.spacy_model)
        self.ner_available: bool = self.detector.pipeline.ner
        self.ner_note: str | None = self.detector.pipeline.note
        self._detectors: dict[str | None, Detector] = {settings.spacy_model: self.detector}
        self._entities = frozenset(settings.entities)
        self._allow = tuple(re.compile(pattern) for pattern in settings.allow_patterns)
        self._results: KeyedCache[DetectionKey, tuple[PiiSpan, ...]] = KeyedCache(
            CACHE_SIZE)
        # Reading language -> the pipeline that read names in it (None: patterns only),
        # for the texts prefetched since `forget_languages`.
        self._read_by: dict[str, str | None] = {}
        self._unknown_language_read = False
        # ONE_BY_ONE only: the last prefetched messages and their results.
        self._prefetched_batch: list[tuple[DetectionKey, str]] = []
        self._prefetched: dict[tuple[DetectionKey, str], tuple[PiiSpan, ...]] = {}

    def analyze(self, text: str, context: TextContext | None = None) -> tuple[PiiSpan, ...]:
        """Personal data in `text` read in `context`, sorted by position, overlaps resolved."""
        context = context or DEFAULT_CONTEXT
        if self.strategy is Strategy.BATCHED:
            # Checks ask about each turn several times: answer repeats without building a batch.
            detector = self.detector_for_language(context.reading_language)
            cached = self._results.get(detector.detection_key(context), text)
            if cached is not None:
                return _without_staff_names(text, cached, context)
        return self.analyze_many([text], [context])[0]

    def analyze_many(self, texts: Sequence[str],
                     contexts: Contexts = None) -> list[tuple[PiiSpan, ...]]:
        """`analyze` for each text, with each distinct text analysed once, in batches.

        `contexts` is one context for all texts or one per text (default: English).
        With `Strategy.ONE_BY_ONE`, a prefetched result or `analyze_one_by_one`.
        """
        each = _each(texts, contexts)
        if self.strategy is Strategy.ONE_BY_ONE:
            return [self._prefetched_or_analysed(text, context)
                    for text, context in zip(texts, each, strict=True)]
        keys = [self.detector_for_language(c.reading_language).detection_key(c) for c in each]
        found: dict[tuple[DetectionKey, str], tuple[PiiSpan, ...]] = {}
        missing: dict[str, list[tuple[str, TextContext]]] = {}
        for text, context, key in zip(texts, each, keys, strict=True):
            cached = self._results.get(key, text)
            if cached is not None:
                found[key, text] = cached
            elif (key, text) not in found:
                found[key, text] = ()
                missing.setdefault(context.reading_language, []).append((text, context))
        for language, items in missing.items():
            self.analyses += len(items)
            detector = self.detector_for_language(language)
            detected = self._detect_in_pieces(detector, items)
            for (text, context), candidates in zip(items, detected, strict=True):
                key = detector.detection_key(context)
                spans = found[key, text] = self.select(text, candidates)
                self._results.put(key, text, spans)
        return [_without_staff_names(text, found[key, text], context)
                for text, context, key in zip(texts, each, keys, strict=True)]

    def _detect_in_pieces(self, detector: Detector, items: Sequence[tuple[str, TextContext]]
                          ) -> list[list[PiiSpan]]:
        """The detector's candidates for each text; a text longer than
        `long_text_chars` is read as overlapping pieces (see `text_pieces`), each
        piece's candidates moved back to the text's positions."""
        limit = self.settings.long_text_chars
        texts: list[str] = []
        contexts: list[TextContext] = []
        owners: list[tuple[int, TextPiece | None]] = []
        for number, (text, context) in enumerate(items):
            if len(text) <= limit:
                texts.append(text)
                contexts.append(context)
                owners.append((number, None))
                continue
            self.long_text_digests.add(hashlib.blake2b(text.encode("utf-8", "surrogatepass"),
                                                       digest_size=16).hexdigest())
            for part in text_pieces(text, limit):
                texts.append(text[part.start:part.end])
                contexts.append(context)
                owners.append((number, part))
        found: list[list[PiiSpan]] = [[] for _ in items]
        for (number, piece), candidates in zip(owners, self._detect_bounded(
                detector, texts, contexts, [piece is not None for _, piece in owners]),
                                               strict=True):
            if piece is None:
                found[number].extend(candidates)
                continue
            found[number].extend(
                PiiSpan(span.entity_type, span.start + piece.start, span.end + piece.start,
                        span.score) for span in candidates
                if piece.keeps_from <= span.start + piece.start < piece.keeps_to)
        return found

    @staticmethod
    def _detect_bounded(detector: Detector, texts: Sequence[str],
                        contexts: Sequence[TextContext],
                        pieces: Sequence[bool]) -> Iterator[list[PiiSpan]]:
        """`detector.detect_many` over `texts`, the pieces of long texts one call each:
        a batch holds what it reads in memory, so one long message must not make a
        batch as large as itself."""
        batch: list[int] = []
        for number, piece in enumerate(pieces):
            if piece:
                yield from _flush(detector, texts, contexts, batch)
                batch = []
                yield from _flush(detector, texts, contexts, [number])
            else:
                batch.append(number)
        yield from _flush(detector, texts, contexts, batch)

    @property
    def long_texts(self) -> int:
        """How many distinct messages were read in pieces."""
        return len(self.long_text_digests)

    def long_text_note(self) -> str | None:
        """A report sentence when some messages were read in pieces."""
        if not self.long_texts:
            return None
        size = self.settings.long_text_chars
        return (f"{self.long_texts:,} message{'s' if self.long_texts != 1 else ''} longer "
                f"than {size:,} characters {'were' if self.long_texts != 1 else 'was'} read "
                f"in overlapping pieces of about {size:,} characters, so that no message "
                "slows the audit down more than its length; a value longer than "
                f"{PIECE_OVERLAP // 2:,} characters across two pieces could be missed.")

    def prefetch(self, texts: Sequence[str], contexts: Contexts = None) -> None:
        """Analyse the messages of an audit ahead of the `analyze` calls that ask about them.

        `BATCHED`: batching many texts is cheaper than analysing them one at a time;
        the results wait in the cache. `ONE_BY_ONE`: one presidio call per message,
        repeated texts included, kept until the next prefetch of other texts. The
        checks of a pack each prefetch the same messages; only the first call works.
        Either way, the batch's languages are added to what `language_note` describes.
        """
        each = _each(texts, contexts)
        self._note_languages(each)
        if self.strategy is Strategy.BATCHED:
            self.analyze_many(texts, each)
            return
        batch = [(self.detector_for_language(c.reading_language).detection_key(c), text)
                 for text, c in zip(texts, each, strict=True)]
        if batch == self._prefetched_batch:
            return
        self._prefetched = {}
        for (key, text), context in zip(batch, each, strict=True):
            self._prefetched[key, text] = self._analyze_one_by_one(text, context)
        self._prefetched_batch = batch

    def analyze_one_by_one(self, text: str,
                           context: TextContext | None = None) -> tuple[PiiSpan, ...]:
        """`analyze` through one plain presidio `AnalyzerEngine.analyze` call, uncached.

        Slow on purpose: the reference `analyze_many` is tested and measured against.
        """
        context = context or DEFAULT_CONTEXT
        return _without_staff_names(text, self._analyze_one_by_one(text, context), context)

    def select(self, text: str, candidates: Sequence[PiiSpan]) -> tuple[PiiSpan, ...]:
        """Apply entity types, thresholds, the allow list and overlap resolution."""
        kept = [span for span in candidates if span.entity_type in self._entities
                and span.score >= self.settings.threshold(span.entity_type)]
        if kept and self._allow:
            allowed = [match.span() for pattern in self._allow for match in pattern.finditer(text)]
            kept = [span for span in kept
                    if not any(start <= span.start and span.end <= end for start, end in allowed)]
        return resolve_overlaps(kept)

    def detector_for_language(self, language: str) -> Detector:
        """The detector that reads texts in `language`, loaded on first use."""
        model = pipeline_name(language, self.settings.spacy_model)
        detector = self._detectors.get(model)
        if detector is None:
            detector = self._detectors[model] = detector_for(model)
        return detector

    def language_note(self) -> str | None:
        """Which languages prefetched since `forget_languages` had names read by a spaCy
        pipeline and which by patterns and cue words only, as a report sentence."""
        if not self._read_by:
            return None
        scanned = [f"{language} ({model})" for language, model in sorted(self._read_by.items())
                   if model is not None]
        patterns = sorted(language for language, model in self._read_by.items() if model is None)
        if scanned and patterns:
            note = f"Names were scanned in {_joined(scanned)}; {_joined(patterns)} had " \
                   "patterns only."
        elif scanned:
            note = f"Names were scanned in {_joined(scanned)}."
        else:
            note = f"Names were found by patterns only, in {_joined(patterns)}."
        if self._unknown_language_read:
            note += " Conversations whose language could not be told were read as English."
        return note

    def _prefetched_or_analysed(self, text: str, context: TextContext) -> tuple[PiiSpan, ...]:
        """ONE_BY_ONE: the prefetched result for `text` in `context`, else a fresh one."""
        key = self.detector_for_language(context.reading_language).detection_key(context)
        spans = self._prefetched.get((key, text))
        if spans is None:
            spans = self._analyze_one_by_one(text, context)
        return _without_staff_names(text, spans, context)

    def _analyze_one_by_one(self, text: str, context: TextContext) -> tuple[PiiSpan, ...]:
        """One presidio call and the settings, before staff names are dropped."""
        self.analyses += 1
        detector = self.detector_for_language(context.reading_language)
        return self.select(text, detector.detect_one_by_one(text, context))

    def cache_marks(self) -> int:
        """Where the result cache stands now, for `learned_since`."""
        return self._results.mark()

    def learned_since(self, mark: int
                      ) -> Learned[DetectionKey, tuple[PiiSpan, ...]]:
        """The results cached since `cache_marks` returned `mark`, by reading key."""
        return self._results.learned_since(mark)

    def learn(self, learned: Learned[DetectionKey, tuple[PiiSpan, ...]],
              long_text_digests: set[str]) -> None:
        """Take in results another process computed with the same settings (what its
        `learned_since` returned) and the long messages it read in pieces."""
        self._results.learn(learned)
        self.long_text_digests |= long_text_digests

    def languages_noted(self) -> tuple[dict[str, str | None], bool]:
        """What `language_note` describes: how each language prefetched since
        `forget_languages` was read (the model, or None for patterns only), and whether
        a language was unknown."""
        return dict(self._read_by), self._unknown_language_read

    def add_languages(self, read_by: Mapping[str, str | None], unknown: bool) -> None:
        """Add languages another process noted (its `languages_noted`) to what
        `language_note` describes, as if its batches had been prefetched here."""
        self._read_by.update(read_by)
        self._unknown_language_read |= unknown

    def forget_languages(self) -> None:
        """Start noting languages afresh: an audit's note describes its own messages."""
        self._read_by = {}
        self._unknown_language_read = False

    def _note_languages(self, contexts: Sequence[TextContext]) -> None:
        """Add how each language of a batch is read to what `language_note` describes."""
        # Contexts are shared per conversation and writer: skip repeats by identity.
        for context in {id(context): context for context in contexts}.values():
            language = context.reading_language
            if language not in self._read_by:
                pipeline = self.detector_for_language(language).pipeline
                model = pipeline_name(language, self.settings.spacy_model)
                self._read_by[language] = model if pipeline.ner else None
            self._unknown_language_read |= context.language is None


def _flush(detector: Detector, texts: Sequence[str], contexts: Sequence[TextContext],
           numbers: Sequence[int]) -> list[list[PiiSpan]]:
    """The detector's candidates for the texts at `numbers`, in one batch."""
    if not numbers:
        return []
    return [list(found) for found in detector.detect_many([texts[n] for n in numbers],
                                                          [contexts[n] for n in numbers])]


def resolve_overlaps(spans: Sequence[PiiSpan]) -> tuple[PiiSpan, ...]:
    """Non-overlapping spans in text order: specific types, high scores, long spans first.

    The spans already chosen do not overlap, so they are kept ordered by start and a
    candidate is compared with its two neighbours only (found by bisection), not with
    every span chosen so far, however many values a long message holds.
    """
    ranked = sorted(spans, key=lambda s: (_RANK.get(s.entity_type, len(_RANK)), -s.score,
                                          -(s.end - s.start), s.start))
    starts: list[int] = []
    chosen: list[PiiSpan] = []
    for span in ranked:
        at = bisect.bisect_left(starts, span.start)
        if (at > 0 and span.overlaps(chosen[at - 1])) or (
                at < len(chosen) and span.overlaps(chosen[at])):
            continue
        starts.insert(at, span.start)
        chosen.insert(at, span)
    return tuple(sorted(chosen, key=lambda s: (s.start, s.end)))


# How far pieces of a long message overlap: each keeps the values that start in its
# middle part, so a value shorter than half the overlap is seen whole by one piece.
PIECE_OVERLAP = 2_000


@dataclass(frozen=True, slots=True)
class TextPiece:
    """A piece of a long text: where it is, and the part whose values it reports."""

    start: int
    end: int
    keeps_from: int
    keeps_to: int


def text_pieces(text: str, size: int, overlap: int = PIECE_OVERLAP) -> list[TextPiece]:
    """Overlapping pieces of at most about `size` characters covering `text`, cut at
    white space where there is some near the cut; each reports the values starting in
    its own part, so together they report each value once."""
    pieces: list[TextPiece] = []
    keep_from, length = 0, len(text)
    while keep_from < length:
        start = max(0, keep_from - overlap // 2)
        end = min(length, start + size)
        if end < length:
            space = text.rfind(" ", end - overlap // 4, end)
            end = space if space > keep_from else end
        keep_to = length if end >= length else max(keep_from + 1, end - overlap // 2)
        pieces.append(TextPiece(start, end, keep_from, keep_to))
        keep_from = keep_to
    return pieces


def _without_staff_names(text: str, spans: tuple[PiiSpan, ...],
                         context: TextContext) -> tuple[PiiSpan, ...]:
    """`spans` without the names made only of the bot's or the agents' own name words
    ("Thanks Dana" to an agent who introduced herself as Dana), nor, in a customer's
    message, the name of the person greeted or thanked."""
    staff = context.service_names
    to_staff = context.written_by == CUSTOMER
    if not (staff or to_staff) or not any(span.entity_type == "PERSON" for span in spans):
        return spans
    return tuple(span for span in spans if span.entity_type != "PERSON" or not (
        _is_made_of(_words(span.value(text)), staff)
        or (to_staff and is_vocative(text, span.start, span.end))))


def _is_made_of(words: list[str], names: frozenset[str]) -> bool:
    """Whether there are words and all of them are among `names`."""
    return bool(words) and set(words) <= names


def _words(value: str) -> list[str]:
    """The casefolded words of a name, without edge punctuation and initials ("Dana K.")."""
    return [word.strip(".,'’-").casefold() for word in value.split()
            if len(word.strip(".,'’-")) > 1]


def _each(texts: Sequence[str], contexts: Contexts) -> Sequence[TextContext]:
    """One context per text from what a caller passed."""
    if contexts is None:
        return [DEFAULT_CONTEXT] * len(texts)
    if isinstance(contexts, TextContext):
        return [contexts] * len(texts)
    if len(contexts) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(contexts)} contexts")
    return contexts


def _joined(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def engine_for(settings: PiiSettings | None = None) -> PiiEngine:
    """The shared engine for `settings` (defaults when None), built once per run.

    It uses the strategy of the enclosing `analysis_strategy` block, `BATCHED` outside one.
    """
    return _engine_for(settings if settings is not None else PiiSettings(), current_strategy())


def built_engines() -> list[PiiEngine]:
    """The engines `engine_for` has built in this process."""
    return list(_built)


_built: list[PiiEngine] = []


@lru_cache(maxsize=16)
def _engine_for(settings: PiiSettings, strategy: Strategy) -> PiiEngine:
    """One engine per distinct settings and strategy; engines on a pipeline share a detector."""
    engine = PiiEngine(settings, strategy=strategy)
    _built[:] = [*_built[-15:], engine]
    return engine
