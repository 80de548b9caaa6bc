"""Card data: PAN shown beyond BIN and last four, PAN stored, sensitive authentication data."""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.check import Options
from auditor.findings import Finding, Reference, Severity
from auditor.language.pii_requests import find_card_number_request
from auditor.legal import PCI_DSS_3_3_1, PCI_DSS_3_4_1, PCI_DSS_3_5_1
from auditor.model import Conversation, Role, Turn
from auditor.pii.card_numbers import is_card_number
from auditor.plain_words import PlainWords
from auditor.secrets import find_secrets

from .base import PiiConversationCheck, contexts_of, spans_of

# A card number with some digits masked: 13-19 positions of digits or mask
# characters in groups, at least one masked. Fully visible numbers are left to
# presidio's Luhn-checked recognizer.
_MASKED_PAN = re.compile(r"(?<![\w*•#])(?:[\dXx*•#]{4}[ -]?){3}[\dXx*•#]{1,7}(?![\w*•#])")
_MASK_CHARS = frozenset("Xx*•#")
# PCI DSS 3.4.1: the BIN (six digits, eight for 8-digit BINs) and the last four are
# the most that may be displayed.
_MAX_VISIBLE_DIGITS = 8 + 4
_BIN_AND_LAST_FOUR = 6 + 4
_AUTH_DATA_KINDS = frozenset({"CARD_SECURITY_CODE", "PIN", "TRACK_DATA"})


# A turn that is nothing but a piece of a number ("4111", "1111 1111").
_DIGITS_ONLY = re.compile(r"^\s*\d[\d \-]*\s*$")


def split_card_numbers(conversation: Conversation) -> list[tuple[Turn, ...]]:
    """Card numbers typed over consecutive turns of one speaker ("4111", "1111",
    "1111", "1111"): each as the run of turns that holds it."""
    found: list[tuple[Turn, ...]] = []
    run: list[Turn] = []
    for turn in [*conversation.turns, None]:
        if turn is not None and _DIGITS_ONLY.match(turn.text) \
                and (not run or run[-1].role is turn.role):
            run.append(turn)
            continue
        found.extend(_card_runs(run))
        run = [turn] if turn is not None and _DIGITS_ONLY.match(turn.text) else []
    return found


def _card_runs(run: list[Turn]) -> Iterator[tuple[Turn, ...]]:
    """The shortest stretches of two or more turns of `run` that make a card number."""
    start = 0
    while start < len(run) - 1:
        digits = ""
        for end in range(start, len(run)):
            digits += re.sub(r"\D", "", run[end].text)
            if len(digits) > 19:
                break
            if end > start and is_card_number(digits):
                yield tuple(run[start:end + 1])
                start = end
                break
        start += 1


def _masked_pans(text: str) -> Iterator[tuple[str, int]]:
    """(matched text, visible digits) for each partly masked card number."""
    for match in _MASKED_PAN.finditer(text):
        value = match.group().strip()
        positions = [c for c in value if c.isdigit() or c in _MASK_CHARS]
        if not 13 <= len(positions) <= 19 or not _MASK_CHARS & set(value):
            continue
        yield value, sum(c.isdigit() for c in positions)


class CardNumberDisplayedCheck(PiiConversationCheck):
    """What it checks
        Card numbers the bot or an agent shows the customer: a full card number
        (Luhn-valid, 12-19 digits of any network, also read out over consecutive
        turns), or a masked one that leaves more digits visible than the BIN and the
        last four.

    Why it matters
        PCI DSS Req. 3.4.1 allows at most the BIN and the last four digits to be
        displayed; anything more exposes the card to whoever sees the chat.

    Fails when
        A bot or agent turn shows a full card number, or a masked one with more than
        the BIN and last four visible (`critical`). BIN plus last four is reported as
        `info`: allowed, but last four alone is better.

    Passes when
        Card numbers are shown as the last four digits at most.

    Options
        spacy-model, thresholds, allow-patterns, long-text-chars: the PII engine
        settings shared by the pack.

    References
        PCI DSS v4.0.1 Req. 3.4.1.
    """

    code = "PII001"
    plain = PlainWords(
        action="Hide card numbers in replies",
        problem="the bot or an agent showed a full card number",
        fix="Show only the last four digits, such as \"card ending 4242\".")
    name = "card-number-displayed"
    title = "A card number is shown beyond the BIN and last four digits"
    severity = Severity.CRITICAL
    remediation = ("Mask card numbers in every bot and agent reply to the last four digits "
                   "(\"card ending 4242\"); never echo a card number back.")
    references = (PCI_DSS_3_4_1,)

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """Each bot or agent turn that shows too much of a card number."""
        for pieces in split_card_numbers(conversation):
            if pieces[0].role in (Role.BOT, Role.AGENT):
                yield self.finding(
                    conversation, f"A full card number is shown to the customer in "
                    f"{len(pieces)} pieces.", turn=pieces[-1],
                    data={"visible_digits": "all", "turns": [t.index for t in pieces]},
                    references=references)
        for turn in conversation.turns:
            if turn.role not in (Role.BOT, Role.AGENT):
                continue
            if spans_of(options, turn.text, "CREDIT_CARD",
                        context=contexts_of(conversation).of(turn)):
                yield self.finding(conversation, "A full card number is shown to the customer.",
                                   turn=turn, data={"visible_digits": "all"},
                                   references=references)
                continue
            for _, visible in _masked_pans(turn.text):
                if visible > _MAX_VISIBLE_DIGITS or visible == _BIN_AND_LAST_FOUR:
                    too_many = visible > _MAX_VISIBLE_DIGITS
                    yield self.finding(
                        conversation,
                        f"A masked card number shows {visible} digits, more than the BIN and "
                        "last four." if too_many else
                        "A masked card number shows the BIN and last four; last four alone "
                        "is safer.",
                        turn=turn, severity=self.severity if too_many else Severity.INFO,
                        data={"visible_digits": visible}, references=references)
                    break


