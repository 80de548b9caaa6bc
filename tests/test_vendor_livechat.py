"""LiveChat Agent Chat API exports load as they are: a `list_archives` answer, a chat
and a `list_threads` answer are detected from content, authors are looked up among the
chat's users (a bot agent has no e-mail), notes for agents never become turns, system
messages become handoff and closing events, and the planted flaws are found while the
twin handed to a person is not flagged."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from auditor.loaders import LoadOptions, load_inputs
from auditor.loaders.columns import ColumnOverrides
from auditor.pipeline import run_audit
from auditor.policy import Policy
from tests.conftest import FIXTURES

CHATS = FIXTURES / "vendors" / "livechat-chats.json"
FLAWED = "RT7KQ2M4ZX/RT7KQ2M50A"
TWIN = "RT7KQ3B8VN/RT7KQ3B8WP"


def _archives() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(CHATS.read_text("utf-8"))
    return loaded


def _system(kind: str, text: str, at: str, **text_vars: str) -> dict[str, Any]:
    return {"id": f"s-{at}", "created_at": f"2026-10-09T15:10:{at}.000000Z",
            "visibility": "all", "type": "system_message", "system_message_type": kind,
            "text": text, "text_vars": text_vars}


def test_list_archives_is_detected_and_read_thread_by_thread(tmp_path: Path) -> None:
    renamed = Path(shutil.copy(CHATS, tmp_path / "export.jsonl"))
    for path in (CHATS, renamed):
        loaded = load_inputs([path])
        assert loaded.inputs[0].format == "livechat-thread"
        assert not loaded.skipped
        flawed, twin = loaded.audit.conversations
        assert (flawed.id, twin.id) == (FLAWED, TWIN)
        assert loaded.inputs[0].records == len(flawed.turns) + len(twin.turns)


def test_roles_events_times_and_rich_messages() -> None:
    flawed, twin = load_inputs([CHATS]).audit.conversations
    # The agent without an e-mail is the bot; the prechat form is the customer's.
    assert Counter(t.role.value for t in flawed.turns) == {"customer": 5, "bot": 5,
                                                           "system": 2}
    assert flawed.turns[0].text == "Name: Robin"  # an empty answer says nothing
    # The router assigning the bot is no handoff; archived for want of agents is a
    # failed one, then the end.
    assert [t.event for t in flawed.turns if t.event] == ["handoff_failed", "session_closed"]
    assert flawed.turns[-2].text == "Chat archived due to no available agents"
    stamp = flawed.turns[0].timestamp
    assert stamp is not None and stamp.isoformat() == "2026-10-09T14:00:00.120001+00:00"
    # A quick-replies rich message reads as its title and buttons.
    assert flawed.turns[3].text == ("Sorry about that! What would you like to do?\n"
                                    "Request a refund\nCheck my order")
    # The note for agents only never became a turn.
    assert not any("555-0147" in t.text for c in (flawed, twin) for t in c.turns)
    assert [(t.role.value, t.event) for t in twin.turns] == [
        ("bot", None), ("customer", None), ("bot", None), ("system", "handoff_initiated"),
        ("agent", None), ("customer", None), ("system", "session_closed")]


def test_planted_flaws_are_found_and_the_twin_is_handled() -> None:
    result = run_audit([CHATS], policy=Policy())
    found = {(f.code, f.conversation_id) for f in result.findings}
    assert {("DISC001", FLAWED), ("DISC003", FLAWED), ("DISC004", FLAWED),
            ("PII001", FLAWED), ("ESC003", FLAWED)} <= found
    # The agent's name in the transfer notice and introduction is the twin's only
    # finding: a stored name.
    twin = [f for f in result.findings if f.conversation_id == TWIN]
    assert [(f.code, f.severity.value) for f in twin] in ([], [("PII004", "low")])
    assert result.verdict.name.value == "failed"


def test_agents_joining_are_people_only_when_the_chat_lists_them_as_people(
        tmp_path: Path) -> None:
    archives = _archives()
    chat = archives["chats"][1]
    chat["thread"]["events"][4:5] = [
        _system("agent_joined", "Dana Reyes joined the chat", "18", agent="Dana Reyes"),
        _system("agent_added", "Dana Reyes added Ava to the chat", "19", agent="Ava",
                initiator="Dana Reyes"),
        _system("routing.assigned_signed_out", "Chat assigned to Lee because Dana Reyes "
                "had signed out", "20", agent_added="Lee", agent_removed="Dana Reyes")]
    path = tmp_path / "joined.json"
    path.write_text(json.dumps({"chats": [chat]}), encoding="utf-8")
    turns = load_inputs([path]).audit.conversations[0].turns
    # A person in `users` arrives; the bot added is none; an agent the chat does not
    # list is only a handoff step.
    assert [t.event for t in turns if t.event] == ["agent_joined", "handoff_initiated",
                                                   "session_closed"]


def test_a_list_threads_answer_names_unknown_authors_until_mapped(tmp_path: Path) -> None:
    thread = _archives()["chats"][1]["thread"]
    path = tmp_path / "RT7KQ3B8VN.json"
    path.write_text(json.dumps({"threads": [thread], "found_threads": 1,
                                "next_page_id": "MTUx"}, indent=2), encoding="utf-8")
    loaded = load_inputs([path])
    assert loaded.inputs[0].format == "livechat-thread"
    # No users in the answer: an author whose id is a login e-mail is an agent (bots
    # have none); any other is skipped as an unknown role named by its author id; the
    # system events are still read (the router's assignment to an agent it cannot look
    # up is only a handoff step).
    assert {s.kind for s in loaded.skipped} == {"unknown_role"}
    assert {s.value for s in loaded.skipped} == {
        "9f2c4e7a1b3d5f60718293a4b5c6d7e8", "7c0d2e4f-1a3b-4c5d-8e9f-0a1b2c3d4e02"}
    assert "agent" in {t.role.value for t in loaded.audit.conversations[0].turns}
    (conversation,) = loaded.audit.conversations
    assert conversation.id == TWIN  # the chat id is the file's name
    assert [t.event for t in conversation.turns if t.event] == [
        "handoff_initiated", "handoff_initiated", "session_closed"]
    mapped = load_inputs([path], options=LoadOptions(overrides=ColumnOverrides.parse(roles=[
        "9f2c4e7a1b3d5f60718293a4b5c6d7e8=bot", "7c0d2e4f-1a3b-4c5d-8e9f-0a1b2c3d4e02=customer",
        "dana.reyes@example.com=agent"])))
    assert not mapped.skipped
    assert Counter(t.role.value for t in mapped.audit.conversations[0].turns) == {
        "bot": 2, "customer": 2, "agent": 1, "system": 3}


def test_an_older_chat_with_recipients_and_epoch_times_and_a_stranger(tmp_path: Path) -> None:
    chat = _archives()["chats"][1]
    events = chat["thread"]["events"]
    # API v3.0-3.3 named visibility `recipients` and v3.0 timed events by `timestamp`.
    for event in events:
        event["recipients"] = event.pop("visibility")
    events[1]["timestamp"] = 1791558601
    del events[1]["created_at"]
    events[5]["recipients"] = "agents"
    events.insert(3, {"id": "x", "created_at": "2026-10-09T15:10:16.000000Z",
                      "recipients": "all", "type": "message", "author_id": "ghost-7",
                      "text": "Hello from someone the chat does not list"})
    chat.pop("thread")
    chat["threads"] = [{"id": "RT7KQ3B8WP", "created_at": "2026-10-09T15:10:00.000000Z",
                        "active": False, "user_ids": [], "events": events}]
    path = tmp_path / "chat.jsonl"
    path.write_text(json.dumps(chat) + "\n" + json.dumps({"id": "RT0EMPTY00", "users": []})
                    + "\n", encoding="utf-8")
    loaded = load_inputs([path])
    stranger, threadless = loaded.skipped
    assert (stranger.line, stranger.kind, stranger.value) == (1, "unknown_role", "ghost-7")
    assert "event 4" in stranger.reason
    assert (threadless.line, threadless.kind) == (2, "malformed")
    turns = loaded.audit.conversations[0].turns
    stamp = turns[0].timestamp
    assert stamp is not None and stamp.isoformat() == "2026-10-09T15:10:01+00:00"
    assert "agent" not in {t.role.value for t in turns}  # Dana's reply, for agents only
    # A bot agent may be mapped to another role by its name.
    renamed = load_inputs([path], options=LoadOptions(
        overrides=ColumnOverrides.parse(roles=["Ava=agent", "ghost-7=customer"])))
    assert len(renamed.skipped) == 1  # the chat without a thread
    assert {t.role.value for t in renamed.audit.conversations[0].turns} == {
        "agent", "customer", "system"}
