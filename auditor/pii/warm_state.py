"""What a worker process's PII analysis learned, carried back to its parent.

Conversations judged in forked workers (`auditor.partitions`) are analysed there: the
engines' result caches and the conversation contexts fill up in the worker. Whole-input
checks in the parent (PII006 reads every message again) and the report's notes (which
languages were read, which messages were long) need the same analyses. `mark` notes
where the caches stand, `collect` takes what was stored since, and `absorb` puts it
into this process's caches (the engines' results, the detectors' candidates, which
the evidence redaction reads, and the contexts), so nothing is analysed twice; with
it, what the engines noted for the report (the languages read, the long messages).
`forget_languages` starts an audit's, or a partition's, note on languages afresh.
Without a PII check loaded, all of them do nothing and import nothing heavy.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Mark:
    """Where the caches stood: per engine (settings, strategy) its cache's mark, per
    detector (spaCy model) its cache's, and the contexts cache's."""

    engines: dict[Any, int]
    detectors: dict[str | None, int]
    contexts: int


@dataclass(frozen=True, slots=True)
class WarmState:
    """Results and contexts stored since a `Mark`, ready to travel between processes;
    per engine also the long messages it read and the languages it noted (see
    `PiiEngine.languages_noted`)."""

    engines: list[tuple[Any, Any, list[Any], set[str], tuple[dict[str, str | None], bool]]]
    detectors: list[tuple[str | None, list[Any]]]
    contexts: list[tuple[str, Any]]


def mark() -> Mark:
    """Where this process's caches stand now."""
    engine_module = sys.modules.get("auditor.pii.engine")
    detector_module = sys.modules.get("auditor.pii.detector")
    contexts_module = sys.modules.get("auditor.pii.conversations")
    engines = ({(e.settings, e.strategy): e.cache_marks() for e in engine_module.built_engines()}
               if engine_module is not None else {})
    detectors = ({d.model: d.cache_marks() for d in detector_module.built_detectors()}
                 if detector_module is not None else {})
    contexts = contexts_module.remembered_stores() if contexts_module is not None else 0
    return Mark(engines, detectors, contexts)


def collect(since: Mark) -> WarmState | None:
    """What the caches stored since `since` (None when nothing)."""
    engine_module = sys.modules.get("auditor.pii.engine")
    contexts_module = sys.modules.get("auditor.pii.conversations")
    engines = []
    if engine_module is not None:
        for engine in engine_module.built_engines():
            learned = engine.learned_since(since.engines.get((engine.settings, engine.strategy),
                                                             0))
            languages = engine.languages_noted()
            if learned or engine.long_text_digests or languages[0]:
                engines.append((engine.settings, engine.strategy, learned,
                                set(engine.long_text_digests), languages))
    detector_module = sys.modules.get("auditor.pii.detector")
    detectors = []
    if detector_module is not None:
        for detector in detector_module.built_detectors():
            learned = detector.learned_since(since.detectors.get(detector.model, 0))
            if learned:
                detectors.append((detector.model, learned))
    contexts = (contexts_module.remembered_since(since.contexts)
                if contexts_module is not None else [])
    if not engines and not detectors and not contexts:
        return None
    return WarmState(engines, detectors, contexts)


def absorb(state: WarmState | None) -> None:
    """Put what another process learned into this process's caches."""
    if state is None:
        return
    if state.engines:
        from auditor.pii.engine import analysis_strategy, engine_for

        for settings, strategy, learned, long_texts, (read_by, unknown) in state.engines:
            with analysis_strategy(strategy):
                engine = engine_for(settings)
            engine.learn(learned, long_texts)
            engine.add_languages(read_by, unknown)
    if state.detectors:
        from auditor.pii.detector import detector_for

        for model, learned in state.detectors:
            detector_for(model).learn(learned)
    if state.contexts:
        from auditor.pii.conversations import remember

        remember(state.contexts)


def forget_languages() -> None:
    """Make every engine's note on languages start afresh (`PiiEngine.forget_languages`):
    at the start of an audit, and of each partition judged in a worker."""
    engine_module = sys.modules.get("auditor.pii.engine")
    if engine_module is None:
        return
    for engine in engine_module.built_engines():
        engine.forget_languages()
