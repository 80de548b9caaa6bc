"""LiveChat (text.com) chats: the Agent Chat API's chat object (`get_chat`), the
`list_archives` answer (`{"chats": [...]}`) or the `list_threads` answer
(`{"threads": [...]}`), one per file or one chat per line.

Follows the LiveChat Platform documentation (livechat/livechat-public-docs): the Agent
Chat API data structures (`src/pages/messaging/agent-chat-api/v3.6/data-structures/`:
events `message`, `rich_message`, `file`, `form`, `filled_form`, `custom`,
`system_message`, each with `author_id`, `created_at` and `visibility`, named
`recipients` before v3.4; users `customer` and `agent`; threads with `events`), the
system message reference (`src/pages/messaging/references/system-messages/`), the
sample chat `content/messaging/agent-chat-api/payloads/other-structures/aa_chat.json`,
and the Configuration API's Bots section (`src/pages/management/configuration-api/
v3.5/`): bots "communicate in chats as regular Agents" and, "unlike Agents, don't
have passwords or emails".

- Authors are looked up by `author_id` among the chat's `users`. `customer` is the
  customer. An `agent` with an e-mail address (an agent's id is the login address) is
  a person; one without, a bot agent. An author the chat does not list (a
  `list_threads` answer lists none) is skipped as an unknown role named by its id, for
  the user to map with --role; a --role mapping of a user's id or name also overrides
  the rule above.
- Events for agents only (`visibility` or `recipients` `agents`) are internal notes
  the customer never saw: left out. So are files, custom events and the newer
  `system` events.
- A message is its text; a rich message its cards' titles, subtitles and button
  texts; a form its field labels; a filled form its `label: answer` lines.
- System messages: a transfer (`chat_transferred`) starts a handoff; an agent
  joining, added or assigned by the router (`agent_joined`, `agent_added`,
  `routing.assigned*`) is a person arriving when the named agent is a person in
  `users`, a handoff step when the name is not found, nothing when it is a bot.
  A chat archived because no agent was available (`routing.archived_offline`) is a
  failed handoff, then the end; every other archiving (`routing.archived_*`,
  `manual_archived_*`, `system_archived`, `archived_customer_disconnected`,
  `customer_banned`) ends the session. The rest (ratings, queueing, transcripts)
  carries no event and is left out.
- A conversation is one thread, the span between a chat's start and its archiving:
  its id is `<chat id>/<thread id>` (the chat id is the file's name for a
  `list_threads` answer, which does not carry it). Times are `created_at`
  (RFC 3339, microseconds), or the epoch `timestamp` of API v3.0-3.1.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.loaders.columns import role_option_hint
from auditor.loaders.formats import InputFormat
from auditor.loaders.records import RawRecord, RecordSkipped, Skipped
from auditor.loaders.transcript import TurnRecord, make_turn
from auditor.model import Event

_EVENT_TYPES = frozenset({"message", "rich_message", "file", "form", "filled_form",
                          "custom", "system_message", "system"})
_SPOKEN = frozenset({"message", "rich_message", "form", "filled_form"})
_CLOSED = frozenset({"manual_archived_agent", "manual_archived_customer", "system_archived",
                     "archived_customer_disconnected", "customer_banned"})
_JOINED = frozenset({"agent_joined", "agent_added"})
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True, slots=True)
class _Thread:
    """One thread to read, with the chat it belongs to and the chat's users by id."""

    conversation_id: str
    thread: Mapping[str, Any]
    users: Mapping[str, Mapping[str, Any]]


def _is_livechat(record: Mapping[str, Any]) -> bool:
    """A chat, a `list_archives` answer or a `list_threads` answer."""
    chats = record.get("chats")
    if isinstance(chats, list):
        return any(_is_chat(chat) for chat in chats)
    threads = record.get("threads")
    if isinstance(threads, list) and not isinstance(record.get("users"), list):
        return bool(threads) and _is_thread(threads[0])
    return _is_chat(record)


def _is_chat(value: Any) -> bool:
    if not isinstance(value, Mapping) or not isinstance(value.get("users"), list):
        return False
    threads = value.get("threads")
    if threads == [] and "id" in value:
        return True  # a chat with no thread yet (an archive page lists such chats)
    thread = threads[0] if isinstance(threads, list) and threads else value.get("thread")
    return _is_thread(thread)


