"""Dialogflow CX interaction logs exported from BigQuery load as they are: one row per
turn split into the customer's words and the agent's messages, rows put back in turn
order, handoff and end signals turned into events, and the planted flaws found while
the twin session is clean."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

from auditor.loaders import LoadOptions, load_inputs
from auditor.loaders.dialogflow import DIALOGFLOW_CX_CSV
from auditor.loaders.records import RawRecord, Skipped
from auditor.pipeline import run_audit
from auditor.policy import Policy
from tests.conftest import FIXTURES

DIALOGFLOW = FIXTURES / "vendors" / "dialogflow-cx-bigquery.jsonl"
FLAWED, TWIN = "df-session-0001", "df-session-0002"


def _rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in DIALOGFLOW.read_text("utf-8").splitlines()]


def test_bigquery_rows_are_detected_as_json_lines_or_as_an_array(tmp_path: Path) -> None:
    array = tmp_path / "bq-export.json"
    array.write_text(json.dumps(_rows(), indent=2), encoding="utf-8")
    for path in (DIALOGFLOW, array):
        loaded = load_inputs([path])
        assert loaded.inputs[0].format == "dialogflow-cx-bigquery"
        assert not loaded.skipped
        assert {c.id for c in loaded.audit.conversations} == {FLAWED, TWIN}


def test_rows_become_the_customers_turn_then_the_agents_in_turn_order() -> None:
    conversations = {c.id: c for c in load_inputs([DIALOGFLOW]).audit.conversations}
    flawed, twin = conversations[FLAWED], conversations[TWIN]
    # The welcome event has no customer words; each later row is customer then bot.
    assert [t.role.value for t in flawed.turns] == [
        "bot", "customer", "bot", "customer", "bot", "customer", "bot", "customer", "bot",
        "system"]
    assert flawed.turns[-1].event == "session_closed"
    # The twin's rows are exported out of order: turn_position puts them back.
    assert Counter(t.role.value for t in twin.turns) == {"bot": 3, "customer": 1,
                                                         "system": 1}
    assert twin.turns[0].text.startswith("Hi, I'm Example Bank's virtual assistant")
    assert [t.event for t in twin.turns if t.event] == ["handoff_initiated"]
    # BigQuery's "... UTC" timestamps are read exactly.
    stamp = flawed.turns[0].timestamp
    assert stamp is not None and stamp.isoformat() == "2026-10-08T09:00:00.120000+00:00"
    # A Messenger card reads as its title, lines and chip options.
    assert twin.turns[1].text == ("I can help with:\nBalances and payments\nCard problems\n"
                                  "Check my balance\nTalk to a person")


def test_json_columns_read_the_same_as_objects_or_as_json_text(tmp_path: Path) -> None:
    rows = _rows()
    assert any(isinstance(r["response"], str) for r in rows)
    assert any(isinstance(r["response"], dict) for r in rows)
    for row in rows:
        for column in ("request", "response"):
            value = row[column]
            row[column] = json.loads(value) if isinstance(value, str) else value
    path = tmp_path / "objects.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    texts = [[t.text for t in c.turns] for c in load_inputs([path]).audit.conversations]
    assert texts == [[t.text for t in c.turns]
                     for c in load_inputs([DIALOGFLOW]).audit.conversations]


def test_dialogflow_planted_flaws_are_found_and_the_twin_is_clean() -> None:
    result = run_audit([DIALOGFLOW], policy=Policy())
    found = {(f.code, f.conversation_id) for f in result.findings}
    assert {("DISC001", FLAWED), ("DISC003", FLAWED), ("DISC004", FLAWED),
            ("ESC001", FLAWED)} <= found
    assert not [c for c in found if c[1] == TWIN]


def test_a_broken_row_is_skipped_with_its_line_and_the_rest_are_read(tmp_path: Path) -> None:
    lines = DIALOGFLOW.read_text("utf-8").splitlines()
    broken = json.loads(lines[3])
    broken["response"] = '{"queryResult": {"responseMessages": ['
    lines[3] = json.dumps(broken)
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_inputs([path])
    assert [(s.line, s.kind) for s in loaded.skipped] == [(4, "malformed")]
    assert "response is not valid JSON" in loaded.skipped[0].reason
    assert sum(len(c.turns) for c in loaded.audit.conversations) == 15 - 2


def test_a_phone_call_is_what_the_customer_heard(tmp_path: Path) -> None:
    row = {
        "project_id": "p", "agent_id": "a", "turn_position": 3, "language_code": "en",
        "conversation_name": "projects/p/locations/global/agents/a/sessions/call-77",
        "request_time": "2026-10-08T12:00:00Z",
        "request": {"queryInput": {"audio": {"config": {"audioEncoding":
                                                        "AUDIO_ENCODING_MULAW"}}}},
        "response": {"queryResult": {
            "transcript": "can I speak to an operator",
            "responseMessages": [
                {"text": {"text": ["Transferring you now."]}},
                {"outputAudioText": {"ssml": "<speak>Please hold,<break time='300ms'/> "
                                             "I'm connecting you.</speak>"}},
                {"telephonyTransferCall": {"phoneNumber": "+15550100"}}]}}}
    path = tmp_path / "call.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    (call,) = load_inputs([path]).audit.conversations
    assert call.id == "call-77" and call.channel == "voice"
    assert [(t.role.value, t.text, t.event) for t in call.turns] == [
        ("customer", "can I speak to an operator", None),
        ("bot", "Please hold, I'm connecting you.", None),
        ("system", "", "handoff_initiated")]


def test_the_csv_export_reads_like_the_json_one(tmp_path: Path) -> None:
    header = ["project_id", "agent_id", "conversation_name", "turn_position",
              "request_time", "language_code", "request", "response"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in _rows():
        writer.writerow([row[c] if isinstance(row[c], str) else json.dumps(row[c])
                         for c in header])
    path = tmp_path / "bq-export.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    # CSV records as the CSV container gives them: header -> cell text, by line.
    records = [RawRecord(line, dict(zip(header, cells, strict=True)))
               for line, cells in enumerate(csv.reader(io.StringIO(buffer.getvalue())),
                                            start=1) if line > 1]
    assert DIALOGFLOW_CX_CSV.container == "csv"
    assert DIALOGFLOW_CX_CSV.matches(dict.fromkeys(header, ""))
    skipped: list[Skipped] = []
    turns = list(DIALOGFLOW_CX_CSV.read(path, iter(records), LoadOptions(), skipped))
    assert not skipped
    expected = load_inputs([DIALOGFLOW]).audit.conversations
    assert [t.text for t in turns] == [t.text for c in expected for t in c.turns]


def test_a_calls_welcome_is_heard_and_keyed_digits_are_the_callers_turn(
        tmp_path: Path) -> None:
    def row(position: int, query: dict[str, object], result: dict[str, object]) -> str:
        return json.dumps({
            "conversation_name": "projects/p/locations/global/agents/a/sessions/call-1",
            "turn_position": position, "request_time": f"2026-03-05 11:00:0{position} UTC",
            "request": {"queryInput": {**query, "languageCode": "en"}},
            "response": {"queryResult": result}})

    path = tmp_path / "calls.jsonl"
    path.write_text("\n".join([
        # The welcome an event starts: no spoken input, yet the caller heard it.
        row(1, {"event": {"event": "sys.welcome"}}, {"triggerEvent": "sys.welcome",
            "responseMessages": [{"text": {"text": ["Welcome!"]}}, {"outputAudioText": {
                "ssml": "<speak>Welcome. I am an automated assistant.</speak>"}}]}),
        row(2, {"audio": {"config": {"audioEncoding": "AUDIO_ENCODING_MULAW"}}},
            {"transcript": "I lost my card", "responseMessages": [
                {"outputAudioText": {"text": "Press 1 to block it."}}]}),
        row(3, {"dtmf": {"digits": "1", "finishDigit": "#"}},
            {"dtmf": {"digits": "1", "finishDigit": "#"}, "responseMessages": [
                {"outputAudioText": {"text": "Card blocked."}}]})]) + "\n", encoding="utf-8")
    loaded = load_inputs([path])
    assert not loaded.skipped
    [call] = loaded.audit.conversations
    assert [(t.role.value, t.text) for t in call.turns] == [
        ("bot", "Welcome. I am an automated assistant."), ("customer", "I lost my card"),
        ("bot", "Press 1 to block it."), ("customer", "1#"), ("bot", "Card blocked.")]
    assert call.channel == "voice"
    assert "DISC001" not in {f.code for f in run_audit([path], policy=Policy()).findings}
