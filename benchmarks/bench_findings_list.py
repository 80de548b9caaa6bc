"""Latency of the findings list with 50,000 findings in one audit: the web page and the
API, on SQLite and (given a server) PostgreSQL.

Seeds an audit through the real write path (`store_new_result`, `overview_of`) with
synthetic findings in every pack, severity, language, region and channel, triages a
tenth of them through `change_triage`, then requests a mix of list views (first and deep
pages, each filter, search, sorts, combinations) through the app in process, as a
signed-in reviewer and with an API token. Prints p50/p95/max per database and surface,
and the audit page and the CSV export of confirmed findings once each; exits 1 when a
list p95 reaches the target.

    .venv/bin/python benchmarks/bench_findings_list.py [--findings 50000] [--rounds 5]
        [--postgres postgresql+psycopg://user:pass@127.0.0.1/postgres]

`make bench-findings` runs it on SQLite and on a PostgreSQL server on loopback.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from auditor.web import close_app, create_app
from auditor.web.accounts import create_token, create_user
from auditor.web.finding_store import overview_of, store_new_result
from auditor.web.models import Audit, FindingRow, Organisation, Role, Status, TriageKind, User
from auditor.web.triage_changes import TriageChange, change_triage

TARGET_P95_MS = 300.0
PASSWORD = "a long enough benchmark password"
CODES = ("DISC001", "DISC004", "PII001", "PII002", "PII003", "PII006", "ESC001", "ESC003",
         "ESC004", "FAIR001")
SEVERITIES = ("critical", "high", "medium", "low", "info")
LANGUAGES = ("en", "de", "fr", "es", "nl")
REGIONS = ("EU", "US-CA", "UK", "US", "CA")
CHANNELS = ("web", "sms", "whatsapp", "voice")
WORDS = ("card", "refund", "agent", "human", "order", "delivery", "account", "address",
         "password", "invoice", "bot", "person", "transfer", "queue", "complaint")
# The list views a reviewer opens: (name, query string).
VIEWS: tuple[tuple[str, str], ...] = (
    ("first page", ""),
    ("deep page", "page=900"),
    ("pack", "check=PII"),
    ("check", "check=ESC003&page=3"),
    ("severity", "severity=critical"),
    ("state open", "state=open&page=10"),
    ("state confirmed", "state=confirmed"),
    ("search", "q=refund"),
    ("search rare", "q=zzqx"),
    ("segment", "language=de&region=EU&channel=sms"),
    ("new", "new=yes"),
    ("sort check", "sort=check&page=40"),
    ("sort conversation", "sort=conversation&page=5"),
    ("combined", "check=PII&severity=critical&state=open&q=card&per_page=100"),
)


def synthetic_findings(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """`count` findings shaped as a result holds them, most severe first."""
    rng = random.Random(seed)
    findings = []
    for number in range(count):
        code = rng.choice(CODES)
        words = " ".join(rng.choice(WORDS) for _ in range(6))
        findings.append({
            "code": code, "check": f"check-{code.lower()}", "severity": rng.choice(SEVERITIES),
            "conversation_id": f"conv-{number // 3:06d}", "turn_index": number % 7,
            "timestamp": None, "message": f"The bot mishandled a {words} request.",
            "evidence": [{"turn_index": number % 7, "role": "bot",
                          "excerpt": f"... {words} <EMAIL_ADDRESS> ..."}],
            "data": {}, "references": [], "fingerprint": f"{number:016x}", "source": None,
            "blocks_gate": False,
            "segment": {"channel": rng.choice(CHANNELS), "language": rng.choice(LANGUAGES),
                        "region": rng.choice(REGIONS)}})
    findings.sort(key=lambda f: -SEVERITIES[::-1].index(f["severity"]))
    return findings


def _document(findings: list[dict[str, Any]]) -> dict[str, Any]:
    return {"schema_version": "2.1", "summary": {"verdict": "failed", "findings": len(findings),
                                                 "conversations": len(findings) // 3,
                                                 "gate_reasons": ["synthetic"]},
            "checks": [{"code": code, "title": code, "status": "failed"} for code in CODES],
            "findings": findings, "suppressed": [], "errors": [], "skipped": []}


def seed(app: Any, count: int) -> int:
    """Two audits of the same inputs (the second the one measured), findings stored
    through the write path, a tenth triaged; the measured audit's id."""
    import json

    database = app.extensions["auditor.database"]
    findings = synthetic_findings(count)
    with database.session() as session:
        user = session.scalar(select(User).where(User.email == "bench@example.com"))
        assert user is not None
        ids = []
        for share in (0.9, 1.0):  # the first lacks a tenth: those are new in the second
            shown = findings[:int(len(findings) * share)]
            document = _document(shown)
            audit = Audit(organisation_id=session.scalar(select(Organisation.id)),
                          created_by_id=user.id, status=Status.DONE, input_names=["x.jsonl"],
                          result_json=json.dumps(document), overview_json=overview_of(document),
                          findings_indexed=True, findings_count=len(shown),
                          verdict="failed", overall_score=50.0, grade="F", passed=False)
            session.add(audit)
            session.flush()
            store_new_result(audit.id, document, session.connection())
            ids.append(audit.id)
        rows = session.scalars(select(FindingRow).where(FindingRow.audit_id == ids[-1])
                               .order_by(FindingRow.position)).all()
        for number, kind in enumerate((TriageKind.CONFIRMED, TriageKind.FALSE_POSITIVE)):
            change_triage(session, user, ids[-1], rows[number::20],
                          TriageChange(kind, None, "benchmark"))
    return ids[-1]


