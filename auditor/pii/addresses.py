"""Street addresses: a street and its house number, with the unit, town and postcode around it.

An address is found in three steps:

1. Street cores (`address_shapes.py`): "221B Baker Street", "Calle de Alcalá 42",
   "Hauptstraße 5", "P.O. Box 4567", "Springfield, IL 62704", each with a base score.
2. Each core grows over what follows on its line and the next lines: units ("Apt.
   194", "3º izq.", "bus 2", "Whg. 4", "#5B"), postcodes with their towns, and town
   lines that a postcode follows; and back over a unit or house number before it
   ("Flat 2, 10 Downing Street", "48 107 Rue ..."). A postcode no core reached grows
   back over town lines to a house number or unit ("374\\nSaha Nagar\\nGaya-158683").
3. Evidence raises the score: a unit or postcode found while growing
   (`EVIDENCE_BONUS`), a context word nearby ("address", "live", "Lieferadresse",
   `ADDRESS_CONTEXT`).

Overlapping candidates merge. A text without a digit (no house number, box or
postcode) holds no address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from auditor.pii.address_shapes import (
    AU_CODE,
    CA_CODE,
    HOUSE_NUMBER,
    MILITARY_CODE,
    PLACE,
    POSTCODE_SHAPES,
    SHAPES,
    UK_CODE,
    UNIT,
    US_ZIP,
    WORD,
    introduced_number,
    letter_runs,
    lowercase_line,
)
from auditor.pii.context_words import CONTEXT_BOOST, ContextWords, WordContextMixin
from auditor.pii.settings import DEFAULT_THRESHOLDS
from auditor.pii.street_words import NOUN_TYPES, ROAD_TYPES, UNIT_WORDS

__all__ = ["ADDRESS_CONTEXT", "StreetAddressRecognizer"]

EVIDENCE_BONUS = 0.25
# Below this, not even a context word lifts a candidate to the reporting threshold.
_MIN_CANDIDATE = DEFAULT_THRESHOLDS["STREET_ADDRESS"] - CONTEXT_BOOST

ADDRESS_CONTEXT = ContextWords((
    r"\w*address\w*", r"\w*adresse\w*", r"\w*adres", "anschrift", r"\w*indirizz\w*",
    r"direcci[óo]n", "domicilio", "domicile", r"live[sd]?", "living", r"ship(?:s|ped|ping)?",
    r"deliver\w*", "billing", r"mail(?:ing)?", "street", r"move[sd]?", "reside", "located",
    r"return(?:s|ed)?", r"send", "sent", "postal", "zip", "postcode", "courier",
    "vivo", "vive", "vivimos", r"env[ií]\w*", r"entreg\w*", r"factura\w*", r"mand\w*",
    "habite", "habitons", "habitez", r"livr\w*", r"envoy\w*", "courrier",
    "wohne", "wohnt", "wohnen", "wohnhaft", r"liefer\w*", r"schick\w*", r"versand\w*",
    "abito", "abita", "abitiamo", "residenza", r"sped\w*", r"consegn\w*", r"fattura\w*",
    "woon", "woont", "wonen", r"bezorg\w*", r"lever\w*", r"stuur", "sturen", r"verzend\w*",
))

# Lower-case words that may end an address: "Travesía del Pinar 12, bajo".
_ADDRESS_WORDS = frozenset(ROAD_TYPES + NOUN_TYPES + UNIT_WORDS + (
    "bajo", "entresuelo", "principal", "izquierda", "derecha", "bis", "ter"))
_POSTCODE = (
    rf"(?:{PLACE}[ \t]*,?[ \t]*)?(?:{US_ZIP}|{AU_CODE}|{CA_CODE}|{MILITARY_CODE})"
    rf"|(?:{PLACE}[ \t]*,?[ \t]*)?{UK_CODE}(?:[ \t]+{PLACE})?"
    rf"|\d{{4}}[ \t]?[A-Za-z]{{2}}\b(?:[ \t]+{PLACE})?"
    rf"|(?:\d{{4}}-\d{{3}}|\d{{2}}-\d{{3}})(?:[ \t]+{PLACE})?"
    rf"|\d{{4,6}}(?:[ \t]*,?[ \t]*{PLACE})?(?:[ \t]*\([A-Za-z]{{2}}\))?"
    rf"|{PLACE}[ \t]*[,\-]?[ \t]*\d{{4,6}}\b"
)
_UNIT_SEGMENT = (
    rf"(?:{UNIT}\.?[ \t]*(?:n[º°o]\.?[ \t]*)?#?[ \t]*[\w\-º°ª]{{1,6}}\.?"
    r"|#[ \t]*[\w\-]{1,6}"
    r"|\d{1,2}[ \t]*[º°ª][ \t]*(?:izq(?:uierda)?\.?|dcha\.?|der(?:echa)?\.?|[A-Za-z]\b|\d[ºª]?)?"
    r"|\d{1,2}\.[ \t]*(?:OG|Obergeschoss|Etage|Stock)\b"
    r"|(?:bajo|entresuelo|ático|principal|s/n|bis|ter)\b)"
)
_UNIT_SEGMENT_RE = re.compile(_UNIT_SEGMENT, re.IGNORECASE)
_POSTCODE_RE = re.compile(rf"(?:{_POSTCODE})(?![\w\-])", re.IGNORECASE)
_PLACE_RE = re.compile(rf"(?:{WORD}|&|nan)(?:[ \t]+(?:{WORD}|&|\([\w. ]{{1,20}}\))){{0,4}}",
                       re.IGNORECASE)
# Between the parts of an address: a comma or a line break (a blank line and a bullet
# such as "- " or "??? " at the start of a line may follow), or spaces alone.
_BREAK = re.compile(r"[ \t]*\.?(?:,[ \t]*(?:\n[ \t]*)?|\n(?:[ \t]*\n)?[ \t]*)"
                    r"(?:[^\w\s(#]{1,4}[ \t]+)?")
_SPACES = re.compile(r"[ \t]+")
_SEGMENT_END = re.compile(r"[,\n]|[?!;]|\.(?:\s|$)|$")
_LEADING_UNIT = re.compile(
    rf"(?:{UNIT}\.?[ \t]*#?[ \t]*[\w\-]{{1,6}}|{HOUSE_NUMBER})[ \t]*(?:,[ \t]*\n?|\n)?[ \t]*$",
    re.IGNORECASE)
# The end of an address part that starts an address: a house number, with its unit
# word if any ("374", "26/168", "H.No. 121", "... address is 380").
_HOUSE_NUMBER_END = re.compile(rf"(?<![\w.,\-/])(?:{UNIT}\.?[ \t]*#?[ \t]*)?{HOUSE_NUMBER}\.?$",
                               re.IGNORECASE)
@dataclass(frozen=True, slots=True)
class Found:
    """An address candidate: where it is, how sure, and what shape found it."""

    start: int
    end: int
    score: float
    shape: str


class StreetAddressRecognizer(WordContextMixin, LocalRecognizer):
    """STREET_ADDRESS: street cores grown over unit, town and postcode (module docstring)."""

    NAME = "StreetAddressRecognizer"

    def __init__(self, context_words: ContextWords = ADDRESS_CONTEXT) -> None:
        self.context_words = context_words
        super().__init__(supported_entities=["STREET_ADDRESS"], name=self.NAME,
                         context=list(context_words.words))

    def load(self) -> None:
        """Nothing to load: the shapes are compiled when the module is imported."""

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Addresses in `text`, overlapping candidates merged.

        A text without a digit holds none (no house number, box or postcode), which is
        what lets the detector skip such texts.
        """
        if not any(char.isdigit() for char in text):
            return []
        found = []
        words = letter_runs(text)
        for shape in SHAPES:
            if not shape.applies_to(words):
                continue
            for match in shape.regex.finditer(text):
                start = shape.check(match, text)
                if start is not None:
                    core = Found(start, shape.end(match, text),
                                 shape.base_score(match, text, start), shape.name)
                    found.append(self._grown(text, core))
        return [self._result(candidate) for candidate in _merged(found)]

    @staticmethod
    def _grown(text: str, core: Found) -> Found:
        """The core with the unit, town and postcode parts around it, rescored."""
        end, after = _grow_forward(text, core.end)
        start, before = _grow_backward(text, core.start)
        if core.shape in POSTCODE_SHAPES and not before:
            start, before = _grow_back_over_lines(text, core.start)
        evidence = after or before
        score = core.score + EVIDENCE_BONUS if evidence else core.score
        return Found(start, _trimmed(text, start, end), min(score, 1.0), core.shape)

    def _result(self, found: Found) -> RecognizerResult:
        """A presidio result naming the shape that found the address."""
        explanation = AnalysisExplanation(recognizer=self.NAME, original_score=found.score,
                                          pattern_name=found.shape)
        return RecognizerResult(
            entity_type="STREET_ADDRESS", start=found.start, end=found.end, score=found.score,
            analysis_explanation=explanation,
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})


