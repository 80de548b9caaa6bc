"""What the PII checks share: engine options, the shared engine, batch preparation.

Every text is analysed in its conversation's context (`auditor.pii.conversations`):
its language routes it to a pipeline or to patterns only, and the names the bot and
the agents gave as their own are not reported. A check asks for a conversation's
contexts with `contexts_of` and passes a turn's to `spans_of`.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from auditor.check import ConversationCheck, Options
from auditor.model import AuditInput, Conversation
from auditor.pii.context import TextContext
from auditor.pii.settings import PiiSettings
from auditor.pii.spans import PiiSpan

if TYPE_CHECKING:  # the engine loads presidio and spaCy: imported on first use
    from auditor.pii import PiiEngine
    from auditor.pii.conversations import ConversationContexts

# Options every PII check accepts; a policy sets them once for the pack with
# [packs.PII] or per check with [checks.PII00N.options].
ENGINE_OPTIONS: Mapping[str, Any] = MappingProxyType({
    "spacy-model": PiiSettings().spacy_model,
    "thresholds": MappingProxyType({}),
    "allow-patterns": (),
    "long-text-chars": PiiSettings().long_text_chars,
})


def pii_engine(options: Options) -> PiiEngine:
    """The shared engine for the engine options in `options`."""
    from auditor.pii.engine import current_strategy, engine_for

    # Checks ask once per turn, each with the read-only options the pipeline gave it:
    # remember the engine per such object (by identity, kept alive here) and strategy,
    # since building the settings key costs more than the cached analysis it leads to.
    strategy = current_strategy()
    known = _engines.get(id(options))
    if known is not None and known[0] is options and known[1] is strategy:
        return known[2]
    engine = engine_for(_settings(options))
    if not isinstance(options, MappingProxyType):
        return engine
    if len(_engines) >= _SETTINGS_CACHE_SIZE:
        _engines.clear()
    _engines[id(options)] = (options, strategy, engine)
    return engine


# Checks ask for their engine once per turn; building settings each time would cost
# more than the cached analysis it leads to. A run has a handful of option sets.
_SETTINGS_CACHE_SIZE = 64
_settings_cache: dict[Hashable, PiiSettings] = {}
_engines: dict[int, tuple[Options, Any, PiiEngine]] = {}


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
    """Analyse every turn in its context, in batches, so later per-turn lookups hit the
    engine's cache."""
    texts: list[str] = []
    contexts: list[TextContext] = []
    for conversation in audit.conversations:
        of_conversation = contexts_of(conversation)
        for turn in conversation.turns:
            if turn.text:
                texts.append(turn.text)
                contexts.append(of_conversation.of(turn))
    pii_engine(options).prefetch(texts, contexts)


def contexts_of(conversation: Conversation) -> ConversationContexts:
    """The contexts of the conversation's turns (computed once per conversation)."""
    from auditor.pii.conversations import conversation_contexts

    return conversation_contexts(conversation)


def spans_of(options: Options, text: str, *types: str,
             context: TextContext | None = None) -> tuple[PiiSpan, ...]:
    """Spans in `text` read in `context` (default: English, no conversation), optionally
    only of the given entity types."""
    spans = pii_engine(options).analyze(text, context) if text else ()
    return tuple(span for span in spans if not types or span.entity_type in types)


def engine_notes(options: Options) -> tuple[str, ...]:
    """What the report says about how the engine read this run: a missing pipeline, and
    which languages had names read by a pipeline and which by patterns only."""
    engine = pii_engine(options)
    return tuple(note for note in (engine.ner_note, engine.language_note(),
                                   engine.long_text_note()) if note)


class PiiConversationCheck(ConversationCheck):
    """A per-conversation PII check: shares the engine, batches its work, notes its limits."""

    default_options = ENGINE_OPTIONS
    prepare_warms_only = True

    def prepare(self, audit: AuditInput, *, options: Options) -> None:
        """Analyse all turns in one batched pass before conversations are judged."""
        analyze_all(audit, options)

    def notes(self, *, options: Options) -> tuple[str, ...]:
        """Say how names were read: by which pipeline per language, or not at all."""
        return engine_notes(options)
