"""Amazon Connect Contact Lens output files: the analysis JSON Contact Lens writes to the
instance's S3 bucket for each analysed chat or call, one conversation per file.

Follows the Amazon Connect Administrator Guide, "Example Contact Lens output files for a
call" (`contact-lens-example-output-files`) and "... for a chat"
(`contact-lens-example-output-files-chat`; awsdocs/amazon-connect-admin-guide
`doc_source/contact-lens-example-output-files.md` and `...-chat.md`): top level
`Version`, `AccountId`, `Channel` (VOICE, CHAT), `ContentMetadata.Output` (Raw or
Redacted), `JobStatus`, `LanguageCode`, `Participants[]` (`ParticipantId`,
`ParticipantRole`), `CustomerMetadata.ContactId` and `Transcript[]`. Chat items carry
`AbsoluteTime`, `Type` (MESSAGE, EVENT, ATTACHMENT), `ContentType`, `ParticipantRole`
and `Content`; call items carry `BeginOffsetMillis`/`EndOffsetMillis` and a
`ParticipantId`. The roles are the Connect API's ParticipantRole values (AGENT,
CUSTOMER, SYSTEM, CUSTOM_BOT, SUPERVISOR); the chat event and interactive content
types are those of amazon-connect/amazon-connect-chatjs `src/constants.js`.

- `CUSTOMER` is the customer; `AGENT` and `SUPERVISOR` a person. `SYSTEM` is what the
  contact flow itself says to the customer: its prompts (display name
  `SYSTEM_MESSAGE` in the guide's example) and an Amazon Lex bot's answers, so the
  bot; `CUSTOM_BOT` is a third-party bot added to the chat, also the bot. The flow's
  prompts sent before the customer has written anything or while a person has the
  chat (a greeting, the time in queue) are notices, system turns: no one is talking
  with the bot then. What it sends in reply to the customer is the bot talking. Other roles
  go through the --role mappings. A call item names only its `ParticipantId`, which is
  looked up in `Participants[]` (the guide's call example also writes the role
  itself, `AGENT`, as the id: then it is read as the role).
- Text is `Content` as written: plain text, Markdown, or in a redacted file with
  `[PII]` where Contact Lens removed personal data (kept as is). An interactive
  message (a Lex list picker, quick reply, ...) reads as its titles, subtitles and
  options. Attachments say nothing to judge: left out.
- Chat events: an agent joining (`participant.joined` by an AGENT) is `agent_joined`;
  `transfer.succeeded` a handoff under way, `transfer.failed` a failed one;
  `chat.ended` closes the session. Typing, receipts and the customer or bot joining
  or leaving are plumbing: left out.
- Chat times are `AbsoluteTime`. A call has only offsets from its start and the file
  gives no start time, so its turns have no timestamp (reading order stands).
- The conversation is `CustomerMetadata.ContactId`, else the file's name up to
  `_analysis` (Contact Lens names files `{contact id}_analysis_{time}.json`); the
  channel is `Channel` in lower case.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from auditor.loaders.formats import InputFormat
from auditor.loaders.limits import ReadLimits
from auditor.loaders.records import RawRecord, RecordSkipped, Skipped
from auditor.loaders.rich_text import json_in_field, visible_text
from auditor.loaders.transcript import TurnRecord, make_turn
from auditor.model import Event, Role

ROLES = {"customer": "customer", "agent": "agent", "supervisor": "agent", "system": "bot",
         "custom_bot": "bot"}

_EVENT_PREFIX = "application/vnd.amazonaws.connect.event."
_EVENTS = {"transfer.succeeded": Event.HANDOFF_INITIATED.value,
           "transfer.failed": Event.HANDOFF_FAILED.value,
           "chat.ended": Event.SESSION_CLOSED.value}
_INTERACTIVE = "application/vnd.amazonaws.connect.message.interactive"
# The parts of an interactive template a customer reads; `replyMessage` is shown only
# after a choice and images are not text.
_TEMPLATE_TEXT_KEYS = ("title", "subtitle", "date")  # a time picker's slots are dates
# The display name of what the contact flow itself sends (its "Send message" blocks).
_FLOW_MESSAGE = "SYSTEM_MESSAGE"
_TEMPLATE_SKIPPED_KEYS = frozenset({"replyMessage", "imageData", "imageType",
                                    "imageDescription", "id"})


def _is_contact_lens(record: Mapping[str, Any]) -> bool:
    return (isinstance(record.get("Transcript"), list)
            and isinstance(record.get("Participants"), list)
            and isinstance(record.get("ContentMetadata"), Mapping))


def _read(path: Path, records: Iterator[RawRecord], options: Any,
          skipped: list[Skipped]) -> Iterator[TurnRecord]:
    """Every analysis file's turns; a bad transcript item is skipped with its position,
    the rest of the file is still read."""
    for record in records:
        analysis = record.fields
        conversation_id = _conversation_id(path, analysis)
        channel = str(analysis.get("Channel") or "").strip().casefold() or None
        roles = _participant_roles(analysis.get("Participants"))
        customer_wrote = person_present = False
        for position, item in enumerate(analysis.get("Transcript") or (), start=1):
            try:
                turn = _turn(path, record.line, conversation_id, channel, roles, item,
                             options, notices=not customer_wrote or person_present)
            except RecordSkipped as reason:
                skipped.append(RecordSkipped(f"transcript item {position}: {reason}",
                                             kind=reason.kind, value=reason.value)
                               .skipped(path, record.line))
                continue
            if turn is not None:
                customer_wrote = customer_wrote or turn.role is Role.CUSTOMER
                person_present = person_present or turn.role is Role.AGENT \
                    or turn.event == Event.AGENT_JOINED.value
                yield turn


def _conversation_id(path: Path, analysis: Mapping[str, Any]) -> str:
    """The contact's id, else the contact id that begins the file's name."""
    metadata = analysis.get("CustomerMetadata")
    contact = metadata.get("ContactId") if isinstance(metadata, Mapping) else None
    if isinstance(contact, str) and contact.strip():
        return contact.strip()
    return path.stem.split("_analysis", 1)[0] or path.stem


def _participant_roles(participants: Any) -> dict[str, str]:
    """ParticipantId -> ParticipantRole, from the file's participant list."""
    roles: dict[str, str] = {}
    for participant in participants or ():
        if isinstance(participant, Mapping):
            pid, role = participant.get("ParticipantId"), participant.get("ParticipantRole")
            if isinstance(pid, str) and isinstance(role, str):
                roles[pid] = role
    return roles


