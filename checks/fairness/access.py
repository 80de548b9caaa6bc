"""FAIR003: customers who ask for a person get one at unequal rates by language or region."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from auditor.check import CheckOutcome, ConversationFactsCheck, Options
from auditor.escalation.evidence import handoff_evidence
from auditor.escalation.metrics import language_of
from auditor.escalation.requests import human_requests
from auditor.fairness.settings import FairnessSettings
from auditor.findings import Severity
from auditor.jurisdiction import region_of
from auditor.legal import CFPB_DOOM_LOOPS, ES_LEY_10_2025_PERSON
from auditor.model import Conversation, Decision
from auditor.plain_words import PlainWords

from .base import FAIRNESS_OPTIONS, SCREEN_NOTE
from .disparity import JUDGED, fairness_metrics, gap_finding

ACCESS = "access_to_human"
_HINT = ("Requests in languages other than English are often missed by phrase lists: check "
         "that the bot recognises requests for a person in this language.")


def access_decision(conversation: Conversation) -> Decision | None:
    """The conversation's pseudo-decision: did the customer who asked for a person get
    one? None when nobody asked."""
    requests = human_requests(conversation)
    if not requests:
        return None
    first = requests[0][0]
    # A queued handoff that nobody picked up is not a person provided.
    provided = any(h.reaches_person and h.after(first) for h in handoff_evidence(conversation))
    return Decision(
        conversation.id, conversation.id, ACCESS, "provided" if provided else "not_provided",
        favourable=provided,
        segments=MappingProxyType({"language": language_of(conversation),
                                   "region": region_of(conversation) or ""}))


class HumanAccessGapCheck(ConversationFactsCheck):
    """What it checks
        Among conversations where the customer asked for a person (the ESC pack's
        request detector, in English, Spanish, French and German), the rate at which
        a person was provided (an agent joined the transcript after the request; a
        handoff the decision log records but the transcript does not show is not
        counted), per language and per region, with the four-fifths screen of FAIR001: Wilson
        intervals, Fisher's exact test, minimum group sizes.

    Why it matters
        A right to a person that works in English only is unequal access. Spain's Ley
        10/2025 requires a person on request and answers in the customer's language;
        the CFPB warns about customers trapped with a bot.

    Fails when
        A language or region is provided a person at under four-fifths of the best
        group's rate and the gap is significant: `high`; a `low` warning when only one
        of the two holds. A finding for a language other than English carries a hint
        to check the request phrases for that language.

    Passes when
        Every judged group gets a person at comparable rates.

    Options
        The pack's options `impact-ratio-threshold`, `alpha`, `min-group-size`,
        `min-expected`, `min-share`, `intersections`, `segments` and `decision-types`
        (see FAIR001); `segments` and `decision-types` are ignored here.

    References
        Spain Ley 10/2025; CFPB, Chatbots in consumer finance (2023).
    """

    code = "FAIR003"
    plain = PlainWords(
        action="Give every group the same access to a person",
        problem="customers of one language or region reached a person less often",
        fix=("Make sure requests for a person work in every language, and staff every region's "
             "queue."))
    name = "human-access-gap"
    title = "Some languages or regions get a person less often when they ask"
    severity = Severity.HIGH
    remediation = ("Check that requests for a person are recognised in every language the bot "
                   "serves and that every region's queue is staffed; compare the handoff rates "
                   "after the fix.")
    references = (ES_LEY_10_2025_PERSON, CFPB_DOOM_LOOPS)
    default_options: Mapping[str, Any] = FAIRNESS_OPTIONS

    def notes(self, *, options: Options) -> tuple[str, ...]:
        """Say what kind of finding this is."""
        return (SCREEN_NOTE,)

    def fact_of(self, conversation: Conversation, *, options: Options) -> Decision | None:
        """Whether a customer who asked for a person got one (None: nobody asked)."""
        return access_decision(conversation)

    def outcome_from(self, facts: Sequence[object], *, options: Options) -> CheckOutcome:
        """Screen the provided-a-person rate per language and region."""
        from auditor.fairness import DecisionColumns, disparity_tables

        settings = FairnessSettings.from_options(options)
        decisions = [fact for fact in facts if isinstance(fact, Decision)]
        tables = disparity_tables(
            DecisionColumns.from_decisions(decisions, ["language", "region"]), settings)
        findings = [gap_finding(self, table, row, _hint(table.attribute, row.group))
                    for table in tables for row in table.rows if row.status in ("fail", "warn")]
        judged = sum(row.status in JUDGED for table in tables for row in table.rows)
        return CheckOutcome(judged, tuple(findings), flagged=len(findings),
                            metrics=MappingProxyType(fairness_metrics(tables, options)))


def _hint(attribute: str, group: str) -> str:
    languages = group.split(" \u00d7 ")[0] if attribute.startswith("language") else ""
    return _HINT if languages and languages not in ("en", "unknown") else ""
