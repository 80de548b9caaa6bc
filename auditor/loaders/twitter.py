"""Customer support on Twitter: one row per tweet, conversations rebuilt from the reply
chains, as in the public "Customer Support on Twitter" corpus (Kaggle
thoughtvector/customer-support-on-twitter, `twcs.csv`).

Follows the corpus's columns as public notebooks reading `twcs.csv` show them
(github.com/DiegoAmaxmandro/sentiment-analysis-thesis-project: 2,811,774 rows of
`tweet_id`, `author_id`, `inbound`, `created_at`, `text`, `response_tweet_id`,
`in_response_to_tweet_id`): `inbound` is True for a customer's tweet and False for a
company's support account (whose `author_id` is its handle, AppleSupport, sprintcare;
customers' ids are anonymised numbers); `created_at` is Twitter's `Tue Oct 31 22:10:47
+0000 2017`; `response_tweet_id` lists the replies, several separated by commas, and
either id column is empty where there is none (ids read back through pandas may be
written `3.0`). The same columns as JSON (one object per line, or an array) are read
the same way.

- Every tweet belongs to the conversation of its root: its chain of
  `in_response_to_tweet_id` is followed up to a tweet with no parent, or whose parent
  is not in the file (a thread cut at a file's edge starts there); a reply listed only
  in its parent's `response_tweet_id` is linked too. The root's `tweet_id` is the
  conversation's id; a branching thread (several replies to one tweet) stays one
  conversation, in time order. The channel is `twitter`.
- A customer's tweet is the customer's turn; a company account's tweet a person's
  (its support staff), since the corpus does not say which accounts are run by a
  bot. A bot-run account is declared with --role on its handle (`--role
  AcmeHelp=bot`), which also applies to any other `author_id`.
- Text is kept as written, @mentions included. A tweet with no text says nothing: no
  turn, though its thread still holds together through it.
- A row with no `tweet_id`, a `tweet_id` already read, or an `inbound` or a time that
  cannot be read is skipped with its line; in the last two cases its replies still
  find their thread through it.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from auditor.loaders.columns import ColumnOverrides
from auditor.loaders.formats import InputFormat
from auditor.loaders.records import RawRecord, RecordSkipped, Skipped
from auditor.loaders.transcript import TurnRecord, make_turn
from auditor.loaders.values import as_text, parse_bool

_CHANNEL = "twitter"
_MARKERS = frozenset({"tweet_id", "inbound", "in_response_to_tweet_id"})
# Ids as pandas may rewrite them (a float column: `3.0`), and its missing values.
_WHOLE_FLOAT = re.compile(r"^([0-9]+)\.0*$")
_MISSING = frozenset({"nan", "none", "null", "<na>"})


def _is_twcs(record: Mapping[str, Any]) -> bool:
    return _MARKERS <= {str(name).strip().casefold() for name in record}


@dataclass(slots=True)
class _Threads:
    """The reply chains of one file: each tweet's parent, and replies its parent lists."""

    parents: dict[str, str | None] = field(default_factory=dict)
    listed: dict[str, str] = field(default_factory=dict)

    def add(self, tweet: str, parent: str | None, replies: tuple[str, ...]) -> None:
        self.parents[tweet] = parent
        for reply in replies:
            self.listed.setdefault(reply, tweet)

    def roots(self) -> dict[str, str]:
        """Each tweet's root, the path from every tweet walked once."""
        parents = {tweet: parent if parent is not None else self.listed.get(tweet)
                   for tweet, parent in self.parents.items()}
        roots: dict[str, str] = {}
        for start in parents:
            path: list[str] = []
            on_path: set[str] = set()
            node = start
            while node not in roots:
                path.append(node)
                on_path.add(node)
                parent = parents[node]
                if parent is None or parent not in parents or parent in on_path:
                    # The top of the chain, a parent outside the file, or a loop.
                    roots[node] = node
                    break
                node = parent
            root = roots[node]
            for tweet in path:
                roots[tweet] = root
        return roots


@dataclass(frozen=True, slots=True)
class _Tweet:
    """A read tweet's turn (its conversation not yet known) and its id."""

    tweet: str
    turn: TurnRecord


