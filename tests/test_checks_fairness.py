"""The FAIR pack: fixtures both ways, honest statistics, and fairlearn's own numbers."""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from auditor.fairness import DecisionColumns, FairnessSettings, disparity_tables
from auditor.fairness.statistics import fisher_p_value, wilson_interval
from auditor.model import Decision
from auditor.pipeline import run_audit
from auditor.policy import Policy, parse_policy
from auditor.render import render
from auditor.result import AuditResult
from tests.conftest import FIXTURES, ROOT

FAIR_DECISIONS = FIXTURES / "decisions" / "fairness.csv"
JUDGED = ("reference", "pass", "warn", "fail")  # statuses of the categories the screen judged
FAIR_ONLY = Policy(select=("FAIR",))
AEQUITAS = ROOT.parent / "shared" / "data" / "fairness" / "aequitas_adult_rf_binary.csv"


@pytest.fixture(scope="module")
def fair_result() -> AuditResult:
    return run_audit([], decisions=[FAIR_DECISIONS], policy=FAIR_ONLY)


def _flagged(result: AuditResult, code: str) -> set[tuple[str, str, str, str]]:
    return {(f.data["decision_type"], f.data["attribute"], str(f.data.get("group", "")),
             f.severity.value) for f in result.findings if f.code == code}


def test_four_fifths_fails_refunds_for_spanish_speakers_only(fair_result: AuditResult) -> None:
    assert _flagged(fair_result, "FAIR001") == {
        ("refund", "language", "es", "medium"),
        ("refund", "language \u00d7 region", "es \u00d7 EU", "medium"),
        ("refund", "language \u00d7 region", "es \u00d7 US", "medium"),
    }  # discounts, the fair twin, are not flagged


def test_equalized_odds_fails_credit_but_not_fee_waivers(fair_result: AuditResult) -> None:
    # the language × region cells hold under 30 labelled cases of each kind: not judged
    assert {(t, a) for t, a, _, _ in _flagged(fair_result, "FAIR002")} == {
        ("credit", "language")}
    assert {f.severity.value for f in fair_result.findings if f.code == "FAIR002"} == {"high"}


def _table(result: AuditResult, decision_type: str, attribute: str) -> dict[str, Any]:
    check = next(c for c in result.to_dict()["checks"] if c["code"] == "FAIR001")
    table: dict[str, Any] = next(t for t in check["metrics"]["tables"]
                                 if t["decision_type"] == decision_type
                                 and t["attribute"] == attribute)
    return table


def test_a_tiny_group_is_insufficient_data_not_a_failure(fair_result: AuditResult) -> None:
    groups = {g["group"]: g for g in _table(fair_result, "refund", "language")["groups"]}
    assert groups["fr"]["status"] == "insufficient_data"
    assert (groups["fr"]["count"], groups["fr"]["rate"]) == (12, 0.25)  # still shown
    assert groups["en"]["status"] == "reference" and groups["es"]["status"] == "fail"


def _decision(i: int, decision_type: str, favourable: bool, **segments: str) -> Decision:
    return Decision(f"d-{i}", None, decision_type, "approved" if favourable else "denied",
                    favourable=favourable, segments=MappingProxyType(segments))


def test_unknown_and_small_categories_are_counted_and_shown_but_not_judged() -> None:
    decisions = [_decision(i, "refund", i % 10 < 8, language="en") for i in range(500)]
    decisions += [_decision(500 + i, "refund", i % 10 < 4, language="") for i in range(100)]
    decisions += [_decision(600 + i, "refund", False, language="de") for i in range(10)]
    decisions += [_decision(700 + i, "refund", i % 2 == 0, language="es") for i in range(100)]
    (table,) = disparity_tables(DecisionColumns.from_decisions(decisions),
                                FairnessSettings(intersections=False))
    status = {row.group: (row.status, row.count) for row in table.rows}
    assert status == {"en": ("reference", 500), "unknown": ("unknown", 100),
                      "de": ("excluded_small", 10), "es": ("fail", 100)}


