"""The speed benchmarks' parts on tiny corpora: the PII corpus, both PII modes, the ESC run.

Timings are not asserted: the benchmark itself (`benchmarks/bench_pii.py`) measures them.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from benchmarks.pii_corpus import generate, write_corpus
from benchmarks.pii_measure import audit_pii

MESSAGES = 300


def test_the_corpus_is_seeded_canonical_and_exactly_sized(tmp_path: Path) -> None:
    first, again = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    stats = write_corpus(first, MESSAGES, seed=3)
    write_corpus(again, MESSAGES, seed=3)
    assert first.read_bytes() == again.read_bytes()
    assert list(generate(MESSAGES, seed=4)) != list(generate(MESSAGES, seed=3))
    records = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    assert len(records) == stats.messages == MESSAGES
    assert {r["role"] for r in records} >= {"bot", "customer"}
    assert all("text" in r or "event" in r for r in records)
    openers = {r["conversation_id"]: r for r in reversed(records)}
    assert all("attributes" in r for r in openers.values())
    assert len(openers) == stats.conversations
    assert stats.distinct_texts < MESSAGES  # bot templates repeat


def test_fast_and_naive_modes_find_the_same(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    stats = write_corpus(corpus, MESSAGES, seed=11, leak_rate=0.3)
    fast = audit_pii([corpus], "fast")
    naive = audit_pii([corpus], "naive")
    assert fast.messages == naive.messages == MESSAGES
    assert fast.findings == naive.findings
    codes = Counter(code for code, *_ in fast.findings)
    assert stats.leaks and {"PII002", "PII004", "PII006"} <= set(codes)
    # Batched: each distinct text once; naive: each message with text once.
    assert 0 < fast.analyses < naive.analyses


def test_escalation_benchmark_runs_on_a_small_corpus() -> None:
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_escalation.py"
    run = subprocess.run([sys.executable, str(script), "--messages", "300"],
                         capture_output=True, text=True, check=True)
    rows = {line.split()[0]: line for line in run.stdout.splitlines()[1:]}
    assert set(rows) == {"ordinary", "escalation"}
    assert "ESC001:" in rows["escalation"] and "ESC007:" in rows["escalation"]
