"""One month in an owner's terms: a light per area, the actions that matter most, and
possible data breaches with their deadline, read from that month's audit result.

Nothing here judges anew: the verdict and its reasons are the result's, and every
light is read from the result's findings and check lines. A light is never kinder than
the findings: an area with a finding that blocks the gate, or one of high severity or
above, is red however few conversations the month had.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from auditor.areas import AREAS, area_for, pack_of
from auditor.plain_words import PlainWords, plain_words_for
from auditor.severity import Severity

__all__ = ["Action", "AreaMonth", "MonthSummary", "Light", "result_digest", "summarise"]

ACTION_COUNT = 3
# Severities that make an area red even when they do not block the gate.
RED_FROM = Severity.HIGH


class Light:
    """The traffic lights, defined once: red needs action, amber has findings, green
    found none with enough to judge, grey had too little to judge."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    GREY = "grey"
    WORDS: Mapping[str, str] = {RED: "Needs action", AMBER: "Some problems",
                                GREEN: "No problems found", GREY: "Too little to judge"}


@dataclass(frozen=True, slots=True)
class AreaMonth:
    """One area's month: its light, how many units it judged and how many had a problem."""

    pack: str
    title: str
    light: str
    unit: str
    base: int
    affected: int
    findings: int
    judged: bool
    sentence: str

    @property
    def rate(self) -> float | None:
        """Affected units per unit judged, or None when the month could not be judged."""
        return self.affected / self.base if self.judged and self.base else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form kept in monthly summaries."""
        return {"pack": self.pack, "title": self.title, "light": self.light,
                "unit": self.unit, "base": self.base, "affected": self.affected,
                "findings": self.findings, "judged": self.judged, "sentence": self.sentence}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AreaMonth:
        """Read back what `to_dict` wrote."""
        return cls(pack=str(data["pack"]), title=str(data["title"]), light=str(data["light"]),
                   unit=str(data["unit"]), base=int(data["base"]),
                   affected=int(data["affected"]), findings=int(data["findings"]),
                   judged=bool(data["judged"]), sentence=str(data["sentence"]))


@dataclass(frozen=True, slots=True)
class Action:
    """One thing to change, ranked by severity and reach; a possible breach comes first."""

    code: str
    pack: str
    title: str
    happened: str
    reach: int
    fix: str
    severity: str
    notify_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form kept in monthly summaries."""
        return {"code": self.code, "pack": self.pack, "title": self.title,
                "happened": self.happened, "reach": self.reach, "fix": self.fix,
                "severity": self.severity, "notify_by": self.notify_by}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Action:
        """Read back what `to_dict` wrote."""
        return cls(code=str(data["code"]), pack=str(data["pack"]), title=str(data["title"]),
                   happened=str(data["happened"]), reach=int(data["reach"]),
                   fix=str(data["fix"]), severity=str(data["severity"]),
                   notify_by=data.get("notify_by"))