def _labelled(start: int, count: int, favourable: int, language: str,
              true_positives: int, false_positives: int) -> list[Decision]:
    """`count` refunds, `favourable` of them granted; half the cases truly deserved one.

    Of the granted ones, `true_positives` are deserved and `false_positives` are not.
    """
    deserved = count // 2
    assert true_positives + false_positives == favourable
    decisions = []
    for i in range(count):
        truth = i < deserved
        granted = i < true_positives if truth else i - deserved < false_positives
        decisions.append(Decision(f"d-{start + i}", None, "refund",
                                  "approved" if granted else "denied", favourable=granted,
                                  segments=MappingProxyType({"language": language}),
                                  label="1" if truth else "0"))
    return decisions


def _judged_and_unjudged_table() -> Any:
    """Two judged groups (rates 0.6 and 0.5), a 3-decision group and an unknown one, both
    with rate 0 (so a true positive rate of 0, far below the judged groups')."""
    decisions = (_labelled(0, 100, 60, "en", 40, 20) + _labelled(1000, 100, 50, "es", 30, 20)
                 + _labelled(2000, 4, 0, "de", 0, 0)[1:] + _labelled(3000, 50, 0, "", 0, 0))
    (table,) = disparity_tables(DecisionColumns.from_decisions(decisions),
                                FairnessSettings(intersections=False))
    return table


def test_parity_summary_is_over_the_judged_categories_only() -> None:
    from fairlearn.metrics import demographic_parity_difference, demographic_parity_ratio

    table = _judged_and_unjudged_table()
    assert {row.group: (row.status, row.count, row.rate) for row in table.rows} == {
        "en": ("reference", 100, 0.6), "es": ("pass", 100, 0.5),
        "unknown": ("unknown", 50, 0.0), "de": ("excluded_small", 3, 0.0)}
    assert table.demographic_parity_ratio == pytest.approx(0.5 / 0.6)  # not 0
    assert table.demographic_parity_difference == pytest.approx(0.1)  # not 0.6
    # fairlearn's own functions on the judged groups' rows give the same numbers
    y_pred = [1] * 60 + [0] * 40 + [1] * 50 + [0] * 50
    groups = ["en"] * 100 + ["es"] * 100
    assert table.demographic_parity_ratio == pytest.approx(
        demographic_parity_ratio(y_pred, y_pred, sensitive_features=groups), abs=1e-9)
    assert table.demographic_parity_difference == pytest.approx(
        demographic_parity_difference(y_pred, y_pred, sensitive_features=groups), abs=1e-9)


def test_equalized_odds_summary_is_over_the_judged_categories_only() -> None:
    table = _judged_and_unjudged_table()
    rates = {row.group: (row.true_positive_rate, row.false_positive_rate) for row in table.rows}
    # en: TPR 40/50, FPR 20/50; es: TPR 30/50, FPR 20/50; de and unknown: TPR 0
    assert rates["en"] == (0.8, 0.4) and rates["es"] == (0.6, 0.4)
    assert rates["unknown"][0] == 0.0 and rates["de"][0] == 0.0
    assert table.equalized_odds_difference == pytest.approx(0.2)  # not 0.8


@pytest.mark.parametrize(("languages", "statuses"), [
    pytest.param({"en": 100}, {"en": "insufficient_data"}, id="one-group"),
    pytest.param({"en": 100, "": 100}, {"en": "insufficient_data", "unknown": "unknown"},
                 id="one-group-and-unknown"),
    pytest.param({"en": 100, "es": 10}, {"en": "insufficient_data", "es": "insufficient_data"},
                 id="one-group-and-a-small-one"),
])
def test_parity_is_undefined_with_fewer_than_two_judged_categories(
    languages: dict[str, int], statuses: dict[str, str],
) -> None:
    decisions = [_decision(1000 * n + i, "refund", i % 2 == 0, language=language)
                 for n, (language, count) in enumerate(languages.items())
                 for i in range(count)]
    (table,) = disparity_tables(DecisionColumns.from_decisions(decisions),
                                FairnessSettings(intersections=False))
    assert {row.group: row.status for row in table.rows} == statuses
    assert (table.demographic_parity_difference, table.demographic_parity_ratio,
            table.equalized_odds_difference) == (None, None, None)
    assert table.to_dict()["demographic_parity_ratio"] is None


