"""Zendesk Sunshine Conversations exports load as they are: a "List Messages" answer and
webhook bodies are detected from content, business authors are told apart by what each
message documents (AI subtype, Zendesk's bot or Agent Workspace), rich content reads as
what was shown, Switchboard control changes become handoff events, and the planted
flaws are found while the twin handled by a person is not flagged."""

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

VENDORS = FIXTURES / "vendors"
MESSAGES = VENDORS / "zendesk-sunshine-messages.json"
WEBHOOKS = VENDORS / "zendesk-sunshine-webhooks.jsonl"
TWIN = "6a2e00f0e4b0d1a2b3c4c002"


def _lines(*records: dict[str, Any]) -> str:
    return "\n".join(json.dumps(record) for record in records) + "\n"


def _message(author: dict[str, Any], text: str, *, source: str = "web",
             received: str = "2026-10-08T10:00:00.000Z", **extra: Any) -> dict[str, Any]:
    return {"id": f"m-{len(text)}", "received": received, "author": author,
            "content": {"type": "text", "text": text}, "source": {"type": source}, **extra}


USER = {"type": "user", "userId": "u-1", "displayName": "Robin"}


def test_a_list_messages_answer_and_webhook_bodies_are_detected_and_read_whole(
        tmp_path: Path) -> None:
    # Detected from content, not from the name; the answer's conversation is its file.
    renamed = Path(shutil.copy(MESSAGES, tmp_path / "6a1f00f0e4b0d1a2b3c4c001.json"))
    hooks = Path(shutil.copy(WEBHOOKS, tmp_path / "hooks.json"))
    for paths, first_id in (([MESSAGES, WEBHOOKS], "zendesk-sunshine-messages"),
                            ([renamed, hooks], "6a1f00f0e4b0d1a2b3c4c001")):
        loaded = load_inputs(paths)
        assert [i.format for i in loaded.inputs] == ["zendesk-sunshine", "zendesk-sunshine"]
        assert not loaded.skipped
        flawed, twin = loaded.audit.conversations
        assert (flawed.id, twin.id) == (first_id, TWIN)
        assert (flawed.channel, twin.channel) == ("web", "whatsapp")


def test_roles_times_and_rich_content() -> None:
    flawed, twin = load_inputs([MESSAGES, WEBHOOKS]).audit.conversations
    # Zendesk's bot (zd:answerBot) is the bot; an image without a caption says nothing.
    assert Counter(t.role.value for t in flawed.turns) == {"customer": 5, "bot": 6}
    stamp = flawed.turns[0].timestamp
    assert stamp is not None and stamp.isoformat() == "2026-10-08T09:15:02.114000+00:00"
    # A carousel reads as its items and buttons, reply buttons follow their text, a
    # form is its labels and the customer's response its `label: value` lines.
    assert flawed.turns[5].text == ("Billing FAQ\nAnswers to the most common billing "
                                    "questions\nRead more\nRefunds\nHow and when refunds "
                                    "reach your card\nStart a refund")
    assert flawed.turns[7].text.endswith("Shall I refund the second charge?\n"
                                         "Yes, refund it\nNo")
    assert [t.text for t in flawed.turns[8:10]] == ["Your email",
                                                    "Your email: robin.k@example.com"]
    # The AI subtype is the bot, Agent Workspace a person; passControl to it a handoff.
    assert [(t.role.value, t.event) for t in twin.turns] == [
        ("customer", None), ("bot", None), ("customer", None), ("bot", None),
        ("system", "handoff_initiated"), ("agent", None), ("customer", None),
        ("agent", None)]
    assert twin.turns[1].text.endswith("Track an order\nChange an order")


def test_planted_flaws_are_found_and_the_twin_is_handled() -> None:
    result = run_audit([MESSAGES, WEBHOOKS], policy=Policy())
    found = {(f.code, f.conversation_id) for f in result.findings}
    flawed = "zendesk-sunshine-messages"
    assert {("DISC001", flawed), ("DISC003", flawed), ("DISC004", flawed),
            ("ESC001", flawed), ("PII001", flawed)} <= found
    # The agent introducing themself by name is the twin's only finding: a stored name.
    twin = [f for f in result.findings if f.conversation_id == TWIN]
    assert [(f.code, f.severity.value) for f in twin] in ([], [("PII004", "low")])
    assert result.verdict.name.value == "failed"


def test_a_business_author_nothing_marks_is_an_unknown_role_until_mapped(
        tmp_path: Path) -> None:
    path = tmp_path / "messages.jsonl"
    path.write_text(_lines(
        _message(USER, "Where is my parcel?", conversationId="c-7"),
        _message({"type": "business", "displayName": "Ava"}, "It arrives tomorrow.",
                 source="api:conversations", conversationId="c-7"),
        {"id": "m-broken", "received": "2026-10-08T10:00:09.000Z", "conversationId": "c-7",
         "content": {"type": "text", "text": "no author"}, "source": {"type": "web"},
         "author": "Robin"},
        _message({"type": "business", "subtypes": ["activity"], "displayName": "System"},
                 "The conversation was reopened.", source="api:conversations",
                 conversationId="c-7")), encoding="utf-8")
    loaded = load_inputs([path])
    assert loaded.inputs[0].format == "zendesk-sunshine"
    unknown, broken = loaded.skipped
    assert (unknown.line, unknown.kind, unknown.value) == (2, "unknown_role", "Ava")
    assert "--role Ava=bot" in unknown.reason
    assert (broken.line, broken.kind) == (3, "unmapped_field")
    (conversation,) = loaded.audit.conversations
    assert conversation.id == "c-7"
    # An activity message is a system notice, never the bot speaking.
    assert [t.role.value for t in conversation.turns] == ["customer", "system"]
    # Mapped by its display name, the same author is read; the mapping also wins over
    # what the source suggests.
    mapped = load_inputs([path], options=LoadOptions(
        overrides=ColumnOverrides.parse(roles=["Ava=bot", "System=agent"])))
    assert [t.role.value for t in mapped.audit.conversations[0].turns] == [
        "customer", "bot", "agent"]


