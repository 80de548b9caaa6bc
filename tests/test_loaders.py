"""Loading transcripts and decision logs: formats, mappings, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.errors import InputError, UsageError
from auditor.loaders import LoadOptions, load_inputs
from auditor.loaders.columns import ColumnOverrides
from auditor.model import Role
from tests.conftest import FIXTURES, conversation, write_jsonl


def test_canonical_jsonl_builds_conversations_with_attributes_and_events(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", [
        *conversation("c-1", ("bot", "Hi, I'm an AI assistant."), ("customer", "A person please"),
                      ("system", "handoff_initiated"), ("agent", "Hi, Dana here."),
                      language="en", region="EU"),
    ])
    loaded = load_inputs([path])
    [conv] = loaded.audit.conversations
    assert conv.id == "c-1"
    assert [t.role for t in conv.turns] == [Role.BOT, Role.CUSTOMER, Role.SYSTEM, Role.AGENT]
    assert conv.turns[2].event == "handoff_initiated"
    assert conv.attributes == {"language": "en", "region": "EU"}
    assert conv.started_at is not None
    assert conv.started_at.isoformat() == "2026-10-01T10:00:00+00:00"
    assert loaded.inputs[0].format == "transcript-jsonl"
    assert loaded.inputs[0].records == 4


def test_csv_export_with_vendor_column_names_is_detected() -> None:
    loaded = load_inputs([FIXTURES / "transcripts" / "webchat_export.csv"])
    assert loaded.inputs[0].format == "transcript-csv"
    first = loaded.audit.conversations[0]
    assert first.id == "web-1001"
    assert first.turns[1].role is Role.CUSTOMER  # "visitor"
    assert first.attributes["region"] == "US-CA"
    assert not loaded.skipped


def test_openai_chat_logs_drop_system_prompts_and_number_unnamed_conversations() -> None:
    loaded = load_inputs([FIXTURES / "transcripts" / "assistant_logs.jsonl"])
    assert loaded.inputs[0].format == "openai-jsonl"
    ids = [c.id for c in loaded.audit.conversations]
    assert ids == ["oa-1", "oa-2", "line-3"]
    oa2 = loaded.audit.conversations[1]
    assert [t.role for t in oa2.turns] == [Role.BOT, Role.CUSTOMER, Role.BOT]
    assert "I'm a human" in oa2.turns[2].text  # list-of-parts content
    assert oa2.attributes["plan"] == "premium"


def test_decision_log_reads_segments_and_favourable_outcomes() -> None:
    loaded = load_inputs([], [FIXTURES / "decisions" / "refunds.csv"])
    decisions = loaded.audit.decisions
    assert len(decisions) == 6
    assert decisions[0].favourable is True and decisions[1].favourable is False
    assert decisions[0].segments == {"language": "en", "region": "US-CA", "plan": "basic"}
    assert decisions[4].segments["plan"] == "unknown"  # missing values are counted, not dropped
    assert decisions[0].automated is True and decisions[0].human_reviewed is False


def test_directory_input_reads_every_supported_file() -> None:
    loaded = load_inputs([FIXTURES / "transcripts"])
    formats = sorted(i.format for i in loaded.inputs)
    # One OpenAI log (assistant_logs.jsonl); every other JSONL file is canonical.
    canonical = len(list((FIXTURES / "transcripts").glob("*.jsonl"))) - 1
    assert formats == ["openai-jsonl", "transcript-csv"] + ["transcript-jsonl"] * canonical


def test_three_broken_lines_among_a_hundred_are_skipped_with_line_numbers(tmp_path: Path) -> None:
    records: list[dict[str, str] | str] = []
    for i in range(100):
        records.append({"conversation_id": f"c-{i // 4}", "role": "bot" if i % 2 else "customer",
                        "text": f"message {i}"})
    records[9] = '{"conversation_id": "c-2", "role": "bot", "text": '  # line 10: truncated JSON
    records[49] = {"conversation_id": "c-12", "role": "narrator", "text": "x"}  # line 50
    records[89] = {"conversation_id": "c-22", "role": "bot", "text": "x", "timestamp": "soon"}
    path = write_jsonl(tmp_path / "mixed.jsonl", records)
    loaded = load_inputs([path])
    assert loaded.audit.turn_count == 97
    assert [(s.line, s.reason.split()[0]) for s in loaded.skipped] == [
        (10, "not"), (50, "unknown"), (90, "bad")]
    assert loaded.inputs[0].records == 97 and loaded.inputs[0].skipped == 3


@pytest.mark.parametrize(("line", "reason_start"), [
    pytest.param(b'{"conversation_id": "c", "role": "bot"}', "missing text", id="missing-text"),
    pytest.param(b'{"role": "bot", "text": "hi"}', "missing conversation_id", id="missing-id"),
    pytest.param(b'{"conversation_id": "c", "text": "hi"}', "missing role", id="missing-role"),
    pytest.param(b'["not", "an", "object"]', "not a JSON object", id="not-object"),
    pytest.param(b'{"conversation_id": "c", "role": "bot", "text": "caf\xe9"}', "undecodable",
                 id="latin-1-bytes"),
    pytest.param(b'{"conversation_id": "c", "role": "bot", "text": "hi", "timestamp": "31/12"}',
                 "bad timestamp", id="bad-timestamp"),
])
def test_malformed_record_is_skipped_with_reason(tmp_path: Path, line: bytes,
                                                 reason_start: str) -> None:
    good = json.dumps({"conversation_id": "c", "role": "bot", "text": "fine"}).encode()
    path = tmp_path / "in.jsonl"
    path.write_bytes(good + b"\n" + line + b"\n")
    loaded = load_inputs([path], options=LoadOptions(input_format="transcript-jsonl"))
    assert loaded.audit.turn_count == 1
    [skipped] = loaded.skipped
    assert skipped.line == 2 and skipped.reason.startswith(reason_start)


def test_column_and_role_overrides_map_unusual_exports(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("thread,who,said\nt1,Ava,Hello I am a chatbot\nt1,Kim,Hi\n", encoding="utf-8")
    options = LoadOptions(
        input_format="transcript-csv",
        overrides=ColumnOverrides.parse(["conversation_id=thread", "role=who", "text=said"],
                                        ["Ava=bot", "Kim=customer"]))
    [conv] = load_inputs([path], options=options).audit.conversations
    assert [t.role for t in conv.turns] == [Role.BOT, Role.CUSTOMER]


@pytest.mark.parametrize(("pairs", "message"), [
    pytest.param((["speaker"], []), "expected NAME=VALUE", id="no-equals"),
    pytest.param((["colour=x"], []), "unknown field 'colour'", id="unknown-field"),
    pytest.param(([], ["Ava=robot"]), "unknown role 'robot'", id="unknown-role"),
])
def test_bad_mapping_options_are_usage_errors(pairs: tuple[list[str], list[str]],
                                              message: str) -> None:
    with pytest.raises(UsageError, match=message):
        ColumnOverrides.parse(*pairs)


@pytest.mark.parametrize(("content", "message"), [
    pytest.param(None, "no such file", id="missing"),
    pytest.param(b"", "file is empty", id="empty"),
    pytest.param(b"just some words\nmore words\n", "cannot tell the format", id="prose"),
])
def test_unreadable_or_unknown_input_is_an_input_error(tmp_path: Path, content: bytes | None,
                                                       message: str) -> None:
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_inputs([path])


def test_skip_reasons_never_quote_personal_data(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", [
        {"conversation_id": "c", "role": "bot", "text": "hi"},
        {"conversation_id": "c", "role": "bot", "text": "x", "timestamp": "jane.doe@example.com"},
        {"conversation_id": "c", "role": "555-0142 Ann", "text": "x"},
    ])
    reasons = " ".join(s.reason for s in load_inputs([path]).skipped)
    assert "bad timestamp" in reasons and "unknown role" in reasons
    assert "jane.doe@example.com" not in reasons and "555-0142" not in reasons


def test_an_escaped_lone_surrogate_becomes_a_replacement_character(tmp_path: Path) -> None:
    from auditor.cli import main

    path = tmp_path / "t.jsonl"
    text = '"Hi \\ud800 \\ud83d\\ude00"'  # a lone half, then a whole pair (an emoji)
    path.write_text(f'{{"conversation_id": "c", "role": "bot", "text": {text}}}\n',
                    encoding="utf-8")
    assert main(["scan", str(path), "--format", "json,html", "--out", str(tmp_path / "out"),
                 "--quiet", "--fail-under", "0"]) == 0
    loaded = load_inputs([path])
    assert loaded.audit.conversations[0].turns[0].text == "Hi \ufffd \U0001f600"
