"""National identifiers of EU member states and the UK: NATIONAL_ID, checked with python-stdnum.

Each scheme is a written shape, the python-stdnum validator of its check digits and
the words that announce it. A shape that mixes letters and digits by rule (a Spanish
DNI "48213057C", an Italian codice fiscale) is reported wherever it validates. A bare
run of digits (a Dutch BSN has 9, a Polish PESEL 11) is also an order number, a phone
number or an amount, and python-stdnum accepts one random run in ten or so: it is
reported only with one of its scheme's words before it on the same line ("BSN",
"PESEL", "Steuer-ID", "numéro de sécurité sociale") or just after it.

The UK National Insurance number has no check digit; its prefix and suffix rules
(HMRC National Insurance Manual NIM39110) make its shape distinctive, and a nearby
"national insurance" or "NI number" confirms it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum.be import nn as be_nn
from stdnum.de import idnr as de_idnr
from stdnum.es import dni as es_dni
from stdnum.es import nie as es_nie
from stdnum.fr import nir as fr_nir
from stdnum.it import codicefiscale as it_codicefiscale
from stdnum.nl import bsn as nl_bsn
from stdnum.pl import pesel as pl_pesel
from stdnum.pt import cc as pt_cc
from stdnum.pt import nif as pt_nif

from auditor.pii.context_words import ContextWords

__all__ = ["NATIONAL_ID", "SCHEMES", "IdScheme", "NationalIdRecognizer", "is_uk_nino"]

NATIONAL_ID = "NATIONAL_ID"
# A validated identifier, with its distinctive shape or its scheme's word nearby.
CONFIRMED_SCORE = 0.85
# A National Insurance number's shape alone: masked by redaction, not reported.
UNCONFIRMED_NINO_SCORE = 0.4
# Words any digits-only identifier may follow ("ID number", "tax ID").
_GENERIC_WORDS = ("national id", "national identity", "identity number", "id number", "id no",
                  "personal number", "tax id", "tax number", "tin")


@dataclass(frozen=True, slots=True)
class IdScheme:
    """One national identifier: its written shape, validator and announcing words.

    `distinctive` shapes are reported without a word; the others need one of
    `words` (regular expressions, case-insensitive) on the value's line, just before
    or after it.
    """

    name: str
    shape: str
    is_valid: Callable[[str], bool]
    words: tuple[str, ...]
    distinctive: bool = False


def _spaced(*groups: int) -> str:
    """Digit groups written together or separated by single spaces, dots or hyphens."""
    return r"[ .\-]?".join(rf"\d{{{size}}}" for size in groups)


def is_uk_nino(value: str) -> bool:
    """Whether `value` has the shape HMRC allocates: two prefix letters (D, F, I, Q,
    U and V never; O not second; BG, GB, KN, NK, NT, TN and ZZ never), six digits and
    a suffix A-D."""
    compact = re.sub(r"[ \-]", "", value).upper()
    if not re.fullmatch(r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]", compact):
        return False
    return compact[:2] not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


_NIR_WORDS = ("s[ée]curit[ée] sociale", "s[ée]cu", "nir", "insee", "carte vitale",
              "social security")
_BE_WORDS = (r"rijksregister\w*", "registre national", "num[ée]ro national", "niss", "insz",
             "national number")
# Omocodia: an Italian codice fiscale may carry letters for digits that collided.
_CF_DIGIT = "[0-9LMNPQRSTUV]"
SCHEMES: tuple[IdScheme, ...] = (
    IdScheme("ES NIE", r"[XYZ][ \-]?\d{7}[ \-]?[A-Z]", es_nie.is_valid,
             ("nie", r"n\.i\.e\.", "dni", "nif", "documento", "identidad", "extranjero"),
             distinctive=True),
    IdScheme("ES DNI", r"\d{1,2}\.?\d{3}\.?\d{3}[ \-]?[A-Z]", es_dni.is_valid,
             ("dni", r"d\.n\.i\.", "nif", "documento", "identidad"), distinctive=True),
    IdScheme("IT codice fiscale",
             rf"[A-Z]{{6}}{_CF_DIGIT}{{2}}[ABCDEHLMPRST]{_CF_DIGIT}{{2}}[A-Z]{_CF_DIGIT}{{3}}[A-Z]",
             it_codicefiscale.is_valid, ("codice fiscale", r"c\.f\.", "cf", r"cod\. fisc\."),
             distinctive=True),
    IdScheme("PT cartão de cidadão", r"\d{8}[ \-]?\d[ \-]?[A-Z]{2}\d", pt_cc.is_valid,
             ("cart[ãa]o de cidad[ãa]o", "cc", "documento", "identifica[çc][ãa]o"),
             distinctive=True),
    # The printed NIR groups, "1 84 05 75 112 233 93", only; 15 bare digits need a word.
    IdScheme("FR NIR (spaced)", r"[12] \d{2} \d{2} (?:\d{2}|2[AB]) \d{3} \d{3} \d{2}",
             fr_nir.is_valid, _NIR_WORDS, distinctive=True),
    IdScheme("FR NIR", r"[12]\d{4}(?:\d{2}|2[AB])\d{8}", fr_nir.is_valid, _NIR_WORDS),
    # The printed Belgian national number, "85.07.30-033.28".
    IdScheme("BE national number (printed)", r"\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}",
             be_nn.is_valid, _BE_WORDS, distinctive=True),
    IdScheme("BE national number", _spaced(2, 2, 2, 3, 2), be_nn.is_valid, _BE_WORDS),
    IdScheme("PL PESEL", r"\d{11}", pl_pesel.is_valid, ("pesel",)),
    IdScheme("DE Steuer-IdNr", _spaced(2, 3, 3, 3), de_idnr.is_valid,
             ("steuer-?id(?:nr)?", r"\w*identifikationsnummer", "steuerliche id", "idnr",
              "steuernummer")),
    IdScheme("NL BSN", r"\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3}|\d{9}", nl_bsn.is_valid,
             ("bsn", "burgerservicenummer", "sofi-?nummer", "citizen service number")),
    IdScheme("PT NIF", r"\d{3} \d{3} \d{3}|\d{9}", pt_nif.is_valid,
             ("nif", "contribuinte", "n[úu]mero fiscal", "identifica[çc][ãa]o fiscal")),
    IdScheme("UK National Insurance number", r"[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]",
             is_uk_nino, ("national insurance", "ni number", "ni no", "nino", r"n\.i\."),
             distinctive=True),
)
_NINO = SCHEMES[-1]


def _compiled(scheme: IdScheme) -> re.Pattern[str]:
    """The scheme's shape, not inside a longer word or number."""
    return re.compile(rf"(?<![\w.\-])(?:{scheme.shape})(?![\w]|[.\-]\d)", re.IGNORECASE)


