"""Genesys Cloud speech and text analytics transcripts load as they are: the fixtures
are detected from their content, phrases take their speaker from the participant
present, routing comes from the participants joining, and the planted flaws are found."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from auditor.loaders import LoadOptions, load_inputs
from auditor.loaders.columns import ColumnOverrides
from auditor.loaders.detect import detect_format
from auditor.pipeline import run_audit
from auditor.policy import Policy
from tests.conftest import FIXTURES, write_jsonl

GENESYS = FIXTURES / "vendors" / "genesys-transcript.json"
GENESYS_TWIN = FIXTURES / "vendors" / "genesys-transcript-twin.json"
FLAWED, TWIN = "3f6a2c1e-8b4d-4e7f-9a0b-1c2d3e4f5a61", "4a7b3d2f-9c5e-4f80-8b1c-2d3e4f5a6b72"


def _document(path: Path = GENESYS_TWIN) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return document


def test_transcripts_are_detected_and_read_whole(tmp_path: Path) -> None:
    # Detected from content: the documents as JSON lines under another name read the same.
    lines = write_jsonl(tmp_path / "downloads.jsonl", [_document(GENESYS), _document()])
    for paths in ([GENESYS, GENESYS_TWIN], [lines]):
        loaded = load_inputs(paths)
        assert {i.format for i in loaded.inputs} == {"genesys-transcript"}
        assert not loaded.skipped
        assert sum(i.records for i in loaded.inputs) == 2  # one conversation per document
        flawed, twin = loaded.audit.conversations
        assert (flawed.id, twin.id) == (FLAWED, TWIN)
        # The voice bot is the IVR flow; the queue's announcements are system notices.
        assert Counter(t.role.value for t in flawed.turns) == {"bot": 3, "customer": 2,
                                                               "system": 3}
        assert Counter(t.role.value for t in twin.turns) == {"bot": 2, "customer": 3,
                                                             "agent": 2, "system": 2}


def test_routing_events_come_from_participants_in_time_order() -> None:
    flawed, twin = load_inputs([GENESYS, GENESYS_TWIN]).audit.conversations
    assert [t.event for t in flawed.turns if t.event] == ["handoff_initiated"]
    assert [t.event for t in twin.turns if t.event] == ["handoff_initiated", "agent_joined"]
    # The agent joins (the agent participant's start) just before saying a word.
    joined = next(t for t in twin.turns if t.event == "agent_joined")
    assert twin.turns[joined.index + 1].role.value == "agent"
    assert [t.role.value for t in twin.turns[:3]] == ["bot", "customer", "bot"]


def test_times_channel_language_and_decorated_text() -> None:
    flawed, twin = load_inputs([GENESYS, GENESYS_TWIN]).audit.conversations
    stamp = flawed.turns[0].timestamp
    assert stamp is not None and stamp.isoformat() == "2026-10-07T14:00:01+00:00"
    assert flawed.channel == "voice" and dict(flawed.attributes) == {"language": "en-US"}
    # decoratedText (punctuation, casing, "$49") is what is read, not the raw ASR text.
    assert "There's a charge of $49 I don't recognize." in [t.text for t in twin.turns]
    assert flawed.turns[6].text == "All of our agents are busy. Please stay on the line."


def test_genesys_planted_flaws_are_found_and_the_twin_is_clean() -> None:
    result = run_audit([GENESYS, GENESYS_TWIN], policy=Policy())
    found = {(f.code, f.conversation_id) for f in result.findings}
    assert {("DISC001", FLAWED), ("DISC003", FLAWED), ("DISC004", FLAWED),
            ("ESC003", FLAWED)} <= found
    assert not [code for code, conversation in found if conversation == TWIN]
    assert result.verdict.name.value == "failed"


def test_offsets_count_from_the_transcript_start(tmp_path: Path) -> None:
    # Exports that give offsets (small startTimeMs, or only offset.milliseconds) read as
    # the same absolute times.
    expected = [t.timestamp for t in load_inputs([GENESYS_TWIN]).audit.conversations[0].turns]
    relative, offsets_only = _document(), _document()
    base = relative["transcripts"][0]["startTime"]
    for phrase in relative["transcripts"][0]["phrases"]:
        phrase["startTimeMs"] -= base
    for phrase in offsets_only["transcripts"][0]["phrases"]:
        del phrase["startTimeMs"]
    for name, document in (("relative", relative), ("offsets", offsets_only)):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        loaded = load_inputs([path])
        assert not loaded.skipped
        assert [t.timestamp for t in loaded.audit.conversations[0].turns] == expected


def test_internal_phrases_no_participant_explains_need_a_role_mapping(tmp_path: Path) -> None:
    document = _document()
    del document["participants"]
    path = tmp_path / "no-participants.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    loaded = load_inputs([path])
    # internal may be an IVR or a person: each such phrase is skipped naming the value.
    assert {(s.kind, s.value) for s in loaded.skipped} == {("unknown_role", "internal")}
    assert len(loaded.skipped) == 4
    assert [t.role.value for t in loaded.audit.conversations[0].turns] == ["customer"] * 3
    options = LoadOptions(overrides=ColumnOverrides.parse(roles=["internal=agent"]))
    mapped = load_inputs([path], options=options)
    assert not mapped.skipped and len(mapped.audit.conversations[0].turns) == 7


def test_a_broken_phrase_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    document = _document()
    document["transcripts"][0]["phrases"].insert(2, "not a phrase")
    path = write_jsonl(tmp_path / "one.jsonl", [document])
    loaded = load_inputs([path])
    (skip,) = loaded.skipped
    assert (skip.line, skip.kind) == (1, "malformed") and skip.reason.startswith("phrase 3:")
    assert len(loaded.audit.conversations[0].turns) == 9


def test_other_vendor_fixtures_are_not_taken_for_genesys() -> None:
    others = [path for path in sorted((FIXTURES / "vendors").iterdir())
              if path.suffix != ".md" and path.name not in {GENESYS.name, GENESYS_TWIN.name}]
    assert others
    for path in others:
        assert detect_format(path).name != "genesys-transcript", path.name


def test_a_transcript_without_its_ids_is_known_by_its_phrases(tmp_path: Path) -> None:
    # A trimmed download: no conversationId, but phrases with their purposes.
    document = {"conversationStartTime": 1791360000000,
                "participants": [{"startTimeMs": 1791360000000, "participantPurpose": "ivr"}],
                "transcripts": [{"phrases": [
                    {"startTimeMs": 1791360000000, "participantPurpose": "internal",
                     "text": "Hello, this is the automated assistant."},
                    {"startTimeMs": 1791360004000, "participantPurpose": "external",
                     "text": "I need my balance."}]}]}
    path = tmp_path / "call-77.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    loaded = load_inputs([path])
    assert loaded.inputs[0].format == "genesys-transcript" and not loaded.skipped
    [call] = loaded.audit.conversations
    assert call.id == "call-77"
    assert [t.role.value for t in call.turns] == ["bot", "customer"]
