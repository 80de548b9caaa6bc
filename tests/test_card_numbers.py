"""Card numbers of every network and length are found, also typed in pieces, and runs
of digits that are no card number are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from stdnum import luhn

from auditor.pii import engine_for
from auditor.pii.card_numbers import is_card_number
from auditor.pipeline import run_audit
from auditor.policy import Policy
from auditor.redaction import redact


def _number(prefix: str, length: int) -> str:
    """A Luhn-valid number of `length` digits starting with `prefix` (synthetic)."""
    body = (prefix + "3141592653589793238")[:length - 1]
    return body + luhn.calc_check_digit(body)


# One per network and length PCI DSS counts: the IIN ranges the networks publish.
CARDS = {
    "Visa 13": _number("4", 13), "Visa 16": _number("4", 16), "Visa 19": _number("4", 19),
    "Mastercard 5-series": _number("53", 16), "Mastercard 2-series": _number("2720", 16),
    "American Express": _number("37", 15), "Discover": _number("6011", 16),
    "Discover 19": _number("65", 19), "JCB 15": _number("3530", 15),
    "JCB 16": _number("3589", 16), "Diners 14": _number("36", 14),
    "Maestro 12": _number("6759", 12), "Maestro 19": _number("5018", 19),
    "UnionPay 19": _number("62", 19), "Mir": _number("2202", 16),
    "RuPay": _number("508", 16), "Troy": _number("9792", 16),
}


@pytest.mark.parametrize("network", sorted(CARDS))
def test_every_network_and_length_is_found_however_it_is_grouped(network: str) -> None:
    digits = CARDS[network]
    spaced = " ".join(digits[i:i + 4] for i in range(0, len(digits), 4))
    for written in (digits, spaced, spaced.replace(" ", "-")):
        spans = engine_for().analyze(f"The card is {written}, expiring 12/29.")
        assert [s.entity_type for s in spans] == ["CREDIT_CARD"], written
        assert redact(f"card {written}").endswith(f"ending {digits[-4:]}>")


@pytest.mark.parametrize("text", [
    "Call +44 20 7946 0958 or 555-0199.",                 # phone numbers
    "Your order 123456789012 has shipped.",               # an order id, Luhn-invalid
    "Tracking 1Z999AA10123456784 is on its way.",         # a parcel id
    f"Reference {_number('0', 16)} is open.",             # no network issues 0...
    f"Card {_number('37', 16)} please",                   # Amex is 15 digits, not 16
    f"Card {_number('4', 16)[:8]} {_number('4', 16)[8:12]}-{_number('4', 16)[12:]}",  # mixed
])
def test_runs_of_digits_that_are_no_card_number_are_not_one(text: str) -> None:
    assert "CREDIT_CARD" not in {s.entity_type for s in engine_for().analyze(text)}


def test_the_check_digit_decides() -> None:
    good = CARDS["Visa 16"]
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert is_card_number(good) and not is_card_number(bad)


def _audit(tmp_path: Path, turns: list[tuple[str, str]]) -> dict[str, list[int]]:
    path = tmp_path / "pieces.jsonl"
    path.write_text("\n".join(json.dumps({"conversation_id": "c-1", "role": role, "text": text})
                              for role, text in turns) + "\n", encoding="utf-8")
    result = run_audit([path], policy=Policy())
    return {f.code: f.data.get("turns", []) for f in result.findings
            if f.code in ("PII001", "PII002")}


def test_a_card_number_typed_in_pieces_is_stored(tmp_path: Path) -> None:
    card = CARDS["Mastercard 2-series"]
    pieces = [card[i:i + 4] for i in range(0, 16, 4)]
    found = _audit(tmp_path, [("bot", "Hi, I'm the virtual assistant. How can I pay you?"),
                              *[("customer", piece) for piece in pieces],
                              ("bot", "Thanks, I can't take card numbers here.")])
    assert found == {"PII002": [1, 2, 3, 4]}
    # The bot reading one back in pieces shows it.
    shown = _audit(tmp_path, [("customer", "What card do you have for me?"),
                              *[("bot", piece) for piece in pieces]])
    assert shown["PII001"] == [1, 2, 3, 4]


def test_pieces_from_two_speakers_or_that_make_no_card_stay_apart(tmp_path: Path) -> None:
    card = CARDS["Visa 16"]
    interleaved = [("customer", card[:8]), ("bot", "Go on."), ("customer", card[8:])]
    assert _audit(tmp_path, [("bot", "Hi, I'm a bot."), *interleaved]) == {}
    codes = [("customer", "4111"), ("customer", "2026"), ("customer", "0099")]
    assert _audit(tmp_path, [("bot", "Hi, I'm a bot."), *codes]) == {}
