"""The HTML and PDF reports say what they mean: legal references are real links, and
check descriptions are rendered Markdown rather than raw source."""

from __future__ import annotations

import copy
import io
import re
from typing import Any

import pytest
from markupsafe import Markup

from auditor.pipeline import run_audit
from auditor.policy import Policy
from auditor.render import render
from auditor.render.html import is_web_url, markdown, render_html
from tests.conftest import FIXTURES

EU_AI_ACT = "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"
A4_RIGHT_MARGIN_PX = 18 * 96 / 25.4  # print.css: 18 mm, in CSS pixels


@pytest.fixture(scope="module")
def disclosure_result() -> dict[str, Any]:
    """A real DISC001 result: its docstring and its references, EU AI Act first."""
    result = run_audit([FIXTURES / "transcripts" / "disclosure.jsonl"],
                       policy=Policy(select=("DISC001",))).to_dict()
    assert result["checks"][0]["references"][0]["url"] == EU_AI_ACT
    return result


@pytest.fixture(scope="module")
def disclosure_html(disclosure_result: dict[str, Any]) -> str:
    return render(disclosure_result, "html").decode("utf-8")


@pytest.fixture(scope="module")
def disclosure_pdf(disclosure_result: dict[str, Any]) -> bytes:
    return render(disclosure_result, "pdf")


def _about_block(html: str) -> str:
    """The "About this check" block of the first check."""
    start = html.index("<h4>About this check</h4>")
    return html[start:html.index("<h4>", start + 1)]


# --- Markdown in check descriptions ---------------------------------------------------

DOC = """What it checks
    Whether the bot shows `card numbers` in *any* turn:

    - full card numbers
    - masked ones with too many digits

Options
    None.
"""


@pytest.mark.parametrize("html", [
    pytest.param("<h5>What it checks</h5>", id="fixed-heading"),
    pytest.param("<h5>Options</h5>", id="second-heading"),
    pytest.param("<code>card numbers</code>", id="code-span"),
    pytest.param("<em>any</em>", id="emphasis"),
    pytest.param("<li>full card numbers</li>", id="bullet"),
    pytest.param("<p>None.</p>", id="paragraph"),
])
def test_markdown_description_renders(html: str) -> None:
    rendered = markdown(DOC)
    assert isinstance(rendered, Markup)
    assert html in rendered
    assert "`" not in rendered and "<pre>" not in rendered


@pytest.mark.parametrize(("source", "absent", "present"), [
    pytest.param("What it checks\n    <script>alert(1)</script>", "<script",
                 "&lt;script&gt;alert(1)&lt;/script&gt;", id="raw-html-block"),
    pytest.param("Says <img src=x onerror=alert(1)> inline", "<img",
                 "&lt;img src=x onerror=alert(1)&gt;", id="raw-html-inline"),
    pytest.param("[click](javascript:alert(1))", "href", "[click](javascript:alert(1))",
                 id="javascript-link"),
    pytest.param("![pixel](https://example.com/p.png)", "<img", "pixel", id="image"),
    pytest.param("# Top level\n\n## Second", "<h1", "<h5>Top level</h5>", id="headings-demoted"),
])
def test_markdown_description_is_escaped_and_inert(source: str, absent: str,
                                                   present: str) -> None:
    rendered = markdown(source)
    assert absent not in rendered
    assert present in rendered


def test_hostile_description_is_escaped_in_the_report(
    disclosure_result: dict[str, Any],
) -> None:
    result = copy.deepcopy(disclosure_result)
    result["checks"][0]["description"] = "What it checks\n    <script>alert(1)</script>"
    about = _about_block(render_html(result))
    assert "<script" not in about
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in about


def test_real_disc001_description_shows_no_raw_markdown(disclosure_html: str) -> None:
    about = _about_block(disclosure_html)
    assert "`" not in about
    assert "<code>disclosure_shown</code>" in about
    assert about.count("<h5>") == 6  # What it checks ... References
    assert "<pre>" not in about  # the indented docstring body is not a code block


