"""`run_audit`: the one function that runs an audit, for the CLI, the web app and CI.

inputs --load--> AuditInput --select--> checks --run, each isolated--> findings
--score--> AuditResult. The clock and run id are injected so results are
reproducible.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
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
    UnjudgeableInput,
)
from auditor.errors import InputError, PolicyError
from auditor.escalation.evidence import handoffs_out_of_log_note
from auditor.findings import Finding
from auditor.gate import Coverage, Verdict, check_status, decide
from auditor.kept_conversations import keep_conversations
from auditor.loaders import LoadedInputs, LoadOptions, load_inputs
from auditor.model import AuditInput, Role, SourceRef
from auditor.partitions import MergedOutcome, describe_failure
from auditor.policy import Policy
from auditor.registry import RegisteredCheck, Registry
from auditor.result import AuditResult, CheckError, CheckReport
from auditor.scope import (
    channel_ignores,
    channel_notes,
    on_channels,
    with_jurisdictions,
)
from auditor.scoring import CheckScore, check_score, overall_score
from auditor.suppression import SuppressionOutcome, apply_suppressions


class ProgressBar(Protocol):
    """What a progress display offers (tqdm satisfies it)."""

    def update(self, n: int = 1) -> object:
        """Advance by `n` units."""

    def close(self) -> None:
        """Finish the display."""


ProgressFactory = Callable[[int, str], ProgressBar]


@dataclass(frozen=True, slots=True)
class _Outcome:
    """A check's outcome, or the error that stopped it."""

    outcome: CheckOutcome | None
    error: str | None = None
    # The check said its input lacks what it needs (UnjudgeableInput): the reason is
    # the outcome's `not_evaluated`, and the audit is inconclusive.
    unjudgeable: bool = False


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
    """
    policy = policy or Policy()
    registry = registry or Registry.from_entry_points()
    _selection(registry, policy)  # a policy error is told before the inputs are read
    loaded = load_for_audit(transcripts, decisions, policy=policy, load_options=load_options)
    return audit_loaded(loaded, policy=policy, registry=registry, clock=clock, run_id=run_id,
                        progress=progress, baseline=baseline,
                        transcripts_given=bool(transcripts), workers=workers,
                        scheduler=scheduler)


def load_for_audit(transcripts: Sequence[Path], decisions: Sequence[Path] = (), *,
                   policy: Policy, load_options: LoadOptions | None = None) -> LoadedInputs:
    """Read the inputs as `run_audit` does (the policy's reading limits and [decisions]
    settings applied), or raise InputError when nothing at all could be read."""
    loaded = load_inputs(transcripts, decisions, _with_reading_policy(load_options, policy))
    _require_records(loaded)
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
    suppression = apply_suppressions(
        [f for o in outcomes.values() if o.outcome for f in o.outcome.findings],
        policy.suppressions, created_at.date())
    outcomes = _without_suppressed(outcomes, suppression)
    reports = [_report(r, outcomes[r.code], policy) for r in selected]
    findings = _with_unique_fingerprints(_located(
        [f for o in outcomes.values() if o.outcome for f in o.outcome.findings], audit))
    errors = tuple(
        [CheckError(code, o.error) for code, o in outcomes.items() if o.error]
        + [CheckError(f.entry_point, f.message) for f in registry.failures])
    notes = (loaded.notes + _notes(selected, options) + channel_notes(audit, skipped_channels)
             + handoffs_out_of_log_note(audit) + suppression.notes())
    scores = [CheckScore(r.code, r.severity, r.evaluated, r.score, r.min_score) for r in reports]
    comparison = compare(findings, baseline) if baseline is not None else None
    gate = decide(
        findings, scores, settings=policy.gate, overall=overall_score(scores),
        coverage=_coverage(loaded, audit, transcripts_given, selected, {
            code: o.outcome.not_evaluated or "" for code, o in outcomes.items()
            if o.unjudgeable and o.outcome is not None}),
        titles={r.code: r.check_class.title for r in selected},
        crashed=[e.check for e in errors],
        new=frozenset(comparison.new) if comparison is not None else None)
    return AuditResult(
        run_id=run_id or _run_id(created_at, loaded, policy),
        created_at=created_at,
        auditor_version=__version__,
        policy=policy,
        audit=audit,
        inputs=loaded.inputs,
        checks=_with_statuses(reports, findings, gate),
        findings=findings,
        errors=errors,
        skipped=loaded.skipped,
        verdict=gate,
        notes=notes,
        options=MappingProxyType({"checks": [r.code for r in selected]}),
        baseline=comparison,
        suppressed=suppression.suppressed,
        kept=keep_conversations(audit, findings, policy.keep_conversations),
    )


def _selection(registry: Registry, policy: Policy
               ) -> tuple[tuple[RegisteredCheck, ...], dict[str, Mapping[str, Any]]]:
    """The checks the policy selects and each one's options; PolicyError for an option
    no check has."""
    selected = registry.select(policy.select, policy.ignore)
    _check_pack_options(selected, policy)
    return selected, {r.code: _options(r.check_class, policy) for r in selected}


def _without_suppressed(outcomes: Mapping[str, _Outcome],
                        suppression: SuppressionOutcome) -> dict[str, _Outcome]:
    """Each check's outcome less the findings under a suppression in force."""
    set_aside = {id(finding) for finding, _ in suppression.suppressed}
    result = {}
    for code, item in outcomes.items():
        outcome = item.outcome
        if outcome is None or not any(id(f) in set_aside for f in outcome.findings):
            result[code] = item
            continue
        kept = tuple(f for f in outcome.findings if id(f) not in set_aside)
        flagged = (None if outcome.flagged is None
                   else max(0, outcome.flagged - (len(outcome.findings) - len(kept))))
        result[code] = _Outcome(replace(outcome, findings=kept, flagged=flagged))
    return result


