"""Personal data in text: presidio recognizers and a spaCy pipeline, batched and offline.

`engine_for(PiiSettings(...))` gives the shared engine for a configuration;
`engine.analyze(text)` and `engine.analyze_many(texts)` return `PiiSpan`s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditor.pii.spans import PiiSpan

if TYPE_CHECKING:
    from auditor.pii.engine import PiiEngine, engine_for
    from auditor.pii.settings import PiiSettings

__all__ = ["PiiEngine", "PiiSettings", "PiiSpan", "engine_for"]

# The engine and its settings load presidio and spaCy: imported on first use, so that
# a module that only names a span (or a command that audits nothing) stays light.
_LAZY = {"PiiEngine": "auditor.pii.engine", "engine_for": "auditor.pii.engine",
         "PiiSettings": "auditor.pii.settings"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