class CardNumberStoredCheck(PiiConversationCheck):
    """What it checks
        Full card numbers (Luhn-valid, 12-19 digits of any network) stored in any turn
        of the transcript, whoever wrote them, also when typed over consecutive turns
        ("4111", "1111", "1111", "1111"), and bots that ask the customer to type a
        card number in the chat.

    Why it matters
        PCI DSS Req. 3.5.1 requires the PAN to be unreadable anywhere it is stored;
        a transcript log is storage. Asking for the number in chat puts it there.

    Fails when
        Any stored turn holds a full card number (`critical`); the bot asks the
        customer to type a card number in the chat (`high`).

    Passes when
        No turn holds a full card number and card details go through a tokenised
        payment form.

    Options
        spacy-model, thresholds, allow-patterns, long-text-chars: the PII engine
        settings shared by the pack.

    References
        PCI DSS v4.0.1 Req. 3.5.1.
    """

    code = "PII002"
    plain = PlainWords(
        action="Keep card numbers out of chat logs",
        problem="a full card number was saved in the chat log",
        fix=("Take card details in a secure payment form, not in the chat. Remove card numbers "
             "from stored logs."))
    name = "card-number-stored"
    title = "A full card number is stored in the transcript"
    severity = Severity.CRITICAL
    remediation = ("Redact card numbers before transcripts are stored, and collect card "
                   "details through a tokenised payment form instead of the chat.")
    references = (PCI_DSS_3_5_1,)

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """One finding for stored card numbers, one for each request to type one."""
        contexts = contexts_of(conversation)
        stored = [turn for turn in conversation.turns
                  if spans_of(options, turn.text, "CREDIT_CARD", context=contexts.of(turn))]
        stored += [turn for pieces in split_card_numbers(conversation) for turn in pieces]
        stored.sort(key=lambda turn: turn.index)
        if stored:
            yield self.finding(
                conversation, f"A full card number is stored in {len(stored)} turn(s).",
                turn=stored[0], data={"turns": [t.index for t in stored]},
                references=references)
        for turn in conversation.turns_by(Role.BOT):
            request = find_card_number_request(turn.text)
            if request:
                yield self.finding(
                    conversation, "The bot asks the customer to type a card number in the chat.",
                    turn=turn, severity=Severity.HIGH, around=request.phrase,
                    data={"kind": "request"}, references=references)


class SensitiveAuthenticationDataCheck(PiiConversationCheck):
    """What it checks
        Card security codes (CVV, CVC), PINs and magnetic-stripe track data anywhere
        in the transcript, recognised by a context word before the value
        ("CVV", "código de seguridad", "cryptogramme", "Prüfnummer", "PIN").

    Why it matters
        PCI DSS Req. 3.3.1 forbids keeping sensitive authentication data after
        authorization, even encrypted.

    Fails when
        Any turn holds a security code, a PIN or track data (`critical`).

    Passes when
        No such value is in the transcript.

    Options
        spacy-model, thresholds, allow-patterns, long-text-chars: the PII engine
        settings shared by the pack.

    References
        PCI DSS v4.0.1 Req. 3.3.1.
    """

    code = "PII003"
    plain = PlainWords(
        action="Never take security codes in chat",
        problem="a card security code or PIN was written in the chat",
        fix=("Tell customers never to type a security code or PIN in the chat, and delete any "
             "that are stored."))
    name = "sensitive-authentication-data"
    title = "A card security code, PIN or track data is in the transcript"
    severity = Severity.CRITICAL
    remediation = ("Never ask for or accept CVV, PIN or track data in chat; purge any that "
                   "customers volunteer from stored transcripts.")
    references = (PCI_DSS_3_3_1,)

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """A finding for each turn holding sensitive authentication data."""
        for turn in conversation.turns:
            kinds = sorted({s.kind for s in find_secrets(turn.text) if s.kind in _AUTH_DATA_KINDS})
            if kinds:
                yield self.finding(
                    conversation, "The transcript holds sensitive authentication data "
                    f"({', '.join(k.lower().replace('_', ' ') for k in kinds)}).",
                    turn=turn, data={"kinds": kinds}, references=references)
