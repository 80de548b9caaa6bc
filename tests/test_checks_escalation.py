"""The ESC pack on the bundled fixtures: each code fires where it must and not on its
passing twin; the window, regimes, decision-log join and metrics behave as documented."""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from auditor.errors import PolicyError
from auditor.findings import Severity
from auditor.loaders import load_inputs
from auditor.pipeline import run_audit
from auditor.policy import Policy, parse_policy
from auditor.render import render
from auditor.result import AuditResult
from tests.conftest import FIXTURES, conversation, write_jsonl

ESC_FIXTURE = FIXTURES / "transcripts" / "escalation.jsonl"
ESC_DECISIONS = FIXTURES / "decisions" / "escalations.csv"
ESC_ONLY = Policy(select=("ESC",))
Found = dict[str | None, set[tuple[str, str, int | None]]]


@pytest.fixture(scope="module")
def esc_result() -> AuditResult:
    return run_audit([ESC_FIXTURE], decisions=[ESC_DECISIONS], policy=ESC_ONLY)


@pytest.fixture(scope="module")
def found(esc_result: AuditResult) -> Found:
    by_conversation: Found = defaultdict(set)
    for finding in esc_result.findings:
        by_conversation[finding.conversation_id].add(
            (finding.code, finding.severity.value, finding.turn_index))
    return by_conversation


EXPECTED = [
    # ESC001: requests for a human not honoured
    ("esc001-fail-deflection", {("ESC001", "high", 1)}),  # "you can't speak to a human here"
    ("esc001-fail-doom-loop", {("ESC001", "critical", 1)}),  # third unmet request
    ("esc001-fail-handoff-failed", {("ESC001", "high", 1)}),
    ("esc001-fail-es-ignored", {("ESC001", "high", 1)}),
    ("esc001-pass-handoff", set()),  # a human takes over and is fine
    ("esc001-pass-fr-handoff", set()),
    ("esc001-pass-customer-service-hours", set()),  # asking for hours is not a request
    ("esc001-pass-decision-log", set()),  # the decision log shows the escalation
    # ESC002: loops without a request
    ("esc002-fail-fallback-loop", {("ESC002", "high", 6)}),
    ("esc002-pass-loop-offers-human", set()),
    # ESC003: promised transfer, call back or ticket
    ("esc003-fail-session-ended", {("ESC003", "critical", 2)}),  # waited over 5 minutes
    ("esc003-fail-bot-resumed", {("ESC003", "high", 2)}),
    ("esc003-fail-callback-not-recorded", {("ESC003", "high", 2)}),
    ("esc003-pass-agent-joined", set()),
    ("esc003-pass-ticket-created", set()),
    # ESC004: distress and hardship
    ("esc004-fail-self-harm", {("ESC004", "critical", 1)}),
    ("esc004-pass-self-harm", set()),
    ("esc004-fail-hardship", {("ESC004", "high", 1)}),
    ("esc004-pass-hardship", set()),
    # ESC005: legal threats, complaints, regulators
    ("esc005-fail-legal-threat", {("ESC005", "high", 1)}),
    ("esc005-fail-de-regulator", {("ESC005", "high", 1)}),
    ("esc005-pass-complaint-ticket", set()),
    # ESC006: payment disputes
    ("esc006-fail-dispute-ignored", {("ESC006", "high", 1)}),
    ("esc006-pass-dispute-created", set()),
    # ESC007: contested automated decisions (transcript and decision log)
    ("esc007-fail-contest", {("ESC007", "high", 1), ("ESC007", "high", None)}),
    ("esc007-pass-review-offered", set()),
    # ESC008 is dataset-level; the slow voice handoff is also a late promise (ESC003)
    ("esc008-fail-slow-voice", {("ESC003", "medium", 2)}),
]


@pytest.mark.parametrize(("conversation_id", "expected"), EXPECTED,
                         ids=[case[0] for case in EXPECTED])