def _grow_forward(text: str, end: int) -> tuple[int, bool]:
    """Where the address that ends at `end` really ends, and whether a unit or
    postcode was found on the way. Town lines join only when a postcode follows."""
    committed, position, evidence, pending = end, end, False, 0
    while position < len(text):
        line_break = _BREAK.match(text, position)
        spaces = _SPACES.match(text, position)
        start = line_break.end() if line_break else spaces.end() if spaces else position
        if start == position and position != end:
            break
        part = _UNIT_SEGMENT_RE.match(text, start) or _POSTCODE_RE.match(text, start)
        if part and part.end() > start and _ends_part(text, part.end()):
            committed = position = part.end()
            evidence, pending = True, 0
            continue
        segment_end = _SEGMENT_END.search(text, start).start()  # type: ignore[union-attr]
        segment = text[start:segment_end].rstrip()
        if line_break and pending < 3 and segment and _PLACE_RE.fullmatch(segment):
            position, pending = start + len(segment), pending + 1
            continue
        break
    return committed, evidence


def _ends_part(text: str, end: int) -> bool:
    """Whether an address part may end at `end` (not inside a word or number)."""
    return end == len(text) or not (text[end].isalnum() or text[end] in "-/")


def _grow_backward(text: str, start: int) -> tuple[int, bool]:
    """Where the address that starts at `start` really starts: a unit or house number
    just before it ("Flat 2, 10 Downing Street", "48 107 Rue ...") joins it."""
    window = text[max(0, start - 40):start]
    match = _LEADING_UNIT.search(window)
    if not match or not match.group().strip():
        return start, False
    begin = start - len(window) + match.start()
    if begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in ".,-/"):
        return start, False
    return begin, bool(_UNIT_SEGMENT_RE.match(match.group().strip()))


