"""Direct identifiers left in stored turns, and the customer's own data over-shared."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType

from auditor.check import Options
from auditor.findings import Finding, Reference, Severity
from auditor.jurisdiction import for_sector, sector_of
from auditor.legal import GDPR_ART5_32, HEALTH_SECTOR, HIPAA_SAFE_HARBOR
from auditor.model import Conversation, Event, Role, Turn
from auditor.pii.context import TextContext
from auditor.plain_words import PlainWords
from auditor.secrets import find_secrets

from .base import ENGINE_OPTIONS, PiiConversationCheck, contexts_of, spans_of

# Severity by identifier type (rulebook PII-004): government and bank identifiers
# high, contact details and birth dates medium, names low.
IDENTIFIER_SEVERITY: Mapping[str, Severity] = MappingProxyType({
    "US_SSN": Severity.HIGH,
    "NATIONAL_ID": Severity.HIGH,
    "IBAN_CODE": Severity.HIGH,
    "EMAIL_ADDRESS": Severity.MEDIUM,
    "PHONE_NUMBER": Severity.MEDIUM,
    "STREET_ADDRESS": Severity.MEDIUM,
    "DATE_OF_BIRTH": Severity.MEDIUM,
    "IP_ADDRESS": Severity.MEDIUM,
    "PERSON": Severity.LOW,
})
# What the bot must not reveal before the customer is authenticated (PII-005).
OWN_SENSITIVE_TYPES = ("STREET_ADDRESS", "DATE_OF_BIRTH", "US_SSN", "NATIONAL_ID", "IBAN_CODE",
                       "CREDIT_CARD")
# An address is the customer's only when the sentence speaks to them ("your address
# is ...", "on file"); "returns go to 1 Example Way" is the business's own address.
_ADDRESSED_TO_CUSTOMER = re.compile(
    r"\b(?:your|you|yours|on file|tu|tus|su|sus|votre|vos|ihr|ihre|ihren|dein|deine)\b",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\n]")


def _about_customer(text: str, start: int) -> bool:
    """Whether the sentence holding position `start` addresses the customer."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    end_match = _SENTENCE_END.search(text, start)
    sentence = text[begin:end_match.start() if end_match else len(text)]
    return _ADDRESSED_TO_CUSTOMER.search(sentence) is not None


def identifier_types(options: Options, turn: Turn,
                     context: TextContext | None = None) -> dict[str, int]:
    """Identifier type -> how many values of it the turn holds, read in `context`."""
    counts: dict[str, int] = {}
    types = [s.entity_type for s in spans_of(options, turn.text, context=context)]
    types += [s.kind for s in find_secrets(turn.text) if s.kind == "DATE_OF_BIRTH"]
    for entity_type in types:
        if entity_type in IDENTIFIER_SEVERITY:
            counts[entity_type] = counts.get(entity_type, 0) + 1
    return counts


class IdentifiersUnredactedCheck(PiiConversationCheck):
    """What it checks
        Direct identifiers stored unredacted in any turn: SSNs, national IDs and IBANs, e-mail
        addresses, phone numbers, street addresses, dates of birth, IP addresses and
        names (names only when a spaCy pipeline is installed). Order and ticket
        numbers are allow-listed; masked tokens such as `<EMAIL_ADDRESS>` pass.

    Why it matters
        GDPR requires data minimisation and security of what is kept (Art. 5 and
        32); the HIPAA Safe Harbor list is the usual taxonomy of identifiers.

    Fails when
        A stored turn holds an identifier: `high` for SSN, national ID or IBAN, `medium` for
        e-mail, phone, address, IP or birth date, `low` for names; one step higher
        when the conversation's `sector` attribute is `health`. One finding per
        conversation and identifier type.

    Passes when
        Stored transcripts are redacted.

    Options
        spacy-model, thresholds, allow-patterns, long-text-chars: the PII engine
        settings shared by the pack.

    References
        GDPR Art. 5(1)(c),(e),(f) and Art. 32 (from 2018-05-25); HIPAA 45 CFR
        164.514(b)(2) (from 2003-04-14), cited only when `sector` is `health`.
    """

    code = "PII004"
    plain = PlainWords(
        action="Remove personal details from chat logs",
        problem=("e-mail addresses, phone numbers or other personal details were kept in the "
                 "chat log"),
        fix="Hide personal details before chats are stored or exported.")
    name = "identifiers-unredacted"
    title = "Direct identifiers are stored unredacted"
    severity = Severity.MEDIUM
    remediation = ("Redact identifiers (replace them with their type, e.g. <EMAIL_ADDRESS>) "
                   "before transcripts are stored or exported.")
    references = (GDPR_ART5_32, HIPAA_SAFE_HARBOR)

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """One finding per identifier type, at the first turn holding it."""
        first_turn: dict[str, Turn] = {}
        totals: dict[str, int] = {}
        contexts = contexts_of(conversation)
        for turn in conversation.turns:
            for entity_type, count in identifier_types(options, turn,
                                                       contexts.of(turn)).items():
                first_turn.setdefault(entity_type, turn)
                totals[entity_type] = totals.get(entity_type, 0) + count
        health = sector_of(conversation) == HEALTH_SECTOR
        # HIPAA's list is cited for health care only; elsewhere GDPR alone, where in force.
        references = for_sector(references, conversation)
        for entity_type, turn in sorted(first_turn.items(), key=lambda item: item[1].index):
            severity = IDENTIFIER_SEVERITY[entity_type]
            if health:
                severity = severity.raised()
            label = entity_type.lower().replace("_", " ")
            yield self.finding(
                conversation, f"An unredacted {label} is stored ({totals[entity_type]} in all).",
                turn=turn, severity=severity, anchor=f"{entity_type}|{turn.text}",
                data={"entity_type": entity_type, "occurrences": totals[entity_type]},
                references=references)


