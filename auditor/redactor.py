"""The redaction engine: presidio's analyzer and anonymizer with the project's own
recognizers, masking personal data in excerpts and ids.

Loaded on first use by `auditor.redaction`, whose functions are what the rest of the
code calls; importing this module loads presidio and spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig
from presidio_anonymizer.entities import RecognizerResult as AnonymizerInput

from auditor.language.redaction_marks import REDACTION_MARK
from auditor.pii import PiiEngine, PiiSettings, PiiSpan, engine_for
from auditor.pii.context import DEFAULT_CONTEXT, TextContext
from auditor.pii.name_cues import self_introduced_name as persona_name_span
from auditor.pii.settings import (
    DEFAULT_THRESHOLDS,
    PERSONA_PATTERN,
    PLACEHOLDER_PATTERN,
)
from auditor.redacted import RedactedText
from auditor.redaction import BOT_SPEAKER
from auditor.secrets import find_secrets

# A long unbroken digit run (account numbers, card fragments the Luhn check
# rejects, phone numbers in a format no recognizer accepts) is masked too:
# an excerpt loses nothing a reader needs by hiding it.
_DIGIT_RUN = re.compile(r"(?<![\w])\+?\d(?:[\d \-.()/]{5,}\d)(?![\w])")
_MIN_DIGITS_IN_RUN = 7
# Pattern values are masked from this score on; names and places keep the engine's
# thresholds, so ordinary capitalised words are not hidden from reviewers.
_MIN_PATTERN_SCORE = 0.3
_FREE_TEXT_TYPES = ("PERSON", "LOCATION")
# An e-mail address inside an id, whatever follows its domain ("jane@example.com-2026").
_EMAIL_LIKE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

REDACTION_SETTINGS = PiiSettings(
    thresholds={entity: (score if entity in _FREE_TEXT_TYPES else _MIN_PATTERN_SCORE)
                for entity, score in DEFAULT_THRESHOLDS.items()},
    # A bot persona ("Ava, an AI assistant"), earlier placeholders and a platform's
    # own redaction marks stay readable; order and ticket numbers are masked like any
    # other number.
    allow_patterns=(PLACEHOLDER_PATTERN, REDACTION_MARK, PERSONA_PATTERN),
)


def _card_placeholder(value: str) -> str:
    """Keep a card's last four digits, which PCI DSS allows to be shown."""
    digits = re.sub(r"\D", "", value)
    return f"<CREDIT_CARD ending {digits[-4:]}>"


