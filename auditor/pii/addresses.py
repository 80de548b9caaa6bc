"""Street addresses: a house number and a street name with its street type.

Three shapes cover most addresses customers type: English ("221B Baker Street,
Apt 4", "95 230 Wit Rd"), Germanic compounds ("Nassaustraat 123", "Auerstrasse
12") and Romance street types before the name ("48 rue Descartes", "Calle Mayor
12"). Every shape needs a house number, so a text without a digit cannot hold one.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer
from spacy.lang.en.stop_words import STOP_WORDS

_NUMBER = r"\d{1,6}[A-Za-z]?(?:[ \t]*[-/][ \t]*\d{1,6}[A-Za-z]?)?"
_WORD = r"[\p{L}\d][\p{L}\d'’.\-]*"
_ENGLISH_TYPE = (r"(?i:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|way|drive|dr|"
                 r"court|ct|place|pl|square|sq|terrace|parkway|pkwy|highway|hwy|circle|"
                 r"crescent|close|trail|row|alley|plaza|gardens|grove|walk|mews|parade|"
                 r"esplanade|hill|park|gate|green)")
_UNIT = (r"(?:[ \t]*,?[ \t]*(?i:apt|apartment|suite|ste|unit|flat|floor|fl|room|rm|#)\.?"
         r"[ \t]*#?[ \t]*[\w\-]+)?")
ENGLISH = (rf"(?<![\w.,\-]){_NUMBER}[ \t]+(?:{_WORD}[ \t]+){{1,4}}?{_ENGLISH_TYPE}\b\.?"
           rf"{_UNIT}")

_GERMANIC_TYPE = (r"(?i:straat|strasse|straße|str\.|gasse|weg|laan|allee|platz|plein|gade|"
                  r"vej|väg|vägen|gatan|katu|utca|ulica|kade|dreef|steenweg|gracht|dijk|markt|damm|ufer)")
GERMANIC = rf"\b\p{{Lu}}\p{{L}}{{2,}}?{_GERMANIC_TYPE}[ \t]+\d{{1,5}}[A-Za-z]?\b{_UNIT}"

_ROMANCE_TYPE = (r"(?i:rue|avenue|boulevard|calle|avenida|via|viale|piazza|rua|praça|"
                 r"chemin|route|carrer|paseo|rambla|largo|travessa|allée)")
_ROMANCE_NAME = (r"(?:(?i:de|del|de la|des|du|di|da|dos|das|la|le|los|las)[ \t]+)*"
                 r"\p{Lu}[\p{L}'’\-]*(?:[ \t]+\p{Lu}[\p{L}'’\-]*){0,3}")
ROMANCE_NUMBER_FIRST = rf"(?<![\w.,\-]){_NUMBER}[ \t]*,?[ \t]+{_ROMANCE_TYPE}[ \t]+{_ROMANCE_NAME}"
ROMANCE_NUMBER_LAST = rf"\b{_ROMANCE_TYPE}[ \t]+{_ROMANCE_NAME}[ \t]*,?[ \t]*\d{{1,5}}[A-Za-z]?\b"

ADDRESS_CONTEXT = ["address", "live", "lives", "living", "ship", "shipping", "deliver",
                   "delivery", "billing", "mail", "street", "moved", "move", "reside",
                   "located", "return"]

# Words that follow a number without naming a street: "2 more days on the way".
_NOT_STREET_WORDS = frozenset(STOP_WORDS | {
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours",
    "minute", "minutes", "time", "times", "item", "items", "order", "orders", "card",
    "cards", "people", "dollars", "euros", "pounds", "new", "old", "more", "other",
})


class StreetAddressRecognizer(PatternRecognizer):
    """STREET_ADDRESS: house number, street name and street type, with an optional unit."""

    def __init__(self) -> None:
        super().__init__(
            supported_entity="STREET_ADDRESS", name="StreetAddressRecognizer",
            patterns=[Pattern("english", ENGLISH, 0.5), Pattern("germanic", GERMANIC, 0.5),
                      Pattern("romance number first", ROMANCE_NUMBER_FIRST, 0.5),
                      Pattern("romance number last", ROMANCE_NUMBER_LAST, 0.5)],
            context=ADDRESS_CONTEXT,
            # Capitals tell a street name from an ordinary word in two of the shapes;
            # the parts that ignore case say so inline. (presidio compiles with the
            # `regex` module, whose flag values are those of `re`.)
            global_regex_flags=re.MULTILINE)

    def invalidate_result(self, pattern_text: str) -> bool:
        """An English-shaped match whose "street name" is ordinary words."""
        words = pattern_text.split()
        if len(words) < 3 or not words[0][0].isdigit():
            return False
        name_words = [word.lower().strip(".,") for word in words[1:-1]]
        return any(word in _NOT_STREET_WORDS for word in name_words)