def test_switchboard_control_changes_and_failures(tmp_path: Path) -> None:
    def control(kind: str, at: str, **conversation: Any) -> dict[str, Any]:
        return {"id": f"e-{at}", "createdAt": f"2026-10-08T12:00:{at}.000Z", "type": kind,
                "payload": {"conversation": {"id": "c-9", "type": "personal",
                                             **conversation}}}

    agents = {"integrationType": "zd:agentWorkspace", "name": "zd-agentWorkspace"}
    bot = {"integrationType": "5f1c2d3e4f5a6b7c8d9e0f10", "name": "my-bot"}
    envelope = {"app": {"id": "a-1"}, "webhook": {"id": "w-1", "version": "v2"}, "events": [
        control("switchboard:offerControl", "01", pendingSwitchboardIntegration=agents),
        control("switchboard:passControl", "02", activeSwitchboardIntegration=bot),
        control("switchboard:passControl:failure", "03"),
        control("switchboard:releaseControl", "04", activeSwitchboardIntegration=bot),
        {"id": "e-05", "type": "conversation:message", "payload": "oops"}]}
    path = tmp_path / "hooks.jsonl"
    path.write_text(_lines(envelope), encoding="utf-8")
    loaded = load_inputs([path])
    # A pass to a bot or a release is no handoff; a malformed event is skipped with its
    # place in the body and the other events are still read.
    assert [t.event for t in loaded.audit.conversations[0].turns] == [
        "handoff_initiated", "handoff_failed"]
    (bad,) = loaded.skipped
    assert bad.line == 1 and bad.reason.startswith("item 5:")


def test_openai_style_messages_are_not_taken_for_sunshine(tmp_path: Path) -> None:
    path = tmp_path / "chat.json"
    path.write_text(json.dumps({"messages": [{"role": "user", "content": "hi"},
                                             {"role": "assistant", "content": "hello"}]},
                               indent=2), encoding="utf-8")
    assert load_inputs([path]).inputs[0].format == "openai-jsonl"


def test_the_pages_of_one_conversation_are_one_conversation(tmp_path: Path) -> None:
    # List Messages answers are pages; each links to the conversation it belongs to.
    def page(name: str, messages: list[dict[str, object]], links: dict[str, str]) -> Path:
        path = tmp_path / name
        path.write_text(json.dumps({"messages": messages, "meta": {"hasMore": bool(links)},
                                    "links": links}, indent=2), encoding="utf-8")
        return path

    def said(n: int, author: dict[str, object], text: str) -> dict[str, object]:
        return {"id": f"m{n}", "received": f"2026-05-01T10:00:0{n}.000Z", "author": author,
                "content": {"type": "text", "text": text}, "source": {"type": "web"}}

    user = {"type": "user", "userId": "u1", "displayName": "Web User"}
    bot = {"type": "business", "displayName": "Answer Bot", "subtypes": ["AI"]}
    base = "https://api.smooch.io/v2/apps/app-1/conversations/conv-42/messages"
    first = page("page-1.json", [said(1, user, "Hello"),
                                 said(2, bot, "Hi, I'm an AI assistant.")],
                 {"next": f"{base}?page[after]=m2"})
    second = page("page-2.json", [said(3, user, "Where is my order?"),
                                  said(4, bot, "It ships today.")],
                  {"prev": f"{base}?page[before]=m3"})
    loaded = load_inputs([first, second])
    assert [(c.id, len(c.turns)) for c in loaded.audit.conversations] == [("conv-42", 4)]


def test_a_named_author_no_rule_covers_is_never_shown_by_name(tmp_path: Path) -> None:
    # The API reference's own example: a business author sent through the API, which
    # may be a bot or a person. The skip names what to map, with the name masked in
    # every place the reason repeats it.
    message = {"id": "m1", "received": "2026-05-01T10:00:00.000Z",
               "author": {"type": "business", "displayName": "Steve Okafor"},
               "content": {"type": "text", "text": "Hi, how can I help?"},
               "source": {"type": "api:conversations"}}
    customer = {**message, "id": "m0", "author": {"type": "user", "userId": "u1"},
                "content": {"type": "text", "text": "Hello"}, "source": {"type": "web"}}
    path = tmp_path / "conv-1.json"
    path.write_text(json.dumps({"messages": [customer, message]}), encoding="utf-8")
    [skipped] = load_inputs([path]).skipped
    assert skipped.kind == "unknown_role"
    assert "Steve" not in skipped.reason and "Okafor" not in skipped.reason
    assert "--role '<PERSON>'=bot" in skipped.reason
    assert "business author '<PERSON>' (source" in skipped.reason