class OwnDataOverDisclosedCheck(PiiConversationCheck):
    """What it checks
        Bot turns that reveal sensitive data (a full address, birth date, SSN,
        national ID, IBAN or card number) before the customer is authenticated (an
        `auth_verified` event), unless the customer typed that value earlier in the
        conversation. An address counts only in a sentence addressed to the
        customer ("your address is ..."), not the business's own address.

    Why it matters
        Reading stored data back to whoever is typing discloses it to an
        unverified person (GDPR Art. 5(1)(f) and 32).

    Fails when
        A bot turn before `auth_verified` shows such a value the customer did not
        give in this conversation (`high`). With the option `require-auth-event`
        off, conversations without any `auth_verified` event are not judged.

    Passes when
        Sensitive data is shown only after authentication, or only masked.

    Options
        require-auth-event: treat a conversation with no `auth_verified` event as
        unauthenticated throughout (default true).
        spacy-model, thresholds, allow-patterns, long-text-chars: the PII engine
        settings shared by the pack.

    References
        GDPR Art. 5(1)(c),(e),(f) and Art. 32.
    """

    code = "PII005"
    plain = PlainWords(
        action="Check who the customer is before showing their details",
        problem="the bot showed a customer's personal details before checking who they were",
        fix="Check who the customer is first, and show only what the task needs.")
    name = "own-data-over-disclosed"
    title = "The bot reveals the customer's sensitive data before authentication"
    severity = Severity.HIGH
    remediation = ("Verify the customer before showing stored personal data, and mask what "
                   "the task does not need (e.g. \"address on file ending ...Main St\").")
    references = (GDPR_ART5_32,)
    default_options = MappingProxyType({**ENGINE_OPTIONS, "require-auth-event": True})

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """Bot turns before authentication that show values the customer did not give."""
        if not options["require-auth-event"] and not any(
                t.has_event(Event.AUTH_VERIFIED) for t in conversation.turns):
            return
        given: set[str] = set()
        contexts = contexts_of(conversation)
        for turn in conversation.turns:
            if turn.has_event(Event.AUTH_VERIFIED):
                return
            values = {span.value(turn.text).casefold(): span.entity_type
                      for span in spans_of(options, turn.text, *OWN_SENSITIVE_TYPES,
                                           context=contexts.of(turn))
                      if span.entity_type != "STREET_ADDRESS"
                      or _about_customer(turn.text, span.start)}
            values.update({turn.text[s.start:s.end].casefold(): s.kind
                           for s in find_secrets(turn.text) if s.kind == "DATE_OF_BIRTH"})
            if turn.role is not Role.BOT:
                given.update(values)
                continue
            shown = sorted({kind for value, kind in values.items() if value not in given})
            if shown:
                yield self.finding(
                    conversation, "Before authentication, the bot shows the customer's "
                    f"{', '.join(k.lower().replace('_', ' ') for k in shown)}.",
                    turn=turn, data={"entity_types": shown}, references=references)
