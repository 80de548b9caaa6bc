"""ESC010 (rising frustration left unheeded): the turn score, the rise, what heeds it,
the fixture set in four languages, and the frustration rates in the reports."""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from auditor.checks.escalation.frustration import FrustrationUnheededCheck

from auditor.escalation.metrics import FrustrationFacts, frustration_metrics
from auditor.language.frustration import find_acknowledgement, turn_frustration
from auditor.model import AuditInput, Conversation, Role, Turn
from auditor.pipeline import run_audit
from auditor.policy import Policy
from auditor.registry import Registry
from auditor.render import render
from auditor.result import AuditResult
from tests.conftest import FIXTURES, conversation, write_jsonl

FRUSTRATION_FIXTURE = FIXTURES / "transcripts" / "frustration.jsonl"
FAIRNESS_FIXTURE = FIXTURES / "transcripts" / "fairness.jsonl"
GREETING = ("bot", "Hi, I'm Ava, an AI assistant. How can I help?")


@pytest.fixture(scope="module")
def esc_result() -> AuditResult:
    return run_audit([FRUSTRATION_FIXTURE], policy=Policy(select=("ESC",)))


@pytest.fixture(scope="module")
def with_access_rates() -> AuditResult:
    return run_audit([FAIRNESS_FIXTURE, FRUSTRATION_FIXTURE],
                     policy=Policy(select=("FAIR003", "ESC010")))


EXPECTED = [
    # English
    ("esc010-fail-en-ends-unheeded", {("ESC010", "high", 3)}),
    ("esc010-pass-en-acknowledged", set()),  # "I'm really sorry for the trouble"
    ("esc010-fail-en-late-apology", {("ESC010", "medium", 3)}),  # apology on the 3rd bot turn
    ("esc010-fail-en-fallback-is-not-empathy", {("ESC010", "high", 3)}),
    ("esc010-pass-en-acronyms-and-delight", set()),  # UPS, PIN, AI; "THANK YOU so much!!!"
    ("esc010-pass-en-person-offered", set()),
    ("esc010-pass-en-with-person", set()),  # an agent is already in the conversation
    ("esc010-pass-en-left-to-esc001", {("ESC001", "high", 3)}),  # one finding, not two
    # Spanish, French, German: a failing conversation and its passing twin
    ("esc010-fail-es", {("ESC010", "high", 3)}),
    ("esc010-pass-es", set()),  # "Lo siento mucho por las molestias"
    ("esc010-fail-fr", {("ESC010", "medium", 3)}),  # the apology comes too late
    ("esc010-pass-fr", set()),  # "Je comprends votre agacement"
    ("esc010-fail-de", {("ESC010", "high", 3)}),
    ("esc010-pass-de", set()),  # "Ich verstehe Ihren Ärger"
]


@pytest.mark.parametrize(("conversation_id", "expected"), EXPECTED,
                         ids=[cid for cid, _ in EXPECTED])
def test_fixture_conversation_gets_exactly_the_expected_esc_findings(
        esc_result: AuditResult, conversation_id: str,
        expected: set[tuple[str, str, int]]) -> None:
    found: dict[str | None, set[tuple[str, str, int | None]]] = defaultdict(set)
    for finding in esc_result.findings:
        found[finding.conversation_id].add(
            (finding.code, finding.severity.value, finding.turn_index))
    assert found[conversation_id] == expected


def test_every_fixture_conversation_is_listed() -> None:
    ids = {line.split('"conversation_id": "')[1].split('"')[0]
           for line in FRUSTRATION_FIXTURE.read_text("utf-8").splitlines()}
    assert ids == {cid for cid, _ in EXPECTED}


def test_finding_names_the_signals_and_turns_and_cites_the_standard_of_care(
        esc_result: AuditResult) -> None:
    [finding] = [f for f in esc_result.findings
                 if f.conversation_id == "esc010-fail-en-ends-unheeded"]
    assert finding.message.startswith("The customer's frustration rose from turn 1 ")
    assert "repetition" in finding.message and "shouting" in finding.message
    assert [t["turn"] for t in finding.data["turns"]] == [1, 3]
    kinds = {s["kind"] for s in finding.data["turns"][1]["signals"]}
    assert {"repetition", "shouting", "punctuation"} <= kinds
    assert [e.turn_index for e in finding.evidence] == [1, 3, 4]
    assert finding.data["ends_unheeded"] is True
    laws = {ref.law for ref in finding.references}
    assert any(law.startswith("CFPB") for law in laws)
    assert "standard of care" in FrustrationUnheededCheck.documentation()


