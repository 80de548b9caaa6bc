"""Third-party checks and report formats, found through their entry points."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.errors import UsageError
from auditor.pipeline import run_audit
from auditor.registry import Registry
from tests.conftest import DISCLOSURE_FIXTURE, conversation, write_jsonl

PLUGIN_SOURCE = '''
"""An example third-party pack: one working check and one that crashes."""
from auditor.check import ConversationCheck
from auditor.findings import Severity
from auditor.model import Role


class ShoutingCheck(ConversationCheck):
    """What it checks
        Bot turns written in capitals.
    Why it matters
        Shouting at customers is rude.
    Fails when
        A bot turn is all capitals.
    Passes when
        No bot turn is.
    Options
        None.
    References
        House style guide.
    """
    code = "XPL001"
    name = "bot-shouts"
    title = "The bot shouts"
    severity = Severity.LOW
    remediation = "Write in sentence case."

    def check_conversation(self, conversation, *, options, references):
        for turn in conversation.turns_by(Role.BOT):
            if turn.text.isupper():
                yield self.finding(conversation, "A bot turn is in capitals.", turn=turn)


class BrokenCheck(ConversationCheck):
    """What it checks
        Nothing; it always fails.
    Why it matters
        It shows a crashing plugin does not stop the audit.
    Fails when
        Always.
    Passes when
        Never.
    Options
        None.
    References
        None.
    """
    code = "XPL002"
    name = "always-crashes"
    title = "A check that crashes"
    severity = Severity.LOW
    remediation = "None."

    def check_conversation(self, conversation, *, options, references):
        raise RuntimeError("plugin bug while reading jane.doe@example.com")
'''


def install_plugin(site: Path, package: str, source: str, entry_points: str) -> Path:
    """A plugin distribution (version 1.0) in `site`, registered by its entry_points.txt
    as an installer would; put `site` on sys.path to install it."""
    (site / package).mkdir(parents=True)
    (site / package / "__init__.py").write_text(source, encoding="utf-8")
    dist_info = site / f"{package}-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: "
                                        f"{package.replace('_', '-')}\nVersion: 1.0\n",
                                        encoding="utf-8")
    (dist_info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    return site


@pytest.fixture
def plugin_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plugin distribution on sys.path, registered by its entry_points.txt."""
    site = install_plugin(tmp_path / "site", "example_pack", PLUGIN_SOURCE,
                          "[auditor.checks]\nXPL = example_pack\n")
    monkeypatch.syspath_prepend(str(site))
    return site


def test_plugin_checks_are_discovered_beside_built_ins(plugin_path: Path) -> None:
    registry = Registry.from_entry_points()
    origins = {r.code: r.origin for r in registry.all()}
    assert origins["XPL001"] == "example-pack 1.0"
    assert origins["DISC001"].startswith("support-auditor")
    assert not registry.failures


def test_plugin_runs_and_a_crashing_check_is_isolated(plugin_path: Path, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", conversation(
        "c-1", ("bot", "HELLO, HOW CAN I HELP?"), ("customer", "are you a bot?"),
        ("bot", "I'm here to help!")))
    result = run_audit([path])
    codes = {f.code for f in result.findings}
    assert {"XPL001", "DISC001", "DISC003"} <= codes
    [error] = result.errors
    assert error.check == "XPL002"
    assert "RuntimeError: plugin bug" in error.message
    assert "jane.doe@example.com" not in error.message  # error text is redacted too
    assert result.exit_code == 3
    status = {c.code: c.status for c in result.checks}
    # XPL001's finding is low: below the gate, so the check passed with findings.
    assert status["XPL002"] == "error" and status["XPL001"] == "passed_with_findings"


def test_auditor_checks_lists_plugin_with_its_origin(plugin_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(plugin_path)}
    out = subprocess.run([sys.executable, "-m", "auditor", "checks"], capture_output=True,
                         text=True, env=env, check=True).stdout
    [line] = [row for row in out.splitlines() if row.startswith("XPL001")]
    assert "bot-shouts" in line and "low" in line and "example-pack 1.0" in line


