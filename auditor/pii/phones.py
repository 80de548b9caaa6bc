"""Phone numbers: `phonenumbers` for every format it validates, shapes for the rest.

`PhoneNumberRecognizer` finds digit runs that could be phone numbers (seven digits or
more, the characters people write numbers with) and hands each to
`phonenumbers.PhoneNumberMatcher` with `Leniency.VALID` (a number that is valid for
the region, written with any grouping, as people type in chat), trying the
conversation's region first, then `LIKELY_REGIONS`. The conversation's region is the
one the recognizer was built with, else the region of the text being analysed
(`auditor.pii.context.current_context().region`: "ES", "US-CA"; "EU" names no
country). A number in international form ("+44 20 7946 0958", "0044 ...") is valid
whatever the region.

`PhoneShapeRecognizer` adds formats `phonenumbers` rejects: the fictional 555-01xx
range, seven-digit local numbers, international numbers written with dots or
extensions, and grouped digits confirmed by a word such as "call" or "mobile".

Both drop what only looks like a phone number: decimals ("0.948088944"), amounts
("$1,234.56", "1.234,56 €"), dates, times, versions ("version 10.2.3.4567"), IP
addresses and numbers an order or ticket word names ("order 12345678").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher
from presidio_analyzer import (
    AnalysisExplanation,
    LocalRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

from auditor.pii.context import current_context
from auditor.pii.context_words import ContextWords, WordContextMixin
from auditor.pii.settings import REFERENCE_ID_PATTERN

__all__ = ["LIKELY_REGIONS", "PHONE_CONTEXT", "PhoneNumberRecognizer", "PhoneShapeRecognizer",
           "looks_like_other_number", "phone_region"]

# Regions tried, in order, for numbers written in national form: North America, the
# UK and Ireland, the EU's most populous members and neighbours, Australia, India.
LIKELY_REGIONS: tuple[str, ...] = ("US", "CA", "GB", "IE", "DE", "AT", "CH", "FR", "BE", "NL",
                                   "ES", "PT", "IT", "PL", "SE", "DK", "AU", "IN")
# Words that make a nearby number a phone number, in the languages the rulebook
# covers. Foreign words for "number" are left out: "número de pedido" names an order.
PHONE_CONTEXT = ContextWords((
    # "my number" in each language.
    "my number", "(?:mi|tu|su) n[úu]mero", "(?:mon|ton|votre) num[ée]ro",
    "(?:meine|deine|ihre|unsere) nummer", "(?:mio|tuo|suo) numero", "(?:mijn|je|uw) nummer",
    r"(?:tele|cell|smart)?phones?", "tel", "cell", "mobiles?", r"call(?:s|ed|ing)?", "fax",
    "landline", "office", "desk", "whatsapp", "sms", r"text(?:s|ed|ing)?",
    r"messages?", "dial", "reach", r"contact(?:s|ed|ing)?",
    # "number" with a word that makes it a phone number ("licence number" does not).
    r"(?:my|your|his|her|our|their|a|the|this|new|direct|contact|home|work) numbers?",
    "tel[ée]fono", "tlf", "tfno", "m[óo]vil", "celular", r"ll[áa]m\w*", r"contactar\w*",
    "t[ée]l[ée]phone", "t[ée]l", "portable", r"appel\w*", r"rappel\w*", "joindre",
    "joignable", "fixe",
    r"telefon\w*", r"handy\w*", r"mobil\w*", r"\w*anrufen", "rufen", "rufnummer",
    "erreichbar", "festnetz",
    "cellulare", r"chiam\w*", "raggiungibile", "fisso",
    r"telefoon\w*", "mobiel", "bellen", "bel", "gsm", "bereikbaar",
))
# A valid number written as phone numbers are (international form, a trunk "0",
# groups) is reported. A bare run of digits ("5492996228") is as often an order or
# account number, and a seven-digit number is valid somewhere by chance (the
# Portuguese postcode "5590-302" in Luxembourg): only a context word, or validity
# in the conversation's own region, makes those phone numbers.
VALID_SCORE = 0.4
AMBIGUOUS_SCORE = 0.3
LOCAL_DIGITS = 8
MIN_DIGITS = 7
MAX_DIGITS = 15

# A run of the characters phone numbers are written with, on one line, with an
# optional extension: "+44(0)131 4960707", "986.291.2294x751", "06-12345678".
_CANDIDATE = re.compile(
    r"(?<![\w+#$€£¥₹])(?:\+[ \t]?|\(\+?)?\d(?:[\d \t().\-/]*\d)?\)?"
    r"(?:[ \t]*(?:x|ext\.?|extension)[ \t]*\d{1,6})?", re.IGNORECASE)
_EXTENSION = re.compile(r"\s*(?:x|ext\.?|extension)\s*\d+$", re.IGNORECASE)
_DECIMAL = re.compile(r"^\d+[.,]\d+$")
# A date, alone or at the start of a timestamp: "12.05.2026", "2026-10-08 09".
_DATE = re.compile(r"^\d{1,4}([./\-])\d{1,2}\1\d{1,4}(?:$|[ T])")
_TIME = re.compile(r"^\d{1,2}[.:]\d{2}$")
_IP = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
# A one-digit group between dots: "10.2.3.4567" is a version, no phone number.
_VERSION_GROUP = re.compile(r"\.\d\.")
# A currency before or after a number, or a unit after it, makes it an amount.
_AMOUNT_BEFORE = re.compile(r"(?:[$€£¥₹]|\b(?:USD|EUR|GBP|CHF|INR|AUD|CAD)|\bRs\.?)\s*$",
                              re.IGNORECASE)
_AMOUNT_AFTER = re.compile(
    r"^\s*(?:[$€£¥₹%]|(?:USD|EUR|GBP|CHF|INR|AUD|CAD|euros?|dollars?|pounds?|kg|km|"
    r"units?|pcs)\b)", re.IGNORECASE)
_VERSION_BEFORE = re.compile(
    r"\b(?:v|version|versión|versione|versie|build|release|firmware)\s*\.?\s*$", re.IGNORECASE)
_REFERENCE = re.compile(REFERENCE_ID_PATTERN)


def _digits(text: str) -> int:
    """How many digits `text` holds."""
    return sum(char.isdigit() for char in text)


def looks_like_other_number(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is a decimal, amount, date, time, version, IP address or
    named reference number rather than a phone number."""
    value = _EXTENSION.sub("", text[start:end]).strip()
    if (_DECIMAL.match(value) or _DATE.search(value) or _TIME.match(value) or _IP.match(value)
            or _VERSION_GROUP.search(value) or re.search(r"\d,\d", value)):
        return True
    before, after = text[max(0, start - 12):start], text[end:end + 12]
    # Digits continuing with a decimal or thousands separator ("1.234.567,89") or
    # as a time ("2026-10-08 09:00").
    if re.match(r"[.,:]\d", after) or re.search(r"\d[.,:]$", before):
        return True
    if (_AMOUNT_BEFORE.search(before) or _AMOUNT_AFTER.match(after)
            or _VERSION_BEFORE.search(before)):
        return True
    return any(match.start() <= start and end <= match.end()
               for match in _REFERENCE.finditer(text, max(0, start - 40), min(len(text), end + 1)))