def _is_thread(value: Any) -> bool:
    """A thread whose events are LiveChat events (or that has none yet)."""
    if not isinstance(value, Mapping) or not isinstance(value.get("events"), list):
        return False
    events = value["events"]
    first = events[0] if events else None
    return (first is None and "user_ids" in value) or (
        isinstance(first, Mapping) and first.get("type") in _EVENT_TYPES)


def _read(path: Path, records: Iterator[RawRecord], options: Any,
          skipped: list[Skipped]) -> Iterator[TurnRecord]:
    """Every thread's turns; a bad chat, thread or event is skipped with its place, the
    rest of the record and the file are still read."""
    for record in records:
        for thread in _threads(path, record, skipped):
            for position, event in enumerate(thread.thread.get("events") or (), start=1):
                try:
                    yield from _event_turns(path, record.line, thread, event, options)
                except RecordSkipped as reason:
                    skipped.append(RecordSkipped(
                        f"thread {thread.conversation_id}, event {position}: {reason}",
                        kind=reason.kind, value=reason.value).skipped(path, record.line))


def _threads(path: Path, record: RawRecord, skipped: list[Skipped]) -> Iterator[_Thread]:
    """The threads a record holds, each with its chat's id and users."""
    fields = record.fields
    if isinstance(fields.get("chats"), list):
        chats: list[Any] = fields["chats"]
    elif isinstance(fields.get("threads"), list) and not isinstance(fields.get("users"), list):
        chat_id = str(fields.get("chat_id") or path.stem)
        yield from _chat_threads(path, record.line, {"id": chat_id, "users": [],
                                                     "threads": fields["threads"]}, skipped)
        return
    else:
        chats = [fields]
    for chat in chats:
        yield from _chat_threads(path, record.line, chat, skipped)


def _chat_threads(path: Path, line: int, chat: Any,
                  skipped: list[Skipped]) -> Iterator[_Thread]:
    if not isinstance(chat, Mapping):
        skipped.append(Skipped(str(path), line, "a chat that is not an object"))
        return
    chat_id = str(chat.get("id") or path.stem)
    users = {str(user["id"]): user for user in chat.get("users") or ()
             if isinstance(user, Mapping) and user.get("id") is not None}
    threads = chat.get("threads")
    if not isinstance(threads, list):
        if chat.get("thread") is None:
            skipped.append(Skipped(str(path), line, f"chat {chat_id} has neither `thread` "
                                   "nor `threads`"))
            return
        threads = [chat["thread"]]
    for thread in threads:
        if not isinstance(thread, Mapping) or not isinstance(thread.get("events") or [], list):
            skipped.append(Skipped(str(path), line, f"chat {chat_id}: a thread that is not an "
                                   "object with an events list"))
            continue
        thread_id = thread.get("id")
        yield _Thread(f"{chat_id}/{thread_id}" if thread_id else chat_id, thread, users)


def _event_turns(path: Path, line: int, thread: _Thread, event: Any,
                 options: Any) -> list[TurnRecord]:
    """The turns one event is: a message, a canonical event, or none."""
    if not isinstance(event, Mapping):
        raise RecordSkipped("not an event object")
    visibility = event.get("visibility", event.get("recipients"))
    if str(visibility or "all").strip().casefold() == "agents":
        return []  # an internal note: the customer never saw it
    kind = str(event.get("type") or "")
    stamp = event.get("created_at") or event.get("timestamp")
    if kind == "system_message":
        return _system_turns(path, line, thread, event, stamp, options)
    if kind not in _SPOKEN:
        return []
    text = _event_text(kind, event)
    if not text:
        return []
    speaker = _speaker(event.get("author_id"), thread.users, options.overrides)
    return [make_turn(path, line, thread.conversation_id, speaker, text, options.overrides,
                      timestamp=stamp)]


