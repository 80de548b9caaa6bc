"""The audit page's row per area: each pack's checks by status and its findings by
severity, from the audit's overview (no finding is read)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.areas import AREAS, Area, area_for, pack_of
from auditor.severity import SEVERITY_ORDER

__all__ = ["AreaLine", "area_lines"]

_FAILED = frozenset({"failed", "error"})
_PASSED = frozenset({"passed", "passed_with_findings"})


@dataclass(frozen=True, slots=True)
class AreaLine:
    """One area of an audit: how its checks ended and how many findings it has."""

    area: Area
    failed: int
    passed: int
    not_evaluated: int
    by_severity: Mapping[str, int]

    @property
    def findings(self) -> int:
        """All the area's findings."""
        return sum(self.by_severity.values())

    @property
    def worst(self) -> str | None:
        """The most severe severity among the area's findings, if it has any."""
        return next((s for s in reversed(SEVERITY_ORDER) if self.by_severity.get(s)), None)


def area_lines(overview: Mapping[str, Any]) -> list[AreaLine]:
    """A line per built-in area that ran a check, then one per plugin pack."""
    statuses: dict[str, list[str]] = {}
    for check in overview.get("checks") or ():
        statuses.setdefault(pack_of(str(check.get("code") or "")), []).append(
            str(check.get("status") or ""))
    by_pack = overview.get("findings_by_pack") or {}
    packs = [area.pack for area in AREAS] + sorted(
        set(statuses) - {area.pack for area in AREAS})
    return [AreaLine(area_for(pack),
                     failed=sum(s in _FAILED for s in statuses[pack]),
                     passed=sum(s in _PASSED for s in statuses[pack]),
                     not_evaluated=sum(s not in _FAILED | _PASSED for s in statuses[pack]),
                     by_severity=dict(by_pack.get(pack) or {}))
            for pack in packs if pack in statuses]