@dataclass(frozen=True, slots=True)
class MonthSummary:
    """What the monthly report and its trend need of one month; kept in the history."""

    month: str
    verdict: str
    grade: str
    reasons: tuple[str, ...]
    conversations: int
    decisions: int
    areas: tuple[AreaMonth, ...]
    actions: tuple[Action, ...]
    run_id: str
    created_at: str
    result_digest: str
    # The clock the month was cut on, and the regions its chats and decisions name
    # (EU, ES, US-CO): what the report's legal deadlines are for.
    time_zone: str = "UTC"
    regions: tuple[str, ...] = ()

    def area(self, pack: str) -> AreaMonth | None:
        """The month's line for one pack, if the month had it."""
        return next((area for area in self.areas if area.pack == pack), None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form kept in the history folder and the web database."""
        return {"month": self.month, "verdict": self.verdict, "grade": self.grade,
                "reasons": list(self.reasons), "conversations": self.conversations,
                "decisions": self.decisions, "areas": [a.to_dict() for a in self.areas],
                "actions": [a.to_dict() for a in self.actions], "run_id": self.run_id,
                "created_at": self.created_at, "result_digest": self.result_digest,
                "time_zone": self.time_zone, "regions": list(self.regions)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MonthSummary:
        """Read back what `to_dict` wrote (KeyError, TypeError or ValueError if not)."""
        return cls(month=str(data["month"]), verdict=str(data["verdict"]),
                   grade=str(data["grade"]), reasons=tuple(map(str, data["reasons"])),
                   conversations=int(data["conversations"]),
                   decisions=int(data["decisions"]),
                   areas=tuple(AreaMonth.from_dict(a) for a in data["areas"]),
                   actions=tuple(Action.from_dict(a) for a in data["actions"]),
                   run_id=str(data["run_id"]), created_at=str(data["created_at"]),
                   result_digest=str(data["result_digest"]),
                   time_zone=str(data.get("time_zone") or "UTC"),
                   regions=tuple(map(str, data.get("regions") or ())))


def result_digest(result_bytes: bytes) -> str:
    """The SHA-256 of a result as written, in the form the report's footer prints."""
    return "sha256:" + hashlib.sha256(result_bytes).hexdigest()


PlainWordsLookup = Callable[[Mapping[str, Any]], PlainWords]


def summarise(result: Mapping[str, Any], month: str, *, digest: str, min_conversations: int,
              plain_words: PlainWordsLookup, time_zone: str = "UTC",
              regions: Sequence[str] = ()) -> MonthSummary:
    """The month's summary from its audit result (the result JSON as a mapping).

    `plain_words` gives a check's owner wording from its line in the result.
    """
    summary = result["summary"]
    checks = {entry["code"]: entry for entry in result["checks"]}
    findings = [f for f in result["findings"]]
    conversations = int(summary["conversations"])
    packs = [area.pack for area in AREAS] + sorted(
        {pack_of(code) for code in checks} - {area.pack for area in AREAS})
    decisions = int(summary["decisions"])
    areas = tuple(_area_month(pack, checks, findings, conversations, decisions,
                              min_conversations)
                  for pack in packs if any(pack_of(code) == pack for code in checks))
    return MonthSummary(
        month=month, verdict=str(summary["verdict"]), grade=str(summary["grade"]),
        reasons=tuple(summary.get("gate_reasons", ())) + tuple(
            summary.get("inconclusive_reasons", ())),
        conversations=conversations, decisions=decisions, areas=areas,
        actions=_actions(checks, findings, conversations, plain_words),
        run_id=str(result["run"]["id"]), created_at=str(result["run"]["created_at"]),
        result_digest=digest, time_zone=time_zone, regions=tuple(regions))


def _area_month(pack: str, checks: Mapping[str, Mapping[str, Any]],
                findings: Sequence[Mapping[str, Any]], conversations: int, decisions: int,
                min_conversations: int) -> AreaMonth:
    """One area's light, counts and sentence."""
    area = area_for(pack)
    own_checks = [entry for code, entry in checks.items() if pack_of(code) == pack]
    own = [f for f in findings if pack_of(f["code"]) == pack]
    could_not_judge = any(entry["status"] in ("error", "not_evaluated")
                          for entry in own_checks)
    if area.unit == "chats":
        base = conversations
        affected = len({f["conversation_id"] for f in own if f.get("conversation_id")})
        evaluated = max((int(entry["evaluated"]) for entry in own_checks), default=0)
        judged = base >= min_conversations and evaluated > 0 and not could_not_judge
    else:
        base = sum(int(entry["evaluated"]) for entry in own_checks)
        affected = min(base, sum(int(entry["flagged"]) for entry in own_checks))
        # The checks judge their own group sizes; a month with few chats and few
        # decisions is still too small to call fair.
        enough = max(conversations, decisions) >= min_conversations
        judged = base > 0 and enough and not could_not_judge
    worst = max((Severity.parse(f["severity"]) for f in own), default=None,
                key=lambda s: s.rank)
    if any(f.get("blocks_gate") for f in own) or (worst is not None
                                                  and worst.rank >= RED_FROM.rank):
        light = Light.RED
    elif own:
        light = Light.AMBER
    else:
        light = Light.GREEN if judged else Light.GREY
    return AreaMonth(pack=pack, title=area.title, light=light, unit=area.unit, base=base,
                     affected=affected, findings=len(own), judged=judged,
                     sentence=_sentence(area.problem, area.unit, light, base, affected,
                                        len(own), judged, could_not_judge,
                                        min_conversations))


def _sentence(problem: str, unit: str, light: str, base: int, affected: int, found: int,
              judged: bool, could_not_judge: bool, min_conversations: int) -> str:
    """One plain sentence about an area's month."""
    if light == Light.GREEN:
        return f"No problems found in {base:,} {unit}."
    if light == Light.GREY:
        if could_not_judge:
            return "This could not be checked this month; the full audit says why."
        if unit == "chats":
            return (f"Too few chats to judge: {base:,} this month, and at least "
                    f"{min_conversations:,} are needed.")
        return "Too few decisions or chats to check fair treatment this month."
    if affected:
        return f"In {affected:,} of {base:,} {unit}, {problem}."
    return f"{found:,} problem{'s' if found != 1 else ''} found this month: {problem}."


def _actions(checks: Mapping[str, Mapping[str, Any]], findings: Sequence[Mapping[str, Any]],
             conversations: int, plain_words: PlainWordsLookup) -> tuple[Action, ...]:
    """The most important changes: possible breaches first, then by severity and reach."""
    by_code: dict[str, list[Mapping[str, Any]]] = {}
    for finding in findings:
        by_code.setdefault(finding["code"], []).append(finding)
    ranked = []
    for code, items in by_code.items():
        worst = max((Severity.parse(f["severity"]) for f in items), key=lambda s: s.rank)
        reached = {f["conversation_id"] for f in items if f.get("conversation_id")}
        breaches = sorted(str(f["data"]["notify_by"]) for f in items
                          if isinstance(f.get("data"), Mapping)
                          and f["data"].get("breach_candidate") and f["data"].get("notify_by"))
        reach = len(reached) or len(items)
        ranked.append(((not breaches, -worst.rank, -sum(1 for f in items if f.get("blocks_gate")),
                        -reach, code), code, items, worst, reached, breaches, reach))
    ranked.sort(key=lambda item: item[0])
    actions = []
    for _, code, items, worst, reached, breaches, reach in ranked[:ACTION_COUNT]:
        words = plain_words(checks.get(code, {"code": code}))
        if reached:
            happened = f"In {len(reached):,} of {conversations:,} chats, {words.problem}."
        else:
            times = len(items)
            happened = (f"{words.problem[:1].upper()}{words.problem[1:]} "
                        f"({times:,} time{'s' if times != 1 else ''}).")
        actions.append(Action(code=code, pack=pack_of(code), title=words.action,
                              happened=happened, reach=reach, fix=words.fix,
                              severity=worst.value,
                              notify_by=breaches[0] if breaches else None))
    return tuple(actions)


def plain_words_from_registry(registry: Any) -> PlainWordsLookup:
    """A lookup of each check's plain words through the installed checks."""
    def lookup(entry: Mapping[str, Any]) -> PlainWords:
        try:
            check_class = registry.get(str(entry.get("code", ""))).check_class
        except Exception:  # a check no longer installed: its result line's own words
            check_class = None
        return plain_words_for(check_class, entry)
    return lookup


def parse_time(text: str) -> datetime:
    """An ISO 8601 time as results write it (with a Z)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
