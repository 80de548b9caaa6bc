"""Tests for ``find_human_request`` and the scoring parts of its Bitext evaluation."""

from __future__ import annotations

import inspect
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from auditor.language import bot_escalation, customer_escalation
from auditor.language.human_request import find_human_request, find_request_withdrawal
from auditor.language.patterns import DETECTOR_CACHE_SIZE, PhraseMatch
from benchmarks.eval_human_request import (
    DATA_FILES,
    format_hard_negatives,
    format_table,
    hard_negative_rate,
    main,
    predict,
    read_rows,
    score,
)

# --- explicit requests ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # English: conversation, contact and transfer frames
        ("Can I talk to a human?", "talk to a human"),
        ("I want to speak to a real person", "speak to a real person"),
        ("I need to speak with someone", "speak with someone"),
        ("let me talk to a manager", "talk to a manager"),
        ("can I speak to an advisor?", "speak to an advisor"),
        ("speak to someone in billing", "speak to someone"),
        ("can I talk to a person instead?", "talk to a person"),
        ("I want to talk to an agent now", "talk to an agent"),
        ("Let me talk to a human, please", "talk to a human"),
        ("talk to your team", "talk to your team"),
        ("is there a real person I can chat with?", "is there a real person I can chat"),
        ("transfer me to someone", "transfer me to someone"),
        ("put me through to an agent", "put me through to an agent"),
        ("I can't reach a live agent", "reach a live agent"),
        ("I don't know how to talk to a person", "talk to a person"),
        # a negation before "without" makes talking to someone a need
        ("I can't sort this out without talking to someone", "talking to someone"),
        ("i have got to contact a human agent", "contact a human agent"),
        ("can ya direct to me an operator", "direct to me an operator"),
        ("I'd like a customer service representative", "'d like a customer service representative"),
        # English: wanting and getting
        ("I need a human being", "need a human being"),
        ("stop, I want a human", "want a human"),
        ("get me a person", "get me a person"),
        ("can I get a live person on the line?", "can I get a live person"),
        ("you're not helping, get me someone who can", "get me someone"),
        ("escalate this", "escalate this"),
        # English: the noun on its own
        ("agent", "agent"),
        ("Agent!", "Agent"),
        ("representative", "representative"),
        ("rep", "rep"),
        ("live agent please", "live agent"),
        ("supervisor please", "supervisor"),
        ("human please", "human"),
        ("real human", "real human"),
        ("AGENT. AGENT. AGENT.", "AGENT"),
        ("This is useless. Human please!", "Human"),
        # English: typos
        ("representitive please", "representitive"),
        ("representive", "representive"),
        ("opperator", "opperator"),
        ("talk to a humna", "talk to a humna"),
        ("I have to chat with somrbody", "chat with somrbody"),
        ("how to taok to an agent", "taok to an agent"),
        ("chat wth somebody", "chat wth somebody"),
        ("how to speak tosomebody", "speak tosomebody"),
        # Spanish
        ("Quiero hablar con una persona", "Quiero hablar con una persona"),
        ("Pásame con un agente", "Pásame con un agente"),
        ("Con un humano, por favor", "Con un humano"),
        ("Quiero hablar con un operador", "Quiero hablar con un operador"),
        ("Quiero atención personalizada", "Quiero atención personalizada"),
        ("Comuníqueme con un representante, por favor", "Comuníqueme con un representante"),
        ("No puedo resolverlo sin hablar con un agente", "hablar con un agente"),
        # French
        ("Je veux parler à un conseiller", "Je veux parler à un conseiller"),
        ("Je voudrais parler à un humain", "Je voudrais parler à un humain"),
        ("Passez-moi un agent", "Passez-moi un agent"),
        ("Un opérateur, s'il vous plaît", "Un opérateur"),
        ("Mettez-moi en relation avec un humain", "Mettez-moi en relation avec un humain"),
        # the rulebook's transfer to the department
        (
            "Mettez-moi en relation avec le service client",
            "Mettez-moi en relation avec le service client",
        ),
        ("Passez-moi le service client", "Passez-moi le service client"),
        # German
        ("Ich möchte mit einem Menschen sprechen", "mit einem Menschen sprechen"),
        ("Einen Mitarbeiter, bitte", "Einen Mitarbeiter"),
        ("Verbinden Sie mich mit einem Berater", "Verbinden Sie mich mit einem Berater"),
        ("Ich will einen echten Menschen", "will einen echten Menschen"),
        ("Kundenservice-Mitarbeiter bitte", "Kundenservice-Mitarbeiter"),
    ],
)
def test_find_human_request_detects_explicit_requests(text: str, phrase: str) -> None:
    match = find_human_request(text)
    assert match is not None
    assert (match.kind, match.phrase) == ("explicit", phrase)
    assert text[match.start : match.end] == match.phrase


