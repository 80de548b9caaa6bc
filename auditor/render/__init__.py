"""Report rendering: the result as JSON, HTML, PDF, Markdown, JUnit XML, SARIF or
GitHub workflow annotations.

Every format is rendered from the result dict alone, and the same dict always
renders to the same bytes. HTML and PDF share one set of templates; they show
totals and the most severe examples, while the JSON report keeps every finding.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.render.context import DEFAULT_MAX_EXAMPLES
from auditor.render.github import render_github
from auditor.render.html import render_html
from auditor.render.json_report import render_json
from auditor.render.junit import render_junit
from auditor.render.markdown import render_markdown
from auditor.render.sarif import render_sarif

FORMATS: tuple[str, ...] = ("json", "html", "pdf", "md", "junit", "sarif", "github")
# The file each format is written to (`report.<extension>`).
EXTENSIONS: dict[str, str] = {"json": "json", "html": "html", "pdf": "pdf", "md": "md",
                              "junit": "junit.xml", "sarif": "sarif", "github": "github"}

__all__ = ["EXTENSIONS", "FORMATS", "render"]


def render(result: Mapping[str, Any], fmt: str, *,
           max_examples_per_check: int = DEFAULT_MAX_EXAMPLES) -> bytes:
    """Render `result` in format `fmt` (one of FORMATS) and return the bytes.

    `max_examples_per_check` bounds how many findings per check the HTML and PDF
    reports show; the JSON report always holds all of them.
    """
    if fmt == "json":
        return render_json(result)
    if fmt == "html":
        return render_html(result, max_examples_per_check=max_examples_per_check).encode("utf-8")
    if fmt == "github":
        return render_github(result).encode("utf-8")
    if fmt == "junit":
        return render_junit(result).encode("utf-8")
    if fmt == "sarif":
        return render_sarif(result).encode("utf-8")
    if fmt == "md":
        return render_markdown(result).encode("utf-8")
    if fmt == "pdf":
        # Imported here so JSON and HTML work where WeasyPrint's system libraries are missing.
        from auditor.render.pdf import render_pdf

        return render_pdf(result, max_examples_per_check=max_examples_per_check)
    raise ValueError(f"unknown report format {fmt!r}; valid formats: {', '.join(FORMATS)}")
