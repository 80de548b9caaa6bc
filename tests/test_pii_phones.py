"""Phone numbers through `phonenumbers`, national and international, and what only looks
like one. Numbers are fictional: 555-01xx, Ofcom's drama ranges, invented digits."""

from __future__ import annotations

import phonenumbers
import pytest

from auditor.pii import PiiEngine, PiiSettings, engine_for
from auditor.pii.context import TextContext, analysing
from auditor.pii.phones import (
    AMBIGUOUS_SCORE,
    VALID_SCORE,
    PhoneNumberRecognizer,
    looks_like_other_number,
    phone_region,
)


@pytest.fixture(scope="module")
def engine() -> PiiEngine:
    """The engine without a spaCy pipeline: phone numbers need none."""
    return engine_for(PiiSettings(spacy_model=None))


def phones(engine: PiiEngine, text: str) -> list[str]:
    """The phone numbers the engine reports in `text`."""
    return [span.value(text) for span in engine.analyze(text)
            if span.entity_type == "PHONE_NUMBER"]


@pytest.mark.parametrize(("text", "value"), [
    # United States and Canada, with the fictional 555-01xx range.
    ("You can reach me at (212) 555-0147 after five", "(212) 555-0147"),
    ("My number is 555-0142.", "555-0142"),
    ("call the office on +1 416 555 0199 ext. 12", "+1 416 555 0199 ext. 12"),
    ("Desk: 986.291.2294x751", "986.291.2294x751"),
    ("Fax: 001-420-335-7509x38548", "001-420-335-7509x38548"),
    # United Kingdom and Ireland.
    ("my mobile is +44 7700 900123", "+44 7700 900123"),
    ("ring me on 020 7946 0958", "020 7946 0958"),
    ("+44(0)131 4960707 is the office", "+44(0)131 4960707"),
    ("Dublin office: 01 555 0123", "01 555 0123"),
    # Germany, Austria, Switzerland.
    ("Meine Handynummer ist 0151 23456789", "0151 23456789"),
    ("Tel.: +49 30 12345678", "+49 30 12345678"),
    ("Zürich: +41 (0)44 668 18 00", "+41 (0)44 668 18 00"),
    # France and Belgium.
    ("Mon portable : 06 12 34 56 78", "06 12 34 56 78"),
    ("appelez le +33 1 23 45 67 89 demain", "+33 1 23 45 67 89"),
    ("mon numéro: 0470 12 34 56", "0470 12 34 56"),
    # Spain, Portugal, Italy.
    ("Mi móvil es 612 34 56 78", "612 34 56 78"),
    ("llámame al +34 912 345 678 por la tarde", "+34 912 345 678"),
    ("o meu telemóvel é +351 912 345 678", "+351 912 345 678"),
    ("il mio cellulare è 333 123 4567", "333 123 4567"),
    # Netherlands.
    ("mijn nummer is 06-12345678", "06-12345678"),
    ("bel me op +31 20 123 4567", "+31 20 123 4567"),
    # Australia and India.
    ("Can someone call me on (07) 5331 0577?", "(07) 5331 0577"),
    ("my Indian number is +91 98765 43210", "+91 98765 43210"),
    # A bare run of digits with a word that makes it a phone number.
    ("my number is 2125550147", "2125550147"),
    ("Handy: 015123456789", "015123456789"),
    # Grouped digits phonenumbers rejects, with a context word.
    ("Can someone call me on 21 212 133 2727?", "21 212 133 2727"),
], ids=["us-brackets", "us-local-555", "ca-extension", "us-dots-extension", "us-00-prefix",
        "gb-international", "gb-london", "gb-trunk-in-brackets", "ie", "de-mobile", "de-tel",
        "ch", "fr-mobile", "fr-international", "be-mobile", "es-mobile", "es-international",
        "pt-international", "it-mobile", "nl-mobile", "nl-international", "au-brackets",
        "in-international", "bare-with-word", "de-bare-with-word", "grouped-with-call"])
def test_phone_numbers_are_found(engine: PiiEngine, text: str, value: str) -> None:
    assert phones(engine, text) == [value]