# --- the turn score ----------------------------------------------------------------


@pytest.mark.parametrize(("text", "language", "kind"), [
    # English
    ("This is useless.", "en", "exasperation"),
    ("what a waste of time", "en", "exasperation"),
    ("I already told you, this is the third time", "en", "repetition"),
    ("this is bullshit", "en", "insult"),
    # Spanish
    ("Esto es ridículo", "es", "exasperation"),
    ("Eres inútil", "es", "exasperation"),
    ("Ya te lo dije", "es", "repetition"),
    ("es una mierda", "es", "insult"),
    # French
    ("C'est une honte", "fr", "exasperation"),
    ("n'importe quoi", "fr", "exasperation"),
    ("Je vous l'ai déjà dit", "fr", "repetition"),
    ("putain, encore", "fr", "insult"),
    # German
    ("Das ist unmöglich!", "de", "exasperation"),
    ("Eine Frechheit", "de", "exasperation"),
    ("lächerlich", "de", "exasperation"),
    ("Ich schreibe das zum dritten Mal", "de", "repetition"),
], ids=lambda value: str(value)[:24])
def test_words_of_frustration_make_a_frustrated_turn(text: str, language: str,
                                                     kind: str) -> None:
    frustration = turn_frustration(text, language)
    assert kind in frustration.kinds
    assert frustration.frustrated


@pytest.mark.parametrize(("text", "language"), [
    ("Hi, my UPS tracking and my PIN for the AI app show the wrong ID.", "en"),
    ("I bought the NETGEAR NIGHTHAWK router and the WAN light is orange.", "en"),
    ("Is the BLACK FRIDAY price still on for the PS5?", "en"),
    ("El PIN de la app de IA no funciona con mi DNI", "es"),
    ("Le code PIN de l'appli IA et mon RIB", "fr"),
    ("Meine PIN für die KI-App und die IBAN", "de"),
], ids=["en-acronyms", "en-product", "en-event", "es-acronyms", "fr-acronyms", "de-acronyms"])
def test_capitals_of_acronyms_and_names_are_not_shouting(text: str, language: str) -> None:
    assert "shouting" not in turn_frustration(text, language).kinds


@pytest.mark.parametrize(("text", "language", "points"), [
    ("WHERE IS MY ORDER", "en", 2),  # the whole message in capitals
    ("I HAVE CHECKED THE IBAN, it is correct", "en", 1),  # a run with small words
    ("YA LO HE HECHO y sigue igual", "es", 1),
    ("JE L'AI DÉJÀ FAIT", "fr", 2),
    ("DAS HABE ICH SCHON GEMACHT", "de", 2),
])
def test_capitals_that_read_as_a_sentence_are_shouting(text: str, language: str,
                                                       points: int) -> None:
    [shouting] = [s for s in turn_frustration(text, language).signals if s.kind == "shouting"]
    assert shouting.points == points


@pytest.mark.parametrize(("text", "language"), [
    ("Thanks so much!!! That was quick!!", "en"),
    ("honestly this new app update is damn good", "en"),
    ("holy shit that was fast", "en"),
    ("WOW!!! Thank you so much, you saved my day!!!", "en"),
    ("¡¡¡Muchísimas gracias!!! ¡Sois los mejores!", "es"),
    ("la nueva app está de puta madre", "es"),
    ("Merci beaucoup !!! Vous êtes les meilleurs !!!", "fr"),
    ("Vielen Dank!!! Das neue Update ist verdammt gut", "de"),
])
def test_delight_is_not_frustration(text: str, language: str) -> None:
    assert turn_frustration(text, language).score == 0


def test_one_sign_alone_is_not_frustration_but_two_are() -> None:
    assert turn_frustration("Where is my order??", "en").score == 1
    assert not turn_frustration("Where is my order??", "en").frustrated
    assert turn_frustration("WHERE IS MY ORDER??", "en").frustrated


