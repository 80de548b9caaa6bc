"""The policy's `[monthly]` table: how the monthly owner report is made.

    [monthly]
    organisation = "Harbour Lane Books"   # the name on the report
    time-zone = "Europe/Madrid"           # calendar months on this clock (default UTC)
    min-conversations = 30                # fewer chats in a month: "too few to judge"
    audit-url = "https://audit.example.com/audits/{month}"   # the full audit's link
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.errors import PolicyError

__all__ = ["DEFAULT_MIN_CONVERSATIONS", "MonthlySettings", "parse_monthly_settings"]

DEFAULT_MIN_CONVERSATIONS = 30
MONTHLY_KEYS = ("organisation", "time-zone", "min-conversations", "audit-url")


@dataclass(frozen=True, slots=True)
class MonthlySettings:
    """How months are cut and judged, and what the report is headed with."""

    organisation: str = ""
    time_zone: str = "UTC"
    min_conversations: int = DEFAULT_MIN_CONVERSATIONS
    audit_url: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form recorded in results."""
        return {"organisation": self.organisation, "time_zone": self.time_zone,
                "min_conversations": self.min_conversations, "audit_url": self.audit_url}


def parse_monthly_settings(table: Any, where: str) -> MonthlySettings:
    """The `[monthly]` table, each value checked; unknown keys are an error."""
    if table is None:
        return MonthlySettings()
    if not isinstance(table, Mapping):
        raise PolicyError(f"{where} must be a table, e.g. [monthly] time-zone = \"UTC\"")
    values = {str(key).replace("_", "-"): value for key, value in table.items()}
    unknown = sorted(set(values) - set(MONTHLY_KEYS))
    if unknown:
        raise PolicyError(f"{where}: unknown key {', '.join(unknown)}; valid keys are "
                          f"{', '.join(MONTHLY_KEYS)}")
    for key in ("organisation", "time-zone", "audit-url"):
        if key in values and not isinstance(values[key], str):
            raise PolicyError(f"{where} {key} must be text, not {values[key]!r}")
    minimum = values.get("min-conversations", DEFAULT_MIN_CONVERSATIONS)
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
        raise PolicyError(f"{where} min-conversations must be a whole number of "
                          f"conversations, 1 or more, not {minimum!r}")
    settings = MonthlySettings(
        organisation=values.get("organisation", "").strip(),
        time_zone=values.get("time-zone", "UTC").strip() or "UTC",
        min_conversations=minimum,
        audit_url=values.get("audit-url", "").strip())
    from auditor.monthly.periods import time_zone

    time_zone(settings.time_zone, where=f"{where} time-zone")
    return settings
