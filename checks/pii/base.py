"""What the PII checks share: engine options, the shared engine, batch preparation."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from types import MappingProxyType
from typing import Any

from auditor.check import ConversationCheck, Options
from auditor.model import AuditInput
from auditor.pii import PiiEngine, PiiSettings, PiiSpan, engine_for

# Options every PII check accepts; a policy sets them once for the pack with
# [packs.PII] or per check with [checks.PII00N.options].
ENGINE_OPTIONS: Mapping[str, Any] = MappingProxyType({
    "spacy-model": PiiSettings().spacy_model,
    "thresholds": MappingProxyType({}),
    "allow-patterns": (),
})


def pii_engine(options: Options) -> PiiEngine:
    """The shared engine for the engine options in `options`."""
    return engine_for(_settings(options))


# Checks ask for their engine once per turn; building settings each time would cost
# more than the cached analysis it leads to. A run has a handful of option sets.
_SETTINGS_CACHE_SIZE = 64
_settings_cache: dict[Hashable, PiiSettings] = {}


def _settings(options: Options) -> PiiSettings:
    """The engine settings for the engine options in `options`, remembered by value."""
    try:
        key = tuple((name, _frozen(options[name])) for name in ENGINE_OPTIONS if name in options)
        settings = _settings_cache.get(key)
    except TypeError:  # an unhashable value is invalid anyway: let from_options say why
        key, settings = None, None
    if settings is None:
        given = {name: options[name] for name in ENGINE_OPTIONS if name in options}
        thresholds = given.get("thresholds")
        if isinstance(thresholds, Mapping):
            given["thresholds"] = dict(thresholds)
        settings = PiiSettings.from_options(given)
        if key is not None:
            if len(_settings_cache) >= _SETTINGS_CACHE_SIZE:
                _settings_cache.clear()
            _settings_cache[key] = settings
    return settings


def _frozen(value: object) -> Hashable:
    """A hashable stand-in for an option value, tagged with its type.

    The tag keeps apart values that compare equal but are not equally valid
    (`True` and `1` as a threshold).
    """
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return ("mapping", tuple((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(_frozen(item) for item in value))
    return (type(value).__name__, value)  # an unhashable value (a set, say) fails the lookup


def analyze_all(audit: AuditInput, options: Options) -> None:
    """Analyse every turn in batches, so later per-turn lookups hit the engine's cache."""
    texts = [turn.text for conversation in audit.conversations for turn in conversation.turns
             if turn.text]
    pii_engine(options).prefetch(texts)


def spans_of(options: Options, text: str, *types: str) -> tuple[PiiSpan, ...]:
    """Spans in `text`, optionally only of the given entity types."""
    spans = pii_engine(options).analyze(text) if text else ()
    return tuple(span for span in spans if not types or span.entity_type in types)


class PiiConversationCheck(ConversationCheck):
    """A per-conversation PII check: shares the engine, batches its work, notes its limits."""

    default_options = ENGINE_OPTIONS

    def prepare(self, audit: AuditInput, *, options: Options) -> None:
        """Analyse all turns in one batched pass before conversations are judged."""
        analyze_all(audit, options)

    def notes(self, *, options: Options) -> tuple[str, ...]:
        """Say so when names and places could not be scanned."""
        note = pii_engine(options).ner_note
        return (note,) if note else ()