def test_plugin_with_wrong_prefix_is_reported_not_fatal(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site2"
    (site / "stray_pack").mkdir(parents=True)
    (site / "stray_pack" / "__init__.py").write_text(PLUGIN_SOURCE, encoding="utf-8")
    dist_info = site / "stray_pack-0.1.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: stray-pack\nVersion: 0.1\n",
                                        encoding="utf-8")
    (dist_info / "entry_points.txt").write_text("[auditor.checks]\nZZZ = stray_pack\n",
                                                encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    registry = Registry.from_entry_points()
    [failure] = registry.failures
    assert "do not start with the entry-point prefix ZZZ" in failure.message
    assert registry.get("DISC001")  # built-ins still load


@pytest.mark.parametrize(("select", "ignore", "expected"), [
    pytest.param((), (), ["DISC001", "DISC002", "DISC003", "DISC004", "DISC008"], id="all"),
    pytest.param(("DISC00",), ("DISC008",), ["DISC001", "DISC002", "DISC003", "DISC004"],
                 id="prefix-minus-code"),
    pytest.param(("bot-claims-human",), (), ["DISC004"], id="by-name"),
])
def test_select_and_ignore_take_codes_prefixes_and_names(
    select: tuple[str, ...], ignore: tuple[str, ...], expected: list[str]
) -> None:
    chosen = Registry.from_entry_points().select(select, ignore)
    assert [r.code for r in chosen if r.code.startswith("DISC")] == expected


def test_unknown_select_token_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="matches no check"):
        Registry.from_entry_points().select(("NOPE",))


def test_explain_reads_the_fixed_docstring_headings() -> None:
    doc = Registry.from_entry_points().get("DISC001").check_class.documentation()
    positions = [doc.index(h) for h in ("What it checks", "Why it matters", "Fails when",
                                        "Passes when", "Options", "References")]
    assert positions == sorted(positions)
    assert textwrap.dedent(doc) == doc


RENDERER_SOURCE = '''
from auditor.render import Renderer

def _csv(result, options):
    rows = [f"{f['code']},{f['severity']},{f['blocks_gate']}" for f in result["findings"]]
    return ("code,severity,blocks_gate\\n" + "\\n".join(rows) + "\\n").encode()

CSV = Renderer("csv", "csv", "text/csv", "findings as CSV", _csv)
'''


@pytest.fixture
def renderer_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The README's example report format, installed as a plugin distribution."""
    from auditor.render.registry import renderers

    site = install_plugin(tmp_path / "renderer-site", "csv_report", RENDERER_SOURCE,
                          "[auditor.renderers]\ncsv = csv_report:CSV\n")
    monkeypatch.syspath_prepend(str(site))
    renderers.cache_clear()
    yield site
    renderers.cache_clear()


def test_a_plugin_adds_a_report_format(renderer_plugin: Path, tmp_path: Path) -> None:
    from auditor.cli import main

    code = main(["scan", str(DISCLOSURE_FIXTURE), "--no-policy", "--format", "json,csv",
                 "--out", str(tmp_path / "out"), "-q"])
    assert code == 1
    rows = (tmp_path / "out" / "report.csv").read_text("utf-8").splitlines()
    assert rows[0] == "code,severity,blocks_gate" and "DISC004,critical,True" in rows
    from auditor.render import formats

    assert formats()[:7] == ("json", "html", "pdf", "md", "junit", "sarif", "github")
    assert formats()[-1] == "csv"


FORMAT_SOURCE = '''
from auditor.loaders import InputFormat, make_turn, record_by_record

def _turns(path, record, options):
    return [make_turn(path, record.line, record.fields["call"], said["who"],
                      said["said"], options.overrides)
            for said in record.fields["utterances"]]

ACME = InputFormat("acme-json", "transcripts", "json", "a record with `utterances`",
                   lambda record: "utterances" in record, record_by_record(_turns),
                   priority=20)
'''


def test_a_plugin_adds_an_input_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A vendor format from a package: detected from content, listed, forced by name."""
    from auditor.cli import main
    from auditor.loaders.formats import input_formats

    site = install_plugin(tmp_path / "format-site", "acme_format", FORMAT_SOURCE,
                          "[auditor.formats]\nacme-json = acme_format:ACME\n")
    monkeypatch.syspath_prepend(str(site))
    input_formats.cache_clear()
    try:
        export = tmp_path / "calls.json"
        export.write_text('[{"call": "k-1", "utterances": [{"who": "bot", "said": "Hello, '
                          'I am a real person."}, {"who": "user", "said": "Are you a bot?"}'
                          ']}]', encoding="utf-8")
        code = main(["scan", str(export), "--no-policy", "--out", str(tmp_path / "out"),
                     "--format", "json", "-q"])
        import json

        result = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
        assert code == 1 and result["run"]["inputs"][0]["format"] == "acme-json"
        assert result["summary"]["turns"] == 2
        assert "acme-json" in input_formats()
    finally:
        input_formats.cache_clear()
