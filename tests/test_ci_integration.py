"""The CI integrations do what their docs say: the GitHub Action (action.yml and its
script), the example workflow, the GitLab CI example and the pre-commit hook."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from auditor.cli import main
from tests.conftest import ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
WORKFLOW = yaml.safe_load((ROOT / "examples" / "ci" / "github-workflow.yml")
                          .read_text(encoding="utf-8"))
GITLAB = yaml.safe_load((ROOT / "examples" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


def _audit_step() -> dict[str, Any]:
    return next(step for step in ACTION["runs"]["steps"] if step.get("id") == "audit")


def test_the_action_is_composite_and_passes_inputs_only_through_the_environment() -> None:
    assert ACTION["runs"]["using"] == "composite"
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    used = {m.removeprefix("inputs.") for m in EXPRESSION.findall(text)
            if m.startswith("inputs.")}
    assert used == set(ACTION["inputs"])  # every input is used, none is undeclared
    for step in ACTION["runs"]["steps"]:
        # An input pasted into a script could inject shell code; env values cannot.
        assert "${{" not in step.get("run", ""), step.get("name")
    script = (ROOT / "scripts" / "github-action.sh").read_text(encoding="utf-8")
    script += _audit_step()["run"]
    for name in _audit_step()["env"]:
        assert f"${{{name}" in script or f'"${name}' in script, name


def _action_env(inputs: dict[str, str], workspace: Path) -> dict[str, str]:
    """The audit step's environment as GitHub would build it for these inputs."""
    values = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    values.update(inputs)
    bin_dir = Path(sys.executable).parent  # stands in for the install step's venv
    context = {**{f"inputs.{k}": v for k, v in values.items()},
               "github.action_path": str(ROOT),
               "steps.install.outputs.auditor": str(bin_dir / "auditor"),
               "steps.install.outputs.python": str(bin_dir / "python")}
    env = {name: EXPRESSION.sub(lambda m: context[m.group(1)], str(value))
           for name, value in _audit_step()["env"].items()}
    return {**os.environ, **env, "GITHUB_OUTPUT": str(workspace / "github-output"),
            "GITHUB_STEP_SUMMARY": str(workspace / "step-summary.md")}


def _run_action(workspace: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", _audit_step()["run"]], cwd=workspace,
                          env=_action_env(inputs, workspace), capture_output=True, text=True,
                          timeout=300)


def test_the_action_audits_annotates_summarises_and_sets_its_outputs(ci_workspace: Path) -> None:
    run = _run_action(ci_workspace, paths="transcripts",
                      decisions="decisions/refunds.csv decisions/escalations.csv",
                      **{"fail-on": "high"})
    assert run.returncode == 1, run.stderr  # the fixtures are deliberately flawed
    annotations = [line for line in run.stdout.splitlines() if line.startswith("::error")
                   and not line.startswith("::error title=Audit failed::")]
    assert annotations and all(re.match(r"::error file=(transcripts|decisions)/[^,]+,line=\d+,",
                                        line) for line in annotations), annotations
    outputs = _outputs(ci_workspace)
    assert set(outputs) == set(ACTION["outputs"])
    report = json.loads((ci_workspace / "auditor-report" / "report.json").read_text("utf-8"))
    assert outputs["passed"] == "false" and outputs["grade"] == report["summary"]["grade"]
    assert float(outputs["score"]) == report["summary"]["overall_score"]
    assert outputs["findings"] == outputs["new-findings"] == str(len(report["findings"]))
    assert (ci_workspace / outputs["sarif"]).is_file()
    assert {p.name for p in (ci_workspace / outputs["report-dir"]).iterdir()} == {
        "report.json", "report.html", "report.md", "report.junit.xml", "report.sarif",
        "report.github"}
    summary = (ci_workspace / "step-summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## Chatbot audit: \u274c failed")


def _outputs(workspace: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in
                (workspace / "github-output").read_text(encoding="utf-8").splitlines())


