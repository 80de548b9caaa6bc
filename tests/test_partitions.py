"""Judging conversations over partitions, in worker processes, gives the result of one
pass: the same report.json bytes for any number of workers and partitions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.check import UnjudgeableInput
from auditor.findings import Finding, Severity
from auditor.model import AuditInput, Conversation
from auditor.partitions import PartitionOutcome, merge_outcomes, partition
from tests.conftest import FIXTURES

# Runs one audit of the bundled fixtures in a fresh, single-threaded process (as the
# command line does), with `workers` processes and `per_worker` partitions each, and
# no minimum size, writing report.json and the ids of the processes that judged.
DRIVER = """
import json, os, sys
from pathlib import Path
import auditor.partitions as partitions
from auditor.cli import _pinned_clock
from auditor.pipeline import run_audit
from auditor.policy import load_policy
from auditor.render import render

fixtures, out = Path(sys.argv[1]), Path(sys.argv[2])
workers, per_worker = int(sys.argv[3]), int(sys.argv[4])
ignore = tuple(code for code in sys.argv[5].split(",") if code)
partitions.MIN_CONVERSATIONS_PER_WORKER = 1
partitions.PARTITIONS_PER_WORKER = per_worker
judge = partitions.judge_partition
def judged_here(*args, **kwargs):
    with (out / "judges").open("a") as record:
        record.write(f"{os.getpid()}\\n")
    return judge(*args, **kwargs)
partitions.judge_partition = judged_here
import auditor.pieces as pieces
pieces.judge_partition = judged_here  # one process judges in pieces, the same way
from auditor.check import ConversationFactsCheck
from auditor.registry import Registry
def recorded_here(cls):
    read = cls.fact_of
    def fact_of(self, conversation, *, options):
        with (out / "facts").open("a") as record:
            record.write(f"{cls.code} {os.getpid()}\\n")
        return read(self, conversation, options=options)
    cls.fact_of = fact_of
for registered in Registry.from_entry_points().select():
    if issubclass(registered.check_class, ConversationFactsCheck):
        recorded_here(registered.check_class)
result = run_audit(
    [fixtures / "transcripts"],
    decisions=[fixtures / "decisions" / name
               for name in ("refunds.csv", "escalations.csv", "fairness.csv")],
    policy=load_policy(fixtures / "policy.toml").with_overrides(ignore=ignore),
    clock=_pinned_clock("2026-11-01T00:00:00Z"),
    workers=workers)
