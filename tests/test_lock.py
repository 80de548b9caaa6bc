"""The lock file `make setup` installs from covers every declared dependency, pinned
and hashed, so a change to pyproject.toml without `make lock` fails here, not in CI's
install."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def _locked() -> dict[str, tuple[str, int]]:
    """Each locked package: its pinned version and how many hashes it carries."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    locked = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9._-]+)==(\S+)", block)
        if match:
            locked[canonicalize_name(match[1])] = (match[2], block.count("--hash=sha256:"))
    return locked


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        names.extend(extra)
    return [Requirement(name) for name in names]


def test_every_declared_dependency_is_locked_at_an_allowed_version() -> None:
    locked = _locked()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in requirements.lock; run `make lock`"
        version, _ = locked[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{name}=={version} in requirements.lock is outside {requirement.specifier}; "
            "run `make lock`")


def test_every_locked_package_is_pinned_with_hashes() -> None:
    locked = _locked()
    assert len(locked) > 50
    unhashed = [name for name, (_, hashes) in locked.items() if hashes == 0]
    assert not unhashed
