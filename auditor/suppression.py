"""Suppressions: findings a team has accepted, with a reason, an owner and an expiry.

A suppression names a finding by fingerprint, or by check code plus conversation
id, and must say why it is accepted (`justification`), who accepted it
(`accepted-by`) and until when (`expires`, a date). While it is in force its
findings are listed as suppressed and do not count towards scores or the gate;
from the day after it expires they count again and the report says which
suppression expired. Suppressions made in the web app's triage may have no expiry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from auditor.errors import PolicyError
from auditor.findings import Finding

__all__ = ["Suppression", "SuppressionOutcome", "Suppressor", "apply_suppressions",
           "expiry_notes", "parse_suppressions"]

_KEYS = ("fingerprint", "code", "conversation", "justification", "accepted-by", "expires")


@dataclass(frozen=True)
class Suppression:
    """One accepted finding (or family of findings) and its terms."""

    justification: str
    accepted_by: str
    # None: no end date (triage may leave it open; a policy file must set one).
    expires: date | None
    fingerprint: str | None = None
    code: str | None = None
    conversation: str | None = None
    kind: str | None = None  # false_positive or accepted_risk, from triage

    def in_force_on(self, day: date) -> bool:
        """True until the end of its expiry day (always, without one)."""
        return self.expires is None or self.expires >= day

    def matches(self, finding: Finding) -> bool:
        """True for the finding this suppression names."""
        if self.fingerprint is not None:
            return finding.fingerprint == self.fingerprint
        return finding.code == self.code and finding.conversation_id == self.conversation

    def label(self) -> str:
        """How the suppression is named in reports."""
        return self.fingerprint or f"{self.code} in {self.conversation}"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form recorded in results and hashed into the policy digest."""
        return {"fingerprint": self.fingerprint, "code": self.code,
                "conversation": self.conversation, "justification": self.justification,
                "accepted_by": self.accepted_by,
                "expires": self.expires.isoformat() if self.expires else None,
                **({"kind": self.kind} if self.kind else {})}


@dataclass(frozen=True)
class SuppressionOutcome:
    """What the suppressions did in one run."""

    kept: tuple[Finding, ...]
    suppressed: tuple[tuple[Finding, Suppression], ...]
    expired: tuple[tuple[Suppression, int], ...]

    def notes(self) -> tuple[str, ...]:
        """A sentence per expired suppression that still matches findings."""
        return expiry_notes(self.expired)


def expiry_notes(expired: Sequence[tuple[Suppression, int]]) -> tuple[str, ...]:
    """A sentence per expired suppression that still matches findings (its count)."""
    return tuple(
        f"The suppression of {item.label()} (accepted by {item.accepted_by}: "
        f"{item.justification}) expired on {item.expires}; its {count} "
        f"finding{'s' if count != 1 else ''} count again."
        for item, count in expired if count)


class Suppressor:
    """The suppressions of one run, applied a finding at a time: which one in force
    sets a finding aside, and how many findings each expired one still matches."""

    def __init__(self, suppressions: Sequence[Suppression], today: date) -> None:
        self._active = [s for s in suppressions if s.in_force_on(today)]
        self._expired = [s for s in suppressions if not s.in_force_on(today)]
        self._matched = [0] * len(self._expired)

    def suppression_of(self, finding: Finding) -> Suppression | None:
        """The suppression in force that sets `finding` aside, or None; counted against
        the expired ones that would have."""
        for index, item in enumerate(self._expired):
            if item.matches(finding):
                self._matched[index] += 1
        return next((s for s in self._active if s.matches(finding)), None)

    @property
    def expired(self) -> tuple[tuple[Suppression, int], ...]:
        """Each expired suppression with the findings it matched so far."""
        return tuple(zip(self._expired, self._matched, strict=True))


def parse_suppressions(items: Any, where: str) -> tuple[Suppression, ...]:
    """Read `[[suppressions]]` tables, with errors that say what is missing."""
    if items is None:
        return ()
    if not isinstance(items, list):
        raise PolicyError(f"{where}: suppressions must be an array of tables ([[suppressions]])")
    parsed = []
    for number, item in enumerate(items, 1):
        place = f"{where} suppression {number}"
        if not isinstance(item, Mapping):
            raise PolicyError(f"{place}: must be a table")
        table = {str(k).replace("_", "-"): v for k, v in item.items()}
        unknown = sorted(set(table) - set(_KEYS))
        if unknown:
            raise PolicyError(f"{place}: unknown key {', '.join(unknown)}; valid keys are "
                              f"{', '.join(_KEYS)}")
        for required in ("justification", "accepted-by", "expires"):
            if not table.get(required):
                raise PolicyError(f"{place}: {required} is required")
        if not table.get("fingerprint") and not (table.get("code") and table.get("conversation")):
            raise PolicyError(f"{place}: name the finding with fingerprint, or with code and "
                              "conversation")
        expires = table["expires"]
        if isinstance(expires, str):
            try:
                expires = date.fromisoformat(expires)
            except ValueError:
                raise PolicyError(f"{place}: expires must be a date, e.g. 2027-03-31") from None
        if not isinstance(expires, date):
            raise PolicyError(f"{place}: expires must be a date, e.g. 2027-03-31")
        parsed.append(Suppression(
            justification=str(table["justification"]), accepted_by=str(table["accepted-by"]),
            expires=expires, fingerprint=table.get("fingerprint"),
            code=str(table["code"]).upper() if table.get("code") else None,
            conversation=table.get("conversation")))
    return tuple(parsed)


def apply_suppressions(findings: Sequence[Finding], suppressions: Sequence[Suppression],
                       today: date) -> SuppressionOutcome:
    """Set aside findings under a suppression in force; count matches of expired ones."""
    suppressor = Suppressor(suppressions, today)
    kept: list[Finding] = []
    suppressed: list[tuple[Finding, Suppression]] = []
    for finding in findings:
        match = suppressor.suppression_of(finding)
        if match is None:
            kept.append(finding)
        else:
            suppressed.append((finding, match))
    return SuppressionOutcome(tuple(kept), tuple(suppressed), suppressor.expired)
