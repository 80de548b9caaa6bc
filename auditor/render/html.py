"""The HTML report: one self-contained page with inline CSS and inline SVG charts.

The same templates feed the PDF report; `for_print=True` adds the paged-media
stylesheet (page size, page numbers, table-of-contents page references).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from jinja2 import BaseLoader, Environment, PackageLoader, StrictUndefined

from auditor.render.context import DEFAULT_MAX_EXAMPLES, build_report


def template_loader() -> BaseLoader:
    """Templates from the `auditor.templates` package (`reports/templates/` in the source).

    Addressing the package itself, rather than a `templates` folder inside
    `auditor`, works the same in an installed wheel and an editable checkout.
    """
    return PackageLoader("auditor.templates", ".")


def thousands(count: int) -> str:
    """A count with thousands separators, e.g. 1,234."""
    return f"{count:,}"


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
    return env


def render_html(result: Mapping[str, Any], *, for_print: bool = False,
                max_examples_per_check: int = DEFAULT_MAX_EXAMPLES) -> str:
    """Render `result` as a complete HTML document.

    `for_print` selects the paged-media variant used for the PDF report.
    """
    report = build_report(result, for_print=for_print,
                          max_examples_per_check=max_examples_per_check)
    return environment().get_template("report.html").render(report=report)
