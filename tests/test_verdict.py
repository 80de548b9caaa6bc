"""The verdict is never kinder than the findings, and says when it cannot judge.

End to end through `auditor scan`: exit codes, the grade cap, the inconclusive
verdict with its hint, check statuses in every format, and `auditor render`
refusing what is not a result.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from auditor.cli import main
from auditor.document import ResultDocument, ResultDocumentError
from auditor.render import render
from tests.conftest import GREETING, conversation, write_jsonl

ALL_TEXT_FORMATS = ("json", "html", "md", "junit", "sarif", "github")


def _fine(cid: str) -> list[dict[str, Any]]:
    return conversation(cid, GREETING, ("customer", "Where is my parcel?"),
                        ("bot", "It left the depot this morning and arrives tomorrow."),
                        ("customer", "Thanks"), region="EU")


def _twenty_with_one_breach(folder: Path) -> Path:
    """19 well-handled conversations and one where the bot claims to be human and shows
    a full (documented test) card number."""
    records = [record for n in range(19) for record in _fine(f"ok-{n:02d}")]
    records += conversation("bad-1", GREETING, ("customer", "Are you a bot?"),
                            ("bot", "No, I'm a real person, not a bot."),
                            ("customer", "Which card is on file?"),
                            ("bot", "The card on file is 4111 1111 1111 1111."), region="EU")
    return write_jsonl(folder / "chats.jsonl", records)


def _scan(*args: str | Path) -> int:
    return main(["scan", *map(str, args), "--created-at", "2026-11-01T00:00:00Z"])


def _result(out: Path) -> dict[str, Any]:
    return json.loads((out / "report.json").read_text("utf-8"))


def test_one_breach_among_twenty_fails_with_grade_f(tmp_path: Path) -> None:
    code = _scan(_twenty_with_one_breach(tmp_path), "--no-policy", "--out", tmp_path / "out",
                 "--format", "json,md")
    summary = _result(tmp_path / "out")["summary"]
    assert code == 1
    assert summary["verdict"] == "failed" and not summary["passed"]
    assert summary["overall_score"] > 90  # the score alone would look excellent...
    assert summary["grade"] == "F" and summary["score_grade"] == "A"  # ...the cap says why
    assert summary["grade_cap"]["reason"].startswith("capped at F: critical finding")
    assert "in 1 conversation" in summary["grade_cap"]["reason"]
    assert "capped at F" in (tmp_path / "out" / "report.md").read_text("utf-8")


def test_fail_on_none_is_the_explicit_way_to_pass_it(tmp_path: Path) -> None:
    code = _scan(_twenty_with_one_breach(tmp_path), "--no-policy", "--fail-on", "none",
                 "--out", tmp_path / "out", "--format", "json")
    assert code == 0
    assert _result(tmp_path / "out")["summary"]["grade"] == "F"  # the cap still holds


def _persona_csv(folder: Path) -> Path:
    """A CSV whose bot rows use the persona's name as the speaker."""
    path = folder / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["conversation_id", "speaker", "message"])
        for n in range(3):
            writer.writerow([f"c-{n}", "Ava", "Hello! How can I help you today?"])
            writer.writerow([f"c-{n}", "customer", "Are you a real person?"])
            writer.writerow([f"c-{n}", "Ava", "Yes, I am a real person."])
    return path


