"""A bot's own log ends where people take over: a handoff the bot started is as far as
such a log can show, so no person joining there is not a broken promise, and the
report says what it could not see. Where the export does log people, it still is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from auditor.loaders import load_inputs
from auditor.pipeline import run_audit
from auditor.policy import Policy

PROMISE = "Hi, I'm a virtual agent (a bot). I'm transferring you to a live agent now."


def _row(position: int, said: str, *messages: dict[str, Any]) -> dict[str, Any]:
    """One Dialogflow CX BigQuery row: the customer's words, then the bot's messages."""
    return {"conversation_name": "projects/p/locations/global/agents/a/sessions/s-1",
            "turn_position": position, "request_time": f"2026-03-05 10:00:0{position} UTC",
            "request": {"queryInput": {"text": {"text": said}, "languageCode": "en"}},
            "response": {"queryResult": {"text": said, "responseMessages": list(messages)}}}


def _said(text: str) -> dict[str, Any]:
    return {"text": {"text": [text]}}


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return path


def _esc003(path: Path) -> list[str]:
    result = run_audit([path], policy=Policy())
    return [f.data["outcome"] for f in result.findings if f.code == "ESC003"]


def test_a_handoff_out_of_the_bots_log_keeps_the_promise_and_is_noted(tmp_path: Path) -> None:
    path = _write(tmp_path / "bq.jsonl", [
        _row(1, "I want to talk to a person", _said(PROMISE), {"liveAgentHandoff": {}})])
    loaded = load_inputs([path])
    assert loaded.audit.conversations[0].people_logged is False
    result = run_audit([path], policy=Policy())
    assert not [f for f in result.findings if f.code == "ESC003"]
    assert any("bot's own log" in note for note in result.notes)


def test_the_bot_answering_on_after_its_handoff_still_breaks_the_promise(
        tmp_path: Path) -> None:
    path = _write(tmp_path / "bq.jsonl", [
        _row(1, "I want to talk to a person", _said(PROMISE), {"liveAgentHandoff": {}}),
        _row(2, "hello? anyone?", _said("Can I help you with your bill instead?"))])
    assert _esc003(path) == ["bot_resumed"]


def test_a_promise_with_no_handoff_at_all_is_broken_in_the_bots_log(tmp_path: Path) -> None:
    path = _write(tmp_path / "bq.jsonl", [
        _row(1, "I want to talk to a person", _said(PROMISE), {"endInteraction": {}})])
    assert _esc003(path) == ["session_ended"]


def test_where_people_are_logged_a_handoff_nobody_joins_is_still_broken(
        tmp_path: Path) -> None:
    turns = [("customer", "I want to talk to a person", None), ("bot", PROMISE, None),
             ("system", "", "handoff_initiated"), ("system", "", "session_closed")]
    path = tmp_path / "chats.jsonl"
    path.write_text("\n".join(json.dumps(
        {"conversation_id": "c-1", "role": role, "text": text, "event": event,
         "timestamp": f"2026-03-05T10:00:0{n}Z"})
        for n, (role, text, event) in enumerate(turns)) + "\n", encoding="utf-8")
    assert load_inputs([path]).audit.conversations[0].people_logged is True
    assert _esc003(path) == ["session_ended"]


def test_the_customer_writing_on_after_the_handoff_shows_no_one_took_over(
        tmp_path: Path) -> None:
    path = _write(tmp_path / "bq.jsonl", [
        _row(1, "I want to talk to a person", _said(PROMISE), {"liveAgentHandoff": {}}),
        _row(2, "Still nobody here?")])
    assert _esc003(path) == ["session_ended"]
    assert not any("bot's own log" in n for n in run_audit([path], policy=Policy()).notes)


def test_the_agents_side_added_is_judged_with_the_bots_log(tmp_path: Path) -> None:
    bot_log = _write(tmp_path / "bq.jsonl", [
        _row(1, "I want to talk to a person", _said(PROMISE), {"liveAgentHandoff": {}})])
    # The contact centre's side of the same session: the customer waited, nobody came.
    agents = tmp_path / "agents.jsonl"
    agents.write_text("\n".join(json.dumps(
        {"conversation_id": "s-1", "role": role, "text": text, "event": event,
         "timestamp": stamp}) for role, text, event, stamp in [
            ("system", "", "handoff_initiated", "2026-03-05T10:00:02Z"),
            ("customer", "Hello? Anyone?", None, "2026-03-05T10:20:00Z"),
            ("system", "", "session_closed", "2026-03-05T10:40:00Z")]) + "\n",
        encoding="utf-8")
    result = run_audit([bot_log, agents], policy=Policy())
    assert [f.data["outcome"] for f in result.findings if f.code == "ESC003"] == [
        "session_ended"]
    assert result.verdict.name.value == "failed"
    assert not any("bot's own log" in note for note in result.notes)


def test_a_failed_handoff_is_not_counted_as_one_out_of_the_log() -> None:
    from tests.test_vendor_formats import BOT_FRAMEWORK

    result = run_audit([BOT_FRAMEWORK], policy=Policy())
    assert "handoff_failed" in {f.data.get("outcome") for f in result.findings
                                if f.code == "ESC003"}
    assert not any("bot's own log" in note for note in result.notes)
