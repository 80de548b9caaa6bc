"""Names the small English model misses, found by the words around them.

A capitalised name right after "my name is", a title ("Ms. Okafor"), a relation
("my partner Kendra Vida"), a greeting ("Hi Dana,"), a self-introduction ("this is
Sam from billing"), a role ("agent Tom"), a sign-off ("Regards, Lena"), a name field
("Name: Jo Park"), a conversation partner ("ask for Priya"), an agent ("approved by
Lena Hart"), a possessive relation ("Sumaya's kid"), a verb only people take
("Filip lives on ...") or a recipient ("send Priya my receipt"). Spans cover the
name only, never the cue. After the strongest cues ("my name is john") and as a recipient
("given shamhan his address") a lower-case name counts too, as chat users often
write without capitals.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from auditor.pii.vocabulary import is_name_word

# A capitalised name word ("Dana", "O'Brien", "Jean-Luc", "Kupcová"), then up to two
# more on the same line. All-capital words are left out: in chat they are shouting or
# acronyms far more often than names.
_NAME_WORD = r"\p{Lu}[\p{L}'’\-]*\p{Ll}"
NAME = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}}"
# One or two lower-case words, only after the strongest cues (and not the "is" of
# "my name is", which the cue may leave out).
_LOWER_NAME = r"(?!(?:is|was)\b)\p{Ll}[\p{Ll}'’\-]+(?:[ \t]+\p{Ll}[\p{Ll}'’\-]+)?"
# Where a name ends a phrase: "Hi Dana," "says Eklund." "my name is jo and ...".
_PHRASE_END = r"(?=[ \t]*(?:[,!.:;?)]|$|(?i:and|from|here)\b))"

_TITLE = r"(?:(?i:mr|mrs|ms|mx|dr|prof|sir|madam|dame)\.?|Miss)"
_KIN = (r"(?:wife|husband|partner|spouse|son|daughter|kid|kids|child|children|baby|"
        r"mother|mom|mum|father|dad|brother|sister|friend|colleague|boss|neighbou?r|"
        r"grandmother|grandfather|grandma|grandpa|aunt|uncle|cousin|fianc[ée]e?|"
        r"boyfriend|girlfriend|roommate|landlord|tenant|family)")
_RELATION = (rf"(?i:(?:my|his|her|our|their|your)[ \t]+{_KIN}"
             r"(?:'s[ \t]+name(?:[ \t]+is)?)?),?")
_INTRODUCTION = (r"(?i:\b(?:my|his|her|the|your)[ \t]+(?:(?:full|first|last|middle|maiden|"
                 r"family|given|legal)[ \t]+)?name(?:'s|[ \t]+is|[ \t]+was)?|"
                 r"\bsurname(?:[ \t]+is)?|\bcall[ \t]+me|\bi[ \t]+go[ \t]+by)[ \t]*[:?,\-–]?[ \t]*")

# (pattern name, regular expression, score)
CUE_PATTERNS: tuple[tuple[str, str, float], ...] = (
    ("introduction", rf"(?<={_INTRODUCTION}){NAME}", 0.7),
    ("introduction, lower case", rf"(?<={_INTRODUCTION}){_LOWER_NAME}{_PHRASE_END}", 0.6),
    ("title", rf"(?<=\b{_TITLE}[ \t]+){NAME}", 0.7),
    ("relation", rf"(?<=\b{_RELATION}[ \t]+){NAME}", 0.6),
    ("possessive relation", rf"\b{NAME}(?='s[ \t]+(?i:{_KIN})\b)", 0.6),
    ("greeting", r"(?<=(?i:\b(?:hi|hello|hey|dear|thanks|thank[ \t]+you|good[ \t]+"
                 rf"(?:morning|afternoon|evening)))[ \t]+){NAME}{_PHRASE_END}", 0.6),
    ("self introduction", r"(?<=(?i:\bthis[ \t]+is|\bi'?m|\bi[ \t]+am|\bit'?s)[ \t]+)"
                          rf"{NAME}(?=[ \t]*,|[ \t]+(?i:from|here|speaking|with)\b)", 0.6),
    ("role", r"(?<=(?i:\b(?:agent|representative|rep|advisor|adviser|operator|associate|"
             r"technician|driver|courier|manager|supervisor|colleague|specialist|"
             rf"consultant))[ \t]+){NAME}", 0.6),
    ("sign-off", r"(?<=(?i:\b(?:regards|best|cheers|thanks|thank[ \t]+you|sincerely|yours))"
                 rf"[ \t]*,?[ \t]*\n?[ \t]*){NAME}(?=[ \t]*$)", 0.6),
    ("conversation partner", r"(?<=(?i:\b(?:speak|talk|speaking|talking|spoke|talked)"
                             rf"[ \t]+(?:to|with)|\bask(?:ed)?[ \t]+for)[ \t]+){NAME}", 0.6),
    ("agent", r"(?<=(?i:\b(?:directed|written|produced|performed|composed|signed|approved|"
              r"handled|reviewed|authori[sz]ed|submitted)[ \t]+by|\bstarring|\bfeaturing)"
              rf"[ \t]+){NAME}", 0.6),
    ("recipient", r"(?<=(?i:\b(?:give|gave|given|giving|send|sent|tell|told|show|showed|shown|"
                  r"pay|paid|email|emailed|text|texted|forward|forwarded|hand|handed|offer|"
                  rf"offered))[ \t]+)(?:{_NAME_WORD}|\p{{Ll}}[\p{{Ll}}'’\-]+)"
                  r"(?=[ \t]+(?i:his|her|their|my|your|our)\b)", 0.6),
    ("person verb", rf"\b{NAME}(?=[ \t]+(?i:lives|lived|texted|phoned|emailed)\b)",
     0.6),
    ("name field", r"(?<=(?im:^[ \t]*(?:name|full name|customer|contact|attn|attention|"
                   rf"cardholder|account holder|recipient)[ \t]*:[ \t]*)){NAME}", 0.7),
)

# Every cue pattern needs a capital letter (in the name) except the lower-case
# introduction and recipient ones, whose cues all contain one of these.
_LOWER_CASE_CUES = re.compile(r"name|call[ \t]+me|go[ \t]+by|giv|gave|send|sent|tell|told|show|"
                              r"pay|paid|email|text|forward|hand|offer", re.IGNORECASE)
_WORD = re.compile(r"(?:[^\W\d_]|['’\-.])+")
# Lower-case words in these shapes are verbs and adverbs, not names: "my name is
# spelled wrong".
_NOT_A_LOWER_NAME = re.compile(r"(?:ed|ing|ly)$")


def could_hold_cued_name(text: str) -> bool:
    """Whether any cue pattern could match: a capital letter or a lower-case cue word."""
    return any(char.isupper() for char in text) or _LOWER_CASE_CUES.search(text) is not None


def name_word_bounds(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Bounds of `text[start:end]` from its first to its last name word, if any."""
    words = [match for match in _WORD.finditer(text, start, end)
             if is_name_word(match.group().strip(".'’-"))]
    if not words:
        return None
    return words[0].start(), words[-1].end()


class NameCueRecognizer(PatternRecognizer):
    """PERSON names after (or before) the words that introduce a person."""

    def __init__(self) -> None:
        # Case matters for names, so the default IGNORECASE flag is off; cues that
        # ignore case say so inline. (presidio compiles with the `regex` module, whose
        # flag values are those of `re`; the patterns use its \p{..} classes.)
        super().__init__(
            supported_entity="PERSON", name="NameCueRecognizer",
            patterns=[Pattern(name, pattern, score) for name, pattern, score in CUE_PATTERNS],
            global_regex_flags=re.MULTILINE)

    def invalidate_result(self, pattern_text: str) -> bool:
        """No name word at all ("Thanks Again"), or a lower-case phrase that is no name."""
        words = [word.strip(".'’-") for word in pattern_text.split()]
        if pattern_text.islower():
            return not all(is_name_word(w) and not _NOT_A_LOWER_NAME.search(w) for w in words)
        return not any(is_name_word(word) for word in words)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        """Matches trimmed to their name words ("My Friend Filip" -> "Filip")."""
        results = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            bounds = name_word_bounds(text, result.start, result.end)
            if bounds is not None:
                result.start, result.end = bounds
                results.append(result)
        return results