def _coverage(loaded: LoadedInputs, audit: AuditInput, transcripts_given: bool,
              selected: Sequence[RegisteredCheck], unjudged: Mapping[str, str]) -> Coverage:
    """How much of the input was read, for the gate's inconclusive verdict."""
    files_read: set[str] = set()
    files_with_bot: set[str] = set()
    bot_turns = 0
    for conversation in audit.conversations:
        # A file that holds another system's side of conversations whose bot turns
        # are in another file (the agents' side of a bot's own log) is judged with them.
        paths = {turn.source.path if turn.source else "" for turn in conversation.turns}
        files_read.update(paths)
        bots = sum(1 for turn in conversation.turns if turn.role is Role.BOT)
        bot_turns += bots
        if bots:
            files_with_bot.update(paths)
    return Coverage(
        records=sum(item.records for item in loaded.inputs),
        skipped=loaded.skipped,
        bot_turns=bot_turns,
        transcripts_given=transcripts_given,
        needs_bot_turns=tuple(r.code for r in selected if r.check_class.needs_bot_turns),
        # Only meaningful beside files that do have bot turns; with none at all the
        # audit-wide reason says it.
        files_without_bot_turns=tuple(sorted(files_read - files_with_bot - {""}))
        if files_with_bot else (),
        unjudged=tuple(sorted(unjudged.items())),
    )


