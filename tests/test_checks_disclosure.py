"""The DISC pack on the bundled fixtures: each code fires on its failing conversation
and stays silent on its passing twin."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from auditor.pipeline import run_audit
from auditor.policy import Policy
from auditor.result import AuditResult
from tests.conftest import DISCLOSURE_FIXTURE, conversation, write_jsonl


@pytest.fixture(scope="module")
def fixture_result() -> AuditResult:
    return run_audit([DISCLOSURE_FIXTURE], policy=Policy(select=("DISC",)))


@pytest.fixture(scope="module")
def found(fixture_result: AuditResult) -> dict[str, set[tuple[str, str, int | None]]]:
    by_conversation: dict[str, set[tuple[str, str, int | None]]] = defaultdict(set)
    for finding in fixture_result.findings:
        assert finding.conversation_id is not None
        by_conversation[finding.conversation_id].add(
            (finding.code, finding.severity.value, finding.turn_index))
    return by_conversation


EXPECTED = [
    # DISC001: no disclosure by the first bot turn
    ("disc001-fail-no-disclosure", {("DISC001", "high", 0)}),
    ("disc001-fail-late-disclosure", {("DISC001", "medium", 3)}),  # one severity lower
    ("disc001-fail-human-persona", {("DISC001", "critical", 0), ("DISC002", "medium", 0)}),
    ("disc001-pass-ai-greeting", set()),
    ("disc001-pass-banner", set()),  # a disclosure_shown notice before the bot counts
    ("disc001-pass-es", set()),
    ("disc001-not-applicable-before-ai-act", set()),  # EU conversation before 2026-08-02
    # DISC002: weak, misleading or buried wording
    ("disc002-fail-live-chat", {("DISC001", "high", 0), ("DISC002", "high", 0)}),
    ("disc002-fail-weak-assistant", {("DISC001", "high", 0), ("DISC002", "medium", 0)}),
    ("disc002-fail-buried-disclosure", {("DISC002", "low", 0)}),
    # DISC003: "are you a bot?" answered evasively or with a lie
    ("disc003-fail-evasive", {("DISC003", "high", 4)}),
    ("disc003-fail-claims-human", {("DISC001", "high", 0), ("DISC003", "critical", 2),
                                   ("DISC004", "critical", 2)}),
    ("disc003-pass-truthful", set()),
    ("disc003-pass-de", set()),
    ("disc003-fail-evasive-joke", {("DISC003", "high", 2)}),  # a joke that says nothing
    ("disc003-pass-indirect", set()),  # "Computer. I run on servers" answers truthfully
    # DISC004: the bot claims to be human
    ("disc004-fail-real-person", {("DISC001", "high", 0), ("DISC004", "critical", 4)}),
    ("disc004-fail-implied", {("DISC004", "medium", 2)}),
    ("disc004-fail-fr", {("DISC001", "high", 0), ("DISC003", "critical", 2),
                         ("DISC004", "critical", 2)}),
    ("disc004-pass-negation", set()),  # "I'm not a real person" and a quotation
    # DISC008: speaker changes
    ("disc008-fail-silent-switch", {("DISC008", "medium", 3)}),
    ("disc008-pass-announced", set()),
]


@pytest.mark.parametrize(("conversation_id", "expected"), EXPECTED,
                         ids=[cid for cid, _ in EXPECTED])
def test_fixture_conversation_gets_exactly_its_findings(
    found: dict[str, set[tuple[str, str, int | None]]], conversation_id: str,
    expected: set[tuple[str, str, int | None]],
) -> None:
    assert found.get(conversation_id, set()) == expected


def test_every_disc_code_fires_somewhere_and_is_silent_somewhere(
    fixture_result: AuditResult,
) -> None:
    for check in fixture_result.checks:
        assert check.flagged > 0, f"{check.code} never fires on the fixtures"
        assert check.flagged < check.evaluated, f"{check.code} has no passing twin"


def test_rule_not_yet_in_force_is_not_applicable_rather_than_a_failure(
    fixture_result: AuditResult,
) -> None:
    disc001 = next(c for c in fixture_result.checks if c.code == "DISC001")
    assert disc001.not_applicable == 1


def test_findings_name_legal_references_with_effective_dates(fixture_result: AuditResult) -> None:
    eu_finding = next(f for f in fixture_result.findings
                      if f.conversation_id == "disc001-fail-late-disclosure")
    [reference] = eu_finding.references  # only the EU rule covers an EU conversation
    assert reference.provision == "Art. 50(1) and 50(5)"
    assert reference.effective_from is not None and reference.effective_from.isoformat() == \
        "2026-08-02"


def test_evidence_is_redacted(fixture_result: AuditResult) -> None:
    excerpts = " ".join(e.excerpt for f in fixture_result.findings for e in f.evidence)
    assert "4111 1111 1111 1111" not in excerpts
    assert "<CREDIT_CARD ending 1111>" in excerpts


def test_human_answering_after_takeover_is_not_a_bot_lie(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", conversation(
        "takeover", ("bot", "Hi, I'm an AI assistant."), ("customer", "human please"),
        ("system", "agent_joined"), ("agent", "Hi, I'm Dana from support."),
        ("customer", "Are you a real person?"), ("agent", "Yes, I'm a human."), region="EU"))
    result = run_audit([path], policy=Policy(select=("DISC",)))
    assert [f.code for f in result.findings] == []


def test_answer_window_option_extends_the_search(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", conversation(
        "slow-answer", ("bot", "Hi, I'm an AI assistant."), ("customer", "are you a bot?"),
        ("bot", "Good question!"), ("bot", "Let me think."), ("bot", "Yes, I am a bot."),
        region="US-UT"))
    strict = run_audit([path], policy=Policy(select=("DISC003",)))
    assert [f.code for f in strict.findings] == ["DISC003"]
    from auditor.policy import parse_policy
    lenient = parse_policy({"select": ["DISC003"],
                            "checks": {"DISC003": {"options": {"answer-window": 3}}}})
    assert run_audit([path], policy=lenient).findings == ()


def test_fingerprints_survive_an_inserted_turn(tmp_path: Path) -> None:
    turns = [("bot", "Hello, how can I help?"), ("customer", "hi"),
             ("bot", "I'm a real person, honestly.")]
    before = run_audit([write_jsonl(tmp_path / "a.jsonl", conversation("c", *turns))])
    turns.insert(1, ("customer", "one more line"))
    after = run_audit([write_jsonl(tmp_path / "b.jsonl", conversation("c", *turns))])
    assert {f.fingerprint for f in before.findings} == {f.fingerprint for f in after.findings}


PERSONA_TURNS = (("bot", "Hi, I'm Emma from the support team!"),
                 ("customer", "I'm John Smith. Are you a bot?"),
                 ("bot", "Hi John, happy to help with your order."))


@pytest.fixture(scope="module")
def persona_result(tmp_path_factory: pytest.TempPathFactory) -> AuditResult:
    path = write_jsonl(tmp_path_factory.mktemp("persona") / "t.jsonl",
                       conversation("persona", *PERSONA_TURNS, region="EU"))
    return run_audit([path], policy=Policy(select=("DISC",)))


@pytest.mark.parametrize(("code", "turn_index", "shown", "hidden"), [
    pytest.param("DISC001", 0, "Hi, I'm Emma from the support team!", None,
                 id="disc001-keeps-the-bots-persona"),
    pytest.param("DISC002", 0, "Hi, I'm Emma from the support team!", None,
                 id="disc002-keeps-the-bots-persona"),
    pytest.param("DISC003", 1, "I'm <PERSON>. Are you a bot?", "John",
                 id="customers-own-introduction-stays-masked"),
    pytest.param("DISC003", 2, "Hi <PERSON>, happy", "John",
                 id="bot-addressing-the-customer-stays-masked"),
])
def test_evidence_shows_the_bots_persona_but_no_customers_name(
    persona_result: AuditResult, code: str, turn_index: int, shown: str, hidden: str | None,
) -> None:
    [finding] = [f for f in persona_result.findings if f.code == code]
    [evidence] = [e for e in finding.evidence if e.turn_index == turn_index]
    assert evidence.excerpt == shown or shown in evidence.excerpt
    assert hidden is None or hidden not in evidence.excerpt


def test_a_readable_persona_keeps_the_findings_fingerprint(persona_result: AuditResult) -> None:
    from auditor.check import fingerprint
    from auditor.redaction import excerpt

    finding = next(f for f in persona_result.findings if f.code == "DISC001")
    # the fingerprint hashes the speaker-blind excerpt, as before personas were readable
    assert finding.fingerprint == fingerprint("DISC001", "persona", excerpt(PERSONA_TURNS[0][1]))
