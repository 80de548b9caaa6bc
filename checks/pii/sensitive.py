"""Special-category data solicited by the bot, and credentials in the transcript."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import Options
from auditor.findings import Finding, Reference, Severity
from auditor.language.pii_requests import find_credential_request, find_special_category_request
from auditor.legal import GDPR_ART9, GDPR_ART32, NIST_SECRETS
from auditor.model import Conversation, Role
from auditor.plain_words import PlainWords
from auditor.secrets import find_secrets

from .base import PiiConversationCheck

_CREDENTIAL_KINDS = frozenset({"PASSWORD", "ONE_TIME_CODE", "SECURITY_ANSWER"})


class SpecialCategorySolicitedCheck(PiiConversationCheck):
    """What it checks
        Bot turns that ask the customer about special-category data: health,
        religion, ethnicity, sexual orientation, political opinions, trade-union
        membership, genetic data (English, Spanish, French, German).

    Why it matters
        GDPR Art. 9(1) prohibits processing such data unless an Art. 9(2) exception
        applies; a support bot rarely has one, and asking invites discrimination.

    Fails when
        A bot turn solicits special-category data (`high`). Data the customer
        volunteers (for a hardship request, say) is not a finding here.

    Passes when
        The bot never asks for such data.

    Options
        spacy-model, thresholds, allow-patterns, long-text-chars: the PII engine
        settings shared by the pack.

    References
        GDPR Art. 9(1).
    """

    code = "PII007"
    plain = PlainWords(
        action="Stop asking about health, religion and similar topics",
        problem="the bot asked for or kept sensitive details such as health or religion",
        fix=("Remove these questions from the bot unless the law allows them and you have "
             "written down why."))
    name = "special-category-solicited"
    title = "The bot asks for special-category data"
    severity = Severity.HIGH
    remediation = ("Remove questions about health, religion, ethnicity, sexuality, politics "
                   "or union membership from bot flows unless a documented Art. 9(2) basis "
                   "applies.")
    references = (GDPR_ART9,)

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """A finding for each bot turn that asks for special-category data."""
        for turn in conversation.turns_by(Role.BOT):
            request = find_special_category_request(turn.text)
            if request:
                yield self.finding(
                    conversation, "The bot asks the customer for special-category data.",
                    turn=turn, around=request.phrase, data={"phrase": request.phrase},
                    references=references)


class CredentialsCheck(PiiConversationCheck):
    """What it checks
        Passwords, one-time codes and security answers in any turn ("my password is
        ...", "the code you sent is 482913"), and bot turns that ask for them.

    Why it matters
        A credential in a transcript lets anyone who reads the log take over the
        account; no legitimate support flow needs the customer to type one in chat.

    Fails when
        A turn holds a password, one-time code or security answer, or the bot asks
        for one (`high`).

    Passes when
        No credential is asked for or stored.

    Options
        spacy-model, thresholds, allow-patterns, long-text-chars: the PII engine
        settings shared by the pack.

    References
        GDPR Art. 32; NIST SP 800-63B §5.1.1.
    """

    code = "PII008"
    plain = PlainWords(
        action="Never ask for passwords in chat",
        problem="a password or one-time code was asked for or written in the chat",
        fix="Send customers to the login or reset page instead, and delete any codes in the logs.")
    name = "credentials-in-transcript"
    title = "Passwords or one-time codes are in the transcript or asked for"
    severity = Severity.HIGH
    remediation = ("Never ask for passwords or codes in chat; send customers to the login or "
                   "reset flow, and purge credentials customers volunteer from stored logs.")
    references = (GDPR_ART32, NIST_SECRETS)

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """Bot requests for credentials, and turns that hold one."""
        for turn in conversation.turns:
            request = find_credential_request(turn.text) if turn.role is Role.BOT else None
            if request:
                yield self.finding(
                    conversation, "The bot asks the customer for a credential.", turn=turn,
                    around=request.phrase, data={"kind": "request"}, references=references)
            kinds = sorted({s.kind for s in find_secrets(turn.text) if s.kind in _CREDENTIAL_KINDS})
            if kinds:
                yield self.finding(
                    conversation, "The transcript holds a credential "
                    f"({', '.join(k.lower().replace('_', ' ') for k in kinds)}).",
                    turn=turn, data={"kinds": kinds}, references=references)
