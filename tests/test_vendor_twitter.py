"""Customer Support on Twitter rows load as they are: the fixture
(fixtures/vendors/, written to the columns of the public twcs.csv corpus) is detected
from its header, its reply chains become conversations, and its planted flaws are found
once the bot-run account is named with --role."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter
from pathlib import Path

from auditor.loaders import LoadOptions, load_inputs
from auditor.loaders.columns import ColumnOverrides
from auditor.loaders.twitter import TWITTER_THREADS, TWITTER_THREADS_JSON
from auditor.pipeline import run_audit
from auditor.policy import Policy
from tests.conftest import FIXTURES

THREADS = FIXTURES / "vendors" / "twitter-support-threads.csv"
FLAWED, TWIN = "5001", "6001"
BOT_ACCOUNT = LoadOptions(overrides=ColumnOverrides.parse(roles=["AcmeHelp=bot"]))
HEADER = ["tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id",
          "in_response_to_tweet_id"]


def _write(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _tweet(tweet: str, author: str, inbound: str, minute: int, text: str, replies: str = "",
           parent: str = "") -> list[str]:
    return [tweet, author, inbound, f"Thu Oct 08 10:{minute:02d}:00 +0000 2026", text,
            replies, parent]


def test_reply_chains_become_conversations_in_time_order(tmp_path: Path) -> None:
    # Detected from the header, not the name.
    renamed = Path(shutil.copy(THREADS, tmp_path / "twcs-sample.txt"))
    for path in (THREADS, renamed):
        loaded = load_inputs([path])
        assert loaded.inputs[0].format == TWITTER_THREADS.name
        assert not loaded.skipped
        flawed, twin = loaded.audit.conversations
        assert (flawed.id, twin.id) == (FLAWED, TWIN)
        assert flawed.channel == twin.channel == "twitter"
        # Company replies are a person's unless the account is named as a bot.
        assert Counter(t.role.value for t in flawed.turns) == {"customer": 5, "agent": 4}
        assert Counter(t.role.value for t in twin.turns) == {"customer": 3, "agent": 3}
        stamp = flawed.turns[0].timestamp
        assert stamp is not None and stamp.isoformat() == "2026-10-06T09:00:00+00:00"
        # The branch (another customer answering the first tweet) sits in the thread by
        # its time, although the file lists it last; text keeps its @mentions.
        assert flawed.turns[2].text == \
            "@100001 @AcmeHelp same here, it has been dropping all week"
        assert [t.source.line for t in flawed.turns if t.source] == [2, 3, 10, 4, 5, 6, 7, 8,
                                                                       9]


def test_a_bot_run_account_is_named_with_role() -> None:
    flawed, twin = load_inputs([THREADS], options=BOT_ACCOUNT).audit.conversations
    assert Counter(t.role.value for t in flawed.turns) == {"customer": 5, "bot": 4}
    # The person who takes over in the twin writes from another account.
    assert [t.role.value for t in twin.turns] == ["customer", "bot", "customer", "bot",
                                                  "agent", "customer"]


def test_planted_flaws_are_found_and_the_twin_is_clean() -> None:
    result = run_audit([THREADS], policy=Policy(), load_options=BOT_ACCOUNT)
    found = {(f.code, f.conversation_id) for f in result.findings}
    assert {("DISC001", FLAWED), ("DISC003", FLAWED), ("DISC004", FLAWED),
            ("ESC001", FLAWED)} <= found
    # The twin says it is a bot and hands over; only the agent's own first name is an
    # (unredacted, low) identifier.
    assert {code for code, conversation in found if conversation == TWIN} <= {"PII004"}
    assert result.verdict.name.value == "failed"


def test_without_a_bot_account_the_audit_says_what_to_map() -> None:
    verdict = run_audit([THREADS], policy=Policy()).verdict
    assert verdict.name.value == "inconclusive"
    assert any("--role NAME=bot" in reason for reason in verdict.inconclusive_reasons)


def test_broken_rows_are_skipped_and_threads_hold_together(tmp_path: Path) -> None:
    rows = [
        _tweet("7001", "100009", "True", 0, "@AcmeHelp my bill is wrong", "7002,7003"),
        # pandas writes a float column: the parent is the same tweet.
        _tweet("7002", "AcmeHelp", "False", 1, "@100009 Sorry! Which bill?", "", "7001.0"),
        # A bad inbound: skipped, but its reply still belongs to the thread.
        _tweet("7003", "100009", "maybe", 2, "@AcmeHelp the October one", "7004", "7001"),
        _tweet("7004", "AcmeHelp", "False", 3, "@100009 Fixed it for you ^JK", "", "7003"),
        _tweet("", "100010", "True", 4, "@AcmeHelp no id"),
        _tweet("7001", "100011", "True", 5, "@AcmeHelp same id again"),
        # The parent is not in the file: the tweet starts its own conversation.
        _tweet("7100", "100012", "True", 6, "@AcmeHelp and another thing", "", "6999"),
        # A reply known only from its parent's response_tweet_id.
        _tweet("7101", "AcmeHelp", "False", 7, "@100012 Tell us more", "7102", "6998"),
        _tweet("7102", "100012", "True", 8, "@AcmeHelp later", ""),
        # A loop of replies does not hang the reader.
        _tweet("7200", "100013", "True", 9, "@AcmeHelp loop a", "", "7201"),
        _tweet("7201", "AcmeHelp", "False", 10, "@100013 loop b", "", "7200"),
    ]
    loaded = load_inputs([_write(tmp_path / "twcs.csv", rows)])
    assert [(s.line, s.kind) for s in loaded.skipped] == [(4, "malformed"), (6, "malformed"),
                                                           (7, "malformed")]
    assert "inbound" in loaded.skipped[0].reason
    assert "no tweet_id" in loaded.skipped[1].reason
    assert "appears twice" in loaded.skipped[2].reason
    threads = {c.id: [t.text.split()[-1] for t in c.turns]
               for c in loaded.audit.conversations}
    assert threads["7001"] == ["wrong", "bill?", "^JK"]
    assert threads["7100"] == ["thing"]
    assert threads["7101"] == ["more", "later"]
    assert sorted(len(turns) for cid, turns in threads.items() if cid in ("7200", "7201")) \
        == [2]


def test_json_lines_of_the_same_columns(tmp_path: Path) -> None:
    """As pandas writes them (`to_json(orient="records", lines=True)`): booleans, ids as
    numbers, a missing parent as null."""
    rows = list(csv.DictReader(io.StringIO(THREADS.read_text("utf-8"))))
    lines = []
    for row in rows:
        record: dict[str, object] = {**row, "tweet_id": int(row["tweet_id"]),
                                     "inbound": row["inbound"] == "True",
                                     "response_tweet_id": row["response_tweet_id"] or None}
        parent = row["in_response_to_tweet_id"]
        record["in_response_to_tweet_id"] = float(parent) if parent else None
        lines.append(json.dumps(record))
    path = tmp_path / "twcs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_inputs([path], options=BOT_ACCOUNT)
    assert loaded.inputs[0].format == TWITTER_THREADS_JSON.name and not loaded.skipped
    expected = load_inputs([THREADS], options=BOT_ACCOUNT).audit.conversations
    assert [(c.id, [(t.role, t.text, t.timestamp) for t in c.turns])
            for c in loaded.audit.conversations] == \
        [(c.id, [(t.role, t.text, t.timestamp) for t in c.turns]) for c in expected]


def test_other_csv_and_json_are_not_taken_for_tweets() -> None:
    assert not TWITTER_THREADS.matches(dict.fromkeys(
        ["conversation_id", "role", "text", "created_at"], ""))
    assert not TWITTER_THREADS.matches(dict.fromkeys(["tweet_id", "text", "created_at"], ""))
    assert not TWITTER_THREADS_JSON.matches({"id": 1, "text": "hi", "author_id": "x"})
