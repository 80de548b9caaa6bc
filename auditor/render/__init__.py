"""Report rendering: the result as JSON, HTML, PDF, Markdown, JUnit XML, SARIF, GitHub
workflow annotations, or any format a package registers (`auditor.renderers`).

Every format is rendered from the result dict alone, after it is validated as a
`ResultDocument`, and the same dict always renders to the same bytes. HTML and PDF
share one set of templates; they show totals and the most severe examples, while
the JSON report keeps every finding.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from auditor.render.registry import DEFAULT_MAX_EXAMPLES, Renderer, RenderOptions, renderers

__all__ = ["FORMATS", "Renderer", "formats", "render", "renderer_for", "write_report"]


def formats() -> tuple[str, ...]:
    """The names of every installed report format, built-ins first."""
    return tuple(renderers())


def renderer_for(fmt: str) -> Renderer:
    """The renderer of one format, or a ValueError listing the valid ones."""
    found = renderers().get(fmt)
    if found is None:
        raise ValueError(f"unknown report format {fmt!r}; valid formats: "
                         f"{', '.join(formats())}")
    return found


def render(result: Mapping[str, Any], fmt: str, *,
           max_examples_per_check: int = DEFAULT_MAX_EXAMPLES, checked: bool = False) -> bytes:
    """Render `result` in format `fmt` and return the bytes.

    The result is validated first (`ResultDocument.check`): a document that is
    not a result raises ResultDocumentError. `checked=True` says the caller has just
    validated it (writing several formats of one result validates it once).
    `max_examples_per_check` bounds how many findings per check the HTML and PDF
    reports show.
    """
    from auditor.document import ResultDocument

    renderer = renderer_for(fmt)
    if not checked:
        ResultDocument.check(result)
    return renderer.render(result, RenderOptions(max_examples_per_check=max_examples_per_check))


def write_report(result: Mapping[str, Any], fmt: str, path: Path, *,
                 max_examples_per_check: int = DEFAULT_MAX_EXAMPLES,
                 checked: bool = False) -> None:
    """Write the bytes `render` returns to `path`, a piece at a time for formats that
    can (JSON), so a large result is not held twice over in memory. The file is
    written beside `path` and renamed over it when complete: an error leaves any
    earlier report as it was, and no half-written one."""
    from auditor.document import ResultDocument

    renderer = renderer_for(fmt)
    if not checked:
        ResultDocument.check(result)
    options = RenderOptions(max_examples_per_check=max_examples_per_check)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("wb") as stream:
            renderer.write_to(result, options, stream)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def __getattr__(name: str) -> Any:
    """FORMATS, read from the registry when first asked for."""
    if name == "FORMATS":
        return formats()
    raise AttributeError(name)
