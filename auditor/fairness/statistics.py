"""The statistics behind every rate the FAIR pack reports.

* Confidence interval of a rate: the Wilson score interval at 95 %, which stays
  inside [0, 1] and behaves on small groups and on rates of 0 or 1, unlike the
  normal approximation.
* Significance of a gap: Fisher's exact test (two-sided) on the 2×2 table of one
  group against the most-favoured group, favourable against not. It is exact at
  every group size, so no rule of thumb decides when it may be used.
"""

from __future__ import annotations

import math

from scipy.stats import fisher_exact

__all__ = ["Z_95", "fisher_p_value", "wilson_interval"]

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


def fisher_p_value(favourable: int, total: int, reference_favourable: int,
                   reference_total: int) -> float:
    """Two-sided Fisher exact p-value of a group's rate against the reference group's."""
    table = [[favourable, total - favourable],
             [reference_favourable, reference_total - reference_favourable]]
    return float(fisher_exact(table, alternative="two-sided").pvalue)
