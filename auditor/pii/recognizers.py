"""The pattern recognizers: cards, IBANs, SSNs, e-mail, IP addresses, phone numbers.

presidio's own recognizers do most of the work (the IBAN checksum, `phonenumbers` for
phone numbers); card numbers of every network are `card_numbers.py`'s; this module
adds an offline e-mail domain check, phone formats `phonenumbers` rejects (fictional
555-01xx numbers, international numbers written with dots or extensions) and, for
each recognizer, the character a text must contain for it to match at all, so texts
without one skip it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import tldextract
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    UsSsnRecognizer,
)

from auditor.pii.addresses import StreetAddressRecognizer
from auditor.pii.card_numbers import CardNumberRecognizer
from auditor.pii.name_cues import NameCueRecognizer, could_hold_cued_name

# Only the bundled public-suffix snapshot: an audit never touches the network.
OFFLINE_SUFFIXES = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

PHONE_REGIONS = ("US", "GB", "DE", "FR", "ES", "IT", "NL", "CA")
PHONE_CONTEXT = ["phone", "telephone", "tel", "cell", "cellphone", "mobile", "call", "fax",
                 "landline", "office", "desk", "whatsapp", "sms", "text", "dial", "reach",
                 "contact", "number"]

# North American numbers, including the fictional 555-01xx range `phonenumbers`
# rejects as invalid: "(212) 555-0147", "212.555.0147", "+1 212 555 0147".
_NANP = (r"(?<![\w+\-.])(?:\+?1[ \-.]?)?(?:\([2-9]\d{2}\)|[2-9]\d{2})[ \-.]?[2-9]\d{2}"
         r"[\-. ]\d{4}(?:[ \t]*(?:x|ext\.?)[ \t]*\d{1,6})?(?![\w\-]|\.\d)")
# A seven-digit local number with a dash: "555-0142".
_LOCAL = r"(?<![\w+\-.])[2-9]\d{2}-\d{4}(?![\w\-]|\.\d)"
# A number with an international prefix: "+44 20 7946 0958", "001-420-335-7509x385".
_INTERNATIONAL = (r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ \-.]?\(?\d{1,4}\)?){2,5}"
                  r"(?:[ \t]*(?:x|ext\.?)[ \t]*\d{1,6})?(?![\w\-]|\.\d)")
# Digit groups as people write phone numbers: "(07) 5331 0577", "027 896 92 86",
# "986.291.2294x751". Weak on its own; a context word ("call", "mobile") confirms it.
_GROUPED = (r"(?<![\w+\-.,/])(?:\(\d{2,4}\)|\d{2,4})(?:[ \-.]\d{2,4}){2,4}"
            r"(?:[ \t]*(?:x|ext\.?)[ \t]*\d{1,6})?(?![\w\-/]|[.,]\d)")
_MIN_PHONE_DIGITS = 7
_MAX_PHONE_DIGITS = 15
# Shapes that are dates, times or versions rather than phone numbers.
_NOT_A_PHONE = re.compile(r"^\d{1,4}([./\-])\d{1,2}\1\d{1,4}$|^\d{1,2}[.:]\d{2}$")

# Published sample SSNs are what fixtures and demos contain; presidio discards them,
# but a transcript that shows one still shows an SSN-shaped identifier.
_SAMPLE_SSNS = frozenset({"078051120", "123456789", "987654320"})



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


class PhoneShapeRecognizer(PatternRecognizer):
    """Phone numbers in formats `phonenumbers` does not accept for the listed regions."""

    def __init__(self) -> None:
        super().__init__(
            supported_entity="PHONE_NUMBER", name="PhoneShapeRecognizer",
            patterns=[Pattern("NANP", _NANP, 0.4), Pattern("local", _LOCAL, 0.4),
                      Pattern("international", _INTERNATIONAL, 0.4),
                      Pattern("grouped digits", _GROUPED, 0.2)],
            context=PHONE_CONTEXT)

    def invalidate_result(self, pattern_text: str) -> bool:
        """Too few or too many digits for a phone number, or the shape of a date."""
        number = re.split(r"\s*(?:x|ext\.?)\s*", pattern_text.lower())[0]
        digits = sum(char.isdigit() for char in number)
        if not _MIN_PHONE_DIGITS <= digits <= _MAX_PHONE_DIGITS:
            return True
        return _NOT_A_PHONE.match(number.strip()) is not None


def pattern_recognizers() -> tuple[GuardedRecognizer, ...]:
    """Every recognizer the engine runs besides the spaCy entity recognizer."""
    return (
        GuardedRecognizer(CardNumberRecognizer(), HAS_DIGIT),
        GuardedRecognizer(OfflineEmailRecognizer(), HAS_AT_SIGN),
        GuardedRecognizer(IbanRecognizer(), HAS_DIGIT),
        GuardedRecognizer(SampleTolerantSsnRecognizer(), HAS_DIGIT),
        GuardedRecognizer(IpRecognizer(), HAS_DIGIT_OR_COLON),
        GuardedRecognizer(PhoneRecognizer(context=list(PHONE_CONTEXT),
                                          supported_regions=PHONE_REGIONS), HAS_DIGIT),
        GuardedRecognizer(PhoneShapeRecognizer(), HAS_DIGIT),
        GuardedRecognizer(StreetAddressRecognizer(), HAS_DIGIT),
        GuardedRecognizer(NameCueRecognizer(), could_hold_cued_name),
    )