# --- keypad and refusals ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("0", "0"),
        ("0!", "0"),
        ("  zero. ", "zero"),
        ("operator", "operator"),
        ("Operator, please", "Operator"),
        ("press 0", "press 0"),
        ("I keep pressing 0 and nothing happens", "pressing 0"),
        ("dial zero for me", "dial zero"),
        ("Pulsar 0", "Pulsar 0"),
        ("Appuyez sur 0", "Appuyez sur 0"),
        ("Taste 0", "Taste 0"),
    ],
)
def test_find_human_request_detects_keypresses(text: str, phrase: str) -> None:
    match = find_human_request(text)
    assert match is not None
    assert (match.kind, match.phrase) == ("dtmf", phrase)
    assert text[match.start : match.end] == match.phrase


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to talk to a bot",
        "I do not want a bot",
        "stop talking to a bot",
        "no more bots",
        "I'm done with this stupid bot",
        "No quiero hablar con una máquina",
        "Ya basta de robots",
        "Je ne veux pas parler à un robot",
        "Marre des robots",
        "Ich will nicht mit einem Bot reden",
        "Keine Bots mehr",
    ],
)
def test_find_human_request_detects_refusals_of_the_bot(text: str) -> None:
    match = find_human_request(text)
    assert match is not None
    assert match.kind == "refuses_bot"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("can someone call me?", "can someone call me"),
        ("call me back", "call me back"),
        ("please call me back", "please call me back"),
        ("I'd like a call back", "'d like a call back"),
        ("Could you call me at 555-0100?", "Could you call me"),
        ("I need someone to call me today", "need someone to call me"),
        ("Can I get a callback?", "Can I get a callback"),
        ("Give me a call back", "Give me a call back"),
        ("¿Me pueden llamar?", "Me pueden llamar"),
        ("Quiero que me llamen", "que me llamen"),
        ("Pouvez-vous me rappeler ?", "me rappeler"),
        ("Je voudrais être rappelé", "être rappelé"),
        ("Rufen Sie mich bitte zurück.", "Rufen Sie mich bitte zurück"),
        ("Bitte um Rückruf", "Bitte um Rückruf"),
    ],
)
def test_find_human_request_detects_callback_requests(text: str, phrase: str) -> None:
    match = find_human_request(text)
    assert match is not None
    assert (match.kind, match.phrase) == ("callback", phrase)
    assert text[match.start : match.end] == match.phrase


def test_find_human_request_returns_the_leftmost_request() -> None:
    match = find_human_request("No more bots. Let me talk to a human.")
    assert match is not None
    assert (match.kind, match.start) == ("refuses_bot", 0)


