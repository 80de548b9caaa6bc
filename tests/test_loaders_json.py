"""JSON in any shape, nested fields and time order: exports load as they are, and a
mapping that cannot be right is an error rather than a confident misreading."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from auditor.cli import main
from auditor.loaders import LoadOptions, load_inputs
from auditor.loaders.columns import ColumnOverrides
from auditor.model import Role

TURNS = [
    {"conversation_id": "c-1", "timestamp": "2026-10-01T10:00:00Z", "role": "bot",
     "text": "Hi, I'm an AI assistant. How can I help?"},
    {"conversation_id": "c-1", "timestamp": "2026-10-01T10:00:05Z", "role": "customer",
     "text": "Where is my parcel?"},
    {"conversation_id": "c-1", "timestamp": "2026-10-01T10:00:09Z", "role": "bot",
     "text": "It arrives tomorrow."},
]


def _load(path: Path, **options: Any) -> Any:
    return load_inputs([path], (), LoadOptions(**options))


def _shape(loaded: Any) -> list[tuple[str, list[str]]]:
    return [(c.id, [t.role.value for t in c.turns]) for c in loaded.audit.conversations]


@pytest.mark.parametrize("text", [
    pytest.param(json.dumps(TURNS), id="array-on-one-line"),
    pytest.param(json.dumps(TURNS, indent=2), id="pretty-array"),
    pytest.param(json.dumps({"conversation_id": "c-1", "channel": "web",
                             "turns": [{k: v for k, v in t.items() if k != "conversation_id"}
                                       for t in TURNS]}, indent=2),
                 id="one-document-with-its-turns"),
    pytest.param("\n".join(json.dumps(t) for t in TURNS), id="json-lines"),
])
def test_json_in_any_shape_is_read_like_json_lines(tmp_path: Path, text: str) -> None:
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    loaded = _load(path)
    assert _shape(loaded) == [("c-1", ["bot", "customer", "bot"])]
    assert not loaded.skipped and loaded.inputs[0].records == 3


def test_a_pretty_printed_chat_document_is_one_conversation(tmp_path: Path) -> None:
    path = tmp_path / "chat.json"
    path.write_text(json.dumps({"id": "chat-7", "messages": [
        {"role": "assistant", "content": "Hello, I'm a virtual assistant."},
        {"role": "user", "content": "Are you a human?"}]}, indent=2), encoding="utf-8")
    assert _shape(_load(path)) == [("chat-7", ["bot", "customer"])]


def test_a_broken_array_element_is_reported_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text("[\n" + json.dumps(TURNS[0]) + ",\n" + json.dumps(TURNS[1]) + ",\n"
                    '{"conversation_id": "c-1", "role": \n]\n', encoding="utf-8")
    loaded = _load(path)
    assert _shape(loaded) == [("c-1", ["bot", "customer"])]
    assert [(s.line, s.reason.startswith("not valid JSON")) for s in loaded.skipped] == [
        (4, True)]


def test_json_lines_with_a_broken_first_line_lose_only_that_line(tmp_path: Path) -> None:
    path = tmp_path / "chats.jsonl"
    path.write_text('{"conversation_id": "c-1", "role"\n'
                    + "\n".join(json.dumps(t) for t in TURNS) + "\n", encoding="utf-8")
    loaded = _load(path)
    assert _shape(loaded) == [("c-1", ["bot", "customer", "bot"])]
    assert [s.line for s in loaded.skipped] == [1]


def _activity(role: str, text: str, second: int) -> dict[str, Any]:
    """A Bot Framework-style activity: role and conversation id sit in nested objects."""
    return {"type": "message", "text": text, "timestamp": f"2026-10-01T10:00:0{second}Z",
            "from": {"id": f"{role}-1", "role": role}, "conversation": {"id": "bf-1"}}


def test_nested_role_and_id_are_found_by_their_dotted_names(tmp_path: Path) -> None:
    path = tmp_path / "bot.transcript"
    path.write_text(json.dumps([_activity("bot", "Hi, I'm a bot.", 1),
                                _activity("user", "Hello", 2)]), encoding="utf-8")
    path = path.rename(tmp_path / "bot.json")
    assert _shape(_load(path)) == [("bf-1", ["bot", "customer"])]


def test_a_dotted_column_mapping_reaches_into_objects(tmp_path: Path) -> None:
    path = tmp_path / "parts.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in [
        {"thread": "t-1", "who": {"kind": "bot"}, "body": {"plain": "Hello, I'm a bot."}},
        {"thread": "t-1", "who": {"kind": "user"}, "body": {"plain": "Hi"}},
    ]) + "\n", encoding="utf-8")
    overrides = ColumnOverrides.parse(["conversation_id=thread", "role=who.kind",
                                       "text=body.plain"])
    loaded = _load(path, overrides=overrides)
    assert _shape(loaded) == [("t-1", ["bot", "customer"])]
    assert loaded.audit.conversations[0].turns[0].text == "Hello, I'm a bot."


def test_a_field_mapped_to_an_object_is_an_error_that_names_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Not its Python repr audited as text and graded A."""
    path = tmp_path / "parts.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in [
        {"thread": "t-1", "role": "bot", "body": {"plain": "Hi, I'm a real person."}},
        {"thread": "t-1", "role": "user", "body": {"plain": "Are you a bot?"}},
    ]) + "\n", encoding="utf-8")
    code = main(["scan", str(path), "--no-policy", "--column", "conversation_id=thread",
                 "--column", "text=body", "--out", str(tmp_path / "out"), "--format", "json"])
    error = capsys.readouterr().err
    assert code == 2 and "no record could be read" in error
    assert "text field 'body' holds an object" in error and "--column text=body.plain" in error


def test_turns_are_put_in_time_order_within_a_conversation(tmp_path: Path) -> None:
    shuffled = [TURNS[2], TURNS[0], TURNS[1]]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(t) for t in shuffled) + "\n", encoding="utf-8")
    conversation = _load(path).audit.conversations[0]
    assert [t.text for t in conversation.turns] == [t["text"] for t in TURNS]
    assert [t.index for t in conversation.turns] == [0, 1, 2]
    assert conversation.turns[0].role is Role.BOT


def test_with_an_untimed_turn_reading_order_stands(tmp_path: Path) -> None:
    records = [TURNS[2], TURNS[0], {**TURNS[1], "timestamp": None}]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(t) for t in records) + "\n", encoding="utf-8")
    conversation = _load(path).audit.conversations[0]
    assert [t.text for t in conversation.turns] == [t["text"] for t in records]
