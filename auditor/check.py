"""The check interface: identity as class attributes, findings from `run`.

Most checks look at one conversation at a time and subclass `ConversationCheck`;
checks over the whole input (decision logs) subclass `Check` directly. A check's
docstring has fixed headings (`DOC_HEADINGS`), shown by `auditor explain` and in
the report.
"""

from __future__ import annotations

import hashlib
import inspect
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

from auditor.findings import Evidence, Finding, Reference, Severity
from auditor.jurisdiction import Applicability, applicable_references
from auditor.model import AuditInput, Conversation, Decision, Role, SourceRef, Turn
from auditor.plain_words import PlainWords
from auditor.redaction import excerpt

if TYPE_CHECKING:
    from auditor.pii.context import TextContext

DOC_HEADINGS = (
    "What it checks",
    "Why it matters",
    "Fails when",
    "Passes when",
    "Options",
    "References",
)

Options = Mapping[str, Any]


class UnjudgeableInput(Exception):
    """Raised by a check whose input lacks what it needs to judge (outcome values not
    known to be favourable, a segment column that is an identifier...). The message
    says what to map. The audit is then inconclusive with it, not crashed."""


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """What one check did over an audit: how much it evaluated and what it found.

    A check that cannot judge its input at all (a column it needs is absent) sets
    `not_evaluated` to a short reason and reports nothing evaluated.

    `metrics` is an optional JSON-ready document of figures the check measured
    (rates, distributions); it is copied into the check's entry in the result and
    drawn in the reports. A `kind` key tells the reports how to draw it.
    """

    evaluated: int
    findings: tuple[Finding, ...]
    not_applicable: int = 0
    flagged: int | None = None
    metrics: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    # Why the check could judge nothing although its input was there (e.g. "the log
    # carries no reason codes"): the report says "not evaluated" with this reason
    # instead of scoring the check.
    not_evaluated: str | None = None

    @property
    def flagged_count(self) -> int:
        """Conversations (or units) with at least one finding."""
        if self.flagged is not None:
            return self.flagged
        return len({finding.conversation_id for finding in self.findings})


