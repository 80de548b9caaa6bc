"""A reviewer's whole visit in a real browser: Playwright driving Debian's Chromium
against `auditor serve` on loopback. Sign in, upload fixture exports, wait for the job,
open the report, download the PDF; filter the findings to critical personal data, open
one in its conversation, mark three false positive in one bulk action, confirm others
and export them as CSV; screenshots kept, and axe-core (tests/browser, from the npm
registry) finds no serious or critical accessibility violation on the audit page, the
findings list and a finding's page."""

from __future__ import annotations

import csv
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.conftest import DISCLOSURE_FIXTURE, FIXTURES, SmtpInbox, smtp_server

PII_FIXTURE = FIXTURES / "transcripts" / "pii.jsonl"
MONTHLY_FIXTURE = FIXTURES / "monthly" / "transcripts.jsonl"
AXE = Path(__file__).with_name("browser") / "node_modules" / "axe-core" / "axe.min.js"

CHROMIUM = Path("/usr/bin/chromium")  # installed by scripts/ensure-system-packages.sh
# Chromium as root in a container, with nothing reaching out to the network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
PASSWORD = "a long enough browser password"
SCREENSHOTS = Path(os.environ.get("AUDITOR_SCREENSHOTS", "out/screenshots"))


@contextmanager
def _serving(tmp_path: Path, environment: dict[str, str]) -> Iterator[str]:
    """`auditor serve` on a free port with `environment`, and one reviewer account."""
    instance = tmp_path / "instance"
    env = {**os.environ, "AUDITOR_NEW_PASSWORD": PASSWORD, **environment}
    subprocess.run([sys.executable, "-m", "auditor", "users", "create", "rev@example.com",
                    "--instance", str(instance)], env=env, check=True, capture_output=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with (tmp_path / "serve.log").open("w") as log, subprocess.Popen(
            [sys.executable, "-m", "auditor", "serve", "--port", str(port), "--instance",
             str(instance)], stdout=log, stderr=subprocess.STDOUT, env=env) as process:
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"{url}/login", timeout=2).close()
                    break
                except OSError:
                    assert process.poll() is None and time.monotonic() < deadline, (
                        (tmp_path / "serve.log").read_text())
                    time.sleep(0.3)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`auditor serve` on a free port, with one reviewer account."""
    with _serving(tmp_path, {}) as url:
        yield url


@pytest.fixture
def mailing_server(tmp_path: Path) -> Iterator[tuple[str, SmtpInbox]]:
    """`auditor serve` sending e-mail to a real SMTP server on loopback (aiosmtpd)."""
    with smtp_server() as (inbox, smtp_port), _serving(
            tmp_path, {"AUDITOR_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
                       "AUDITOR_MAIL_FROM": "reports@example.com"}) as url:
        yield url, inbox


@pytest.fixture
def page() -> Iterator[Page]:
    """A fresh page in headless Chromium."""
    assert CHROMIUM.exists(), "Chromium is missing: run `make test`, which installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        context = browser.new_context(accept_downloads=True)
        yield context.new_page()
        context.close()
        browser.close()


def _accessibility_problems(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page (WCAG 2.x A and AA and
    best practices), as "rule: count nodes" lines."""
    assert AXE.exists(), "axe-core is missing: run `make test`, which installs it"
    page.evaluate(AXE.read_text(encoding="utf-8"))  # run in the page, not as a <script>
    violations = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})
        .then(r => r.violations.map(v => ({id: v.id, impact: v.impact,
                                            nodes: v.nodes.map(n => n.target.join(' '))})))""")
    return [f"{v['id']} ({v['impact']}): {', '.join(v['nodes'][:3])}" for v in violations
            if v["impact"] in ("serious", "critical")]


def _shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / name
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_a_reviewer_signs_in_uploads_reads_the_report_and_downloads_the_pdf(
        server: str, page: Page, tmp_path: Path) -> None:
    page.goto(f"{server}/")
    expect(page).to_have_url(f"{server}/login?next=%2F")  # the audits need a sign-in
    page.fill("#email", "rev@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("New audit")

    page.set_input_files("#transcripts", [str(DISCLOSURE_FIXTURE), str(PII_FIXTURE)])
    page.click("text=Start the audit")
    # The job page refreshes itself until the audit is done.
    expect(page.locator("#status")).to_have_text("done", timeout=180_000)
    # The page leads with the verdict, then a row per area.
    expect(page.locator("#verdict")).to_have_text("failed")
    expect(page.locator("#area-PII")).to_contain_text("Personal data")
    assert _accessibility_problems(page) == []
    audit_page = page.url

    page.click("#view-report")
    expect(page.locator("h1").first).to_be_visible()
    assert "DISC001" in page.content()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / "web-report.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.read_bytes().startswith(b"\x89PNG")

    page.goto(audit_page)
    with page.expect_download() as download_info:
        page.click("#download-pdf")
    pdf = tmp_path / "report.pdf"
    download_info.value.save_as(str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert download_info.value.suggested_filename.endswith("report.pdf")

    # Critical personal-data findings, filtered with the form (no script on the page).
    page.click("#all-findings")
    page.select_option("#f-check", "PII")
    page.check("input[name=severity][value=critical]")
    page.click("#apply-filters")
    expect(page).to_have_url(re.compile(r"check=PII.*severity=critical"))
    total = int(page.locator("#total").inner_text())
    assert total >= 3
    codes = page.locator("#findings tbody tr td:nth-child(3)").all_inner_texts()
    severities = page.locator("#findings tbody tr td:nth-child(2)").all_inner_texts()
    assert codes and all(code.startswith("PII") for code in codes)
    assert set(severities) == {"critical"}
    _shot(page, "web-findings.png")
    assert _accessibility_problems(page) == []
    filtered = page.url

    # One of them in its conversation: the flagged turn outlined, values masked.
    page.click("#findings tbody tr:first-child td:nth-child(5) a")
    expect(page.locator("#conversation .turn.flagged").first).to_be_visible()
    flagged = page.locator("#conversation .turn.flagged").first.inner_text()
    assert re.search(r"<[A-Z_]+( ending \d+)?>", flagged), flagged  # a masked value
    expect(page.locator("#conversation mark").first).to_be_visible()
    _shot(page, "web-finding.png")
    assert _accessibility_problems(page) == []

    # Three false positives in one bulk action, with one reason.
    page.goto(filtered)
    boxes = page.locator("#findings tbody input[name=fingerprint]")
    for index in range(3):
        boxes.nth(index).check()
    page.select_option("#b-state", "false_positive")
    page.fill("#b-comment", "documented test values")
    page.click("#apply-ticked")
    expect(page.locator(".flash.info")).to_contain_text("3 findings marked false positive")
    states = page.locator("#findings tbody tr td:nth-child(6)").all_inner_texts()
    assert states.count("false positive") == 3

    # The rest of the filter confirmed in one go, then exported for a ticketing tool.
    page.select_option("#f-check", "PII")
    page.check("input[name=state][value=open]")
    page.click("#apply-filters")
    page.select_option("#b-state", "confirmed")
    page.fill("#b-comment", "real leaks in the bot's answers")
    page.click("#apply-filter")
    expect(page.locator(".flash.info")).to_contain_text("marked confirmed")
    with page.expect_download() as download_info:
        page.click("#export-confirmed-csv")
    exported = tmp_path / "confirmed.csv"
    download_info.value.save_as(str(exported))
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8"))))
    assert rows and {row["state"] for row in rows} == {"confirmed"}
    assert all(row["code"].startswith("PII") for row in rows)
    # The filter still held critical: those are the ones not marked false positive.
    assert len(rows) == total - 3 and {row["severity"] for row in rows} == {"critical"}


def test_the_accessibility_check_finds_a_serious_violation_where_there_is_one(
        page: Page) -> None:
    """The check above can fail: a form field without a label and an image without a
    text alternative are reported."""
    page.set_content('<!doctype html><html lang="en"><title>t</title><main>'
                     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input></main>')
    problems = _accessibility_problems(page)
    assert any(p.startswith("image-alt (critical)") for p in problems), problems
    assert any(p.startswith("label (critical)") for p in problems), problems


def test_an_owner_sets_a_monthly_schedule_sends_a_report_and_it_arrives(
        mailing_server: tuple[str, SmtpInbox], page: Page) -> None:
    server, inbox = mailing_server
    page.goto(f"{server}/login")
    page.fill("#email", "rev@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.click("text=Organisations and monthly reports")
    page.click("text=Schedule and reports")
    expect(page.locator("#no-months")).to_be_visible()
    page.fill("#day", "2")
    page.fill("#recipients", "owner@example.com")
    page.click("text=Save the schedule")
    expect(page.locator(".flash.info")).to_contain_text("on day 2")
    monthly_page = page.url

    # An audit uploaded now keeps its calendar months for the reports.
    page.click("text=Audits")
    page.set_input_files("#transcripts", [str(MONTHLY_FIXTURE)])
    page.click("text=Start the audit")
    expect(page.locator("#status")).to_have_text("done", timeout=180_000)
    page.goto(monthly_page)
    expect(page.locator("#months")).to_contain_text("October 2026")
    assert _accessibility_problems(page) == []
    page.select_option("#send-month", "2026-10")
    page.click("text=Send now")
    expect(page.locator(".flash.info")).to_contain_text("is being sent")
    deadline = time.monotonic() + 60
    while not inbox.envelopes:
        assert time.monotonic() < deadline, "no e-mail arrived"
        time.sleep(0.2)
    [message] = inbox.messages()
    assert message["To"] == "owner@example.com"
    assert "October 2026" in message["Subject"]
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "monthly-2026-10.pdf"
    assert attachment.get_content().startswith(b"%PDF")
    page.reload()
    expect(page.locator("#delivery-list")).to_contain_text("sent")
    _shot(page, "web-monthly.png")
