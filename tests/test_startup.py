"""Start-up stays light: printing help, listing checks, explaining one and refusing a
missing file load none of the heavy libraries (presidio, spaCy, fairlearn, pandas,
SciPy, scikit-learn, WeasyPrint, Flask). Timings are measured by
benchmarks/bench_startup.py, not here."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("presidio_analyzer", "presidio_anonymizer", "spacy", "fairlearn", "pandas",
         "scipy", "sklearn", "weasyprint", "flask", "lingua")
PROBE = f"""
import json, sys
from auditor.cli import main
code = main(sys.argv[1:])
print(json.dumps({{"code": code, "loaded": sorted(
    name for name in sys.modules if name.split(".")[0] in {HEAVY!r})}}), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [
    pytest.param(["--help"], id="help"),
    pytest.param(["checks"], id="checks"),
    pytest.param(["explain", "DISC003"], id="explain"),
    pytest.param(["formats"], id="formats"),
    pytest.param(["monthly", "--help"], id="monthly-help"),
    pytest.param(["scan", "no-such-file.jsonl"], id="missing-file"),
])
def test_a_command_that_audits_nothing_loads_no_heavy_library(args: list[str]) -> None:
    run = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True,
                         text=True, timeout=120)
    report = json.loads(run.stderr.strip().splitlines()[-1])
    assert report["loaded"] == [], report
    assert report["code"] in (0, 2)


def test_the_probe_would_see_a_heavy_import() -> None:
    """The check above can fail: rendering a report does load WeasyPrint."""
    probe = PROBE.replace("code = main(sys.argv[1:])",
                          "import auditor.render.pdf\ncode = 0")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         timeout=120)
    assert "weasyprint" in json.loads(run.stderr.strip().splitlines()[-1])["loaded"]
