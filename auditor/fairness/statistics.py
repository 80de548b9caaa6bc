"""The statistics behind every rate the FAIR pack reports.

* Confidence interval of a rate: the Wilson score interval at 95 %, which stays
  inside [0, 1] and behaves on small groups and on rates of 0 or 1, unlike the
  normal approximation.
* Significance of a gap: Fisher's exact test (two-sided) on the 2×2 table of one
  group against the other judged groups together, favourable against not. It is exact at
  every group size, so no rule of thumb decides when it may be used.
* Many gaps at once: within one table the p-values are adjusted with Holm's
  step-down method, so a table of many categories does not flag fair data by
  chance (without it, one comparison in twenty is "significant" on fair data).
"""

from __future__ import annotations

from scipy.stats import fisher_exact

from auditor.intervals import Z_95, wilson_interval

__all__ = ["Z_95", "fisher_p_value", "holm_adjusted", "wilson_interval"]

def fisher_p_value(favourable: int, total: int, reference_favourable: int,
                   reference_total: int) -> float:
    """Two-sided Fisher exact p-value of a group's rate against the reference group's."""
    table = [[favourable, total - favourable],
             [reference_favourable, reference_total - reference_favourable]]
    return float(fisher_exact(table, alternative="two-sided").pvalue)


def holm_adjusted(p_values: list[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values, in the order given."""
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    adjusted = [1.0] * len(p_values)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (len(p_values) - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted
