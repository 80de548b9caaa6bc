"""Comparing two audits: new, fixed and unchanged findings, and the score change."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from auditor.baseline import split_by_fingerprint
from auditor.web.extensions import login_required
from auditor.web.reports import finished_audit, result_document

blueprint = Blueprint("comparison", __name__)


@dataclass(frozen=True, slots=True)
class Comparison:
    """What changed from an earlier result to a later one, by fingerprint."""

    new: tuple[Mapping[str, Any], ...]
    fixed: tuple[Mapping[str, Any], ...]
    unchanged: tuple[Mapping[str, Any], ...]
    score_before: float | None
    score_after: float | None

    @property
    def score_change(self) -> float | None:
        """After minus before, when both have a score."""
        if self.score_before is None or self.score_after is None:
            return None
        return round(self.score_after - self.score_before, 2)


def compare_results(before: Mapping[str, Any], after: Mapping[str, Any]) -> Comparison:
    """Compare two result documents, by the same rule as a baseline comparison."""
    old = {f["fingerprint"]: f for f in before.get("findings") or ()}
    current = {f["fingerprint"]: f for f in after.get("findings") or ()}
    new, unchanged, fixed = split_by_fingerprint(list(current), old.keys())
    return Comparison(
        new=tuple(current[fp] for fp in new),
        fixed=tuple(old[fp] for fp in fixed),
        unchanged=tuple(current[fp] for fp in unchanged),
        score_before=(before.get("summary") or {}).get("overall_score"),
        score_after=(after.get("summary") or {}).get("overall_score"),
    )


@blueprint.route("/compare")
@login_required
def compare() -> str:
    """Two finished audits side by side: `?base=<id>&head=<id>`."""
    try:
        base, head = int(request.args["base"]), int(request.args["head"])
    except (KeyError, ValueError):
        abort(400, "Choose two audits to compare.")
    before, after = finished_audit(base, current_user), finished_audit(head, current_user)
    result = compare_results(result_document(before), result_document(after))
    return render_template("compare.html", base=before, head=after, comparison=result)
