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


def test_an_english_audit_leaves_other_language_packages_unimported(tmp_path) -> None:
    # spaCy's French package compiles its tokenizer exceptions on import (seconds);
    # its stop words are read without it, so an audit of English text never pays that.
    transcript = tmp_path / "chat.jsonl"
    transcript.write_text(
        '{"conversation_id": "c1", "turn_index": 0, "role": "bot", '
        '"text": "Hi, I am Ada, an automated assistant."}\n'
        '{"conversation_id": "c1", "turn_index": 1, "role": "customer", '
        '"text": "My e-mail is dana@example.com, call 555-0142."}\n', encoding="utf-8")
    probe = PROBE.replace("name.split(\".\")[0] in", "name.startswith(\"spacy.lang.\") or "
                          "name.split(\".\")[0] in")
    run = subprocess.run([sys.executable, "-c", probe, "scan", str(transcript), "--select",
                          "PII", "--format", "json", "--out", str(tmp_path / "out"),
                          "--quiet", "--exit-zero"],
                         capture_output=True, text=True, timeout=300)
    report = json.loads(run.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, run.stderr
    languages = {name.split(".")[2] for name in report["loaded"]
                 if name.startswith("spacy.lang.") and name.count(".") >= 2}
    assert "en" in languages or "presidio_analyzer" in report["loaded"]
    assert not languages & {"fr", "de", "es", "it", "nl", "pl", "pt"}, sorted(languages)


def test_stop_words_read_apart_equal_spacys_own() -> None:
    import importlib

    from auditor.pii.stop_words import stop_words

    for language in ("en", "es", "fr", "de", "it", "pt", "nl", "pl"):
        module = importlib.import_module(f"spacy.lang.{language}.stop_words")
        assert stop_words(language) == frozenset(module.STOP_WORDS), language
    assert stop_words("no-such-language") == frozenset()
