"""Audits on a Dask cluster: a real `distributed.LocalCluster` of worker processes on
loopback judges the conversations and counts the decision log, and report.json has the
bytes of a run on one machine; an unreachable cluster is a clear usage error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.errors import UsageError
from tests.conftest import FIXTURES, free_port

pytest.importorskip("distributed")

# One process: the fixtures audited here, then on a cluster of two single-threaded
# worker processes, then on one worker process running two tasks at a time.
DRIVER = """
import json, sys
from pathlib import Path
from distributed import Client, LocalCluster
from auditor.cli import _pinned_clock
from auditor.pipeline import run_audit
from auditor.policy import load_policy
from auditor.render import render

fixtures, out = Path(sys.argv[1]), Path(sys.argv[2])

def audit(scheduler):
    result = run_audit(
        [fixtures / "transcripts"],
        decisions=[fixtures / "decisions" / name
                   for name in ("refunds.csv", "escalations.csv", "fairness.csv")],
        policy=load_policy(fixtures / "policy.toml"),
        clock=_pinned_clock("2026-11-01T00:00:00Z"), scheduler=scheduler)
    return render(result.to_dict(), "json")

if __name__ == "__main__":
    (out / "here.json").write_bytes(audit(None))
    for name, workers, threads in (("two-workers", 2, 1), ("two-threads", 1, 2)):
        with LocalCluster(n_workers=workers, threads_per_worker=threads, processes=True,
                          dashboard_address=None) as cluster:
            (out / f"{name}.json").write_bytes(audit(cluster.scheduler_address))
            with Client(cluster.scheduler_address) as client:
                ran = client.run(lambda: __import__("sys").modules.get("auditor.pii.engine")
                                 is not None)
                # The FAIR checks' counts are made only where the decisions are counted.
                counted = client.run(lambda: "auditor.fairness.counts"
                                     in __import__("sys").modules)
            (out / f"{name}-workers.json").write_text(json.dumps(sorted(ran.values())))
            (out / f"{name}-counted.json").write_text(json.dumps(sorted(counted.values())))
"""


def test_a_cluster_of_worker_processes_gives_the_bytes_of_one_machine(tmp_path: Path) -> None:
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    run = subprocess.run([sys.executable, str(driver), str(FIXTURES), str(tmp_path)],
                         capture_output=True, text=True, timeout=900,
                         cwd=Path(__file__).resolve().parents[1])
    assert run.returncode == 0, run.stderr[-3000:]
    here = (tmp_path / "here.json").read_bytes()
    assert json.loads(here)["findings"]
    for name in ("two-workers", "two-threads"):
        assert (tmp_path / f"{name}.json").read_bytes() == here, name
        # The PII engine was built in the cluster's workers: they did the analysis.
        assert all(json.loads((tmp_path / f"{name}-workers.json").read_text())), name
        # and they counted the decision log for FAIR001, FAIR002 and FAIR005.
        assert any(json.loads((tmp_path / f"{name}-counted.json").read_text())), name


def test_an_unreachable_scheduler_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import auditor.cluster as cluster

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 2)
    address = f"tcp://127.0.0.1:{free_port()}"
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler"):
        cluster.map_on_cluster(address, lambda slots: [1], str, lambda outcome, task: None)


def test_the_web_service_hands_audits_to_the_configured_cluster(tmp_path: Path) -> None:
    from auditor.web import create_app

    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'web.db'}",
                      "INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "x" * 32,
                      "DASK_SCHEDULER": "tcp://10.0.0.5:8786"})
    assert app.extensions["auditor.runner"]._settings.scheduler == "tcp://10.0.0.5:8786"
