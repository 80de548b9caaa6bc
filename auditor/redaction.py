"""The only producer of evidence text: personal data masked by entity type.

Detection uses presidio-analyzer's pattern recognizers (cards with the Luhn check,
e-mail, phone numbers through `phonenumbers`, IBAN, US SSN, IP addresses) and the
masking uses presidio-anonymizer, so every excerpt a report, log or error message
shows has passed through here. Recognizers are called directly rather than through
`AnalyzerEngine`, which would require a spaCy pipeline; names and places need one
and are out of reach of pattern matching.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NewType

import tldextract
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    UsSsnRecognizer,
)
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig
from presidio_anonymizer.entities import RecognizerResult as AnonymizerInput

RedactedText = NewType("RedactedText", str)

# Only the bundled public-suffix snapshot: an audit never touches the network.
_OFFLINE_SUFFIXES = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

# A long unbroken digit run (account numbers, card fragments the Luhn check
# rejects, phone numbers in a format `phonenumbers` does not parse) is masked too:
# an excerpt loses nothing a reader needs by hiding it.
_DIGIT_RUN = re.compile(r"(?<![\w])\+?\d(?:[\d \-.()/]{5,}\d)(?![\w])")
_MIN_DIGITS_IN_RUN = 7
_MIN_SCORE = 0.3


class OfflineEmailRecognizer(EmailRecognizer):
    """presidio's e-mail recognizer, validating domains against the bundled suffix list."""

    def validate_result(self, pattern_text: str) -> bool:
        """Accept a match whose domain has a known public suffix."""
        return bool(_OFFLINE_SUFFIXES(pattern_text).fqdn)


def _recognizers() -> Sequence[EntityRecognizer]:
    """The pattern recognizers evidence is masked with."""
    return (
        CreditCardRecognizer(),
        OfflineEmailRecognizer(),
        IbanRecognizer(),
        UsSsnRecognizer(),
        IpRecognizer(),
        PhoneRecognizer(supported_regions=("US", "GB", "DE", "FR", "ES", "IT", "NL", "CA")),
    )


def _card_placeholder(value: str) -> str:
    """Keep a card's last four digits, which PCI DSS allows to be shown."""
    digits = re.sub(r"\D", "", value)
    return f"<CREDIT_CARD ending {digits[-4:]}>"


class Redactor:
    """Masks personal data in text; build once and reuse (recognizers compile regexes)."""

    def __init__(self) -> None:
        self._recognizers = _recognizers()
        self._anonymizer = AnonymizerEngine()  # type: ignore[no-untyped-call]  # untyped upstream
        self._operators = {
            "DEFAULT": OperatorConfig("replace"),
            "CREDIT_CARD": OperatorConfig("custom", {"lambda": _card_placeholder}),
        }

    def find(self, text: str) -> list[RecognizerResult]:
        """Every personal-data span found in `text`, as presidio results."""
        found: list[RecognizerResult] = []
        for recognizer in self._recognizers:
            # Pattern recognizers need no NLP artifacts; presidio's signature says otherwise.
            results = recognizer.analyze(text, recognizer.supported_entities, None)  # type: ignore[arg-type]
            found.extend(result for result in results or () if result.score >= _MIN_SCORE)
        found.extend(_digit_runs(text, found))
        return found

    def redact(self, text: str) -> RedactedText:
        """`text` with each personal-data value replaced by `<ENTITY_TYPE>`."""
        found = self.find(text)
        if not found:
            return RedactedText(text)
        spans = [
            AnonymizerInput(result.entity_type, result.start, result.end, result.score)
            for result in found
        ]
        anonymized = self._anonymizer.anonymize(
            text=text, analyzer_results=spans, operators=self._operators
        )
        return RedactedText(anonymized.text)


def _digit_runs(text: str, known: Sequence[RecognizerResult]) -> list[RecognizerResult]:
    """Long digit runs not already covered by a recognizer, as `NUMBER` spans."""
    runs = []
    for match in _DIGIT_RUN.finditer(text):
        if sum(char.isdigit() for char in match.group()) < _MIN_DIGITS_IN_RUN:
            continue
        if any(r.start <= match.start() and match.end() <= r.end for r in known):
            continue
        runs.append(RecognizerResult("NUMBER", match.start(), match.end(), 0.5))
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
