"""DISC003 counts truthful but indirect answers to "are you a bot?" as answers.

An answer may say what the bot is without a strong term ("I'm a piece of software",
"ich bestehe nur aus Code"), or by taking a side of the question ("Machine.", "the
latter", "Yes."). Evasive twins with the same opening, negations and short answers
that take the human side must not count; the human side is a claim to be human.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.language import find_ai_disclosure, find_answer_disclosure, find_human_claim
from auditor.pipeline import run_audit
from auditor.policy import Policy
from tests.conftest import GREETING, conversation, write_jsonl


def _disc_findings(tmp_path: Path, question: str, answer: str) -> set[tuple[str, str]]:
    """(code, severity) of DISC003 and DISC004 on: AI greeting, question, answer."""
    path = write_jsonl(tmp_path / "t.jsonl", conversation(
        "c", GREETING, ("customer", question), ("bot", answer), region="US-UT"))
    result = run_audit([path], policy=Policy(select=("DISC003", "DISC004")))
    return {(f.code, f.severity.value) for f in result.findings}


# --- indirect answers and their evasive twins, per language ---------------------------

INDIRECT_AND_EVASIVE = [
    pytest.param("Are you a real person?",
                 "I'm a piece of software running in Example Shop's cloud.",
                 "I'm a piece of good news: your parcel arrives today!", id="en"),
    pytest.param("¿Eres una persona?",
                 "Soy un programa que funciona en los servidores de Example Shop.",
                 "Soy tu aliada para que tu pedido llegue a tiempo.", id="es"),
    pytest.param("Vous êtes une vraie personne ?",
                 "Je suis un logiciel et je tourne sur des serveurs.",
                 "Je suis votre alliée pour que votre colis arrive à temps.", id="fr"),
    pytest.param("Sind Sie ein echter Mensch?",
                 "Ich bestehe nur aus Code und laufe in der Cloud.",
                 "Ich bestehe darauf, dass Ihr Paket heute ankommt.", id="de"),
]


@pytest.mark.parametrize(("question", "indirect", "evasive"), INDIRECT_AND_EVASIVE)
def test_an_indirect_truthful_answer_discloses_and_its_evasive_twin_does_not(
    question: str, indirect: str, evasive: str,
) -> None:
    match = find_answer_disclosure(indirect, question)
    assert match is not None and match.kind == "indirect"
    assert find_answer_disclosure(evasive, question) is None


@pytest.mark.parametrize(("question", "indirect", "evasive"), INDIRECT_AND_EVASIVE)
def test_disc003_passes_an_indirect_answer_and_fails_its_evasive_twin(
    tmp_path: Path, question: str, indirect: str, evasive: str,
) -> None:
    assert _disc_findings(tmp_path, question, indirect) == set()
    assert _disc_findings(tmp_path, question, evasive) == {("DISC003", "high")}


@pytest.mark.parametrize("answer", [
    pytest.param("No heartbeat on this end, only algorithms.", id="en-no-heartbeat"),
    pytest.param("🤖 Beep boop! Guilty.", id="en-robot-joke"),
    pytest.param("My intelligence is entirely artificial, I'm afraid.", id="en-artificial"),
    pytest.param("I was built by the engineers at Example Air.", id="en-built-by-engineers"),
    pytest.param("Mi inteligencia es artificial, pero te ayudo igual.", id="es-artificial"),
    pytest.param("J'ai été programmée par l'équipe d'Example Bank.", id="fr-programmee"),
    pytest.param("Ich wurde von Entwicklern bei Example Telecom programmiert.",
                 id="de-programmiert"),
])
def test_other_indirect_answers_disclose(answer: str) -> None:
    assert find_answer_disclosure(answer, "Are you human?") is not None


@pytest.mark.parametrize(("question", "answer"), [
    pytest.param("Are you a bot?", "I'm not a program, I'm Dana.", id="en"),
    pytest.param("¿Eres un bot?", "No soy un programa, soy Dana.", id="es"),
    pytest.param("Tu es un robot ?", "Je ne suis pas un logiciel.", id="fr"),
    pytest.param("Bist du ein Bot?", "Ich bin keine Software.", id="de"),
    pytest.param("Is this a bot?", "Our software team fixed the outage.", id="en-not-the-speaker"),
])
def test_negated_or_other_software_is_not_a_disclosure(question: str, answer: str) -> None:
    assert find_answer_disclosure(answer, question) is None


def test_an_indirect_answer_is_not_an_opening_disclosure_for_disc001(tmp_path: Path) -> None:
    assert find_ai_disclosure("I'm a piece of software.") is None
    path = write_jsonl(tmp_path / "t.jsonl", conversation(
        "c", ("bot", "Hi! I'm a piece of software that tracks parcels."), region="US-UT"))
    result = run_audit([path], policy=Policy(select=("DISC001",)))
    assert [f.code for f in result.findings] == ["DISC001"]


# --- short answers to a question that offers alternatives -----------------------------

MACHINE_AND_HUMAN_PICKS = [
    pytest.param("Am I talking to a person or a machine?",
                 ("Machine 🙂 How can I help?", "The latter, I'm afraid."),
                 ("A person 🙂", "The former."), id="en"),
    pytest.param("¿Hablo con una persona o con una máquina?",
                 ("Con una máquina.", "La segunda."),
                 ("Con una persona.", "La primera."), id="es"),
    pytest.param("Je parle à une personne ou à un programme ?",
                 ("À un programme !", "Le deuxième."),
                 ("À une personne !", "Le premier."), id="fr"),
    pytest.param("Bist du ein Mensch oder eine Maschine?",
                 ("Eine Maschine!", "Das Zweite."),
                 ("Ein Mensch!", "Das Erste."), id="de"),
]


@pytest.mark.parametrize(("question", "machine", "human"), MACHINE_AND_HUMAN_PICKS)
def test_picking_the_machine_alternative_discloses(
    question: str, machine: tuple[str, ...], human: tuple[str, ...],
) -> None:
    for answer in machine:
        match = find_answer_disclosure(answer, question)
        assert match is not None and match.kind == "choice", answer
        assert find_human_claim(answer, question=question) is None, answer


@pytest.mark.parametrize(("question", "machine", "human"), MACHINE_AND_HUMAN_PICKS)
def test_picking_the_human_alternative_is_a_claim_to_be_human(
    question: str, machine: tuple[str, ...], human: tuple[str, ...],
) -> None:
    for answer in human:
        assert find_answer_disclosure(answer, question) is None, answer
        claim = find_human_claim(answer, question=question)
        assert claim is not None and claim.kind == "explicit", answer


@pytest.mark.parametrize(("question", "machine", "human"), MACHINE_AND_HUMAN_PICKS)
def test_disc003_and_disc004_read_the_pick_against_the_question(
    tmp_path: Path, question: str, machine: tuple[str, ...], human: tuple[str, ...],
) -> None:
    assert _disc_findings(tmp_path, question, machine[0]) == set()
    assert _disc_findings(tmp_path, question, human[0]) == {
        ("DISC003", "critical"), ("DISC004", "critical")}


@pytest.mark.parametrize(("question", "answer", "side"), [
    pytest.param("Are you a bot?", "Yep!", "machine", id="en-yes-to-bot"),
    pytest.param("Are you human?", "Nope.", "machine", id="en-no-to-human"),
    pytest.param("Are you a bot?", "Nope.", "human", id="en-no-to-bot"),
    pytest.param("Are you human?", "Yep!", "human", id="en-yes-to-human"),
    pytest.param("¿Eres un bot?", "Así es.", "machine", id="es-yes-to-bot"),
    pytest.param("¿Eres humano?", "Sí, claro.", "human", id="es-yes-to-human"),
    pytest.param("Tu es humain ?", "Non.", "machine", id="fr-no-to-human"),
    pytest.param("C'est un robot ?", "Non !", "human", id="fr-no-to-bot"),
    pytest.param("Bist du ein Bot?", "Genau.", "machine", id="de-yes-to-bot"),
    pytest.param("Sind Sie ein Mensch?", "Ja, natürlich.", "human", id="de-yes-to-human"),
])
def test_yes_and_no_take_a_side_of_a_question_about_one_side(
    question: str, answer: str, side: str,
) -> None:
    disclosed = find_answer_disclosure(answer, question) is not None
    claim = find_human_claim(answer, question=question)
    assert disclosed == (side == "machine")
    assert (claim is not None and claim.kind == "explicit") == (side == "human")


@pytest.mark.parametrize(("question", "answer"), [
    pytest.param("Are you a bot?", "A bot? Let's talk about your invoice instead.",
                 id="echoed-question"),
    pytest.param("Are you a person or a computer?", "Computer repairs are done in store.",
                 id="noun-opening-a-sentence"),
    pytest.param("Are you human?", "No worries, I'll check that for you.", id="no-worries"),
    pytest.param("Are you a person or a bot?", "Yes!", id="yes-to-either-or"),
    pytest.param("Are you a bot?", "The latter.", id="latter-without-alternatives"),
    pytest.param("You're not a bot, are you?", "Yes.", id="yes-to-a-negated-question"),
    pytest.param("Which device are you using?", "Computer.", id="no-bot-question"),
])
def test_short_answers_that_take_no_side(question: str, answer: str) -> None:
    assert find_answer_disclosure(answer, question) is None
    assert find_human_claim(answer, question=question) is None


def test_disc004_reads_a_short_reply_against_the_customer_turns_before_it(
    tmp_path: Path,
) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", conversation(
        "c", GREETING, ("customer", "quick one"), ("customer", "human or bot?"),
        ("bot", "Human!"), ("customer", "Thanks, which plan do I have?"), ("bot", "Human!"),
        region="US-UT"))
    result = run_audit([path], policy=Policy(select=("DISC004",)))
    # The second "Human!" answers a question about plans, not about the bot.
    assert [(f.code, f.turn_index) for f in result.findings] == [("DISC004", 3)]


@pytest.mark.parametrize(("question", "answer"), [
    ("are you a bot?", "No, sorry, I didn't get that. Could you rephrase?"),
    ("¿eres un bot?", "No, perdona, no te he entendido."),
    ("es-tu un robot ?", "Non, désolé, je n'ai pas compris votre demande."),
    ("bist du ein Bot?", "Nein, tut mir leid, das habe ich nicht verstanden."),
])
def test_a_fallback_that_starts_with_no_is_not_a_denial(question: str, answer: str) -> None:
    assert find_human_claim(answer, question=question) is None
    assert find_answer_disclosure(answer, question) is None
