"""The result keeps the conversations findings are about, redacted, within a limit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from auditor.document import ResultDocument
from auditor.errors import PolicyError
from auditor.kept_conversations import MAX_TURN_CHARS
from auditor.pipeline import run_audit
from auditor.policy import DEFAULT_KEEP_CONVERSATIONS, Policy, parse_policy
from tests.conftest import EVASIVE, GREETING, LEAK, conversation, write_jsonl

CARD = "4111 1111 1111 1111"
EMAIL = "jane.doe@example.com"


def _kept(tmp_path: Path, *conversations: list[dict[str, Any]],
          policy: Policy | None = None) -> dict[str, Any]:
    path = write_jsonl(tmp_path / "chats.jsonl", [r for c in conversations for r in c])
    document = run_audit([path], policy=policy or Policy(select=("PII", "DISC"))).to_dict()
    ResultDocument.model_validate(document)  # the published schema holds it
    return dict(document["conversations"])


def test_a_conversation_with_a_finding_is_kept_redacted_with_its_flagged_turn(
        tmp_path: Path) -> None:
    kept = _kept(tmp_path, conversation(
        "c-leak", GREETING, ("customer", f"Which card? Mail me at {EMAIL}"), LEAK,
        region="EU"))
    assert (kept["with_findings"], kept["kept"], kept["limit"]) == (
        1, 1, DEFAULT_KEEP_CONVERSATIONS)
    [item] = kept["items"]
    assert item["conversation_id"] == "c-leak"
    texts = [turn["text"] for turn in item["turns"]]
    assert [turn["index"] for turn in item["turns"]] == [0, 1, 2]
    assert "Ava" in texts[0]  # the bot's persona name stays readable
    assert CARD not in json.dumps(kept) and EMAIL not in json.dumps(kept)
    assert "<EMAIL_ADDRESS>" in texts[1] and "1111>" in texts[2]
    flags = [turn["flagged"] for turn in item["turns"]]
    assert flags[0] is False and flags[2] is True  # the greeting; the card on screen


def test_a_conversation_without_findings_is_not_kept(tmp_path: Path) -> None:
    kept = _kept(tmp_path, conversation("c-fine", GREETING, ("customer", "Thanks, bye"),
                                        region="EU"))
    assert (kept["with_findings"], kept["kept"], kept["items"]) == (0, 0, [])


def test_the_limit_keeps_the_most_severe_and_counts_the_rest(tmp_path: Path) -> None:
    """A human claim (DISC, critical) and card leaks: one kept, the critical one."""
    leaks = [conversation(f"c-leak-{n}", GREETING, LEAK, region="EU") for n in range(2)]
    claim = conversation("c-claim", ("customer", "Are you a bot?"), EVASIVE, region="EU")
    document = run_audit([write_jsonl(tmp_path / "chats.jsonl",
                                      [r for c in (*leaks, claim) for r in c])],
                         policy=Policy(select=("PII", "DISC"), keep_conversations=1)).to_dict()
    kept = document["conversations"]
    severities: dict[str, int] = {}
    for finding in document["findings"]:
        rank = ["info", "low", "medium", "high", "critical"].index(finding["severity"])
        cid = finding["conversation_id"]
        severities[cid] = max(severities.get(cid, 0), rank)
    assert (kept["with_findings"], kept["kept"], kept["limit"]) == (3, 1, 1)
    assert severities[kept["items"][0]["conversation_id"]] == max(severities.values())


def test_keep_conversations_zero_keeps_none(tmp_path: Path) -> None:
    kept = _kept(tmp_path, conversation("c-leak", GREETING, LEAK, region="EU"),
                 policy=Policy(select=("PII",), keep_conversations=0))
    assert (kept["with_findings"], kept["kept"], kept["items"]) == (1, 0, [])


def test_keep_conversations_is_a_policy_option() -> None:
    assert parse_policy({"keep-conversations": 20}).keep_conversations == 20
    assert parse_policy({}).keep_conversations == DEFAULT_KEEP_CONVERSATIONS
    for wrong in (-1, "many", 2.5, True):
        with pytest.raises(PolicyError, match="keep-conversations"):
            parse_policy({"keep-conversations": wrong})


def test_a_long_turn_is_cut_after_redaction(tmp_path: Path) -> None:
    long_text = f"My card is {CARD}. " + "words " * 2000
    kept = _kept(tmp_path, conversation("c-long", GREETING, ("customer", long_text), LEAK,
                                        region="EU"))
    turn = kept["items"][0]["turns"][1]
    assert len(turn["text"]) < MAX_TURN_CHARS + 100 and "more characters not kept" in turn["text"]
    assert CARD not in turn["text"]


def test_an_id_holding_personal_data_is_masked_as_in_the_findings(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "chats.jsonl",
                       conversation(EMAIL, GREETING, LEAK, region="EU"))
    document = run_audit([path], policy=Policy(select=("PII",))).to_dict()
    shown = {f["conversation_id"] for f in document["findings"]}
    assert [item["conversation_id"] for item in document["conversations"]["items"]] == [
        *shown]
    assert EMAIL not in json.dumps(document["conversations"])


def test_the_result_version_is_the_newest_readable_and_a_2_0_result_is_still_read(
        tmp_path: Path) -> None:
    from auditor.document import READABLE_SCHEMA_VERSIONS
    from auditor.result import SCHEMA_VERSION

    assert SCHEMA_VERSION == READABLE_SCHEMA_VERSIONS[-1] == "2.1"
    path = write_jsonl(tmp_path / "chats.jsonl", conversation("c-1", GREETING, LEAK))
    document = run_audit([path], policy=Policy(select=("PII",))).to_dict()
    older = {key: value for key, value in document.items() if key != "conversations"}
    older["schema_version"] = "2.0"
    assert ResultDocument.from_dict(older).conversations is None


def test_each_finding_names_its_conversations_channel_language_and_region(
        tmp_path: Path) -> None:
    records = conversation("c-seg", GREETING, ("customer", "Which card?"), LEAK,
                           region="US-CA", language="en")
    records = [{**record, "channel": "whatsapp"} for record in records]
    other = [{**record, "channel": EMAIL} for record in conversation("c-odd", EVASIVE)]
    path = write_jsonl(tmp_path / "chats.jsonl", [*records, *other])
    document = run_audit([path], policy=Policy(select=("PII", "DISC"))).to_dict()
    ResultDocument.model_validate(document)
    segments = {f["conversation_id"]: f["segment"] for f in document["findings"]}
    assert segments["c-seg"] == {"channel": "whatsapp", "language": "en", "region": "US-CA"}
    # Free text from the export: personal data in it is masked like an id's.
    assert EMAIL not in json.dumps(segments["c-odd"])
    assert segments["c-odd"]["language"] is None and segments["c-odd"]["region"] is None
    [kept] = [item for item in document["conversations"]["items"]
              if item["conversation_id"] == "c-seg"]
    assert (kept["channel"], kept["language"], kept["region"]) == ("whatsapp", "en", "US-CA")


_NAMES = ("Priya Halvorsen", "Tomasz Okafor", "Lena Brightwater", "Mateo Quillfeather",
          "Ines Varga", "Kofi Lindqvist", "Aiko Fairbrook", "Ruth Castellanos")


def test_the_kept_conversations_are_analysed_in_one_batch_and_redacted_as_one_by_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor.findings import Finding, Severity
    from auditor.kept_conversations import keep_conversations
    from auditor.model import Conversation, Role, Turn
    from auditor.pii.conversations import conversation_contexts
    from auditor.pii.detector import Detector
    from auditor.redaction import redact

    conversations = {
        f"c-batch-{n}": Conversation(f"c-batch-{n}", (
            Turn(0, Role.BOT, f"Hi, I'm Ava, an AI assistant. Ticket {n} of the batch test."),
            Turn(1, Role.CUSTOMER, f"This is {name}, write to me at batch{n}@example.com"),
            Turn(2, Role.BOT, f"Thanks {name.split()[0]}, we wrote to batch{n}@example.com "
                              f"and will call 555-01{n:02d}.")))
        for n, name in enumerate(_NAMES)}
    findings = [Finding(code="PII004", check="identifiers-unredacted", severity=Severity.MEDIUM,
                        message="An unredacted e-mail address is stored.", conversation_id=cid,
                        turn_index=1, fingerprint=f"batch-{cid}") for cid in conversations]
    batches: list[int] = []
    compute = Detector._compute

    def counted(self: Detector, items: Any) -> Any:
        batches.append(len(items))
        return compute(self, items)

    monkeypatch.setattr(Detector, "_compute", counted)
    kept = keep_conversations(findings, len(findings), present=set(conversations),
                              conversation_of=conversations.get)
    monkeypatch.undo()
    assert batches == [3 * len(_NAMES)]  # every message, in one call of the language model
    for item in kept.items:
        conversation = conversations[item.conversation_id]
        contexts = conversation_contexts(conversation)
        expected = [redact(turn.text, speaker=turn.role.value, context=contexts.of(turn))
                    for turn in conversation.turns]
        assert [turn.text for turn in item.turns] == expected
        assert "Ava" in expected[0] and "<EMAIL_ADDRESS>" in expected[1]
        assert "<PERSON>" in expected[1] and "<PHONE_NUMBER>" in expected[2]