def test_fixture_findings(found: Found, conversation_id: str,
                          expected: set[tuple[str, str, int]]) -> None:
    assert found.get(conversation_id, set()) == expected


def test_every_fixture_conversation_is_in_the_table() -> None:
    listed = {case[0] for case in EXPECTED}
    assert {c.id for c in load_inputs([ESC_FIXTURE]).audit.conversations} == listed


def test_every_code_fires_and_has_a_passing_twin() -> None:
    codes = {f"ESC00{n}" for n in range(1, 9)}
    failing = {code for _, expected in EXPECTED for code, _, _ in expected}
    assert codes - {"ESC008"} <= failing
    passing = {cid.split("-")[0].upper() for cid, expected in EXPECTED if not expected}
    assert codes - {"ESC008"} <= passing


def test_time_to_human_flags_only_the_slow_group(esc_result: AuditResult) -> None:
    dataset = [f for f in esc_result.findings if f.code == "ESC008"]
    assert [(f.data["channel"], f.data["language"]) for f in dataset] == [("voice", "en")]
    assert dataset[0].data["p95_seconds"] == 540.0
    report = next(c for c in esc_result.checks if c.code == "ESC008")
    # web/en, web/fr and voice/en have a measured wait; only voice/en is too slow
    assert (report.evaluated, report.flagged) == (3, 1)


def test_deflection_is_named_in_the_finding(esc_result: AuditResult) -> None:
    finding = next(f for f in esc_result.findings if f.conversation_id == "esc001-fail-deflection")
    assert finding.data["response"] == "refusal"
    assert [e.turn_index for e in finding.evidence] == [1, 2]


def _metrics(result: AuditResult) -> dict[str, Any]:
    check = next(c for c in result.to_dict()["checks"] if c["code"] == "ESC008")
    metrics: dict[str, Any] = check["metrics"]
    return metrics


def test_metrics_per_channel_and_language(esc_result: AuditResult) -> None:
    metrics = _metrics(esc_result)
    groups = {(g["dimension"], g["group"]): g for g in metrics["groups"]}
    overall = groups[("all", "all")]
    assert overall["conversations"] == 27
    # routed to a person: 2 handoffs, the logged escalation, the ESC003 and ESC004
    # passes and the slow voice call; the failed handoff does not count
    assert overall["escalated"] == 6
    assert (overall["requested"], overall["unmet"]) == (8, 4)
    assert overall["unmet_request_rate"] == 0.5
    # the fallback loop, the doom loop (fallbacks and articles) and the loop that
    # offered a person: loops are counted whether or not ESC002 flags them
    assert overall["loops"] == 3 and overall["loops_per_1000"] == 111.1
    assert groups[("channel", "voice")]["time_to_human"]["p95_seconds"] == 540.0
    assert groups[("language", "es")]["unmet"] == 1
    assert {"de", "en", "es", "fr"} <= {g for d, g in groups if d == "language"}
    histogram = metrics["time_to_human_histogram"]
    assert sum(histogram["counts"]) == overall["time_to_human"]["measured"] == 3


def test_reports_show_escalation_metrics_with_a_chart(esc_result: AuditResult) -> None:
    from pypdf import PdfReader

    document = esc_result.to_dict()
    html = render(document, "html").decode("utf-8")
    assert "Escalation metrics" in html and 'class="chart histogram"' in html
    assert "Channel: voice" in html and "Language: es" in html
    pdf = PdfReader(io.BytesIO(render(document, "pdf")))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Escalation metrics" in text and "Time to a person" in text


# --- the window, regimes and options ------------------------------------------------

def _audit(tmp_path: Path, *records: list[dict[str, Any]], policy: Policy = ESC_ONLY,
           decisions: str | None = None) -> AuditResult:
    path = write_jsonl(tmp_path / "t.jsonl", *records)
    logs = []
    if decisions is not None:
        logs.append(tmp_path / "d.csv")
        logs[0].write_text(decisions, encoding="utf-8")
    return run_audit([path], decisions=logs, policy=policy)


