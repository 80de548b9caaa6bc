"""A reviewer's whole visit in a real browser: Playwright driving Debian's Chromium
against `auditor serve` on loopback. Sign in, upload a fixture export, wait for the
job, open the report, download the PDF, and keep a screenshot."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.conftest import DISCLOSURE_FIXTURE

CHROMIUM = Path("/usr/bin/chromium")  # installed by scripts/ensure-system-packages.sh
# Chromium as root in a container, with nothing reaching out to the network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
PASSWORD = "a long enough browser password"
SCREENSHOTS = Path(os.environ.get("AUDITOR_SCREENSHOTS", "out/screenshots"))


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`auditor serve` on a free port, with one reviewer account."""
    instance = tmp_path / "instance"
    env = {**os.environ, "AUDITOR_NEW_PASSWORD": PASSWORD}
    subprocess.run([sys.executable, "-m", "auditor", "users", "create", "rev@example.com",
                    "--instance", str(instance)], env=env, check=True, capture_output=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with (tmp_path / "serve.log").open("w") as log, subprocess.Popen(
            [sys.executable, "-m", "auditor", "serve", "--port", str(port), "--instance",
             str(instance)], stdout=log, stderr=subprocess.STDOUT) as process:
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


def test_a_reviewer_signs_in_uploads_reads_the_report_and_downloads_the_pdf(
        server: str, page: Page, tmp_path: Path) -> None:
    page.goto(f"{server}/")
    expect(page).to_have_url(f"{server}/login?next=%2F")  # the audits need a sign-in
    page.fill("#email", "rev@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("New audit")

    page.set_input_files("#transcripts", str(DISCLOSURE_FIXTURE))
    page.click("text=Start the audit")
    # The job page refreshes itself until the audit is done.
    expect(page.locator("#status")).to_have_text("done", timeout=120_000)
    expect(page.locator("#summary")).to_contain_text("Score")

    page.click("#view-report")
    expect(page.locator("h1").first).to_be_visible()
    assert "DISC001" in page.content()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / "web-report.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.read_bytes().startswith(b"\x89PNG")

    page.go_back()
    with page.expect_download() as download_info:
        page.click("#download-pdf")
    pdf = tmp_path / "report.pdf"
    download_info.value.save_as(str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert download_info.value.suggested_filename.endswith("report.pdf")

    # A finding in its conversation: the flagged turn outlined, the evidence marked.
    page.click("#findings tbody tr:first-child td a")
    expect(page.locator("#conversation .turn.flagged").first).to_be_visible()
    expect(page.locator("#conversation mark").first).to_be_visible()
    shot = SCREENSHOTS / "web-finding.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes().startswith(b"\x89PNG")
