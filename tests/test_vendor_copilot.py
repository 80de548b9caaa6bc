"""Copilot Studio transcripts (Dataverse `conversationtranscript` rows) load as they are:
the fixture is detected from its content, its activities read as Bot Framework
activities, and its planted flaws are found."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from auditor.loaders import LoadOptions, load_inputs
from auditor.loaders.columns import ColumnOverrides
from auditor.loaders.detect import detect_format
from auditor.pipeline import run_audit
from auditor.policy import Policy
from tests.conftest import FIXTURES, write_jsonl

COPILOT = FIXTURES / "vendors" / "copilot-studio-conversationtranscript.json"
FLAWED, TWIN = "8Yq2kLmN4pR7sT1vW3xZ5b-us", "4Hf8jKd2LsQ9wE6rT0yU1i-us"


def _rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(COPILOT.read_text("utf-8"))["value"]
    return rows


def _activities(row: dict[str, Any]) -> list[dict[str, Any]]:
    activities: list[dict[str, Any]] = json.loads(row["content"])["activities"]
    return activities


def test_web_api_answer_and_row_lines_are_read_whole(tmp_path: Path) -> None:
    # Detected from content: the Web API's answer under another name, and the same rows
    # one per line, read the same.
    renamed = Path(shutil.copy(COPILOT, tmp_path / "export.txt.json"))
    lines = write_jsonl(tmp_path / "transcripts.jsonl", _rows())
    for path in (COPILOT, renamed, lines):
        loaded = load_inputs([path])
        assert loaded.inputs[0].format == "copilot-studio-transcript"
        assert not loaded.skipped
        assert loaded.inputs[0].records == 2  # rows, one conversation each
        flawed, twin = loaded.audit.conversations
        # The first row's activities carry conversation.id; the second's do not, so its
        # id is where `name` starts (`<conversation id>_<bot id>_<batch>`).
        assert (flawed.id, twin.id) == (FLAWED, TWIN)
        assert Counter(t.role.value for t in flawed.turns) == {"bot": 5, "customer": 4,
                                                               "system": 1}
        assert Counter(t.role.value for t in twin.turns) == {"bot": 3, "customer": 2}


def test_numeric_roles_epoch_seconds_and_suggested_actions() -> None:
    flawed, twin = load_inputs([COPILOT]).audit.conversations
    # role 0 is the copilot, 1 the user; `timestamp` is epoch seconds.
    assert [t.role.value for t in flawed.turns[:3]] == ["bot", "customer", "bot"]
    stamp = flawed.turns[0].timestamp
    assert stamp is not None and stamp.isoformat() == "2026-10-06T09:00:01+00:00"
    assert flawed.channel == "directline"
    # A question's buttons are what the customer saw after the text.
    assert flawed.turns[0].text == ("Hello, I'm Alex from Example Energy. What can I help you "
                                    "with today?\nBilling\nMoving home\nSomething else")
    assert twin.turns[3].text == "Did that answer your question?\nYes\nNo"


def test_handoff_event_and_session_traces() -> None:
    flawed, twin = load_inputs([COPILOT]).audit.conversations
    assert [t.event for t in flawed.turns if t.event] == ["handoff_initiated"]
    assert flawed.turns[-1].event == "handoff_initiated"
    assert not [t for t in twin.turns if t.event]
    # SessionInfo and ConversationInfo traces are plumbing, read only as attributes.
    assert dict(flawed.attributes) == {"locale": "en-US", "session_outcome": "Escalated"}
    assert dict(twin.attributes) == {"locale": "en-GB", "session_outcome": "Resolved"}
    kinds = Counter(a["type"] for row in _rows() for a in _activities(row))
    assert kinds["trace"] >= 4 and kinds["event"] == 2
    assert not [t for c in (flawed, twin) for t in c.turns if t.role.value == "system"
                and not t.event]


def test_copilot_planted_flaws_are_found_and_the_twin_is_clean() -> None:
    result = run_audit([COPILOT], policy=Policy())
    found = {(f.code, f.conversation_id) for f in result.findings}
    assert {("DISC001", FLAWED), ("DISC003", FLAWED), ("DISC004", FLAWED),
            ("ESC001", FLAWED)} <= found
    assert not [code for code, conversation in found if conversation == TWIN]
    assert result.verdict.name.value == "failed"
    # The transfer it finally promised was handed off: the bot's own log ends there, so
    # whether a person joined cannot be seen; the report says so instead of guessing.
    assert ("ESC003", FLAWED) not in found
    assert any("the bot's own log" in note for note in result.notes)


def test_a_row_whose_content_is_not_json_is_skipped_alone(tmp_path: Path) -> None:
    rows = _rows()
    broken = {**rows[0], "conversationtranscriptid": "broken-row",
              "name": "broken", "content": '{"activities": [{"type": "message",'}
    path = write_jsonl(tmp_path / "rows.jsonl", [rows[0], broken, rows[1]])
    loaded = load_inputs([path])
    assert loaded.inputs[0].format == "copilot-studio-transcript"
    assert [c.id for c in loaded.audit.conversations] == [FLAWED, TWIN]
    (skip,) = loaded.skipped
    assert (skip.line, skip.kind) == (2, "malformed")
    assert "content is not valid JSON" in skip.reason


def test_an_unknown_sender_role_skips_that_activity_only(tmp_path: Path) -> None:
    row = _rows()[1]
    activities = _activities(row)
    activities[2]["from"]["role"] = 7  # neither the copilot nor the user
    path = write_jsonl(tmp_path / "rows.jsonl", [{**row, "content": json.dumps(
        {"activities": activities})}])
    loaded = load_inputs([path])
    (skip,) = loaded.skipped
    assert (skip.kind, skip.value) == ("unknown_role", "7")
    assert skip.reason.startswith("activity 3:")
    assert len(loaded.audit.conversations[0].turns) == 4
    # Mapped with --role, the activity is read.
    options = LoadOptions(overrides=ColumnOverrides.parse(roles=["7=customer"]))
    assert not load_inputs([path], options=options).skipped


def test_parsed_content_without_conversation_ids_or_name(tmp_path: Path) -> None:
    # A tool that already parsed `content` (roles as text), activities with no
    # conversation and a row with no name: the row's own id names the conversation.
    row = {"conversationtranscriptid": "7d1c2b3a-0000-4000-8000-000000000001",
           "conversationstarttime": "2026-10-06T12:00:00Z",
           "content": {"activities": [
               {"type": "message", "timestamp": "2026-10-06T12:00:01Z",
                "from": {"id": "b", "role": "0"}, "text": "Hi, I'm a virtual assistant (a bot)."},
               {"type": "message", "timestamp": "2026-10-06T12:00:05Z",
                "from": {"id": "u", "role": "1"}, "text": "Thanks"}]}}
    path = tmp_path / "one-row.json"
    path.write_text(json.dumps(row, indent=2), encoding="utf-8")
    loaded = load_inputs([path])
    assert loaded.inputs[0].format == "copilot-studio-transcript" and not loaded.skipped
    (conversation,) = loaded.audit.conversations
    assert conversation.id == "7d1c2b3a-0000-4000-8000-000000000001"
    assert [t.role.value for t in conversation.turns] == ["bot", "customer"]


def test_other_vendor_fixtures_are_not_taken_for_copilot() -> None:
    others = [path for path in sorted((FIXTURES / "vendors").iterdir())
              if path.suffix != ".md" and path.name not in {COPILOT.name}]
    assert others
    for path in others:
        assert detect_format(path).name != "copilot-studio-transcript", path.name


def test_an_answer_that_selected_content_alone_is_read(tmp_path: Path) -> None:
    content = json.dumps({"activities": [
        {"type": "message", "id": "Dq7Kx2-us|0000000", "from": {"id": "b", "role": 0},
         "timestamp": 1791360000, "text": "Hello, I'm a virtual agent."},
        {"type": "message", "id": "Dq7Kx2-us|0000001", "from": {"id": "u", "role": 1},
         "timestamp": 1791360010, "text": "Hi"}]})
    path = tmp_path / "download.json"
    path.write_text(json.dumps({"@odata.context": "https://example.com/api/data/v9.2/$metadata"
                                "#conversationtranscripts(content)",
                                "value": [{"content": content}]}), encoding="utf-8")
    loaded = load_inputs([path])
    assert loaded.inputs[0].format == "copilot-studio-transcript" and not loaded.skipped
    [conversation] = loaded.audit.conversations
    assert conversation.id == "Dq7Kx2-us"
    assert [t.role.value for t in conversation.turns] == ["bot", "customer"]
