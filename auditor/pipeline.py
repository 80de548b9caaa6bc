"""`run_audit`: the one function that runs an audit, for the CLI, the web app and CI.

inputs --read--> conversations grouped, decisions --select--> checks --run, each
isolated--> findings --score--> AuditResult. The conversations are judged a piece at a
time (`auditor.pieces`) when every selected check allows it, else held whole (and
judged in partitions with `workers` or a `scheduler`); the result is the same. The
clock and run id are injected so results are reproducible.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from auditor import __version__
from auditor.baseline import Baseline, compare
from auditor.check import (
    Check,
    CheckOutcome,
    ConversationCheck,
    ConversationFactsCheck,
    DecisionCountsCheck,
    UnjudgeableInput,
)
from auditor.errors import InputError, PolicyError
from auditor.escalation.evidence import handoffs_out_of_log_note
from auditor.fact_records import FactRecords
from auditor.finding_store import FindingStore, headers_of
from auditor.findings import Finding, FindingHeader
from auditor.gate import Coverage, Verdict, check_status, decide
from auditor.input_tally import InputTally
from auditor.kept_conversations import conversation_segment, keep_conversations
from auditor.loaders import (
    InputFile,
    LoadedInputs,
    LoadOptions,
    ReadInputs,
    Skipped,
    load_inputs,
    read_inputs,
)
from auditor.model import AuditInput, Conversation, Decision, SourceRef
from auditor.partitions import MergedOutcome, describe_failure
from auditor.pieces import all_in_pieces, judge_in_pieces, whole_input_view
from auditor.pii.warm_state import forget_languages
from auditor.policy import Policy
from auditor.registry import RegisteredCheck, Registry
from auditor.result import AuditResult, CheckError, CheckReport, InputSummary
from auditor.scope import (
    channel_ignores,
    channel_notes,
    on_channels,
    with_jurisdictions,
)
from auditor.scoring import CheckScore, check_score, overall_score
from auditor.suppression import Suppressor


class ProgressBar(Protocol):
    """What a progress display offers (tqdm satisfies it)."""

    def update(self, n: int = 1) -> object:
        """Advance by `n` units."""

    def close(self) -> None:
        """Finish the display."""


ProgressFactory = Callable[[int, str], ProgressBar]
# The label of the quick first pass of an audit read in pieces, which counts the
# conversations before they are judged (under the label "auditing").
COUNTING = "reading"


@dataclass(frozen=True, slots=True)
class _Outcome:
    """A check's outcome, or the error that stopped it."""

    outcome: CheckOutcome | None
    error: str | None = None
    # The check said its input lacks what it needs (UnjudgeableInput): the reason is
    # the outcome's `not_evaluated`, and the audit is inconclusive.
    unjudgeable: bool = False


@dataclass(frozen=True, slots=True)
class _Read:
    """What the end of an audit needs of its input, however it was read: the files,
    what was skipped, the notes on reading, the decisions, the figures over every
    conversation, and a way to get one conversation again (the policy's jurisdictions
    given) for the report's segments and kept conversations."""

    inputs: tuple[InputFile, ...]
    skipped: tuple[Skipped, ...]
    notes: tuple[str, ...]
    decisions: tuple[Decision, ...]
    tally: InputTally
    conversation_of: Callable[[str], Conversation | None]