def _with_statuses(reports: Sequence[CheckReport], findings: Sequence[Finding],
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
    checks = {r.code: r.check_class() for r in selected}
    per_conversation = {c: check for c, check in checks.items()
                        if isinstance(check, ConversationCheck)}
    fact_checks = {c: check for c, check in checks.items()
                   if isinstance(check, ConversationFactsCheck)}
    outcomes, facts = _run_per_conversation(per_conversation, audit, options, progress,
                                            skipped_channels, workers, fact_checks, scheduler)
    for code, check in checks.items():
        if code in outcomes:
            continue
        if code in facts and isinstance(check, ConversationFactsCheck):
            outcomes[code] = _outcome_from_facts(check, facts[code], options[code])
        else:
            outcomes[code] = _run_whole_input(
                check, on_channels(audit, skipped_channels.get(code, frozenset())),
                options[code])
    return {code: outcomes[code] for code in checks}


def _run_per_conversation(
    checks: Mapping[str, ConversationCheck],
    audit: AuditInput,
    options: Mapping[str, Mapping[str, Any]],
    progress: ProgressFactory | None,
    skipped_channels: Mapping[str, frozenset[str]],
    workers: int = 1,
    fact_checks: Mapping[str, ConversationFactsCheck] | None = None,
    scheduler: str | None = None,
) -> tuple[dict[str, _Outcome], dict[str, tuple[object, ...]]]:
    """Conversation checks, driven one conversation at a time so progress can be shown;
    with `workers` above 1, over partitions of the input in that many processes, or on
    the Dask cluster at `scheduler` (see `auditor.partitions`), with the same outcome.
    There, `fact_checks` also read each conversation: their records come back in the
    second mapping (or their failure in the first); in one process they are left to
    run as whole-input checks."""
    from auditor.partitions import judge_partition, merge_outcomes, worker_count
    from auditor.pii.workers import can_fork

    every: dict[str, Check] = {**checks, **(fact_checks or {})}

    def prepare(code: str, part: AuditInput) -> None:
        every[code].prepare(on_channels(part, skipped_channels.get(code, frozenset())),
                            options=options[code])

    count = worker_count(workers, len(audit.conversations)) if workers > 1 else 1
    if every and (scheduler is not None or (count > 1 and can_fork())):
        merged = _judge_in_processes(checks, fact_checks or {}, audit, options, progress,
                                     skipped_channels, count, prepare, scheduler)
    else:
        bar = progress(len(audit.conversations), "auditing") if progress and checks else None
        outcome = judge_partition(audit, checks, options, skipped_channels, prepare=prepare,
                                  on_conversation=(lambda _: bar.update(1)) if bar else None)
        if bar:
            bar.close()
        merged = merge_outcomes(list(checks), [outcome])
    outcomes = {
        code: _Outcome(None, merged.failed[code]) if code in merged.failed
        else _unjudgeable(merged.unjudged[code]) if code in merged.unjudged
        else _Outcome(CheckOutcome(merged.tallies[code][0], merged.findings[code],
                                   merged.tallies[code][1]))
        for code in every if code in merged.failed or code in merged.unjudged
        or code in checks
    }
    return outcomes, merged.facts


def _outcome_from_facts(check: ConversationFactsCheck, facts: Sequence[object],
                        options: Mapping[str, Any]) -> _Outcome:
    """A facts check's outcome from its records of every conversation, an exception
    recorded as `_run_whole_input` records it."""
    try:
        return _Outcome(check.outcome_from(facts, options=options))
    except UnjudgeableInput as reason:
        return _unjudgeable(reason)
    except Exception as error:  # one broken check must not stop the others
        return _Outcome(None, describe_failure(error, None))


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
    """Prepare the checks that read the whole input here, judge the partitions in
    `workers` processes, then prepare the cache-warming checks here too (every
    analysis is in this process's caches by then), so the notes and the whole-input
    checks that follow find this process as one pass would have left it."""
    from auditor.partitions import judge_in_processes

    early = MergedOutcome()
    for code, check in {**checks, **fact_checks}.items():
        if check.prepare_warms_only:
            continue
        try:
            prepare(code, audit)
        except UnjudgeableInput as reason:
            early.unjudged[code] = reason
        except Exception as error:  # one broken check must not stop the others
            early.failed[code] = describe_failure(error, None)
    judged = {code: check for code, check in checks.items()
              if code not in early.failed and code not in early.unjudged}
    recorders = {code: check for code, check in fact_checks.items()
                 if code not in early.failed and code not in early.unjudged}
    warm_up = frozenset(code for code, check in {**judged, **recorders}.items()
                        if check.prepare_warms_only)
    bar = progress(len(audit.conversations), "auditing") if progress else None
    merged = judge_in_processes(audit, judged, options, skipped_channels, workers=workers,
                                warm_up=warm_up, on_partition=bar.update if bar else None,
                                fact_checks=recorders, scheduler=scheduler)
    if bar:
        bar.close()
    for code in sorted(warm_up, key=[*checks, *fact_checks].index):
        if code in merged.failed or code in merged.unjudged:
            continue
        try:
            prepare(code, audit)
        except Exception:  # it succeeded on every partition; its outcome stands
            continue
    merged.failed.update(early.failed)
    merged.unjudged.update(early.unjudged)
    return merged


def _run_whole_input(check: Check, audit: AuditInput, options: Mapping[str, Any]) -> _Outcome:
    """Run a whole-input check, turning an exception into a recorded error."""
    try:
        return _Outcome(check.run(audit, options=options))
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


def _report(registered: RegisteredCheck, result: _Outcome, policy: Policy) -> CheckReport:
    """A check's line in the result."""
    cls = registered.check_class
    outcome = result.outcome
    evaluated = outcome.evaluated if outcome else 0
    return CheckReport(
        code=cls.code, name=cls.name, title=cls.title, severity=cls.severity,
        origin=registered.origin + (" (built-in)" if registered.built_in else ""),
        description=cls.documentation(), remediation=cls.remediation,
        references=cls.references,
        evaluated=evaluated,
        flagged=outcome.flagged_count if outcome else 0,
        not_applicable=outcome.not_applicable if outcome else 0,
        score=check_score(evaluated, outcome.findings) if outcome else None,
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


def _located(findings: list[Finding], audit: AuditInput) -> list[Finding]:
    """Dataset findings about one decision type point at that type's first logged row,
    so CI annotations and code scanning show them on the decision log they came from."""
    wanted = {f.data.get("decision_type") for f in findings if f.source is None}
    if not wanted - {None}:
        return findings
    first_rows: dict[str, SourceRef] = {}
    for decision in audit.decisions:  # one pass, however many findings
        if decision.source is not None and decision.decision_type in wanted:
            first_rows.setdefault(decision.decision_type, decision.source)
    return [replace(f, source=first_rows[f.data["decision_type"]])
            if f.source is None and f.data.get("decision_type") in first_rows else f
            for f in findings]


def _with_unique_fingerprints(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Sorted findings; a repeated fingerprint gets an ordinal so each stays distinct."""
    ordered = sorted(findings, key=Finding.sort_key)
    seen: dict[str, int] = {}
    unique = []
    for finding in sorted(ordered, key=lambda f: (f.fingerprint, f.turn_index or 0)):
        count = seen.get(finding.fingerprint, 0) + 1
        seen[finding.fingerprint] = count
        unique.append(finding if count == 1 else
                      replace(finding, fingerprint=f"{finding.fingerprint}-{count}"))
    return tuple(sorted(unique, key=Finding.sort_key))


def _require_records(loaded: LoadedInputs) -> None:
    """Stop with a clear error when nothing at all could be read."""
    if loaded.audit.conversations or loaded.audit.decisions:
        return
    if loaded.skipped:
        first = loaded.skipped[0]
        raise InputError(f"no record could be read: all {len(loaded.skipped)} were skipped; "
                         f"the first, {first.path}:{first.line}: {first.reason}")
    raise InputError("the inputs hold no records")


def _run_id(created_at: datetime, loaded: LoadedInputs, policy: Policy) -> str:
    """A readable id derived from the date, the inputs and the policy."""
    digest = hashlib.sha256("".join([policy.digest, *(i.sha256 for i in loaded.inputs)])
                            .encode("ascii")).hexdigest()[:8]
    return f"run-{created_at:%Y%m%dT%H%M%SZ}-{digest}"


def _utc_now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)