def test_vader_reads_english_only() -> None:
    # "horrible" is negative in VADER's lexicon; Spanish text is read with our word lists.
    assert "sentiment" in turn_frustration("This is horrible, awful, terrible!!", "en").kinds
    negative = turn_frustration("¡¡Un servicio pésimo, horrible y lamentable!!", "es")
    assert "negative" in negative.signals[-2].phrase  # before the punctuation
    # Sentiment alone never makes a turn frustrated, so it is not read without other signs.
    assert turn_frustration("This is horrible, awful, terrible.", "en").score == 0


# --- what heeds frustration ----------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Sorry, I didn't understand that. Could you rephrase?",
    "I'm sorry, I didn't get that. Please try again.",
    "Lo siento, no te he entendido. ¿Puedes reformularlo?",
    "Je suis désolé, je n'ai pas compris. Pouvez-vous reformuler ?",
    "Es tut mir leid, das habe ich nicht verstanden.",
    "I understand. Please select an option: Orders, Returns.",
    "Sorry about that.",
], ids=["en-fallback", "en-sorry-fallback", "es-fallback", "fr-fallback", "de-fallback",
        "en-bare-understand", "en-sorry-about-that"])
def test_a_fallback_or_a_bare_phrase_is_not_an_acknowledgement(text: str) -> None:
    assert find_acknowledgement(text) is None


@pytest.mark.parametrize(("text", "kind"), [
    ("I understand how frustrating this must be.", "empathy"),
    ("I'm so sorry for the trouble.", "apology"),
    ("Entiendo su frustración.", "empathy"),
    ("Lo siento mucho.", "apology"),
    ("Je comprends votre agacement.", "empathy"),
    ("Toutes nos excuses pour ce désagrément.", "apology"),
    ("Ich verstehe Ihren Ärger.", "empathy"),
    ("Das tut mir leid.", "apology"),
    ("I understand your frustration. Could you rephrase that?", "empathy"),
], ids=lambda value: str(value)[:20])
def test_an_acknowledgement_in_each_language(text: str, kind: str) -> None:
    match = find_acknowledgement(text)
    assert match is not None and match.kind == kind


# --- the rise and the decision, on small conversations -------------------------------


def _judge(*turns: tuple[str, str], bot_turns: int = 2, **attributes: str) -> list[Any]:
    built = tuple(Turn(index, Role(role), "" if role == "system" else text,
                       event=text if role == "system" else None)
                  for index, (role, text) in enumerate((GREETING, *turns)))
    check = FrustrationUnheededCheck()
    outcome = check.run(AuditInput((Conversation("c", built, attributes=attributes),)),
                        options={**check.default_options, "handoff-bot-turns": bot_turns})
    return [(f.severity.value, f.turn_index) for f in outcome.findings]


def test_the_conversation_ending_unheeded_is_high_and_a_later_answer_medium() -> None:
    frustrated = (("customer", "This is ridiculous."), ("bot", "Please check the FAQ."),
                  ("customer", "Useless!! This is the third time I ask."),
                  ("bot", "Please check the FAQ."))
    assert _judge(*frustrated, language="en") == [("high", 3)]
    later = (*frustrated, ("customer", "ok"), ("bot", "Anything else?"),
             ("bot", "Would you like to talk to a person?"))
    assert _judge(*later, language="en") == [("medium", 3)]


def test_handoff_bot_turns_sets_the_window() -> None:
    late = (("customer", "This is ridiculous."), ("bot", "Please check the FAQ."),
            ("customer", "Useless!! This is the third time I ask."),
            ("bot", "Please check the FAQ."), ("bot", "Anything else?"),
            ("bot", "I'm so sorry for the trouble."))
    assert _judge(*late, language="en") == [("medium", 3)]
    assert _judge(*late, bot_turns=3, language="en") == []


def test_no_conversation_no_rates() -> None:
    check = FrustrationUnheededCheck()
    outcome = check.run(AuditInput(()), options=dict(check.default_options))
    assert outcome.evaluated == 0 and not outcome.metrics