def _read(path: Path, records: Iterator[RawRecord], options: Any,
          skipped: list[Skipped]) -> Iterator[TurnRecord]:
    """Every tweet's turn, in the conversation of its thread's root, each conversation
    in time order."""
    threads = _by_root(path, records, options.overrides, skipped)
    # Each thread is let go once yielded: the file's turns are held once, not twice.
    while threads:
        root, thread = threads.popitem(last=False)
        for tweet in _in_time_order(thread):
            yield replace(tweet.turn, conversation_id=root)


def _by_root(path: Path, records: Iterator[RawRecord], overrides: ColumnOverrides,
             skipped: list[Skipped]) -> OrderedDict[str, list[_Tweet]]:
    """The file's tweets grouped by their thread's root, in the order roots are met."""
    threads = _Threads()
    tweets: list[_Tweet] = []
    for record in records:
        try:
            tweet = _tweet(path, record, overrides, threads)
        except RecordSkipped as reason:
            skipped.append(reason.skipped(path, record.line))
            continue
        if tweet is not None:
            tweets.append(tweet)
    roots = threads.roots()
    by_root: OrderedDict[str, list[_Tweet]] = OrderedDict()
    for tweet in tweets:
        by_root.setdefault(roots[tweet.tweet], []).append(tweet)
    return by_root


def _tweet(path: Path, record: RawRecord, overrides: ColumnOverrides,
           threads: _Threads) -> _Tweet | None:
    """One row's turn, its place in the reply chains recorded first so that a row
    skipped for a bad value still links its replies to their thread."""
    fields = {str(name).strip().casefold(): value for name, value in record.fields.items()}
    tweet = _tweet_id(fields.get("tweet_id"))
    if tweet is None:
        raise RecordSkipped("no tweet_id")
    if tweet in threads.parents:
        raise RecordSkipped(f"tweet_id {tweet} appears twice; the first is read")
    threads.add(tweet, _tweet_id(fields.get("in_response_to_tweet_id")),
                _tweet_ids(fields.get("response_tweet_id")))
    inbound = parse_bool(fields.get("inbound"), "inbound")
    if inbound is None:
        raise RecordSkipped("no inbound; a customer's tweet is True, a company's False")
    text = as_text(fields.get("text"))
    if text is None:
        return None
    speaker = _speaker(as_text(fields.get("author_id")), inbound, overrides)
    return _Tweet(tweet, make_turn(path, record.line, tweet, speaker, text.strip(), overrides,
                                   timestamp=fields.get("created_at"), channel=_CHANNEL))


def _speaker(author: str | None, inbound: bool, overrides: ColumnOverrides) -> str:
    """The author as the user mapped it with --role, else by `inbound`: a customer, or a
    company's support staff."""
    if author is not None and author.strip().casefold() in overrides.roles:
        return author
    return "customer" if inbound else "agent"


def _tweet_id(value: Any) -> str | None:
    """A tweet id as text (`3`, `3.0` and 3.0 are the same tweet); None when missing."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else None
    text = str(value).strip()
    if text.isdecimal():
        return text
    if not text or text.casefold() in _MISSING:
        return None
    whole = _WHOLE_FLOAT.match(text)
    return whole.group(1) if whole else text


def _tweet_ids(value: Any) -> tuple[str, ...]:
    """The ids of a `response_tweet_id` cell (`"2,3"`) or a JSON list."""
    parts = value if isinstance(value, list) else str(value or "").split(",")
    return tuple(tweet for tweet in (_tweet_id(part) for part in parts) if tweet)


def _in_time_order(thread: list[_Tweet]) -> list[_Tweet]:
    """By time, the tweet id breaking ties (ids grow with time); by id alone when some
    tweet has no time."""
    if all(tweet.turn.timestamp is not None for tweet in thread):
        return sorted(thread, key=lambda tweet: (tweet.turn.timestamp, _id_order(tweet)))
    return sorted(thread, key=_id_order)


def _id_order(tweet: _Tweet) -> tuple[int, int, str]:
    """Numeric ids in number order, before any that are not numbers."""
    number = tweet.tweet
    return (0, int(number), "") if number.isdecimal() else (1, 0, number)


TWITTER_THREADS = InputFormat(
    "twitter-support-threads", "transcripts", "csv",
    "Customer Support on Twitter rows (tweet_id, inbound, in_response_to_tweet_id)",
    _is_twcs, _read, priority=15)

TWITTER_THREADS_JSON = InputFormat(
    "twitter-support-threads-json", "transcripts", "json",
    "Customer Support on Twitter records as JSON (tweet_id, inbound, "
    "in_response_to_tweet_id)",
    _is_twcs, _read, priority=15)
