"""FAIR006: the bot discourages customers on a prohibited basis."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import ConversationCheck, Options
from auditor.findings import Finding, Reference, Severity
from auditor.language.discouragement import find_discouraging_statement
from auditor.legal import REG_B_DISCOURAGEMENT
from auditor.model import Conversation, Role
from auditor.plain_words import PlainWords


class DiscouragingStatementCheck(ConversationCheck):
    """What it checks
        Bot turns that tie eligibility to a prohibited basis with a discouraging
        word: "applicants over 70 rarely qualify", "we don't lend to people on
        benefits", "las mujeres embarazadas no califican", "les étrangers ne sont pas
        éligibles", "Rentner bekommen nur selten einen Kredit".

    Why it matters
        Regulation B 1002.4(b) forbids statements that would discourage a reasonable
        person, on a prohibited basis, from applying; a bot repeating such a line says
        it to every customer.

    Fails when
        A bot turn holds such a statement: `high`.

    Passes when
        No bot turn pairs eligibility, a prohibited basis and a discouraging cue;
        neutral rules ("customers over 18 can apply") pass.

    Options
        None.

    References
        Regulation B 12 CFR 1002.4(b).
    """

    code = "FAIR006"
    plain = PlainWords(
        action="Remove remarks that put people off applying",
        problem=("the bot hinted that people of a certain age, background or income were less "
                 "likely to qualify"),
        fix="Remove these remarks and state the rules that apply to everyone.")
    name = "discouraging-statement"
    title = "The bot discourages customers on a prohibited basis"
    severity = Severity.HIGH
    remediation = ("Remove eligibility statements that mention age, benefits, sex, family "
                   "status, religion, origin, race or disability from the bot's answers; state "
                   "the actual criteria instead.")
    references = (REG_B_DISCOURAGEMENT,)

    def is_relevant(self, conversation: Conversation) -> bool:
        """Conversations where a bot spoke."""
        return conversation.first_turn(Role.BOT) is not None

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """One finding per bot turn with a discouraging statement."""
        for turn in conversation.turns_by(Role.BOT):
            match = find_discouraging_statement(turn.text)
            if match is not None:
                yield self.finding(
                    conversation,
                    f"At turn {turn.index} the bot ties eligibility to a prohibited basis.",
                    turn=turn, around=match.phrase, references=references,
                    data={"statement_start": match.start},
                )
