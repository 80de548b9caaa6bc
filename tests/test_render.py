"""Tests of the JSON, HTML and PDF reports rendered from a result document."""

from __future__ import annotations

import copy
import io
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from markupsafe import Markup, escape

from auditor.accuracy import published_accuracy
from auditor.render import FORMATS, render
from auditor.render.charts import ScoreBar, conversation_chart, score_chart, severity_chart
from auditor.render.context import build_check, build_checks, build_report, executive_sentences
from auditor.render.html import render_html
from auditor.render.json_report import render_json

SAMPLE = Path(__file__).parent / "samples" / "result_sample.json"
SCRIPT_EXCERPT = "<script>alert(1)</script>"


@pytest.fixture()
def result() -> dict[str, Any]:
    """A fresh copy of the sample result document."""
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_html() -> str:
    """The sample rendered as HTML once for the module."""
    return render_html(json.loads(SAMPLE.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    """The sample rendered as PDF once for the module (PDF layout is the slow part)."""
    return render(json.loads(SAMPLE.read_text(encoding="utf-8")), "pdf")


@pytest.fixture(scope="module")
def pdf_pages(sample_pdf: bytes) -> list[str]:
    """The text of each page of the sample PDF."""
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(sample_pdf))
    return [page.extract_text() or "" for page in reader.pages]


def big_result(findings: int, skipped: int) -> dict[str, Any]:
    """The sample grown to `findings` findings and `skipped` skipped records."""
    result: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    codes = ("DISC001", "DISC004", "DISC008")
    severities = ("critical", "high", "medium", "low", "info")
    result["findings"] = [
        {
            "code": codes[i % 3], "check": "synthetic", "severity": severities[i % 5],
            "conversation_id": f"c-{i:06d}", "turn_index": i % 40, "timestamp": None,
            "message": f"Synthetic finding number {i}.",
            "evidence": [{"turn_index": i % 40, "role": "bot",
                          "excerpt": f"excerpt {i} " + "x" * 200}],
            "data": {}, "references": [], "fingerprint": f"{i:016x}", "source": None,
            "blocks_gate": False,
        }
        for i in range(findings)
    ]
    result["skipped"] = [
        {"path": "big.jsonl", "line": line, "reason": "not valid JSON", "kind": "malformed",
         "value": None}
        for line in range(1, skipped + 1)
    ]
    result["summary"]["findings"] = findings
    result["summary"]["skipped_records"] = skipped
    result["summary"]["blocking_findings"] = 0
    return result


# --- dispatch and JSON --------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xml", "HTML", "", "pdf "], ids=["xml", "upper", "empty", "space"])
def test_unknown_format_names_the_valid_ones(result: dict[str, Any], fmt: str) -> None:
    with pytest.raises(ValueError, match="json, html, pdf"):
        render(result, fmt)


def test_every_format_the_command_offers_renders(result: dict[str, Any]) -> None:
    from auditor.cli import _report_formats

    assert _report_formats() == FORMATS
    assert all(render(result, fmt) for fmt in FORMATS if fmt != "pdf")


def test_json_round_trips_and_keeps_unicode(result: dict[str, Any]) -> None:
    data = render(result, "json")
    assert json.loads(data.decode("utf-8")) == result
    assert data.endswith(b"}\n")
    assert "§17941".encode() in data
    assert data == render_json(result)


def test_json_written_in_pieces_is_the_rendered_bytes(result: dict[str, Any],
                                                      tmp_path: Path) -> None:
    from auditor.render import write_report

    grown = big_result(3_000, 500)  # several write chunks, with non-ASCII text
    grown["notes"].append("Ünïcode — ✓ §17941 " * 4_000)
    for document in (result, grown):
        path = tmp_path / "report.json"
        write_report(document, "json", path)
        assert path.read_bytes() == render(document, "json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_a_report_that_fails_to_write_leaves_the_earlier_one(result: dict[str, Any],
                                                            tmp_path: Path) -> None:
    from auditor.render import write_report

    path = tmp_path / "report.json"
    path.write_bytes(b"earlier")
    broken = copy.deepcopy(result)
    broken["notes"].append(object())  # not JSON: the encoder fails half way
    with pytest.raises(TypeError):
        write_report(broken, "json", path, checked=True)
    assert path.read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_same_result_renders_same_bytes(result: dict[str, Any], fmt: str) -> None:
    assert render(result, fmt) == render(copy.deepcopy(result), fmt)


# --- HTML: content --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("72.5", id="overall-score"),
        pytest.param('aria-label="Grade F"', id="grade"),
        pytest.param("grade-f", id="grade-colour"),
        pytest.param('<span class="outcome failed">Failed</span>', id="verdict"),
        pytest.param("capped at F: critical finding, DISC004", id="grade-cap"),
        pytest.param("the score alone would be C", id="score-grade"),
        pytest.param("could not be read, more than the 2 % allowed", id="inconclusive-caveat"),
        pytest.param("overall score 72.5 is below the threshold 80.0", id="gate-reason"),
        pytest.param("4 problems were found in 4 of the 12 conversations audited.",
                     id="summary-sentence"),
        pytest.param("The most serious problem (critical): \u201cA bot turn claims to be human"
                     "\u201d, in 1 conversation.", id="most-serious"),
        pytest.param("Conversation <code>c-claims-human</code>", id="conversation-id"),
        pytest.param("<span>turn 4</span>", id="turn"),
        pytest.param("EU AI Act Art. 50(1), 50(5) (EU)</a> \u2013 applies from 2026-08-02",
                     id="reference-date"),
        pytest.param("FTC Act §5 (US) \u2013 effective date not stated", id="reference-undated"),
        pytest.param("RuntimeError: plugin failed", id="check-error"),
        pytest.param("Could not run", id="error-status"),
        pytest.param("9f2c4a1be0d34c7e8f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70",
                     id="input-sha256"),
        pytest.param("sha256:3b1f0c5e2a7d", id="policy-digest"),
        pytest.param("bad timestamp &#39;yesterday&#39;", id="skipped-reason"),
        pytest.param("run-20261002-5f3a9c", id="run-id"),
        pytest.param("&lt;EMAIL_ADDRESS&gt;", id="redacted-placeholder"),
    ],
)
def test_html_shows(sample_html: str, text: str) -> None:
    assert text in sample_html


