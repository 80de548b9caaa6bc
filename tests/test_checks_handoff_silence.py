"""ESC009 handoff-went-silent: a person is said to join, then nobody answers the customer.

The bundled fixture has a failing case and a passing twin in English, Spanish, French
and German; inline cases pin the join notices, the limits and the export cut."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from auditor.cli import main
from auditor.escalation.evidence import HandoffKind, announces_join, handoff_evidence
from auditor.language.bot_escalation import find_join_announcement
from auditor.loaders import load_inputs
from auditor.model import Conversation, Role, Turn
from auditor.pipeline import run_audit
from auditor.policy import Policy, parse_policy
from auditor.result import AuditResult
from tests.conftest import FIXTURES, write_jsonl

SILENCE_FIXTURE = FIXTURES / "transcripts" / "handoff_silence.jsonl"
ESC009_ONLY = Policy(select=("ESC009",))


@pytest.fixture(scope="module")
def silence_result() -> AuditResult:
    return run_audit([SILENCE_FIXTURE], policy=ESC009_ONLY)


EXPECTED = [
    # The join is shown, then no person ever writes.
    ("esc009-fail-en-silent-join", {("ESC009", "high", 3)}),
    ("esc009-fail-en-bot-instead", {("ESC009", "high", 2)}),  # the bot's own "connected" notice
    ("esc009-fail-es-silent-notice", {("ESC009", "high", 3)}),  # notice text, no event
    ("esc009-fail-en-export-cut", {("ESC009", "high", 3)}),
    # A person writes, but later than the limit.
    ("esc009-fail-de-late-reply", {("ESC009", "high", 3)}),
    ("esc009-fail-fr-voice-late", {("ESC009", "high", 3)}),  # voice: 2 minutes
    # Twins: the person answers within the limit.
    ("esc009-pass-en-agent-answers", set()),
    ("esc009-pass-es-agent-answers", set()),
    ("esc009-pass-de-prompt-reply", set()),
    ("esc009-pass-fr-voice-prompt", set()),
]


@pytest.mark.parametrize(("conversation_id", "expected"), EXPECTED,
                         ids=[case[0] for case in EXPECTED])
def test_fixture_findings(silence_result: AuditResult, conversation_id: str,
                          expected: set[tuple[str, str, int]]) -> None:
    found: dict[str | None, set[tuple[str, str, int | None]]] = defaultdict(set)
    for finding in silence_result.findings:
        found[finding.conversation_id].add(
            (finding.code, finding.severity.value, finding.turn_index))
    assert found.get(conversation_id, set()) == expected


def test_every_fixture_conversation_is_in_the_table() -> None:
    read = load_inputs([SILENCE_FIXTURE]).audit.conversations
    assert {c.id for c in read} == {c for c, _ in EXPECTED}


def test_each_language_has_a_failing_case_and_a_passing_twin() -> None:
    languages = {"en", "es", "fr", "de"}
    failing = {cid.split("-")[2] for cid, expected in EXPECTED if expected}
    passing = {cid.split("-")[2] for cid, expected in EXPECTED if not expected}
    assert languages == failing == passing


def _finding_data(result: AuditResult, conversation_id: str) -> dict[str, Any]:
    [finding] = [f for f in result.findings if f.conversation_id == conversation_id]
    return dict(finding.data)


def test_a_silent_join_says_what_the_customer_wrote_and_when_it_ended(
        silence_result: AuditResult) -> None:
    [finding] = [f for f in silence_result.findings
                 if f.conversation_id == "esc009-fail-en-silent-join"]
    assert "no person wrote; meanwhile the customer wrote 3 messages" in finding.message
    assert "ended 60 s after the customer's last message" in finding.message
    assert finding.data["ended_after_seconds"] == 60.0
    assert finding.data["join_source"] == "agent_joined event"
    # The notice and the unanswered messages are the evidence.
    assert [e.turn_index for e in finding.evidence] == [3, 4, 5, 6]


def test_a_bot_answering_in_the_persons_stead_is_no_reply(silence_result: AuditResult) -> None:
    data = _finding_data(silence_result, "esc009-fail-en-bot-instead")
    assert data["join_source"] == "bot message"
    assert data["bot_replies_instead"] == 2 and data["reply_turn"] is None


def test_a_join_at_the_end_of_the_export_is_said_to_be_possibly_cut(
        silence_result: AuditResult) -> None:
    [finding] = [f for f in silence_result.findings
                 if f.conversation_id == "esc009-fail-en-export-cut"]
    assert finding.data["cut_by_export"] is True
    assert "The export ends 40 s after the join" in finding.message
    # Conversations that end well before the export does are not said to be cut.
    others = [f for f in silence_result.findings
              if f.conversation_id != "esc009-fail-en-export-cut"]
    assert not any(f.data["cut_by_export"] for f in others)


def test_late_replies_are_measured_against_the_channel_limit(
        silence_result: AuditResult) -> None:
    chat = _finding_data(silence_result, "esc009-fail-de-late-reply")
    voice = _finding_data(silence_result, "esc009-fail-fr-voice-late")
    assert (chat["reply_after_seconds"], chat["limit_seconds"]) == (480.0, 300.0)
    assert (voice["reply_after_seconds"], voice["limit_seconds"]) == (180.0, 120.0)


@pytest.mark.parametrize(("options", "flagged"), [
    ({"person-reply-chat-seconds": 600}, False),
    ({"person-reply-chat-seconds": 60}, True),
], ids=["wider-chat-limit", "narrower-chat-limit"])
def test_the_limits_come_from_the_policy(options: dict[str, int], flagged: bool) -> None:
    policy = parse_policy({"select": ["ESC009"], "checks": {"ESC009": {"options": options}}})
    result = run_audit([SILENCE_FIXTURE], policy=policy)
    ids = {f.conversation_id for f in result.findings}
    assert ("esc009-fail-de-late-reply" in ids) is flagged
    # The English twin answers 30 s after the join: within both limits.
    assert "esc009-pass-en-agent-answers" not in ids


def test_pack_options_set_the_limit_too() -> None:
    policy = parse_policy({"select": ["ESC009"],
                           "packs": {"ESC": {"person-reply-voice-seconds": 240}}})
    ids = {f.conversation_id for f in run_audit([SILENCE_FIXTURE], policy=policy).findings}
    assert "esc009-fail-fr-voice-late" not in ids


def test_an_impossible_limit_is_a_check_error(tmp_path: Path) -> None:
    policy = parse_policy({"select": ["ESC009"], "checks": {"ESC009": {
        "options": {"person-reply-chat-seconds": 0}}}})
    result = run_audit([SILENCE_FIXTURE], policy=policy)
    assert result.errors and "person-reply-chat-seconds" in result.errors[0].message


def _record(cid: str, second: int, role: str, text: str | None = None,
            event: str | None = None, channel: str = "web") -> dict[str, Any]:
    record: dict[str, Any] = {"conversation_id": cid, "role": role, "channel": channel,
                              "timestamp": f"2026-10-21T10:{second // 60:02d}:{second % 60:02d}Z"}
    if text is not None:
        record["text"] = text
    if event is not None:
        record["event"] = event
    return record


def _audit(tmp_path: Path, records: list[dict[str, Any]]) -> AuditResult:
    return run_audit([write_jsonl(tmp_path / "chats.jsonl", records)], policy=ESC009_ONLY)


def test_a_colleague_added_while_a_person_attends_is_not_judged(tmp_path: Path) -> None:
    records = [
        _record("c", 0, "customer", "I need help with my bill"),
        _record("c", 5, "system", "Dana has joined the chat", "agent_joined"),
        _record("c", 20, "agent", "Hi, Dana here. Let me bring in billing."),
        _record("c", 30, "system", "Pat has joined the chat"),
        _record("c", 40, "agent", "Pat can see your bill now; give us a moment."),
        # the same agent turn keeps talking; Pat never writes, but a person attends
        _record("c", 600, "customer", "Thanks, all sorted."),
    ]
    assert _audit(tmp_path, records).findings == ()


def test_a_join_after_a_hand_back_to_the_bot_is_judged_again(tmp_path: Path) -> None:
    records = [
        _record("c", 0, "system", event="agent_joined"),
        _record("c", 10, "agent", "Hi, Dana here."),
        _record("c", 30, "bot", "Dana has left. I'm the virtual assistant again."),
        _record("c", 40, "customer", "Can I talk to someone about returns?"),
        _record("c", 45, "system", "Pat has joined the chat"),
        _record("c", 120, "customer", "hello?"),
        _record("c", 500, "customer", "anyone?"),
    ]
    [finding] = _audit(tmp_path, records).findings
    assert finding.turn_index == 4 and finding.data["customer_messages_unanswered"] == 2


def test_untimed_joins_are_judged_only_on_whether_a_person_wrote(tmp_path: Path) -> None:
    silent = [{"conversation_id": "a", "role": "system", "event": "agent_joined"},
              {"conversation_id": "a", "role": "customer", "text": "hello?"}]
    answered = [{"conversation_id": "b", "role": "system", "event": "agent_joined"},
                {"conversation_id": "b", "role": "agent", "text": "Hi, Dana here."}]
    result = _audit(tmp_path, [*silent, *answered])
    assert [(f.conversation_id, f.severity.value) for f in result.findings] == [("a", "high")]


def test_the_bots_own_log_is_not_judged() -> None:
    conversation = Conversation("c", (Turn(0, Role.SYSTEM, "", event="agent_joined"),
                                      Turn(1, Role.CUSTOMER, "hello?")), people_logged=False)
    from auditor.checks.escalation.silence import HandoffWentSilentCheck

    assert not HandoffWentSilentCheck().is_relevant(conversation)


JOINS = [
    "Maria has joined the chat",
    "Agent Sam joined the conversation.",
    "You are now connected with an agent.",
    "You're now chatting with Maria from our support team",
    "Un agente se ha unido a la conversación",
    "Ahora estás hablando con Laura",
    "Un conseiller a rejoint la conversation",
    "Vous êtes maintenant en relation avec un conseiller",
    "Ein Mitarbeiter ist dem Chat beigetreten",
    "Sie sind jetzt mit einem Mitarbeiter verbunden",
]
NOT_JOINS = [
    "You joined the chat",  # the customer's own notice
    "No agent has joined yet",
    "Nobody has joined the chat",
    "Has an agent joined the chat?",
    "Once an agent has joined the chat, you can send files.",
    "An agent will join shortly.",  # a promise (ESC003), not a join
    "You're now chatting with Ava, our virtual assistant.",  # a bot's greeting
    "Aún no se ha unido ningún agente",
    "Cuando un agente se una al chat te avisaremos",
    "Personne n'a rejoint la conversation",
    "Sobald ein Mitarbeiter dem Chat beigetreten ist, melden wir uns.",
]


@pytest.mark.parametrize("text", JOINS)
def test_join_notices_are_recognised(text: str) -> None:
    assert find_join_announcement(text) is not None


@pytest.mark.parametrize("text", NOT_JOINS)
def test_what_is_not_a_join_notice(text: str) -> None:
    assert find_join_announcement(text) is None


def test_a_join_notice_is_handoff_evidence_but_a_customer_saying_it_is_not() -> None:
    notice = Turn(1, Role.SYSTEM, "Laura se ha unido a la conversación")
    quoted = Turn(2, Role.CUSTOMER, "Laura has joined the chat, she says")
    conversation = Conversation("c", (Turn(0, Role.CUSTOMER, "Quiero hablar con una persona"),
                                      notice, quoted))
    assert announces_join(notice) and not announces_join(quoted)
    [handoff] = handoff_evidence(conversation)
    assert (handoff.kind, handoff.index, handoff.source) == (
        HandoffKind.AGENT_JOINED, 1, "join notice")


def test_esc009_is_listed_explained_and_a_sarif_rule(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checks"]) == 0
    assert any(line.split()[:2] == ["ESC009", "handoff-went-silent"]
               for line in capsys.readouterr().out.splitlines())
    assert main(["explain", "ESC009"]) == 0
    assert "person-reply-chat-seconds" in capsys.readouterr().out
    main(["scan", str(SILENCE_FIXTURE), "--select", "ESC009", "--format", "sarif", "--quiet",
          "--out", str(tmp_path)])
    [run] = json.loads((tmp_path / "report.sarif").read_text("utf-8"))["runs"]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["ESC009"]
    assert {item["ruleId"] for item in run["results"]} == {"ESC009"}