def test_action_paths_one_per_line_keep_spaces_and_one_line_expands_patterns(
        ci_workspace: Path) -> None:
    spaced = ci_workspace / "chat logs"
    spaced.mkdir()
    (spaced / "week 1.jsonl").write_bytes((ci_workspace / "chats.jsonl").read_bytes())
    run = _run_action(ci_workspace, paths="chat logs/week 1.jsonl\ntranscripts\n",
                      formats="json", **{"fail-under": "0", "fail-on": "none"})
    assert run.returncode == 0, run.stderr
    report = json.loads((ci_workspace / "auditor-report" / "report.json").read_text("utf-8"))
    assert sorted(i["path"] for i in report["run"]["inputs"]) == [
        "chat logs/week 1.jsonl", "transcripts/disclosure.jsonl", "transcripts/escalation.jsonl"]
    assert _outputs(ci_workspace)["sarif"] == ""  # not asked for: nothing to upload
    assert (ci_workspace / "step-summary.md").read_text("utf-8").startswith("## Chatbot audit")
    (ci_workspace / "github-output").unlink()
    run = _run_action(ci_workspace, paths="transcripts/*.jsonl", formats="json,sarif",
                      **{"fail-under": "0", "fail-on": "none"})
    report = json.loads((ci_workspace / "auditor-report" / "report.json").read_text("utf-8"))
    assert run.returncode == 0 and len(report["run"]["inputs"]) == 2
    assert _outputs(ci_workspace)["sarif"] == "auditor-report/report.sarif"


def test_an_action_usage_error_exits_2_and_publishes_nothing(ci_workspace: Path) -> None:
    run = _run_action(ci_workspace, paths="no-such-folder")
    assert run.returncode == 2
    assert "no-such-folder: no such file" in run.stderr
    assert not (ci_workspace / "github-output").exists()


def test_the_example_workflow_uses_only_what_the_action_offers() -> None:
    steps = WORKFLOW["jobs"]["audit"]["steps"]
    audit = next(step for step in steps if step.get("id") == "audit")
    assert audit["uses"].split("@")[0].endswith("/support-auditor")
    assert set(audit["with"]) <= set(ACTION["inputs"])
    outputs = {m.split(".")[-1] for step in steps
               for m in EXPRESSION.findall(json.dumps(step)) if m.startswith("steps.audit.")}
    assert outputs and outputs <= set(ACTION["outputs"])
    assert WORKFLOW["permissions"] == {"contents": "read", "actions": "read",
                                       "security-events": "write"}  # SARIF upload
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert upload["with"]["category"] == "chatbot-audit"
    from auditor.render.sarif import render_sarif

    # The category only takes effect when the SARIF run names no automationDetails.
    assert "automationDetails" not in json.loads(render_sarif({}))["runs"][0]


def test_the_gitlab_job_runs_and_leaves_its_junit_report(
        ci_workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ci_workspace)
    main(["scan", "transcripts", "--decisions", "decisions/refunds.csv", "--format", "json",
          "--out", "accepted", "--quiet"])
    main(["baseline", "update", "accepted/report.json", "--to", "auditor-baseline.json"])
    job = GITLAB["chatbot-audit"]
    for line in job["script"]:
        words = shlex.split(line)
        assert words[0] == "auditor"
        assert main(words[1:]) == 0  # nothing new since the baseline
    junit = ci_workspace / job["artifacts"]["reports"]["junit"]
    assert junit.read_text(encoding="utf-8").startswith('<?xml version="1.0"')
    assert all((ci_workspace / path).exists() for path in job["artifacts"]["paths"])


def test_the_pre_commit_hook_audits_the_files_it_is_given(
        ci_workspace: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    [hook] = HOOKS
    assert re.search(hook["files"], "transcripts/disclosure.jsonl")
    assert re.search(hook["files"], "transcripts/2026/chats.csv")
    assert not re.search(hook["files"], "data/prices.csv")  # only the transcripts folder
    assert hook["require_serial"] is True  # one audit of all files, not parallel batches
    monkeypatch.chdir(ci_workspace)
    words = shlex.split(hook["entry"])
    assert words[0] == "auditor"
    code = main([*words[1:], "transcripts/disclosure.jsonl"])
    assert code == 1  # the disclosure fixture has critical findings
    assert "at or above high" in capsys.readouterr().out
    assert (ci_workspace / ".auditor" / "report.md").is_file()
