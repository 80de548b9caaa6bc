"""The README matches what the project does."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from auditor.accuracy import DetectorAccuracy, markdown_row, published_accuracy
from auditor.cli import main
from auditor.registry import Registry
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
EVAL_SCRIPT = ROOT / "benchmarks" / "eval_bot_question.py"
EVAL_DATA = ROOT.parent / "shared" / "data" / "disclosure"


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in README and "make demo" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.MULTILINE)


def test_readme_lists_every_built_in_check() -> None:
    for registered in Registry.from_entry_points().all():
        if registered.built_in:
            assert f"| {registered.code} | {registered.check_class.name} |" in README


def test_readme_exit_codes_match_help(capsys: pytest.CaptureFixture[str]) -> None:
    main(["scan", "--help"])
    help_text = capsys.readouterr().out
    for code in "01234":
        assert f"  {code}  " in help_text and f"| {code} |" in README


def test_readme_scoring_states_the_grade_caps_and_defaults_in_force() -> None:
    from auditor.gate import DEFAULT_FAIL_ON, DEFAULT_GRADE_CAPS, DEFAULT_MAX_SKIPPED_PERCENT

    section = " ".join(README.split("### Scoring", 1)[1].split("### The result JSON", 1)[0]
                       .split())
    caps = {severity.value: letter for severity, letter in DEFAULT_GRADE_CAPS.items()}
    assert (f"a critical finding caps it at {caps['critical']}, a high one at {caps['high']}, "
            f"a medium one at {caps['medium']}") in section
    assert f"(default `{DEFAULT_FAIL_ON.value}`)" in section
    assert f"(default {DEFAULT_MAX_SKIPPED_PERCENT:g})" in section


def test_readme_demo_description_matches_what_the_demo_does(tmp_path: Path) -> None:
    """The demo's command, from the Makefile, run in process: the README's promises hold."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    command = makefile.split("$(BIN)/auditor scan", 1)[1].split(";", 1)[0]
    args = shlex.split(command.replace("\\\n", " "))
    args[args.index("--out") + 1] = str(tmp_path)
    code = main(["scan", *args, "--quiet"])
    summary = json.loads((tmp_path / "report.json").read_text("utf-8"))["summary"]
    quick_start = README.split("## Quick start", 1)[1].split("## Using it", 1)[0]
    assert code == 1 and summary["verdict"] == "failed" and "**FAILED** (exit code 1" in quick_start
    assert summary["grade"] == "F" and "**capped at F**" in quick_start
    assert 80 <= summary["overall_score"] < 90 and "score is in the\n80s" in quick_start
    for problem in ("claim to be human", "full card numbers", "another customer's data",
                    "requests for a person ignored"):
        assert problem in quick_start
    codes = {f["code"] for f in json.loads((tmp_path / "report.json").read_text("utf-8"))
             ["findings"] if f["severity"] == "critical"}
    assert {"DISC004", "PII001", "PII006", "ESC001"} <= codes
    pdf = pytest.importorskip("pypdf")
    from auditor.render import render

    document = json.loads((tmp_path / "report.json").read_text("utf-8"))
    import io

    pages = [page.extract_text() or "" for page in
             pdf.PdfReader(io.BytesIO(render(document, "pdf"))).pages]
    assert "The most serious problems" in pages[0] and "capped at F" in pages[0]
    assert "Possible personal data breaches" in pages[0]
    # No near-empty page: a section that does not fit moves whole, leaving a gap.
    thin = [number for number, text in enumerate(pages[:-1], start=1) if len(text) < 200]
    assert not thin, f"near-empty pages: {thin}"


@pytest.mark.skipif(not EVAL_DATA.is_dir(), reason="evaluation data is not beside the repo")
def test_readme_quotes_the_evaluation_script_output() -> None:
    run = subprocess.run([sys.executable, str(EVAL_SCRIPT)], capture_output=True, text=True,
                         check=True)
    for line in run.stdout.splitlines():
        if line.startswith(("dev", "held-out", "all")):
            assert line in README, f"README is out of date: {line}"


EVAL_PII = ROOT / "benchmarks" / "eval_pii.py"
PII_DATA = ROOT.parent / "shared" / "data" / "pii" / "presidio_generated_small.json"


@pytest.mark.skipif(not PII_DATA.is_file(), reason="evaluation data is not beside the repo")
def test_readme_quotes_the_pii_evaluation_output() -> None:
    run = subprocess.run([sys.executable, str(EVAL_PII)], capture_output=True, text=True)
    rows = [line for line in run.stdout.splitlines() if line.startswith("all ")
            and not line.rstrip().endswith("-")]
    assert rows
    for line in rows:
        assert line in README, f"README is out of date: {line}"


def test_readme_policy_example_is_a_valid_policy(tmp_path: Path) -> None:
    from auditor.pipeline import run_audit
    from auditor.policy import parse_policy

    section = README.split("### Policy file", 1)[1].split("\n## ", 1)[0]
    blocks = [part.split("```", 1)[0] for part in section.split("```toml")[1:]]
    assert len(blocks) == 3
    # Pasted one after the other, the examples make one valid file.
    policy = parse_policy(tomllib.loads("\n".join(blocks)))
    assert policy.for_check("DISC004").min_score == 90
    assert policy.jurisdictions == ("EU",) and policy.channel_ignores["voice"] == ("DISC002",)
    assert run_audit([ROOT / "fixtures" / "transcripts" / "pii.jsonl"], policy=policy).checks


