"""Twelve months per area, and whether this month is clearly better or worse than the last.

A month's value in an area is the share of its units (chats, or comparisons of customer
groups) with a problem. The change from one month to the next is the difference of two
shares with its 95 % interval (Newcombe's hybrid score interval, built from the Wilson
intervals of the two shares, which behaves on small counts and on shares of 0). When
the interval spans zero the change is "no clear change", however large it looks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from auditor.intervals import wilson_interval
from auditor.monthly.periods import Month
from auditor.monthly.summary import MonthSummary

__all__ = ["Change", "TREND_MONTHS", "TrendPoint", "change_between", "trend"]

TREND_MONTHS = 12


class Direction:
    """How a month compares with the one before, defined once."""

    BETTER = "better"
    WORSE = "worse"
    NO_CLEAR_CHANGE = "no clear change"
    NOT_COMPARABLE = "not comparable"


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One area in one month: its share with a problem, or why there is none."""

    month: str
    label: str
    affected: int
    base: int
    judged: bool
    # None: no audit of the month (missing) or too little to judge (not judged).
    rate: float | None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form in the monthly report."""
        return {"month": self.month, "label": self.label, "affected": self.affected,
                "base": self.base, "judged": self.judged, "rate": self.rate}


@dataclass(frozen=True, slots=True)
class Change:
    """The change of an area's share from the previous month, with its 95 % interval."""

    direction: str
    difference: float | None = None
    low: float | None = None
    high: float | None = None
    previous: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form in the monthly report (shares, not per cent)."""
        return {"direction": self.direction, "difference": self.difference,
                "low": self.low, "high": self.high, "previous_month": self.previous}


def trend(summaries: Mapping[str, MonthSummary], last: Month, pack: str,
          months: int = TREND_MONTHS) -> tuple[TrendPoint, ...]:
    """The `months` months up to `last` for one area, oldest first; a month with no
    summary is a point with no base."""
    points = []
    for month in last.window(months):
        summary = summaries.get(str(month))
        area = summary.area(pack) if summary else None
        if area is None:
            points.append(TrendPoint(str(month), month.short_title, 0, 0, False, None))
            continue
        points.append(TrendPoint(str(month), month.short_title, area.affected, area.base,
                                 area.judged, round(area.rate, 4)
                                 if area.rate is not None else None))
    return tuple(points)


def change_between(before: TrendPoint | None, after: TrendPoint) -> Change:
    """Whether `after` is clearly better or worse than `before` (a lower share is
    better), with the 95 % interval of the difference."""
    if before is None or not (before.judged and after.judged) or not (before.base
                                                                       and after.base):
        return Change(Direction.NOT_COMPARABLE, previous=before.month if before else None)
    p1, p2 = before.affected / before.base, after.affected / after.base
    l1, u1 = wilson_interval(before.affected, before.base)
    l2, u2 = wilson_interval(after.affected, after.base)
    difference = p2 - p1
    low = difference - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = difference + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    if low > 0:
        direction = Direction.WORSE
    elif high < 0:
        direction = Direction.BETTER
    else:
        direction = Direction.NO_CLEAR_CHANGE
    return Change(direction, round(difference, 4), round(low, 4), round(high, 4),
                  before.month)


def last_change(points: Sequence[TrendPoint]) -> Change:
    """The change into the last point of a trend from the one before it."""
    if not points:
        return Change(Direction.NOT_COMPARABLE)
    return change_between(points[-2] if len(points) > 1 else None, points[-1])
