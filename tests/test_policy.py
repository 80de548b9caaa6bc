"""Policy files: thresholds, selection and check options, with errors that say what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.errors import PolicyError
from auditor.policy import Policy, load_policy
from tests.conftest import FIXTURES


def test_bundled_policy_reads_thresholds_and_options() -> None:
    policy = load_policy(FIXTURES / "policy.toml")
    assert policy.fail_under == 80
    assert policy.select == ()
    assert policy.for_check("DISC004").min_score == 90
    assert policy.for_check("DISC003").options == {"answer-window": 2}


def test_pyproject_tool_table_is_a_policy(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[project]\nname='x'\n[tool.auditor]\nfail_under = 95\n", encoding="utf-8")
    assert load_policy(path).fail_under == 95


@pytest.mark.parametrize(("text", "message"), [
    pytest.param("fail-undr = 3",
                 "unknown key fail-undr; valid keys are fail-under, fail-on, max-skipped",
                 id="typo-lists-valid-keys"),
    pytest.param("fail-under = 300", "must be a number from 0 to 100", id="out-of-range"),
    pytest.param("select = 'DISC'", "must be a list of strings", id="select-not-list"),
    pytest.param("[checks.DISC001]\nmin = 3", "unknown key min; valid keys are min-score",
                 id="check-key-typo"),
    pytest.param("fail-under = = 3", "not valid TOML", id="broken-toml"),
])
def test_policy_errors_say_what_to_fix(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "auditor.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match=message):
        load_policy(path)


def test_command_line_overrides_win_and_digest_tracks_settings() -> None:
    base = Policy(fail_under=80.0, select=("DISC",))
    changed = base.with_overrides(fail_under=100.0)
    assert changed.fail_under == 100.0 and changed.select == ("DISC",)
    assert changed.digest != base.digest
    assert base.with_overrides().digest == base.digest


def test_policy_init_writes_a_valid_commented_starter(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from auditor.cli import main
    from auditor.policy import load_policy

    target = tmp_path / "auditor.toml"
    assert main(["policy", "init", str(target)]) == 0
    policy = load_policy(target)
    assert policy.fail_under == 80 and policy.fail_on is not None
    assert "# [[suppressions]]" in target.read_text(encoding="utf-8")
    assert main(["policy", "init", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["policy", "init", str(target), "--force"]) == 0


def test_every_commented_example_in_the_starter_is_valid_once_uncommented() -> None:
    import re
    import tomllib

    from auditor.policy import parse_policy
    from auditor.policy_starter import STARTER_POLICY

    example = re.compile(r"^# (\[.*\]|[a-z-]+ = .*)$")
    uncommented = "\n".join(match.group(1) if (match := example.match(line)) else line
                            for line in STARTER_POLICY.splitlines())
    policy = parse_policy(tomllib.loads(uncommented))
    assert policy.channel_ignores == {"voice": ("DISC002",)}
    assert len(policy.suppressions) == 1 and policy.decisions.segments
