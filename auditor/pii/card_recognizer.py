"""presidio's recognizer of card numbers of every network (`auditor.pii.card_numbers`
holds the ranges and the check, light to import)."""

from __future__ import annotations

from collections.abc import Iterable

from presidio_analyzer import Pattern, PatternRecognizer

from auditor.pii.card_numbers import CARD_CONTEXT, PAN_PATTERN, consistent_groups, is_card_number

__all__ = ["CardNumberRecognizer"]


class CardNumberRecognizer(PatternRecognizer):
    """Card numbers of every network: a Luhn-valid run of 12-19 digits whose IIN and
    length a network issues."""

    def __init__(self, context: Iterable[str] = CARD_CONTEXT) -> None:
        super().__init__(supported_entity="CREDIT_CARD", name="CardNumberRecognizer",
                         patterns=[Pattern("PAN", PAN_PATTERN, 0.3)], context=list(context))

    def validate_result(self, pattern_text: str) -> bool:
        """True (full confidence) for a valid PAN; False drops the match."""
        return consistent_groups(pattern_text) and is_card_number(pattern_text)
