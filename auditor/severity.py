"""Severities and the levels CI formats map them to: the one place their order is defined.

Kept free of heavy imports so renderers, the policy and the gate can all read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

__all__ = ["GITHUB_LEVELS", "SARIF_LEVELS", "SEVERITY_ORDER", "Severity", "severity_rank"]

# Least to most severe.
SEVERITY_ORDER: tuple[str, ...] = ("info", "low", "medium", "high", "critical")


class Severity(StrEnum):
    """How bad a finding is, from `info` to `critical`; ordered by `rank`."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """0 for info up to 4 for critical, so severities compare as numbers."""
        return SEVERITY_ORDER.index(self.value)

    def lowered(self, steps: int = 1) -> Severity:
        """The severity `steps` levels lower, never below info."""
        return Severity(SEVERITY_ORDER[max(0, self.rank - steps)])

    def raised(self, steps: int = 1) -> Severity:
        """The severity `steps` levels higher, never above critical."""
        return Severity(SEVERITY_ORDER[min(len(SEVERITY_ORDER) - 1, self.rank + steps)])

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Read a severity name case-insensitively, with an error listing valid names."""
        try:
            return cls(value.strip().lower())
        except ValueError:
            valid = ", ".join(SEVERITY_ORDER)
            raise ValueError(f"unknown severity {value!r}; use one of {valid}") from None


def severity_rank(name: object) -> int:
    """The rank of a severity name (0 info .. 4 critical); -1 for anything else."""
    return SEVERITY_ORDER.index(name) if name in SEVERITY_ORDER else -1


# What CI systems call each severity: SARIF result levels, and GitHub workflow
# annotation commands (which have no "note" but a "notice").
SARIF_LEVELS: Mapping[str, str] = MappingProxyType({
    "critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note",
})
GITHUB_LEVELS: Mapping[str, str] = MappingProxyType({
    "critical": "error", "high": "error", "medium": "warning", "low": "warning",
    "info": "notice",
})