def test_script_in_excerpt_is_shown_as_text(sample_html: str) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sample_html
    assert "<script" not in sample_html.lower()


def test_hostile_text_everywhere_is_escaped(result: dict[str, Any]) -> None:
    hostile = '<img src=x onerror="alert(1)">'
    result["run"]["id"] = hostile
    result["run"]["inputs"][0]["path"] = hostile
    result["checks"][0]["title"] = hostile
    result["checks"][0]["code"] = hostile
    result["findings"][0]["code"] = hostile
    result["findings"][0]["conversation_id"] = hostile
    result["findings"][0]["message"] = hostile
    result["skipped"][0]["reason"] = hostile
    result["errors"][0]["message"] = hostile
    html = render_html(result)
    assert "<img" not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html


def test_html_is_self_contained(sample_html: str) -> None:
    assert "<link" not in sample_html
    assert "@import" not in sample_html
    assert "@font-face" not in sample_html
    assert not re.search(r"url\(", sample_html)
    assert not re.search(r"\ssrc=", sample_html)
    hrefs = re.findall(r'href="([^"]*)"', sample_html)
    # In-page anchors, and links to the legal texts a reader may follow (never fetched).
    assert hrefs and all(href.startswith(("#", "https://", "http://")) for href in hrefs)
    assert any(href.startswith("#") for href in hrefs)


def test_internal_links_all_resolve(sample_html: str) -> None:
    ids = set(re.findall(r'id="([^"]+)"', sample_html))
    targets = {href[1:] for href in re.findall(r'href="(#[^"]*)"', sample_html)}
    assert targets <= ids
    assert {"summary", "checks", "methodology", "appendix"} <= targets


def test_html_is_responsive(sample_html: str) -> None:
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in sample_html
    assert "@media (max-width:" in sample_html
    assert "overflow-x: auto" in sample_html
    assert sample_html.count('<div class="table-wrap">') >= 4


def test_every_check_and_finding_code_has_a_section(sample_html: str,
                                                    result: dict[str, Any]) -> None:
    codes = [check["code"] for check in result["checks"]]
    codes += sorted({f["code"] for f in result["findings"]} - set(codes))
    for index, code in enumerate(codes, start=1):
        assert f'id="check-{index}-{code}"' in sample_html
        assert f'href="#check-{index}-{code}"' in sample_html