def _score(number: str) -> float:
    """How sure a valid number in a region that is not the conversation's is a phone number."""
    number = _EXTENSION.sub("", number)
    if _digits(number) < LOCAL_DIGITS or (number.isdigit() and not number.startswith("0")):
        return AMBIGUOUS_SCORE
    return VALID_SCORE


def phone_region(region: str | None) -> str | None:
    """The `phonenumbers` region of a conversation's region: "US-CA" is "US", "UK" is
    "GB"; None for a region that names no country ("EU") or none at all."""
    country = (region or "").strip().upper().split("-", 1)[0]
    country = {"UK": "GB", "EL": "GR"}.get(country, country)
    return country if country in phonenumbers.SUPPORTED_REGIONS else None


class PhoneNumberRecognizer(WordContextMixin, LocalRecognizer):
    """PHONE_NUMBER: numbers `phonenumbers` validates for the conversation's region or a
    likely one.

    `default_region` (an ISO 3166 code such as "ES"; default: the region of the text
    being analysed) is tried first, and a bare run of digits valid there is reported
    without a context word; `regions` follow.
    """

    NAME = "PhoneNumberRecognizer"
    # The detector keys its cache by region for recognizers that read it.
    uses_region = True

    def __init__(self, default_region: str | None = None,
                 regions: Sequence[str] = LIKELY_REGIONS,
                 context_words: ContextWords = PHONE_CONTEXT) -> None:
        self.default_region = phone_region(default_region)
        self.regions = tuple(regions)
        self.context_words = context_words
        super().__init__(supported_entities=["PHONE_NUMBER"], name=self.NAME,
                         context=list(context_words.words))

    def load(self) -> None:
        """Nothing to load: `phonenumbers` reads its metadata on first use."""

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Valid phone numbers in `text`, each scored by how it is written."""
        if _digits(text) < MIN_DIGITS:
            return []
        home = self.default_region or phone_region(current_context().region)
        regions = tuple(dict.fromkeys(((home,) if home else ()) + self.regions))
        results: list[RecognizerResult] = []
        for candidate in _CANDIDATE.finditer(text):
            if _digits(candidate.group()) < MIN_DIGITS:
                continue
            for start, end, region in _numbers_in(candidate.group(), regions):
                start, end = start + candidate.start(), end + candidate.start()
                if (_digits(text[start:end]) >= MIN_DIGITS
                        and not looks_like_other_number(text, start, end)):
                    results.append(self._result(text[start:end], start, end, region, home))
        return results

    def _result(self, value: str, start: int, end: int, region: str,
                home: str | None) -> RecognizerResult:
        """A scored presidio result naming the region the number belongs to."""
        score = VALID_SCORE if region == home else _score(value)
        explanation = AnalysisExplanation(
            recognizer=self.NAME, original_score=score,
            textual_explanation=f"valid {region} phone number (phonenumbers)")
        return RecognizerResult(
            entity_type="PHONE_NUMBER", start=start, end=end, score=score,
            analysis_explanation=explanation,
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})


# Digit runs that are no phone number (order, ticket and invoice numbers) try every
# region before they are given up, and the same ones recur across an audit's messages.
_CANDIDATES_REMEMBERED = 8_192


@lru_cache(maxsize=_CANDIDATES_REMEMBERED)
def _numbers_in(candidate: str, regions: tuple[str, ...]) -> tuple[tuple[int, int, str], ...]:
    """Numbers in a candidate run, each with the region it belongs to: the matches of
    the first region that has any."""
    for region in regions:
        found = tuple((match.start, match.end,
                       phonenumbers.region_code_for_number(match.number) or region)
                      for match in PhoneNumberMatcher(candidate, region,
                                                      leniency=Leniency.VALID))
        if found:
            return found
    return ()


# North American numbers, including the fictional 555-01xx range: "(212) 555-0147",
# "212.555.0147", "+1 212 555 0147".
_NANP = (r"(?<![\w+\-.])(?:\+?1[ \-.]?)?(?:\([2-9]\d{2}\)|[2-9]\d{2})[ \-.]?[2-9]\d{2}"
         r"[\-. ]\d{4}(?:[ \t]*(?:x|ext\.?)[ \t]*\d{1,6})?(?![\w\-]|\.\d)")
# A seven-digit local number with a dash: "555-0142".
_LOCAL = r"(?<![\w+\-.])[2-9]\d{2}-\d{4}(?![\w\-]|\.\d)"
# A number with an international prefix: "+44 20 7946 0958", "001-420-335-7509x385".
_INTERNATIONAL = (r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ \-.]?\(?\d{1,4}\)?){2,5}"
                  r"(?:[ \t]*(?:x|ext\.?)[ \t]*\d{1,6})?(?![\w\-]|\.\d)")
# Digit groups as people write phone numbers: "(07) 5331 0577", "027 896 92 86",
# "986.291.2294x751", "(012)345-6789", an area code and a local number "012-3456789",
# ten or eleven digits in a row. Weak on its own; a context word ("call", "mobile")
# confirms it.
_GROUPED = (r"(?<![\w+\-.,/])(?:(?:\(\d{2,4}\)[ \-.]?|\d{2,4}[ \-.])\d{2,4}(?:[ \-.]\d{2,4}){1,3}"
            r"|\d{2,5}[ \-.]\d{6,8}|\d{10,11})"
            r"(?:[ \t]*(?:x|ext\.?)[ \t]*\d{1,6})?(?![\w\-/]|[.,]\d)")


class PhoneShapeRecognizer(WordContextMixin, PatternRecognizer):
    """Phone numbers in formats `phonenumbers` does not accept for the likely regions."""

    def __init__(self, context_words: ContextWords = PHONE_CONTEXT) -> None:
        self.context_words = context_words
        super().__init__(
            supported_entity="PHONE_NUMBER", name="PhoneShapeRecognizer",
            patterns=[Pattern("NANP", _NANP, VALID_SCORE), Pattern("local", _LOCAL, VALID_SCORE),
                      Pattern("international", _INTERNATIONAL, VALID_SCORE),
                      Pattern("grouped digits", _GROUPED, 0.2)],
            context=list(context_words.words))

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        """Shape matches, without those the surrounding text shows to be other numbers."""
        if _digits(text) < MIN_DIGITS:
            return []
        found = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [result for result in found
                if not looks_like_other_number(text, result.start, result.end)]

    def invalidate_result(self, pattern_text: str) -> bool:
        """Too few or too many digits for a phone number."""
        digits = _digits(_EXTENSION.sub("", pattern_text))
        return not MIN_DIGITS <= digits <= MAX_DIGITS
