"""The HTML report: one self-contained page with inline CSS and inline SVG charts.

The same templates feed the PDF report; `for_print=True` adds the paged-media
stylesheet (page size, page numbers, table-of-contents page references).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from jinja2 import BaseLoader, Environment, PackageLoader, StrictUndefined
from markdown_it import MarkdownIt
from markupsafe import Markup

from auditor.check import DOC_HEADINGS
from auditor.render.context import build_report
from auditor.render.registry import DEFAULT_MAX_EXAMPLES


def template_loader() -> BaseLoader:
    """Templates from the `auditor.templates` package (`reports/templates/` in the source).

    Addressing the package itself, rather than a `templates` folder inside
    `auditor`, works the same in an installed wheel and an editable checkout.
    """
    return PackageLoader("auditor.templates", ".")


def thousands(count: int) -> str:
    """A count with thousands separators, e.g. 1,234."""
    return f"{count:,}"


def is_web_url(value: object) -> bool:
    """Whether `value` is an absolute http(s) URL, the only kind a report links to.

    Reference URLs come from check metadata, which plugins supply: a `javascript:`
    or `data:` URL must never become a link, and a URL with spaces or control
    characters is not one a reader could follow anyway.
    """
    if not isinstance(value, str) or not value or any(c.isspace() or ord(c) < 32
                                                      or ord(c) == 127 for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. a malformed IPv6 host
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


_DOC_HEADING = re.compile(r"^(" + "|".join(map(re.escape, DOC_HEADINGS)) + r")[ \t]*$")


class _DocMarkdown(MarkdownIt):
    """CommonMark that links to http(s) URLs only; any other link stays text."""

    def validateLink(self, url: str) -> bool:  # markdown-it's name for the hook
        """Whether a Markdown link or autolink to `url` may become a link."""
        return is_web_url(url)


# Raw HTML is escaped, not passed through. Images are off because the report is
# self-contained: a docstring must not make it fetch anything.
_MARKDOWN = _DocMarkdown("commonmark", {"html": False}).disable("image")


def _doc_source(text: str) -> str:
    """A check docstring as Markdown: each fixed heading line becomes a heading and the
    indented text under it is dedented, so CommonMark reads it as paragraphs and lists
    rather than as a continuation of the heading line."""
    blocks: list[str] = []
    body: list[str] = []
    for line in text.splitlines():
        if _DOC_HEADING.match(line):
            blocks.append(textwrap.dedent("\n".join(body)))
            body = []
            blocks.append(f"##### {line.strip()}")
        else:
            body.append(line)
    blocks.append(textwrap.dedent("\n".join(body)))
    return "\n\n".join(block for block in blocks if block.strip()) + "\n"


def markdown(text: object) -> Markup:
    """A check description (Markdown) as HTML, safe to insert into the report.

    Every heading becomes a small `<h5>`: a docstring cannot add to the report's
    outline or the PDF bookmarks. markdown-it escapes all text and raw HTML, so its
    output may be marked safe.
    """
    tokens = _MARKDOWN.parse(_doc_source(str(text or "")))
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = "h5"
    # html=False above: raw HTML in the text is escaped, and link targets are validated.
    rendered = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})
    return Markup(rendered)  # nosec B704


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment: autoescaping on, undefined names are errors."""
    env = Environment(
        loader=template_loader(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["thousands"] = thousands
    env.filters["markdown"] = markdown
    env.tests["web_url"] = is_web_url
    return env


def render_html(result: Mapping[str, Any], *, for_print: bool = False,
                max_examples_per_check: int = DEFAULT_MAX_EXAMPLES) -> str:
    """Render `result` as a complete HTML document.

    `for_print` selects the paged-media variant used for the PDF report.
    """
    report = build_report(result, for_print=for_print,
                          max_examples_per_check=max_examples_per_check)
    return environment().get_template("report.html").render(report=report)