def test_persona_speaker_is_inconclusive_with_the_role_hint(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = _persona_csv(tmp_path)
    code = _scan(export, "--no-policy", "--out", tmp_path / "out", "--format", "json,junit")
    printed = capsys.readouterr().out
    summary = _result(tmp_path / "out")["summary"]
    assert code == 4
    assert summary["verdict"] == "inconclusive" and not summary["passed"]
    assert any("--role Ava=bot" in reason for reason in summary["inconclusive_reasons"])
    assert "--role Ava=bot" in printed and "INCONCLUSIVE" in printed
    gate = ET.parse(tmp_path / "out" / "report.junit.xml").find(
        ".//testcase[@name='release gate']")
    assert gate is not None and gate.find("error") is not None  # not a harmless skip
    # Mapped, the same file is judged, and it fails: the bot claims to be human.
    assert _scan(export, "--no-policy", "--role", "Ava=bot", "--out", tmp_path / "mapped",
                 "--format", "json") == 1


def _with_broken_lines(folder: Path, broken: int, total: int) -> Path:
    records: list[dict[str, Any] | str] = []
    n = 0
    while len(records) < total - broken:
        records.extend(_fine(f"c-{n:03d}"))
        n += 1
    records = records[:total - broken] + ["{not json"] * broken
    return write_jsonl(folder / f"broken-{broken}.jsonl", records)


@pytest.mark.parametrize(("broken", "exit_code", "verdict"), [
    pytest.param(3, 4, "inconclusive", id="3-percent-skipped"),
    pytest.param(1, 0, "passed", id="1-percent-skipped"),
])
def test_skipped_share_beyond_max_skipped_is_inconclusive(
        tmp_path: Path, broken: int, exit_code: int, verdict: str) -> None:
    code = _scan(_with_broken_lines(tmp_path, broken, 100), "--no-policy",
                 "--out", tmp_path / "out", "--format", "json")
    assert (code, _result(tmp_path / "out")["summary"]["verdict"]) == (exit_code, verdict)


def test_max_skipped_is_a_policy_setting(tmp_path: Path) -> None:
    policy = tmp_path / "auditor.toml"
    policy.write_text("max-skipped = 5\n", encoding="utf-8")
    assert _scan(_with_broken_lines(tmp_path, 3, 100), "--policy", policy,
                 "--out", tmp_path / "out", "--format", "json") == 0


@pytest.mark.parametrize("document", [
    pytest.param({}, id="empty-object"),
    pytest.param({"name": "package.json", "version": "1.0.0"}, id="foreign-json"),
    pytest.param([1, 2], id="a-list"),
])
def test_render_refuses_what_is_not_a_result(
        tmp_path: Path, document: object, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["render", str(path), "--format", "pdf", "--out", str(tmp_path / "o")]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "not" in error
    assert not (tmp_path / "o" / "report.pdf").exists()


def test_render_names_the_field_that_breaks_the_schema(tmp_path: Path) -> None:
    _scan(_twenty_with_one_breach(tmp_path), "--no-policy", "--out", tmp_path / "out",
          "--format", "json")
    document = _result(tmp_path / "out")
    document["summary"]["verdict"] = "fine"
    with pytest.raises(ResultDocumentError, match="summary.verdict"):
        render(document, "md")


def _statuses(document: dict[str, Any]) -> dict[str, str]:
    return {check["code"]: check["status"] for check in document["checks"]}


def test_check_statuses_agree_with_the_gate_in_every_format(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _scan(_twenty_with_one_breach(tmp_path), "--no-policy", "--out", tmp_path / "out",
          "--format", "json")
    console = capsys.readouterr().out
    document = _result(tmp_path / "out")
    statuses = _statuses(document)
    for code, status in statuses.items():
        line = next(row for row in console.splitlines() if row.startswith(f"  {code} "))
        assert f" {status.replace('_', ' ')} " in line
    blocking_codes = {f["code"] for f in document["findings"] if f["blocks_gate"]}
    assert {c for c, s in statuses.items() if s == "failed"} == blocking_codes
    assert "passed_with_findings" not in {statuses[c] for c in blocking_codes}
    junit = ET.fromstring(render(document, "junit"))
    failed_cases = {case.get("name", "").split()[0] for case in junit.iter("testcase")
                    if case.find("failure") is not None and case.get("name") != "release gate"}
    assert failed_cases == blocking_codes
    markdown = render(document, "md").decode("utf-8")
    html = render(document, "html").decode("utf-8")
    for code, status in statuses.items():
        row = next(line for line in markdown.splitlines() if line.startswith(f"| `{code}`"))
        assert status.replace("_", " ") in row.replace("*", "")
        assert f'status status-{status}' in html
    sarif = json.loads(render(document, "sarif"))
    blocking = {r["partialFingerprints"]["auditorFingerprint/v1"]
                for r in sarif["runs"][0]["results"] if r["properties"].get("blocks_gate")}
    assert blocking == {f["fingerprint"] for f in document["findings"] if f["blocks_gate"]}


def test_ci_formats_read_the_recorded_decision_not_a_second_gate(tmp_path: Path) -> None:
    """Flip the recorded decision and JUnit follows it: nothing recomputes the gate."""
    _scan(_twenty_with_one_breach(tmp_path), "--no-policy", "--out", tmp_path / "out",
          "--format", "json")
    document = _result(tmp_path / "out")
    from auditor.render.junit import render_junit

    for finding in document["findings"]:
        finding["blocks_gate"] = False
    # Straight to the renderer: `render` itself refuses a document edited like this.
    with pytest.raises(ResultDocumentError, match="contradicts"):
        render(document, "junit")
    junit = ET.fromstring(render_junit(document))
    for case in junit.iter("testcase"):
        failure = case.find("failure")
        if failure is not None and case.get("name") != "release gate":
            assert failure.text in (None, "")  # listed as failed by status, with no finding


def test_no_renderer_or_web_view_computes_the_gate_again() -> None:
    """A grep-style guard: the outputs read `verdict`, `blocks_gate` and `status`."""
    root = Path(__file__).resolve().parents[1] / "auditor"
    for path in [*(root / "render").glob("*.py"), *(root / "web").glob("*.py"),
                 root / "terminal.py"]:
        text = path.read_text("utf-8")
        for needle in ("gate_findings", "SEVERITY_RANK", "< fail_under", "score < ",
                       ".rank >= ", "from auditor.gate import", "not in old"):
            assert needle not in text, f"{path.name} decides the gate again ({needle})"
    for name in ("junit.py", "sarif.py", "markdown.py", "github.py"):
        assert "fail_on" not in (root / "render" / name).read_text("utf-8"), name
    assert "split_by_fingerprint" in (root / "web" / "comparison.py").read_text("utf-8")


def test_every_result_validates_against_the_published_schema(tmp_path: Path) -> None:
    import jsonschema

    from auditor.document import result_schema

    _scan(_twenty_with_one_breach(tmp_path), "--no-policy", "--out", tmp_path / "out",
          "--format", "json")
    document = _result(tmp_path / "out")
    jsonschema.validate(document, result_schema())
    assert ResultDocument.from_dict(document).to_dict() == document


def test_the_shipped_schema_is_the_one_the_model_generates() -> None:
    from auditor.document import generated_schema, result_schema

    assert result_schema() == generated_schema(), (
        "regenerate the shipped schema: "
        ".venv/bin/python -c 'from auditor.document import write_schema; write_schema()'")


@pytest.mark.parametrize("fmt", ALL_TEXT_FORMATS)
def test_a_conversation_id_holding_personal_data_is_in_no_report(tmp_path: Path,
                                                                  fmt: str) -> None:
    records = conversation("jane.doe@example.com", GREETING,
                           ("customer", "Which card is on file?"),
                           ("bot", "The card on file is 4111 1111 1111 1111."), region="EU")
    code = _scan(write_jsonl(tmp_path / "chats.jsonl", records), "--no-policy",
                 "--out", tmp_path / "out", "--format", ",".join(ALL_TEXT_FORMATS))
    assert code == 1
    name = {"junit": "report.junit.xml"}.get(fmt, f"report.{fmt}")
    text = (tmp_path / "out" / name).read_text("utf-8")
    assert "jane.doe" not in text and "example.com" not in text


def test_a_conversation_id_holding_personal_data_is_not_in_the_pdf(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    import io

    records = conversation("+1 555 0100 123", GREETING, ("customer", "Which card is it?"),
                           ("bot", "The card on file is 4111 1111 1111 1111."), region="EU")
    _scan(write_jsonl(tmp_path / "chats.jsonl", records), "--no-policy",
          "--out", tmp_path / "out", "--format", "json")
    pdf = render(_result(tmp_path / "out"), "pdf")
    text = "".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "555 0100" not in text and "<PHONE_NUMBER>" in text


def test_the_documents_names_are_the_gates_and_the_severities() -> None:
    """The typed document spells severities, verdicts and statuses for its schema; they
    must be exactly the ones defined in auditor.severity and auditor.gate."""
    from typing import get_args

    from auditor import document
    from auditor.gate import CheckStatus, VerdictName
    from auditor.severity import SEVERITY_ORDER

    assert get_args(document.SeverityName) == SEVERITY_ORDER
    assert set(get_args(document.VerdictName)) == {v.value for v in VerdictName}
    assert set(get_args(document.CheckStatusName)) == {s.value for s in CheckStatus}
    from auditor.loaders.records import SKIP_KINDS

    kinds = document.SkippedEntry.model_fields["kind"].annotation
    assert get_args(kinds) == SKIP_KINDS


@pytest.mark.parametrize(("edit", "message"), [
    pytest.param(lambda d: d["summary"].update(verdict="passed", passed=True),
                 "contradicts", id="verdict-flipped-to-passed"),
    pytest.param(lambda d: d["summary"].update(grade="A", grade_cap=None), "contradicts",
                 id="grade-a-beside-a-critical-finding"),
    pytest.param(lambda d: d["summary"].update(overall_score="88"), "overall_score",
                 id="number-as-string"),
    pytest.param(lambda d: d["checks"][0].update(status="passed"), "contradicts",
                 id="failed-check-shown-as-passed"),
])
def test_render_refuses_a_result_edited_to_look_kinder(
        tmp_path: Path, edit: Any, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    _scan(_twenty_with_one_breach(tmp_path), "--no-policy", "--out", tmp_path / "out",
          "--format", "json")
    document = _result(tmp_path / "out")
    document["checks"].sort(key=lambda c: c["status"] != "failed")  # a failed check first
    edit(document)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["render", str(path), "--format", "md", "--out", str(tmp_path / "o")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "o" / "report.md").exists()


def test_masked_ids_stay_distinct_and_leak_nowhere(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = [record for cid in ("jane.roe@example.com-2026", "conv-555-0199-a",
                                  "555-0142", "555-0143")
               for record in conversation(cid, ("customer", "Are you a bot?"),
                                          ("bot", "No, I'm a real person."), region="EU")]
    code = _scan(write_jsonl(tmp_path / "chats.jsonl", records), "--no-policy",
                 "--out", tmp_path / "out", "--format", ",".join(ALL_TEXT_FORMATS))
    printed = capsys.readouterr().out
    assert code == 1
    for fmt in ALL_TEXT_FORMATS:
        name = {"junit": "report.junit.xml"}.get(fmt, f"report.{fmt}")
        text = (tmp_path / "out" / name).read_text("utf-8") + printed
        for leaked in ("jane.roe", "0199", "0142", "0143"):
            assert leaked not in text, (fmt, leaked)
    ids = {f["conversation_id"] for f in _result(tmp_path / "out")["findings"]}
    assert len(ids) == 4  # numbered, so four conversations stay four
    assert {"<PHONE_NUMBER> #1", "<PHONE_NUMBER> #2"} <= ids


def test_an_inconclusive_audit_is_loud_in_every_ci_format(tmp_path: Path) -> None:
    _scan(_persona_csv(tmp_path), "--no-policy", "--out", tmp_path / "out",
          "--format", "json,sarif,github")
    document = _result(tmp_path / "out")
    assert document["summary"]["grade"] == "N/A"  # no letter for what was not judged
    annotations = (tmp_path / "out" / "report.github").read_text("utf-8")
    assert annotations.startswith("::error title=Audit inconclusive::")
    assert "--role Ava=bot" in annotations
    invocation = json.loads((tmp_path / "out" / "report.sarif").read_text("utf-8"))[
        "runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert any("--role Ava=bot" in n["message"]["text"]
               for n in invocation["toolExecutionNotifications"])


def test_one_unknown_speaker_is_one_sentence_quoted_for_the_shell(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("conversation_id,speaker,message\n"
                    + "".join(f"c-{n},Agent Bot,Hello there.\nc-{n},customer,Hi\n"
                              for n in range(3)), encoding="utf-8")
    assert _scan(path, "--no-policy", "--out", tmp_path / "out", "--format", "json") == 4
    document = _result(tmp_path / "out")
    assert document["summary"]["inconclusive_reasons"] == [
        "3 records have the speaker 'Agent Bot', which is no known role; map it with "
        "--role 'Agent Bot'=bot (or customer, agent, system)"]
    assert "--role 'Agent Bot'=bot (or" in document["skipped"][0]["reason"]


def test_every_unknown_speaker_is_in_one_sentence_with_the_role_its_name_suggests(
        tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("conversation_id,speaker,message\n"
                    + "".join(f"c-{n},CUSTOM_BOT,Hello there.\nc-{n},EndCustomer,Hi\n"
                              f"c-{n},team,Dana here.\n" for n in range(2))
                    + "c-9,Virtual Assistant,Hi\nc-9,customer,Hello\n", encoding="utf-8")
    assert _scan(path, "--no-policy", "--out", tmp_path / "out", "--format", "json") == 4
    document = _result(tmp_path / "out")
    assert document["summary"]["inconclusive_reasons"] == [
        "7 records have speakers that are no known role: 'CUSTOM_BOT' (2), 'EndCustomer' (2), "
        "'team' (2), 'Virtual Assistant' (1); map them with --role CUSTOM_BOT=bot "
        "--role EndCustomer=customer --role team=agent --role 'Virtual Assistant'=bot "
        "(each to bot, customer, agent or system)"]
    reasons = {item["reason"] for item in document["skipped"]}
    assert "unknown role 'team'; map it with --role team=agent (or customer, bot, system)" \
        in reasons


def test_a_speaker_name_suggests_a_role_but_never_sets_one() -> None:
    from auditor.loaders.columns import ColumnOverrides, likely_role

    assert [likely_role(v).value for v in (
        "AUTOMATED_AGENT", "HumanAgent", "ai-agent", "EndUser", "Supervisor", "Flow",
        "participant")] == ["bot", "agent", "bot", "customer", "agent", "bot", "bot"]
    assert ColumnOverrides().resolve_role("HumanAgent") is None


def test_a_file_with_no_bot_turn_beside_others_is_inconclusive(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", _fine("a-1"))
    write_jsonl(folder / "b.jsonl", conversation("b-1", ("customer", "Hello?"),
                                                 ("agent", "Hi, how can I help?"),
                                                 region="EU"))
    assert _scan(folder, "--no-policy", "--out", tmp_path / "out", "--format", "json") == 4
    reasons = _result(tmp_path / "out")["summary"]["inconclusive_reasons"]
    assert any("no bot turn was read in" in r and "b.jsonl" in r for r in reasons)


def test_unknown_outcome_values_make_the_audit_inconclusive_not_crashed(
        tmp_path: Path) -> None:
    log = tmp_path / "decisions.csv"
    log.write_text("decision_id,decision_type,outcome,language\n" + "".join(
        f"d-{n},refund,{'OK' if n % 2 else 'NOK'},{'en' if n % 3 else 'es'}\n"
        for n in range(60)), encoding="utf-8")
    code = main(["scan", "--decisions", str(log), "--select", "FAIR001", "--no-policy",
                 "--out", str(tmp_path / "out"), "--format", "json", "-q"])
    document = _result(tmp_path / "out")
    assert code == 4 and not document["errors"]
    assert document["checks"][0]["status"] == "not_evaluated"
    assert any("--favourable" in r for r in document["summary"]["inconclusive_reasons"])


def test_fail_on_none_says_what_it_let_through(tmp_path: Path) -> None:
    _scan(_twenty_with_one_breach(tmp_path), "--no-policy", "--fail-on", "none",
          "--out", tmp_path / "out", "--format", "json,md")
    notes = _result(tmp_path / "out")["summary"]["gate_notes"]
    assert notes and "fail-on is none" in notes[0] and "critical finding" in notes[0]
    assert "fail-on is none" in (tmp_path / "out" / "report.md").read_text("utf-8")


def test_quiet_still_says_why_an_audit_is_inconclusive(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _scan(_persona_csv(tmp_path), "--no-policy", "-q", "--out", tmp_path / "out",
                 "--format", "json") == 4
    captured = capsys.readouterr()
    assert captured.out == "" and "--role Ava=bot" in captured.err


def _blocking_finding(document: dict[str, Any]) -> dict[str, Any]:
    return next(f for f in document["findings"] if f["blocks_gate"])


@pytest.mark.parametrize("edit", [
    pytest.param(lambda d: None, id="unedited"),
    pytest.param(lambda d: d["summary"].update(verdict="passed", passed=True),
                 id="verdict-flipped-to-passed"),
    pytest.param(lambda d: d["summary"].update(grade="A", grade_cap=None), id="grade-a"),
    pytest.param(lambda d: d["summary"].update(blocking_findings=0), id="blocking-count"),
    pytest.param(lambda d: _blocking_finding(d).update(blocks_gate=False),
                 id="finding-no-longer-blocks"),
    pytest.param(lambda d: d["findings"][-1].update(severity="fatal"), id="unknown-severity"),
    pytest.param(lambda d: d["findings"][2].update(turn_index="3"), id="turn-as-string"),
    pytest.param(lambda d: d["findings"][1].pop("fingerprint"), id="finding-field-missing"),
    pytest.param(lambda d: d["findings"][0].update(extra=1), id="finding-field-unknown"),
    pytest.param(lambda d: d["findings"].append(5), id="finding-not-an-object"),
    pytest.param(lambda d: d.update(findings={"a": 1}), id="findings-not-a-list"),
    pytest.param(lambda d: d["findings"][0]["data"].update(x=float("nan")), id="nan"),
    pytest.param(lambda d: d["checks"][0].update(status="passed"), id="failed-check-passed"),
])
def test_reading_findings_one_at_a_time_judges_as_the_whole_document(
        tmp_path: Path, edit: Any) -> None:
    """`ResultDocument.check`, which reports and the CLI use, accepts and refuses what
    the typed document does, with the same message."""
    _scan(_twenty_with_one_breach(tmp_path), "--no-policy", "--out", tmp_path / "out",
          "--format", "json", "--fail-on", "low")
    document = _result(tmp_path / "out")
    assert len(document["findings"]) >= 3
    document["checks"].sort(key=lambda c: c["status"] != "failed")  # a failed check first
    edit(document)
    messages = []
    for validate in (ResultDocument.from_dict, ResultDocument.check):
        try:
            validate(document)
            messages.append(None)
        except ResultDocumentError as error:
            messages.append(str(error))
    assert messages[0] == messages[1]
