"""The settings of the four-fifths screen: light to import (no pandas, no fairlearn), so
that a check's default options can name them without loading the statistics stack."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["FairnessSettings"]


@dataclass(frozen=True)
class FairnessSettings:
    """Thresholds of the four-fifths screen and of honest reporting."""

    threshold: float = 0.8
    alpha: float = 0.05
    min_group_size: int = 30
    min_expected: float = 5.0
    min_share: float = 0.02
    intersections: bool = True

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> FairnessSettings:
        """Settings from check options, with a clear error for impossible values."""
        intersections = options.get("intersections", True)
        if not isinstance(intersections, bool):
            raise ValueError(f"intersections must be true or false, not {intersections!r}")
        return cls(
            threshold=_number(options, "impact-ratio-threshold", 0.0, 1.0),
            alpha=_number(options, "alpha", 0.0, 1.0),
            min_group_size=int(_number(options, "min-group-size", 1, None)),
            min_expected=_number(options, "min-expected", 0.0, None),
            min_share=_number(options, "min-share", 0.0, 1.0),
            intersections=intersections,
        )


def _number(options: Mapping[str, Any], name: str, low: float, high: float | None) -> float:
    value = options[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or value < low \
            or (high is not None and value > high):
        bound = f"between {low:g} and {high:g}" if high is not None else f"{low:g} or more"
        raise ValueError(f"{name} must be a number {bound}, not {value!r}")
    return float(value)