def test_the_report_says_the_parity_summary_is_over_judged_categories() -> None:
    from auditor.render.fairness import fairness_view

    table = _judged_and_unjudged_table().to_dict()
    (section,) = fairness_view({"tables": [table]}).sections
    assert section.note.startswith("Demographic parity difference 0.100, ratio 0.833 (fairlearn) "
                                   "over the judged categories (small and unknown ones are "
                                   "shown but not judged)")
    assert "equalized-odds difference 0.200" in section.note
    table.update(demographic_parity_difference=None, demographic_parity_ratio=None)
    table["groups"] = [g for g in table["groups"] if g["group"] != "es"]
    (section,) = fairness_view({"tables": [table]}).sections
    assert "undefined: fewer than two categories are judged" in section.note


@pytest.mark.parametrize(("ratio_below", "significant", "status"), [
    (True, True, "fail"), (True, False, "warn"), (False, True, "warn"), (False, False, "pass"),
])
def test_four_fifths_verdicts(ratio_below: bool, significant: bool, status: str) -> None:
    # reference 80 of 100; the other group is sized to land in each quadrant
    other = {(True, True): (30, 100), (True, False): (19, 30),
             (False, True): (2600, 4000), (False, False): (75, 100)}[(ratio_below, significant)]
    decisions = [_decision(i, "refund", i < 80, language="en") for i in range(100)]
    decisions += [_decision(1000 + i, "refund", i < other[0], language="es")
                  for i in range(other[1])]
    settings = FairnessSettings(intersections=False, min_share=0.0, min_expected=0.0)
    (table,) = disparity_tables(DecisionColumns.from_decisions(decisions), settings)
    row = next(r for r in table.rows if r.group == "es")
    assert row.status == status


def test_wilson_interval_and_fisher_test_known_values() -> None:
    low, high = wilson_interval(8, 10)
    assert (round(low, 4), round(high, 4)) == (0.4902, 0.9433)
    assert wilson_interval(0, 0) == (0.0, 1.0)
    # the textbook tea-tasting table: [[3, 1], [1, 3]], two-sided p = 0.4857
    assert round(fisher_p_value(3, 4, 1, 4), 4) == 0.4857


@pytest.mark.skipif(not AEQUITAS.is_file(), reason="evaluation data is not beside the repo")
@pytest.mark.parametrize("attributes", [["race"], ["gender"], ["race", "gender"]])
def test_numbers_are_fairlearns_on_the_aequitas_sample(attributes: list[str]) -> None:
    import pandas as pd
    from fairlearn.metrics import (
        MetricFrame,
        demographic_parity_difference,
        demographic_parity_ratio,
        equalized_odds_difference,
        false_positive_rate,
        selection_rate,
        true_positive_rate,
    )

    frame = pd.read_csv(AEQUITAS)
    decisions = [Decision(str(row.entity_id), None, "credit",
                          "approved" if row.score == 1 else "denied", favourable=row.score == 1,
                          segments=MappingProxyType({"race": row.race, "gender": row.gender}),
                          label=str(row.label_value)) for row in frame.itertuples()]
    tables = disparity_tables(DecisionColumns.from_decisions(decisions, ["race", "gender"]))
    table = next(t for t in tables if t.attributes == tuple(attributes))
    y_true, y_pred = frame["label_value"], frame["score"].astype(int)
    features = frame[attributes] if len(attributes) > 1 else frame[attributes[0]]
    expected = MetricFrame(metrics={"sr": selection_rate, "tpr": true_positive_rate,
                                    "fpr": false_positive_rate},
                           y_true=y_true, y_pred=y_pred, sensitive_features=features).by_group
    for row in table.rows:
        key = tuple(row.group.split(" \u00d7 ")) if len(attributes) > 1 else row.group
        assert row.rate == pytest.approx(expected.loc[key, "sr"], abs=1e-9)
        assert row.true_positive_rate == pytest.approx(expected.loc[key, "tpr"], abs=1e-9)
        assert row.false_positive_rate == pytest.approx(expected.loc[key, "fpr"], abs=1e-9)
    assert len(table.rows) == len(expected)
    # The summary gaps are fairlearn's functions on the rows of the judged categories
    # only (race has categories under 2 % of the decisions, shown but not judged).
    judged = {row.group for row in table.rows if row.status in JUDGED}
    if attributes != ["gender"]:  # race has categories under 2 % of the decisions
        assert judged < {row.group for row in table.rows}
    group = features.astype(str) if len(attributes) == 1 else features.astype(str).agg(
        " \u00d7 ".join, axis=1)
    rows = group.isin(judged)
    y_true, y_pred, features = y_true[rows], y_pred[rows], features[rows]
    for ours, theirs in [
        (table.demographic_parity_difference,
         demographic_parity_difference(y_true, y_pred, sensitive_features=features)),
        (table.demographic_parity_ratio,
         demographic_parity_ratio(y_true, y_pred, sensitive_features=features)),
        (table.equalized_odds_difference,
         equalized_odds_difference(y_true, y_pred, sensitive_features=features)),
    ]:
        assert ours == pytest.approx(theirs, abs=1e-9)