def _readme_commands() -> list[str]:
    """Every `auditor` command line of the README's shell examples, in order."""
    blocks = [part.split("```", 1)[0] for part in README.split("```sh\n")[1:]]
    # Blocks inside list items are indented.
    return [line.strip() for block in blocks for line in block.splitlines()
            if line.strip().startswith(".venv/bin/auditor ")]


def test_readme_commands_run_as_written(ci_workspace: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    commands = _readme_commands()
    assert len(commands) >= 11
    monkeypatch.chdir(ci_workspace)
    monkeypatch.setenv("AUDITOR_NEW_PASSWORD", "a long enough password")
    for command in commands:
        if command.split()[1] == "serve":
            continue  # runs until stopped: tests/test_web.py starts and stops it
        if "--email-to" in command:
            continue  # needs a mail server: tests/test_monthly_email.py sends to a real one
        # In process, to spare each command the start-up; the installed `auditor`
        # script itself is run in tests/test_cli.py.
        code = main(shlex.split(command, comments=True)[1:])
        # 0 and 1 are verdicts on the (deliberately flawed) fixtures; 2 or 3 means the
        # documented command is wrong.
        errors = capsys.readouterr().err
        assert code in (0, 1), f"{command}\n{errors}"
        assert "error" not in errors.casefold(), f"{command}\n{errors}"
    ci = ci_workspace / "ci"
    assert {p.name for p in ci.iterdir()} == {"report.json", "report.md", "report.junit.xml",
                                              "report.sarif", "report.github"}
    assert "Against the baseline: **0 new**" in (ci / "report.md").read_text("utf-8")
    assert (ci_workspace / "reports" / "report.pdf").read_bytes().startswith(b"%PDF")


EVAL_HUMAN_REQUEST = ROOT / "benchmarks" / "eval_human_request.py"
ESCALATION_DATA = ROOT.parent / "shared" / "data" / "escalation"


@pytest.mark.skipif(not ESCALATION_DATA.is_dir(), reason="evaluation data is not beside the repo")
def test_readme_quotes_the_human_request_evaluation_output() -> None:
    run = subprocess.run([sys.executable, str(EVAL_HUMAN_REQUEST)], capture_output=True,
                         text=True, check=True)
    rows = [line for line in run.stdout.splitlines()
            if line.startswith(("| train", "| validation"))]
    assert len(rows) == 4
    for line in rows:
        assert line in README, f"README is out of date: {line}"


BENCHMARKS = ROOT / "benchmarks"
SHARED_DATA = ROOT.parent / "shared" / "data"
# Every evaluation script that publishes detector accuracy, with the data it needs.
PUBLISHING_SCRIPTS = {
    "eval_bot_question.py": SHARED_DATA / "disclosure",
    "eval_disclosure_answers.py": BENCHMARKS / "data" / "disclosure_answers.csv",
    "eval_human_request.py": SHARED_DATA / "escalation",
    "eval_restatements.py": BENCHMARKS / "data" / "restatements.csv",
    "eval_frustration.py": BENCHMARKS / "data" / "frustration.jsonl",
    "eval_pii.py": SHARED_DATA / "pii",
}


def test_readme_quotes_the_published_detector_accuracy() -> None:
    figures = published_accuracy()
    assert figures
    section = README.split("### Detector accuracy", 1)[1].split("\n## ", 1)[0]
    for figure in figures:
        assert markdown_row(figure) in section, f"README is out of date: {markdown_row(figure)}"


def test_every_published_figure_is_what_its_script_measures_now(tmp_path: Path) -> None:
    """Each script publishes into a scratch file; together they give the committed file."""
    missing = [name for name, data in PUBLISHING_SCRIPTS.items() if not data.exists()]
    if missing:
        pytest.skip(f"evaluation data is not beside the repo for {', '.join(missing)}")
    scratch = tmp_path / "accuracy.json"
    for name in PUBLISHING_SCRIPTS:
        subprocess.run([sys.executable, str(BENCHMARKS / name), "--publish", "--accuracy-file",
                        str(scratch)], capture_output=True, text=True, check=False)
    measured = {item["key"]: item for item in json.loads(scratch.read_text(encoding="utf-8"))}
    committed = {figure.key: figure for figure in published_accuracy()}
    assert set(measured) == set(committed), "published figures without a script, or unpublished"
    for key, item in measured.items():
        assert DetectorAccuracy.from_json(item) == committed[key], f"{key} is out of date"


# Evaluation scripts on the project's own labelled data, and the rows of their tables
# the README quotes.
OWN_DATA_SCRIPTS = {
    "eval_disclosure_answers.py": ("dev ", "held-out ", "all "),
    "eval_restatements.py": ("dev ", "held-out ", "all "),
    "eval_frustration.py": ("dev  ", "held-out  ", "all  "),
    "eval_pii_patterns.py": ("all ",),
}


@pytest.mark.parametrize(("script", "quoted"), OWN_DATA_SCRIPTS.items())
def test_readme_quotes_the_own_data_evaluation_output(script: str,
                                                       quoted: tuple[str, ...]) -> None:
    run = subprocess.run([sys.executable, str(BENCHMARKS / script)], capture_output=True,
                         text=True, check=False)
    rows = [line for line in run.stdout.splitlines() if line.startswith(quoted)]
    assert rows, run.stderr
    for line in rows:
        assert line in README, f"README is out of date: {line}"