class Redactor:
    """Masks personal data in text; build once and reuse (the engine loads a pipeline)."""

    def __init__(self, engine: PiiEngine | None = None) -> None:
        self._engine = engine if engine is not None else engine_for(REDACTION_SETTINGS)
        self._anonymizer = AnonymizerEngine()  # type: ignore[no-untyped-call]  # untyped upstream
        self._operators = {
            "DEFAULT": OperatorConfig("replace"),
            "CREDIT_CARD": OperatorConfig("custom", {"lambda": _card_placeholder}),
        }

    def find(self, text: str, context: TextContext | None = None) -> list[PiiSpan]:
        """Every personal-data span found in `text` (read in `context`), secrets and long
        digit runs included."""
        found = list(self._engine.analyze(text, _reading(context)))
        found.extend(_secrets(text, found))
        found.extend(_digit_runs(text, found))
        return found

    def prefetch(self, texts: Sequence[str], contexts: Sequence[TextContext | None]) -> None:
        """Analyse many texts, each in its context, in one batch ahead of `redact` asking
        about each: the results wait in the engine's cache (one at a time, each text
        would cost a call of the language model of its own)."""
        self._engine.analyze_many(texts, [_reading(context) for context in contexts])

    def prefetch_identifiers(self, identifiers: Sequence[str]) -> None:
        """Analyse many ids in one batch ahead of `identifier_spans` asking about each:
        the results wait in the engine's cache (one at a time, each id would cost the
        engine a call of its own)."""
        self._engine.analyze_many(identifiers)

    def identifier_spans(self, identifier: str) -> list[PiiSpan]:
        """Personal data in an id: pattern values (not names or places, which a
        language model cannot tell from an id's letters), any e-mail-like part even
        with an invalid domain, and long digit runs unless the id is all digits."""
        found = [span for span in self._engine.analyze(identifier)
                 if span.entity_type not in _FREE_TEXT_TYPES]
        found.extend(_secrets(identifier, found))
        found.extend(PiiSpan("EMAIL_ADDRESS", m.start(), m.end(), 1.0)
                     for m in _EMAIL_LIKE.finditer(identifier)
                     if not any(PiiSpan("", m.start(), m.end(), 0).overlaps(s) for s in found))
        if not identifier.isdigit():
            found.extend(_digit_runs(identifier, found))
        return found

    def mask(self, text: str, spans: Sequence[PiiSpan]) -> RedactedText:
        """`text` with the given spans replaced by their placeholders."""
        if not spans:
            return RedactedText(text)
        results = [AnonymizerInput(span.entity_type, span.start, span.end, span.score)
                   for span in spans]
        return RedactedText(self._anonymizer.anonymize(
            text=text, analyzer_results=results, operators=self._operators).text)

    def redact(self, text: str, *, speaker: str | None = None,
               context: TextContext | None = None) -> RedactedText:
        """`text` with each personal-data value replaced by `<ENTITY_TYPE>`.

        With `speaker="bot"`, the name the bot introduces itself with stays readable;
        with the conversation's `context`, the bot's persona name in any turn.
        """
        found = self.find(text, context) if text else []
        if found and speaker == BOT_SPEAKER:
            persona = persona_name_span(text)
            if persona is not None:
                found = [span for span in found if not _names_persona(text, span, persona)]
        if not found:
            return RedactedText(text)
        spans = [AnonymizerInput(span.entity_type, span.start, span.end, span.score)
                 for span in found]
        anonymized = self._anonymizer.anonymize(
            text=text, analyzer_results=spans, operators=self._operators
        )
        return RedactedText(anonymized.text)


def _reading(context: TextContext | None) -> TextContext:
    """The context a text is read in for redaction: `context` (default: English)
    without the agents' names, which are masked all the same."""
    if context is None:
        return DEFAULT_CONTEXT
    if context.agent_names or context.written_by:
        # Agents are people: their names are masked in evidence all the same, also
        # where a customer greets them.
        return replace(context, agent_names=frozenset(), written_by=None)
    return context


def _names_persona(text: str, span: PiiSpan, persona: tuple[int, int]) -> bool:
    """Whether a detected name is the persona's: it overlaps the persona's name and
    holds no other capitalised word (NER spans can take in a word either side:
    "bin Lena vom")."""
    if span.entity_type not in _FREE_TEXT_TYPES:
        return False
    start, end = persona
    if span.end <= start or end <= span.start:
        return False
    rest = text[span.start:max(span.start, start)] + " " + text[min(span.end, end):span.end]
    return not any(word[:1].isupper() for word in rest.split())


def _secrets(text: str, known: Sequence[PiiSpan]) -> list[PiiSpan]:
    """Secret values (`<PASSWORD>`, `<CARD_SECURITY_CODE>` ...) not overlapping a known span."""
    spans = [PiiSpan(secret.kind, secret.start, secret.end, 1.0) for secret in find_secrets(text)]
    return [span for span in spans if not any(span.overlaps(other) for other in known)]


def _digit_runs(text: str, known: Sequence[PiiSpan]) -> list[PiiSpan]:
    """Long digit runs not already inside a detected value, as `NUMBER` spans."""
    runs = []
    for match in _DIGIT_RUN.finditer(text):
        if sum(char.isdigit() for char in match.group()) < _MIN_DIGITS_IN_RUN:
            continue
        if any(span.start <= match.start() and match.end() <= span.end for span in known):
            continue
        runs.append(PiiSpan("NUMBER", match.start(), match.end(), 0.5))
    return runs