@pytest.mark.parametrize(
    ("status", "label", "notice"),
    [
        ("passed", "Passed", None),
        ("passed_with_findings", "Passed with findings", None),
        ("failed", "Failed", None),
        ("not_applicable", "Not applicable", "did not apply to any conversation"),
        ("not_evaluated", "Not evaluated", "Not evaluated: the log carries no reason codes"),
        ("error", "Could not run", "This check could not run."),
    ],
    ids=["passed", "passed-with-findings", "failed", "not-applicable", "not-evaluated",
         "error"],
)
def test_check_status_is_shown_distinctly(result: dict[str, Any], status: str, label: str,
                                          notice: str | None) -> None:
    result["checks"] = [dict(result["checks"][2], status=status, code="XPL001",
                             not_evaluated_reason="the log carries no reason codes"
                             if status == "not_evaluated" else None)]
    html = render_html(result)
    assert f'<section class="check is-{status}"' in html
    assert f'<span class="status status-{status}">{label}</span>' in html
    if notice:
        assert notice in html


def test_methodology_takes_weights_and_grades_from_the_result(result: dict[str, Any]) -> None:
    result["scoring"]["severity_weights"]["high"] = 0.6
    result["scoring"]["check_weights"]["critical"] = 7
    result["scoring"]["grades"] = [["A", 95.0], ["B", 85.0], ["F", 0.0]]
    html = render_html(result)
    methodology = html[html.index('id="methodology"'):html.index('id="appendix"')]
    assert '<td class="num">0.6</td><td class="num">4</td>' in methodology
    assert '<td class="num">1</td><td class="num">7</td>' in methodology
    assert "95 or more" in methodology and "below 85" in methodology
    assert "70 or more" not in methodology
    assert "the overall score is\nbelow 80.0" in methodology
    assert "a critical finding caps it at F" in methodology
    assert "any finding is critical or worse" in methodology


def test_methodology_states_the_policy_that_ran(result: dict[str, Any]) -> None:
    result["run"]["policy"]["source"] = "fixtures/policy.toml"
    result["run"]["policy"]["checks"] = {"DISC004": {"min_score": 90.0, "options": {}}}
    result["run"]["policy"]["jurisdictions"] = ["EU"]
    html = render_html(result)
    methodology = html[html.index('id="methodology"'):html.index('id="appendix"')]
    assert "no per-check minimum scores" not in methodology
    assert '<td>DISC004</td><td class="num">90.0</td>' in methodology
    assert "Policy: fixtures/policy.toml." in methodology
    assert "held to the rules of: EU" in methodology


def _unchanged(result: dict[str, Any]) -> None:
    """Leave the sample as it is."""


def _clean_pass(result: dict[str, Any]) -> None:
    """Turn the sample into a clean, passing run."""
    result["summary"].update(overall_score=95.0, grade="A", passed=True, findings=0,
                             findings_by_severity={}, skipped_records=0, verdict="passed",
                             grade_cap=None, gate_reasons=[], inconclusive_reasons=[])
    result.update(findings=[], errors=[], skipped=[])
    result["checks"] = result["checks"][:3]


def _one_problem(result: dict[str, Any]) -> None:
    """Turn the sample into a run with a single high-severity finding."""
    _clean_pass(result)
    result["findings"] = [result_finding(severity="high")]
    result["summary"].update(findings=1, findings_by_severity={"high": 1})


def result_finding(**changes: Any) -> dict[str, Any]:
    """The sample's first finding with some fields changed."""
    finding: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))["findings"][0]
    return {**finding, **changes}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_clean_pass, ("The chatbot scored 95.0 out of 100 (grade A) and passed the audit; "
                       "the pass mark is 80.0.",
                       "No problems were found in the 12 conversations audited.")),
        (_one_problem, ("1 problem was found in 1 of the 12 conversations audited.",
                        "The most serious problem (high): \u201cThe bot does not say it is an AI "
                        "at or before its first turn\u201d, in 1 conversation.")),
        (_unchanged, ("There is also 1 informational note that needs no action.",
                          "1 check could not run (XPL001); a check that could not run leaves the "
                          "audit inconclusive unless it failed anyway.",
                          "3 input records could not be read and were skipped; the appendix "
                          "lists them.")),
    ],
    ids=["clean-pass", "one-problem", "sample"],
)
def test_executive_summary_sentences(result: dict[str, Any], change: Any,
                                     expected: tuple[str, ...]) -> None:
    change(result)
    sentences = executive_sentences(result, build_checks(result, 5))
    for sentence in expected:
        assert sentence in sentences


