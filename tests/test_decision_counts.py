"""The checks that need only counts of the decision log (FAIR001, FAIR002, FAIR005) judge
the sum of the counts of its partitions as they judge the whole log: for any cut, the
same outcome, findings and metrics; and an audit counts the log in partitions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import auditor.decision_partitions as decision_partitions
from auditor.check import CheckOutcome, DecisionCountsCheck
from auditor.decision_partitions import CountJob, Raised, count_in_partitions
from auditor.fairness import DecisionColumns, FairnessSettings, disparity_tables
from auditor.fairness.counts import DecisionCounts
from auditor.model import Decision, SourceRef
from auditor.partitions import cut
from auditor.registry import Registry

COUNTED = ("FAIR001", "FAIR002", "FAIR005")
LOGS = ("a.csv", "b.csv")


@st.composite
def decision_logs(draw: st.DrawFn) -> list[Decision]:
    """Logs with few values, so that groups are large enough to be judged, with
    missing and placeholder segment values, outcomes not known to be favourable or not,
    ground truth, reason codes (generic, specific, none) and two files."""
    rows = draw(st.integers(0, 400))
    seed = draw(st.integers(0, 2**32 - 1))
    import random

    rng = random.Random(seed)
    unknown_outcomes = draw(st.booleans()) and rows > 0 and rng.random() < 0.2
    attributes = rng.sample(["language", "region", "plan"], rng.randint(0, 3))
    decisions = []
    for number in range(rows):
        segments = {name: rng.choice(["a", "b", "b", " c ", "", "N/A"])
                    for name in rng.sample(attributes, len(attributes)) if rng.random() < 0.9}
        favourable = rng.random() < (0.7 if segments.get("language") == "a" else 0.45)
        decisions.append(Decision(
            id=f"d-{number}", conversation_id=None,
            decision_type=rng.choice(["refund", "credit", "refund"]),
            outcome="approved" if favourable else "denied",
            favourable=None if unknown_outcomes and rng.random() < 0.02 else favourable,
            segments=segments, label=rng.choice([None, "1", "0", "yes", "maybe"]),
            reason_codes=rng.choice([(), (), ("policy",), ("income_unverified",), (" ",)]),
            source=SourceRef(rng.choice(LOGS), number + 2)))
    return decisions


def _checks() -> dict[str, DecisionCountsCheck]:
    registry = {r.code: r.check_class for r in Registry.from_entry_points().select()}
    checks = {code: registry[code]() for code in COUNTED}
    assert all(isinstance(check, DecisionCountsCheck) for check in checks.values())
    return checks  # type: ignore[return-value]


def _options(check: DecisionCountsCheck, **extra: Any) -> dict[str, Any]:
    return {**check.default_options, "min-group-size": 10, "min-expected": 2, **extra}


def _judged(check: DecisionCountsCheck, counts: Sequence[object],
            options: dict[str, Any]) -> object:
    """The outcome as a comparable value, or the error that stopped the check."""
    try:
        outcome: CheckOutcome = check.outcome_from_counts(counts, options=options)
    except Exception as error:  # noqa: BLE001 (the same error either way is the point)
        return (type(error).__name__, str(error))
    return (outcome.evaluated, [f.to_dict() for f in outcome.findings], outcome.flagged,
            outcome.not_evaluated, dict(outcome.metrics))


@settings(max_examples=60, deadline=None)
@given(decision_logs(), st.lists(st.integers(0, 400), max_size=5), st.booleans())
def test_any_cut_of_the_log_judges_as_the_whole(decisions: list[Decision], cuts: list[int],
                                                 only_credit: bool) -> None:
    bounds = sorted({0, len(decisions), *(c for c in cuts if c <= len(decisions))})
    runs = [tuple(decisions[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)] or [()]
    for code, check in _checks().items():
        options = _options(check, **({"decision-types": ["credit"]} if only_credit else {}))
        whole = _judged(check, [check.count(tuple(decisions), options=options)], options)
        parts = _judged(check, [check.count(run, options=options) for run in runs], options)
        assert parts == whole, code


@settings(max_examples=40, deadline=None)
@given(decision_logs(), st.integers(1, 7))
def test_counts_of_consecutive_runs_sum_to_the_counts_of_the_whole(
        decisions: list[Decision], pieces: int) -> None:
    whole = DecisionCounts.of(decisions)
    merged = DecisionCounts.merged(DecisionCounts.of(run) for run in cut(decisions, pieces))
    # The same cells in the same first-seen order, so the same codes and group order.
    assert list(merged.cells.items()) == list(whole.cells.items())
    assert merged.ambiguous == whole.ambiguous
    assert sum(merged.cells.values()) == len(decisions)


def test_a_log_counted_in_cells_gives_the_tables_of_its_rows() -> None:
    """The weighted cells give what a row per decision gives: checked against the same
    log with an attribute that puts every decision in a cell of its own."""
    decisions = [Decision(id=f"d{n}", conversation_id=None, decision_type="refund",
                          outcome="x", favourable=n % 3 != 0, label=str(n % 2),
                          segments={"language": "ab"[n % 2], "row": str(n)})
                 for n in range(120)]
    cells = DecisionColumns.from_decisions(decisions, ["language"])
    assert cells.rows == 120 and len(cells.weight) == 4  # 2 languages x 2 outcomes
    rows = DecisionColumns.from_counts(DecisionCounts.of(decisions), ["language"])
    assert len(rows.weight) == 120 and set(rows.weight.tolist()) == {1}
    settings_ = FairnessSettings(intersections=False, min_group_size=5)
    assert disparity_tables(cells, settings_) == disparity_tables(rows, settings_)
    (table,) = disparity_tables(cells, settings_)
    assert sorted((row.group, row.count, row.favourable) for row in table.rows) == [
        ("a", 60, 40), ("b", 60, 40)]


@settings(max_examples=5, deadline=None)
@given(decision_logs())
def test_an_audit_counts_the_log_in_partitions(decisions: list[Decision]) -> None:
    decisions = tuple(decisions)
    checks = _checks()
    options = {code: _options(check) for code, check in checks.items()}
    seen: list[int] = []
    run = decision_partitions.run_count_task

    def recorded(task: decision_partitions.CountTask) -> dict[str, object]:
        seen.append(len(task.decisions))
        return run(task)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(decision_partitions, "run_count_task", recorded)
        counted = count_in_partitions(
            {code: CountJob(check, decisions, options[code]) for code, check in checks.items()},
            partitions=3)
    # One task per partition counts it for every check that sees the same decisions.
    assert seen == [len(run) for run in cut(decisions, 3)]
    for code, check in checks.items():
        assert len(counted[code]) == len(seen)
        assert _judged(check, counted[code], options[code]) == _judged(
            check, [check.count(decisions, options=options[code])], options[code])


def test_a_check_that_fails_to_count_fails_as_in_one_pass() -> None:
    class Broken(DecisionCountsCheck):
        code = "TEST900"

        def count(self, decisions: Sequence[Decision], *, options: Any) -> object:
            if len(decisions) > 1:
                raise ValueError("cannot count this")
            return len(decisions)

        def outcome_from_counts(self, counts: Sequence[object], *, options: Any
                                ) -> CheckOutcome:
            return CheckOutcome(sum(c for c in counts if isinstance(c, int)), ())

    decisions = tuple(Decision(id=str(n), conversation_id=None, decision_type="t",
                               outcome="o") for n in range(4))
    counted = count_in_partitions({"TEST900": CountJob(Broken(), decisions, {})}, partitions=2)
    assert [type(c) for c in counted["TEST900"]] == [Raised, Raised]
    assert str(counted["TEST900"][0].error) == "cannot count this"  # type: ignore[union-attr]
