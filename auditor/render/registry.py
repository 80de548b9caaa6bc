"""Report renderers, found through the `auditor.renderers` entry-point group.

Built-in renderers are registered through the same group as third-party ones
(`auditor.render.builtin`), so a package adds a format with one entry point whose
value is a `Renderer`. The list of formats, their file extensions and media types
are read from here by the command line, the web app and the docs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, BinaryIO

__all__ = ["ENTRY_POINT_GROUP", "RenderOptions", "Renderer", "renderers"]

ENTRY_POINT_GROUP = "auditor.renderers"
DEFAULT_MAX_EXAMPLES = 5


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Options every renderer receives; renderers ignore those they do not use."""

    # How many findings per check the HTML and PDF reports show (JSON keeps all).
    max_examples_per_check: int = DEFAULT_MAX_EXAMPLES


@dataclass(frozen=True, slots=True)
class Renderer:
    """One report format: its name, file extension, media type and function.

    `render` takes a validated result dict and the options, and returns bytes;
    the same result must always give the same bytes. `write`, when a format has it,
    writes those same bytes to a binary stream piece by piece, so a large report is
    never held whole in memory (`write_to` uses it, else `render`).
    """

    name: str
    extension: str
    media_type: str
    description: str
    render: Callable[[Mapping[str, Any], RenderOptions], bytes]
    write: Callable[[Mapping[str, Any], RenderOptions, BinaryIO], None] | None = None

    def write_to(self, result: Mapping[str, Any], options: RenderOptions,
                 stream: BinaryIO) -> None:
        """Write the report of `result` to `stream`: the bytes `render` returns."""
        if self.write is not None:
            self.write(result, options, stream)
        else:
            stream.write(self.render(result, options))


@lru_cache(maxsize=1)
def renderers() -> Mapping[str, Renderer]:
    """Every installed renderer by format name, built-ins first in their own order."""
    from auditor.plugins import named_plugins
    from auditor.render import builtin

    return named_plugins(ENTRY_POINT_GROUP, Renderer, builtin.BUILT_IN, "renderer")
