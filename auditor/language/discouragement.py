"""Discouraging statements: a bot tying eligibility to a prohibited basis.

Regulation B 1002.4(b) covers statements a reasonable person would read as
discouraging an application on a prohibited basis: "applicants over 70 rarely
qualify", "we don't lend to people on benefits", "no aceptamos extranjeros". A
sentence counts when it holds all three of: an eligibility term (qualify, lend,
credit, approve, refund...), a prohibited basis (age, benefits, sex, pregnancy,
marital status, religion, nationality or origin, race, disability) and a
discouraging cue (not, rarely, only, unlikely, hard...). Neutral statements of a
rule that favours nobody ("customers over 18 can apply") have no cue, and
statements that a basis does not matter ("your age does not affect whether you
qualify") or that name the age of legal capacity ("under 18 cannot apply") do not
count. English, Spanish, French and German; matched on folded text.
"""

from __future__ import annotations

import re

from auditor.language.normalise import fold
from auditor.language.patterns import PhraseMatch, cached_detector

__all__ = ["find_discouraging_statement"]

_ELIGIBILITY = re.compile(
    r"\b(?:qualif\w*|eligib\w*|approv\w*|lend\w*|loans?|credit|accept\w*|refunds?|discounts?"
    r"|financ\w*|mortgages?|apply|applications?|applicants?"
    r"|califica\w*|elegible\w*|aprob\w*|prestamos?|credito|concede\w*|reembolsos?|solicit\w*"
    r"|eligibles?|admissibles?|approuv\w*|prets?|accord\w*|remboursements?|candidat\w*"
    r"|berechtigt\w*|qualifiz\w*|genehmig\w*|kredit\w*|darlehen|vergeb\w*|erstattung\w*"
    r"|antrag\w*)\b")
_BASIS = re.compile(
    r"\b(?:over|under|above|past) (?:the age of )?\d{2}\b|\b(?:your|their|his|her) age\b"
    r"|\bpeople your age\b|\b(?:elderly|older (?:customers|people|applicants|clients)|seniors"
    r"|retirees|pensioners|young people|on benefits|welfare|public assistance|food stamps"
    r"|women|woman|female|pregnan\w*|maternity|married|single (?:mothers|parents)|divorced"
    r"|widow\w*|religio\w*|muslims?|jews|jewish|christians?|hindus?|foreigners?|immigrants?"
    r"|non-?citizens|your accent|non-?native|nationality|national origin|race|ethnic\w*"
    r"|black people|hispanics?|disabled|disabilit\w*)\b"
    r"|\b(?:mayores de \d{2}|personas de (?:tu|su) edad|jubilad\w*|pensionistas?|subsidios?"
    r"|ayudas sociales|mujeres|embarazad\w*|extranjer\w*|inmigrantes?|nacionalidad|religion"
    r"|discapacid\w*)\b"
    r"|\b(?:plus de \d{2} ans|votre age|retraites?|allocations|aides sociales|femmes"
    r"|enceintes?|etrangers?|immigres?|nationalite|handicap\w*)\b"
    r"|\b(?:uber \d{2}|in ihrem alter|rentner\w*|sozialleistungen|burgergeld|frauen"
    r"|schwanger\w*|auslander\w*|migranten|staatsangehorigkeit|behinder\w*)\b")
_DISCOURAGING = re.compile(
    r"\b(?:not|never|rarely|seldom|unlikely|only|no|cannot|hardly|difficult|hard|"
    r"don't|dont|doesn't|doesnt|won't|wont|can't|cant|isn't|aren't|usually not)\b|n't\b"
    r"|\b(?:nunca|rara vez|dificil|solo|solamente|no)\b"
    r"|\b(?:ne|n'|pas|jamais|rarement|difficile|seulement|uniquement)\b"
    r"|\b(?:nicht|kein\w*|selten|schwer|nur|nie)\b")
# Statements that say a basis does NOT matter, or state the age of legal capacity.
_NEUTRAL = re.compile(
    r"\b(?:does not affect|doesn't affect|doesnt affect|regardless of|never consider\w*"
    r"|(?:do not|don't|dont|does not|doesn't) (?:consider|take into account|look at|use)"
    r"|not based on|just like|the same as|equally|no matter|irrespective of"
    r"|independientemente de|sin importar|quel que soit|quelle que soit|unabhangig von)\b"
    r"|\b(?:under|below) (?:the age of )?1[68]\b|\bmenores de 1[68]\b|\bmoins de 1[68] ans\b"
    r"|\bunter 1[68]\b")
_SENTENCE = re.compile(r"[^.!?;\n]+")


@cached_detector
def find_discouraging_statement(text: str) -> PhraseMatch | None:
    """The first sentence tying eligibility to a prohibited basis with a discouraging cue.

    ``kind`` is ``"discouraging"``; ``phrase`` is the sentence, located in ``text``.
    Matches "Applicants over 70 rarely qualify for this card", "We don't lend to
    people on benefits", "Las mujeres embarazadas no califican", "Les étrangers ne
    sont pas éligibles", "Rentner bekommen nur selten einen Kredit". Not matched:
    "Customers over 18 can apply" (no cue), "Your refund was not approved" (no
    basis), "I'm not sure about your age" (no eligibility term).
    """
    folded = fold(text)
    for sentence in _SENTENCE.finditer(folded):
        part = sentence.group()
        if _ELIGIBILITY.search(part) and _BASIS.search(part) and _DISCOURAGING.search(part) \
                and not _NEUTRAL.search(part):
            start = sentence.start() + (len(part) - len(part.lstrip()))
            end = sentence.end()
            return PhraseMatch("discouraging", text[start:end], start, end, "any")
    return None
