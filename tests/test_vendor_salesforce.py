"""Salesforce ConversationEntry exports load as they are: the CSV fixture
(fixtures/vendors/, written from the Object Reference's field list) and the same
entries as SOQL query JSON are detected from their content, put in EntryTime then Seq
order, and their planted flaws are found."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter
from pathlib import Path

from auditor.loaders import LoadOptions, load_inputs
from auditor.loaders.columns import ColumnOverrides
from auditor.loaders.salesforce import SALESFORCE_ENTRIES, SALESFORCE_ENTRIES_JSON
from auditor.pipeline import run_audit
from auditor.policy import Policy
from tests.conftest import FIXTURES

ENTRIES = FIXTURES / "vendors" / "salesforce-conversation-entries.csv"
FLAWED, TWIN = "0MwSB000000Fx01AAC", "0MwSB000000Fx02AAC"


def _rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(ENTRIES.read_text("utf-8"))))


def _write_csv(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> Path:
    names = list(rows[0])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header or names)
    writer.writerows([row[name] for name in names] for row in rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_entries_are_read_whole_in_entry_time_then_seq_order(tmp_path: Path) -> None:
    # Detected from the header, not the name: the same rows under another name read the same.
    renamed = Path(shutil.copy(ENTRIES, tmp_path / "report-export.txt"))
    for path in (ENTRIES, renamed):
        loaded = load_inputs([path])
        assert loaded.inputs[0].format == SALESFORCE_ENTRIES.name
        assert not loaded.skipped
        flawed, twin = loaded.audit.conversations
        assert (flawed.id, twin.id) == (FLAWED, TWIN)
        assert Counter(t.role.value for t in flawed.turns) == {"bot": 4, "customer": 3,
                                                               "system": 3}
        assert Counter(t.role.value for t in twin.turns) == {"bot": 2, "customer": 2,
                                                             "agent": 2, "system": 1}
        assert [t.event for t in flawed.turns if t.event] == [
            "handoff_initiated", "handoff_failed", "session_closed"]
        assert [t.event for t in twin.turns if t.event] == ["handoff_initiated"]
        # EntryTime is to the second; EntryTimeMilliSecs adds the milliseconds.
        stamp = flawed.turns[0].timestamp
        assert stamp is not None and stamp.isoformat() == "2026-10-05T14:00:01.120000+00:00"
        # The promise and the escalation share a second and are listed the other way
        # round in the file: Seq puts the promise first.
        promise, escalation = flawed.turns[6], flawed.turns[7]
        assert promise.timestamp == escalation.timestamp
        assert promise.text == "Sure, let me transfer you to an agent."
        assert escalation.event == "handoff_initiated"
        assert promise.source is not None and escalation.source is not None
        assert promise.source.line > escalation.source.line


def test_consent_and_bot_session_entries_are_left_out_not_skipped() -> None:
    kinds = Counter(row["EntryType"] for row in _rows())
    assert kinds["ChatbotEstablished"] == 2 and kinds["EndUserOptedIn"] == 1
    loaded = load_inputs([ENTRIES])
    assert loaded.inputs[0].skipped == 0
    assert loaded.inputs[0].records == sum(len(c.turns) for c in loaded.audit.conversations)
    lines = {t.source.line for c in loaded.audit.conversations for t in c.turns if t.source}
    assert not lines & {2, 12, 13}  # the opt-in and ChatbotEstablished rows


def test_data_loader_capitals_and_report_labels_are_the_same_columns(tmp_path: Path) -> None:
    rows = _rows()
    capitals = _write_csv(tmp_path / "extract.csv", rows, [name.upper() for name in rows[0]])
    labels = {"ConversationId": "Conversation ID", "ActorType": "Actor Type",
              "EntryType": "Entry Type", "EntryTime": "Entry Start Time",
              "ActorName": "Actor Name"}
    labelled = _write_csv(tmp_path / "report.csv", rows,
                          [labels.get(name, name) for name in rows[0]])
    expected = load_inputs([ENTRIES]).audit.conversations
    for path in (capitals, labelled):
        loaded = load_inputs([path])
        assert loaded.inputs[0].format == SALESFORCE_ENTRIES.name and not loaded.skipped
        assert [[(t.role, t.text, t.event, t.timestamp) for t in c.turns]
                for c in loaded.audit.conversations] == \
            [[(t.role, t.text, t.event, t.timestamp) for t in c.turns] for c in expected]


def test_planted_flaws_are_found_and_the_twin_is_clean() -> None:
    result = run_audit([ENTRIES], policy=Policy())
    found = {(f.code, f.conversation_id) for f in result.findings}
    assert {("DISC001", FLAWED), ("DISC003", FLAWED), ("DISC004", FLAWED),
            ("ESC001", FLAWED), ("ESC003", FLAWED)} <= found
    # The twin discloses the bot and hands over; only the agent's own first name is
    # an (unredacted, low) identifier.
    assert {code for code, conversation in found if conversation == TWIN} <= {"PII004"}
    assert result.verdict.name.value == "failed"


def test_bad_entries_are_skipped_with_their_line_and_the_rest_is_read(tmp_path: Path) -> None:
    rows = _rows()
    base = rows[2]  # an EndUser Text entry of the flawed conversation
    bad = [
        {**base, "Id": "x1", "ConversationId": "", "Message": "no session"},
        {**base, "Id": "x2", "EntryType": "AgentWhispered", "Message": "internal?"},
        {**base, "Id": "x3", "Message": "   "},
        {**base, "Id": "x4", "ActorType": "Moderator", "Message": "who am I"},
        {**base, "Id": "x5", "EntryTime": "yesterday", "Message": "when"},
    ]
    path = _write_csv(tmp_path / "entries.csv", rows[:5] + bad + rows[5:])
    loaded = load_inputs([path])
    assert [(s.line, s.kind) for s in loaded.skipped] == [
        (7, "malformed"), (8, "malformed"), (9, "malformed"), (10, "unknown_role"),
        (11, "malformed")]
    reasons = [s.reason for s in loaded.skipped]
    assert "no ConversationId" in reasons[0]
    assert "AgentWhispered" in reasons[1]
    assert "blank Message" in reasons[2]
    assert loaded.skipped[3].value == "Moderator" and "--role Moderator=" in reasons[3]
    assert "bad timestamp" in reasons[4]
    # Everything else is read as before.
    assert [len(c.turns) for c in loaded.audit.conversations] == [10, 7]


def test_a_bot_posting_as_an_agent_is_mapped_by_its_actor_name(tmp_path: Path) -> None:
    rows = _rows()
    for row in rows:
        if row["ActorType"] == "Bot":
            row["ActorType"], row["ActorName"] = "Agent", "Acme Partner Bot"
    path = _write_csv(tmp_path / "byob.csv", rows)
    plain = load_inputs([path]).audit.conversations[0]
    assert {t.role.value for t in plain.turns if t.role.value != "system"} == {"agent",
                                                                               "customer"}
    options = LoadOptions(overrides=ColumnOverrides.parse(roles=['Acme Partner Bot=bot']))
    mapped = load_inputs([path], options=options).audit.conversations[0]
    assert Counter(t.role.value for t in mapped.turns) == {"bot": 4, "customer": 3,
                                                           "system": 3}


def _soql_records() -> list[dict[str, object]]:
    """The fixture's rows as the REST API returns them: typed, numbers as numbers."""
    records: list[dict[str, object]] = []
    for row in _rows():
        record: dict[str, object] = {"attributes": {
            "type": "ConversationEntry",
            "url": f"/services/data/v62.0/sobjects/ConversationEntry/{row['Id']}"}}
        for name, value in row.items():
            if name in ("Seq", "EntryTimeMilliSecs"):
                record[name] = int(value) if value else None
            elif name == "HasAttachments":
                record[name] = value == "true"
            else:
                record[name] = value or None
        records.append(record)
    return records