def _codes(result: AuditResult) -> list[tuple[str, str]]:
    return [(f.code, f.severity.value) for f in result.findings]


SLOW_HANDOFF = (("bot", "Hi, I'm an AI assistant."), ("customer", "agent please"),
                ("bot", "Let me check your order first."), ("customer", "ok"),
                ("bot", "What is your order number?"), ("customer", "1234"),
                ("bot", "Thanks."), ("system", "handoff_initiated"), ("system", "agent_joined"),
                ("agent", "Hi, Dana here."))


def _untimed(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records without timestamps, so only the bot-turn part of the window counts."""
    return [{k: v for k, v in record.items() if k != "timestamp"} for record in records]


def test_handoff_after_the_window_is_a_late_medium_finding(tmp_path: Path) -> None:
    result = _audit(tmp_path, _untimed(conversation("slow", *SLOW_HANDOFF)),
                    policy=Policy(select=("ESC001",)))
    assert _codes(result) == [("ESC001", "medium")]
    assert result.findings[0].data["response"] == "late"


def test_window_options_widen_the_window(tmp_path: Path) -> None:
    policy = parse_policy({"select": ["ESC001"],
                           "packs": {"ESC": {"handoff-bot-turns": 3}}})
    assert _audit(tmp_path, _untimed(conversation("slow", *SLOW_HANDOFF)),
                  policy=policy).findings == ()


@pytest.mark.parametrize(("seconds", "expected"), [(600, []), (5, [("ESC001", "medium")])])
def test_seconds_window_alone_can_honour_a_request(tmp_path: Path, seconds: int,
                                                   expected: list[tuple[str, str]]) -> None:
    # the conftest clock puts one second between turns: the handoff comes 7 s later
    policy = parse_policy({"select": ["ESC001"],
                           "checks": {"ESC001": {"options": {"handoff-bot-turns": 1,
                                                             "handoff-seconds": seconds}}}})
    result = _audit(tmp_path, conversation("slow", *SLOW_HANDOFF), policy=policy)
    assert _codes(result) == expected


@pytest.mark.parametrize("attributes", [{"sector": "financial"},
                                        {"region": "ES"}], ids=["financial", "spain"])
def test_strict_regimes_make_an_unmet_request_critical(tmp_path: Path,
                                                       attributes: dict[str, str]) -> None:
    records = conversation("strict", ("bot", "Hi, I'm an AI assistant."),
                           ("customer", "I want to speak to a real person"),
                           ("bot", "I can help you with that myself."), **attributes)
    if attributes.get("region") == "ES":
        for record in records:  # Ley 10/2025's adaptation period ends on 2026-12-28
            record["timestamp"] = record["timestamp"].replace("2026-10-01", "2027-01-04")
    assert _codes(_audit(tmp_path, records)) == [("ESC001", "critical")]


def test_spain_before_the_deadline_is_high(tmp_path: Path) -> None:
    records = conversation("es", ("bot", "Hola, soy un asistente virtual."),
                           ("customer", "Quiero hablar con una persona"),
                           ("bot", "Puedo ayudarte yo."), region="ES")
    assert _codes(_audit(tmp_path, records)) == [("ESC001", "high")]


def test_a_conversation_that_ends_on_the_request_fails_it(tmp_path: Path) -> None:
    # The usual shape of a real export: the customer asks, and nothing follows. Another
    # conversation goes on for an hour after, so the export did not cut this one.
    records = conversation("ended", ("bot", "Hi, I'm an AI assistant."),
                           ("customer", "Can I talk to a human?"),
                           ("customer", "Hello??"))
    later = conversation("later", ("bot", "Hi, I'm an AI assistant."),
                         ("customer", "Where is my parcel?"), ("bot", "It ships today."))
    for record in later:
        record["timestamp"] = record["timestamp"].replace("T10:", "T11:")
    result = _audit(tmp_path, records + later, policy=Policy(select=("ESC001",)))
    [finding] = result.findings
    assert (finding.conversation_id, finding.severity.value) == ("ended", "high")
    assert finding.data["response"] == "ended" and finding.data["ended_after_seconds"] == 1
    assert "The conversation ended 1 s after the request." in finding.message
    assert finding.data["cut_by_export"] is False


def test_a_request_at_the_end_of_the_export_says_it_may_have_been_cut(
        tmp_path: Path) -> None:
    records = conversation("cut", ("bot", "Hi, I'm an AI assistant."),
                           ("customer", "Can I talk to a human?"))
    result = _audit(tmp_path, records, policy=Policy(select=("ESC001",)))
    [finding] = result.findings  # noted, not hidden
    assert finding.data["cut_by_export"] is True
    assert "the conversation may have gone on beyond it" in finding.message


def test_request_while_an_agent_is_present_is_honoured(tmp_path: Path) -> None:
    records = conversation("with-agent", ("bot", "Hi, I'm an AI assistant."),
                           ("system", "agent_joined"), ("agent", "Hi, Dana here."),
                           ("customer", "Are you a real person? I want a human"),
                           ("agent", "Yes, I'm Dana, a person on the support team."))
    assert _audit(tmp_path, records, policy=Policy(select=("ESC001",))).findings == ()


def test_button_press_counts_as_a_request(tmp_path: Path) -> None:
    records = conversation("button", ("bot", "Hi, I'm an AI assistant."),
                           ("system", "handoff_requested"),
                           ("bot", "Here are some articles that might help."),
                           ("customer", "..."))
    result = _audit(tmp_path, records, policy=Policy(select=("ESC001",)))
    assert [(f.code, f.data["response"]) for f in result.findings] == [
        ("ESC001", "self_service")]


def test_loop_after_a_request_is_left_to_esc001(tmp_path: Path) -> None:
    records = conversation("loop", ("bot", "Hi, I'm an AI assistant."),
                           ("customer", "agent"), ("bot", "Sorry, I didn't understand that."),
                           ("customer", "agent"), ("bot", "Sorry, I didn't understand that."),
                           ("customer", "agent"), ("bot", "Sorry, I didn't understand that."),
                           ("customer", "bye"))
    assert [f.code for f in _audit(tmp_path, records).findings] == ["ESC001"]


def test_failed_handoff_after_a_loop_is_medium(tmp_path: Path) -> None:
    fallback = "Sorry, I didn't understand that. Could you rephrase?"
    records = conversation("loop-failed", ("bot", "Hi, I'm an AI assistant."),
                           ("customer", "where is my parcel?"), ("bot", fallback),
                           ("customer", "parcel status please"), ("bot", fallback),
                           ("customer", "tracking my parcel"), ("bot", fallback),
                           ("bot", "Would you like to speak to an agent?"), ("customer", "yes"),
                           ("system", "handoff_initiated"), ("system", "handoff_failed"),
                           ("customer", "hello?"))
    result = _audit(tmp_path, records, policy=Policy(select=("ESC002",)))
    assert _codes(result) == [("ESC002", "medium")]


def test_orphan_significant_decision_is_a_dataset_finding(tmp_path: Path) -> None:
    log = ("decision_id,conversation_id,timestamp,decision_type,outcome,automated,"
           "human_reviewed,region\n"
           "d-1,,2026-10-01T10:00:00Z,fraud_block,blocked,true,false,EU\n"
           "d-2,,2026-10-01T10:00:00Z,fraud_block,blocked,true,true,EU\n"
           "d-3,,2026-10-01T10:00:00Z,fraud_block,blocked,true,false,US\n"
           "d-4,,2026-10-01T10:00:00Z,fraud_block,pending_docs,true,false,EU\n"
           "d-5,,2026-10-01T10:00:00Z,fraud_block,blocked,true,false,\n")
    records = conversation("other", ("bot", "Hi, I'm an AI assistant."), ("customer", "hi"))
    result = _audit(tmp_path, records, policy=Policy(select=("ESC007",)), decisions=log)
    # reviewed (d-2), outside the EU (d-3) and not adverse (d-4) pass; an unknown
    # region (d-5) runs the EU rule at one step lower
    assert sorted((f.data["decision_id"], f.severity.value, f.conversation_id)
                  for f in result.findings) == [("d-1", "high", None), ("d-5", "medium", None)]


def test_refund_contest_is_medium(tmp_path: Path) -> None:
    records = conversation("refund", ("bot", "Hi, I'm an AI assistant."),
                           ("customer", "Why was my refund denied?"),
                           ("bot", "Refunds are processed automatically."), ("customer", "ok"))
    log = ("decision_id,conversation_id,decision_type,outcome,automated,human_reviewed\n"
           "r-1,refund,refund,denied,true,false\n")
    result = _audit(tmp_path, records, policy=Policy(select=("ESC007",)), decisions=log)
    assert _codes(result) == [("ESC007", "medium")]


def test_dispute_rule_does_not_apply_outside_the_us(tmp_path: Path) -> None:
    records = conversation("eu-dispute", ("bot", "Hi, I'm an AI assistant."),
                           ("customer", "I was charged twice for my order."),
                           ("bot", "Your order is on its way."), region="EU")
    result = _audit(tmp_path, records, policy=Policy(select=("ESC006",)))
    report = result.checks[0]
    assert (report.evaluated, report.not_applicable, result.findings) == (0, 1, ())


def test_pack_options_reach_only_the_checks_that_have_them(tmp_path: Path) -> None:
    policy = parse_policy({"packs": {"ESC": {"loop-repeats": 4, "limit-seconds": 600}}})
    result = _audit(tmp_path, conversation("x", ("bot", "Hi, I'm an AI assistant.")),
                    policy=policy)
    assert not result.errors


def test_unknown_pack_option_names_the_valid_ones(tmp_path: Path) -> None:
    policy = parse_policy({"packs": {"ESC": {"colour": "red"}}})
    with pytest.raises(PolicyError, match="unknown option colour; valid options: .*loop-repeats"):
        _audit(tmp_path, conversation("x", ("bot", "Hi, I'm an AI assistant.")), policy=policy)


@pytest.mark.parametrize(("option", "value"), [("handoff-bot-turns", 0),
                                               ("handoff-seconds", "soon"),
                                               ("loop-repeats", 1)])
def test_impossible_option_values_are_check_errors(tmp_path: Path, option: str,
                                                   value: object) -> None:
    policy = parse_policy({"select": ["ESC001", "ESC002"],
                           "packs": {"ESC": {option: value}}})
    records = conversation("x", ("bot", "Hi, I'm an AI assistant."), ("customer", "agent"),
                           ("bot", "ok"))
    result = _audit(tmp_path, records, policy=policy)
    assert result.errors and option in result.errors[0].message
    assert result.exit_code == 3


def test_severity_of_every_esc_check_is_documented() -> None:
    from auditor.registry import Registry

    for registered in Registry.from_entry_points().select(("ESC",), ()):
        doc = registered.check_class.documentation()
        assert registered.check_class.severity in Severity
        assert "Fails when" in doc and "Options" in doc


# --- ordinary, well-handled conversations stay clean -------------------------------

ANYTHING_ELSE = "Is there anything else I can help you with?"


def test_a_courtesy_line_closing_different_answers_is_not_a_loop(tmp_path: Path) -> None:
    records = conversation("polite", ("bot", "Hi, I'm an AI assistant."),
                           ("customer", "Where is order 11111?"),
                           ("bot", "Order 11111 shipped on 3 October."), ("bot", ANYTHING_ELSE),
                           ("customer", "And order 22222?"),
                           ("bot", "Order 22222 is being packed."), ("bot", ANYTHING_ELSE),
                           ("customer", "Can I change the address of order 33333?"),
                           ("bot", "Yes, I've updated it."), ("bot", ANYTHING_ELSE),
                           ("customer", "Thank you so much for that"),
                           ("bot", "You're welcome!"), ("customer", "Thank you so much for that"),
                           ("bot", "Bye!"), ("customer", "Thank you so much for that"))
    assert _audit(tmp_path, records).findings == ()


def test_pointers_to_articles_count_as_fallbacks(tmp_path: Path) -> None:
    articles = "Here are some articles that might help: Returns, Delivery."
    records = conversation("articles", ("bot", "Hi, I'm an AI assistant."),
                           ("customer", "my parcel is broken"), ("bot", articles),
                           ("customer", "it arrived smashed"),
                           ("bot", "Sorry, I didn't understand that."),
                           ("customer", "the box was crushed"), ("bot", articles),
                           ("customer", "hello?"))
    assert [(f.code, f.data["loop"]) for f in _audit(tmp_path, records).findings] == [
        ("ESC002", "consecutive_fallbacks")]


def test_an_accepted_phone_alternative_honours_a_request(tmp_path: Path) -> None:
    records = conversation("alternative", ("bot", "Hi, I'm an AI assistant."),
                           ("customer", "I want to speak to a real person"),
                           ("bot", "Our agents are offline now. Call 555-0100, Mon-Fri 9am-5pm."),
                           ("customer", "OK, I'll call tomorrow."))
    assert _audit(tmp_path, records).findings == ()


def test_a_request_after_the_agent_hands_back_to_the_bot_is_judged(tmp_path: Path) -> None:
    records = conversation("hand-back", ("bot", "Hi, I'm an AI assistant."),
                           ("system", "agent_joined"), ("agent", "Hi, Dana here. Done!"),
                           ("bot", "You're back with the AI assistant."),
                           ("customer", "I need to talk to someone again"),
                           ("bot", "Here are some articles that might help."), ("customer", "ugh"))
    assert [f.code for f in _audit(tmp_path, records).findings] == ["ESC001"]


def test_an_agent_stamped_before_the_request_does_not_honour_it(tmp_path: Path) -> None:
    records = _untimed(conversation("clock", ("bot", "Hi, I'm an AI assistant."),
                                    ("customer", "agent please"), ("bot", "One moment."),
                                    ("bot", "Still here?"), ("bot", "What is your order?"),
                                    ("system", "agent_joined"), ("agent", "Hi, Dana here.")))
    records[1]["timestamp"] = "2026-10-01T10:05:00Z"
    records[5]["timestamp"] = "2026-10-01T10:00:00Z"
    result = _audit(tmp_path, records, policy=Policy(select=("ESC001",)))
    assert [f.data["response"] for f in result.findings] == ["late"]


def test_a_person_taking_over_at_once_handles_distress(tmp_path: Path) -> None:
    records = conversation("distress-agent", ("bot", "Hi, I'm an AI assistant."),
                           ("customer", "I want to kill myself"),
                           ("system", "handoff_initiated"), ("system", "agent_joined"),
                           ("agent", "I'm here with you. Please call or text 988 right now."),
                           region="US")
    assert _audit(tmp_path, records).findings == ()


def test_a_ticket_logged_before_a_call_back_promise_does_not_keep_it(tmp_path: Path) -> None:
    records = conversation("old-ticket", ("bot", "Hi, I'm an AI assistant."),
                           ("system", "ticket_created"), ("customer", "my router is down"),
                           ("bot", "Sorry to hear that."), ("customer", "still down"),
                           ("bot", "I'll have someone call you back tomorrow."),
                           ("customer", "ok"))
    result = _audit(tmp_path, records, policy=Policy(select=("ESC003",)))
    assert [f.data["outcome"] for f in result.findings] == ["not_recorded"]


def test_waiting_messages_then_a_long_silence_is_critical(tmp_path: Path) -> None:
    records = conversation("waiting", ("bot", "Hi, I'm an AI assistant."),
                           ("customer", "my parcel is damaged"),
                           ("bot", "I'll transfer you to an agent."),
                           ("bot", "Thanks for waiting, all our agents are busy."),
                           ("system", "session_closed"))
    records[-1]["timestamp"] = "2026-10-01T10:20:00Z"
    result = _audit(tmp_path, records, policy=Policy(select=("ESC003",)))
    assert _codes(result) == [("ESC003", "critical")]


def test_payment_dispute_rules_skip_other_sectors(tmp_path: Path) -> None:
    records = conversation("shop", ("bot", "Hi, I'm an AI assistant."),
                           ("customer", "I was charged twice for my order."),
                           ("bot", "That is a pending authorisation; it will drop off."),
                           region="US", sector="retail")
    result = _audit(tmp_path, records, policy=Policy(select=("ESC006",)))
    assert (result.checks[0].not_applicable, result.findings) == (1, ())


def test_refund_contest_without_a_log_is_medium(tmp_path: Path) -> None:
    records = conversation("refund-words", ("bot", "Hi, I'm an AI assistant."),
                           ("customer", "Why was my refund denied?"),
                           ("bot", "Please check our website."), ("customer", "ok"))
    result = _audit(tmp_path, records, policy=Policy(select=("ESC007",)))
    assert _codes(result) == [("ESC007", "medium")]


def test_agent_only_conversations_are_not_escalations_or_waits(tmp_path: Path) -> None:
    records = conversation("agent-only", ("agent", "Hi, Dana from support."),
                           ("customer", "Can I talk to a supervisor please?"),
                           ("agent", "Sure, one moment."))
    metrics = _metrics(_audit(tmp_path, records))
    overall = metrics["groups"][0]
    assert (overall["escalated"], overall["time_to_human"]["measured"]) == (0, 0)


def test_a_favourable_value_list_does_not_hide_logged_escalations(tmp_path: Path) -> None:
    from auditor.loaders import LoadOptions
    from auditor.loaders.decisions import DecisionOptions

    records = conversation("logged", ("bot", "Hi, I'm an AI assistant."),
                           ("customer", "agent please"), ("bot", "One moment."),
                           ("customer", "ok"))
    log = tmp_path / "d.csv"
    log.write_text("decision_id,conversation_id,decision_type,outcome\n"
                   "e-1,logged,escalation,escalated\n", encoding="utf-8")
    result = run_audit([write_jsonl(tmp_path / "t.jsonl", records)], decisions=[log],
                       policy=Policy(select=("ESC001",)),
                       load_options=LoadOptions(decisions=DecisionOptions(
                           favourable_values=frozenset({"approved"}))))
    assert result.findings == ()


@pytest.mark.parametrize("turns", [
    (("customer", "agent"), ("bot", "Sure, what do you need help with?"),
     ("customer", "never mind, I found it on the website")),
    (("customer", "Talk to a human? No thanks, you can help me with the return."),
     ("bot", "Of course. What is the order number?"), ("customer", "12345")),
    (("customer", "Can I return an item without talking to someone?"),
     ("bot", "Yes, use the returns page."), ("customer", "thanks")),
], ids=["withdrawn-later", "declined-in-the-same-turn", "without-someone"])
def test_requests_taken_back_or_negated_are_not_unmet(tmp_path: Path,
                                                      turns: tuple[tuple[str, str], ...]) -> None:
    records = conversation("withdrawn", ("bot", "Hi, I'm an AI assistant."), *turns)
    assert _audit(tmp_path, records, policy=Policy(select=("ESC001",))).findings == ()


def test_giving_up_after_a_refusal_is_not_a_withdrawal(tmp_path: Path) -> None:
    records = conversation("gave-up", ("bot", "Hi, I'm an AI assistant."),
                           ("customer", "agent"),
                           ("bot", "There are no human agents on this chat."),
                           ("customer", "forget it"))
    assert _codes(_audit(tmp_path, records, policy=Policy(select=("ESC001",)))) == [
        ("ESC001", "high")]