class Check(ABC):
    """Base class of every check, built-in or plugin.

    Identity is data: set `code`, `name`, `title`, `severity`, `remediation` and
    `references` as class attributes; `__init__` does no work.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    title: ClassVar[str]
    severity: ClassVar[Severity]
    remediation: ClassVar[str]
    references: ClassVar[tuple[Reference, ...]] = ()
    # The check's findings in an owner's words (the monthly report); None falls back to
    # the title and remediation.
    plain: ClassVar[PlainWords | None] = None
    default_options: ClassVar[Mapping[str, Any]] = MappingProxyType({})
    # Whether the check judges what the bot wrote: when transcripts are given but no
    # bot turn could be read, such a check cannot judge and the audit is inconclusive.
    needs_bot_turns: ClassVar[bool] = False
    # Whether `prepare` only warms caches (batched analysis), so that judging a
    # conversation gives the same verdict whatever it was prepared with: the check is
    # then prepared on each partition of a parallel run, where the conversations are
    # judged, instead of once on the whole input (`auditor.partitions`).
    prepare_warms_only: ClassVar[bool] = False
    # Whether all the check reads of the whole input at once (in `prepare`, or in `run`
    # for a check over the whole input) is the decision log, the policy's jurisdictions
    # and the last moment each file records (`AuditInput.export_ends`): the audit may
    # then read the conversations a piece at a time (`auditor.pieces`) and never hold
    # them all.
    reads_decision_log_only: ClassVar[bool] = False

    @abstractmethod
    def run(self, audit: AuditInput, *, options: Options) -> CheckOutcome:
        """Evaluate the whole audit input."""

    def prepare(self, audit: AuditInput, *, options: Options) -> None:
        """Optional batch work before conversations are evaluated one by one.

        Checks that analyse text in bulk (a spaCy pipeline, for one) override this
        to process every turn in batches instead of one message at a time.
        """
        return None  # deliberately empty: most checks need no batch step

    def notes(self, *, options: Options) -> tuple[str, ...]:
        """Plain sentences for the report about limits of this run (none by default)."""
        return ()

    @classmethod
    def documentation(cls) -> str:
        """The docstring with the fixed headings, dedented."""
        return inspect.cleandoc(cls.__doc__ or "")

    def finding(
        self,
        conversation: Conversation | None,
        message: str,
        *,
        turn: Turn | None = None,
        severity: Severity | None = None,
        evidence: Sequence[Turn] = (),
        around: str | None = None,
        data: Mapping[str, Any] | None = None,
        references: Sequence[Reference] | None = None,
        anchor: str | None = None,
        source: SourceRef | None = None,
    ) -> Finding:
        """A finding with redacted evidence and a fingerprint that survives unrelated edits.

        `message` must hold no personal data: it is shown as is. Evidence turns are
        redacted here. The fingerprint hashes the code, conversation and `anchor`
        (by default the redacted text of the finding's turn), not the turn's
        position, so inserting a turn elsewhere keeps it.

        `source` (file and line) defaults to the finding's turn, else the
        conversation's first turn, so CI annotations can point at the transcript.
        """
        # The speaker lets a bot's own persona name stay readable (not a customer's);
        # the conversation's context reads each turn in its language.
        turns = evidence or ([turn] if turn else [])
        from auditor.pii.conversations import conversation_contexts

        contexts = conversation_contexts(conversation) if turns and conversation else None
        return self._finding_on(
            conversation.id if conversation else None, message, turn=turn,
            shown=tuple((t, contexts.of(t) if contexts else None) for t in turns),
            severity=severity, around=around, data=data, references=references,
            anchor=anchor, source=source or _source_of(conversation, turn))

    def finding_at(self, place: TurnPlace, message: str, *, severity: Severity | None = None,
                   data: Mapping[str, Any] | None = None,
                   references: Sequence[Reference] | None = None) -> Finding:
        """The finding `finding(conversation, message, turn=...)` makes, from the turn's
        place (`TurnPlace.of`) alone: a check that words its findings after reading
        every conversation keeps the place, not the conversation."""
        return self._finding_on(place.conversation_id, message, turn=place.turn,
                             shown=((place.turn, place.context),), severity=severity,
                             data=data, references=references, source=place.source)

    def _finding_on(
        self, conversation_id: str | None, message: str, *, turn: Turn | None,
        shown: Sequence[tuple[Turn, TextContext | None]], severity: Severity | None,
        around: str | None = None, data: Mapping[str, Any] | None,
        references: Sequence[Reference] | None, anchor: str | None = None,
        source: SourceRef | None,
    ) -> Finding:
        """A finding on the turns `shown`, each with its context."""
        evidence = tuple(Evidence(t.index, t.role.value,
                                  excerpt(t.text, around=around, speaker=t.role.value,
                                          context=context))
                         for t, context in shown)
        if anchor is None:
            # The speaker-blind excerpt, so fingerprints (and baselines made before
            # personas were kept readable) do not change with the persona rule.
            if not shown:
                anchor = message
            elif shown[0][0].role is Role.BOT:
                anchor = excerpt(shown[0][0].text, around=around)
            else:
                anchor = evidence[0].excerpt
        return Finding(
            code=self.code,
            check=self.name,
            severity=severity or self.severity,
            message=message,
            conversation_id=conversation_id,
            turn_index=turn.index if turn else None,
            fingerprint=fingerprint(self.code, conversation_id or "", anchor),
            evidence=evidence,
            data=MappingProxyType(dict(data or {})),
            references=tuple(self.references if references is None else references),
            timestamp=turn.timestamp if turn else None,
            source=source,
        )


@dataclass(frozen=True, slots=True)
class TurnPlace:
    """Where one turn lies, with what a finding on it needs of its conversation (the
    id, the turn's reading context, where it points in the input): small enough to
    keep for each of many turns, so the finding can be made later (`Check.finding_at`)."""

    conversation_id: str
    turn: Turn
    context: TextContext | None
    source: SourceRef | None

    @classmethod
    def of(cls, conversation: Conversation, turn: Turn) -> TurnPlace:
        """The place of `turn` in `conversation`."""
        from auditor.pii.conversations import conversation_contexts

        return cls(conversation.id, turn, conversation_contexts(conversation).of(turn),
                   _source_of(conversation, turn))


class ConversationFactsCheck(Check):
    """A check over the whole input that reads each conversation on its own, then
    judges what it read all together (percentiles of waiting times, rates per group).

    Subclasses implement `fact_of` (a small, picklable record of one conversation)
    and `outcome_from` (the outcome from every conversation's record, in input
    order). `run` does both in one pass; a run over partitions (`auditor.partitions`)
    computes the records where the conversations are, and joins them here.
    `prepare` must read the whole input, as it runs once, before any record.
    """

    @abstractmethod
    def fact_of(self, conversation: Conversation, *, options: Options) -> object:
        """What the check needs to know of one conversation."""

    @abstractmethod
    def outcome_from(self, facts: Sequence[object], *, options: Options) -> CheckOutcome:
        """The outcome from every conversation's record, in input order."""

    def run(self, audit: AuditInput, *, options: Options) -> CheckOutcome:
        """Prepare, read every conversation, then judge them together (a preparation
        that only warms caches is made on each run of conversations, `auditor.runs`)."""
        if not self.prepare_warms_only:
            self.prepare(audit, options=options)
            return self.outcome_from([self.fact_of(conversation, options=options)
                                      for conversation in audit.conversations],
                                     options=options)
        from auditor.runs import runs

        facts: list[object] = []
        for run in runs(audit.conversations):
            self.prepare(replace(audit, conversations=run), options=options)
            facts.extend(self.fact_of(conversation, options=options) for conversation in run)
        return self.outcome_from(facts, options=options)


class DecisionCountsCheck(Check):
    """A check over the decision log alone that needs only counts of it (outcome rates
    per group, unfavourable decisions without a reason per decision type).

    Subclasses implement `count` (a small, picklable table of a run of consecutive
    decisions) and `outcome_from_counts` (the outcome from the tables of the runs that
    make up the log, in order; the same for any cut). `run` counts the log as one
    run; an audit (`auditor.decision_partitions.count_in_partitions`) counts each
    partition's decisions where they are, on the workers of a cluster, and only the
    tables travel.
    """

    reads_decision_log_only = True

    @abstractmethod
    def count(self, decisions: Sequence[Decision], *, options: Options) -> object:
        """What the check needs to know of a run of consecutive decisions."""

    @abstractmethod
    def outcome_from_counts(self, counts: Sequence[object], *, options: Options
                            ) -> CheckOutcome:
        """The outcome from the counts of consecutive runs of the log, in order."""

    def run(self, audit: AuditInput, *, options: Options) -> CheckOutcome:
        """Count the whole log as one run, then judge it."""
        return self.outcome_from_counts([self.count(audit.decisions, options=options)],
                                        options=options)


class ConversationCheck(Check):
    """A check that judges each conversation on its own.

    Subclasses implement `check_conversation`; the base class skips conversations
    where no reference is in force (region or date) and counts what it evaluated.
    """

    needs_bot_turns: ClassVar[bool] = True

    def applicability(self, conversation: Conversation) -> Applicability:
        """The references in force for this conversation (by region and date)."""
        return applicable_references(self.references, conversation)

    def is_relevant(self, conversation: Conversation) -> bool:
        """Whether the conversation has anything for this check to look at."""
        return True

    @abstractmethod
    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterable[Finding]:
        """Findings for one conversation; `references` are those in force for it."""

    def run(self, audit: AuditInput, *, options: Options) -> CheckOutcome:
        """Evaluate every conversation in turn."""
        evaluated = not_applicable = 0
        findings: list[Finding] = []
        for conversation in audit.conversations:
            verdict = self.evaluate(conversation, options=options)
            if verdict is None:
                continue
            if not verdict.applies:
                not_applicable += 1
                continue
            evaluated += 1
            findings.extend(verdict.findings)
        return CheckOutcome(evaluated, tuple(findings), not_applicable)

    def evaluate(self, conversation: Conversation, *, options: Options) -> Verdict | None:
        """The verdict on one conversation, or None when it is not relevant to the check."""
        if not self.is_relevant(conversation):
            return None
        applicability = self.applicability(conversation)
        if not applicability.applies:
            return Verdict(applies=False, reason=applicability.reason)
        found = tuple(self.check_conversation(
            conversation, options=options, references=applicability.references))
        return Verdict(applies=True, findings=found)


@dataclass(frozen=True, slots=True)
class Verdict:
    """A conversation check's result for one conversation."""

    applies: bool
    findings: tuple[Finding, ...] = ()
    reason: str | None = None


def fingerprint(code: str, conversation_id: str, anchor: str) -> str:
    """A short stable hash identifying a finding across runs."""
    key = "\x1f".join((code, conversation_id, " ".join(anchor.split()).casefold()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _source_of(conversation: Conversation | None, turn: Turn | None) -> SourceRef | None:
    """Where a finding points in the input: its turn, else its conversation's start."""
    if turn is not None and turn.source is not None:
        return turn.source
    if conversation is not None and conversation.turns:
        return conversation.turns[0].source
    return None