def test_print_variant_adds_paged_media_rules(result: dict[str, Any]) -> None:
    screen, paper = render_html(result), render_html(result, for_print=True)
    assert "@page" not in screen and "target-counter" not in screen
    assert "size: A4" in paper
    assert 'content: "Page " counter(page) " of " counter(pages);' in paper
    assert "target-counter(attr(href), page)" in paper
    assert "bookmark-level" in paper


def test_missing_score_and_verdict_render(result: dict[str, Any]) -> None:
    result["summary"].update(overall_score=None, grade=None, passed=None, verdict=None)
    html = render_html(result)
    assert "No verdict" in html
    assert "grade-none" in html
    assert "No overall score could be given" in html


def test_examples_are_most_severe_first(result: dict[str, Any]) -> None:
    findings = [dict(result["findings"][0], severity=sev, conversation_id=f"c-{sev}")
                for sev in ("low", "info", "critical", "medium", "high")]
    view = build_check(0, result["checks"][0], findings, [], max_examples=3)
    assert [f.severity for f in view.examples] == ["critical", "high", "medium"]
    assert view.examples_note == "showing 3 of 5 findings; the JSON report lists all"


@pytest.mark.parametrize("limit", [0, 1, 5, 20], ids=lambda n: f"max-{n}")
def test_max_examples_per_check(limit: int) -> None:
    html = render_html(big_result(300, 0), max_examples_per_check=limit)
    assert html.count('<article class="finding">') == 3 * min(limit, 100)


def test_negative_example_limit_is_rejected(result: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="max_examples_per_check"):
        build_report(result, max_examples_per_check=-1)


# --- size bounds ------------------------------------------------------------------------


@pytest.mark.slow
def test_fifty_thousand_findings_stay_small_and_fast() -> None:
    result = big_result(50_000, 10_000)
    started = time.perf_counter()
    html = render(result, "html")
    elapsed = time.perf_counter() - started
    assert len(html) < 1_000_000
    assert elapsed < 10, f"rendering took {elapsed:.1f}s"
    text = html.decode("utf-8")
    assert "showing 5 of 16,667 findings; the JSON report lists all" in text
    assert "showing 50 of 10,000 skipped records; the JSON report lists all" in text
    assert text.count('<article class="finding">') == 15


def test_long_excerpts_are_shortened(result: dict[str, Any]) -> None:
    result["findings"][0]["evidence"][0]["excerpt"] = "word " * 2_000
    html = render_html(result)
    assert "the JSON report has the full excerpt" in html
    assert "word " * 2_000 not in html


# --- charts -----------------------------------------------------------------------------


def test_score_bars_are_coloured_by_status_and_their_numbers_stay_readable() -> None:
    from auditor.render.charts import FAIL_COLOUR, FINDINGS_COLOUR, PASS_COLOUR

    svg = str(score_chart([ScoreBar("A001", 100.0, "100.0", "passed"),
                           ScoreBar("A002", 95.0, "95.0", "passed_with_findings"),
                           ScoreBar("A003", 60.0, "60.0", "failed")], 80.0))
    fills = re.findall(r'<rect [^>]*fill="([^"]+)"', svg)
    assert fills == [PASS_COLOUR, FINDINGS_COLOUR, FAIL_COLOUR]
    # WeasyPrint ignores paint-order: the white outline is a copy drawn first, and the
    # value itself is drawn over it in the text colour.
    assert "paint-order" not in svg
    values = re.findall(r'<text [^>]*fill="([^"]+)"[^>]*>95\.0</text>', svg)
    assert values == ["#fff", "#1c2833"]


def test_chart_text_is_escaped() -> None:
    bars = [ScoreBar(label="<b>&", score=50.0, value_text="50.0", status="failed"),
            ScoreBar(label="n/a", score=None, value_text="<i>", status="error")]
    svg = score_chart(bars, 80.0)
    assert isinstance(svg, Markup)
    assert "<b>" not in svg and "<i>" not in svg
    assert "&lt;b&gt;&amp;" in svg and "&lt;i&gt;" in svg
    assert "pass mark 80" in svg


@pytest.mark.parametrize(
    ("chart", "label"),
    [
        (conversation_chart(8, 2, 1),
         "Conversations: 2 flagged, 6 without a problem, 1 not applicable"),
        (conversation_chart(0, 0, 0),
         "Conversations: 0 flagged, 0 without a problem, 0 not applicable"),
        (severity_chart({"high": 1_234}, ("critical", "high")),
         "Findings by severity: critical 0, high 1,234"),
    ],
    ids=["some", "empty", "severity"],
)
def test_chart_labels(chart: Markup, label: str) -> None:
    assert chart.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert f'aria-label="{label}"' in chart


