"""Conversations are prepared and judged in runs that the analysis caches hold: a long
input's analyses are made once, in batches, and still there when its conversations
are judged one by one."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import auditor.runs as runs_module
from auditor.check import ConversationCheck
from auditor.model import AuditInput, Conversation, Role, Turn
from auditor.partitions import judge_partition
from auditor.pii.conversations import CONTEXTS_REMEMBERED
from auditor.pii.detector import CACHE_SIZE
from auditor.runs import RUN_CONVERSATIONS, RUN_TURNS, runs


def _conversation(number: int, turns: int) -> Conversation:
    return Conversation(id=f"c{number}", turns=tuple(
        Turn(index=i, role=Role.CUSTOMER if i % 2 else Role.BOT, text=f"message {i}")
        for i in range(turns)))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(0, 12), max_size=40), st.integers(1, 6), st.integers(1, 20))
def test_runs_keep_the_order_and_stay_within_both_bounds(lengths: list[int], most: int,
                                                         most_turns: int) -> None:
    conversations = [_conversation(n, length) for n, length in enumerate(lengths)]
    cut = list(runs(conversations, most, most_turns))
    assert [c for run in cut for c in run] == conversations
    for run in cut:
        assert 1 <= len(run) <= most
        # Only a conversation longer than the bound makes a run longer than it.
        assert len(run) == 1 or sum(len(c.turns) for c in run) <= most_turns


def test_a_run_fits_the_analysis_caches() -> None:
    # Every message of a run has its analysis cached when the run is judged.
    assert RUN_TURNS < CACHE_SIZE
    assert RUN_CONVERSATIONS < CONTEXTS_REMEMBERED


class _WarmingCheck(ConversationCheck):
    """Records what each preparation was given, and what was judged after it."""

    code = "TEST901"
    prepare_warms_only = True
    log: list[Any] = []

    def prepare(self, audit: AuditInput, *, options: Any) -> None:
        self.log.append(("prepare", [c.id for c in audit.conversations]))

    def is_relevant(self, conversation: Conversation) -> bool:
        self.log.append(("judge", conversation.id))
        return False

    def check_conversation(self, conversation: Conversation, *, options: Any,
                           references: Any) -> list[Any]:  # pragma: no cover
        raise NotImplementedError


def test_a_partition_is_prepared_run_by_run_before_each_run_is_judged(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runs_module, "RUN_CONVERSATIONS", 3)
    conversations = tuple(_conversation(n, 2) for n in range(7))
    _WarmingCheck.log = []
    check = _WarmingCheck()
    outcome = judge_partition(
        AuditInput(conversations=conversations), {"TEST901": check}, {"TEST901": {}}, {},
        prepare=lambda code, part: check.prepare(part, options={}), prepare_in_runs=True)
    assert _WarmingCheck.log == [
        ("prepare", ["c0", "c1", "c2"]), ("judge", "c0"), ("judge", "c1"), ("judge", "c2"),
        ("prepare", ["c3", "c4", "c5"]), ("judge", "c3"), ("judge", "c4"), ("judge", "c5"),
        ("prepare", ["c6"]), ("judge", "c6")]
    assert outcome.tallies["TEST901"] == (0, 0) and not outcome.failed
    # Without runs, one preparation of everything comes first.
    _WarmingCheck.log = []
    judge_partition(AuditInput(conversations=conversations), {"TEST901": check},
                    {"TEST901": {}}, {}, prepare=lambda code, part: check.prepare(part, options={}))
    assert _WarmingCheck.log[0] == ("prepare", [c.id for c in conversations])
