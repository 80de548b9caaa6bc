"""Primary account numbers (PANs) of every card network, 12 to 19 digits (the presidio
recognizer built on them is `auditor.pii.card_recognizer`).

PCI DSS counts any primary account number of up to 19 digits as cardholder data.
presidio's own card recognizer knows the older prefixes and lengths only (it misses
12-digit Maestro, 19-digit Visa, Mastercard's 2-series); this one knows the issuer
identification number (IIN) ranges and lengths the networks publish, as tabled in
ISO/IEC 7812's registry summaries (the "Payment card number" IIN table), and checks
the Luhn digit with python-stdnum.
"""

from __future__ import annotations

from stdnum import luhn

__all__ = ["CARD_CONTEXT", "PAN_PATTERN", "consistent_groups", "is_card_number"]

# (first digits from, to, allowed lengths): each network's IIN range.
_RANGES: tuple[tuple[str, str, frozenset[int]], ...] = tuple(
    (low, high, frozenset(lengths)) for low, high, lengths in (
        ("4", "4", (13, 16, 19)),                      # Visa (and Visa Electron)
        ("51", "55", (16,)),                           # Mastercard
        ("2221", "2720", (16,)),                       # Mastercard 2-series
        ("34", "34", (15,)), ("37", "37", (15,)),      # American Express
        ("6011", "6011", range(16, 20)),               # Discover
        ("644", "649", range(16, 20)), ("65", "65", range(16, 20)),
        ("622126", "622925", range(16, 20)),
        ("3528", "3589", range(15, 20)),               # JCB (15-digit cards exist)
        ("300", "305", range(14, 20)), ("3095", "3095", range(14, 20)),  # Diners Club
        ("36", "36", range(14, 20)), ("38", "39", range(14, 20)),
        ("50", "50", range(12, 20)), ("56", "69", range(12, 20)),  # Maestro
        ("62", "62", range(16, 20)), ("81", "81", range(16, 20)),  # UnionPay
        ("2200", "2204", range(16, 20)),               # Mir
        ("60", "60", (16,)), ("82", "82", (16,)), ("508", "508", (16,)),  # RuPay
        ("9792", "9792", (16,)),                       # Troy
        ("506099", "506198", (16, 18, 19)),            # Verve
        ("650002", "650027", (16, 18, 19)),
        ("636", "636", range(16, 20)),                 # InterPayment
        ("1", "1", (15,)),                             # UATP
    ))

# Twelve to nineteen digits, in groups split by single spaces or hyphens; not part
# of a longer run of digits.
PAN_PATTERN = r"(?<![\d-])\d(?:[ -]?\d){11,18}(?![\d])"

# Words that make a run of digits more likely a card number.
CARD_CONTEXT: tuple[str, ...] = ("card", "credit", "debit", "visa", "mastercard", "amex",
                                 "maestro", "pan", "number", "tarjeta", "carte", "karte")


def is_card_number(text: str) -> bool:
    """Whether `text` (digits with any separators) is a valid PAN: 12-19 digits, the
    length its network issues after an IIN it publishes, and a correct Luhn digit."""
    digits = "".join(char for char in text if char.isdigit())
    if not 12 <= len(digits) <= 19 or not luhn.is_valid(digits):
        return False
    return any(_in_range(digits, low, high) and len(digits) in lengths
               for low, high, lengths in _RANGES)


def _in_range(digits: str, low: str, high: str) -> bool:
    prefix = digits[:len(low)]
    return low <= prefix <= high


def consistent_groups(text: str) -> bool:
    """One kind of separator at most, as card numbers are written."""
    return len({char for char in text if not char.isdigit()}) <= 1