def run_audit(
    transcripts: Sequence[Path],
    *,
    decisions: Sequence[Path] = (),
    policy: Policy | None = None,
    registry: Registry | None = None,
    load_options: LoadOptions | None = None,
    clock: Callable[[], datetime] | None = None,
    run_id: str | None = None,
    progress: ProgressFactory | None = None,
    baseline: Baseline | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> AuditResult:
    """Load the inputs, run the selected checks, score them and decide the gate.

    The gate (`auditor.gate`) is decided here, once: the verdict, which findings
    block it and each check's status are recorded in the result for every output.
    With a `baseline`, only findings new since it can fail the gate. `workers` above 1
    judges conversations in that many processes, and `scheduler` (a Dask scheduler's
    address) on that cluster, with the same result.

    In one process, when every selected check can judge an input read a piece at a
    time (`auditor.pieces`), the conversations are judged a piece at a time and never
    all held; the result is the same.
    """
    policy = policy or Policy()
    registry = registry or Registry.from_entry_points()
    selected, _ = _selection(registry, policy)  # a policy error is told before reading
    reading = _with_reading_policy(load_options, policy)
    with read_inputs(transcripts, decisions, reading) as read:
        _require_records(bool(read.turns.count or read.decisions), read.skipped)
        if workers <= 1 and scheduler is None and all_in_pieces(selected):
            return _audit_in_pieces(read, policy=policy, registry=registry, clock=clock,
                                    run_id=run_id, progress=progress, baseline=baseline,
                                    transcripts_given=bool(transcripts))
        loaded = read.loaded()
    return audit_loaded(loaded, policy=policy, registry=registry, clock=clock, run_id=run_id,
                        progress=progress, baseline=baseline,
                        transcripts_given=bool(transcripts), workers=workers,
                        scheduler=scheduler)


def load_for_audit(transcripts: Sequence[Path], decisions: Sequence[Path] = (), *,
                   policy: Policy, load_options: LoadOptions | None = None) -> LoadedInputs:
    """Read the inputs as `run_audit` does (the policy's reading limits and [decisions]
    settings applied), or raise InputError when nothing at all could be read."""
    loaded = load_inputs(transcripts, decisions, _with_reading_policy(load_options, policy))
    _require_records(bool(loaded.audit.conversations or loaded.audit.decisions),
                     loaded.skipped)
    return loaded


def audit_loaded(
    loaded: LoadedInputs,
    *,
    policy: Policy,
    registry: Registry | None = None,
    clock: Callable[[], datetime] | None = None,
    run_id: str | None = None,
    progress: ProgressFactory | None = None,
    baseline: Baseline | None = None,
    transcripts_given: bool = True,
    workers: int = 1,
    scheduler: str | None = None,
) -> AuditResult:
    """Audit inputs already read (`load_for_audit`): the second half of `run_audit`, which
    the monthly report calls once per calendar month of one reading."""
    registry = registry or Registry.from_entry_points()
    selected, options = _selection(registry, policy)
    skipped_channels = channel_ignores(registry, selected, policy)
    audit = with_jurisdictions(loaded.audit, policy)
    created_at = (clock or _utc_now)()
    outcomes = _run_checks(selected, audit, options, progress, skipped_channels, workers,
                           scheduler)
    by_id = {conversation.id: conversation for conversation in audit.conversations}
    read = _Read(loaded.inputs, loaded.skipped, loaded.notes, audit.decisions,
                 InputTally.of(audit.conversations), by_id.get)
    return _result(selected, options, outcomes, read,
                   _finding_store(selected, policy, created_at, audit.decisions),
                   policy=policy, registry=registry, created_at=created_at, run_id=run_id,
                   baseline=baseline, transcripts_given=transcripts_given,
                   skipped_channels=skipped_channels)


def _audit_in_pieces(
    read: ReadInputs,
    *,
    policy: Policy,
    registry: Registry,
    clock: Callable[[], datetime] | None,
    run_id: str | None,
    progress: ProgressFactory | None,
    baseline: Baseline | None,
    transcripts_given: bool,
) -> AuditResult:
    """`audit_loaded` for inputs left grouped: one pass counts every conversation, a
    second judges them a piece at a time (`auditor.pieces`)."""
    selected, options = _selection(registry, policy)
    skipped_channels = channel_ignores(registry, selected, policy)
    created_at = (clock or _utc_now)()
    forget_languages()  # the report's note on languages describes this audit alone
    watched = frozenset().union(*skipped_channels.values())
    counting = progress(read.turns.conversation_count(), COUNTING) if progress else None
    tally = InputTally(watched)
    for conversation in read.conversations():
        tally.add(conversation)
        if counting:
            counting.update(1)
    if counting:
        counting.close()

    def with_policy(audit: AuditInput) -> AuditInput:
        return with_jurisdictions(audit, policy)

    checks = {r.code: r.check_class() for r in selected}
    decisions = with_jurisdictions(AuditInput(decisions=read.decisions), policy).decisions
    # The conversation checks' findings go to the store a piece at a time, the facts
    # checks' records to scratch space.
    store = _finding_store(selected, policy, created_at, decisions)
    bar = (progress(tally.conversations, "auditing")
           if progress and any(isinstance(c, ConversationCheck) for c in checks.values())
           else None)
    merged = judge_in_pieces(checks, read, options, skipped_channels, tally=tally,
                             with_policy=with_policy, store=store, facts=FactRecords(),
                             on_conversation=(lambda _: bar.update(1)) if bar else None)
    if bar:
        bar.close()
    outcomes = _outcomes_of(checks, merged, options, lambda code: whole_input_view(
        read.decisions, tally, skipped_channels.get(code, frozenset()), with_policy))

    def conversation_of(conversation_id: str) -> Conversation | None:
        found = read.conversation(conversation_id)
        if found is None:
            return None
        return with_jurisdictions(AuditInput(conversations=(found,)), policy).conversations[0]

    return _result(selected, options, outcomes,
                   _Read(read.inputs, read.skipped, read.notes, decisions, tally,
                         conversation_of), store,
                   policy=policy, registry=registry, created_at=created_at, run_id=run_id,
                   baseline=baseline, transcripts_given=transcripts_given,
                   skipped_channels=skipped_channels)


def _result(
    selected: Sequence[RegisteredCheck],
    options: Mapping[str, Mapping[str, Any]],
    outcomes: Mapping[str, _Outcome],
    read: _Read,
    store: FindingStore,
    *,
    policy: Policy,
    registry: Registry,
    created_at: datetime,
    run_id: str | None,
    baseline: Baseline | None,
    transcripts_given: bool,
    skipped_channels: Mapping[str, frozenset[str]],
) -> AuditResult:
    """The result from every check's outcome: its findings kept in `store` (which may
    hold some already), suppressions applied, findings located and made unique, the
    notes, the gate decided, the input summed up."""
    for code, item in outcomes.items():
        if item.outcome is not None:
            store.add(code, item.outcome.findings)
    store.finish()
    findings: Sequence[Finding] = store
    reports = [_report(r, outcomes[r.code], policy, store) for r in selected]
    errors = tuple(
        [CheckError(code, o.error) for code, o in outcomes.items() if o.error]
        + [CheckError(f.entry_point, f.message) for f in registry.failures])
    notes = (read.notes + _notes(selected, options)
             + channel_notes(read.tally.per_channel, skipped_channels)
             + handoffs_out_of_log_note(read.tally.handed_out_of_log) + store.expiry_notes())
    scores = [CheckScore(r.code, r.severity, r.evaluated, r.score, r.min_score) for r in reports]
    comparison = compare(findings, baseline) if baseline is not None else None
    # The gate and the summaries read a few columns of each finding, several times over.
    headers = headers_of(findings)
    gate = decide(
        headers, scores, settings=policy.gate, overall=overall_score(scores),
        coverage=_coverage(read, transcripts_given, selected, {
            code: o.outcome.not_evaluated or "" for code, o in outcomes.items()
            if o.unjudgeable and o.outcome is not None}),
        titles={r.code: r.check_class.title for r in selected},
        crashed=[e.check for e in errors],
        new=frozenset(comparison.new) if comparison is not None else None)
    summary = _summary(read, headers)
    return AuditResult(
        run_id=run_id or _run_id(created_at, read.inputs, policy),
        created_at=created_at,
        auditor_version=__version__,
        policy=policy,
        summary=summary,
        inputs=read.inputs,
        checks=_with_statuses(reports, headers, gate),
        findings=findings,
        errors=errors,
        skipped=read.skipped,
        verdict=gate,
        notes=notes,
        options=MappingProxyType({"checks": [r.code for r in selected]}),
        baseline=comparison,
        suppressed=store.suppressed,
        kept=keep_conversations(findings, policy.keep_conversations,
                                present=summary.segments, conversation_of=read.conversation_of),
    )


def _summary(read: _Read, findings: Sequence[FindingHeader]) -> InputSummary:
    """How much was read, with the segment of each conversation a finding is about
    (each asked for once)."""
    segments: dict[str, Mapping[str, str | None]] = {}
    # Conversations share a few segments: each is held once, however many share it.
    shared: dict[tuple[str | None, ...], Mapping[str, str | None]] = {}
    for conversation_id in dict.fromkeys(f.conversation_id for f in findings):
        conversation = read.conversation_of(conversation_id) if conversation_id else None
        if conversation is not None:
            segment = conversation_segment(conversation)
            segments[conversation.id] = shared.setdefault(
                tuple(segment.values()), MappingProxyType(segment))
    return InputSummary(read.tally.conversations, read.tally.turns, len(read.decisions),
                        MappingProxyType(segments))


def _selection(registry: Registry, policy: Policy
               ) -> tuple[tuple[RegisteredCheck, ...], dict[str, Mapping[str, Any]]]:
    """The checks the policy selects and each one's options; PolicyError for an option
    no check has."""
    selected = registry.select(policy.select, policy.ignore)
    _check_pack_options(selected, policy)
    return selected, {r.code: _options(r.check_class, policy) for r in selected}


def _coverage(read: _Read, transcripts_given: bool, selected: Sequence[RegisteredCheck],
              unjudged: Mapping[str, str]) -> Coverage:
    """How much of the input was read, for the gate's inconclusive verdict."""
    tally = read.tally
    return Coverage(
        records=sum(item.records for item in read.inputs),
        skipped=read.skipped,
        bot_turns=tally.bot_turns,
        transcripts_given=transcripts_given,
        needs_bot_turns=tuple(r.code for r in selected if r.check_class.needs_bot_turns),
        # Only meaningful beside files that do have bot turns; with none at all the
        # audit-wide reason says it.
        files_without_bot_turns=tuple(sorted(tally.files_read - tally.files_with_bot - {""}))
        if tally.files_with_bot else (),
        unjudged=tuple(sorted(unjudged.items())),
    )


def _with_statuses(reports: Sequence[CheckReport], findings: Sequence[FindingHeader],
                   gate: Verdict) -> tuple[CheckReport, ...]:
    """Each check's status from the gate's decision: failed only when it failed the gate."""
    blocking_codes = {f.code for f in findings if f.fingerprint in gate.blocking}
    return tuple(replace(report, below_min_score=report.code in gate.below_minimum,
                         status=check_status(
                             crashed=report.crashed,
                             not_evaluated=report.not_evaluated is not None,
                             evaluated=report.evaluated, flagged=report.flagged,
                             blocking=report.code in blocking_codes,
                             below_minimum=report.code in gate.below_minimum))
                 for report in reports)


def _with_reading_policy(options: LoadOptions | None, policy: Policy) -> LoadOptions:
    """The policy's [decisions] settings under whatever the caller set explicitly, and
    its limits on one record (`max-record-bytes`, `max-nesting`)."""
    options = options or LoadOptions()
    given, settings = options.decisions, policy.decisions
    columns = {**settings.columns, **given.overrides.columns}
    return replace(options, limits=policy.read_limits, decisions=replace(
        given,
        segments=given.segments or settings.segments,
        favourable_values=given.favourable_values or frozenset(settings.favourable),
        overrides=replace(given.overrides, columns=MappingProxyType(columns)),
    ))


def _run_checks(
    selected: Sequence[RegisteredCheck],
    audit: AuditInput,
    options: Mapping[str, Mapping[str, Any]],
    progress: ProgressFactory | None,
    skipped_channels: Mapping[str, frozenset[str]],
    workers: int = 1,
    scheduler: str | None = None,
) -> dict[str, _Outcome]:
    """Run every check, isolating failures: a check that raises is recorded, not fatal.

    A check never sees the conversations of the channels the policy keeps it off.
    """
    forget_languages()  # the report's note on languages describes this audit alone
    checks = {r.code: r.check_class() for r in selected}
    per_conversation = {c: check for c, check in checks.items()
                        if isinstance(check, ConversationCheck)}
    fact_checks = {c: check for c, check in checks.items()
                   if isinstance(check, ConversationFactsCheck)}
    merged = _run_per_conversation(per_conversation, audit, options, progress,
                                   skipped_channels, workers, fact_checks, scheduler)
    return _outcomes_of(checks, merged, options, lambda code: on_channels(
        audit, skipped_channels.get(code, frozenset())), scheduler)


def _outcomes_of(checks: Mapping[str, Check], merged: MergedOutcome,
                 options: Mapping[str, Mapping[str, Any]],
                 whole_input: Callable[[str], AuditInput],
                 scheduler: str | None = None) -> dict[str, _Outcome]:
    """Each check's outcome: from what judging the conversations found (`merged`), from
    the records of a facts check, from the counts of the decision log's partitions (a
    `DecisionCountsCheck`: counted on the Dask cluster at `scheduler` when given), or
    by running a check over `whole_input(code)` (a facts check whose conversations were
    not recorded runs so too)."""
    from auditor.decision_partitions import CountJob, count_in_partitions

    counted = count_in_partitions({
        code: CountJob(check, whole_input(code).decisions, options[code])
        for code, check in checks.items()
        if isinstance(check, DecisionCountsCheck)
        and code not in merged.failed and code not in merged.unjudged}, scheduler)
    outcomes = {}
    for code, check in checks.items():
        if code in merged.failed:
            outcomes[code] = _Outcome(None, merged.failed[code])
        elif code in merged.unjudged:
            outcomes[code] = _unjudgeable(merged.unjudged[code])
        elif isinstance(check, ConversationCheck):
            outcomes[code] = _Outcome(CheckOutcome(
                merged.tallies[code][0], merged.findings[code], merged.tallies[code][1]))
        elif isinstance(check, ConversationFactsCheck) and code in merged.facts:
            outcomes[code] = _outcome_from_facts(check, merged.facts[code], options[code])
        elif isinstance(check, DecisionCountsCheck) and code in counted:
            outcomes[code] = _outcome_from_counts(check, counted[code], options[code])
        else:
            outcomes[code] = _run_whole_input(check, whole_input(code), options[code])
    return outcomes


def _outcome_from_counts(check: DecisionCountsCheck, counts: Sequence[object],
                         options: Mapping[str, Any]) -> _Outcome:
    """A counts check's outcome from the counts of the log's partitions, an exception
    raised while counting recorded as `_run_whole_input` records it."""
    from auditor.decision_partitions import Raised

    def judge() -> CheckOutcome:
        for count in counts:
            if isinstance(count, Raised):
                raise count.error
        return check.outcome_from_counts(counts, options=options)

    return _isolated(judge)


def _run_per_conversation(
    checks: Mapping[str, ConversationCheck],
    audit: AuditInput,
    options: Mapping[str, Mapping[str, Any]],
    progress: ProgressFactory | None,
    skipped_channels: Mapping[str, frozenset[str]],
    workers: int = 1,
    fact_checks: Mapping[str, ConversationFactsCheck] | None = None,
    scheduler: str | None = None,
) -> MergedOutcome:
    """Conversation checks, driven one conversation at a time so progress can be shown;
    with `workers` above 1, over partitions of the input in that many processes, or on
    the Dask cluster at `scheduler` (see `auditor.partitions`), with the same outcome.
    There, `fact_checks` also read each conversation (their records are in the merged
    outcome, or their failure); in one process they are left to run as whole-input
    checks."""
    from auditor.partitions import (
        judge_partition,
        merge_outcomes,
        prepare_once,
        worker_count,
    )
    from auditor.pii.workers import can_fork

    every: dict[str, Check] = {**checks, **(fact_checks or {})}

    def prepare(code: str, part: AuditInput) -> None:
        every[code].prepare(on_channels(part, skipped_channels.get(code, frozenset())),
                            options=options[code])

    count = worker_count(workers, len(audit.conversations)) if workers > 1 else 1
    if every and (scheduler is not None or (count > 1 and can_fork())):
        return _judge_in_processes(checks, fact_checks or {}, audit, options, progress,
                                   skipped_channels, count, prepare, scheduler)
    # A check whose preparation reads the whole input is prepared on it, once; one that
    # only warms caches, on each run of conversations before it is judged (see
    # `auditor.runs`).
    early, judged, _ = prepare_once(checks, {}, lambda code: prepare(code, audit))

    def warm(code: str, part: AuditInput) -> None:
        if every[code].prepare_warms_only:
            prepare(code, part)

    bar = progress(len(audit.conversations), "auditing") if progress and checks else None
    outcome = judge_partition(audit, judged, options, skipped_channels, prepare=warm,
                              on_conversation=(lambda _: bar.update(1)) if bar else None,
                              prepare_in_runs=True)
    if bar:
        bar.close()
    merged = merge_outcomes(list(judged), [outcome])
    merged.failed.update(early.failed)
    merged.unjudged.update(early.unjudged)
    return merged


def _outcome_from_facts(check: ConversationFactsCheck, facts: Sequence[object],
                        options: Mapping[str, Any]) -> _Outcome:
    """A facts check's outcome from its records of every conversation, an exception
    recorded as `_run_whole_input` records it."""
    return _isolated(lambda: check.outcome_from(facts, options=options))


def _judge_in_processes(
    checks: Mapping[str, ConversationCheck],
    fact_checks: Mapping[str, ConversationFactsCheck],
    audit: AuditInput,
    options: Mapping[str, Mapping[str, Any]],
    progress: ProgressFactory | None,
    skipped_channels: Mapping[str, frozenset[str]],
    workers: int,
    prepare: Callable[[str, AuditInput], None],
    scheduler: str | None = None,
) -> MergedOutcome:
    """Prepare the checks that read the whole input here, and judge the partitions in
    `workers` processes (or on the cluster at `scheduler`), where the cache-warming
    checks are prepared; what the workers' engines learned and noted comes back here
    (`auditor.pii.warm_state`), so that the report's notes describe every partition."""
    from auditor.partitions import judge_in_processes, prepare_once

    early, judged, recorders = prepare_once(checks, fact_checks,
                                            lambda code: prepare(code, audit))
    warm_up = frozenset(code for code, check in {**judged, **recorders}.items()
                        if check.prepare_warms_only)
    bar = progress(len(audit.conversations), "auditing") if progress else None
    merged = judge_in_processes(audit, judged, options, skipped_channels, workers=workers,
                                warm_up=warm_up, on_partition=bar.update if bar else None,
                                fact_checks=recorders, scheduler=scheduler)
    if bar:
        bar.close()
    merged.failed.update(early.failed)
    merged.unjudged.update(early.unjudged)
    return merged


def _run_whole_input(check: Check, audit: AuditInput, options: Mapping[str, Any]) -> _Outcome:
    """Run a whole-input check, turning an exception into a recorded error."""
    return _isolated(lambda: check.run(audit, options=options))


def _isolated(judge: Callable[[], CheckOutcome]) -> _Outcome:
    """`judge()`'s outcome; a check that cannot judge its input, or that raises, is
    recorded as such instead of stopping the audit."""
    try:
        return _Outcome(judge())
    except UnjudgeableInput as reason:
        return _unjudgeable(reason)
    except Exception as error:  # one broken check must not stop the others
        return _Outcome(None, describe_failure(error, None))


def _unjudgeable(reason: UnjudgeableInput) -> _Outcome:
    """A check that could not judge its input: nothing evaluated, with the (redacted)
    reason, and marked so the gate calls the audit inconclusive."""
    from auditor.redaction import redact

    return _Outcome(CheckOutcome(0, (), not_evaluated=redact(str(reason))), unjudgeable=True)


def _notes(
    selected: Sequence[RegisteredCheck], options: Mapping[str, Mapping[str, Any]]
) -> tuple[str, ...]:
    """Each distinct note the checks make about this run, in check order."""
    notes: dict[str, None] = {}
    for registered in selected:
        try:
            notes.update(dict.fromkeys(registered.check_class().notes(options=options[registered.code])))
        except Exception:  # a note is a courtesy; a failing one must not fail the audit
            continue
    return tuple(notes)


def _report(registered: RegisteredCheck, result: _Outcome, policy: Policy,
            store: FindingStore) -> CheckReport:
    """A check's line in the result, from its outcome and its findings in `store` (those
    a suppression set aside not counted)."""
    cls = registered.check_class
    outcome = result.outcome
    evaluated = outcome.evaluated if outcome else 0
    flagged = 0
    if outcome is not None:
        flagged = (store.conversations_of_check(cls.code) if outcome.flagged is None
                   else max(0, outcome.flagged - store.suppressed_count(cls.code)))
    return CheckReport(
        code=cls.code, name=cls.name, title=cls.title, severity=cls.severity,
        origin=registered.origin + (" (built-in)" if registered.built_in else ""),
        description=cls.documentation(), remediation=cls.remediation,
        references=cls.references,
        evaluated=evaluated,
        flagged=flagged,
        not_applicable=outcome.not_applicable if outcome else 0,
        score=check_score(evaluated, store.of_check(cls.code)) if outcome else None,
        min_score=policy.for_check(cls.code).min_score,
        crashed=outcome is None,
        metrics=outcome.metrics if outcome else MappingProxyType({}),
        not_evaluated=outcome.not_evaluated if outcome else None,
    )


def _options(check_class: type[Check], policy: Policy) -> Mapping[str, Any]:
    """The check's defaults, overlaid with the pack options it accepts, then its own.

    A pack table (`[packs.ESC]`) sets options for every check of the family that
    has them; an option no selected check of the family has, or one a check's own
    table names but the check lacks, is an error (see `_check_pack_options`).
    """
    defaults = check_class.default_options
    own = dict(policy.for_check(check_class.code).options)
    unknown = sorted(set(own) - set(defaults))
    if unknown:
        valid = ", ".join(sorted(defaults)) or "none"
        raise PolicyError(f"[checks.{check_class.code}.options]: unknown option "
                          f"{', '.join(unknown)}; valid options: {valid}")
    pack = {key: value for key, value in policy.pack_options_for(check_class.code).items()
            if key in defaults}
    return MappingProxyType({**defaults, **pack, **own})


def _check_pack_options(selected: Sequence[RegisteredCheck], policy: Policy) -> None:
    """Reject `[packs.X]` options that no selected check of family X accepts."""
    for family, options in sorted(policy.packs.items()):
        members = [r.check_class for r in selected if r.code.startswith(family)]
        if not members:
            continue
        valid = {name for cls in members for name in cls.default_options}
        unknown = sorted(set(options) - valid)
        if unknown:
            raise PolicyError(f"[packs.{family}]: unknown option {', '.join(unknown)}; "
                              f"valid options: {', '.join(sorted(valid)) or 'none'}")


def _finding_store(selected: Sequence[RegisteredCheck], policy: Policy, created_at: datetime,
                   decisions: Sequence[Decision]) -> FindingStore:
    """Where an audit's findings are kept: the policy's suppressions applied as of the
    run's day, dataset findings located on the decision log."""
    return FindingStore(checks=[r.code for r in selected],
                        suppressor=Suppressor(policy.suppressions, created_at.date()),
                        locate=_locator(decisions))


def _locator(decisions: Sequence[Decision]) -> Callable[[Finding], Finding]:
    """How a dataset finding about one decision type points at that type's first logged
    row, so CI annotations and code scanning show it on the decision log it came from."""
    first_rows: dict[str, SourceRef] = {}
    for decision in decisions:  # one pass, however many findings
        if decision.source is not None and decision.decision_type is not None:
            first_rows.setdefault(decision.decision_type, decision.source)

    def locate(finding: Finding) -> Finding:
        if finding.source is not None or not first_rows:
            return finding
        decision_type = finding.data.get("decision_type")
        row = first_rows.get(decision_type) if isinstance(decision_type, str) else None
        return finding if row is None else replace(finding, source=row)

    return locate


def _require_records(any_record: bool, skipped: Sequence[Skipped]) -> None:
    """Stop with a clear error when nothing at all could be read."""
    if any_record:
        return
    if skipped:
        first = skipped[0]
        raise InputError(f"no record could be read: all {len(skipped)} were skipped; "
                         f"the first, {first.path}:{first.line}: {first.reason}")
    raise InputError("the inputs hold no records")


def _run_id(created_at: datetime, inputs: Sequence[InputFile], policy: Policy) -> str:
    """A readable id derived from the date, the inputs and the policy."""
    digest = hashlib.sha256("".join([policy.digest, *(i.sha256 for i in inputs)])
                            .encode("ascii")).hexdigest()[:8]
    return f"run-{created_at:%Y%m%dT%H%M%SZ}-{digest}"


def _utc_now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)
