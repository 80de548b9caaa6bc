"""ESC002 on a customer restating one request in other words, and `same_request` itself.

The measured precision and recall are in benchmarks/eval_restatements.py; these cases
are written apart from its labelled set."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.escalation.loops import find_loop
from auditor.language.restatement import request_gist, same_request
from auditor.model import Conversation, Role, Turn
from auditor.pipeline import run_audit
from auditor.policy import Policy
from auditor.result import AuditResult
from tests.conftest import conversation, write_jsonl

ESC002_ONLY = Policy(select=("ESC002",))

# Bot replies that answer, differently each time, without a fallback or an offer of a person.
EN_REPLIES = ("Refunds are usually processed within 5 to 7 business days.",
              "You can follow your refunds in your account, under Orders.",
              "Our refund policy is on the Returns page of our website.")
ES_REPLIES = ("Los reembolsos suelen tardar entre 5 y 7 días hábiles.",
              "Puedes consultar tus reembolsos en tu cuenta, en Pedidos.",
              "Nuestra política de devoluciones está en la web.")
DE_REPLIES = ("Erstattungen dauern in der Regel 5 bis 7 Werktage.",
              "Ihre Erstattungen sehen Sie im Kundenkonto unter Bestellungen.",
              "Unsere Rückgaberichtlinie finden Sie auf der Website.")
GREETINGS = {"en": "Hi, I'm Ava, an AI assistant for Example Shop. How can I help?",
             "es": "Hola, soy Ava, un asistente virtual de Example Shop. ¿En qué puedo ayudarte?",
             "de": "Hallo, ich bin Ava, ein virtueller Assistent von Example Shop."}

RESTATED = {
    "en": ("Has my refund gone through yet?",
           "I'm still waiting for my money from the return",
           "when will I actually see the refund??"),
    "es": ("¿Ya me habéis hecho el reembolso?",
           "Sigo esperando que me devolváis el dinero de la devolución",
           "¿cuándo voy a ver el reembolso en mi cuenta??"),
    "de": ("Ist meine Rückerstattung schon unterwegs?",
           "Ich warte immer noch auf mein Geld für die Rücksendung",
           "wann sehe ich die Erstattung endlich auf dem Konto??"),
}
DIFFERENT = {
    "en": ("Has my refund gone through yet?",
           "Can I have my next parcel sent to my office instead?",
           "How do I reset the password for my account?"),
    "es": ("¿Ya me habéis hecho el reembolso?",
           "¿Podéis enviar el próximo paquete a mi oficina?",
           "¿Cómo restablezco la contraseña de mi cuenta?"),
    "de": ("Ist meine Rückerstattung schon unterwegs?",
           "Könnt ihr das nächste Paket an mein Büro schicken?",
           "Wie setze ich das Passwort für mein Konto zurück?"),
}
REPLIES = {"en": EN_REPLIES, "es": ES_REPLIES, "de": DE_REPLIES}


def _chat(cid: str, language: str, messages: tuple[str, ...]) -> list[dict[str, object]]:
    turns = [("bot", GREETINGS[language])]
    for message, reply in zip(messages, REPLIES[language], strict=True):
        turns += [("customer", message), ("bot", reply)]
    return conversation(cid, *turns, language=language, region="EU")


def _audit(tmp_path: Path, records: list[dict[str, object]]) -> AuditResult:
    return run_audit([write_jsonl(tmp_path / "chats.jsonl", records)], policy=ESC002_ONLY)


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_three_restatements_in_other_words_are_a_loop(tmp_path: Path, language: str) -> None:
    [finding] = _audit(tmp_path, _chat("restated", language, RESTATED[language])).findings
    assert (finding.code, finding.severity.value) == ("ESC002", "high")
    assert finding.data["loop"] == "restated_intent"
    assert finding.data["turns"] == [1, 3, 5] and finding.turn_index == 5
    assert "left the customer asking for the same thing" in finding.message


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_three_different_requests_are_not_a_loop(tmp_path: Path, language: str) -> None:
    assert _audit(tmp_path, _chat("different", language, DIFFERENT[language])).findings == ()


def test_a_person_offered_after_the_restatements_passes(tmp_path: Path) -> None:
    records = _chat("offered", "en", RESTATED["en"])
    records.append({"conversation_id": "offered", "timestamp": "2026-10-01T10:01:00Z",
                    "role": "bot", "text": "Would you like to speak to an agent about it?"})
    assert _audit(tmp_path, records).findings == ()


def _turns(*texts: str) -> Conversation:
    turns = []
    for text in texts:
        turns += [Turn(len(turns), Role.CUSTOMER, text),
                  Turn(len(turns) + 1, Role.BOT, f"Reply number {len(turns)}.")]
    return Conversation("c", tuple(turns))


def test_thanks_are_never_a_restatement() -> None:
    assert find_loop(_turns("Thanks, the refund has arrived",
                            "Thank you so much for the refund",
                            "thanks again for the refund")) is None


def test_restatements_must_come_in_a_row() -> None:
    loop = find_loop(_turns("Has my refund gone through yet?",
                            "Can I have my next parcel sent to my office instead?",
                            "I'm still waiting for my money from the return",
                            "when will I actually see the refund??"))
    assert loop is None


def test_a_greeting_that_carries_the_request_is_a_restatement() -> None:
    loop = find_loop(_turns("where's my refund", "hello?? still no refund",
                            "no, I need to know when the refund comes"))
    assert loop is not None and loop.kind == "restated_intent"


SAME = [
    ("en", "my order never showed up", "the parcel still hasn't been delivered"),
    ("en", "please close my subscription", "I want to cancel the membership"),
    ("es", "me habéis cobrado el pedido dos veces", "veo un cargo duplicado en la tarjeta"),
    ("fr", "mon colis n'est jamais arrivé", "toujours pas de livraison, où est ma commande ?"),
    ("fr", "l'appli plante quand je l'ouvre", "l'application ne marche pas, elle se ferme"),
    ("de", "ich möchte mein Abo kündigen", "bitte beenden Sie mein Abonnement"),
]
DIFFERENT_PAIRS = [
    ("en", "where is my refund", "can I get a refund for the gift wrap as well"),  # an added ask
    ("en", "please cancel my subscription", "please cancel order 55501"),
    ("en", "order 55501 hasn't arrived", "order 55502 hasn't arrived"),  # two orders
    ("en", "my parcel hasn't arrived", "my parcel arrived damaged"),
    ("es", "quiero cambiar la dirección de entrega", "quiero cambiar la fecha de entrega"),
    ("fr", "je veux résilier mon abonnement", "je veux changer de formule"),
    ("de", "mein Paket ist nicht angekommen", "kann ich noch einen Artikel hinzufügen?"),
]


@pytest.mark.parametrize(("language", "first", "second"), SAME,
                         ids=[f"{lang}-{i}" for i, (lang, _, _) in enumerate(SAME)])
def test_the_same_request_in_other_words(language: str, first: str, second: str) -> None:
    assert same_request(first, second) and same_request(second, first)


@pytest.mark.parametrize(("language", "first", "second"), DIFFERENT_PAIRS,
                         ids=[f"{lang}-{i}" for i, (lang, _, _) in enumerate(DIFFERENT_PAIRS)])
def test_different_requests_in_one_conversation(language: str, first: str, second: str) -> None:
    assert not same_request(first, second) and not same_request(second, first)


def test_a_message_without_a_request_has_an_empty_gist() -> None:
    assert request_gist("hello?").empty and request_gist("ok thanks").empty
    assert not same_request("hello?", "hello?")
    gist = request_gist("I still haven't got my money back")
    assert "refund" in gist.subjects and "waiting" in gist.asks