(out / "report.json").write_bytes(render(result.to_dict(), "json"))
print(os.getpid())
"""


def _audit(tmp_path: Path, workers: int, per_worker: int,
           ignore: str = "") -> tuple[bytes, set[str], str, dict[str, set[str]]]:
    out = tmp_path / f"w{workers}-p{per_worker}-{ignore}"
    out.mkdir()
    run = subprocess.run([sys.executable, "-c", DRIVER, str(FIXTURES), str(out), str(workers),
                          str(per_worker), ignore], capture_output=True, text=True, timeout=600,
                         cwd=Path(__file__).resolve().parents[1])
    assert run.returncode == 0, run.stderr[-2000:]
    judges = set((out / "judges").read_text().split())
    # Which processes read conversations for each check over the whole input.
    readers: dict[str, set[str]] = {}
    for line in (out / "facts").read_text().splitlines():
        code, pid = line.split()
        readers.setdefault(code, set()).add(pid)
    return (out / "report.json").read_bytes(), judges, run.stdout.strip(), readers


# Without PII006, the notes on how names were read come from the conversation checks'
# analysis in the workers alone.
@pytest.mark.parametrize("ignore", ["", "PII006"])
def test_any_number_of_workers_and_partitions_gives_the_same_bytes(tmp_path: Path,
                                                                  ignore: str) -> None:
    one_pass, judges, main, readers = _audit(tmp_path, 1, 1, ignore)
    assert judges == {main}  # one process, one pass
    document = json.loads(one_pass)
    assert document["findings"] and any("Names were scanned" in n for n in document["notes"])
    # The checks over the whole input that read conversations one by one (map-reduce).
    over_conversations = {"ESC007", "ESC008", "ESC010", "FAIR003", "PII006"} - {ignore}
    assert set(readers) == over_conversations
    found = {finding["code"] for finding in document["findings"]}
    assert over_conversations <= found  # so the comparisons below can see a difference
    for workers, per_worker in ((2, 1), (2, 4), (3, 7)):
        report, judges, main, readers = _audit(tmp_path, workers, per_worker, ignore)
        # The conversations were judged in worker processes, not in the main one, and
        # the whole-input checks read them there too (the map); only the reduce is here.
        assert main not in judges and len(judges) >= 2, (workers, per_worker)
        assert all(main not in pids and len(pids) >= 2 for pids in readers.values()), readers
        assert set(readers) == over_conversations
        assert report == one_pass, (workers, per_worker)


def _finding(code: str, conversation: str) -> Finding:
    return Finding(code=code, check="c", severity=Severity.LOW, message="m",
                   conversation_id=conversation, turn_index=0, fingerprint=conversation)


def test_outcomes_merge_as_one_pass_would_have_found_them() -> None:
    first = PartitionOutcome(
        tallies={"A": (2, 1), "B": (1, 0), "C": (1, 1)},
        findings={"A": (_finding("A", "c1"),), "B": (), "C": ()},
        failed={}, unjudged={})
    second = PartitionOutcome(
        tallies={"A": (3, 0), "B": (0, 0), "C": (0, 0)},
        findings={"A": (_finding("A", "c4"), _finding("A", "c5")), "B": (), "C": ()},
        failed={"B": "ValueError: x (conversation c4)"},
        unjudged={"C": UnjudgeableInput("no timestamps")})
    third = PartitionOutcome(
        tallies={"A": (0, 0), "B": (0, 0), "C": (0, 0)}, findings={"A": (), "B": (), "C": ()},
        failed={"B": "ValueError: y (conversation c9)"}, unjudged={})
    merged = merge_outcomes(["A", "B", "C"], [first, second, third])
    assert merged.tallies == {"A": (5, 1)}
    assert [f.conversation_id for f in merged.findings["A"]] == ["c1", "c4", "c5"]
    # A check that failed anywhere failed for the audit, at its first failing conversation.
    assert merged.failed == {"B": "ValueError: x (conversation c4)"}
    assert "B" not in merged.findings and str(merged.unjudged["C"]) == "no timestamps"


def test_partitions_are_contiguous_near_equal_and_keep_every_decision() -> None:
    conversations = tuple(Conversation(id=f"c{n}", turns=()) for n in range(10))
    audit = AuditInput(conversations=conversations, decisions=())
    parts = partition(audit, 3)
    assert [len(p.conversations) for p in parts] == [4, 3, 3]
    assert tuple(c for p in parts for c in p.conversations) == conversations
    assert len(partition(audit, 50)) == 10 and len(partition(audit, 0)) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux")
def test_the_command_line_takes_workers_and_refuses_nonsense(tmp_path: Path) -> None:
    from auditor.cli import main

    assert main(["scan", str(FIXTURES / "transcripts" / "pii.jsonl"), "--workers", "2",
                 "--out", str(tmp_path), "--format", "json", "--quiet", "--exit-zero"]) == 0
    assert json.loads((tmp_path / "report.json").read_text())["findings"]
    assert main(["scan", str(FIXTURES / "transcripts" / "pii.jsonl"), "--workers", "0",
                 "--out", str(tmp_path)]) == 2


# One audit of `corpus` in a fresh process, as `mode` says: read a piece at a time,
# read whole in one process, or judged by two worker processes; runs and pieces of
# two conversations, so that every way prepares the PII checks run by run.
NOTES_DRIVER = """
import sys
from pathlib import Path
import auditor.partitions as partitions
import auditor.pieces as pieces
import auditor.runs as runs
from auditor.cli import _pinned_clock
from auditor.pipeline import audit_loaded, load_for_audit, run_audit
from auditor.policy import Policy
from auditor.render import render

corpus, mode = Path(sys.argv[1]), sys.argv[2]
runs.RUN_CONVERSATIONS = pieces.PIECE_CONVERSATIONS = 2
partitions.MIN_CONVERSATIONS_PER_WORKER = 1
policy = Policy().with_overrides(select=("PII",))
clock = _pinned_clock("2026-11-01T00:00:00Z")
if mode == "whole":
    result = audit_loaded(load_for_audit([corpus], policy=policy), policy=policy, clock=clock)
else:
    result = run_audit([corpus], policy=policy, clock=clock,
                       workers=2 if mode == "workers" else 1)
sys.stdout.buffer.write(render(result.to_dict(), "json"))
"""

FRENCH = ("Bonjour, je voudrais annuler ma commande de la semaine dernière, s'il vous plaît.",
          "Je m'appelle Camille Exemple et j'habite à Lyon depuis trois ans.")
ENGLISH = ("Hello, I would like to cancel the order I placed last week, please.",
           "My name is Dana Example and I have lived in Leeds for three years.")


def test_the_note_on_how_names_were_read_covers_every_run_whichever_way(
        tmp_path: Path) -> None:
    # French conversations first, English ones last: a note made from the last run's
    # languages alone would leave French out.
    rows = []
    for number, texts in enumerate((FRENCH, FRENCH, ENGLISH, ENGLISH, ENGLISH, ENGLISH)):
        for turn, (role, text) in enumerate(zip(("customer", "customer"), texts, strict=True)):
            rows.append({"conversation_id": f"c{number}", "role": role, "text": text,
                         "timestamp": f"2026-10-0{1 + number}T10:0{turn}:00Z"})
    corpus = tmp_path / "chats.jsonl"
    corpus.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows),
                      encoding="utf-8")
    reports = {}
    for mode in ("pieces", "whole", "workers"):
        run = subprocess.run([sys.executable, "-c", NOTES_DRIVER, str(corpus), mode],
                             capture_output=True, timeout=600)
        assert run.returncode == 0, run.stderr[-2000:]
        reports[mode] = run.stdout
    notes = " ".join(json.loads(reports["pieces"])["notes"])
    assert "en (" in notes and "fr (" in notes, notes
    assert reports["whole"] == reports["pieces"]
    assert reports["workers"] == reports["pieces"]
