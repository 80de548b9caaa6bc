"""Candidate detection: every recognizer's scored spans for a text, computed in batches.

`Detector.detect_many` returns, for each text, what one presidio
`AnalyzerEngine.analyze` call over the same recognizers and pipeline returns
(`Detector.detect_one_by_one` is that call), but does less work to get there:

- each distinct text is analysed once, and results are cached;
- a pattern recognizer runs only on texts holding the character all its patterns
  need (a digit, an "@");
- spaCy runs in batches (`nlp.pipe`), and only as far as needed: the full pipeline
  (for lemmas) only on texts where a recognizer with context words matched, the
  entity recognizer alone on other texts with at least one name word, nothing on
  texts without one (the entity recognizer keeps no entity without a name word);
- context enhancement runs only where a context-aware recognizer matched;
- texts are processed in chunks, so working memory does not grow with the batch,
  and a large batch is shared among forked worker processes, one per CPU up to
  `MAX_WORKERS` (see `workers.py`); results do not depend on how work is divided.

Each text comes with its `TextContext`; while the recognizers look at a text, it is
`current_context()` (`context.py`), so the cue recognizer reads the text's language
and a region-aware recognizer its region. Results are cached per `detection_key`: the
parts of the context that change them.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.tokens import Doc

from auditor.pii.cache import KeyedCache, Learned
from auditor.pii.context import DEFAULT_CONTEXT, TextContext, analysing
from auditor.pii.names import NameAndPlaceRecognizer
from auditor.pii.nlp_engine import LANGUAGE, PipelineNlpEngine
from auditor.pii.pipeline import load_pipeline
from auditor.pii.recognizers import GuardedRecognizer, pattern_recognizers
from auditor.pii.spans import PiiSpan
from auditor.pii.vocabulary import has_name_word
from auditor.pii.workers import can_fork, map_forked, usable_cpus

# Results remembered by text, over every reading key together: the newest 50,000, so
# that memory stays flat however long the input. A piece of an audit (and a batch of
# the PII checks' preparation) asks for far fewer texts than that, so what it analysed
# is still here when its conversations are judged one by one; beyond a piece, only a
# text seen again long after (a bot's stock reply) is analysed again.
CACHE_SIZE = 50_000
# Texts planned and annotated together: enough for spaCy to batch well, few enough
# that their docs take little memory and that workers share a batch evenly.
CHUNK_SIZE = 512
# Forking workers costs about what analysing a few hundred texts does.
MIN_TEXTS_PER_WORKER = 2 * CHUNK_SIZE
# Each worker is a copy of this process; beyond a few, the serial rest of an audit
# (reading, the per-turn checks) dominates anyway.
MAX_WORKERS = 4
# Phone labels often follow the number in signatures ("555-0147 (mobile)"), so two
# words after a value count as its context as well as presidio's five before.
CONTEXT_WORDS_AFTER = 2

# The parts of a text's context that change what the detector finds: the language it
# is read in, the region (only when a recognizer reads it), and whether it answers a
# question for a name.
DetectionKey = tuple[str, str | None, bool]


class Stage(enum.Enum):
    """How much of the spaCy pipeline a text needs."""

    NONE = "none"
    NER = "ner"
    FULL = "full"


@dataclass(frozen=True, slots=True)
class Plan:
    """What is known about a text before spaCy runs, and how much spaCy it needs."""

    text: str
    context: TextContext
    recognizers: tuple[EntityRecognizer, ...]
    results: tuple[RecognizerResult, ...]
    doc: Doc | None
    stage: Stage


def quiet_presidio_logger() -> None:
    """presidio logs routine decisions at WARNING; keep only real problems.

    A level someone configured on purpose is left alone.
    """
    presidio_logger = logging.getLogger("presidio-analyzer")
    if presidio_logger.level == logging.NOTSET:
        presidio_logger.setLevel(logging.ERROR)


class Detector:
    """All recognizers over one spaCy pipeline, with a shared cache of candidates."""

    def __init__(self, model: str | None, *, batch_size: int = 256, n_process: int = 1,
                 cache_size: int = CACHE_SIZE, workers: int | None = None,
                 chunk_size: int = CHUNK_SIZE,
                 min_texts_per_worker: int = MIN_TEXTS_PER_WORKER) -> None:
        """Load `model` (None: patterns only) and set up the recognizers.

        `workers` caps the processes a large batch is shared among (default: one
        per usable CPU, at most `MAX_WORKERS`; 1 keeps all work in this process);
        `chunk_size` and `min_texts_per_worker` say how the work is divided.
        """
        quiet_presidio_logger()
        self.model = model
        self.workers = min(usable_cpus(), MAX_WORKERS) if workers is None else max(1, workers)
        self.chunk_size = chunk_size
        self.min_texts_per_worker = min_texts_per_worker
        self.pipeline = load_pipeline(model)
        self.nlp_engine = PipelineNlpEngine(self.pipeline, batch_size=batch_size,
                                            n_process=n_process)
        self.guarded = list(pattern_recognizers())
        self.ner_recognizer = NameAndPlaceRecognizer() if self.pipeline.ner else None
        # In the registry as in `_finish`: pattern recognizers first, then the NER.
        recognizers = [guarded.recognizer for guarded in self.guarded]
        if self.ner_recognizer is not None:
            recognizers.append(self.ner_recognizer)
        self.enhancer = LemmaContextAwareEnhancer(context_suffix_count=CONTEXT_WORDS_AFTER)
        self.analyzer = AnalyzerEngine(
            registry=RecognizerRegistry(recognizers=recognizers, supported_languages=[LANGUAGE]),
            nlp_engine=self.nlp_engine, supported_languages=[LANGUAGE],
            context_aware_enhancer=self.enhancer)
        self.entities = sorted({entity for recognizer in recognizers
                                for entity in recognizer.supported_entities})
        self.reads_region = any(_uses_region(guarded) for guarded in self.guarded)
        self.cache_size = cache_size
        self._results: KeyedCache[DetectionKey, tuple[PiiSpan, ...]] = KeyedCache(
            self.cache_size)

    def add_recognizer(self, guarded: GuardedRecognizer) -> None:
        """Run one more pattern recognizer on every text (a plugin's, a test's).

        A recognizer with `uses_region = True` makes the region part of the cache key.
        """
        registered = list(self.analyzer.registry.recognizers)
        registered.insert(len(self.guarded), guarded.recognizer)  # before the NER, as above
        self.analyzer.registry.recognizers = registered
        self.guarded.append(guarded)
        self.entities = sorted(set(self.entities) | set(guarded.recognizer.supported_entities))
        self.reads_region = self.reads_region or _uses_region(guarded)
        self._results.clear()

    def detection_key(self, context: TextContext) -> DetectionKey:
        """The parts of `context` that change this detector's results."""
        return (context.reading_language, context.region if self.reads_region else None,
                context.answers_name_request)

    def detect_many(self, texts: Sequence[str],
                    contexts: Sequence[TextContext] | None = None) -> list[tuple[PiiSpan, ...]]:
        """Candidates for each text, the same as `detect_one_by_one`, in batches.

        `contexts` gives each text's context (default: `DEFAULT_CONTEXT` for all).
        """
        if not texts:
            return []
        if contexts is None:
            contexts = [DEFAULT_CONTEXT] * len(texts)
        known: dict[tuple[DetectionKey, str], tuple[PiiSpan, ...]] = {}
        missing: list[tuple[str, TextContext]] = []
        keys = [self.detection_key(context) for context in contexts]
        for text, context, key in zip(texts, contexts, keys, strict=True):
            if (key, text) in known:
                continue
            cached = self._results.get(key, text)
            if cached is None:
                known[key, text] = ()
                missing.append((text, context))
            else:
                known[key, text] = cached
        for (text, context), spans in zip(missing, self._compute(missing), strict=True):
            key = self.detection_key(context)
            known[key, text] = spans
            self._results.put(key, text, spans)
        return [known[key, text] for text, key in zip(texts, keys, strict=True)]

    def detect_one_by_one(self, text: str,
                          context: TextContext = DEFAULT_CONTEXT) -> tuple[PiiSpan, ...]:
        """One plain `AnalyzerEngine.analyze` call: no cache, no batching, no shortcuts.

        The yardstick `detect_many` is tested and measured against.
        """
        with analysing(context):
            return _spans(self.analyzer.analyze(text=text, language=LANGUAGE))

    def cache_marks(self) -> int:
        """Where the candidate cache stands now, for `learned_since`."""
        return self._results.mark()

    def learned_since(self, mark: int
                      ) -> Learned[DetectionKey, tuple[PiiSpan, ...]]:
        """The candidates cached since `cache_marks` returned `mark`, by reading key."""
        return self._results.learned_since(mark)

    def learn(self, learned: Learned[DetectionKey, tuple[PiiSpan, ...]]) -> None:
        """Take in candidates another process's detector for the same pipeline found."""
        self._results.learn(learned)

    def _compute(self, items: Sequence[tuple[str, TextContext]]) -> list[tuple[PiiSpan, ...]]:
        """Candidates for distinct, uncached texts, chunk by chunk, in workers if worth it."""
        chunks = [items[i:i + self.chunk_size] for i in range(0, len(items), self.chunk_size)]
        workers = min(self.workers, len(items) // self.min_texts_per_worker, len(chunks))
        if workers > 1 and can_fork():
            done = map_forked(self._compute_chunk, chunks, workers)
        else:
            done = [self._compute_chunk(chunk) for chunk in chunks]
        return [spans for chunk in done for spans in chunk]

    def _compute_chunk(self, items: Sequence[tuple[str, TextContext]]
                       ) -> list[tuple[PiiSpan, ...]]:
        """Candidates for a few hundred distinct, uncached texts in their contexts."""
        plans = [self._plan(text, context) for text, context in items]
        annotated: dict[int, Doc] = {}
        for stage in (Stage.FULL, Stage.NER):
            indexes = [i for i, plan in enumerate(plans) if plan.stage is stage]
            docs = [plan.doc for i in indexes if (plan := plans[i]).doc is not None]
            if not docs:  # selecting pipes costs more than many small texts
                continue
            annotated.update(zip(indexes, self.nlp_engine.annotate(
                docs, ner_only=stage is Stage.NER), strict=True))
        return [self._finish(plan, annotated.get(i)) for i, plan in enumerate(plans)]

    def _plan(self, text: str, context: TextContext) -> Plan:
        """Run the pattern recognizers that can match, and decide how much spaCy is needed."""
        with analysing(context):
            return self._plan_in_context(text, context)

    def _plan_in_context(self, text: str, context: TextContext) -> Plan:
        """`_plan` with `context` current."""
        recognizers: list[EntityRecognizer] = []
        results: list[RecognizerResult] = []
        needs_context = False
        for guarded in self.guarded:
            if not guarded.applies_to(text):
                continue
            recognizer = guarded.recognizer
            recognizers.append(recognizer)
            # Pattern recognizers read no NLP artifacts; presidio's signature says otherwise.
            found = recognizer.analyze(text=text, entities=self.entities,
                                       nlp_artifacts=None)  # type: ignore[arg-type]
            if found:
                results.extend(found)
                needs_context = needs_context or bool(recognizer.context)
        if len(text) > self.pipeline.nlp.max_length or not (
                needs_context or self.ner_recognizer is not None):
            return Plan(text, context, tuple(recognizers), tuple(results), None, Stage.NONE)
        doc = self.nlp_engine.tokenize(text)
        if needs_context:
            stage = Stage.FULL
        elif has_name_word(doc, context.reading_language):
            stage = Stage.NER
        else:
            stage = Stage.NONE
        return Plan(text, context, tuple(recognizers), tuple(results), doc, stage)

    def _finish(self, plan: Plan, doc: Doc | None) -> tuple[PiiSpan, ...]:
        """Entities from the annotated doc, context enhancement, duplicates removed."""
        with analysing(plan.context):
            return self._finish_in_context(plan, doc)

    def _finish_in_context(self, plan: Plan, doc: Doc | None) -> tuple[PiiSpan, ...]:
        """`_finish` with the plan's context current."""
        results = list(plan.results)
        if doc is not None:
            artifacts = self.nlp_engine.artifacts(doc)
            if self.ner_recognizer is not None:
                results.extend(self.ner_recognizer.analyze(plan.text, self.entities, artifacts))
            if plan.stage is Stage.FULL:
                used = plan.recognizers + ((self.ner_recognizer,) if self.ner_recognizer else ())
                results = self._enhance(plan.text, results, artifacts, used)
        return _spans(EntityRecognizer.remove_duplicates(results))

    def _enhance(self, text: str, results: list[RecognizerResult], artifacts: NlpArtifacts,
                 recognizers: Sequence[EntityRecognizer]) -> list[RecognizerResult]:
        """Raise scores of values with a context word nearby, as `AnalyzerEngine` does."""
        enhanced: list[RecognizerResult] = []
        for recognizer in recognizers:
            own = [r for r in results if _recognizer_id(r) == recognizer.id]
            others = [r for r in results if _recognizer_id(r) != recognizer.id]
            enhanced.extend(recognizer.enhance_using_context(
                text=text, raw_recognizer_results=own, other_raw_recognizer_results=others,
                nlp_artifacts=artifacts, context=None))
        return list(self.enhancer.enhance_using_context(
            text=text, raw_results=enhanced, nlp_artifacts=artifacts,
            recognizers=list(recognizers), context=None))


def _uses_region(guarded: GuardedRecognizer) -> bool:
    """Whether the recognizer's results depend on the text's region."""
    return bool(getattr(guarded.recognizer, "uses_region", False))


def _recognizer_id(result: RecognizerResult) -> str | None:
    """The id of the recognizer that produced `result`."""
    metadata = result.recognition_metadata or {}
    identifier = metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY)
    return identifier if isinstance(identifier, str) else None


def _spans(results: Sequence[RecognizerResult]) -> tuple[PiiSpan, ...]:
    """presidio results as frozen spans, in text order."""
    spans = (PiiSpan(r.entity_type, r.start, r.end, float(r.score)) for r in results)
    return tuple(sorted(spans, key=lambda s: (s.start, s.end, s.entity_type, s.score)))


def built_detectors() -> list[Detector]:
    """The detectors `detector_for` has built in this process."""
    return list(_built)


_built: list[Detector] = []


@lru_cache(maxsize=8)
def detector_for(model: str | None) -> Detector:
    """The shared detector for a pipeline name: one load and one cache per run."""
    detector = Detector(model)
    _built[:] = [*_built[-7:], detector]
    return detector