def _speaker(author_id: Any, users: Mapping[str, Mapping[str, Any]], overrides: Any) -> str:
    """The role word for an event's author, looked up among the chat's users."""
    if author_id is None or not str(author_id).strip():
        raise RecordSkipped("event without an author_id", kind="unmapped_field", value="role")
    author = str(author_id).strip()
    user = users.get(author)
    name = str(user.get("name") or "").strip() if user is not None else ""
    for key in (author, name):
        explicit = overrides.roles.get(key.casefold()) if key else None
        if explicit is not None:
            return str(explicit.value)
    if user is None:
        if _EMAIL.match(author):
            return "agent"  # agents' ids are their login e-mails; bots have none
        raise RecordSkipped(f"author {author!r} is not among the chat's users; map it with "
                            f"{role_option_hint(author)}",
                            kind="unknown_role", value=author)
    kind = str(user.get("type") or "").strip()
    if kind == "customer":
        return "customer"
    if kind == "agent":
        return "agent" if _is_person(user) else "bot"
    raise RecordSkipped(f"user {author!r} has type {kind or 'none'!r}; map it with "
                        f"{role_option_hint(author)}",
                        kind="unknown_role", value=author)


def _is_person(user: Mapping[str, Any]) -> bool:
    """An agent who logs in with an e-mail address; bots have none."""
    return any(isinstance(user.get(key), str) and _EMAIL.match(user[key].strip())
               for key in ("email", "id"))


def _system_turns(path: Path, line: int, thread: _Thread, event: Mapping[str, Any],
                  stamp: Any, options: Any) -> list[TurnRecord]:
    """The canonical events of a system message, the first carrying what it said."""
    text = str(event.get("text") or "").strip()
    names = _system_events(event, thread.users)
    return [make_turn(path, line, thread.conversation_id, None, text if index == 0 else "",
                      options.overrides, timestamp=stamp, event=name)
            for index, name in enumerate(names)]


def _system_events(event: Mapping[str, Any],
                   users: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The canonical events a system message stands for (see the module's rules)."""
    kind = str(event.get("system_message_type") or "").strip()
    if kind == "chat_transferred":
        return [Event.HANDOFF_INITIATED.value]
    if kind in _JOINED or kind.startswith("routing.assigned"):
        return _arrival(event, users)
    if kind == "routing.archived_offline":
        return [Event.HANDOFF_FAILED.value, Event.SESSION_CLOSED.value]
    if kind in _CLOSED or kind.startswith("routing.archived"):
        return [Event.SESSION_CLOSED.value]
    return []


def _arrival(event: Mapping[str, Any], users: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """An agent joining or assigned: a person arriving, a handoff step, or a bot."""
    variables = event.get("text_vars")
    name = ""
    if isinstance(variables, Mapping):
        name = str(variables.get("agent_added") or variables.get("agent") or "").strip()
    named = [user for user in users.values()
             if user.get("type") == "agent" and str(user.get("name") or "").strip() == name]
    if not name or not named:
        return [Event.HANDOFF_INITIATED.value]
    if any(_is_person(user) for user in named):
        return [Event.AGENT_JOINED.value]
    return []


def _event_text(kind: str, event: Mapping[str, Any]) -> str:
    """What the customer saw of a message, rich message or form."""
    parts: list[Any]
    if kind == "rich_message":
        parts = [part for element in event.get("elements") or ()
                 if isinstance(element, Mapping)
                 for part in (element.get("title"), element.get("subtitle"),
                              *(button.get("text") for button in element.get("buttons") or ()
                                if isinstance(button, Mapping)))]
    elif kind == "form":
        parts = [field.get("label") for field in _fields(event)]
    elif kind == "filled_form":
        parts = [_answer_line(field) for field in _fields(event)]
    else:
        parts = [event.get("text")]
    return "\n".join(str(part).strip() for part in parts
                     if isinstance(part, str) and part.strip())


def _fields(event: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [field for field in event.get("fields") or () if isinstance(field, Mapping)]


def _answer_line(field: Mapping[str, Any]) -> str:
    """`label: answer` for one filled form field; an empty answer says nothing."""
    answer = field.get("answer")
    if isinstance(answer, Mapping):
        answer = answer.get("label")
    elif isinstance(answer, list):
        answer = ", ".join(str(item.get("label") if isinstance(item, Mapping) else item)
                           for item in answer)
    if answer is None or not str(answer).strip():
        return ""
    label = str(field.get("label") or "").strip().rstrip(":")
    return f"{label}: {answer}" if label else str(answer)


LIVECHAT = InputFormat(
    "livechat-thread", "transcripts", "json",
    "LiveChat Agent Chat API chats (`users` and `thread`/`threads` of events), a "
    "list_archives or a list_threads answer",
    _is_livechat, _read, priority=15, document_is_record=True)
