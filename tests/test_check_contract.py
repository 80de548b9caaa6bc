"""Every registered built-in check meets the contract: identity, docs, references."""

from __future__ import annotations

import re

import pytest

from auditor.check import DOC_HEADINGS
from auditor.registry import RegisteredCheck, Registry

BUILT_INS = [r for r in Registry.from_entry_points().all() if r.built_in]


@pytest.mark.parametrize("registered", BUILT_INS, ids=[r.code for r in BUILT_INS])
def test_built_in_check_has_complete_identity_and_documentation(
    registered: RegisteredCheck,
) -> None:
    check = registered.check_class
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", check.name), "name must be kebab-case"
    doc = check.documentation()
    assert [h for h in DOC_HEADINGS if h in doc] == list(DOC_HEADINGS)
    assert check.remediation.endswith(".")
    assert check.references, "every built-in check cites its legal basis"
    for option in check.default_options:
        assert option in doc, f"option {option} is not documented"


def test_codes_and_names_are_unique() -> None:
    names = [r.check_class.name for r in BUILT_INS]
    assert len(names) == len(set(names))
