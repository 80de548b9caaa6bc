"""Length-preserving text folding for phrase matching.

Detectors match their lexicons against a *folded* copy of a turn: case-folded,
without diacritics, with typographic quotes and exotic whitespace unified. The
fold maps every character of the original to exactly one character, so an index
into the folded text is also an index into the original. Matches found on the
folded text can therefore be reported with spans (and the matched substring) of
the original text without any offset bookkeeping.

The price of that guarantee: runs of whitespace are *not* collapsed (each
whitespace character becomes one plain space), so lexicon fragments match
"one or more spaces" with ``\\s+`` rather than a single literal space. Characters
whose lower-case or accent-free form is longer than one character (German "ß",
the "ﬁ" ligature) are kept as their one-character lower-case form.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_char"]

# Apostrophes and single quotation marks, including the prime that some keyboards
# produce for an apostrophe, become the ASCII apostrophe; double marks and
# guillemets (French and German quoting) become the ASCII double quote.
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u00b4\u0060\u02bc\u2039\u203a"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u301d\u301e"
_QUOTE_MAP = {**dict.fromkeys(_SINGLE_QUOTES, "'"), **dict.fromkeys(_DOUBLE_QUOTES, '"')}


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """Fold one character to exactly one character.

    Order: quotes and whitespace first (they have no case), then case folding,
    then diacritic stripping via NFKD. If a step would change the length (for
    example ``"ß".casefold() == "ss"``), the one-character ``lower()`` form is
    used instead so the fold stays length-preserving.
    """
    if char in _QUOTE_MAP:
        return _QUOTE_MAP[char]
    if char.isspace():
        return " "
    folded = char.casefold()
    if len(folded) != 1:
        folded = char.lower()
        if len(folded) != 1:
            return char
    decomposed = unicodedata.normalize("NFKD", folded)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base if len(base) == 1 else folded


# Most chat text is ASCII: fold it with one table lookup per character, built from
# `fold_char` itself so both paths agree.
_ASCII_FOLD = str.maketrans({chr(code): fold_char(chr(code)) for code in range(128)})


def fold(text: str) -> str:
    """Return a case-folded, accent-free copy of ``text`` with the same length.

    ``fold(text)[i]`` is the folded form of ``text[i]`` for every index ``i``,
    so spans found in the folded text apply unchanged to ``text``.

    >>> fold("¿Eres  HUMANO?")
    '¿eres  humano?'
    >>> fold("Je m’appelle Zoé")
    "je m'appelle zoe"
    """
    if text.isascii():
        return text.translate(_ASCII_FOLD)
    return "".join(fold_char(char) for char in text)
