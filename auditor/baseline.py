"""Baselines: gate a release only on findings that are new since an earlier result.

A baseline is any earlier result JSON (`report.json`) or the slimmer file that
`auditor baseline update` writes: both hold findings with their fingerprints. A
fingerprint hashes the check code, the conversation id and the flagged turn's
redacted text, not the turn's position, so inserting a turn elsewhere in a
transcript leaves old findings "unchanged" rather than "new".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.errors import UsageError
from auditor.findings import Finding

__all__ = ["BASELINE_SCHEMA", "Baseline", "BaselineComparison", "baseline_document",
           "load_baseline", "split_by_fingerprint"]

BASELINE_SCHEMA = "support-auditor-baseline/1"
# What a baseline keeps of each finding: enough to list it as fixed later.
_KEPT = ("fingerprint", "code", "severity", "conversation_id", "turn_index", "message")


@dataclass(frozen=True)
class Baseline:
    """The findings of an earlier run, keyed by fingerprint."""

    path: str
    sha256: str
    findings: Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class BaselineComparison:
    """This run's findings against a baseline: new, unchanged, and fixed since."""

    baseline: Baseline
    new: tuple[str, ...]
    unchanged: tuple[str, ...]
    fixed: tuple[Mapping[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in results."""
        return {"path": self.baseline.path, "sha256": self.baseline.sha256,
                "new": len(self.new), "unchanged": len(self.unchanged),
                "fixed": [dict(item) for item in self.fixed]}


def load_baseline(path: Path) -> Baseline:
    """Read a baseline or earlier result file, or raise UsageError saying what is wrong."""
    try:
        raw = path.read_bytes()
        document = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise UsageError(f"--baseline {path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(f"--baseline {path}: not a readable JSON file ({error})") from None
    findings = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(findings, list) or not all(
            isinstance(f, dict) and isinstance(f.get("fingerprint"), str) for f in findings):
        raise UsageError(f"--baseline {path}: expected a result JSON or a baseline file with "
                         "findings that carry fingerprints")
    return Baseline(str(path), hashlib.sha256(raw).hexdigest(),
                    {f["fingerprint"]: {k: f.get(k) for k in _KEPT} for f in findings})


def split_by_fingerprint(current: Sequence[str], earlier: Collection[str]
                         ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(new, unchanged, fixed) fingerprints: the one comparison of two runs.

    New and unchanged keep the current order; fixed (in the earlier run only) are sorted.
    """
    now = set(current)
    return (tuple(fp for fp in current if fp not in earlier),
            tuple(fp for fp in current if fp in earlier),
            tuple(sorted(fp for fp in earlier if fp not in now)))


def compare(findings: Sequence[Finding], baseline: Baseline) -> BaselineComparison:
    """Which findings are new, which unchanged, and which baseline findings are gone."""
    new, unchanged, fixed = split_by_fingerprint([f.fingerprint for f in findings],
                                                 baseline.findings.keys())
    return BaselineComparison(baseline, new, unchanged,
                              tuple(baseline.findings[fp] for fp in fixed))


def baseline_document(result: Mapping[str, Any]) -> dict[str, Any]:
    """The baseline file to commit, from a result JSON: its findings' fingerprints."""
    findings: Iterable[Mapping[str, Any]] = result.get("findings") or ()
    return {
        "schema": BASELINE_SCHEMA,
        "auditor_version": result.get("auditor_version"),
        "run_id": (result.get("run") or {}).get("id"),
        "findings": sorted(({k: f.get(k) for k in _KEPT} for f in findings),
                           key=lambda f: str(f["fingerprint"])),
    }