def _signed_in(app: Any) -> Any:
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    response = client.post("/login", data={"email": "bench@example.com",
                                           "password": PASSWORD, "csrf_token": token.group(1)})
    assert response.status_code == 302
    return client


def _timed(client: Any, path: str, **options: Any) -> tuple[float, int]:
    """Seconds one GET took, and its status."""
    start = time.perf_counter()
    response = client.get(path, **options)
    return time.perf_counter() - start, response.status_code


def _line(name: str, latencies: list[float]) -> tuple[str, float]:
    ordered = sorted(latencies)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)] * 1000
    return (f"  {name:<28} {len(ordered):>4} requests  p50 "
            f"{statistics.median(ordered) * 1000:7.1f} ms  p95 {p95:7.1f} ms  "
            f"max {ordered[-1] * 1000:7.1f} ms"), p95


def measure(label: str, database_url: str | None, count: int, rounds: int,
            by_views: bool = False) -> bool:
    """Seed and measure one database; True when both p95s are under the target."""
    with tempfile.TemporaryDirectory(prefix="bench-findings-") as folder:
        config: dict[str, Any] = {"INSTANCE_PATH": folder, "RUN_JOBS": False,
                                  "RATELIMIT_ENABLED": False}
        if database_url:
            config["DATABASE_URL"] = database_url
        app = create_app(config)
        try:
            with app.extensions["auditor.database"].session() as session:
                create_user(session, "bench@example.com", PASSWORD, Role.REVIEWER)
                user = session.scalar(select(User).where(User.email == "bench@example.com"))
                assert user is not None
                headers = {"Authorization": f"Bearer {create_token(session, user, 'bench')}"}
            started = time.perf_counter()
            audit_id = seed(app, count)
            print(f"{label}: seeded {count:,} findings in {time.perf_counter() - started:.1f} s")
            browser, api = _signed_in(app), app.test_client()
            page: list[float] = []
            answers: list[float] = []
            by_view: dict[str, list[float]] = {}
            failures = 0
            for _ in range(rounds):
                for name, query in VIEWS:
                    seconds, status = _timed(browser, f"/audits/{audit_id}/findings?{query}")
                    page.append(seconds)
                    by_view.setdefault(name, []).append(seconds)
                    failures += status != 200
                    seconds, status = _timed(api, f"/api/v1/audits/{audit_id}/findings?{query}",
                                             headers=headers)
                    answers.append(seconds)
                    failures += status != 200
            page_line, page_p95 = _line("list page", page)
            api_line, api_p95 = _line("list API", answers)
            print(page_line)
            print(api_line)
            if by_views:
                for name, seconds in by_view.items():
                    print(f"    page, {name:<22} median "
                          f"{statistics.median(seconds) * 1000:7.1f} ms")
            for name, path in (("audit page", f"/audits/{audit_id}"),
                               ("a finding's page", f"/audits/{audit_id}/findings/{1:016x}"),
                               ("CSV of confirmed findings",
                                f"/audits/{audit_id}/findings.csv?state=confirmed")):
                seconds, status = _timed(browser, path)
                failures += status != 200
                print(f"  {name:<28} {seconds * 1000:7.1f} ms (once)")
            if failures:
                print(f"  {failures} requests did not answer 200")
            met = page_p95 < TARGET_P95_MS and api_p95 < TARGET_P95_MS and not failures
            print(f"  target p95 < {TARGET_P95_MS:.0f} ms: {'met' if met else 'MISSED'}")
            return met
        finally:
            close_app(app)


def _postgres_database(server: str) -> Iterator[str]:
    """A throwaway database on `server`, dropped afterwards."""
    name = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--findings", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=5,
                        help=f"times each of the {len(VIEWS)} views is requested")
    parser.add_argument("--postgres", default=os.environ.get("AUDITOR_TEST_POSTGRES_URL"),
                        help="a PostgreSQL server URL to measure too (a database is made "
                             "and dropped there)")
    parser.add_argument("--by-view", action="store_true",
                        help="also print the page's median latency of each view")
    arguments = parser.parse_args()
    met = measure("SQLite", None, arguments.findings, arguments.rounds, arguments.by_view)
    if arguments.postgres:
        for url in _postgres_database(arguments.postgres):
            met = measure("PostgreSQL", url, arguments.findings, arguments.rounds,
                          arguments.by_view) and met
    else:
        print("PostgreSQL: not measured (give --postgres or AUDITOR_TEST_POSTGRES_URL)")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