@pytest.mark.parametrize("text", [
    "The value is 0.948088944 according to the report",
    "Total $1,234.56 was charged twice",
    "el total es 1.234.567,89 € según la factura",
    "Der Betrag von 1.234,56 EUR wurde abgebucht",
    "It costs 1,299,000 in total",
    "order 12345678 has not arrived yet",
    "I'm on version 10.2.3.4567 of the app",
    "Firmware v2.14.1203 fixed it",
    "My flight is on 12.05.2026 at 10:30",
    "2026-10-08 09:00:14.900000 UTC",
    "Het bedrag is op 12-03-2025 afgeschreven",
    "The router at 192.168.20.14 keeps dropping",
    "Coordinates 51.507351, -0.127758 are where it was delivered",
    "My driver's license number is 481195160",
    "Deliver to Avenida Freitas, 9380-921 Maia",
    "5492996228",
    "Bestellung 4942186004 ist unterwegs",
], ids=["decimal", "dollar-amount", "euro-amount-es", "euro-amount-de", "thousands",
        "order-number", "version", "firmware-version", "date-and-time", "timestamp",
        "date-nl", "ip-address", "coordinates", "licence-number", "pt-postcode",
        "bare-digits-alone", "order-number-de"])
def test_numbers_that_are_not_phone_numbers_are_left_alone(engine: PiiEngine,
                                                           text: str) -> None:
    assert phones(engine, text) == []


@pytest.mark.parametrize(("text", "start", "end", "other"), [
    ("pi is 3.14159265 roughly", 6, 16, True),
    ("cost: €1234567", 7, 14, True),
    ("see 12/05/2026", 4, 14, True),
    ("call 06 12 34 56 78", 5, 19, False),
], ids=["decimal", "currency", "date", "phone"])
def test_other_numbers_are_told_from_phone_numbers(text: str, start: int, end: int,
                                                    other: bool) -> None:
    assert looks_like_other_number(text, start, end) is other


@pytest.mark.parametrize(("region", "expected"), [
    ("ES", "ES"), ("us-ca", "US"), ("UK", "GB"), ("EU", None), (None, None), ("", None),
], ids=["country", "state", "uk-alias", "union", "none", "empty"])
def test_a_conversations_region_maps_to_a_phonenumbers_region(region: str | None,
                                                              expected: str | None) -> None:
    assert phone_region(region) == expected


def test_a_bare_national_number_is_a_phone_number_in_its_own_region() -> None:
    text = "es el 612345678"
    [without] = PhoneNumberRecognizer().analyze(text, ["PHONE_NUMBER"])
    [spanish] = PhoneNumberRecognizer(default_region="ES").analyze(text, ["PHONE_NUMBER"])
    assert without.score == AMBIGUOUS_SCORE
    assert spanish.score == VALID_SCORE


def test_the_region_of_the_text_being_analysed_is_read_when_none_is_given() -> None:
    recognizer = PhoneNumberRecognizer()
    with analysing(TextContext(region="ES")):
        [result] = recognizer.analyze("es el 612345678", ["PHONE_NUMBER"])
    assert result.score == VALID_SCORE
    assert recognizer.uses_region


def test_a_conversations_region_comes_first() -> None:
    # "0470 12 34 56" is valid in Australia and in European regions tried before it.
    text = "mon numéro: 0470 12 34 56"
    [default] = PhoneNumberRecognizer().analyze(text, ["PHONE_NUMBER"])
    [australian] = PhoneNumberRecognizer(default_region="AU").analyze(text, ["PHONE_NUMBER"])
    assert "AU" not in default.analysis_explanation.textual_explanation
    assert "AU" in australian.analysis_explanation.textual_explanation


def test_texts_with_few_digits_never_reach_phonenumbers(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("PhoneNumberMatcher called")

    monkeypatch.setattr(phonenumbers, "PhoneNumberMatcher", fail)
    monkeypatch.setattr("auditor.pii.phones.PhoneNumberMatcher", fail)
    assert PhoneNumberRecognizer().analyze("Room 12, table 4, 2 people at 19:30",
                                           ["PHONE_NUMBER"]) == []
