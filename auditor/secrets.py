"""Secrets and birth dates stated in text: card security codes, PINs, track data,
one-time codes, passwords, security answers and dates of birth.

These values have no fixed shape of their own (a CVV is just three digits), so
each detector needs a context word before the value: "CVV 123", "my PIN is 4821",
"contraseña: Sol2024!". Spans cover the value only, so redaction hides the value
and keeps the context word readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_GAP = r"[^\d\n]{0,24}?"  # words between a context word and its value: "is", ": ", "was"

_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|ene|abr|ago|dic|janv|"
          r"fevr|févr|avr|mai|juin|juil|aout|août|mär|märz|okt|dez)[a-zé]*\.?")
_DATE = (r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)?\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}"
         rf"|\d{{1,2}}\.? (?:de )?{_MONTH} (?:de )?(?:19|20)\d{{2}}"
         rf"|{_MONTH} \d{{1,2}},? (?:19|20)\d{{2}})")


@dataclass(frozen=True, slots=True)
class SecretSpan:
    """Where a secret value sits in a text, and what kind it is."""

    kind: str
    start: int
    end: int


_DETECTORS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in (
        ("CARD_SECURITY_CODE",
         r"\b(?:cvv2?|cvc2?|cvn|csc|cid|security code|card verification (?:code|value)|"
         r"c[oó]digo de seguridad|cryptogramme(?: visuel)?|code de s[ée]curit[ée]|"
         r"(?:karten)?pr[uü]fnummer|sicherheitscode)\b" + _GAP + r"(?<!\d)(\d{3,4})(?!\d)"),
        ("PIN",
         r"\b(?:pin(?: code| number)?|code pin|c[oó]digo pin|pin-nummer|geheimzahl)\b"
         + _GAP + r"(?<!\d)(\d{4,6})(?!\d)"),
        ("TRACK_DATA", r"(%B\d{13,19}\^[^^\n]{2,26}\^\d{4}\d*\??|;\d{13,19}=\d{4}\d*\?)"),
        ("ONE_TIME_CODE",
         r"\b(?:one[- ]time (?:code|password|passcode|pin)|otp|verification code|"
         r"confirmation code|login code|2fa code|passcode|(?:the |my )?code (?:you|we) "
         r"(?:sent|texted)|c[oó]digo de verificaci[oó]n|code de v[ée]rification|"
         r"code de confirmation|best[aä]tigungscode|verifizierungscode)\b"
         + _GAP + r"(?<!\d)(\d{4,8})(?!\d)"),
        # A password needs a separator and a value that looks like one (a digit or a
        # symbol), so "my password is forgotten" is not a secret.
        ("PASSWORD",
         r"\b(?:password|passwd|pwd|contrase[nñ]a|clave|mot de passe|passwort|kennwort)\b"
         r"(?:\s+(?:is|was|es|est|ist|would be|será|sera))?\s*[:=]?\s*[\"'“]?"
         r"((?=\S*[\d!@#$%^&*_+=?])[^\s\"'”]{4,64})"),
        ("SECURITY_ANSWER",
         r"\b(?:maiden name|first pet(?:'s name)?|security answer|secret answer)\s+"
         r"(?:is|was|:)\s+([A-Za-zÀ-ÿ][\w'-]{1,40})"),
        ("DATE_OF_BIRTH",
         r"\b(?:date of birth|birth ?date|dob|d\.o\.b\.|born on|born|birthday|"
         r"fecha de nacimiento|nac[ií] el|date de naissance|n[ée]e? le|geburtsdatum|"
         r"geboren am)\b" + r"[^\d\n]{0,15}?" + rf"({_DATE})"),
    )
)


def find_secrets(text: str) -> list[SecretSpan]:
    """Every secret value in `text`, by position; overlapping detections keep the first."""
    return list(_find_secrets(text))


# Several checks, and redaction, ask about the same turn one after another.
@lru_cache(maxsize=1024)
def _find_secrets(text: str) -> tuple[SecretSpan, ...]:
    """`find_secrets`, remembered for recently seen texts."""
    found: list[SecretSpan] = []
    for kind, pattern in _DETECTORS:
        for match in pattern.finditer(text):
            start, end = match.span(1)
            if not any(s.start < end and start < s.end for s in found):
                found.append(SecretSpan(kind, start, end))
    return tuple(sorted(found, key=lambda span: span.start))
