"""What the PII checks share: engine options, the shared engine, batch preparation."""

from __future__ import annotations

from collections.abc import Mapping
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
    settings = {key: options[key] for key in ENGINE_OPTIONS if key in options}
    thresholds = settings.get("thresholds")
    if isinstance(thresholds, Mapping):
        settings["thresholds"] = dict(thresholds)
    return engine_for(PiiSettings.from_options(settings))


def analyze_all(audit: AuditInput, options: Options) -> None:
    """Analyse every turn in batches, so later per-turn lookups hit the engine's cache."""
    texts = [turn.text for conversation in audit.conversations for turn in conversation.turns
             if turn.text]
    pii_engine(options).analyze_many(texts)


def spans_of(options: Options, text: str, *types: str) -> tuple[PiiSpan, ...]:
    """Spans in `text`, optionally only of the given entity types."""
    spans = pii_engine(options).analyze(text) if text else ()
    return tuple(span for span in spans if not types or span.entity_type in types)


class PiiConversationCheck(ConversationCheck):
    """A per-conversation PII check: shares the engine, batches its work, notes its limits."""

    default_options: Mapping[str, Any] = ENGINE_OPTIONS

    def prepare(self, audit: AuditInput, *, options: Options) -> None:
        """Analyse all turns in one batched pass before conversations are judged."""
        analyze_all(audit, options)

    def notes(self, *, options: Options) -> tuple[str, ...]:
        """Say so when names and places could not be scanned."""
        note = pii_engine(options).ner_note
        return (note,) if note else ()
