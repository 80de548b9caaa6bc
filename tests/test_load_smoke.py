"""The web load script's parts on a tiny load: it starts the server, uploads, waits,
fetches and reports. Latencies are not asserted: the script itself prints them."""

from __future__ import annotations

import pytest

from benchmarks.load_web import main


def test_the_load_script_runs_a_small_load_end_to_end(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--uploads", "2", "--fetches", "6", "--clients", "3", "--timeout", "120"]) == 0
    out = capsys.readouterr().out
    assert "statuses {202: 2}" in out and "statuses {200: 6}" in out
    assert "jobs: {'done': 2} of 2" in out and "every job completed, no 5xx" in out