def _turn(path: Path, line: int, conversation_id: str, channel: str | None,
          roles: Mapping[str, str], item: Any, options: Any, *,
          notices: bool) -> TurnRecord | None:
    """The turn one transcript item is, or None for what the customer never saw.
    With `notices`, the flow's own messages are notices rather than the bot talking."""
    if not isinstance(item, Mapping):
        raise RecordSkipped("not an object")
    kind = str(item.get("Type") or "MESSAGE").strip().upper()
    content_type = str(item.get("ContentType") or "").strip().casefold()
    role = _role(item, roles)
    common: dict[str, Any] = {"timestamp": item.get("AbsoluteTime"), "channel": channel}
    if kind == "EVENT" or content_type.startswith(_EVENT_PREFIX):
        event = _event(content_type, role)
        if event is None:
            return None
        return make_turn(path, line, conversation_id, None, "", options.overrides,
                         event=event, **common)
    if kind != "MESSAGE":
        return None  # an attachment: a file, nothing said
    text = _message_text(item.get("Content"), content_type, options.limits)
    if not text:
        return None
    if role is None:
        raise RecordSkipped("message without a ParticipantRole or a known ParticipantId; "
                            "map the speaker with --role", kind="unmapped_field",
                            value="role")
    speaker = ROLES.get(role.strip().casefold(), role)
    if notices and speaker == "bot" and item.get("DisplayName") == _FLOW_MESSAGE:
        speaker = "system"
    return make_turn(path, line, conversation_id, speaker, text, options.overrides,
                     **common)


def _role(item: Mapping[str, Any], roles: Mapping[str, str]) -> str | None:
    """The item's own role, else its participant's, else the id when it is a role word."""
    role = item.get("ParticipantRole")
    if isinstance(role, str) and role.strip():
        return role
    pid = item.get("ParticipantId")
    if not isinstance(pid, str) or not pid.strip():
        return None
    return roles.get(pid, pid)


def _event(content_type: str, role: str | None) -> str | None:
    """The canonical event a chat event stands for, if any."""
    name = content_type.removeprefix(_EVENT_PREFIX)
    if name == "participant.joined":
        joined = (role or "").strip().casefold()
        return Event.AGENT_JOINED.value if ROLES.get(joined) == "agent" else None
    return _EVENTS.get(name)


def _message_text(content: Any, content_type: str, limits: ReadLimits) -> str:
    """What the customer read: the content, or an interactive template's text."""
    if not isinstance(content, str):
        return ""
    if content_type.startswith(_INTERACTIVE):
        return _interactive_text(content, limits)
    return content.strip()


def _interactive_text(content: str, limits: ReadLimits) -> str:
    """The titles, subtitles and options of an interactive message, in order."""
    try:
        template = json_in_field(content, "Content", limits)
    except json.JSONDecodeError:
        return content.strip()  # sent as text after all
    parts = visible_text(template.get("data") if isinstance(template, Mapping) else template,
                         _TEMPLATE_TEXT_KEYS, skip=_TEMPLATE_SKIPPED_KEYS)
    return "\n".join(dict.fromkeys(parts))


CONTACT_LENS = InputFormat(
    "contact-lens", "transcripts", "json",
    "Amazon Connect Contact Lens analysis files: `Participants`, `Transcript` and "
    "`ContentMetadata`",
    _is_contact_lens, _read, priority=15, document_is_record=True,
    counts_conversations=True)
