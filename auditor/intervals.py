"""Confidence intervals of rates, shared by the check shares and the FAIR tables.

The Wilson score interval at 95 % stays inside [0, 1] and behaves on small
counts and on rates of 0 or 1, unlike the normal approximation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

__all__ = ["Z_95", "format_share", "wilson_interval"]

Z_95 = 1.959963984540054


def wilson_interval(successes: int, total: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of successes/total; (0, 1) when total is 0."""
    if total <= 0:
        return 0.0, 1.0
    rate = successes / total
    denominator = 1 + z * z / total
    centre = (rate + z * z / (2 * total)) / denominator
    half = z * math.sqrt(rate * (1 - rate) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def format_share(share: object) -> str | None:
    """'5.0 % (1.2–18.0)': a result's `flagged_share` in per cent with its 95 % interval
    in brackets, as every report writes it; None when there is no share."""
    if not isinstance(share, Mapping) or not isinstance(share.get("value"), int | float):
        return None
    return (f"{100 * share['value']:.1f} % ({100 * share['low']:.1f}\u2013"
            f"{100 * share['high']:.1f})")
