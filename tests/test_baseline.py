"""Baselines: a release is gated only on findings that are new since the last one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from auditor.cli import main
from tests.conftest import release_one as _version_one
from tests.conftest import release_two as _version_two


def _scan(folder: Path, transcript: Path, *args: str) -> tuple[int, dict[str, Any]]:
    out = folder / f"out-{transcript.stem}"
    code = main(["scan", str(transcript), "--format", "json", "--out", str(out), "--quiet",
                 "--select", "PII001,DISC004", *args])
    return code, json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_the_gate_fails_on_exactly_the_new_finding(tmp_path: Path) -> None:
    _, first = _scan(tmp_path, _version_one(tmp_path))
    baseline = tmp_path / "auditor-baseline.json"
    assert main(["baseline", "update", str(tmp_path / "out-v1" / "report.json"),
                 "--to", str(baseline)]) == 0
    code, second = _scan(tmp_path, _version_two(tmp_path), "--baseline", str(baseline))
    new = [(f["code"], f["conversation_id"]) for f in second["findings"] if f["baseline"] == "new"]
    assert new == [("PII001", "c-3")]
    assert [(f["code"], f["conversation_id"]) for f in second["baseline"]["fixed"]] == [
        ("DISC004", "c-2")]
    assert second["baseline"]["unchanged"] == 1  # c-1's leak survived the inserted turn
    assert code == 1 and second["summary"]["gate_reasons"] == [
        "1 new finding since the baseline (PII001)"]


def test_no_new_findings_pass_the_gate_whatever_the_score(tmp_path: Path) -> None:
    transcript = _version_one(tmp_path)
    _scan(tmp_path, transcript)
    code, document = _scan(tmp_path, transcript, "--baseline",
                           str(tmp_path / "out-v1" / "report.json"), "--fail-under", "100")
    assert code == 0 and document["summary"]["passed"] is True
    assert document["baseline"]["new"] == 0


@pytest.mark.parametrize("content", ["not json", '{"findings": [{"code": "X"}]}'])
def test_an_unusable_baseline_is_a_usage_error(tmp_path: Path, content: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    baseline = tmp_path / "b.json"
    baseline.write_text(content, encoding="utf-8")
    assert main(["scan", str(_version_one(tmp_path)), "--baseline", str(baseline)]) == 2
    assert "--baseline" in capsys.readouterr().err


def test_the_markdown_summary_shows_new_and_fixed(tmp_path: Path) -> None:
    _scan(tmp_path, _version_one(tmp_path))
    out = tmp_path / "md"
    main(["scan", str(_version_two(tmp_path)), "--select", "PII001,DISC004", "--quiet",
          "--baseline", str(tmp_path / "out-v1" / "report.json"), "--format", "md,json",
          "--out", str(out)])
    summary = (out / "report.md").read_text(encoding="utf-8")
    assert "**1 new**, **1 fixed**, 1 unchanged" in summary
    assert "### New findings (1)" in summary and "`PII001` c-3" in summary
    assert "### Fixed since the baseline (1)" in summary and "`DISC004` c-2" in summary
    assert "4111" not in summary and "5555 5555" not in summary


def test_github_annotations_carry_file_line_and_level(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    transcript = _version_one(tmp_path)
    main(["scan", str(transcript), "--select", "PII001,DISC004", "--quiet", "--format",
          "github", "--out", str(tmp_path / "gh")])
    lines = capsys.readouterr().out.splitlines()
    # First the verdict, then one annotation per finding at its file and line.
    verdict = [line for line in lines if line.startswith("::error title=Audit failed::")]
    assert verdict and lines[:len(verdict)] == verdict
    assert sorted(line.split(" ", 1)[0] for line in lines[len(verdict):]) == [
        "::error", "::error"]
    leak = next(line for line in lines if "PII001 c-1" in line)
    assert f"file={transcript},line=3,title=PII001 c-1::" in leak
    assert "4111" not in "\n".join(lines)
    assert (tmp_path / "gh" / "report.github").read_text(encoding="utf-8").splitlines() == lines


def test_annotation_text_cannot_inject_commands() -> None:
    from auditor.render.github import render_github

    text = render_github({"findings": [{"code": "X", "severity": "low", "conversation_id": "a,b",
                                        "message": "bad\n::error::injected 100%",
                                        "source": {"path": "x:y.jsonl", "line": 2}}]})
    assert text == ("::warning file=x%3Ay.jsonl,line=2,title=X a%2Cb::"
                    "bad%0A::error::injected 100%25\n")


def test_fail_on_gates_on_severity_and_only_new_findings_with_a_baseline(
        tmp_path: Path) -> None:
    transcript = _version_one(tmp_path)
    code, document = _scan(tmp_path, transcript, "--fail-under", "0", "--fail-on", "critical")
    assert code == 1
    assert document["summary"]["gate_reasons"] == [
        "2 findings at or above critical (DISC004, PII001)"]
    code, _ = _scan(tmp_path, transcript, "--fail-under", "0",
                    "--baseline", str(tmp_path / "out-v1" / "report.json"), "--fail-on", "high")
    assert code == 0  # nothing is new


def test_fail_on_in_the_policy_file(tmp_path: Path) -> None:
    from auditor.errors import PolicyError
    from auditor.policy import parse_policy

    assert parse_policy({"fail-on": "HIGH"}).fail_on is not None
    with pytest.raises(PolicyError, match="fail-on: unknown severity 'severe'"):
        parse_policy({"fail-on": "severe"})


def _suppressed_scan(tmp_path: Path, expires: str) -> tuple[int, dict[str, Any]]:
    transcript = _version_one(tmp_path)
    policy = tmp_path / "auditor.toml"
    policy.write_text(f"""
