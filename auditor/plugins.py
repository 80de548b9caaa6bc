"""Loading named plugin objects (renderers, input formats) from an entry-point group.

Built-ins go through the same group as third-party packages; the built-in table
stands in for any of its names whose entry point is not installed (a source checkout).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from importlib.metadata import entry_points
from typing import Protocol, TypeVar

__all__ = ["Named", "named_plugins"]


class Named(Protocol):
    """A plugin object with the name it is registered under."""

    @property
    def name(self) -> str:
        """The entry point's name."""
        ...  # a protocol member, implemented by the plugin's dataclass


T = TypeVar("T", bound=Named)


def named_plugins(group: str, kind: type[T], built_in: Iterable[T], what: str) -> Mapping[str, T]:
    """Every object registered in `group`: the built-ins first in their own order, then
    the others by name. One that fails to load, or is not a `kind` named as its entry
    point, is reported on stderr and left out, so a broken plugin cannot take the
    built-ins down."""
    found: dict[str, T] = {}
    for entry_point in sorted(entry_points(group=group), key=lambda ep: ep.name):
        try:
            loaded = entry_point.load()
        except Exception as error:  # a broken plugin must not take the built-ins down
            print(f"auditor: {what} {entry_point.name} failed to load: {error}",
                  file=sys.stderr)
            continue
        if isinstance(loaded, kind) and loaded.name == entry_point.name:
            found[loaded.name] = loaded
        else:
            print(f"auditor: {what} {entry_point.name} is not a {kind.__name__} named "
                  f"{entry_point.name!r}; left out", file=sys.stderr)
    ordered = {item.name: found.get(item.name, item) for item in built_in}
    ordered.update({name: item for name, item in sorted(found.items()) if name not in ordered})
    return ordered
