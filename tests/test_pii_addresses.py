"""Street addresses in English, Spanish, French, German, Italian and Dutch conventions,
and sentences with numbers that are no address. Streets and towns are invented or
generic; no line names a real person's home."""

from __future__ import annotations

import pytest

from auditor.pii import PiiEngine, PiiSettings, engine_for
from auditor.pii.addresses import StreetAddressRecognizer


@pytest.fixture(scope="module")
def engine() -> PiiEngine:
    """The engine without a spaCy pipeline: addresses are found by patterns."""
    return engine_for(PiiSettings(spacy_model=None))


def addresses(engine: PiiEngine, text: str) -> list[str]:
    """The street addresses the engine reports in `text`."""
    return [span.value(text) for span in engine.analyze(text)
            if span.entity_type == "STREET_ADDRESS"]


@pytest.mark.parametrize(("text", "value"), [
    # English: number first, type after the name, units, towns, states, postcodes.
    ("Ship it to 742 Evergreen Terrace, Apt 3 please.", "742 Evergreen Terrace, Apt 3"),
    ("update my address to 4759 William Haven Apt. 194, Lake Denise, OR 97201?",
     "4759 William Haven Apt. 194, Lake Denise, OR 97201"),
    ("I'm at 2210 N. Kestrel Ave #5B, the buzzer is broken", "2210 N. Kestrel Ave #5B"),
    ("deliver to 615 Bellwood Avenue, Suite 300, Columbus, OH 43215 today",
     "615 Bellwood Avenue, Suite 300, Columbus, OH 43215"),
    ("please send it to Flat 2, 10 Downing Street, London SW1A 2AA thanks",
     "Flat 2, 10 Downing Street, London SW1A 2AA"),
    ("Billing address:\n88 Harbour View Road\nUnit 4\nPortland, ME 04101\nThanks",
     "88 Harbour View Road\nUnit 4\nPortland, ME 04101"),
    ("Send it to Studio 5\nAbigail Plaza\nPort Charliestad\nBS2H 4RF please",
     "Studio 5\nAbigail Plaza\nPort Charliestad\nBS2H 4RF"),
    ("My mailing address is P.O. Box 4567, Springfield, IL 62704",
     "P.O. Box 4567, Springfield, IL 62704"),
    ("use PO Box 123 for letters", "PO Box 123"),
    ("ship to Unit 0437 Box 3921\nDPO AE 23184 please", "Unit 0437 Box 3921\nDPO AE 23184"),
    ("It's in Springfield, IL 62704", "Springfield, IL 62704"),
    # Spanish: type first, number after, floor and door, postcode before the town.
    ("Mi dirección es Calle de Alcalá 42, 3º izq., 28014 Madrid",
     "Calle de Alcalá 42, 3º izq., 28014 Madrid"),
    ("vivo en c/ Mayor 7, 2º B, en el centro", "c/ Mayor 7, 2º B"),
    ("mandadlo al Apartado de Correos 45, 03080 Alicante",
     "Apartado de Correos 45, 03080 Alicante"),
    ("Dirección de facturación:\nPlaza Mayor 3\n37002 Salamanca",
     "Plaza Mayor 3\n37002 Salamanca"),
    # French: number before the type, postcode before the town, BP, Belgian "bte".
    ("Mon adresse : 12 rue des Lilas, 75005 Paris", "12 rue des Lilas, 75005 Paris"),
    ("livrer au 5, avenue Jean Jaurès, Bât. B, 69007 Lyon ?",
     "5, avenue Jean Jaurès, Bât. B, 69007 Lyon"),
    ("Envoyez le courrier à BP 123, 13002 Marseille", "BP 123, 13002 Marseille"),
    ("écrivez à Boîte postale 2201, 31000 Toulouse", "Boîte postale 2201, 31000 Toulouse"),
    ("Notre bureau : Rue de la Loi 16 bte 3, 1000 Bruxelles",
     "Rue de la Loi 16 bte 3, 1000 Bruxelles"),
    # German: compound names, street words, flat numbers, Postfach.
    ("Meine Adresse ist Hauptstraße 5, 10115 Berlin.", "Hauptstraße 5, 10115 Berlin"),
    ("Bitte an Lindenallee 23a, Whg. 4, 50667 Köln schicken",
     "Lindenallee 23a, Whg. 4, 50667 Köln"),
    ("ich wohne in der Berliner Str. 112", "Berliner Str. 112"),
    ("Lieferadresse: Am Markt 7\n04109 Leipzig", "Am Markt 7\n04109 Leipzig"),
    ("Rechnung an Postfach 1234, 80331 München", "Postfach 1234, 80331 München"),
    ("Kurt-Hornig-Ring 64\n46825 Waldmünchen", "Kurt-Hornig-Ring 64\n46825 Waldmünchen"),
    # Italian: type first, comma before the number, province in brackets.
    ("Il mio indirizzo è Via Roma 10, 00184 Roma", "Via Roma 10, 00184 Roma"),
    ("abito in Piazza Garibaldi 3, int. 5", "Piazza Garibaldi 3, int. 5"),
    ("Strada Taliercio, 47\n56011, Gabella (PI)", "Strada Taliercio, 47\n56011, Gabella (PI)"),
    ("mandatelo alla Casella Postale 78, 50100 Firenze", "Casella Postale 78, 50100 Firenze"),
    # Dutch and Flemish: compound names, postcodes with letters, "bus".
    ("Mijn adres is Keizersgracht 221, 1016 DV Amsterdam",
     "Keizersgracht 221, 1016 DV Amsterdam"),
    ("Stuur het naar Postbus 1234, 2501 CE Den Haag", "Postbus 1234, 2501 CE Den Haag"),
    ("Leveradres: Kerkstraat 40 bus 2, 9000 Gent", "Kerkstraat 40 bus 2, 9000 Gent"),
    ("kunt u het bezorgen op Laan van Meerdervoort 55?", "Laan van Meerdervoort 55"),
], ids=["en-unit", "en-unknown-words-state-zip", "en-direction-hash", "en-suite-town",
        "uk-flat-postcode", "en-multi-line", "uk-studio-no-number", "en-po-box",
        "en-po-box-alone", "us-military", "us-town-state-zip", "es-floor-door",
        "es-calle-abbreviated", "es-apartado", "es-multi-line", "fr-postcode-town",
        "fr-batiment", "fr-bp", "fr-boite-postale", "be-bte", "de-strasse", "de-whg",
        "de-str-word", "de-am-markt", "de-postfach", "de-hyphenated-ring", "it-via",
        "it-interno", "it-comma-province", "it-casella", "nl-gracht", "nl-postbus",
        "be-bus", "nl-laan-van"])
