"""Street cores: the written forms of a street, each a regular expression, a base score
and checks (`SHAPES`, used by `addresses.py`).

- number first, English type after the name: "221B Baker Street", "4759 William Haven",
  "2210 N. Kestrel Ave"; a unit before the name without a number ("Flat 81\\nJoyce
  Walks");
- type before the name, number after or before it: "Calle de Alcalá 42", "5, avenue
  Jean Jaurès", "ul. Paderewskiego 77", "Strada Taliercio, 47";
- number after a compound name or a street word: "Hauptstraße 5", "Kurt-Hornig-Ring
  64", "Keizersgracht 221", "Berliner Str. 112", "Fő utca 5", "Am Markt 7";
- post office and military boxes: "P.O. Box 4567", "Postfach 1234", "Apartado de
  Correos 45", "Unit 0437 Box 3921";
- a postcode with its town or state: "Springfield, IL 62704", "75005 Paris",
  "SW1A 1AA London", "DPO AE 23184", and a labelled one ("ZIP: 11164");
- an unknown name followed by a number ("Ibirapita 8057"): weakest of all.

A core whose "street name" holds words that name no street (`_NOT_STREET_WORDS`: stop
words, units of time, quantities, months) is void, as is one whose number an order,
version or quantity word introduces ("order 123 Main course"). Street types that are
also ordinary nouns ("Lights", "Way", "Park") and names without any street word score
low (`WEAK`, `FAINT`): they need evidence before they are reported. Capitals count as
evidence only in text written with capitals. The words come from `street_words.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from auditor.pii.stop_words import stop_words
from auditor.pii.street_words import (
    AU_STATES,
    CA_PROVINCES,
    COMPOUND_ENDINGS,
    COMPOUND_ENDINGS_CAPITALISED,
    DIRECTIONS,
    NOUN_TYPES,
    PO_BOX_AMBIGUOUS,
    PO_BOX_WORDS,
    POSTCODE_LABELS,
    ROAD_TYPES,
    TYPE_BEFORE_NAME,
    TYPE_BEFORE_NAME_AMBIGUOUS,
    TYPE_WORD_BEFORE_NUMBER,
    UNIT_WORDS,
    US_STATES,
    alternatives,
)

__all__ = ["AU_CODE", "CA_CODE", "FAINT", "HOUSE_NUMBER", "MILITARY_CODE", "PLACE",
           "POSTCODE_SHAPES", "SHAPES", "STRONG", "Shape", "UK_CODE", "UNIT", "US_ZIP", "WEAK",
           "WORD", "introduced_number", "letter_runs", "lowercase_line"]

# A core that names a street with certainty, one that needs evidence, one that needs
# both evidence and a context word.
STRONG, WEAK, FAINT = 0.5, 0.25, 0.1

_L = r"[^\W\d_]"
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# A word: letters, possibly joined by an apostrophe or hyphen ("O'Neil", "Saint-Denis"),
# and an abbreviation's full stop. Possessive, so a failed match gives up at once.
WORD = rf"{_L}++(?:['’\-]{_L}++)*+\.?"
_NAME = rf"(?:\d{{1,3}}(?:st|nd|rd|th)\b|{WORD})"
_PARTICLE = (r"(?:de|del|de la|de las|de los|des|du|di|da|do|dos|das|la|le|les|los|las|el|"
             r"della|delle|degli|dei|dello|d'|dell'|l'|van|von|der|den|het|'s)")
_ROMANCE_NAME = (rf"(?:{_PARTICLE}[ \t]*)*{_NAME}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_NAME}){{0,4}}")
_PARTICLES = frozenset({"de", "del", "des", "du", "di", "da", "do", "dos", "das", "la", "le",
                        "les", "los", "las", "el", "della", "delle", "degli", "dei", "dello",
                        "van", "von", "der", "den", "het"})
HOUSE_NUMBER = (r"\d{1,5}[A-Za-z]?(?:[ \t]*[-/][ \t]*(?:\d{1,5}[A-Za-z]?|[IVX]{1,4}\b))?"
           r"(?:[ \t]+(?:bis|ter)\b)?")
_BEFORE_NUMBER = r"(?<![\w.,\-/+])"
ENGLISH_TYPES = ROAD_TYPES + NOUN_TYPES
TYPES_FIRST = TYPE_BEFORE_NAME + TYPE_BEFORE_NAME_AMBIGUOUS
_ENGLISH_TYPE = alternatives(ENGLISH_TYPES)
_TYPE_FIRST = alternatives(TYPES_FIRST)
_TYPE_WORD = alternatives(TYPE_WORD_BEFORE_NUMBER)
UNIT = alternatives(re.escape(word) for word in UNIT_WORDS)
_DIRECTION = alternatives(DIRECTIONS)
_ROAD_TYPES = frozenset(ROAD_TYPES)
_AMBIGUOUS_FIRST = frozenset(TYPE_BEFORE_NAME_AMBIGUOUS)
_CAPITALISED_ENDINGS = frozenset(COMPOUND_ENDINGS_CAPITALISED)

# Postcodes, with the state, province or town written beside them.
US_ZIP = rf"(?-i:{alternatives(US_STATES)})[ \t]+\d{{5}}(?:-\d{{4}})?\b"
CA_CODE = (rf"(?:(?-i:{alternatives(CA_PROVINCES)})[ \t]+)?"
            r"[A-Za-z]\d[A-Za-z][ \t]?\d[A-Za-z]\d\b")
AU_CODE = rf"(?-i:{alternatives(AU_STATES)}),?[ \t]+\d{{4}}\b"
UK_CODE = r"[A-Za-z]{1,2}\d[A-Za-z\d]?[ \t]?\d[A-Za-z]{2}\b"
MILITARY_CODE = r"(?-i:APO|FPO|DPO)[ \t]+(?-i:AA|AE|AP)[ \t]+\d{5}\b"
PLACE = rf"{WORD}(?:[ \t]+(?:{WORD}|&|\([\w. ]{{1,20}}\))){{0,4}}"
# A town just before a postcode or state, searched for backwards from them.
_TOWN_BEFORE = re.compile(rf"(?<![\w\-])(?P<name>{PLACE})[ \t]*,?[ \t]*$", re.IGNORECASE)
_TOWN_WINDOW = 60
_NOT_HOUSE_NUMBER_BEFORE = frozenset({
    "order", "orders", "ticket", "invoice", "case", "ref", "reference", "item", "items", "page",
    "version", "v", "step", "room", "table", "gate", "flight", "seat", "chapter", "section",
    "level", "season", "episode", "top", "about", "over", "under", "around", "approximately",
    "only", "just", "than", "after", "before", "within", "nearly", "almost", "of", "pedido",
    "commande", "bestellung", "bestelling", "ordine", "factura", "facture", "rechnung",
    "factuur", "fattura", "número", "numéro", "nummer", "numero", "no", "nr", "#",
})

STOP_WORDS = stop_words("en")
# Words that follow a number without naming a street: "2 more days on the way".
_NOT_STREET_WORDS = frozenset(STOP_WORDS | {
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours",
    "minute", "minutes", "time", "times", "item", "items", "order", "orders", "card",
    "cards", "people", "dollars", "euros", "pounds", "new", "old", "more", "other",
    "kg", "km", "cm", "mm", "gb", "mb", "pcs", "units", "percent",
})
# For names without a street word: every convention's stop words, months and days, and
# the nouns chat writers put before a number that is no house number (seats, tables,
# chapters, versions, and the product lines customers name with a model number), with
# their translations.
_NOT_NAME_WORDS = frozenset(
    _NOT_STREET_WORDS | stop_words("es") | stop_words("fr") | stop_words("de")
    | stop_words("it") | stop_words("nl") | {
        "horas", "heures", "stunden", "ore", "uur", "días", "jours", "tage", "giorni", "dagen",
        "personas", "personnes", "personen", "persone", "minutos", "minuten", "minuti",
        "semanas", "semaines", "wochen", "settimane", "weken", "años", "ans", "jahre", "anni",
        "jaar", "euro", "artículos", "articles", "artikel", "articoli", "artikelen",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "enero", "febrero", "marzo", "abril",
        "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre", "januar", "februar", "märz", "juni", "juli",
        "oktober", "dezember", "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio",
        "settembre", "ottobre", "dicembre", "januari", "februari", "maart", "mei",
        "augustus", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "version", "versión", "versione", "versie", "windows", "level", "gate",
        "flight", "room", "table", "seat", "season", "chapter", "section", "step", "page",
        "bus", "route", "platform", "terminal", "article", "episode", "model", "series",
        "iphone", "galaxy", "pixel", "ticket", "order", "pedido", "commande", "bestellung",
        "bestelling", "ordine", "tisch", "mesa", "kapitel", "absatz", "platz", "stufe",
    })
# Words after a number that say what it counts: "via email 2 times".
_COUNTED = frozenset({
    "times", "hours", "hrs", "days", "minutes", "mins", "weeks", "months", "years", "people",
    "persons", "items", "pieces", "pcs", "euros", "dollars", "pounds", "percent", "kg", "km",
    "veces", "horas", "días", "fois", "heures", "jours", "mal", "stunden", "tage", "volte",
    "ore", "giorni", "keer", "uur", "dagen",
})
# German and Dutch words that may open a street name ("Am Markt 7", "In de Hoek 3").
_NAME_PARTICLES = frozenset({"am", "an", "auf", "im", "in", "zum", "zur", "der", "dem", "den",
                             "des", "die", "de", "het", "van", "op", "aan", "bij", "ter",
                             "ten", "unter", "hinter", "vor", "alte", "alter", "große",
                             "kleine", "lange", "neue"})


@dataclass(frozen=True, slots=True)
class Shape:
    """A written form of a street core: its regular expression, base score and checks.

    `check(match, text)` voids a match (None) or says where the core starts (leading
    words of a name that cannot belong to it are left out); `score`, a number or a
    function of the match, the text and that start, is the core's base score. Where a
    name may run on into the sentence, `trim_name` cuts it back to its capitalised words.
    `needs` saves time: the shape is not tried on a text without one of its words.
    """

    name: str
    regex: re.Pattern[str]
    score: float | Callable[[re.Match[str], str, int], float]
    check: Callable[[re.Match[str], str], int | None]
    trim_name: bool = False
    needs: frozenset[str] = frozenset()

    def applies_to(self, words: frozenset[str]) -> bool:
        """Whether a text with these (lower-case) words can hold the shape at all: it
        must hold one of `needs` (the shape's street words), when there are any."""
        return not self.needs or not self.needs.isdisjoint(words)

    def end(self, match: re.Match[str], text: str) -> int:
        """Where the core ends: the match's end, or its name's last fitting word."""
        if not self.trim_name or lowercase_line(text, match.start()):
            return match.end()
        name_start = match.start("name")
        words = list(re.finditer(r"\S+", match.group("name")))
        while len(words) > 1 and not words[-1].group()[:1].isupper() and (
                words[-1].group().lower() not in _PARTICLES):
            words.pop()
        return name_start + words[-1].end()

    def base_score(self, match: re.Match[str], text: str, start: int) -> float:
        """The core's score before evidence and context."""
        return self.score(match, text, start) if callable(self.score) else self.score


def lowercase_line(text: str, start: int) -> bool:
    """Whether the line holding `start` is written without capitals."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start:len(text) if line_end == -1 else line_end]
    return line == line.lower()


def _capitalised(word: str, text: str, start: int) -> bool:
    """Whether `word` starts with a capital, or the writer does not use capitals."""
    return word[:1].isupper() or lowercase_line(text, start)


def introduced_number(text: str, start: int) -> bool:
    """Whether the word before `start` makes the number there an order, version or count."""
    before = re.findall(r"[\w#]+", text[max(0, start - 30):start])
    return bool(before) and before[-1].lower() in _NOT_HOUSE_NUMBER_BEFORE


def _words(fragment: str | None) -> list[str]:
    """The words of a matched name, lower case, without trailing dots."""
    return [word.lower().strip(".,") for word in (fragment or "").split()]


def _check_english(match: re.Match[str], text: str) -> int | None:
    """A house number that no order or count word introduces, and street words."""
    if introduced_number(text, match.start()):
        return None
    if any(word in _NOT_STREET_WORDS for word in _words(match.group("name"))):
        return None
    return match.start()


def _english_score(match: re.Match[str], text: str, start: int) -> float:
    """A road type is certain; a noun type needs evidence."""
    return STRONG if match.group("type").lower() in _ROAD_TYPES else WEAK


def _ambiguous_type(match: re.Match[str], text: str) -> bool:
    """Whether the type word is also an ordinary word ("via", "place") and not written
    as an abbreviation with a full stop ("ul.", "C.")."""
    kind = match.group("type")
    return kind.lower() in _AMBIGUOUS_FIRST and not text.startswith(".", match.end("type"))


def _check_type_first(match: re.Match[str], text: str) -> int | None:
    """An ambiguous type word ("via", "place") only capitalised, before a capitalised name."""
    if match.group("lead") and introduced_number(text, match.start()):
        return None
    if _counted(text, match.end()):
        return None
    if not _ambiguous_type(match, text):
        return match.start()
    kind = match.group("type")
    names = [word for word in match.group("name").split() if word[:1].isalpha()]
    accepted = (_capitalised(kind, text, match.start("type"))
                and bool(names) and _capitalised(names[-1], text, match.start("name")))
    return match.start() if accepted else None


def _type_first_score(match: re.Match[str], text: str, start: int) -> float:
    """An ambiguous type word in text without capitals ("via email 2") needs evidence."""
    if _ambiguous_type(match, text) and lowercase_line(text, match.start("type")):
        return WEAK
    return STRONG


def _counted(text: str, end: int) -> bool:
    """Whether the word after a number at `end` says what it counts ("2 times")."""
    after = re.match(r"[ \t]*([^\W\d_]+)", text[end:end + 20])
    return after is not None and after.group(1).lower() in _COUNTED


def _check_compound(match: re.Match[str], text: str) -> int | None:
    """A name ending in a street word, with at least three letters before the ending;
    capitalised unless the ending is one nothing else ends with ("klemmallee 881")."""
    name = match.group("name")
    ending = next((e for e in COMPOUND_ENDINGS if name.lower().endswith(e)), None)
    if ending is None:
        return None
    stem = re.sub(r"[\W_]", "", name[:len(name) - len(ending)])
    if len(stem) < 3:
        return None
    if ending in _CAPITALISED_ENDINGS and not _capitalised(name, text, match.start("name")):
        return None
    return match.start()


def _name_start(match: re.Match[str], text: str, acceptable: Callable[[str], bool]) -> int | None:
    """Where the name of a match starts once leading words that cannot belong to it are
    left out: the longest run of acceptable words ending the name, starting with a
    capital (in text with capitals). The match's own start when no word is left out."""
    words = list(re.finditer(r"\S+", match.group("name")))
    kept = len(words)
    while kept > 0 and acceptable(words[kept - 1].group()):
        kept -= 1
    base = match.start("name")
    for word in words[kept:]:
        if _capitalised(word.group(), text, base + word.start()):
            return match.start() if word is words[0] else base + word.start()
    return None


def _check_type_word(match: re.Match[str], text: str) -> int | None:
    """Name words that are particles or names (not stop words), before a street word."""
    return _name_start(match, text, lambda word: word.lower() in _NAME_PARTICLES or (
        word.lower().strip(".") not in STOP_WORDS and word.lower() not in _NOT_NAME_WORDS))


def _check_name_number(match: re.Match[str], text: str) -> int | None:
    """An unknown name: no stop word, month or product word, capitalised."""
    if match.group("lead") and introduced_number(text, match.start()):
        return None
    if _counted(text, match.end()):
        return None
    return _name_start(match, text, lambda word: len(word.strip(".,")) >= 3 and (
        word.lower().strip(".,") not in _NOT_NAME_WORDS))


def _name_number_score(match: re.Match[str], text: str, start: int) -> float:
    """A house number before the name as well makes an unknown name likelier a street."""
    return WEAK if match.group("lead") and start == match.start() else FAINT


def _check_directional(match: re.Match[str], text: str) -> int | None:
    """A compass point in capitals or with a dot, then a capitalised name."""
    if introduced_number(text, match.start()):
        return None
    direction = match.group("dir")
    if not (direction[:1].isupper() or direction.endswith(".")):
        return None
    if any(word in _NOT_NAME_WORDS for word in _words(match.group("name"))):
        return None
    return match.start()


def _check_place_code(match: re.Match[str], text: str) -> int | None:
    """A postcode before a capitalised town that is not a quantity or a year."""
    code, town = match.group("code"), match.group("town")
    if re.fullmatch(r"(?:19|20)\d\d", code) or town.lower() in _NOT_NAME_WORDS:
        return None
    if not _capitalised(town, text, match.start("town")) or introduced_number(
            text, match.start()):
        return None
    return match.start()


def _town_before(text: str, position: int) -> int | None:
    """Where the town written just before `position` starts (its capitalised words,
    not the sentence's: "It's in Springfield, IL"), or None without one."""
    town = _TOWN_BEFORE.search(text, max(0, position - _TOWN_WINDOW), position)
    if town is None:
        return None
    return _name_start(town, text, lambda word: word.lower().strip(".,") not in STOP_WORDS)


def _check_town_before(match: re.Match[str], text: str) -> int | None:
    """A state and code after a town and a comma ("Springfield, IL 62704")."""
    return _town_before(text, match.start())


def _check_uk_code(match: re.Match[str], text: str) -> int | None:
    """A UK postcode, not a run of digits, with the town before it if one is written."""
    if match.group()[:1].isdigit():
        return None
    start = _town_before(text, match.start())
    return start if start is not None else match.start()


def _always(match: re.Match[str], text: str) -> int | None:
    """Every match of the shape is a core."""
    return match.start()


def _shape(name: str, pattern: str,
           score: float | Callable[[re.Match[str], str, int], float],
           check: Callable[[re.Match[str], str], int | None] = _always,
           trim_name: bool = False, needs: tuple[str, ...] = ()) -> Shape:
    """A shape compiled case-insensitively (parts that need capitals say so inline)."""
    return Shape(name, re.compile(pattern, re.IGNORECASE), score, check, trim_name,
                 _first_letters(needs))


def _first_letters(words: tuple[str, ...]) -> frozenset[str]:
    """The first run of letters of each word, lower case, as `letter_runs` splits text."""
    return frozenset(runs[0] for word in words if (runs := _LETTER_RUN.findall(word.lower())))


def letter_runs(text: str) -> frozenset[str]:
    """The runs of letters in `text`, lower case."""
    return frozenset(_LETTER_RUN.findall(text.lower()))


_LEAD = rf"(?P<lead>{HOUSE_NUMBER}[ \t]*,?[ \t]+)?"
SHAPES: tuple[Shape, ...] = (
    _shape("english", rf"{_BEFORE_NUMBER}{_LEAD}{HOUSE_NUMBER},?[ \t]+(?:{_DIRECTION}\.?[ \t]+)?"
           rf"(?P<name>(?:{_NAME}[ \t]+){{0,3}}{_NAME})[ \t]+(?P<type>{_ENGLISH_TYPE})\b\.?",
           _english_score, _check_english, needs=ENGLISH_TYPES),
    _shape("unit then street", rf"\b{UNIT}\.?[ \t]*#?[ \t]*[\w\-]{{1,6}}[ \t]*(?:,[ \t]*|\n[ \t]*)"
           rf"(?P<name>(?:{_NAME}[ \t]+){{0,3}}{_NAME})[ \t]+(?P<type>{_ENGLISH_TYPE})\b\.?",
           STRONG, _check_english, needs=ENGLISH_TYPES),
    _shape("directional", rf"{_BEFORE_NUMBER}(?:{HOUSE_NUMBER}[ \t]+)?{HOUSE_NUMBER}[ \t]+"
           rf"(?P<dir>{_DIRECTION}\.?)[ \t]+(?P<name>{WORD}(?:[ \t]+{WORD}){{0,2}})",
           WEAK, _check_directional),
    _shape("type first", rf"{_BEFORE_NUMBER}{_LEAD}(?<![\w\-])(?P<type>{_TYPE_FIRST})\.?[ \t]+"
           rf"(?P<name>{_ROMANCE_NAME})[ \t]*,?[ \t]*(?:n[º°o]\.?[ \t]*)?(?:{HOUSE_NUMBER}|s/n)\b",
           _type_first_score, _check_type_first, needs=TYPES_FIRST),
    _shape("number then type", rf"{_BEFORE_NUMBER}(?P<lead>){HOUSE_NUMBER}[ \t]*,?[ \t]+"
           rf"(?P<type>{_TYPE_FIRST})\.?[ \t]+(?P<name>{_ROMANCE_NAME})(?![\w'’])",
           _type_first_score, _check_type_first, trim_name=True, needs=TYPES_FIRST),
    _shape("type first, no number", rf"(?P<lead>)(?<![\w\-])(?P<type>{_TYPE_FIRST})\.?[ \t]+"
           rf"(?P<name>{_ROMANCE_NAME})(?![\w'’])", WEAK, _check_type_first, trim_name=True,
           needs=TYPES_FIRST),
    _shape("compound", rf"{_LEAD}(?<![\w\-])(?P<name>(?:{_L}+-){{0,4}}{_L}+\.?)"
           rf"[ \t]*,?[ \t]*{HOUSE_NUMBER}\b", STRONG, _check_compound),
    _shape("street word", rf"{_LEAD}(?<![\w\-])(?P<name>(?:{WORD}[ \t]+){{1,3}})"
           rf"(?P<type>{_TYPE_WORD})\.?[ \t]*,?[ \t]*{HOUSE_NUMBER}\b", STRONG, _check_type_word,
           needs=TYPE_WORD_BEFORE_NUMBER),
    _shape("post office box", rf"\b(?:{alternatives(PO_BOX_WORDS)})[ \t.:#]*\d{{1,6}}\b", STRONG),
    _shape("ambiguous box", rf"(?<![\w.])(?:{alternatives(PO_BOX_AMBIGUOUS)})[ \t.:#]*\d{{1,6}}\b",
           WEAK),
    _shape("military box", r"\b(?:unit|psc|cmr)[ \t]+\d{3,5},?[ \t]+box[ \t]+\d{1,5}\b", STRONG),
    _shape("ship", rf"\b(?-i:USNS|USS|USNV|USCGC)[ \t]+{WORD}(?:[ \t]+{WORD})?", WEAK),
    _shape("state and zip", rf",[ \t]*(?:{US_ZIP}|{AU_CODE}|{CA_CODE})", STRONG,
           _check_town_before),
    _shape("military postcode", rf"\b{MILITARY_CODE}", STRONG),
    _shape("labelled postcode", rf"\b(?:{alternatives(POSTCODE_LABELS)})[ \t]*[:#]?[ \t]*"
           rf"(?:{UK_CODE}|\d{{4}}[ \t]?[A-Za-z]{{2}}\b|\d{{4}}-\d{{3}}|\d{{2}}-\d{{3}}|\d{{4,6}})"
           rf"(?![\w\-])", STRONG),
    _shape("postcode and town", rf"(?<![\w\-]){UK_CODE}(?:[ \t]+{PLACE})?(?![\w\-])",
           WEAK, _check_uk_code),
    _shape("code then town", rf"{_BEFORE_NUMBER}(?P<code>\d{{4,5}}|\d{{4}}-\d{{3}}|\d{{2}}-\d{{3}})"
           rf"[ \t]+(?P<town>{WORD})(?:[ \t]+{WORD}){{0,2}}", FAINT + 0.1, _check_place_code),
    _shape("name and number", rf"{_LEAD}(?<![\w\-])(?P<name>{WORD}(?:[ \t]+{WORD}){{0,2}})"
           rf"[ \t]*[,\-]?[ \t]*\d{{1,6}}[A-Za-z]?\b(?![.,:]\d)",
           _name_number_score, _check_name_number),
    _shape("number line then street", rf"{_BEFORE_NUMBER}{HOUSE_NUMBER}[ \t]*,?[ \t]*\n[ \t]*"
           rf"(?P<name>(?:{_NAME}[ \t]+){{0,3}}{_NAME})[ \t]+(?P<type>{_ENGLISH_TYPE})\b\.?",
           _english_score, _check_english, needs=ENGLISH_TYPES),
)
# Shapes that may be a postcode with its town: an address may start lines before them.
POSTCODE_SHAPES = frozenset({"state and zip", "military postcode", "postcode and town",
                              "code then town", "name and number"})
