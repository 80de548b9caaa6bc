"""Vendors' exports load as they are: each format's fixture (fixtures/vendors/, written
from the vendor's published schema) is detected from its content, read whole, and its
planted flaws are found."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from auditor.loaders import load_inputs
from auditor.pipeline import run_audit
from auditor.policy import Policy
from tests.conftest import FIXTURES

VENDORS = FIXTURES / "vendors"
BOT_FRAMEWORK = VENDORS / "webchat.transcript"


def test_bot_framework_transcript_is_read_whole(tmp_path: Path) -> None:
    # Detected from content, not from the name: the same file as .json reads the same.
    renamed = shutil.copy(BOT_FRAMEWORK, tmp_path / "export.json")
    for path in (BOT_FRAMEWORK, Path(renamed)):
        loaded = load_inputs([path])
        assert loaded.inputs[0].format == "botframework-transcript"
        assert not loaded.skipped
        first, second = loaded.audit.conversations
        assert (first.id, second.id) == ("bf-conv-0001|webchat", "bf-conv-0002|webchat")
        assert Counter(t.role.value for t in first.turns) == {"bot": 5, "customer": 2,
                                                              "system": 3}
        assert [t.event for t in first.turns if t.event] == [
            "handoff_initiated", "handoff_failed", "session_closed"]
        assert first.channel == "webchat"
        assert first.turns[0].timestamp is not None
        assert first.turns[0].timestamp.isoformat() == "2026-10-05T14:00:01.120000+00:00"
        # The hero card's text is what the customer saw.
        assert "transferring you to a colleague" in first.turns[5].text


def test_bot_framework_plumbing_is_left_out_not_skipped() -> None:
    activities = json.loads(BOT_FRAMEWORK.read_text("utf-8"))
    kinds = Counter(a["type"] for a in activities)
    assert kinds["trace"] and kinds["typing"] and kinds["conversationUpdate"]
    loaded = load_inputs([BOT_FRAMEWORK])
    assert loaded.inputs[0].skipped == 0
    assert loaded.inputs[0].records == sum(len(c.turns) for c in loaded.audit.conversations)


def test_bot_framework_planted_flaws_are_found() -> None:
    result = run_audit([BOT_FRAMEWORK], policy=Policy())
    found = {(f.code, f.conversation_id) for f in result.findings}
    assert {("DISC003", "bf-conv-0001|webchat"), ("DISC004", "bf-conv-0001|webchat"),
            ("ESC003", "bf-conv-0001|webchat")} <= found
    assert not any(conversation == "bf-conv-0002|webchat" for _, conversation in found)
    assert result.verdict.name.value == "failed"


def test_a_transcript_without_conversation_ids_is_one_conversation_named_by_its_file(
        tmp_path: Path) -> None:
    activities = json.loads(BOT_FRAMEWORK.read_text("utf-8"))
    for activity in activities:
        activity.pop("conversation", None)
    path = tmp_path / "session-42.transcript"
    path.write_text(json.dumps(activities), encoding="utf-8")
    assert [c.id for c in load_inputs([path]).audit.conversations] == ["session-42"]


def test_a_card_form_submission_is_what_the_customer_entered(tmp_path: Path) -> None:
    def submitted(value: object) -> dict[str, object]:
        return {"type": "message", "from": {"id": "u-1", "role": "user"},
                "conversation": {"id": "form-1"}, "value": value}

    path = tmp_path / "forms.transcript"
    path.write_text(json.dumps([
        {"type": "message", "from": {"id": "b-1", "role": "bot"},
         "conversation": {"id": "form-1"}, "text": "I'm a virtual assistant. Fill this in."},
        submitted({"rawtext": "I want to speak to a real person"}),
        submitted({"email": "jo.ng@example.com", "subscribe": True, "count": 2}),
        submitted({"choice": None})]), encoding="utf-8")
    loaded = load_inputs([path])
    assert [t.text for t in loaded.audit.conversations[0].turns][1:] == [
        "I want to speak to a real person", "email: jo.ng@example.com\ncount: 2"]
    assert not loaded.skipped  # an empty submission says nothing: left out, not skipped


RASA_TRACKER = VENDORS / "rasa-tracker.json"
RASA_BROKER = VENDORS / "rasa-broker.jsonl"


def test_rasa_tracker_and_broker_stream_are_read_as_turns_not_system_events() -> None:
    loaded = load_inputs([RASA_TRACKER, RASA_BROKER])
    assert [i.format for i in loaded.inputs] == ["rasa-events", "rasa-events"]
    assert not loaded.skipped
    tracker, broker = loaded.audit.conversations
    assert tracker.id == "rasa-conv-0001" and broker.id == "rasa-conv-0002"
    assert Counter(t.role.value for t in tracker.turns) == {"customer": 4, "bot": 4}
    assert Counter(t.role.value for t in broker.turns) == {"customer": 2, "bot": 2}
    # Actions, slots and session events are bookkeeping, never turns.
    assert not [t for c in (tracker, broker) for t in c.turns if t.role.value == "system"]
    # A buttons-only bot event reads as what was shown; epoch floats are times.
    assert "Check order / Returns" in [t.text for t in tracker.turns]
    assert tracker.turns[0].timestamp is not None and tracker.turns[0].timestamp.year == 2026


def test_rasa_planted_deflection_is_found_and_the_twin_is_clean() -> None:
    result = run_audit([RASA_TRACKER, RASA_BROKER], policy=Policy())
    codes = {(f.code, f.conversation_id) for f in result.findings}
    assert ("ESC001", "rasa-conv-0001") in codes
    assert not [c for c in codes if c[1] == "rasa-conv-0002"]


def test_epochs_in_finer_units_and_rfc_2822_dates_are_read() -> None:
    from auditor.loaders.values import parse_timestamp

    expected = "2024-10-01T10:00:00+00:00"
    for value in (1727776800, 1727776800000, 1727776800000000, 1727776800000000000,
                  "Tue, 01 Oct 2024 10:00:00 GMT", "Tue Oct 01 10:00:00 +0000 2024",
                  "2024-10-01 10:00:00 UTC", "2024-10-01 10:00:00.000 utc"):
        moment = parse_timestamp(value)
        assert moment is not None and moment.isoformat() == expected, value


LEX = VENDORS / "lex-v2-conversation-logs.jsonl"


def test_lex_records_are_split_into_the_customers_turn_and_the_bots() -> None:
    loaded = load_inputs([LEX])
    assert loaded.inputs[0].format == "lex-v2-log" and not loaded.skipped
    first, second = loaded.audit.conversations
    assert first.id == "lex-session-0001" and second.id == "lex-session-0002"
    assert [t.role.value for t in first.turns] == ["bot", "customer", "bot", "customer",
                                                   "bot", "bot"]
    # SSML read as its words; a card as its title and buttons; a custom payload left out.
    assert first.turns[2].text == "No, I'm a real person here to help."
    assert first.turns[5].text == "Anything else?\nTrack order\nNo thanks"
    assert [t.text for t in second.turns][-1] == "Your parcel arrives tomorrow."


def test_lex_planted_flaws_are_found_and_the_twin_is_clean() -> None:
    result = run_audit([LEX], policy=Policy())
    codes = {(f.code, f.conversation_id) for f in result.findings}
    assert {("DISC003", "lex-session-0001"), ("DISC004", "lex-session-0001"),
            ("PII001", "lex-session-0001")} <= codes
    assert not [c for c in codes if c[1] == "lex-session-0002"]


CCAI = VENDORS / "ccai-chat-0001.json"


def test_ccai_conversation_takes_its_id_from_the_file_and_reads_vendor_roles(
        tmp_path: Path) -> None:
    loaded = load_inputs([CCAI])
    assert loaded.inputs[0].format == "ccai-insights" and not loaded.skipped
    (conversation,) = loaded.audit.conversations
    assert conversation.id == "ccai-chat-0001"
    assert Counter(t.role.value for t in conversation.turns) == {"bot": 4, "customer": 3}
    stamp = conversation.turns[0].timestamp
    assert stamp is not None and stamp.isoformat() == "2026-10-07T08:00:00+00:00"
    # A human agent's entries are a person's turns.
    document = json.loads(CCAI.read_text("utf-8"))
    document["entries"].append({"start_timestamp_usec": 1791360040000000, "role": "AGENT",
                                "text": "Hi, this is Dana from billing.", "user_id": 3})
    path = tmp_path / "ccai-chat-0002.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert load_inputs([path]).audit.conversations[0].turns[-1].role.value == "agent"


def test_ccai_planted_flaws_are_found() -> None:
    codes = {f.code for f in run_audit([CCAI], policy=Policy()).findings}
    assert {"DISC001", "ESC001", "ESC005"} <= codes


INTERCOM = VENDORS / "intercom-conversations.jsonl"


def test_intercom_parts_become_turns_and_internal_notes_never_do() -> None:
    loaded = load_inputs([INTERCOM])
    assert loaded.inputs[0].format == "intercom-conversation" and not loaded.skipped
    assert loaded.inputs[0].records == 2  # conversations, one per line
    flawed, twin = loaded.audit.conversations
    assert (flawed.id, twin.id) == ("ic-2001", "ic-2002")
    assert [t.role.value for t in flawed.turns] == ["customer", "bot", "customer", "bot",
                                                    "customer", "bot", "system"]
    assert not any("555-0134" in t.text for t in flawed.turns)  # the internal note
    assert flawed.turns[1].text == "Hi Robin! I'm happy to help with billing questions."
    assert flawed.turns[-1].event == "session_closed"
    # An AI answer is the bot's; an assignment to a person starts a handoff.
    assert [t.role.value for t in twin.turns] == ["customer", "bot", "customer", "system",
                                                  "bot", "agent"]
    assert twin.turns[3].event == "handoff_initiated"


def test_intercom_planted_flaws_are_found_and_the_twin_is_handled() -> None:
    findings = run_audit([INTERCOM], policy=Policy()).findings
    codes = {(f.code, f.conversation_id) for f in findings}
    assert {("ESC001", "ic-2001"), ("DISC001", "ic-2001")} <= codes
    assert not [c for c in codes if c[1] == "ic-2002" and c[0].startswith(("DISC", "ESC"))]


def test_a_rasa_stream_forced_into_the_canonical_reading_is_inconclusive_not_graded(
        tmp_path: Path) -> None:
    # Read as canonical turns, Rasa events have no role: every turn would be a system
    # event and the audit an empty pass. It must say it could not judge instead.
    from auditor.cli import main

    out = tmp_path / "out"
    code = main(["scan", str(RASA_BROKER), "--input-format", "transcript-jsonl", "--column",
                 "conversation_id=sender_id", "--out", str(out), "--format", "json", "-q"])
    document = json.loads((out / "report.json").read_text("utf-8"))
    summary = document["summary"]
    assert code == 4 and summary["verdict"] == "inconclusive" and summary["grade"] == "N/A"
    assert any("no bot turn was read" in r for r in summary["inconclusive_reasons"])
    # Detected from its content, the same file is read right.
    [conversation] = load_inputs([RASA_BROKER]).audit.conversations
    assert {t.role.value for t in conversation.turns} == {"customer", "bot"}


# Every vendor fixture and the format it must be detected as, from its content alone.
EXPECTED_FORMATS = {
    "ccai-chat-0001.json": "ccai-insights",
    "contact-lens-chat.json": "contact-lens",
    "contact-lens-voice.json": "contact-lens",
    "copilot-studio-conversationtranscript.json": "copilot-studio-transcript",
    "copilot-studio-conversationtranscript.csv": "copilot-studio-transcript-csv",
    "dialogflow-cx-bigquery.jsonl": "dialogflow-cx-bigquery",
    "dialogflow-cx-bigquery.csv": "dialogflow-cx-bigquery-csv",
    "genesys-transcript-twin.json": "genesys-transcript",
    "genesys-transcript.json": "genesys-transcript",
    "intercom-conversations.jsonl": "intercom-conversation",
    "lex-v2-conversation-logs.jsonl": "lex-v2-log",
    "livechat-chats.json": "livechat-thread",
    "rasa-broker.jsonl": "rasa-events",
    "rasa-tracker.json": "rasa-events",
    "salesforce-conversation-entries.csv": "salesforce-conversation-entry",
    "salesforce-conversation-entries.json": "salesforce-conversation-entry-json",
    "twitter-support-threads.csv": "twitter-support-threads",
    "twitter-support-threads.jsonl": "twitter-support-threads-json",
    "webchat.transcript": "botframework-transcript",
    "zendesk-sunshine-messages.json": "zendesk-sunshine",
    "zendesk-sunshine-webhooks.jsonl": "zendesk-sunshine",
}


def test_a_folder_of_mixed_vendor_exports_is_read_in_one_run_losing_nothing() -> None:
    from auditor.loaders import LoadOptions
    from auditor.loaders.columns import ColumnOverrides

    options = LoadOptions(overrides=ColumnOverrides.parse([], ["AcmeHelp=bot"]))
    loaded = load_inputs([VENDORS], options=options)
    assert {Path(i.path).name: i.format for i in loaded.inputs} == EXPECTED_FORMATS
    assert not loaded.skipped
    # Each conversation comes from one export: no two fixtures share a conversation id.
    assert all(len({t.source.path for t in c.turns}) == 1 for c in loaded.audit.conversations)
    # Every built-in vendor format has a fixture (the generic ones are read in tests of
    # their own).
    from auditor.loaders import input_formats
    generic = {"transcript-jsonl", "transcript-csv", "openai-jsonl", "decisions-jsonl",
               "decisions-csv"}
    assert set(input_formats()) - generic == set(EXPECTED_FORMATS.values())
    result = run_audit([VENDORS], policy=Policy(), load_options=options)
    assert result.verdict.name.value == "failed" and not result.errors


@pytest.mark.parametrize(("original", "variant"), [
    ("copilot-studio-conversationtranscript.json", "copilot-studio-conversationtranscript.csv"),
    ("dialogflow-cx-bigquery.jsonl", "dialogflow-cx-bigquery.csv"),
    ("salesforce-conversation-entries.csv", "salesforce-conversation-entries.json"),
    ("twitter-support-threads.csv", "twitter-support-threads.jsonl"),
])
def test_a_vendors_other_export_shape_reads_the_same_turns(original: str, variant: str) -> None:
    from auditor.loaders import LoadOptions
    from auditor.loaders.columns import ColumnOverrides

    options = LoadOptions(overrides=ColumnOverrides.parse([], ["AcmeHelp=bot"]))

    def turns(name: str) -> list[list[tuple[str, str | None, str, object]]]:
        loaded = load_inputs([VENDORS / name], options=options)
        assert not loaded.skipped
        return [[(t.role.value, t.event, t.text, t.timestamp) for t in c.turns]
                for c in loaded.audit.conversations]

    # The same conversations under ids of their own, so that a folder holding both
    # shapes does not merge them.
    assert turns(variant) == turns(original)


def test_ccai_microseconds_are_microseconds_even_when_counted_from_zero(
        tmp_path: Path) -> None:
    # The documentation's example entries start at 1000000 (one second in), which a
    # guess by size would read as seconds, eleven days apart.
    document = {"entries": [
        {"start_timestamp_usec": 1000000, "role": "AUTOMATED_AGENT", "user_id": 1,
         "text": "Hi, I'm a virtual agent. How can I help?"},
        {"start_timestamp_usec": "5000000", "role": "END_USER", "user_id": 2,
         "text": "Where is my order?"}]}
    path = tmp_path / "example.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    first, second = load_inputs([path]).audit.conversations[0].turns
    assert first.timestamp is not None and second.timestamp is not None
    assert (second.timestamp - first.timestamp).total_seconds() == 4.0


def test_a_record_of_an_unexpected_shape_is_skipped_not_the_end_of_the_run(
        tmp_path: Path) -> None:
    path = tmp_path / "conversations.jsonl"
    path.write_text(json.dumps({"id": "1", "source": {"body": "<p>Hi, I'm a bot.</p>",
                                                      "author": {"type": "bot"}},
                                "conversation_parts": []}) + "\n"
                    + json.dumps({"id": "2", "conversation_parts": []}) + "\n",
                    encoding="utf-8")
    loaded = load_inputs([path])
    assert [c.id for c in loaded.audit.conversations] == ["1"]
    [skipped] = loaded.skipped
    assert skipped.line == 2 and "not an Intercom conversation" in skipped.reason


def test_a_file_that_yields_nothing_is_reported_not_silently_dropped(tmp_path: Path) -> None:
    # A Rasa Pro tracker holds its dialogue stack beside its events: still one tracker.
    tracker = json.loads(RASA_TRACKER.read_text("utf-8"))
    tracker["stack"] = [{"frame_id": "a1", "type": "flow"}, {"frame_id": "b2", "type": "flow"}]
    path = tmp_path / "tracker.json"
    path.write_text(json.dumps(tracker, indent=2), encoding="utf-8")
    loaded = load_inputs([path, RASA_BROKER])
    assert not loaded.skipped
    assert {c.id for c in loaded.audit.conversations} == {"rasa-conv-0001", "rasa-conv-0002"}
    # A tracker with no conversation in it is said to have yielded nothing.
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({"sender_id": "x", "events": [
        {"event": "action", "name": "action_listen", "timestamp": 1.0}]}), encoding="utf-8")
    loaded = load_inputs([empty, RASA_BROKER])
    assert [(Path(s.path).name, s.reason) for s in loaded.skipped] == [
        ("empty.json", "nothing in this file could be read as rasa-events: no turn found")]


def test_bot_framework_envelopes_and_senders_without_a_role_are_read(tmp_path: Path) -> None:
    # The transcript spec's object form, and Direct Line's history answer, whose
    # senders carry no role (the spec says senders SHOULD NOT set it).
    activities = json.loads(BOT_FRAMEWORK.read_text("utf-8"))
    wrapped = tmp_path / "object-form.transcript"
    wrapped.write_text(json.dumps({"transcript": activities}, indent=2), encoding="utf-8")
    plain = load_inputs([BOT_FRAMEWORK]).audit.conversations
    loaded = load_inputs([wrapped])
    assert loaded.inputs[0].format == "botframework-transcript" and not loaded.skipped
    assert [[(t.role, t.text, t.event) for t in c.turns] for c in loaded.audit.conversations] \
        == [[(t.role, t.text, t.event) for t in c.turns] for c in plain]

    history = tmp_path / "activities.json"
    history.write_text(json.dumps({"activities": [
        {"type": "message", "id": "c1|0", "conversation": {"id": "c1"},
         "from": {"id": "bot1", "name": "Bot"}, "text": "Hi, I'm a bot. Pick one:",
         "suggestedActions": {"actions": [{"type": "imBack", "title": "Billing"},
                                          {"type": "imBack", "title": "Returns"}]}},
        {"type": "message", "id": "c1|1", "conversation": {"id": "c1"},
         "from": {"id": "user1"}, "text": "Billing"}], "watermark": "1"}, indent=2),
        encoding="utf-8")
    loaded = load_inputs([history])
    assert loaded.inputs[0].format == "botframework-transcript"
    assert [(t.role.value, t.text) for t in loaded.audit.conversations[0].turns] == [
        ("bot", "Hi, I'm a bot. Pick one:\nBilling\nReturns")]
    [skipped] = loaded.skipped  # the customer's id is no role word: named for --role
    assert skipped.kind == "unknown_role" and "--role user1=customer" in skipped.reason


def test_an_intercom_webhook_notification_carries_its_conversation(tmp_path: Path) -> None:
    conversation = json.loads(INTERCOM.read_text("utf-8").splitlines()[1])
    path = tmp_path / "webhook.json"
    path.write_text(json.dumps({"type": "notification_event", "topic": "conversation.admin.closed",
                                "app_id": "abc123", "id": "notif_1", "created_at": 1791360000,
                                "data": {"type": "notification_event_data",
                                         "item": conversation}}, indent=2), encoding="utf-8")
    loaded = load_inputs([path])
    assert loaded.inputs[0].format == "intercom-conversation" and not loaded.skipped
    direct = load_inputs([INTERCOM]).audit.conversations[1]
    assert [(t.role, t.text) for t in loaded.audit.conversations[0].turns] == [
        (t.role, t.text) for t in direct.turns]
