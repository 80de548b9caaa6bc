"""National identifiers of EU countries and the UK, and IBANs of any country.

Every value here is synthetic: check digits computed with python-stdnum for invented
numbers, or the registries' published sample IBANs.
"""

from __future__ import annotations

import pytest

from auditor.findings import Severity
from auditor.pii import PiiEngine, PiiSettings, engine_for
from auditor.pii.engine import TYPE_PRIORITY
from auditor.pii.national_ids import NationalIdRecognizer, is_uk_nino
from auditor.pii.recognizers import IbanCodeRecognizer
from auditor.pii.settings import DEFAULT_ENTITIES, DEFAULT_THRESHOLDS
from auditor.redaction import redact
from checks.pii.identifiers import IDENTIFIER_SEVERITY, OWN_SENSITIVE_TYPES


@pytest.fixture(scope="module")
def engine() -> PiiEngine:
    """The engine without a spaCy pipeline: these are pattern recognizers."""
    return engine_for(PiiSettings(spacy_model=None))


def values(engine: PiiEngine, text: str, entity: str) -> list[str]:
    """The values of one entity type the engine reports in `text`."""
    return [span.value(text) for span in engine.analyze(text) if span.entity_type == entity]


@pytest.mark.parametrize(("text", "value"), [
    # Spain: the DNI and NIE letter is a check character; the shape alone suffices.
    ("Mi DNI es 48213057C", "48213057C"),
    ("te paso el documento: 70615932-K", "70615932-K"),
    ("NIE Y4721093N, por favor", "Y4721093N"),
    # France: the NIR as printed, or bare next to "sécurité sociale".
    ("Mon numéro: 1 84 05 75 112 233 93", "1 84 05 75 112 233 93"),
    ("numéro de sécurité sociale 291016912304544", "291016912304544"),
    # Germany: the tax ID only with its word.
    ("Meine Steuer-ID ist 47 152 039 488", "47 152 039 488"),
    ("Steueridentifikationsnummer: 82074619386", "82074619386"),
    # Italy: the codice fiscale's shape and check letter.
    ("il mio codice fiscale è BNCLRA72E45F205B", "BNCLRA72E45F205B"),
    ("VRDGPP80A01H501U è il codice", "VRDGPP80A01H501U"),
    # Netherlands: the BSN only with its word.
    ("Mijn BSN is 234567892", "234567892"),
    ("burgerservicenummer 314159265 graag wijzigen", "314159265"),
    # Poland: the PESEL only with its word.
    ("mój PESEL to 85031412347", "85031412347"),
    # Portugal: the NIF with its word, the Cartão de Cidadão by its shape.
    ("O meu NIF é 214567893", "214567893"),
    ("Cartão de Cidadão n.º 12345678 0 ZZ0", "12345678 0 ZZ0"),
    # Belgium: the national number as printed, or bare with its word.
    ("Mon numéro: 85.07.30-033.28", "85.07.30-033.28"),
    ("rijksregisternummer 92121504566", "92121504566"),
    # United Kingdom: the National Insurance number with its words.
    ("My national insurance number is AB 12 34 56 C", "AB 12 34 56 C"),
    ("NI number: JG103759A", "JG103759A"),
], ids=["es-dni", "es-dni-hyphen", "es-nie", "fr-nir-printed", "fr-nir-word", "de-idnr-spaced",
        "de-idnr-word", "it-cf", "it-cf-alone", "nl-bsn", "nl-bsn-long-word", "pl-pesel",
        "pt-nif", "pt-cc", "be-nn-printed", "be-nn-word", "uk-nino", "uk-nino-compact"])
def test_national_identifiers_are_found(engine: PiiEngine, text: str, value: str) -> None:
    assert values(engine, text, "NATIONAL_ID") == [value]


@pytest.mark.parametrize("text", [
    # A wrong check character.
    "Mi DNI es 48213057A",
    "NIE Y4721093T, por favor",
    "il mio codice fiscale è BNCLRA72E45F205C",
    "Mijn BSN is 234567891",
    "mój PESEL to 85031412348",
    "numéro de sécurité sociale 291016912304545",
    # Valid digits without the scheme's word are order numbers, amounts, phone numbers.
    "Bestelling 234567892 is onderweg",
    "numer zamówienia 85031412347",
    "Rechnungsnummer 47152039488",
    "Encomenda 214567893 enviada",
    "commande 291016912304544",
    "factuur 92121504566",
    # An NI number's shape with a prefix HMRC never allocates.
    "My national insurance number is QQ 12 34 56 C",
    "My national insurance number is GB 12 34 56 A",
], ids=["es-dni-bad-letter", "es-nie-bad-letter", "it-cf-bad-check", "nl-bsn-bad-check",
        "pl-pesel-bad-check", "fr-nir-bad-key", "nl-bsn-order", "pl-pesel-order",
        "de-idnr-invoice", "pt-nif-order", "fr-nir-order", "be-nn-invoice",
        "uk-nino-bad-prefix", "uk-nino-never-allocated"])
