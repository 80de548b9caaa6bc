"""The pattern recognizers the engine runs, and what a text needs for each to match.

Card numbers of every network are `card_numbers.py`'s, phone numbers `phones.py`'s
(`phonenumbers` and shapes it rejects), national identifiers `national_ids.py`'s and
street addresses `addresses.py`'s. This module adds IBANs checked with python-stdnum
(any country, compact or in groups of four, any case), presidio's SSN and IP
recognizers, an offline e-mail domain check and, for each recognizer, the character
a text must contain for it to match at all, so texts without one skip it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import tldextract
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    IpRecognizer,
    UsSsnRecognizer,
)
from stdnum import iban

from auditor.pii.addresses import StreetAddressRecognizer
from auditor.pii.card_recognizer import CardNumberRecognizer
from auditor.pii.name_cues import NameCueRecognizer, could_hold_cued_name
from auditor.pii.national_ids import NationalIdRecognizer
from auditor.pii.phones import PhoneNumberRecognizer, PhoneShapeRecognizer

# Only the bundled public-suffix snapshot: an audit never touches the network.
OFFLINE_SUFFIXES = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

# Published sample SSNs are what fixtures and demos contain; presidio discards them,
# but a transcript that shows one still shows an SSN-shaped identifier.
_SAMPLE_SSNS = frozenset({"078051120", "123456789", "987654320"})

# A country code, check digits and up to 30 more letters or digits, written together
# or in groups split by single spaces or hyphens; the IBAN registry's shortest is 15
# characters (Norway), its longest 34.
_IBAN = (r"(?<![\w\-])[A-Za-z]{2}\d{2}(?:[ \-]?[A-Za-z0-9]){11,30}(?![\w])")
_IBAN_GROUP_SEPARATOR = re.compile(r"[ \-]")
IBAN_CONTEXT = ["iban", "bank", "account", "transfer", "refund", "konto", "cuenta", "compte",
                "conto", "rekening", "überweisen", "transferencia", "virement", "bonifico"]


def _contains(pattern: str) -> Callable[[str], bool]:
    """A test for whether a text contains a match of `pattern`."""
    compiled = re.compile(pattern)
    return lambda text: compiled.search(text) is not None


HAS_DIGIT = _contains(r"\d")
HAS_AT_SIGN = _contains("@")
HAS_DIGIT_OR_COLON = _contains(r"[\d:]")


@dataclass(frozen=True, slots=True)
class GuardedRecognizer:
    """A recognizer and what a text needs before the recognizer can match anything.

    `needs` is derived from the recognizer's own patterns (every card pattern has a
    digit, every e-mail an "@"), so skipping texts without it changes no result.
    None means the recognizer always runs.
    """

    recognizer: EntityRecognizer
    needs: Callable[[str], bool] | None

    def applies_to(self, text: str) -> bool:
        """Whether the recognizer could match anything in `text`."""
        return self.needs is None or self.needs(text)


class OfflineEmailRecognizer(EmailRecognizer):
    """presidio's e-mail recognizer, validating domains against the bundled suffix list."""

    def validate_result(self, pattern_text: str) -> bool:
        """Accept a match whose domain has a known public suffix."""
        return bool(OFFLINE_SUFFIXES(pattern_text).fqdn)


class SampleTolerantSsnRecognizer(UsSsnRecognizer):
    """presidio's US SSN recognizer that still reports the published sample numbers."""

    def invalidate_result(self, pattern_text: str) -> bool:
        """presidio's checks, except that sample SSNs stay valid."""
        digits = "".join(char for char in pattern_text if char.isdigit())
        if digits in _SAMPLE_SSNS and len(set(pattern_text) & {".", "-", " "}) <= 1:
            return False
        return bool(super().invalidate_result(pattern_text))


class IbanCodeRecognizer(PatternRecognizer):
    """IBAN_CODE: an IBAN of any country that python-stdnum validates (the ISO 7064
    mod 97-10 check digits and the country's length and BBAN structure)."""

    def __init__(self) -> None:
        super().__init__(supported_entity="IBAN_CODE", name="IbanCodeRecognizer",
                         patterns=[Pattern("IBAN", _IBAN, 0.5)], context=IBAN_CONTEXT)

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        """Each match cut back to the longest run of its groups that is a valid IBAN.

        Written in groups, an IBAN may run on into the next word ("DE89 3704 0044
        0532 0130 00 by Friday"); the groups are dropped from the end until the rest
        validates.
        """
        results = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            end = _valid_iban_end(text, result.start, result.end)
            if end is not None:
                result.end, result.score = end, 1.0
                results.append(result)
        return results

    def invalidate_result(self, pattern_text: str) -> bool:
        """Keep every shape match: `analyze` validates it, group by group."""
        return False


def _valid_iban_end(text: str, start: int, end: int) -> int | None:
    """Where the longest valid IBAN starting at `start` and ending at a group ends."""
    cuts = [match.start() for match in _IBAN_GROUP_SEPARATOR.finditer(text, start, end)] + [end]
    for cut in reversed(cuts):
        # The country's length and BBAN structure, not its national checks (stdnum's
        # bank registries do not know every bank).
        if iban.is_valid(text[start:cut], check_country=False):
            return cut
    return None


def pattern_recognizers() -> tuple[GuardedRecognizer, ...]:
    """Every recognizer the engine runs besides the spaCy entity recognizer."""
    return (
        GuardedRecognizer(CardNumberRecognizer(), HAS_DIGIT),
        GuardedRecognizer(OfflineEmailRecognizer(), HAS_AT_SIGN),
        GuardedRecognizer(IbanCodeRecognizer(), HAS_DIGIT),
        GuardedRecognizer(SampleTolerantSsnRecognizer(), HAS_DIGIT),
        GuardedRecognizer(NationalIdRecognizer(), HAS_DIGIT),
        GuardedRecognizer(IpRecognizer(), HAS_DIGIT_OR_COLON),
        GuardedRecognizer(PhoneNumberRecognizer(), HAS_DIGIT),
        GuardedRecognizer(PhoneShapeRecognizer(), HAS_DIGIT),
        GuardedRecognizer(StreetAddressRecognizer(), HAS_DIGIT),
        GuardedRecognizer(NameCueRecognizer(), could_hold_cued_name),
    )