def _grow_back_over_lines(text: str, start: int) -> tuple[int, bool]:
    """Where an address ending in the postcode at `start` starts: back over up to three
    town parts to a house number or unit ("374\\nSaha Nagar\\nGaya-158683")."""
    position = start
    for _ in range(4):
        segment = _previous_segment(text, position)
        if segment is None:
            break
        begin, end = segment
        part = text[begin:end]
        number = _HOUSE_NUMBER_END.search(part)
        if number and _starts_address(text, begin, begin + number.start(), number.group()):
            return begin + number.start(), True
        if not _PLACE_RE.fullmatch(part):
            break
        position = begin
    return start, False


def _starts_address(text: str, segment_start: int, start: int, number: str) -> bool:
    """Whether the house number (or unit) at `start`, ending its part of the text,
    starts an address: it opens the part, has a unit word, or follows a context word
    ("my new address is 380") without being a year."""
    if start == segment_start or not number[:1].isdigit():
        return True
    if re.match(r"(?:19|20)\d\d\b", number) or introduced_number(text, start):
        return False
    return ADDRESS_CONTEXT.near(text, start, start)


def _previous_segment(text: str, position: int) -> tuple[int, int] | None:
    """The address part before the one at `position`, after a comma or line break."""
    end = len(text[:position].rstrip(" \t"))
    if end == 0 or text[end - 1] not in ",\n":
        return None
    end = len(text[:end].rstrip(" \t\n,"))
    begin = max(text.rfind("\n", 0, end), text.rfind(",", 0, end)) + 1
    while begin < end and not (text[begin].isalnum() or text[begin] == "#"):
        begin += 1
    return (begin, end) if begin < end else None


def _trimmed(text: str, start: int, end: int) -> int:
    """`end` without trailing words that end the sentence rather than the address:
    lower-case words in text with capitals ("... SW1A 2AA thanks"), and a full stop
    after a word of more than four letters ("10115 Berlin.")."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while len(words) > 1:
        word = words[-1].group()
        if word.isalpha() and word.islower() and not lowercase_line(text, start) and (
                word not in _ADDRESS_WORDS):
            end = start + words[-1].start()
            end = len(text[:end].rstrip(" \t,"))
            words.pop()
            continue
        break
    if text[start:end].endswith(".") and re.search(r"[^\W\d_]{5,}\.$", text[start:end]):
        end -= 1
    return end


def _merged(found: list[Found]) -> list[Found]:
    """Overlapping candidates as one, with the best score among them. A candidate no
    context word could make reportable (a bare name and number) is dropped first: it
    must not stretch an address over the name before it ("Dana Reyes, 12 Baker St")."""
    merged: list[Found] = []
    kept = (f for f in found if f.score >= _MIN_CANDIDATE)
    for candidate in sorted(kept, key=lambda f: (f.start, -f.end)):
        if merged and candidate.start < merged[-1].end:
            last = merged[-1]
            best = max((last, candidate), key=lambda f: f.score)
            merged[-1] = Found(last.start, max(last.end, candidate.end), best.score, best.shape)
        else:
            merged.append(candidate)
    return merged
