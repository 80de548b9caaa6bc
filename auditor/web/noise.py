"""Which checks are noisy: per check, how many findings reviewers confirmed and how many
they marked false positive, month by month, so a team sees which detectors need tuning.

Counted from each finding's current triage (a finding counts once, in the month its
state was last set), over every audit of this instance. Precision is confirmed out of
confirmed plus false positives: what share of the findings reviewers judged were right.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from flask import Blueprint, Response, render_template
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor.render.escape import spreadsheet_cell
from auditor.web.extensions import db_session, login_required
from auditor.web.models import Triage, TriageKind
from auditor.web.organisations import organisation_ids

__all__ = ["CheckNoise", "blueprint", "check_noise"]

blueprint = Blueprint("noise", __name__)
_COUNTED = (TriageKind.CONFIRMED, TriageKind.FALSE_POSITIVE, TriageKind.ACCEPTED_RISK,
            TriageKind.FIXED)


@dataclass(frozen=True, slots=True)
class CheckNoise:
    """One check in one month (`month` "all" for the whole history)."""

    code: str
    month: str
    confirmed: int
    false_positive: int
    accepted_risk: int
    fixed: int

    @property
    def judged(self) -> int:
        """Findings a reviewer called right or wrong."""
        return self.confirmed + self.false_positive + self.fixed

    @property
    def precision(self) -> float | None:
        """Confirmed (or fixed) out of all judged; None before any was judged."""
        return round((self.confirmed + self.fixed) / self.judged, 3) if self.judged else None


def check_noise(session: Session, organisations: Collection[int] | None = None
                ) -> tuple[list[CheckNoise], list[CheckNoise]]:
    """(one line per check over all time, noisiest first; one per check and month), from
    the triage of `organisations` (None: every one)."""
    counts: dict[tuple[str, str], dict[TriageKind, int]] = {}
    query = select(Triage.code, Triage.kind, Triage.created_at).where(
        Triage.kind.in_(_COUNTED))
    if organisations is not None:
        query = query.where(Triage.organisation_id.in_(organisations))
    for code, kind, at in session.execute(query):
        for month in ("all", f"{at:%Y-%m}"):
            cell = counts.setdefault((code, month), {})
            cell[kind] = cell.get(kind, 0) + 1
    lines = [CheckNoise(code, month, *(cell.get(kind, 0) for kind in _COUNTED))
             for (code, month), cell in counts.items()]
    overall = sorted((line for line in lines if line.month == "all"),
                     key=lambda line: (line.precision if line.precision is not None else 2,
                                       -line.judged, line.code))
    monthly = sorted((line for line in lines if line.month != "all"),
                     key=lambda line: (line.code, line.month))
    return overall, monthly


def _visible_noise() -> tuple[list[CheckNoise], list[CheckNoise]]:
    """The noise of the checks in the organisations the signed-in user sees."""
    session = db_session()
    return check_noise(session, organisation_ids(session, current_user))


@blueprint.route("/checks/noise")
@login_required
def page() -> str:
    """The noisy-checks page."""
    overall, monthly = _visible_noise()
    return render_template("noise.html", overall=overall, monthly=monthly)


@blueprint.route("/checks/noise.csv")
@login_required
def export() -> Response:
    """The same figures as CSV, one line per check and month and one per check overall."""
    overall, monthly = _visible_noise()
    response = Response(_csv([*overall, *monthly]), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="check-noise.csv"'
    return response


def _csv(lines: Sequence[CheckNoise]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["code", "month", "confirmed", "false_positive", "accepted_risk",
                     "fixed", "precision"])
    for line in lines:
        writer.writerow([spreadsheet_cell(value) for value in (
            line.code, line.month, line.confirmed, line.false_positive, line.accepted_risk,
            line.fixed, "" if line.precision is None else line.precision)])
    return out.getvalue()