# --- not requests ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # asking how to reach a department (Bitext contact_customer_service)
        "What are your customer service hours?",
        "What is the customer service phone number?",
        "How can I contact customer service?",
        "I need help talking to customer support",
        "¿Cuál es el horario de atención al cliente?",
        "Quel est le numéro du service client ?",
        "Wie sind die Öffnungszeiten des Kundenservice?",
        # identity questions
        "Are you a bot?",
        "Am I talking to a human?",
        "¿Estoy hablando con una persona?",
        "Est-ce que je parle à un humain ?",
        "Spreche ich mit einem Menschen?",
        # negated requests
        "I don't need an agent, thanks",
        "I don't want to talk to a person",
        "No quiero hablar con un agente",
        "Je ne veux pas parler à un conseiller",
        "Ich möchte nicht mit einem Menschen sprechen",
        "Please don't press 0",
        # "without" and its translations decline a person
        "Can I return an item without talking to someone?",
        "sin hablar con un agente",
        "¿Puedo devolverlo sin hablar con un agente?",
        "sans parler à un conseiller",
        "ohne mit einem Mitarbeiter zu sprechen",
        # an English transfer to the department is phrased like a contact question
        "connect me to customer service",
        # "call" that is not a callback request
        "Can you call me Bob?",
        "I call to check my order status",
        "Don't call me back",
        "my agent will call me back",
        "Rappelez-moi le prix",
        "¿Se puede llamar por la noche?",
        "Gibt es einen Rückruf für dieses Modell?",
        # third parties and reported past
        "The agent told me my refund was approved",
        "my travel agent booked it",
        "I am a real estate agent",
        "Your rep already called me yesterday",
        "I was transferred to someone yesterday and they hung up",
        "I was talking to an agent and got cut off",
        "I always get an agent who doesn't help",
        "My manager asked me to order this",
        "My contact person is John",
        "Agent, can you check my order?",
        "Hablé con un agente ayer",
        "J'ai parlé à un conseiller hier",
        "Ich habe mit einem Mitarbeiter gesprochen",
        "Mensch, das dauert ja ewig!",
        # quoted words
        'the bot said "talk to an agent"',
        # numbers that are not keypresses
        "I have 0 items in my cart",
        "order 1000",
        "zero balance",
        "My balance hit zero yesterday",
        "I will escalate this to my lawyer",
        "I'm not a bot",
    ],
)
def test_find_human_request_ignores_non_requests(text: str) -> None:
    assert find_human_request(text) is None


# --- withdrawals -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("never mind", "never mind"),
        ("nevermind", "nevermind"),
        ("no thanks", "no thanks"),
        ("No, thank you.", "No, thank you"),
        ("forget it", "forget it"),
        ("Forget it.", "Forget it"),
        ("it's fine, I found it", "it's fine, I found it"),
        ("I found it", "I found it"),
        ("not needed anymore", "not needed anymore"),
        ("no need", "no need"),
        ("Ok, no need to transfer me", "Ok, no need"),
        ("I'll manage", "I'll manage"),
        ("you can help me", "you can help me"),
        ("Actually you can help me with that", "Actually you can help me"),
        ("I don't need an agent anymore", "I don't need an agent anymore"),
        ("No thanks, I'll check the tracking page myself.", "No thanks"),
        ("Agent please. Never mind, I found it.", "Never mind"),
        ("Never mind. Get me an agent.", "Never mind"),
        ("olvídalo", "olvídalo"),
        ("da igual", "da igual"),
        ("no hace falta", "no hace falta"),
        ("ya lo encontré", "ya lo encontré"),
        ("laisse tomber", "laisse tomber"),
        ("pas besoin", "pas besoin"),
        ("c'est bon, j'ai trouvé", "c'est bon, j'ai trouvé"),
        ("vergiss es", "vergiss es"),
        ("schon gut", "schon gut"),
        ("nicht nötig", "nicht nötig"),
        ("Das hat sich erledigt.", "hat sich erledigt"),
    ],
)
def test_find_request_withdrawal_detects_withdrawals(text: str, phrase: str) -> None:
    match = find_request_withdrawal(text)
    assert match is not None
    assert (match.kind, match.phrase) == ("withdrawal", phrase)
    assert text[match.start : match.end] == match.phrase


