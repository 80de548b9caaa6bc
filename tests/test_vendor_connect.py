"""Amazon Connect Contact Lens analysis files load as they are: detected from content,
chat and call transcripts read with Connect's participant roles, chat events turned
into handoff events, and the planted flaws found while the clean call is not flagged."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

from auditor.loaders import load_inputs
from auditor.pipeline import run_audit
from auditor.policy import Policy
from tests.conftest import FIXTURES

VENDORS = FIXTURES / "vendors"
CHAT = VENDORS / "contact-lens-chat.json"
VOICE = VENDORS / "contact-lens-voice.json"


def test_contact_lens_files_are_detected_from_content_and_read_whole(tmp_path: Path) -> None:
    renamed = Path(shutil.copy(CHAT, tmp_path / "export.jsonl"))
    for paths in ([CHAT, VOICE], [renamed, VOICE]):
        loaded = load_inputs(paths)
        assert [i.format for i in loaded.inputs] == ["contact-lens", "contact-lens"]
        assert not loaded.skipped
        assert [i.records for i in loaded.inputs] == [1, 1]  # one contact per file
        chat, voice = loaded.audit.conversations
        assert (chat.id, voice.id) == ("cl-chat-contact-0001", "cl-voice-contact-0002")
        assert (chat.channel, voice.channel) == ("chat", "voice")


def test_chat_roles_events_and_times() -> None:
    chat = load_inputs([CHAT]).audit.conversations[0]
    # SYSTEM (the flow's prompts and the Lex bot) is the bot, except the flow's greeting
    # before the customer wrote, a notice; the customer joining or leaving is plumbing.
    assert Counter(t.role.value for t in chat.turns) == {"bot": 4, "customer": 3,
                                                         "system": 3}
    assert chat.turns[0].role.value == "system" and "welcome" in chat.turns[0].text
    assert [t.event for t in chat.turns if t.event] == ["handoff_failed", "session_closed"]
    stamp = chat.turns[0].timestamp
    assert stamp is not None and stamp.isoformat() == "2026-10-06T10:00:01.480000+00:00"
    # A Lex list picker reads as its title, subtitle and options, not its JSON.
    assert chat.turns[1].text == ("What can I help you with?\nTap to select option\n"
                                  "Billing\nTechnical support\nSomething else")


def test_call_participants_are_looked_up_and_redactions_kept() -> None:
    voice = load_inputs([VOICE]).audit.conversations[0]
    assert [t.role.value for t in voice.turns] == ["bot", "customer", "bot", "agent",
                                                   "customer", "agent", "customer"]
    # Offsets from a call start the file does not give: no invented times.
    assert all(t.timestamp is None for t in voice.turns)
    assert voice.turns[1].text == "Hi, this is [PII]. I'd like to talk to a person about my bill."


def test_contact_lens_planted_flaws_are_found_and_the_call_is_clean() -> None:
    result = run_audit([CHAT, VOICE], policy=Policy())
    found = {(f.code, f.conversation_id) for f in result.findings}
    chat = "cl-chat-contact-0001"
    assert {("DISC001", chat), ("DISC003", chat), ("DISC004", chat), ("PII001", chat),
            ("ESC003", chat)} <= found
    assert not [c for c in found if c[1] == "cl-voice-contact-0002"]
    assert result.verdict.name.value == "failed"


def test_an_agent_joining_a_chat_is_a_person_arriving(tmp_path: Path) -> None:
    analysis = json.loads(CHAT.read_text("utf-8"))
    analysis["Participants"].append({"ParticipantId": "agent-1", "ParticipantRole": "AGENT"})
    analysis["Transcript"][-3:] = [
        {"AbsoluteTime": "2026-10-06T10:01:40.000Z", "Id": "j", "Type": "EVENT",
         "ContentType": "application/vnd.amazonaws.connect.event.participant.joined",
         "ParticipantId": "agent-1", "ParticipantRole": "AGENT", "DisplayName": "Dana"},
        {"AbsoluteTime": "2026-10-06T10:01:44.000Z", "Id": "m", "Type": "MESSAGE",
         "ContentType": "text/markdown", "Content": "Hi, this is **Dana** from billing.",
         "ParticipantId": "agent-1", "ParticipantRole": "AGENT", "DisplayName": "Dana"}]
    path = tmp_path / "joined.json"
    path.write_text(json.dumps(analysis), encoding="utf-8")
    turns = load_inputs([path]).audit.conversations[0].turns
    assert [(t.role.value, t.event) for t in turns[-2:]] == [("system", "agent_joined"),
                                                            ("agent", None)]
    codes = {f.code for f in run_audit([path], policy=Policy()).findings}
    assert "ESC003" not in codes


def test_bad_items_are_skipped_one_by_one_and_the_file_name_gives_the_contact(
        tmp_path: Path) -> None:
    analysis = json.loads(VOICE.read_text("utf-8"))
    del analysis["CustomerMetadata"]
    analysis["Transcript"].insert(1, "not an item")
    analysis["Transcript"].insert(2, {"BeginOffsetMillis": 5200, "EndOffsetMillis": 5900,
                                      "Id": "x", "Content": "(inaudible)",
                                      "ParticipantId": "OBSERVER"})
    path = tmp_path / "4f2c-contact_analysis_redacted_2026-10-06T10:14:16Z.json"
    path.write_text(json.dumps(analysis, indent=2), encoding="utf-8")
    loaded = load_inputs([path])
    reasons = [(s.kind, s.reason.split(":")[0]) for s in loaded.skipped]
    assert reasons == [("malformed", "transcript item 2"),
                       ("unknown_role", "transcript item 3")]
    (voice,) = loaded.audit.conversations
    assert voice.id == "4f2c-contact"
    assert len(voice.turns) == 7  # every other item is still read


def test_several_analyses_as_json_lines_are_several_contacts(tmp_path: Path) -> None:
    lines = [json.loads(p.read_text("utf-8")) for p in (CHAT, VOICE)]
    path = tmp_path / "analyses.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in lines), encoding="utf-8")
    loaded = load_inputs([path])
    assert loaded.inputs[0].format == "contact-lens" and loaded.inputs[0].records == 2
    assert [c.id for c in loaded.audit.conversations] == ["cl-chat-contact-0001",
                                                          "cl-voice-contact-0002"]


def test_a_person_handled_chat_with_flow_notices_has_no_bot(tmp_path: Path) -> None:
    # The shape of the Administrator Guide's chat example: the flow greets and queues
    # the customer, then a person answers; no one ever talks with a bot.
    def item(n: int, role: str, name: str, text: str | None = None) -> dict[str, object]:
        found: dict[str, object] = {
            "AbsoluteTime": f"2026-10-27T03:31:{n:02d}.000Z", "Id": f"i-{n}",
            "ParticipantId": f"p-{role}", "ParticipantRole": role, "DisplayName": name,
            "Type": "MESSAGE" if text else "EVENT",
            "ContentType": "text/plain" if text
            else "application/vnd.amazonaws.connect.event.participant.joined"}
        if text:
            found["Content"] = text
        return found

    analysis = {
        "Version": "1.1.0", "Channel": "CHAT", "ContentMetadata": {"Output": "Raw"},
        "CustomerMetadata": {"ContactId": "cl-chat-person"},
        "Participants": [{"ParticipantId": "p-CUSTOMER", "ParticipantRole": "CUSTOMER"},
                         {"ParticipantId": "p-SYSTEM", "ParticipantRole": "SYSTEM"},
                         {"ParticipantId": "p-AGENT", "ParticipantRole": "AGENT"}],
        "Transcript": [
            item(1, "CUSTOMER", "Kim"),
            item(2, "SYSTEM", "SYSTEM_MESSAGE", "Hello, thanks for contacting us."),
            item(3, "SYSTEM", "SYSTEM_MESSAGE", "You are now being placed in queue."),
            item(4, "AGENT", "Jane"),
            item(5, "AGENT", "Jane", "Hi, this is [PII] from support. How can I help?"),
            item(6, "CUSTOMER", "Kim", "My order never came."),
            item(7, "SYSTEM", "SYSTEM_MESSAGE", "Your agent has sent a file."),
            item(8, "AGENT", "Jane", "Sorry about that, I have sent a new one today.")]}
    path = tmp_path / "cl-chat-person_analysis_2026-10-27T03:32:00Z.json"
    path.write_text(json.dumps(analysis), encoding="utf-8")
    [chat] = load_inputs([path]).audit.conversations
    assert [t.role.value for t in chat.turns] == [
        "system", "system", "system", "agent", "customer", "system", "agent"]
    assert run_audit([path], policy=Policy()).findings == ()


def test_a_time_pickers_slots_are_what_the_customer_chose_from(tmp_path: Path) -> None:
    template = {"templateType": "TimePicker", "version": "1.0", "data": {
        "replyMessage": {"title": "Thanks for selecting"},
        "content": {"title": "Book a call back", "subtitle": "Pick a time",
                    "timeslots": [{"date": "2026-10-31T17:00+00:00", "duration": 60},
                                  {"date": "2026-11-02T09:30+00:00", "duration": 30}]}}}
    analysis = {"Channel": "CHAT", "ContentMetadata": {"Output": "Raw"},
                "CustomerMetadata": {"ContactId": "c-1"},
                "Participants": [{"ParticipantId": "s", "ParticipantRole": "SYSTEM"}],
                "Transcript": [{"AbsoluteTime": "2026-10-27T03:31:57.500Z", "Type": "MESSAGE",
                                "ContentType": "application/vnd.amazonaws.connect.message."
                                "interactive", "ParticipantId": "s", "DisplayName": "BOT",
                                "ParticipantRole": "SYSTEM", "Content": json.dumps(template)}]}
    path = tmp_path / "picker.json"
    path.write_text(json.dumps(analysis), encoding="utf-8")
    [turn] = load_inputs([path]).audit.conversations[0].turns
    assert turn.text == ("Book a call back\nPick a time\n2026-10-31T17:00+00:00\n"
                         "2026-11-02T09:30+00:00")
