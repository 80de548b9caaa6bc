"""Read-only mappings (`MappingProxyType`) that survive pickling.

Records, findings and options hold read-only mappings. Python cannot pickle them, yet
they cross process boundaries (`auditor.partitions`) and are written to disk when
turn records are grouped (`auditor.loaders.grouping`): registered here, once, they
are pickled as the same read-only mappings.
"""

from __future__ import annotations

import copyreg
from types import MappingProxyType
from typing import Any


def read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    """A read-only view of `mapping` (how one is rebuilt when unpickled)."""
    return MappingProxyType(mapping)


copyreg.pickle(MappingProxyType, lambda mapping: (read_only, (dict(mapping),)))
