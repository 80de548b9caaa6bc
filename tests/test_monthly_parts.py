"""The monthly report's parts on hand-made inputs: months, lights, actions, changes and
legal deadlines."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from auditor.errors import PolicyError, UsageError
from auditor.loaders import LoadOptions
from auditor.monthly.history import read_history, write_summary
from auditor.monthly.periods import Month, split_by_month, time_zone
from auditor.monthly.summary import Light, MonthSummary, summarise
from auditor.monthly.trend import Direction, TrendPoint, change_between
from auditor.obligations import upcoming_obligations
from auditor.pipeline import load_for_audit
from auditor.plain_words import PlainWords, plain_words_for
from auditor.policy import Policy, parse_policy
from tests.conftest import write_jsonl

NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(("text", "month"), [
    pytest.param("2026-10", Month(2026, 10), id="plain"),
    pytest.param(" 2027-01 ", Month(2027, 1), id="spaces"),
])
def test_month_parse_reads_year_and_month(text: str, month: Month) -> None:
    assert Month.parse(text) == month


@pytest.mark.parametrize("text", ["2026-13", "2026-1", "26-10", "2026/10", "October", "",
                                  "2026-00", "0000-05"])
def test_month_parse_refuses_anything_else(text: str) -> None:
    with pytest.raises(UsageError, match="YYYY-MM"):
        Month.parse(text)


def test_a_month_is_read_on_the_policy_clock() -> None:
    late = datetime(2026, 7, 1, 3, 30, tzinfo=UTC)
    assert Month.of(late, UTC) == Month(2026, 7)
    assert Month.of(late, NEW_YORK) == Month(2026, 6)
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2026, 1).window(3) == (Month(2025, 11), Month(2025, 12), Month(2026, 1))


def test_an_unknown_time_zone_is_a_policy_error() -> None:
    with pytest.raises(PolicyError, match="not a time zone"):
        time_zone("Mars/Olympus")
    with pytest.raises(PolicyError, match="min-conversations"):
        parse_policy({"monthly": {"min-conversations": 0}})
    with pytest.raises(PolicyError, match="unknown key"):
        parse_policy({"monthly": {"timezone": "UTC"}})


def _record(cid: str, stamp: str | None, role: str, text: str) -> dict[str, Any]:
    record: dict[str, Any] = {"conversation_id": cid, "role": role, "text": text}
    if stamp:
        record["timestamp"] = stamp
    return record


def test_split_puts_each_conversation_in_its_month_and_undated_ones_in_none(
        tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", [
        _record("june-night", "2026-07-01T03:30:00Z", "bot", "Hi, I'm a virtual assistant."),
        _record("july", "2026-07-15T12:00:00Z", "bot", "Hi, I'm a virtual assistant."),
        _record("undated", None, "bot", "Hi, I'm a virtual assistant."),
    ])
    decisions = tmp_path / "d.csv"
    decisions.write_text("decision_id,conversation_id,timestamp,decision_type,outcome\n"
                         "d1,july,,refund,approved\n"
                         "d2,,2026-06-10T10:00:00Z,refund,denied\n"
                         "d3,,,refund,denied\n", encoding="utf-8")
    loaded = load_for_audit([path], [decisions], policy=Policy(), load_options=LoadOptions())
    split = split_by_month(loaded, NEW_YORK)
    assert list(split) == [Month(2026, 6), Month(2026, 7)]
    june, july = split.months[Month(2026, 6)], split.months[Month(2026, 7)]
    assert [c.id for c in june.audit.conversations] == ["june-night"]
    assert [d.id for d in june.audit.decisions] == ["d2"]
    # A decision with no time of its own goes with its conversation.
    assert [d.id for d in july.audit.decisions] == ["d1"]
    # Records no month can take are skipped in every month, with the reason.
    assert len(split.undated) == 2
    assert all("no timestamp" in item.reason for item in split.undated)
    assert set(split.undated) <= set(june.skipped) and set(split.undated) <= set(july.skipped)
    assert split.latest_complete(datetime(2026, 7, 20, tzinfo=UTC), NEW_YORK) == Month(2026, 6)
    assert split.latest_complete(datetime(2026, 6, 20, tzinfo=UTC), NEW_YORK) is None


def _check(code: str, evaluated: int, flagged: int, status: str = "passed") -> dict[str, Any]:
    return {"code": code, "title": f"{code} title", "remediation": f"Fix {code}.",
            "evaluated": evaluated, "flagged": flagged, "status": status}


def _finding(code: str, severity: str, conversation: str | None, *, blocks: bool = False,
             data: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "severity": severity, "conversation_id": conversation,
            "blocks_gate": blocks, "data": data or {}}


def _result(checks: list[dict[str, Any]], findings: list[dict[str, Any]], *,
            conversations: int = 40, decisions: int = 0,
            verdict: str = "failed") -> dict[str, Any]:
    return {"summary": {"verdict": verdict, "grade": "C", "conversations": conversations,
                        "decisions": decisions, "gate_reasons": ["a reason"],
                        "inconclusive_reasons": []},
            "run": {"id": "run-1", "created_at": "2026-11-01T00:00:00Z"},
            "checks": checks, "findings": findings}


def _words(entry: dict[str, Any]) -> PlainWords:
    return PlainWords(action=f"Act on {entry['code']}", problem=f"{entry['code']} happened",
                      fix=f"Change {entry['code']}.")


def _summary(result: dict[str, Any], minimum: int = 30) -> MonthSummary:
    return summarise(result, "2026-10", digest="sha256:0", min_conversations=minimum,
                     plain_words=_words)


@pytest.mark.parametrize(("findings", "conversations", "light"), [
    pytest.param([], 40, Light.GREEN, id="none-found-enough-chats"),
    pytest.param([], 12, Light.GREY, id="none-found-too-few-chats"),
    pytest.param([_finding("DISC002", "medium", "c1")], 40, Light.AMBER, id="medium"),
    pytest.param([_finding("DISC001", "high", "c1")], 40, Light.RED, id="high"),
    pytest.param([_finding("DISC002", "low", "c1", blocks=True)], 40, Light.RED,
                 id="blocking-low"),
    # A serious finding is red however few chats the month had: never kinder.
    pytest.param([_finding("DISC001", "critical", "c1")], 3, Light.RED, id="critical-few"),
])
def test_area_lights_follow_the_findings(findings: list[dict[str, Any]], conversations: int,
                                         light: str) -> None:
    result = _result([_check("DISC001", conversations, 0), _check("DISC002", conversations, 0)],
                     findings, conversations=conversations)
    area = _summary(result).area("DISC")
    assert area is not None and area.light == light
    assert area.affected == len({f["conversation_id"] for f in findings})


def test_a_check_that_could_not_judge_greys_its_area_unless_something_was_found() -> None:
    result = _result([_check("ESC001", 40, 0, status="not_evaluated")], [])
    area = _summary(result).area("ESC")
    assert area is not None and area.light == Light.GREY and not area.judged
    assert "could not be checked" in area.sentence


def test_a_possible_breach_comes_first_then_severity_then_reach() -> None:
    findings = [
        *[_finding("ESC001", "high", f"e{n}") for n in range(9)],
        _finding("DISC004", "critical", "d1"),
        _finding("PII004", "medium", "p1"),
        _finding("PII006", "high", "x1",
                 data={"breach_candidate": True, "notify_by": "2026-10-07T09:01:00+00:00"}),
    ]
    result = _result([_check(code, 40, 1) for code in ("ESC001", "DISC004", "PII004",
                                                       "PII006")], findings)
    actions = _summary(result).actions
    assert [a.code for a in actions] == ["PII006", "DISC004", "ESC001"]
    assert actions[0].notify_by == "2026-10-07T09:01:00+00:00"
    assert actions[2].reach == 9
    assert actions[2].happened == "In 9 of 40 chats, ESC001 happened."


def test_a_dataset_finding_is_told_by_its_count_not_by_chats() -> None:
    result = _result([_check("FAIR001", 4, 1)], [_finding("FAIR001", "high", None)],
                     decisions=200)
    summary = _summary(result)
    assert summary.actions[0].happened == "FAIR001 happened (1 time)."
    area = summary.area("FAIR")
    assert area is not None and area.light == Light.RED and area.base == 4


def test_a_plugin_without_plain_words_falls_back_to_its_title_and_remediation() -> None:
    words = plain_words_for(None, {"code": "ACME001", "title": "Widgets are missing",
                                   "remediation": "Add the widgets."})
    assert words.fix == "Add the widgets."
    assert "widgets are missing" in words.problem


def _point(affected: int, base: int, judged: bool = True, month: str = "2026-09") -> TrendPoint:
    return TrendPoint(month, month, affected, base, judged,
                      affected / base if judged and base else None)


@pytest.mark.parametrize(("before", "after", "direction"), [
    pytest.param(_point(15, 44), _point(0, 45), Direction.BETTER, id="fixed"),
    pytest.param(_point(0, 43), _point(15, 46), Direction.WORSE, id="regressed"),
    pytest.param(_point(2, 40), _point(4, 40), Direction.NO_CLEAR_CHANGE, id="noise"),
    pytest.param(_point(0, 40), _point(0, 40), Direction.NO_CLEAR_CHANGE, id="both-zero"),
    pytest.param(_point(3, 6, judged=False), _point(0, 45), Direction.NOT_COMPARABLE,
                 id="too-few-before"),
])
def test_a_change_counts_only_when_its_interval_leaves_zero(
        before: TrendPoint, after: TrendPoint, direction: str) -> None:
    change = change_between(before, after)
    assert change.direction == direction
    if change.low is not None and change.high is not None:
        assert change.low <= (change.difference or 0) <= change.high
        spans_zero = change.low <= 0 <= change.high
        assert spans_zero == (direction == Direction.NO_CLEAR_CHANGE)


@pytest.mark.parametrize(("today", "codes", "expected"), [
    pytest.param(date(2026, 11, 2), ["ES"], ["2026-11-20 EU", "2026-12-02 EU",
                                             "2026-12-28 ES"], id="spain-in-november"),
    pytest.param(date(2026, 11, 2), ["US-CO"], ["2027-01-01 US-CO"], id="colorado"),
    # A US business with no state named is told of state laws too.
    pytest.param(date(2026, 11, 2), ["US"], ["2027-01-01 US-CO"], id="us-any-state"),
    pytest.param(date(2026, 11, 2), ["US-ME"], [], id="maine-nothing-new"),
    pytest.param(date(2027, 4, 10), ["US-UT"], ["2027-07-01 US-UT"], id="utah-sunset"),
    pytest.param(date(2026, 12, 28), ["ES"], [], id="the-day-itself-is-not-ahead"),
])
def test_upcoming_obligations_are_those_of_the_next_90_days_where_the_business_is(
        today: date, codes: list[str], expected: list[str]) -> None:
    found = [f"{o.starts} {o.jurisdiction}" for o in upcoming_obligations(today, codes)]
    assert found == expected


def test_history_keeps_summaries_and_reports_what_it_cannot_read(tmp_path: Path) -> None:
    summary = _summary(_result([_check("DISC001", 40, 0)], []))
    write_summary(tmp_path, summary)
    (tmp_path / "summary-2026-09.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "summary-2026-08.json").write_text(
        (tmp_path / "summary-2026-10.json").read_text(encoding="utf-8"), encoding="utf-8")
    history = read_history(tmp_path)
    assert list(history.summaries) == ["2026-10"]
    assert history.summaries["2026-10"] == summary
    assert len(history.unreadable) == 2
    assert read_history(tmp_path / "missing").summaries == {}


def test_a_pass_with_an_area_needing_action_does_not_read_as_all_clear() -> None:
    from dataclasses import replace

    from auditor.monthly.report import build_report

    red = _summary(_result([_check("DISC001", 40, 1)], [_finding("DISC001", "high", "c1")],
                           verdict="passed"))
    clean = _summary(_result([_check("DISC001", 40, 0)], [], verdict="passed"))
    words = {}
    for name, summary in (("red", red), ("clean", clean)):
        report = build_report(Month(2026, 10), {"2026-10": replace(summary)}, organisation="",
                              generated_on=date(2026, 11, 2), jurisdictions=(),
                              audit_url="", skipped_records=0, time_zone="UTC")
        words[name] = report.verdict_words
    assert words["red"].startswith("Passed the bar") and "needs action" in words["red"]
    assert words["clean"].startswith("Passed: nothing found")