fail-on = "critical"
fail-under = 0

[[suppressions]]
code = "PII001"
conversation = "c-1"
justification = "test card number in a replayed fixture"
accepted-by = "compliance@example.com"
expires = {expires}
""", encoding="utf-8")
    return _scan(tmp_path, transcript, "--policy", str(policy), "--select", "PII001",
                 "--created-at", "2026-12-01T00:00:00Z")


def test_a_suppression_in_force_sets_the_finding_aside(tmp_path: Path) -> None:
    code, document = _suppressed_scan(tmp_path, "2027-03-31")
    assert code == 0 and document["findings"] == []
    assert [(s["code"], s["conversation_id"], s["accepted_by"]) for s in
            document["suppressed"]] == [("PII001", "c-1", "compliance@example.com")]
    from auditor.render import render

    html = render(document, "html").decode("utf-8")
    assert "Accepted findings (suppressed, not scored)" in html
    assert "test card number in a replayed fixture" in html and "2027-03-31" in html


def test_an_expired_suppression_fails_the_gate_again_and_says_why(tmp_path: Path) -> None:
    code, document = _suppressed_scan(tmp_path, "2026-11-30")
    assert code == 1 and document["suppressed"] == []
    assert [f["code"] for f in document["findings"]] == ["PII001"]
    assert any("expired on 2026-11-30" in note and "count again" in note
               for note in document["notes"])
    from auditor.render import render

    summary = render(document, "md").decode("utf-8")
    assert "expired on 2026-11-30" in summary.split("### Notes", 1)[1]


@pytest.mark.parametrize(("table", "message"), [
    ('code = "PII001"\nconversation = "c"\naccepted-by = "a"\nexpires = 2027-01-01',
     "justification is required"),
    ('fingerprint = "x"\njustification = "j"\naccepted-by = "a"\nexpires = "soon"',
     "expires must be a date"),
    ('code = "PII001"\njustification = "j"\naccepted-by = "a"\nexpires = 2027-01-01',
     "name the finding with fingerprint, or with code and conversation"),
])
def test_suppression_errors_say_what_to_fix(tmp_path: Path, table: str, message: str) -> None:
    from auditor.errors import PolicyError
    from auditor.policy import load_policy

    path = tmp_path / "auditor.toml"
    path.write_text(f"[[suppressions]]\n{table}\n", encoding="utf-8")
    with pytest.raises(PolicyError, match=message):
        load_policy(path)
