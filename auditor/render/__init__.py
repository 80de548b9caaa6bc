"""Report rendering: the result as JSON, HTML, PDF, Markdown, JUnit XML, SARIF, GitHub
workflow annotations, or any format a package registers (`auditor.renderers`).

Every format is rendered from the result dict alone, after it is validated as a
`ResultDocument`, and the same dict always renders to the same bytes. HTML and PDF
share one set of templates; they show totals and the most severe examples, while
the JSON report keeps every finding.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.render.registry import DEFAULT_MAX_EXAMPLES, Renderer, RenderOptions, renderers

__all__ = ["FORMATS", "Renderer", "formats", "render", "renderer_for"]


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

    The result is validated first (`ResultDocument.from_dict`): a document that is
    not a result raises ResultDocumentError. `checked=True` says the caller has just
    validated it (writing several formats of one result validates it once).
    `max_examples_per_check` bounds how many findings per check the HTML and PDF
    reports show.
    """
    from auditor.document import ResultDocument

    renderer = renderer_for(fmt)
    if not checked:
        ResultDocument.from_dict(result)
    return renderer.render(result, RenderOptions(max_examples_per_check=max_examples_per_check))


def __getattr__(name: str) -> Any:
    """FORMATS, read from the registry when first asked for."""
    if name == "FORMATS":
        return formats()
    raise AttributeError(name)