def test_one_frustrated_turn_or_a_falling_one_is_no_rise() -> None:
    assert _judge(("customer", "This is useless."), ("bot", "Sorry to hear that."),
                  ("customer", "thanks"), language="en") == []
    # Strong (score 4) then weaker (2) with a calm turn between: not rising.
    assert _judge(("customer", "USELESS!! third time I ask"), ("bot", "Here is the FAQ."),
                  ("customer", "ok"), ("bot", "Anything else?"),
                  ("customer", "still ridiculous"), ("bot", "Here is the FAQ."),
                  language="en") == []


def test_an_acknowledgement_heeds_and_resets_the_count() -> None:
    assert _judge(("customer", "This is ridiculous."), ("bot", "I'm so sorry about this."),
                  ("customer", "Still useless."), ("bot", "Here is the FAQ."),
                  language="en") == []


def test_a_handoff_within_two_bot_turns_heeds() -> None:
    assert _judge(("customer", "This is ridiculous."), ("bot", "Here is the FAQ."),
                  ("customer", "Useless!!"), ("bot", "Let me check."),
                  ("system", "handoff_initiated"), language="en") == []


def test_a_turn_left_to_esc004_raises_no_second_finding() -> None:
    assert _judge(("customer", "This is ridiculous."), ("bot", "Here is the FAQ."),
                  ("customer", "I lost my job and I can't pay my rent, this is useless!!"),
                  ("bot", "Here is the FAQ."), language="en") == []


# --- registration, SARIF and the rates in the reports -------------------------------


def test_esc010_is_registered_with_its_rule_in_sarif(esc_result: AuditResult) -> None:
    import json

    assert "ESC010" in {r.code for r in Registry.from_entry_points().all()}
    sarif = json.loads(render(esc_result.to_dict(), "sarif"))
    rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["ESC010"]["name"] == "frustration-unheeded"


def test_frustration_rates_per_language_and_region() -> None:
    facts = [FrustrationFacts("a", "en", "US", True, True),
             FrustrationFacts("b", "en", "US", True, False),
             FrustrationFacts("c", "es", "ES", False, False),
             FrustrationFacts("d", "en", "GB", False, False)]
    groups = {(g["dimension"], g["group"]): g for g in frustration_metrics(facts)["groups"]}
    assert groups[("all", "all")]["rising_rate"] == 0.5
    assert groups[("language", "en")]["rising_rate"] == round(2 / 3, 4)
    assert groups[("language", "en")]["unheeded_rate"] == 0.5
    assert groups[("language", "es")]["unheeded_rate"] is None  # nothing rose
    assert groups[("region", "US")]["rising"] == 2


def test_json_report_carries_the_rates_in_esc010_metrics(with_access_rates: AuditResult) -> None:
    document = with_access_rates.to_dict()
    [entry] = [c for c in document["checks"] if c["code"] == "ESC010"]
    groups = {(g["dimension"], g["group"]): g for g in entry["metrics"]["groups"]}
    assert entry["metrics"]["kind"] == "frustration"
    assert groups[("language", "de")] == {
        "dimension": "language", "group": "de", "conversations": 2, "rising": 2,
        "rising_rate": 1.0, "unheeded": 1, "unheeded_rate": 0.5}
    assert ("region", "FR") in groups


def test_html_report_shows_the_rates_beside_the_access_rates(
        with_access_rates: AuditResult) -> None:
    html = render(with_access_rates.to_dict(), "html").decode("utf-8")
    headings = [part.split("</h5>")[0] for part in html.split("<h5>")[1:]]
    access = headings.index("access_to_human by language")
    assert headings[access + 1] == "Rising frustration by language (ESC010)"
    assert headings[headings.index("access_to_human by region") + 1] == \
        "Rising frustration by region (ESC010)"
    assert "100.0% (2/2)" in html


@pytest.mark.slow
def test_pdf_report_shows_the_rates(with_access_rates: AuditResult, tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = render(with_access_rates.to_dict(), "pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Rising frustration by language (ESC010)" in text
    assert "Rising frustration by region (ESC010)" in text


def test_without_esc010_the_access_tables_stand_alone(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", [
        *conversation("a", GREETING, ("customer", "I want to talk to a person"),
                      ("system", "agent_joined"), ("agent", "Hi, this is Dana."),
                      language="en", region="US")])
    result = run_audit([path], policy=Policy(select=("FAIR003",)))
    assert b"Rising frustration by language" not in render(result.to_dict(), "html")
