"""Personal data in text: presidio recognizers and a spaCy pipeline, batched and offline.

`engine_for(PiiSettings(...))` gives the shared engine for a configuration;
`engine.analyze(text)` and `engine.analyze_many(texts)` return `PiiSpan`s.
"""

from auditor.pii.engine import PiiEngine, engine_for
from auditor.pii.settings import PiiSettings
from auditor.pii.spans import PiiSpan

__all__ = ["PiiEngine", "PiiSettings", "PiiSpan", "engine_for"]
