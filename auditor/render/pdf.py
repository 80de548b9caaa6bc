"""The PDF report: the print variant of the HTML report laid out by WeasyPrint.

The document is fully self-contained, so the renderer is given a URL fetcher
that refuses every URL: nothing is ever fetched from the network or the disk.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn

from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

from auditor.render.html import render_html
from auditor.render.registry import DEFAULT_MAX_EXAMPLES


class ExternalResourceRefused(ValueError):
    """Raised when the report asks for a resource outside the document."""


class RefusingURLFetcher(URLFetcher):  # type: ignore[misc]
    """A URL fetcher that fetches nothing; every request is refused."""

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> NoReturn:
        """Refuse `url`: the report must not depend on anything outside itself."""
        raise ExternalResourceRefused(f"external resources are not allowed: {url}")


def render_pdf(result: Mapping[str, Any], *,
               max_examples_per_check: int = DEFAULT_MAX_EXAMPLES) -> bytes:
    """Render `result` as PDF bytes (A4, page numbers, table of contents, bookmarks)."""
    document = render_html(result, for_print=True,
                           max_examples_per_check=max_examples_per_check)
    pdf: bytes = HTML(string=document, base_url=None,
                      url_fetcher=RefusingURLFetcher()).write_pdf()
    return pdf
