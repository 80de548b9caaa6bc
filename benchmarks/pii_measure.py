"""One measured run of the PII pack over a transcript file, in the fast or the naive mode.

- fast: the audit as it ships, `run_audit` with the PII checks selected;
- naive: the same audit and checks inside `analysis_strategy(Strategy.ONE_BY_ONE)`,
  so every analysis a check asks for is one plain presidio `AnalyzerEngine.analyze`
  call: no cache, no de-duplication, no batching, no pre-filter.

The spaCy pipeline and the check modules are loaded before the clock starts, so both
modes time the audit alone: reading the file, running the checks, redacting
evidence. Peak memory is the process's peak resident set (`ru_maxrss`, which
includes the loaded pipeline), the largest peak of the worker processes the engine
forks, and the tracemalloc peak of the audit itself; run each measurement in a
fresh process for the resident sets to mean anything.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from auditor.loaders import load_inputs
from auditor.pii import engine_for
from auditor.pii.engine import Strategy, analysis_strategy
from auditor.pipeline import run_audit
from auditor.policy import Policy
from auditor.registry import Registry
from auditor.result import AuditResult

__all__ = ["MODES", "FindingKey", "Measurement", "audit_pii", "finding_keys"]

MODES = ("fast", "naive")
STRATEGIES = {"fast": Strategy.BATCHED, "naive": Strategy.ONE_BY_ONE}
PII_POLICY = Policy(select=("PII",))
# ru_maxrss is in kilobytes on Linux and in bytes on macOS.
_RSS_UNIT = 1 if sys.platform == "darwin" else 1024
MB = 1024 * 1024
WARM_UP_TURNS = (
    ("bot", "Bonjour, je suis Zed, un assistant virtuel."),
    ("customer", "Dr Quentin Example (+44 20 7946 0958) flew from Oslo; card 4242 4242 4242 4242, "
                 "CVV 987."),
)

FindingKey = tuple[str, str, int, str, str]


@dataclass(frozen=True, slots=True)
class Measurement:
    """What one run took and found.

    `peak_rss_mb` is this process's peak and `worker_rss_mb` the largest peak of the
    worker processes the engine forked (0 when it forked none).
    Memory traced by tracemalloc, None unless it was: `tracemalloc_peak_mb`, the
    audit's peak; `input_mb`, what the loaded transcripts hold, and `load_peak_mb`,
    the peak while reading them (measured by reading them once before the audit);
    `analysed_mb`, what the audit holds once the checks have prepared (transcripts
    and analysis results), and `judging_peak_mb`, the peak from then on.
    `analyses` counts the texts the checks' engine sent to the detector.
    """

    mode: str
    messages: int
    seconds: float
    peak_rss_mb: float
    worker_rss_mb: float
    tracemalloc_peak_mb: float | None
    input_mb: float | None
    load_peak_mb: float | None
    analysed_mb: float | None
    judging_peak_mb: float | None
    analyses: int
    findings: tuple[FindingKey, ...]

    @property
    def rate(self) -> float:
        """Messages per second."""
        return self.messages / self.seconds if self.seconds else float("inf")


def finding_keys(result: AuditResult) -> tuple[FindingKey, ...]:
    """(code, conversation, turn, severity, fingerprint) of every finding, sorted."""
    return tuple(sorted(
        (f.code, f.conversation_id or "", -1 if f.turn_index is None else f.turn_index,
         f.severity.value, f.fingerprint) for f in result.findings))


def audit_pii(paths: Sequence[Path], mode: str, *, trace_memory: bool = False) -> Measurement:
    """Run the PII pack over `paths` in `mode` ("fast" or "naive") and measure it.

    With `trace_memory`, tracemalloc follows the audit (several times slower, so
    time such a run for its memory figures only).
    """
    with analysis_strategy(STRATEGIES[mode]):
        # One-time start-up stays off the clock: a first audit imports the checks
        # (compiling their patterns), builds the engine with its spaCy pipeline, and
        # the redactor. Its texts are unlike any corpus text, so no cache starts
        # with an answer the measured audit will ask for.
        registry = Registry.from_entry_points()
        _warm_up(registry)
        warm_up_analyses = engine_for().analyses
        phases = _MemoryPhases()
        if trace_memory:
            tracemalloc.start()
            loaded = load_inputs(list(paths), ())
            phases.input, phases.load_peak = tracemalloc.get_traced_memory()
            del loaded
            tracemalloc.reset_peak()
        started = time.perf_counter()
        result = run_audit(list(paths), policy=PII_POLICY, registry=registry,
                           progress=phases if trace_memory else None)
        seconds = time.perf_counter() - started
        if trace_memory:
            phases.judging_peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        analyses = engine_for().analyses - warm_up_analyses
    return Measurement(
        mode=mode,
        messages=result.summary.turns,
        seconds=seconds,
        peak_rss_mb=_peak_rss_mb(resource.RUSAGE_SELF),
        worker_rss_mb=_peak_rss_mb(resource.RUSAGE_CHILDREN),
        tracemalloc_peak_mb=_mb(max(phases.peak_before_judging, phases.judging_peak))
        if trace_memory else None,
        input_mb=_mb(phases.input) if trace_memory else None,
        load_peak_mb=_mb(phases.load_peak) if trace_memory else None,
        analysed_mb=_mb(phases.held_when_judging) if trace_memory else None,
        judging_peak_mb=_mb(phases.judging_peak) if trace_memory else None,
        analyses=analyses,
        findings=finding_keys(result),
    )


class _MemoryPhases:
    """Traced memory at the phases of an audit, in bytes.

    Passed to `run_audit` as its progress display, which the pipeline opens once
    the checks have prepared (read the file, analysed every text) and are about to
    judge conversations: a silent display that notes the memory then.
    """

    def __init__(self) -> None:
        self.input = self.load_peak = 0
        self.held_when_judging = self.peak_before_judging = self.judging_peak = 0

    def __call__(self, total: int, description: str) -> _MemoryPhases:
        self.held_when_judging, self.peak_before_judging = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        return self

    def update(self, n: int = 1) -> None:
        """Progress is not shown."""

    def close(self) -> None:
        """Nothing to close."""


def _mb(size: int) -> float:
    """Bytes in MB."""
    return size / MB


def _warm_up(registry: Registry) -> None:
    """Audit a two-turn conversation, so everything a first audit sets up is ready."""
    with tempfile.TemporaryDirectory(prefix="warm-up-") as folder:
        path = Path(folder) / "warm-up.jsonl"
        lines = [json.dumps({"conversation_id": "warm-up", "role": role, "text": text})
                 for role, text in WARM_UP_TURNS]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        run_audit([path], policy=PII_POLICY, registry=registry)


def _peak_rss_mb(who: int) -> float:
    """The peak resident set size of this process (or of its largest child), in MB."""
    return resource.getrusage(who).ru_maxrss * _RSS_UNIT / MB