def test_soql_query_json_reads_like_the_csv(tmp_path: Path) -> None:
    records = _soql_records()
    rest = tmp_path / "query.json"
    rest.write_text(json.dumps({"totalSize": len(records), "done": True, "records": records},
                               indent=2), encoding="utf-8")
    cli = tmp_path / "sf-data-query.json"
    cli.write_text(json.dumps({"status": 0, "result": {
        "records": records, "totalSize": len(records), "done": True}}), encoding="utf-8")
    lines = tmp_path / "entries.jsonl"
    lines.write_text("".join(json.dumps(r) + "\n" for r in reversed(records)),
                     encoding="utf-8")
    expected = load_inputs([ENTRIES]).audit.conversations
    for path in (rest, cli, lines):
        loaded = load_inputs([path])
        assert loaded.inputs[0].format == SALESFORCE_ENTRIES_JSON.name, path.name
        assert not loaded.skipped
        assert [[(t.role, t.text, t.event, t.timestamp) for t in c.turns]
                for c in sorted(loaded.audit.conversations, key=lambda c: c.id)] == \
            [[(t.role, t.text, t.event, t.timestamp) for t in c.turns] for c in expected]


def test_other_json_and_csv_are_not_taken_for_entries() -> None:
    assert not SALESFORCE_ENTRIES.matches(dict.fromkeys(
        ["conversation_id", "role", "text", "timestamp"], ""))
    assert not SALESFORCE_ENTRIES.matches(dict.fromkeys(["ConversationId", "Message"], ""))
    assert not SALESFORCE_ENTRIES_JSON.matches({"totalSize": 1, "done": True, "records": [
        {"attributes": {"type": "Case"}, "Id": "500SB0000001AAA"}]})
    assert not SALESFORCE_ENTRIES_JSON.matches({"conversation_id": "c-1", "role": "bot",
                                                "text": "hi"})


def test_field_labels_with_their_notes_name_the_same_fields(tmp_path: Path) -> None:
    # A report export heads its columns with field labels, one with a note in brackets.
    labels = {"ConversationId": "Conversation ID", "EntryTime": "Entry Time",
              "EntryTimeMilliSecs": "Entry Time Milli Seconds(last 3 digits)",
              "EntryType": "Entry Type", "ActorType": "Actor Type", "ActorId": "Actor ID",
              "ActorName": "Actor Name"}
    text = ENTRIES.read_text("utf-8")
    header, rest = text.split("\n", 1)
    renamed = ",".join(labels.get(name, name) for name in header.split(","))
    path = tmp_path / "report.csv"
    path.write_text(renamed + "\n" + rest, encoding="utf-8")

    def stamps(source: Path) -> list[object]:
        loaded = load_inputs([source])
        assert not loaded.skipped
        return [t.timestamp for c in loaded.audit.conversations for t in c.turns]

    assert stamps(path) == stamps(ENTRIES)
    assert any(s is not None and s.microsecond for s in stamps(path))  # type: ignore[union-attr]
