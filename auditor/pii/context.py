"""What the engine knows about a text besides the text: `TextContext`.

A message is read differently depending on the conversation it belongs to: its
language decides which spaCy pipeline (if any) looks for names, its region is the
default region a phone number is read in, and names the bot or the human agents
gave as their own are not the customer's personal data. A context is frozen and
hashable; callers build one per conversation (`auditor.pii.conversations`) and pass
it to `PiiEngine.analyze`, `analyze_many` and `prefetch`.

While the detector analyses a text, `current_context()` returns that text's context,
so a recognizer can read it (`current_context().region`) without presidio's
signatures changing. A recognizer whose results depend on the region says so with a
class attribute `uses_region = True`: only then does the region become part of the
cache keys, so texts of all regions share one cache entry otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

__all__ = [
    "DEFAULT_CONTEXT",
    "DEFAULT_LANGUAGE",
    "TextContext",
    "analysing",
    "current_context",
]

# The language a text of unknown language is read in: short chat messages ("ok",
# "thanks", a name) often cannot be identified, and most support traffic the
# engine sees is English.
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class TextContext:
    """The conversation-level facts that change how a text is analysed.

    `language` is an ISO 639-1 code, or None when unknown (read as English).
    `region` is the conversation's region as exported ("US-CA", "EU", "DE"), upper
    case, or None. `persona_names` and `agent_names` are the casefolded name words
    the bot and the human agents of the conversation gave as their own ("Luis", "Dana"):
    a name made only of such words is not the customer's personal data.
    `answers_name_request` marks a customer message that directly follows a question
    for the customer's name, so that a name written alone ("Crystal Minh") is one.
    `written_by` is the writer's role ("customer", "bot", "agent") where known: a name a
    customer greets or thanks ("Thanks Marcus!") is the name of the staff member they
    write to.
    """

    language: str | None = None
    region: str | None = None
    persona_names: frozenset[str] = field(default_factory=frozenset)
    agent_names: frozenset[str] = field(default_factory=frozenset)
    answers_name_request: bool = False
    written_by: str | None = None

    def __post_init__(self) -> None:
        # Contexts are cache keys: one spelling per language and region.
        language = (self.language or "").strip().casefold() or None
        region = (self.region or "").strip().upper() or None
        object.__setattr__(self, "language", language)
        object.__setattr__(self, "region", region)
        object.__setattr__(self, "persona_names", frozenset(
            name.casefold() for name in self.persona_names))
        object.__setattr__(self, "agent_names", frozenset(
            name.casefold() for name in self.agent_names))

    @property
    def reading_language(self) -> str:
        """The language the text is read in: its own, or English when unknown."""
        return self.language or DEFAULT_LANGUAGE

    @property
    def service_names(self) -> frozenset[str]:
        """Name words of the bot's persona and of the human agents."""
        return self.persona_names | self.agent_names


DEFAULT_CONTEXT = TextContext()

# The context of the text being analysed; see `analysing`.
_CURRENT: ContextVar[TextContext] = ContextVar("pii_text_context", default=DEFAULT_CONTEXT)


def current_context() -> TextContext:
    """The context of the text the detector is analysing (the default outside one)."""
    return _CURRENT.get()


@contextmanager
def analysing(context: TextContext) -> Iterator[None]:
    """Within the block, `current_context()` returns `context`."""
    token = _CURRENT.set(context)
    try:
        yield
    finally:
        _CURRENT.reset(token)