def test_reports_show_rate_charts_and_the_ll144_table(fair_result: AuditResult) -> None:
    import io

    from pypdf import PdfReader

    document = fair_result.to_dict()
    html = render(document, "html").decode("utf-8")
    assert 'class="chart rates"' in html and "four-fifths line" in html
    assert "Impact ratio" in html and "refund by language" in html
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render(document, "pdf"))).pages)
    assert "Outcomes per customer segment" in text and "insufficient data" in text
    assert any("not a legal finding" in note for note in document["notes"])


@pytest.mark.parametrize(("option", "value"), [("impact-ratio-threshold", 1.5),
                                               ("min-group-size", 0), ("intersections", "yes"),
                                               ("segments", "language")])
def test_impossible_options_are_reported(option: str, value: object) -> None:
    policy = parse_policy({"select": ["FAIR001"], "packs": {"FAIR": {option: value}}})
    result = run_audit([], decisions=[FAIR_DECISIONS], policy=policy)
    assert result.errors and option in result.errors[0].message


def test_segments_and_decision_types_narrow_the_screen(tmp_path: Path) -> None:
    policy = parse_policy({"select": ["FAIR001"], "packs": {"FAIR": {
        "segments": ["region"], "decision-types": ["discount"]}}})
    result = run_audit([], decisions=[FAIR_DECISIONS], policy=policy)
    check = result.to_dict()["checks"][0]
    assert {(t["decision_type"], t["attribute"]) for t in check["metrics"]["tables"]} == {
        ("discount", "region")}
    assert result.findings == ()


FAIR_TRANSCRIPTS = FIXTURES / "transcripts" / "fairness.jsonl"
POLICY = FIXTURES / "policy.toml"


@pytest.fixture(scope="module")
def full_fair_result() -> AuditResult:
    from auditor.policy import load_policy

    policy = load_policy(POLICY).with_overrides(select=("FAIR",))
    return run_audit([FAIR_TRANSCRIPTS], decisions=[FAIR_DECISIONS], policy=policy)


def test_access_to_a_person_is_screened_per_language_and_region(
        full_fair_result: AuditResult) -> None:
    found = [f for f in full_fair_result.findings if f.code == "FAIR003"]
    assert [(f.data["attribute"], f.data["group"], f.severity.value) for f in found] == [
        ("language", "es", "high")]  # regions EU and US get a person equally often
    assert "root_cause_hint" in found[0].data


def test_prohibited_inputs_and_proxies(full_fair_result: AuditResult) -> None:
    found = {(f.data["decision_type"], f.data["input"], f.severity.value)
             for f in full_fair_result.findings if f.code == "FAIR004"}
    assert found == {("credit", "age", "high"), ("credit", "zip", "medium")}  # refund is clean


def test_age_scoring_exception_allows_age(tmp_path: Path) -> None:
    policy = parse_policy({"select": ["FAIR004"], "packs": {"FAIR": {
        "model-inputs": {"credit": ["income", "age"]}, "age-scoring-exception": True}}})
    assert run_audit([], decisions=[FAIR_DECISIONS], policy=policy).findings == ()


def test_without_declared_inputs_fair004_does_not_apply() -> None:
    result = run_audit([], decisions=[FAIR_DECISIONS], policy=Policy(select=("FAIR004",)))
    assert result.checks[0].status == "not_applicable" and result.findings == ()


def test_adverse_decisions_without_a_specific_reason(full_fair_result: AuditResult) -> None:
    found = [f for f in full_fair_result.findings if f.code == "FAIR005"]
    # discounts were refused with no reason; refunds and credit name theirs
    assert [(f.data["decision_type"], f.data["without_reason"], f.severity.value)
            for f in found] == [("discount", 123, "medium")]


