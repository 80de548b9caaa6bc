"""The PII pack on the bundled fixtures: each code fires where it must and not on its
passing twin."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from auditor.pipeline import run_audit
from auditor.policy import Policy, parse_policy
from auditor.result import AuditResult
from tests.conftest import FIXTURES, conversation, write_jsonl

PII_FIXTURE = FIXTURES / "transcripts" / "pii.jsonl"
Found = dict[str, set[tuple[str, str, int | None]]]


@pytest.fixture(scope="module")
def pii_result() -> AuditResult:
    return run_audit([PII_FIXTURE])


@pytest.fixture(scope="module")
def found(pii_result: AuditResult) -> Found:
    by_conversation: Found = defaultdict(set)
    for finding in pii_result.findings:
        assert finding.conversation_id is not None
        by_conversation[finding.conversation_id].add(
            (finding.code, finding.severity.value, finding.turn_index))
    return by_conversation


EXPECTED = [
    # PII001: card numbers shown beyond BIN and last four
    ("pii001-fail-full-card-shown", {("PII001", "critical", 2), ("PII002", "critical", 2),
                                     ("PII005", "high", 2)}),  # shown before authentication
    ("pii001-fail-masked-too-little", {("PII001", "critical", 2)}),
    ("pii001-pass-last-four", set()),
    # PII002: full card numbers stored, or asked for in chat
    ("pii002-fail-customer-typed-card", {("PII002", "critical", 1)}),
    ("pii002-fail-bot-asks-card", {("PII002", "high", 2)}),
    # PII003: CVV, PIN, track data
    ("pii003-fail-cvv", {("PII003", "critical", 1)}),
    ("pii003-pass-warning-only", set()),
    # PII004: identifiers stored unredacted, severity by type
    ("pii004-fail-ssn-email", {("PII004", "high", 1), ("PII004", "medium", 1)}),
    ("pii004-pass-redacted-and-order-id", set()),
    # PII005: the customer's own data before authentication
    ("pii005-fail-address-before-auth", {("PII005", "high", 2), ("PII004", "medium", 2)}),
    ("pii005-pass-after-auth", {("PII004", "medium", 4)}),
    # PII006: another customer's identifiers
    ("pii006-owner-lena", {("PII004", "medium", 1)}),
    ("pii006-fail-other-customers-email", {("PII006", "critical", 2), ("PII004", "medium", 2)}),
    ("pii006-pass-own-email", {("PII004", "medium", 1)}),
    ("pii006-owner-mara", set()),
    ("pii006-fail-name-and-last-four", {("PII006", "critical", 2), ("PII004", "low", 2)}),
    # PII007: special-category data solicited
    ("pii007-fail-health-question", {("PII007", "high", 2)}),
    ("pii007-pass-no-question", set()),
    # PII008: credentials asked for or stored
    ("pii008-fail-password", {("PII008", "high", 2), ("PII008", "high", 3)}),
    ("pii008-pass-reset-link", set()),
]


@pytest.mark.parametrize(("conversation_id", "expected"), EXPECTED,
                         ids=[cid for cid, _ in EXPECTED])
def test_fixture_conversation_gets_exactly_its_findings(
    found: Found, conversation_id: str, expected: set[tuple[str, str, int | None]]
) -> None:
    assert found.get(conversation_id, set()) == expected


def test_every_pii_code_fires_somewhere_and_is_silent_somewhere(pii_result: AuditResult) -> None:
    for check in pii_result.checks:
        if check.code.startswith("PII"):
            assert 0 < check.flagged < check.evaluated, check.code


def test_cross_customer_leak_is_a_breach_candidate_with_the_72_hour_clock(
    pii_result: AuditResult,
) -> None:
    leak = next(f for f in pii_result.findings if f.code == "PII006"
                and f.conversation_id == "pii006-fail-other-customers-email")
    assert leak.data["breach_candidate"] is True
    assert leak.data["entity_types"] == ["EMAIL_ADDRESS"]
    assert leak.data["disclosed_at"] == "2026-10-10T09:01:00Z"
    assert leak.data["notify_by"] == "2026-10-13T09:01:00Z"


def test_sessions_of_the_same_customer_are_not_a_leak(tmp_path: Path) -> None:
    first = conversation("s-1", ("customer", "my email is kim.park@example.com"),
                         ("bot", "Thanks, I'm an AI assistant and noted it."), customer_id="K1")
    second = conversation("s-2", ("customer", "any news?"),
                          ("bot", "I emailed kim.park@example.com yesterday."), customer_id="K1")
    result = run_audit([write_jsonl(tmp_path / "t.jsonl", first + second)],
                       policy=Policy(select=("PII006",)))
    assert result.findings == ()


def test_evidence_and_reports_never_show_the_raw_values(pii_result: AuditResult) -> None:
    import io

    from pypdf import PdfReader

    from auditor.render import render
    from auditor.terminal import summary_lines

    document = pii_result.to_dict()
    pdf = PdfReader(io.BytesIO(render(document, "pdf")))
    text = "\n".join([render(document, "json").decode(), render(document, "html").decode(),
                      *(page.extract_text() for page in pdf.pages),
                      *summary_lines(document, [])])
    for raw in ("4111 1111 1111 1111", "5555 5555 5555 4444", "078-05-1120",
                "sam.lee@example.com", "lena.fischer@example.com", "42 Elm Street",
                "04/12/1985", "Sunflower2024!", "CVV 123", "4111 1111 11** 1111"):
        assert raw not in text, raw


def test_pack_options_reach_every_check_of_the_family() -> None:
    policy = parse_policy({"packs": {"PII": {"spacy-model": "no_such_pipeline"}}})
    result = run_audit([PII_FIXTURE], policy=policy)
    assert any("not scanned" in note for note in result.notes)
    assert not result.errors


def test_unknown_pack_option_is_a_policy_error() -> None:
    from auditor.errors import PolicyError

    with pytest.raises(PolicyError, match="unknown option colour"):
        run_audit([PII_FIXTURE], policy=parse_policy({"packs": {"PII": {"colour": "red"}}}))


def test_business_address_is_not_the_customers_data(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", conversation(
        "returns", ("bot", "Hi, I'm an AI assistant."), ("customer", "Where do returns go?"),
        ("bot", "Returns go to 1 Example Way, Springfield."), region="EU"))
    assert run_audit([path], policy=Policy(select=("PII005",))).findings == ()


def test_checks_share_one_engine_per_option_values() -> None:
    from types import MappingProxyType

    from auditor.checks.pii.base import ENGINE_OPTIONS, pii_engine

    default = pii_engine(MappingProxyType(dict(ENGINE_OPTIONS)))
    assert pii_engine({**ENGINE_OPTIONS, "require-auth-event": False}) is default
    stricter = pii_engine({**ENGINE_OPTIONS, "thresholds": {"PERSON": 0.9}})
    assert stricter is not default and stricter.settings.threshold("PERSON") == 0.9
    assert pii_engine({**ENGINE_OPTIONS, "thresholds": MappingProxyType({"PERSON": 0.9})}) \
        is stricter
    patterns = pii_engine({**ENGINE_OPTIONS, "allow-patterns": [r"\bX\d+\b"]})
    assert patterns.settings.allow_patterns[-1] == r"\bX\d+\b"


@pytest.mark.parametrize(("thresholds", "message"), [
    ({"PERSON": "high"}, "threshold for PERSON must be a number"),
    ({"PERSON": [0.9]}, "threshold for PERSON must be a number"),
    ({"PERSON": True}, "threshold for PERSON must be a number"),
], ids=["string", "unhashable-list", "bool-equal-to-a-valid-one"])
def test_invalid_engine_options_still_fail_with_the_reason(thresholds: object,
                                                           message: str) -> None:
    from auditor.checks.pii.base import ENGINE_OPTIONS, pii_engine

    pii_engine({**ENGINE_OPTIONS, "thresholds": {"PERSON": 1}})  # valid, and == {"PERSON": True}
    with pytest.raises(ValueError, match=message):
        pii_engine({**ENGINE_OPTIONS, "thresholds": thresholds})


MARA = {"customer_name": "Mara Lindqvist", "card_last4": "4242",
        "email": "mara.lindqvist@example.com", "customer_id": "M1", "region": "EU"}


@pytest.mark.parametrize(("bot_text", "severity", "wording"), [
    pytest.param("Your card ending 4242 is blocked.", "low",
                 "The bot showed a card ending that belongs to another customer's account "
                 "(a card-ending match alone; review it).", id="card-ending-alone"),
    pytest.param("Mara Lindqvist, your card ending 4242 is blocked.", "critical",
                 "The bot named another customer and showed a card ending that belongs to "
                 "their account: a possible personal data breach.", id="name-and-card-ending"),
    pytest.param("Is Mara Lindqvist with you today?", "low",
                 "The bot named another customer (a name match alone; review it).",
                 id="name-alone"),
    pytest.param("I've sent it to mara.lindqvist@example.com.", "critical",
                 "The bot showed another customer's e-mail address: a possible personal data "
                 "breach.", id="email"),
])
def test_cross_customer_message_says_what_was_shown(
    tmp_path: Path, bot_text: str, severity: str, wording: str,
) -> None:
    owner = conversation("owner", ("bot", "Hi, I'm an AI assistant."),
                         ("customer", "Hello"), **MARA)
    own_twin = conversation("owner-again", ("bot", "Hi, I'm an AI assistant."),
                            ("bot", bot_text), **MARA)  # the same customer: not a leak
    other = conversation("other", ("bot", "Hi, I'm an AI assistant."), ("bot", bot_text),
                         region="EU")
    result = run_audit([write_jsonl(tmp_path / "t.jsonl", owner + own_twin + other)],
                       policy=Policy(select=("PII006",)))
    [leak] = result.findings
    assert (leak.conversation_id, leak.severity.value, leak.message) == ("other", severity,
                                                                          wording)
    assert "Lindqvist" not in leak.message and "4242" not in leak.message
    # a breach candidate carries the 72-hour deadline from the turn's time
    assert leak.data.get("notify_by") == (
        "2026-10-04T10:00:01Z" if severity == "critical" else None)


def _dated(records: list[dict[str, object]], day: str) -> list[dict[str, object]]:
    for second, record in enumerate(records):
        record["timestamp"] = f"{day}T10:00:{second:02d}Z"
    return records


@pytest.mark.parametrize(("sector", "region", "day", "laws"), [
    pytest.param("health", "US", "2026-10-01",
                 {"PII004": {"HIPAA Privacy Rule"},
                  "PII006": {"HIPAA Breach Notification Rule"}}, id="us-health-cites-hipaa"),
    pytest.param("retail", "US", "2026-10-01", {"PII004": set(), "PII006": set()},
                 id="us-retail-twin-cites-no-hipaa"),
    pytest.param("health", "", "2026-10-01",
                 {"PII004": {"GDPR (Reg. 2016/679)", "HIPAA Privacy Rule"},
                  "PII006": {"GDPR (Reg. 2016/679)", "HIPAA Breach Notification Rule"}},
                 id="unknown-region-health-cites-both"),
    pytest.param("retail", "", "2026-10-01",
                 {"PII004": {"GDPR (Reg. 2016/679)"}, "PII006": {"GDPR (Reg. 2016/679)"}},
                 id="unknown-region-retail-cites-gdpr-only"),
    pytest.param("retail", "EU", "2018-06-01",
                 {"PII004": {"GDPR (Reg. 2016/679)"}, "PII006": {"GDPR (Reg. 2016/679)"}},
                 id="eu-after-gdpr-applies"),
    pytest.param("retail", "EU", "2018-05-01", {}, id="eu-before-gdpr-applies-twin"),
])
def test_references_fit_the_conversations_sector_and_date(
    tmp_path: Path, sector: str, region: str, day: str, laws: dict[str, set[str]],
) -> None:
    attributes = {"sector": sector, **({"region": region} if region else {})}
    owner = conversation("owner", ("customer", "my email is ana.silva@example.com"), **attributes)
    leak = conversation("leak", ("bot", "Hi, I'm an AI assistant."),
                        ("bot", "I've sent it to ana.silva@example.com."), **attributes)
    path = write_jsonl(tmp_path / "t.jsonl", _dated(owner, day) + _dated(leak, day))
    result = run_audit([path], policy=Policy(select=("PII004", "PII006")))
    cited = {f.code: {r.law for r in f.references} for f in result.findings
             if f.conversation_id == "leak"}
    assert cited == laws


def test_every_gdpr_and_hipaa_reference_has_its_date_and_address() -> None:
    from auditor import legal
    from auditor.findings import Reference

    references = [value for value in vars(legal).values() if isinstance(value, Reference)
                  and value.law.startswith(("GDPR", "HIPAA"))]
    assert len(references) >= 7
    for reference in references:
        assert reference.effective_from is not None and reference.url, reference
    dates = {r.law: r.effective_from.isoformat() for r in references if r.effective_from}
    assert dates == {"GDPR (Reg. 2016/679)": "2018-05-25",
                     "HIPAA Privacy Rule": "2003-04-14",
                     "HIPAA Breach Notification Rule": "2009-09-23"}


def _person_findings(tmp_path: Path, *turns: tuple[str, str], **attributes: str) -> int:
    """How many PII004 name findings one conversation (in the EU) gets."""
    path = write_jsonl(tmp_path / "t.jsonl", conversation(
        "names", *turns, region="EU", language="en", **attributes))
    result = run_audit([path], policy=Policy(select=("PII004",)))
    return sum(f.data["entity_type"] == "PERSON" for f in result.findings)


@pytest.mark.parametrize(("turns", "attributes", "expected"), [
    pytest.param((("bot", "Hi, I'm an AI assistant. What's your name?"),
                  ("customer", "Crystal Minh")), {}, 1, id="name-alone-after-name-request"),
    pytest.param((("bot", "Hi, I'm an AI assistant. What's your order number?"),
                  ("customer", "Crystal Minh")), {}, 0,
                 id="the-same-line-after-another-question-twin"),
    pytest.param((("system", "agent_joined"), ("agent", "Hi, this is Dana from billing."),
                  ("customer", "Can Dana waive the fee?")), {}, 0,
                 id="agent-named-after-introducing-herself"),
    pytest.param((("agent", "Hi, how can I help?"),
                  ("customer", "Can Dana waive the fee?")), {}, 1,
                 id="a-name-nobody-introduced-twin"),
    pytest.param((("bot", "How can I help?"), ("customer", "Can Luis check my order?")),
                 {"bot_name": "Luis"}, 0, id="bot-persona-attribute"),
    pytest.param((("bot", "How can I help?"), ("customer", "Can Luis check my order?")),
                 {}, 1, id="without-a-persona-attribute-twin"),
    pytest.param((("agent", "Hi, I'm Marcus from support."),
                  ("customer", "Thanks Marcus! You've been a great help")), {}, 0,
                 id="customer-thanks-the-agent"),
    pytest.param((("bot", "Hi, I'm an AI assistant."),
                  ("customer", "@ExampleHelp my package is late #fail, this is RIDICULOUS")),
                 {}, 0, id="handle-hashtag-shouting"),
])
def test_names_that_are_not_the_customers_data_make_no_finding(
    tmp_path: Path, turns: tuple[tuple[str, str], ...], attributes: dict[str, str],
    expected: int,
) -> None:
    assert _person_findings(tmp_path, *turns, **attributes) == expected


def test_the_result_says_how_names_were_read(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", conversation(
        "en", ("bot", "Hi, I'm an AI assistant."), ("customer", "My name is Jo Park"),
        region="EU", language="en"))
    result = run_audit([path], policy=Policy(select=("PII004",)))
    assert any(note.startswith("Names were scanned in en (") for note in result.notes)