def test_description_headings_are_not_pdf_bookmarks(disclosure_pdf: bytes) -> None:
    from pypdf import PdfReader

    def titles(outline: list[Any]) -> list[str]:
        return [t for item in outline
                for t in (titles(item) if isinstance(item, list) else [item.title])]

    outline = titles(PdfReader(io.BytesIO(disclosure_pdf)).outline)
    assert any("DISC001" in title for title in outline)
    assert "What it checks" not in outline and "Fails when" not in outline


# --- Legal references are links --------------------------------------------------------

@pytest.mark.parametrize(("url", "web"), [
    pytest.param(EU_AI_ACT, True, id="https"),
    pytest.param("http://example.com/law", True, id="http"),
    pytest.param("HTTPS://EXAMPLE.COM/", True, id="upper-case-scheme"),
    pytest.param("javascript:alert(1)", False, id="javascript"),
    pytest.param("data:text/html,<script>alert(1)</script>", False, id="data"),
    pytest.param("file:///etc/passwd", False, id="file"),
    pytest.param("ftp://example.com/law", False, id="ftp"),
    pytest.param("//example.com/law", False, id="scheme-relative"),
    pytest.param("https://", False, id="no-host"),
    pytest.param("https://example.com/a b", False, id="space"),
    pytest.param("https://example.com/\nx", False, id="newline"),
    pytest.param("https://[::1", False, id="malformed"),
    pytest.param(None, False, id="none"),
])
def test_only_http_urls_are_links(url: str | None, web: bool) -> None:
    assert is_web_url(url) is web


def test_html_links_the_eu_ai_act_and_keeps_the_date(disclosure_html: str) -> None:
    assert f'<a href="{EU_AI_ACT}"' in disclosure_html
    assert re.search(r'<a href="https://eur-lex\.europa\.eu/[^"]*"[^>]*>EU AI Act[^<]*</a>'
                     r" \u2013 applies from 2026-08-02", disclosure_html)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.example"])
def test_a_reference_with_another_url_stays_plain_text(
    disclosure_result: dict[str, Any], url: str,
) -> None:
    result = copy.deepcopy(disclosure_result)
    result["checks"][0]["references"][0]["url"] = url
    html = render_html(result)
    assert f'href="{url}' not in html
    assert '<li>EU AI Act (Reg. 2024/1689) Art. 50(1) and 50(5) (EU) \u2013 ' in html


def test_pdf_has_link_annotations(disclosure_pdf: bytes) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(disclosure_pdf))
    uris = set()
    for page in reader.pages:
        for annotation in page.get("/Annots") or ():
            action = annotation.get_object().get("/A")
            if action is not None and action.get_object().get("/S") == "/URI":
                uris.add(str(action.get_object()["/URI"]))
    assert EU_AI_ACT in uris
    assert all(uri.startswith(("https://", "http://")) for uri in uris)
    # On paper the address follows the link text (print.css `a[href]::after`).
    text = "".join("".join(page.extract_text() or "" for page in reader.pages).split())
    assert f"({EU_AI_ACT})" in text


def test_long_reference_urls_wrap_inside_the_page(disclosure_result: dict[str, Any]) -> None:
    from weasyprint import HTML  # type: ignore[import-untyped]

    from auditor.render.pdf import RefusingURLFetcher

    result = copy.deepcopy(disclosure_result)
    long_url = "https://example.com/" + "a" * 300
    result["checks"][0]["references"][0]["url"] = long_url
    document = HTML(string=render_html(result, for_print=True),
                    url_fetcher=RefusingURLFetcher()).render()
    boxes = [(page.width, rectangle) for page in document.pages
             for kind, target, rectangle, *_ in page.links
             if kind == "external" and target == long_url]
    assert boxes
    for width, (_x1, _y1, x2, _y2) in boxes:
        assert x2 <= width - A4_RIGHT_MARGIN_PX + 0.5