def test_discouraging_statement_fires_only_on_the_biased_bot(
        full_fair_result: AuditResult) -> None:
    found = [(f.conversation_id, f.turn_index) for f in full_fair_result.findings
             if f.code == "FAIR006"]
    assert found == [("fair006-fail-age-statement", 2)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Applicants over 70 rarely qualify for this card.", True),
    ("We don't lend to people on benefits.", True),
    ("Las mujeres embarazadas no califican para este préstamo.", True),
    ("Les étrangers ne sont pas éligibles au crédit.", True),
    ("Rentner bekommen nur selten einen Kredit.", True),
    ("Customers over 18 can apply.", False),
    ("Your refund was not approved.", False),
    ("I'm not sure about your age.", False),
])
def test_discouraging_statement_detector(text: str, expected: bool) -> None:
    from auditor.language.discouragement import find_discouraging_statement

    assert (find_discouraging_statement(text) is not None) is expected


def test_a_single_category_has_nothing_to_compare() -> None:
    decisions = [_decision(i, "refund", True, language="en") for i in range(3)]
    (table,) = disparity_tables(DecisionColumns.from_decisions(decisions),
                                FairnessSettings(intersections=False))
    assert [(row.group, row.status) for row in table.rows] == [("en", "insufficient_data")]


AMBIGUOUS_LOG = ("decision_id,conversation_id,decision_type,outcome,language\n"
                 + "".join(f"a-{i},,waiver,{'ok' if i % 3 else 'nope'},{'en' if i % 2 else 'es'}\n"
                           for i in range(120)))


def test_outcomes_that_cannot_be_read_make_the_audit_inconclusive(tmp_path: Path) -> None:
    log = tmp_path / "d.csv"
    log.write_text(AMBIGUOUS_LOG, encoding="utf-8")
    result = run_audit([], decisions=[log], policy=Policy(select=("FAIR001",)))
    assert result.exit_code == 4 and not result.errors  # the input, not the check, is at fault
    reason = result.verdict.inconclusive_reasons[0]
    assert "'nope', 'ok' are not known" in reason and "--favourable" in reason
    assert result.checks[0].status == "not_evaluated"


def test_the_policy_names_favourable_values_segments_and_columns(tmp_path: Path) -> None:
    log = tmp_path / "d.csv"
    log.write_text(AMBIGUOUS_LOG.replace("outcome,language", "result,language"),
                   encoding="utf-8")
    policy = parse_policy({"select": ["FAIR001"], "decisions": {
        "favourable": ["ok"], "segments": ["language"], "columns": {"outcome": "result"}}})
    result = run_audit([], decisions=[log], policy=policy)
    assert not result.errors
    check = result.to_dict()["checks"][0]
    assert [t["attribute"] for t in check["metrics"]["tables"]] == ["language"]


def test_unknown_decision_columns_in_the_policy_are_an_error() -> None:
    from auditor.errors import PolicyError

    with pytest.raises(PolicyError, match="unknown field verdict"):
        parse_policy({"decisions": {"columns": {"verdict": "x"}}})



def test_few_labelled_cases_do_not_fail_equalized_odds(tmp_path: Path) -> None:
    rows = ["decision_id,conversation_id,decision_type,outcome,label,language"]
    for i in range(200):  # plenty of English labels, nearly none for Spanish
        rows.append(f"e{i},,credit,{'approved' if i % 2 else 'denied'},{i % 2},en")
        label = (i % 2) if i < 4 else ""
        rows.append(f"s{i},,credit,{'approved' if i % 2 else 'denied'},{label},es")
    log = tmp_path / "d.csv"
    log.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_audit([], decisions=[log], policy=Policy(select=("FAIR002",)))
    assert result.findings == () and not result.errors
    assert "NaN" not in json.dumps(result.to_dict())


def test_holm_adjustment_keeps_fair_data_quiet() -> None:
    import random

    rng = random.Random(5)
    decisions = [_decision(i, "refund", rng.random() < 0.5, language=f"l{i % 8}",
                           region=f"r{i % 5}") for i in range(4000)]
    tables = disparity_tables(DecisionColumns.from_decisions(decisions))
    flagged = [row for table in tables for row in table.rows if row.status == "fail"]
    assert flagged == []


