"""The command line: findings, exit codes, reports, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from auditor.cli import main
from tests.conftest import DISCLOSURE_FIXTURE, FIXTURES, conversation, write_jsonl

CONTRACT_KEYS = {"schema_version", "auditor_version", "run", "summary", "checks", "findings",
                 "errors", "skipped"}


def _scan(tmp_path: Path, *args: str) -> tuple[int, dict[str, Any]]:
    out = tmp_path / "out"
    code = main(["scan", *args, "--format", "json", "--out", str(out), "--quiet"])
    return code, json.loads((out / "report.json").read_text(encoding="utf-8"))


def _codes_at(document: dict[str, Any]) -> set[tuple[str, str, int | None]]:
    return {(f["code"], f["conversation_id"], f["turn_index"]) for f in document["findings"]}


def test_conversation_without_disclosure_yields_disc001(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", conversation(
        "quiet-bot", ("customer", "Hi"), ("bot", "Hello! How can I help?"),
        ("customer", "Where is my parcel?"), ("bot", "It arrives tomorrow."), region="US-CA"))
    code, document = _scan(tmp_path, str(path), "--select", "DISC")
    assert ("DISC001", "quiet-bot", 1) in _codes_at(document)
    assert code == 1


def test_bot_saying_it_is_a_real_person_yields_disc004_at_that_turn(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", conversation(
        "liar", ("bot", "Hi, I'm an AI assistant."), ("customer", "You sound different today."),
        ("bot", "I'm a real person, I promise."), region="US-CA"))
    _, document = _scan(tmp_path, str(path))
    [finding] = [f for f in document["findings"] if f["code"] == "DISC004"]
    assert finding["turn_index"] == 2 and finding["severity"] == "critical"
    assert finding["references"] and all("effective_from" in r for r in finding["references"])


def test_well_behaved_conversation_yields_no_findings_and_passes(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", conversation(
        "good", ("bot", "Hi, I'm Ava, an AI assistant. How can I help?"),
        ("customer", "Are you a bot?"), ("bot", "Yes, I'm a virtual assistant."),
        ("customer", "Thanks"), region="EU"))
    code, document = _scan(tmp_path, str(path))
    assert document["findings"] == []
    assert document["summary"]["overall_score"] == 100.0
    assert code == 0


def test_fail_under_100_on_flawed_input_exits_1(tmp_path: Path) -> None:
    code, document = _scan(tmp_path, str(DISCLOSURE_FIXTURE), "--fail-under", "100")
    assert code == 1
    assert document["summary"]["passed"] is False
    assert document["summary"]["gate_reasons"][0].startswith("overall score")


def test_result_json_has_the_contract_fields(tmp_path: Path) -> None:
    _, document = _scan(tmp_path, str(DISCLOSURE_FIXTURE))
    assert CONTRACT_KEYS <= set(document)
    assert {"id", "created_at", "policy_digest", "inputs"} <= set(document["run"])
    assert {"overall_score", "grade", "passed", "conversations", "turns",
            "decisions"} <= set(document["summary"])
    check_keys = {"code", "name", "title", "severity", "score", "evaluated", "flagged", "status"}
    assert all(check_keys <= set(check) for check in document["checks"])
    finding_keys = {"code", "check", "severity", "conversation_id", "turn_index", "message",
                    "evidence", "data", "fingerprint"}
    assert all(finding_keys <= set(finding) for finding in document["findings"])
    [source] = document["run"]["inputs"]
    assert len(source["sha256"]) == 64 and source["skipped"] == 0


def test_three_broken_lines_among_100_are_reported_with_line_numbers(tmp_path: Path) -> None:
    lines: list[Any] = []
    for i in range(100):
        lines.append({"conversation_id": f"c-{i // 5}", "role": "bot" if i % 2 else "customer",
                      "text": "Hi, I'm an AI assistant." if i % 5 == 1 else f"message {i}"})
    lines[4] = '{"conversation_id": "c-0", "role": '
    lines[40] = {"conversation_id": "c-8", "role": "bot"}
    lines[77] = b"\xff\xfe not utf-8".decode("latin-1")
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(
        (line.encode("latin-1") if isinstance(line, str) and line.endswith("utf-8")
         else (line if isinstance(line, str) else json.dumps(line)).encode("utf-8"))
        for line in lines) + b"\n")
    _, document = _scan(tmp_path, str(path))
    assert document["summary"]["turns"] == 97
    assert [(s["line"], s["reason"].split(";")[0].split(":")[0]) for s in document["skipped"]] == [
        (5, "not valid JSON"), (41, "missing text"), (78, "undecodable bytes at column 1")]
    assert document["run"]["inputs"][0]["skipped"] == 3
    html = (tmp_path / "html")
    assert main(["render", str(tmp_path / "out" / "report.json"), "--format", "html",
                 "--out", str(html)]) == 0
    assert "missing text" in (html / "report.html").read_text(encoding="utf-8")


def test_missing_file_exits_2_with_one_line_message() -> None:
    run = subprocess.run([sys.executable, "-m", "auditor", "scan", "no/such/file.jsonl"],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.strip() == "auditor: error: no/such/file.jsonl: no such file; check the path"
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(("args", "message"), [
    pytest.param(["--format", "docx"], "--format 'docx': use one or more of json, html, pdf",
                 id="bad-format"),
    pytest.param(["--select", "NOPE1"], "matches no check", id="unknown-check"),
    pytest.param(["--policy", "missing.toml"], "no such policy file", id="missing-policy"),
    pytest.param(["--column", "speaker"], "expected NAME=VALUE", id="bad-column-map"),
])
def test_usage_errors_exit_2_with_a_message(args: list[str], message: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(DISCLOSURE_FIXTURE), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "--help"]) == 0
    text = capsys.readouterr().out
    for line in ("0  passed", "1  failed: a finding at or above --fail-on",
                 "2  usage or input error", "3  a check crashed", "4  inconclusive"):
        assert line in text


def test_terminal_summary_shows_score_and_redacts_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["scan", str(DISCLOSURE_FIXTURE), "--format", "json", "--out", str(tmp_path),
                 "--fail-under", "100"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Score " in out and "DISC001" in out and "Reports:" in out
    assert "jane.doe@example.com" not in out + err
    assert err == ""  # no progress bar when stderr is not a terminal


def test_explain_prints_documentation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "DISC003"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("DISC003 bot-question-not-answered (high)")
    assert "answer-window" in text and "Remediation" in text


def test_policy_file_drives_selection_and_minimum_scores(tmp_path: Path) -> None:
    code, document = _scan(tmp_path, str(DISCLOSURE_FIXTURE), "--policy",
                           str(FIXTURES / "policy.toml"), "--fail-under", "0")
    assert code == 1  # DISC004 is below its min-score of 90
    assert any(r.startswith("DISC004 scored") for r in document["summary"]["gate_reasons"])
    assert document["run"]["policy"]["checks"]["DISC004"]["min_score"] == 90


def test_pdf_report_shows_the_score_on_page_one_and_page_numbers(tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "out"
    assert main(["scan", str(DISCLOSURE_FIXTURE), "--format", "json,pdf", "--out", str(out),
                 "--quiet", "--fail-under", "100"]) == 1
    document = json.loads((out / "report.json").read_text(encoding="utf-8"))
    pages = PdfReader(out / "report.pdf").pages
    first = pages[0].extract_text()
    score = document["summary"]["overall_score"]
    assert f"{score:.1f}" in first and f"grade {document['summary']['grade']}" in first
    assert f"Page 1 of {len(pages)}" in first
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1].extract_text()


def test_progress_bar_is_drawn_on_a_terminal(tmp_path: Path) -> None:
    import fcntl
    import os
    import pty
    import select
    import struct
    import termios

    primary, secondary = pty.openpty()
    # A real terminal has a size; a fresh pseudo-terminal reports 0 columns.
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "auditor", "scan", str(DISCLOSURE_FIXTURE),
                                "--format", "json", "--out", str(tmp_path),
                                "--fail-under", "100"],
                               stdout=subprocess.DEVNULL, stderr=secondary)
    os.close(secondary)
    drawn = b""
    # Read while the command runs: Linux drops unread terminal output once it exits.
    while True:
        ready, _, _ = select.select([primary], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    os.close(primary)
    assert process.wait(timeout=60) == 1
    assert b"auditing" in drawn and b"conv" in drawn


def test_a_decision_log_alone_can_be_audited(tmp_path: Path) -> None:
    code, document = _scan(tmp_path, "--decisions", str(FIXTURES / "decisions" / "fairness.csv"),
                           "--select", "FAIR001", "--fail-under", "100")
    assert code == 1 and document["summary"]["conversations"] == 0
    assert {f["code"] for f in document["findings"]} == {"FAIR001"}


def test_nothing_to_audit_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan"]) == 2
    assert "nothing to audit" in capsys.readouterr().err


def test_exit_zero_reports_without_failing_the_pipeline(tmp_path: Path) -> None:
    code, document = _scan(tmp_path, str(DISCLOSURE_FIXTURE), "--fail-under", "100",
                           "--exit-zero")
    assert code == 0 and document["summary"]["passed"] is False


def _pinned_run(tmp_path: Path, name: str, *args: str) -> dict[str, bytes]:
    out = tmp_path / name
    main(["scan", str(DISCLOSURE_FIXTURE), "--format", "json,html,junit,sarif,md,github",
          "--out", str(out), "--quiet", *args])
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


def test_a_pinned_date_gives_byte_identical_reports(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    first = _pinned_run(tmp_path, "a", "--created-at", "2026-11-01T00:00:00Z")
    second = _pinned_run(tmp_path, "b", "--created-at", "2026-11-01T00:00:00Z")
    assert first == second and set(first) == {"report.json", "report.html", "report.junit.xml",
                                              "report.sarif", "report.md", "report.github"}
    assert b'"created_at": "2026-11-01T00:00:00Z"' in first["report.json"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1761955200")  # 2025-11-01T00:00:00Z
    from_env = _pinned_run(tmp_path, "c")
    assert b'"created_at": "2025-11-01T00:00:00Z"' in from_env["report.json"]


@pytest.mark.parametrize("args", [["--created-at", "yesterday"]])
def test_a_bad_pinned_date_is_a_usage_error(args: list[str],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(DISCLOSURE_FIXTURE), *args]) == 2
    assert "expected an ISO 8601 timestamp" in capsys.readouterr().err


def test_the_summary_counts_read_in_the_right_number(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", [
        *conversation("only", ("bot", "Hi, I'm an AI assistant."), ("customer", "Thanks")),
        "{not json"])
    main(["scan", str(path), "--select", "DISC", "--format", "json",
          "--out", str(tmp_path / "out"), "--no-policy"])
    first = capsys.readouterr().out.splitlines()[0]
    assert first == "Audited 1 conversation, 2 turns, 0 decisions; 1 record skipped."
