"""The built-in report formats, registered through the `auditor.renderers` entry points.

Each function imports its renderer when called, so listing the formats stays light
and JSON and HTML work where WeasyPrint's system libraries are missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, BinaryIO

from auditor.render.registry import Renderer, RenderOptions


def _json(result: Mapping[str, Any], options: RenderOptions) -> bytes:
    from auditor.render.json_report import render_json

    return render_json(result)


def _write_json(result: Mapping[str, Any], options: RenderOptions, stream: BinaryIO) -> None:
    from auditor.render.json_report import write_json

    write_json(result, stream)


def _html(result: Mapping[str, Any], options: RenderOptions) -> bytes:
    from auditor.render.html import render_html

    return render_html(result, max_examples_per_check=options.max_examples_per_check).encode()


def _pdf(result: Mapping[str, Any], options: RenderOptions) -> bytes:
    from auditor.render.pdf import render_pdf

    return render_pdf(result, max_examples_per_check=options.max_examples_per_check)


def _markdown(result: Mapping[str, Any], options: RenderOptions) -> bytes:
    from auditor.render.markdown import render_markdown

    return render_markdown(result).encode("utf-8")


def _junit(result: Mapping[str, Any], options: RenderOptions) -> bytes:
    from auditor.render.junit import render_junit

    return render_junit(result).encode("utf-8")


def _sarif(result: Mapping[str, Any], options: RenderOptions) -> bytes:
    from auditor.render.sarif import render_sarif

    return render_sarif(result).encode("utf-8")


def _github(result: Mapping[str, Any], options: RenderOptions) -> bytes:
    from auditor.render.github import render_github

    return render_github(result).encode("utf-8")


JSON = Renderer("json", "json", "application/json", "the complete result", _json,
                write=_write_json)
HTML = Renderer("html", "html", "text/html; charset=utf-8",
                "a self-contained report for reviewers", _html)
PDF = Renderer("pdf", "pdf", "application/pdf", "the printable report", _pdf)
MARKDOWN = Renderer("md", "md", "text/markdown; charset=utf-8",
                    "a summary for pull requests and $GITHUB_STEP_SUMMARY", _markdown)
JUNIT = Renderer("junit", "junit.xml", "application/xml",
                 "JUnit XML for test dashboards", _junit)
SARIF = Renderer("sarif", "sarif", "application/sarif+json",
                 "SARIF 2.1.0 for code scanning", _sarif)
GITHUB = Renderer("github", "github", "text/plain; charset=utf-8",
                  "GitHub workflow annotations, also printed", _github)

BUILT_IN: tuple[Renderer, ...] = (JSON, HTML, PDF, MARKDOWN, JUNIT, SARIF, GITHUB)