@pytest.mark.parametrize(
    "text",
    [
        # an answer "no" is not a withdrawal
        "no, I want a human",
        "no",
        # a withdrawal phrase followed in the same sentence by a new request
        "no thanks to your bot, get me an agent",
        "never mind the order number, get me an agent",
        "No need for a bot, get me a human",
        "Forget it, let me talk to a human",
        "olvídalo, quiero hablar con un agente",
        "laisse tomber, passez-moi un conseiller",
        "vergiss es, ich möchte mit einem Menschen sprechen",
        # ordinary statements that share the words
        "I found it cheaper elsewhere",
        "Once I found it, the page crashed",
        "I always forget it",
        "I hope you can help me",
        "I'll manage my subscription online",
        "No need to be rude",
        "No thanks to you, I still have no refund",
        "Lo encontré roto",
        "Je n'ai pas besoin de ce produit",
        "J'ai trouvé un défaut",
        "Das Produkt ist schon gut",
        # quoted words
        'the bot said "never mind"',
    ],
)
def test_find_request_withdrawal_ignores_non_withdrawals(text: str) -> None:
    assert find_request_withdrawal(text) is None


# --- caching --------------------------------------------------------------------------------


@pytest.mark.parametrize("detector", [
    find_human_request, find_request_withdrawal, customer_escalation.find_self_harm,
    customer_escalation.find_legal_threat, bot_escalation.find_transfer_promise,
])
def test_detectors_are_cached_and_keep_their_signature(
    detector: Callable[[str], PhraseMatch | None],
) -> None:
    assert list(inspect.signature(detector).parameters) == ["text"]
    assert detector.__doc__ and detector.__doc__.startswith("Find ")
    text = "Agent please. Never mind, I found it."
    first = detector(text)
    hits = detector.cache_info().hits  # type: ignore[attr-defined]
    assert detector(text) is first
    assert detector.cache_info().hits == hits + 1  # type: ignore[attr-defined]
    assert detector.cache_info().maxsize == DETECTOR_CACHE_SIZE  # type: ignore[attr-defined]


# --- evaluation script ------------------------------------------------------------------

_TINY_CSV = """utterance,intent,entity_type,entity_value,start_offset,end_offset,category,tags
"I want to talk to a human agent, please",contact_human_agent,,,,,CONTACT,B
need help speaking with somebody,contact_human_agent,,,,,CONTACT,B
"hmm, what now",contact_human_agent,,,,,CONTACT,B
"how can I call customer service, please?",contact_customer_service,,,,,CONTACT,B
I need help to cancel order 123,cancel_order,order_id,123,28,31,ORDER,B
"""


def test_eval_scores_a_tiny_csv_with_quoted_commas() -> None:
    rows = read_rows(io.StringIO(_TINY_CSV))
    assert [row.positive for row in rows] == [True, True, True, False, False]
    assert rows[0].text == "I want to talk to a human agent, please"
    predictions = [predict(row.text) for row in rows]
    scores = score(rows, predictions)
    assert (scores.tp, scores.fp, scores.fn, scores.tn) == (2, 0, 1, 2)
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx(2 / 3)
    assert hard_negative_rate(rows, predictions) == (0, 1)
    table = format_table([("train", scores)])
    assert "| train | 5 | 3 | 2 | 0 | 1 | 1.000 | 0.667 | 0.800 |" in table
    assert "| train | 1 | 0 | 0.000 |" in format_hard_negatives([("train", (0, 1))])


def test_eval_main_never_prints_validation_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in DATA_FILES.values():
        (tmp_path / name).write_text(_TINY_CSV, encoding="utf-8")
    status = main(["--data-dir", str(tmp_path), "--show-errors", "train"])
    out = capsys.readouterr().out
    assert status == 1  # recall 0.667 < 0.90
    assert "| validation | 5 | 3 | 2 | 0 | 1 |" in out
    assert out.count("hmm, what now") == 1  # the train error, not the validation one
    assert main(["--data-dir", str(tmp_path), "--min-recall", "0.5"]) == 0


def test_eval_main_reports_unreadable_data(tmp_path: Path) -> None:
    assert main(["--data-dir", str(tmp_path / "missing")]) == 2
