"""What a worker process's PII analysis learned, carried back to its parent.

Conversations judged in forked workers (`auditor.partitions`) are analysed there: the
engines' result caches and the conversation contexts fill up in the worker. Whole-input
checks in the parent (PII006 reads every message again) and the report's notes (which
languages were read, which messages were long) need the same analyses. `mark` notes
where the caches stand, `collect` takes what was stored since, and `absorb` puts it
into this process's caches (the engines' results, the detectors' candidates, which
the evidence redaction reads, and the contexts), so nothing is analysed twice.
Without a PII check loaded, all three do nothing and import nothing heavy.
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
    """Results and contexts stored since a `Mark`, ready to travel between processes."""

    engines: list[tuple[Any, Any, list[Any], set[str]]]
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
            if learned or engine.long_text_digests:
                engines.append((engine.settings, engine.strategy, learned,
                                set(engine.long_text_digests)))
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

        for settings, strategy, learned, long_texts in state.engines:
            with analysis_strategy(strategy):
                engine_for(settings).learn(learned, long_texts)
    if state.detectors:
        from auditor.pii.detector import detector_for

        for model, learned in state.detectors:
            detector_for(model).learn(learned)
    if state.contexts:
        from auditor.pii.conversations import remember

        remember(state.contexts)


# Per engine (settings, strategy): how each language was read, and whether one was unknown.
NotedLanguages = dict[Any, tuple[dict[str, str | None], bool]]


def noted_languages(into: NotedLanguages) -> None:
    """Add the languages each engine's latest batch noted (for its `language_note`) to
    `into`: called after each piece of an audit read a piece at a time."""
    engine_module = sys.modules.get("auditor.pii.engine")
    if engine_module is None:
        return
    for engine in engine_module.built_engines():
        read_by, unknown = engine.languages_noted()
        before, was_unknown = into.get((engine.settings, engine.strategy), ({}, False))
        into[engine.settings, engine.strategy] = ({**before, **read_by}, was_unknown or unknown)


def note_languages(noted: NotedLanguages) -> None:
    """Make each engine's language note describe every piece `noted` took in."""
    engine_module = sys.modules.get("auditor.pii.engine")
    if engine_module is None:
        return
    for engine in engine_module.built_engines():
        if (engine.settings, engine.strategy) in noted:
            engine.note_languages(*noted[engine.settings, engine.strategy])