def test_addresses_are_found_with_their_unit_town_and_postcode(
        engine: PiiEngine, text: str, value: str) -> None:
    assert addresses(engine, text) == [value]


@pytest.mark.parametrize(("text", "value"), [
    # Street types that are ordinary nouns, and unknown names, need a context word.
    ("I live at 5 Star Way", "5 Star Way"),
    ("my address is 17 Elm Grove", "17 Elm Grove"),
    ("mi dirección: 52 Ibirapita 8057", "52 Ibirapita 8057"),
    ("J'habite 75005 Paris", "75005 Paris"),
    ("Ich wohne in 10115 Berlin", "10115 Berlin"),
], ids=["en-noun-type", "en-grove", "es-unknown-name", "fr-postcode-town", "de-postcode-town"])
def test_weak_shapes_need_a_context_word(engine: PiiEngine, text: str, value: str) -> None:
    assert addresses(engine, text) == [value]


@pytest.mark.parametrize("text", [
    # English
    "I waited 3 hours on the line",
    "order 123 Main course was cold when it arrived",
    "version 2.3.4 street view is broken on my phone",
    "Room for 2 people please",
    "5 Star Way of doing business, honestly",
    "We need 2 more days on the way back",
    "I bought 12 Christmas Lights and 3 are broken",
    "My flight 1234 lands at Gate 12",
    "Windows 10 Pro keeps crashing after the update",
    "contact me via email 2 times a day",
    "Level 3 support will call you back",
    "Send 2 Galaxy chargers to the store",
    "Ibirapita 8057",
    "my address is Ibirapita 8057",
    # Spanish
    "Tardé 3 horas en la línea",
    "Somos 4 personas en la mesa 12",
    # French
    "Commande 4521 : 3 articles manquants",
    "Il reste 5 places pour le vol de 18h30",
    # German
    "Bestellung 98765 ist noch nicht da",
    "Kapitel 7 Absatz 2 der AGB ist unklar",
    # Italian
    "Ordine 5567 arrivato con 2 giorni di ritardo",
    # Dutch
    "Versie 2.0 werkt niet op mijn telefoon",
    "We komen met 6 personen op vrijdag 12 april",
], ids=["en-hours", "en-order-main-course", "en-version-street-view", "en-room-for",
        "en-star-way", "en-on-the-way", "en-christmas-lights", "en-gate", "en-windows",
        "en-via-email", "en-level-support", "en-galaxy", "unknown-name-alone",
        "unknown-name-without-house-number", "es-horas", "es-mesa",
        "fr-commande", "fr-vol", "de-bestellung", "de-kapitel", "it-ordine", "nl-versie",
        "nl-april"])
def test_numbers_beside_words_are_not_addresses(engine: PiiEngine, text: str) -> None:
    assert addresses(engine, text) == []


def test_a_name_before_an_address_is_not_part_of_it(engine: PiiEngine) -> None:
    text = "Dana Reyes, 12 Baker Street, dana@example.com"
    assert addresses(engine, text) == ["12 Baker Street"]


def test_the_address_span_covers_the_following_lines_up_to_the_postcode() -> None:
    text = "billing address:\n  23 8 wressle road suite 771\n  polapit tamar\n  nan\n  77058"
    [result] = StreetAddressRecognizer().analyze(text, ["STREET_ADDRESS"])
    assert text[result.start:result.end] == ("23 8 wressle road suite 771\n  polapit tamar\n"
                                             "  nan\n  77058")


def test_town_lines_without_a_postcode_after_them_stay_out() -> None:
    text = "12 Baker Street\nSee you soon\nBye"
    [result] = StreetAddressRecognizer().analyze(text, ["STREET_ADDRESS"])
    assert text[result.start:result.end] == "12 Baker Street"
