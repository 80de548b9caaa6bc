"""A large result is written without being held twice: its findings are made as the
JSON report reads them (`AuditResult.to_dict(lazy_findings=True)`), and the report is
the same bytes `json.dumps` gives for the whole document."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.document import ResultDocument
from auditor.pipeline import run_audit
from auditor.render import FORMATS, render
from auditor.render.json_report import render_json
from auditor.result import FindingDocuments
from tests.conftest import FIXTURES


class _Lazy(Sequence[Any]):
    """A sequence that is not a list, as `FindingDocuments` is not."""

    def __init__(self, items: list[Any]) -> None:
        self._items = items

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: Any) -> Any:
        return self._items[index]


_LEAVES = (st.none() | st.booleans() | st.integers() | st.text(max_size=8)
           | st.floats(allow_nan=False, allow_infinity=False))
_JSON = st.recursive(_LEAVES, lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=12)


@st.composite
def _documents(draw: st.DrawFn) -> tuple[Any, Any]:
    """A JSON document with some of its lists (values of objects) made lazy, and the
    same document with plain lists."""
    def lazy_and_plain(value: Any) -> tuple[Any, Any]:
        if isinstance(value, dict):
            pairs = {key: lazy_and_plain(item) for key, item in value.items()}
            return ({key: pair[0] for key, pair in pairs.items()},
                    {key: pair[1] for key, pair in pairs.items()})
        if isinstance(value, list) and draw(st.booleans()):
            return _Lazy(value), value
        return value, value
    return lazy_and_plain(draw(st.dictionaries(st.text(max_size=5), _JSON, max_size=4)))


@settings(max_examples=300, deadline=None)
@given(_documents())
def test_lazy_lists_are_written_as_json_dumps_writes_lists(pair: tuple[Any, Any]) -> None:
    lazy, plain = pair
    assert render_json(lazy) == (json.dumps(plain, indent=2, ensure_ascii=False)
                                 + "\n").encode("utf-8")


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(st.text(max_size=5), st.lists(_JSON, min_size=60, max_size=80)
                       | st.tuples(_JSON, _JSON), min_size=1, max_size=3))
def test_long_lists_written_an_item_at_a_time_are_written_as_json_dumps_writes_them(
        document: dict[str, Any]) -> None:
    assert render_json(document) == (json.dumps(document, indent=2, ensure_ascii=False)
                                     + "\n").encode("utf-8")
    lazy = {key: _Lazy(list(value)) for key, value in document.items()}
    assert render_json(lazy) == render_json(document)


def test_a_result_written_from_lazy_findings_is_the_same_report() -> None:
    result = run_audit(sorted((FIXTURES / "transcripts").glob("*.jsonl")),
                       decisions=[FIXTURES / "decisions" / "refunds.csv"],
                       clock=lambda: datetime(2026, 11, 1, tzinfo=UTC))
    whole = result.to_dict()
    lazy = result.to_dict(lazy_findings=True)
    assert isinstance(lazy["findings"], FindingDocuments)
    assert len(lazy["findings"]) == len(whole["findings"]) > 20
    assert render_json(lazy) == render_json(whole)
    ResultDocument.check(lazy)
    for fmt in FORMATS:
        if fmt != "pdf":
            assert render(lazy, fmt) == render(whole, fmt), fmt
    assert lazy["findings"][3] == whole["findings"][3]
    assert lazy["findings"][2:5] == whole["findings"][2:5]


def test_the_scan_command_writes_the_report_from_lazy_findings(tmp_path: Path) -> None:
    from auditor.cli import main

    out = tmp_path / "out"
    main(["scan", str(FIXTURES / "transcripts" / "escalation.jsonl"), "--no-policy",
          "--created-at", "2026-11-01T00:00:00Z", "--format", "json,md", "--out", str(out),
          "--quiet"])
    result = run_audit([FIXTURES / "transcripts" / "escalation.jsonl"],
                       clock=lambda: datetime(2026, 11, 1, tzinfo=UTC))
    assert (out / "report.json").read_bytes() == render_json(result.to_dict())