# --- PDF --------------------------------------------------------------------------------


def test_pdf_is_a_pdf(sample_pdf: bytes) -> None:
    assert sample_pdf.startswith(b"%PDF")


def test_pdf_cover_shows_score_grade_and_verdict(pdf_pages: list[str]) -> None:
    cover = pdf_pages[0]
    assert "72.5" in cover
    assert "Failed" in cover
    assert "72.5 out of 100 · grade F" in cover
    assert "capped at F" in cover


def test_pdf_pages_are_numbered(pdf_pages: list[str]) -> None:
    total = len(pdf_pages)
    for number, text in enumerate(pdf_pages, start=1):
        assert f"Page {number} of {total}" in text


def test_pdf_contents_list_page_numbers(pdf_pages: list[str]) -> None:
    contents = next(text for text in pdf_pages if "Contents" in text)
    match = re.search(r"Appendix: run details[ .]*(\d+)", contents)
    assert match, contents
    appendix_page = int(match.group(1))
    assert "Appendix: run details" in pdf_pages[appendix_page - 1]


def test_pdf_has_bookmarks(sample_pdf: bytes) -> None:
    pypdf = pytest.importorskip("pypdf")
    outline = pypdf.PdfReader(io.BytesIO(sample_pdf)).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles[:2] == ["Contents", "Executive summary"]
    assert "How the score is calculated" in titles


def test_pdf_shows_escaped_excerpt_as_text(pdf_pages: list[str]) -> None:
    assert any(SCRIPT_EXCERPT in text for text in pdf_pages)


def test_pdf_render_is_deterministic(sample_pdf: bytes) -> None:
    assert render(json.loads(SAMPLE.read_text(encoding="utf-8")), "pdf") == sample_pdf


def test_pdf_fetcher_refuses_every_url() -> None:
    from auditor.render.pdf import ExternalResourceRefused, RefusingURLFetcher

    fetcher = RefusingURLFetcher()
    for url in ("https://example.com/logo.png", "file:///etc/passwd", "data:,x"):
        with pytest.raises(ExternalResourceRefused):
            fetcher.fetch(url)


def test_pdf_renderer_never_fetches(caplog: pytest.LogCaptureFixture) -> None:
    from weasyprint import HTML

    from auditor.render.pdf import RefusingURLFetcher

    page = '<p>x</p><img src="https://example.invalid/logo.png">'
    with caplog.at_level("WARNING", logger="weasyprint"):
        pdf = HTML(string=page, base_url=None, url_fetcher=RefusingURLFetcher()).write_pdf()
    assert pdf.startswith(b"%PDF")
    assert "external resources are not allowed: https://example.invalid/logo.png" in caplog.text


def test_metrics_of_an_unknown_kind_are_shown_as_a_table() -> None:
    from auditor.render.metrics import build_metrics

    view = build_metrics({"kind": "plugin", "answer_rate": 0.5, "answered": 1200,
                          "by_group": {"a": 1}})
    assert view is not None
    assert view.sections[0].rows == (("answer_rate", "0.5"), ("answered", "1,200"))
    assert build_metrics({}) is None and build_metrics(None) is None


@pytest.mark.parametrize(("seconds", "text"), [(45, "45 s"), (150, "2.5 min"),
                                               (9000, "2.5 h"), (None, "\u2014")])
def test_durations_read_naturally(seconds: float | None, text: str) -> None:
    from auditor.render.metrics import duration

    assert duration(seconds) == text


def test_histogram_bins_have_short_labels() -> None:
    from auditor.render.metrics import bin_labels

    assert bin_labels([0, 30, 60, 120, 1800]) == ("<30s", "30s\u20131m", "1m\u20132m",
                                                  "2m\u201330m", "30m+")


def test_html_and_pdf_show_what_each_detector_was_measured_to_do(
        sample_html: str, pdf_pages: list[str]) -> None:
    figures = published_accuracy()
    assert figures, "no detector accuracy figures are published"
    pdf_text = " ".join(" ".join(page.split()) for page in pdf_pages)
    assert "Detector accuracy" in sample_html and "Detector accuracy" in pdf_text
    for figure in figures:
        assert str(escape(figure.detector)) in sample_html
        assert str(escape(figure.dataset)) in sample_html
        assert figure.detector in pdf_text
    for figure in figures:
        if figure.precision is not None:
            assert f'<td class="num">{figure.precision:.3f}</td>' in sample_html