def test_invalid_or_unannounced_numbers_are_not_national_identifiers(
        engine: PiiEngine, text: str) -> None:
    assert values(engine, text, "NATIONAL_ID") == []


def test_an_ni_number_alone_is_masked_but_not_reported(engine: PiiEngine) -> None:
    text = "AB 12 34 56 C"
    assert values(engine, text, "NATIONAL_ID") == []
    assert redact(text) == "<NATIONAL_ID>"


@pytest.mark.parametrize(("value", "valid"), [
    ("AB123456C", True), ("ab 12 34 56 d", True), ("QQ123456C", False), ("AO123456C", False),
    ("AB123456E", False), ("ZZ123456A", False), ("AB12345C", False),
], ids=["valid", "lower-case-spaced", "q-first", "o-second", "suffix-e", "zz", "short"])
def test_uk_nino_shape_follows_hmrc_rules(value: str, valid: bool) -> None:
    assert is_uk_nino(value) is valid


def test_a_national_identifier_outranks_a_phone_number(engine: PiiEngine) -> None:
    text = "Mijn BSN is 234567892, bel me maar"
    assert [span.entity_type for span in engine.analyze(text)] == ["NATIONAL_ID"]


def test_national_id_is_a_known_type_everywhere() -> None:
    assert "NATIONAL_ID" in DEFAULT_ENTITIES
    assert "NATIONAL_ID" in DEFAULT_THRESHOLDS
    assert TYPE_PRIORITY.index("NATIONAL_ID") < TYPE_PRIORITY.index("PHONE_NUMBER")
    assert IDENTIFIER_SEVERITY["NATIONAL_ID"] is Severity.HIGH
    assert "NATIONAL_ID" in OWN_SENSITIVE_TYPES


def test_redaction_masks_a_national_identifier() -> None:
    assert redact("Mi DNI es 48213057C") == "Mi DNI es <NATIONAL_ID>"


def test_recognizer_names_the_scheme_it_validated() -> None:
    [result] = NationalIdRecognizer().analyze("Mi DNI es 48213057C", ["NATIONAL_ID"])
    assert "ES DNI" in result.analysis_explanation.textual_explanation


@pytest.mark.parametrize(("text", "value"), [
    ("Please refund to GB33 BUKB 2020 1555 5555 55", "GB33 BUKB 2020 1555 5555 55"),
    ("my iban is de89370400440532013000", "de89370400440532013000"),
    ("IBAN: DE89 3704 0044 0532 0130 00 by Friday", "DE89 3704 0044 0532 0130 00"),
    ("Mi cuenta es ES91 2100 0418 4502 0005 1332.", "ES91 2100 0418 4502 0005 1332"),
    ("Voici mon IBAN : FR1420041010050500013M02606", "FR1420041010050500013M02606"),
    ("IBAN IT60 X054 2811 1010 0000 0123 456 intestato a me",
     "IT60 X054 2811 1010 0000 0123 456"),
    ("rekeningnummer NL91ABNA0417164300", "NL91ABNA0417164300"),
    ("Mijn Belgische rekening: BE68 5390 0754 7034", "BE68 5390 0754 7034"),
    ("konto PL61 1090 1014 0000 0712 1981 2874", "PL61 1090 1014 0000 0712 1981 2874"),
    ("NO9386011117947 is my Norwegian account", "NO9386011117947"),
], ids=["gb-grouped", "de-lower-case", "de-grouped-then-words", "es", "fr-compact", "it",
        "nl", "be", "pl", "no-shortest"])
def test_ibans_of_any_country_in_any_layout_are_found(engine: PiiEngine, text: str,
                                                      value: str) -> None:
    assert values(engine, text, "IBAN_CODE") == [value]


@pytest.mark.parametrize("text", [
    "Error code DE89 3704 0044 0532 0130 01 appeared",
    "The tracking code is GB33BUKB20201555555556",
    "Die Seriennummer lautet DE12345678901234567890",
    "GB33 BUKB 2020 1555 5555 5",
    "ref XDE89370400440532013000",
], ids=["bad-check-digits", "one-digit-off", "serial-number", "too-short-for-gb",
        "inside-a-longer-token"])
def test_iban_shaped_codes_that_do_not_validate_are_not_ibans(engine: PiiEngine,
                                                              text: str) -> None:
    assert values(engine, text, "IBAN_CODE") == []


def test_a_valid_iban_scores_full_confidence() -> None:
    [result] = IbanCodeRecognizer().analyze("IBAN DE89370400440532013000", ["IBAN_CODE"])
    assert result.score == 1.0


def test_card_digits_inside_an_iban_are_the_iban(engine: PiiEngine) -> None:
    text = "Please refund to GB53 IQRK 6658 2395 3453 15"
    assert [(span.entity_type, span.value(text)) for span in engine.analyze(text)] == [
        ("IBAN_CODE", "GB53 IQRK 6658 2395 3453 15")]
