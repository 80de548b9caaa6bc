"""The only producer of evidence text: personal data masked by entity type.

Detection uses the shared personal-data engine (`auditor.pii`): presidio's pattern
recognizers (cards with the Luhn check, e-mail, phone numbers through
`phonenumbers`, IBAN, US SSN, IP addresses, street addresses) and, when a spaCy
pipeline is installed, names and places; secrets stated in text (card security
codes, PINs, passwords, one-time codes, dates of birth) come from `auditor.secrets`.
Masking uses presidio-anonymizer, so every excerpt a report, log or error message
shows has passed through here. Redaction is deliberately more eager than the PII
checks: lower score thresholds, no allow list for order or ticket numbers, and any
long digit run masked as well.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NewType

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig
from presidio_anonymizer.entities import RecognizerResult as AnonymizerInput

from auditor.pii import PiiEngine, PiiSettings, PiiSpan, engine_for
from auditor.pii.settings import (
    DEFAULT_THRESHOLDS,
    PERSONA_PATTERN,
    PLACEHOLDER_PATTERN,
)
from auditor.secrets import find_secrets

RedactedText = NewType("RedactedText", str)

# A long unbroken digit run (account numbers, card fragments the Luhn check
# rejects, phone numbers in a format no recognizer accepts) is masked too:
# an excerpt loses nothing a reader needs by hiding it.
_DIGIT_RUN = re.compile(r"(?<![\w])\+?\d(?:[\d \-.()/]{5,}\d)(?![\w])")
_MIN_DIGITS_IN_RUN = 7
# Pattern values are masked from this score on; names and places keep the engine's
# thresholds, so ordinary capitalised words are not hidden from reviewers.
_MIN_PATTERN_SCORE = 0.3
_FREE_TEXT_TYPES = ("PERSON", "LOCATION")

REDACTION_SETTINGS = PiiSettings(
    thresholds={entity: (score if entity in _FREE_TEXT_TYPES else _MIN_PATTERN_SCORE)
                for entity, score in DEFAULT_THRESHOLDS.items()},
    # A bot persona ("Ava, an AI assistant") and earlier placeholders stay readable;
    # order and ticket numbers are masked like any other number.
    allow_patterns=(PLACEHOLDER_PATTERN, PERSONA_PATTERN),
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

    def find(self, text: str) -> list[PiiSpan]:
        """Every personal-data span found in `text`, secrets and long digit runs included."""
        found = list(self._engine.analyze(text))
        found.extend(_secrets(text, found))
        found.extend(_digit_runs(text, found))
        return found

    def redact(self, text: str) -> RedactedText:
        """`text` with each personal-data value replaced by `<ENTITY_TYPE>`."""
        found = self.find(text) if text else []
        if not found:
            return RedactedText(text)
        spans = [AnonymizerInput(span.entity_type, span.start, span.end, span.score)
                 for span in found]
        anonymized = self._anonymizer.anonymize(
            text=text, analyzer_results=spans, operators=self._operators
        )
        return RedactedText(anonymized.text)


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


@lru_cache(maxsize=1)
def default_redactor() -> Redactor:
    """The shared redactor, built on first use."""
    return Redactor()


def redact(text: str) -> RedactedText:
    """Mask personal data in `text` with the shared redactor."""
    return default_redactor().redact(text)


def excerpt(text: str, *, around: str | None = None, width: int = 240) -> RedactedText:
    """A redacted excerpt of at most about `width` characters, centred on `around`.

    Redaction runs on the whole text first: cutting first could leave half a card
    number that no recognizer would match any more.
    """
    masked = redact(text)
    if len(masked) <= width:
        return masked
    centre = masked.find(around) if around else -1
    start = 0 if centre < 0 else max(0, centre - width // 3)
    end = min(len(masked), start + width)
    start = max(0, end - width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(masked) else ""
    return RedactedText(prefix + masked[start:end].strip() + suffix)
