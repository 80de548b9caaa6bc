"""A conversation's language: declared by the export, else identified from its messages."""

from __future__ import annotations

import pytest

from auditor.language.identify import (
    conversation_language,
    declared_language,
    identified_language,
    language_of,
)
from auditor.model import Conversation, Role, Turn


def _conversation(*messages: tuple[Role, str], **attributes: str) -> Conversation:
    turns = tuple(Turn(index, role, text) for index, (role, text) in enumerate(messages))
    return Conversation("c1", turns, attributes=attributes)


@pytest.mark.parametrize(("value", "code"), [("es-ES", "es"), ("fr_CA", "fr"), ("DE", "de"),
                                             ("en", "en")])
def test_a_declared_language_is_believed_and_reduced_to_its_code(value: str, code: str) -> None:
    conversation = _conversation((Role.CUSTOMER, "I would like to change my delivery address"),
                                 locale=value)
    assert declared_language(conversation) == code
    assert conversation_language(conversation) == code


@pytest.mark.parametrize(("text", "code"), [
    ("Buenas tardes, me cobraron dos veces el mismo pedido y necesito el reembolso", "es"),
    ("Bonjour, mon colis n'est toujours pas arrivé et personne ne me répond", "fr"),
    ("Guten Tag, meine Rechnung ist falsch und ich möchte mit jemandem sprechen", "de"),
    ("Hi there, my parcel still hasn't arrived and nobody answers my emails", "en"),
    ("Buongiorno, il mio ordine è arrivato danneggiato, posso avere un rimborso?", "it"),
    ("Goedemiddag, mijn bestelling is nog steeds niet aangekomen", "nl"),
])
def test_an_undeclared_language_is_identified_from_the_customer(text: str, code: str) -> None:
    conversation = _conversation((Role.BOT, "Hello! How can I help you today?"),
                                 (Role.CUSTOMER, text))
    assert conversation_language(conversation) == code


def test_the_customer_language_wins_over_a_canned_english_greeting() -> None:
    conversation = _conversation(
        (Role.BOT, "Welcome to our support chat. I am a virtual assistant and can help you "
                   "with orders, refunds and deliveries."),
        (Role.CUSTOMER, "Quiero hablar con una persona sobre mi factura, por favor"))
    assert conversation_language(conversation) == "es"


@pytest.mark.parametrize("texts", [[], ["ok"], ["thanks", "?"], ["1234 5678"]])
def test_too_little_text_gives_no_answer_rather_than_a_guess(texts: list[str]) -> None:
    assert identified_language(texts) is None


def test_language_of_says_unknown_when_nothing_tells() -> None:
    assert language_of(_conversation((Role.CUSTOMER, "ok"))) == "unknown"
