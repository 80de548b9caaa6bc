"""The policy decides what each check sees: per-channel ignores and a jurisdictions profile;
and a run finds its policy file (auditor.toml, or [tool.auditor] in pyproject.toml)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from auditor.cli import main
from auditor.jurisdiction import jurisdictions_of
from auditor.model import Conversation
from tests.conftest import conversation, write_jsonl

UNDISCLOSED = ("bot", "Hello! How can I help you today?")


def _transcript(folder: Path, *records: list[dict[str, Any]]) -> Path:
    return write_jsonl(folder / "chats.jsonl", [r for chat in records for r in chat])


def _on(channel: str, chat: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**record, "channel": channel} for record in chat]


def _scan(folder: Path, transcript: Path, policy: str, *args: str) -> tuple[int, dict[str, Any]]:
    policy_file = folder / "auditor.toml"
    policy_file.write_text(policy, encoding="utf-8")
    out = folder / "out"
    code = main(["scan", str(transcript), "--policy", str(policy_file), "--format", "json",
                 "--out", str(out), "--quiet", *args])
    report = out / "report.json"
    return code, json.loads(report.read_text(encoding="utf-8")) if code < 2 else {}


def _check(document: dict[str, Any], code: str) -> dict[str, Any]:
    return next(check for check in document["checks"] if check["code"] == code)


def test_a_channel_ignore_keeps_a_check_off_that_channel_only(tmp_path: Path) -> None:
    transcript = _transcript(
        tmp_path,
        _on(" Voice", conversation("call-1", UNDISCLOSED, ("customer", "Hi"), region="EU")),
        _on("web", conversation("chat-1", UNDISCLOSED, ("customer", "Hi"), region="EU")))
    _, everything = _scan(tmp_path, transcript, "", "--select", "DISC001,DISC002")
    assert {f["conversation_id"] for f in everything["findings"]
            if f["code"] == "DISC001"} == {"call-1", "chat-1"}
    _, scoped = _scan(tmp_path, transcript, '[channels."Voice "]\nignore = ["DISC001"]\n',
                      "--select", "DISC001,DISC002")
    assert {f["conversation_id"] for f in scoped["findings"]
            if f["code"] == "DISC001"} == {"chat-1"}
    assert _check(scoped, "DISC001")["evaluated"] == 1  # not evaluated, not merely hidden
    assert _check(scoped, "DISC002")["evaluated"] == _check(everything, "DISC002")["evaluated"]
    assert ("By the policy, DISC001 was not applied to the 1 conversation on channel 'voice'."
            in scoped["notes"])
    assert scoped["run"]["policy"]["channels"] == {"voice": {"ignore": ["DISC001"]}}


def test_a_channel_ignore_reaches_whole_input_checks(tmp_path: Path) -> None:
    ask = ("customer", "I want to talk to a human agent")
    transcript = _transcript(
        tmp_path,
        _on("voice", conversation("call-1", ask, ("bot", "Sure, transferring you now."),
                                  ("system", "agent_joined"), ("agent", "Hi, Dana here."))),
        _on("web", conversation("chat-1", ask, ("bot", "Transferring you."),
                                ("system", "agent_joined"), ("agent", "Hi, Lee here."))))
    _, document = _scan(tmp_path, transcript, '[channels.voice]\nignore = ["ESC008"]\n',
                        "--select", "ESC008")
    groups = _check(document, "ESC008")["metrics"]["groups"]
    assert [(g["dimension"], g["group"], g["conversations"]) for g in groups
            if g["dimension"] in ("all", "channel")] == [("all", "all", 1), ("channel", "web", 1)]


def test_a_channel_ignore_naming_no_check_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    transcript = _transcript(tmp_path, conversation("c-1", UNDISCLOSED))
    code, _ = _scan(tmp_path, transcript, '[channels.voice]\nignore = ["NOPE9"]\n')
    assert code == 2
    assert "[channels.voice] ignore 'NOPE9' matches no check" in capsys.readouterr().err


@pytest.mark.parametrize(("profile", "expected"), [
    pytest.param("", {"EU", "US-CA", "US-UT", "US-ME"}, id="unknown-region-all-rules"),
    pytest.param('jurisdictions = ["EU"]', {"EU"}, id="eu-profile"),
    pytest.param('jurisdictions = ["DE", "US-ME"]', {"EU", "US-ME"}, id="country-and-state"),
    pytest.param('jurisdictions = ["US-TX"]', set(), id="no-rule-covers-it"),
])
def test_the_jurisdictions_profile_stands_in_for_a_missing_region(
        tmp_path: Path, profile: str, expected: set[str]) -> None:
    transcript = _transcript(tmp_path, conversation("c-1", UNDISCLOSED, ("customer", "Hi")))
    _, document = _scan(tmp_path, transcript, profile, "--select", "DISC001")
    [*findings] = [f for f in document["findings"] if f["code"] == "DISC001"]
    assert {r["jurisdiction"] for f in findings for r in f["references"]} == expected
    if not expected:
        assert _check(document, "DISC001")["status"] == "not_applicable"


def test_a_region_in_the_export_wins_over_the_profile(tmp_path: Path) -> None:
    transcript = _transcript(tmp_path, conversation("c-1", UNDISCLOSED, region="US-CA"))
    _, document = _scan(tmp_path, transcript, 'jurisdictions = ["EU"]', "--select", "DISC001")
    [finding] = document["findings"]
    assert {r["jurisdiction"] for r in finding["references"]} == {"US-CA"}


def test_the_profile_reaches_decisions_no_conversation_refers_to(tmp_path: Path) -> None:
    log = tmp_path / "decisions.csv"
    log.write_text("decision_id,conversation_id,decision_type,outcome,favourable,automated,"
                   "human_reviewed\nd-1,,credit,denied,false,true,false\n", encoding="utf-8")
    codes = []
    for profile in ("", 'jurisdictions = ["US"]'):
        _, document = _decision_scan(tmp_path, log, profile)
        codes.append([(f["code"], f["severity"]) for f in document["findings"]])
    assert codes == [[("ESC007", "medium")], []]  # unknown region: the EU rule, one step lower


def _decision_scan(folder: Path, log: Path, policy: str) -> tuple[int, dict[str, Any]]:
    policy_file = folder / "auditor.toml"
    policy_file.write_text(policy, encoding="utf-8")
    out = folder / "out"
    code = main(["scan", "--decisions", str(log), "--policy", str(policy_file), "--select",
                 "ESC007", "--format", "json", "--out", str(out), "--quiet"])
    return code, json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("files", "source"), [
    pytest.param({"auditor.toml": "fail-under = 99\n"}, "auditor.toml", id="auditor-toml"),
    pytest.param({"pyproject.toml": "[project]\nname = 'x'\n[tool.auditor]\nfail-under = 99\n"},
                 "pyproject.toml", id="pyproject-table"),
    pytest.param({"auditor.toml": "fail-under = 99\n",
                  "pyproject.toml": "[tool.auditor]\nfail-under = 1\n"},
                 "auditor.toml", id="auditor-toml-first"),
    pytest.param({"pyproject.toml": "[project]\nname = 'x'\n"}, "defaults", id="no-table"),
    pytest.param({"pyproject.toml": "tool = 'x'\n"}, "defaults", id="tool-not-a-table"),
])
def test_a_run_finds_its_policy_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     files: dict[str, str], source: str) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    transcript = _transcript(tmp_path, conversation("c-1", UNDISCLOSED))
    monkeypatch.chdir(tmp_path)
    main(["scan", str(transcript), "--format", "json", "--out", "out", "--quiet"])
    document = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert document["run"]["policy"]["source"] == source  # relative: same in every checkout
    assert document["summary"]["fail_under"] == (99 if source != "defaults" else 80)
    if source != "defaults":
        main(["scan", str(transcript), "--format", "json", "--out", "plain", "--quiet",
              "--no-policy"])
        plain = json.loads((tmp_path / "plain" / "report.json").read_text(encoding="utf-8"))
        assert plain["run"]["policy"]["source"] == "defaults"


def test_a_broken_pyproject_naming_the_policy_table_is_an_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.auditor]\nfail-under = \n",
                                             encoding="utf-8")
    transcript = _transcript(tmp_path, conversation("c-1", UNDISCLOSED))
    monkeypatch.chdir(tmp_path)
    assert main(["scan", str(transcript), "--out", "out", "--quiet"]) == 2
    assert "pyproject.toml: not valid TOML" in capsys.readouterr().err


@pytest.mark.parametrize(("policy", "message"), [
    pytest.param("channels = []", "[channels] must be a table", id="channels-list"),
    pytest.param('[channels.voice]\nignore = "DISC002"', "ignore must be a list",
                 id="ignore-string"),
    pytest.param('jurisdictions = "EU"', "jurisdictions must be a list", id="profile-string"),
])
def test_malformed_scope_settings_are_errors(tmp_path: Path, policy: str, message: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    transcript = _transcript(tmp_path, conversation("c-1", UNDISCLOSED))
    code, _ = _scan(tmp_path, transcript, policy)
    assert code == 2 and message in capsys.readouterr().err


@pytest.mark.parametrize(("written", "expected"), [
    ("UK", {"GB"}), ("uk", {"GB"}), ("GB", {"GB"}), ("UK-SCT", {"GB", "GB-SCT"}),
    ("EL", {"EU", "GR"}), ("es", {"EU", "ES"}), ("US-CA", {"US", "US-CA"}),
])
def test_a_region_written_the_usual_way_is_read_as_its_iso_code(written: str,
                                                                  expected: set[str]) -> None:
    assert jurisdictions_of(Conversation("c1", (), attributes={"region": written})) == expected