def _words(scheme: IdScheme) -> ContextWords:
    """The scheme's announcing words (and the generic ones for digit-only shapes)."""
    return ContextWords(scheme.words if scheme.distinctive else scheme.words + _GENERIC_WORDS)


class NationalIdRecognizer(LocalRecognizer):
    """NATIONAL_ID: identifiers of the schemes in `SCHEMES`, validated by python-stdnum."""

    NAME = "NationalIdRecognizer"

    def __init__(self, schemes: Sequence[IdScheme] = SCHEMES) -> None:
        self.schemes = tuple(schemes)
        self._patterns = [(scheme, _compiled(scheme), _words(scheme)) for scheme in self.schemes]
        super().__init__(supported_entities=[NATIONAL_ID], name=self.NAME)

    def load(self) -> None:
        """Nothing to load: shapes and validators are compiled in the constructor."""

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Valid identifiers of every scheme, the first scheme winning where they overlap."""
        results: list[RecognizerResult] = []
        for scheme, shape, words in self._patterns:
            for match in shape.finditer(text):
                start, end = match.span()
                if any(start < r.end and r.start < end for r in results):
                    continue
                score = self._score(scheme, match.group(), text, start, end, words)
                if score is not None:
                    results.append(self._result(scheme, start, end, score))
        return results

    @staticmethod
    def _score(scheme: IdScheme, value: str, text: str, start: int, end: int,
               words: ContextWords) -> float | None:
        """The value's score, or None when it is not reported."""
        if not scheme.is_valid(value.upper()):
            return None
        announced = words.near(text, start, end)
        if scheme is _NINO:
            return CONFIRMED_SCORE if announced else UNCONFIRMED_NINO_SCORE
        return CONFIRMED_SCORE if scheme.distinctive or announced else None

    def _result(self, scheme: IdScheme, start: int, end: int, score: float) -> RecognizerResult:
        """A presidio result naming the scheme in its explanation."""
        explanation = AnalysisExplanation(
            recognizer=self.NAME, original_score=score,
            textual_explanation=f"{scheme.name} validated by python-stdnum")
        return RecognizerResult(
            entity_type=NATIONAL_ID, start=start, end=end, score=score,
            analysis_explanation=explanation,
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})

