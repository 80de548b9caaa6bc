"""An audit that reads its conversations a piece at a time gives the result of one that
holds them all: the same report.json bytes, however small the pieces, with the turns
grouped in memory or on disk, with channels kept off checks and a jurisdictions
profile; and it never holds every conversation."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest

import auditor.fact_records as fact_records
import auditor.finding_store as finding_store
import auditor.loaders.grouping as grouping
import auditor.pieces as pieces
import auditor.pipeline as pipeline
from auditor.check import Check, CheckOutcome, ConversationCheck, Options
from auditor.cli import _pinned_clock
from auditor.findings import Finding, Reference, Severity
from auditor.loaders import ReadInputs, load_inputs
from auditor.model import AuditInput, Conversation
from auditor.policy import Policy, load_policy
from auditor.registry import Registry
from auditor.render import render
from tests.conftest import FIXTURES, write_jsonl

DECISIONS = [FIXTURES / "decisions" / name
             for name in ("refunds.csv", "escalations.csv", "fairness.csv")]
# Checks of every kind kept off the voice channel, and a jurisdictions profile, so that
# what is read of the whole input (decisions, export ends, counts) must leave the
# voice conversations out for them, as a whole reading does.
SCOPED = ('jurisdictions = ["EU"]\n', '\n[channels.voice]\nignore = ["DISC001", "ESC001", '
          '"ESC007", "ESC008", "ESC009", "FAIR001", "FAIR003", "PII006"]\n')


def _policy(tmp_path: Path, scoped: bool) -> Policy:
    text = (FIXTURES / "policy.toml").read_text(encoding="utf-8")
    if scoped:
        text = SCOPED[0] + text + SCOPED[1]
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return load_policy(path)


def _crafted(folder: Path) -> tuple[Path, Path]:
    """A transcript whose last record is a voice call an hour after a web chat ends on
    an unanswered request for a person, and a decision log with rows for both: checks
    kept off voice must see the chat as cut by the export (ESC001), and the decisions
    without the call's (FAIR001's counts)."""
    transcript = folder / "chats.jsonl"
    write_jsonl(transcript, [
        {"conversation_id": "web-1", "timestamp": "2026-10-01T09:59:00Z", "role": "bot",
         "text": "Hi, I am the virtual assistant. How can I help?", "channel": "web"},
        {"conversation_id": "web-1", "timestamp": "2026-10-01T10:00:00Z",
         "role": "customer", "text": "I want to talk to a human agent please.",
         "channel": "web"},
        {"conversation_id": "call-1", "timestamp": "2026-10-01T11:00:00Z", "role": "bot",
         "text": "You are speaking with an automated assistant.", "channel": "voice"},
    ])
    decisions = folder / "decisions.csv"
    rows = ["decision_id,conversation_id,timestamp,decision_type,outcome,language,region"]
    for number in range(40):
        conversation = "call-1" if number % 4 == 0 else f"other-{number}"
        outcome = "denied" if number % 3 == 0 else "approved"
        rows.append(f"d-{number},{conversation},2026-10-01T08:00:00Z,refund,{outcome},"
                    f"{'en' if number % 2 else 'es'},EU")
    decisions.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return transcript, decisions


def _report(policy: Policy, registry: Registry | None = None,
            inputs: tuple[Path, Path] | None = None) -> bytes:
    transcripts, decisions = ([FIXTURES / "transcripts"], DECISIONS) if inputs is None \
        else ([inputs[0]], [inputs[1]])
    result = pipeline.run_audit(transcripts, decisions=decisions, policy=policy,
                                registry=registry, clock=_pinned_clock("2026-11-01T00:00:00Z"))
    return render(result.to_dict(), "json")


@pytest.mark.parametrize(("scoped", "crafted"), [(False, False), (True, False), (True, True)],
                         ids=["fixtures", "fixtures-channels-and-eu", "crafted-channels-and-eu"])
def test_pieces_give_the_bytes_of_a_whole_reading(tmp_path: Path, scoped: bool, crafted: bool,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    policy = _policy(tmp_path, scoped)
    inputs = _crafted(tmp_path) if crafted else None
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "all_in_pieces", lambda selected: False)
        held = _report(policy, inputs=inputs)

    def never_whole(self: ReadInputs) -> object:
        raise AssertionError("the audit held every conversation")

    monkeypatch.setattr(ReadInputs, "loaded", never_whole)
    document = json.loads(held)
    found = {finding["code"] for finding in document["findings"]}
    if crafted:  # what the checks kept off voice must not see, they did not see
        (request,) = [f for f in document["findings"] if f["code"] == "ESC001"]
        assert request["data"]["cut_by_export"] is True
        (fair,) = [c for c in document["checks"] if c["code"] == "FAIR001"]
        assert sum(group["count"] for group in fair["metrics"]["tables"][0]["groups"]) == 30
    elif not scoped:
        assert {"PII006", "ESC008", "FAIR003", "ESC007"} <= found
    for size, in_memory, findings_held in ((1, 200_000, 20_000), (3, 10, 5), (7, 0, 0),
                                           (2_000, 200_000, 20_000)):
        monkeypatch.setattr(pieces, "PIECE_CONVERSATIONS", size)
        monkeypatch.setattr(grouping, "IN_MEMORY_RECORDS", in_memory)
        monkeypatch.setattr(finding_store, "IN_MEMORY_FINDINGS", findings_held)
        monkeypatch.setattr(fact_records, "IN_MEMORY_FACTS", findings_held)
        assert _report(policy, inputs=inputs) == held, (size, in_memory, findings_held)


class _WholeInputPlugin(Check):
    """What it checks
        Nothing: it counts the conversations (a plugin's check over the whole input,
        which needs them all at once).

    Why it matters
        It does not.

    Fails when
        Never.

    Passes when
        Always.

    Options
        None.

    References
        None.
    """

    code = "ZZZ901"
    name = "counts-conversations"
    title = "Counts conversations"
    severity = Severity.LOW
    remediation = "None."

    def run(self, audit: AuditInput, *, options: Options) -> CheckOutcome:
        return CheckOutcome(len(audit.conversations), ())


def test_a_check_that_needs_the_whole_input_gets_it(tmp_path: Path) -> None:
    registry = Registry.of(_WholeInputPlugin)
    assert not pieces.in_pieces(_WholeInputPlugin)
    assert pieces.all_in_pieces(Registry.from_entry_points().select())  # the built-ins
    result = pipeline.run_audit([FIXTURES / "transcripts"], policy=Policy(select=("ZZZ901",)),
                                registry=registry)
    (report,) = result.checks
    assert report.evaluated == result.summary.conversations > 100


class _BreaksLatePlugin(ConversationCheck):
    """What it checks
        Nothing: it flags every conversation, and breaks on the last one read (a check
        that fails after some pieces were judged).

    Why it matters
        It does not.

    Fails when
        Always.

    Passes when
        Never.

    Options
        None.

    References
        None.
    """

    code = "ZZZ902"
    name = "breaks-late"
    title = "Breaks late"
    severity = Severity.LOW
    remediation = "None."
    needs_bot_turns = False
    last = ""

    def check_conversation(self, conversation: Conversation, *, options: Options,
                           references: tuple[Reference, ...]) -> Iterable[Finding]:
        if conversation.id == self.last:
            raise RuntimeError("broken")
        yield self.finding(conversation, "Flagged.")


def test_a_check_that_breaks_on_a_later_piece_keeps_nothing_it_found(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """As one pass stops a check at its first failure, the findings it made on the
    pieces before are dropped, in memory or on disk."""
    last = list(load_inputs([FIXTURES / "transcripts"]).audit.conversations)[-1].id
    monkeypatch.setattr(_BreaksLatePlugin, "last", last)
    registry = Registry.of(_BreaksLatePlugin, *(
        r.check_class for r in Registry.from_entry_points().select(("DISC001",), ())))
    policy = Policy(select=("ZZZ902", "DISC001"))

    def report() -> bytes:
        return render(pipeline.run_audit(
            [FIXTURES / "transcripts"], policy=policy, registry=registry,
            clock=_pinned_clock("2026-11-01T00:00:00Z")).to_dict(), "json")

    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "all_in_pieces", lambda selected: False)
        held = report()
    document = json.loads(held)
    assert {f["code"] for f in document["findings"]} == {"DISC001"}
    assert [e["check"] for e in document["errors"]] == ["ZZZ902"]
    for size, findings_held in ((1, 20_000), (5, 3), (50, 0)):
        monkeypatch.setattr(pieces, "PIECE_CONVERSATIONS", size)
        monkeypatch.setattr(finding_store, "IN_MEMORY_FINDINGS", findings_held)
        assert report() == held, (size, findings_held)