@pytest.mark.parametrize("text", [
    "Your age does not affect whether you qualify.",
    "We never consider your age, religion or nationality when we approve a loan.",
    "Customers under 18 cannot apply for credit.",
])
def test_statements_that_a_basis_does_not_matter_are_not_discouraging(text: str) -> None:
    from auditor.language.discouragement import find_discouraging_statement

    assert find_discouraging_statement(text) is None


def test_inputs_named_after_a_prohibited_basis_are_found() -> None:
    policy = parse_policy({"select": ["FAIR004"], "packs": {"FAIR": {"model-inputs": {
        "credit": ["age_band", "date_of_birth", "ethnicity", "sex_code", "income", "usage"]}}}})
    result = run_audit([], decisions=[FAIR_DECISIONS], policy=policy)
    assert sorted(f.data["input"] for f in result.findings) == [
        "age_band", "date_of_birth", "ethnicity", "sex_code"]


def test_an_identifier_column_is_not_taken_for_a_segment(tmp_path: Path) -> None:
    rows = ["decision_id,conversation_id,decision_type,outcome,customer_id,language"]
    rows += [f"d{i},,refund,{'approved' if i % 2 else 'denied'},c{i},{'en' if i % 3 else 'es'}"
             for i in range(400)]
    log = tmp_path / "d.csv"
    log.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_audit([], decisions=[log], policy=Policy(select=("FAIR001",)))
    assert result.exit_code == 4
    assert "'customer_id' has 400 distinct values" in result.verdict.inconclusive_reasons[0]
    named = parse_policy({"select": ["FAIR001"], "decisions": {"segments": ["language"]}})
    assert run_audit([], decisions=[log], policy=named).exit_code == 0


def _reason_log(folder: Path, *, reason_column: bool, empty_every: int) -> Path:
    """300 refused refunds; with the column, every `empty_every`-th row leaves it empty."""
    header = "decision_id,conversation_id,decision_type,outcome,language"
    rows = [header + (",reason_codes" if reason_column else "")]
    for i in range(300):
        row = f"r{i},,refund,denied,{'en' if i % 2 else 'es'}"
        if reason_column:
            row += "," + ("" if i % empty_every == 0 else "outside_return_window")
        rows.append(row)
    log = folder / "reasons.csv"
    log.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return log


@pytest.mark.parametrize(("reason_column", "without_reason", "not_evaluated"), [
    pytest.param(False, None, "the log carries no reason codes", id="no-reason-codes-column"),
    pytest.param(True, 30, None, id="column-with-some-empty-rows"),
])
def test_a_log_without_reason_codes_is_not_evaluated_rather_than_failed(
    tmp_path: Path, reason_column: bool, without_reason: int | None,
    not_evaluated: str | None,
) -> None:
    from auditor.checks.fairness.reasons import REASON_OPTIONS, AdverseReasonMissingCheck

    from auditor.loaders import load_inputs

    log = _reason_log(tmp_path, reason_column=reason_column, empty_every=10)
    outcome = AdverseReasonMissingCheck().run(load_inputs([], [log]).audit,
                                              options=REASON_OPTIONS)
    assert outcome.not_evaluated == not_evaluated
    assert outcome.evaluated == (0 if not_evaluated else 1)  # decision types judged
    assert [f.data["without_reason"] for f in outcome.findings] == (
        [without_reason] if without_reason else [])
    result = run_audit([], decisions=[log], policy=Policy(select=("FAIR005",)))
    assert [f.data["without_reason"] for f in result.findings] == (
        [without_reason] if without_reason else [])
    assert not any("300 of 300" in f.message for f in result.findings)


def test_only_the_log_without_reason_codes_is_left_unjudged(tmp_path: Path) -> None:
    from auditor.checks.fairness.reasons import REASON_OPTIONS, AdverseReasonMissingCheck

    from auditor.loaders import load_inputs

    (tmp_path / "with").mkdir()
    (tmp_path / "without").mkdir()
    judged = _reason_log(tmp_path / "with", reason_column=True, empty_every=10)
    unjudged = _reason_log(tmp_path / "without", reason_column=False, empty_every=10)
    outcome = AdverseReasonMissingCheck().run(load_inputs([], [judged, unjudged]).audit,
                                              options=REASON_OPTIONS)
    assert outcome.not_evaluated is None and outcome.evaluated == 1
    assert [f.data["without_reason"] for f in outcome.findings] == [30]
