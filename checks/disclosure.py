"""The DISC pack: is the customer told, clearly and truthfully, that they talk to a bot?

Phrase detection (English, Spanish, French, German) lives in
`auditor.language.disclosure`; these checks decide what a match means.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from auditor.check import ConversationCheck, Options
from auditor.findings import Finding, Reference, Severity
from auditor.language.disclosure import (
    find_ai_disclosure,
    find_answer_disclosure,
    find_bot_question,
    find_human_claim,
    find_misleading_label,
    find_self_introduction,
    find_weak_disclosure,
)
from auditor.legal import (
    CA_BP_17941,
    EU_AIA_ART50_1,
    EU_AIA_ART50_1_5,
    EU_AIA_ART50_5,
    FTC_ACT_5,
    ME_1500_DD,
    UT_13_77_103,
    UT_13_77_104,
)
from auditor.model import Conversation, Event, Role, Turn
from auditor.plain_words import PlainWords

# Art. 50(5) asks for disclosure "at the latest at the time of the first
# interaction"; the rulebook reads that as the first sentence or 200 characters.
PROMINENT_PREFIX_CHARS = 200


def _has_bot_turn(conversation: Conversation) -> bool:
    """Only conversations where a bot spoke can fail a disclosure rule."""
    return conversation.first_turn(Role.BOT) is not None


class _BotConversationCheck(ConversationCheck):
    """A disclosure check: it evaluates only conversations where a bot spoke.

    Its evidence keeps the bot's persona name readable ("Hi, I'm Emma from the support
    team"), as every check's does (`Check.finding`): what the bot calls itself is the
    point of a disclosure finding. Other turns, and any other name in a bot turn, stay
    masked.
    """

    def is_relevant(self, conversation: Conversation) -> bool:
        """Conversations where a bot spoke."""
        return _has_bot_turn(conversation)


def _valid_notice(turn: Turn) -> bool:
    """A `disclosure_shown` event counts when its text is itself a strong disclosure."""
    return turn.has_event(Event.DISCLOSURE_SHOWN) and find_ai_disclosure(turn.text) is not None


class BotNotDisclosedCheck(_BotConversationCheck):
    """What it checks
        Whether the customer is told they are talking to an AI system at or before the
        bot's first turn: a strong disclosure in that turn, or a `disclosure_shown` event
        (banner, pre-chat notice) before it whose text is a strong disclosure.

    Why it matters
        The EU AI Act requires people to be informed they interact with an AI system
        at the latest at the first interaction; California, Utah and Maine make
        undisclosed bots misleading.

    Fails when
        No strong disclosure comes by the bot's first turn: `high`, or `critical` when
        the bot introduces itself with a personal name. A first disclosure in a later
        bot turn is a finding one severity lower, at the turn it came in.

    Passes when
        The first bot turn, or a notice shown before it, says the customer is talking
        to an AI, a bot, a virtual assistant or an automated service.

    Options
        None.

    References
        EU AI Act Art. 50(1) and 50(5) (from 2026-08-02); California B&P Code §17941
        (from 2019-07-01); Utah Code §13-77-104 (from 2025-05-07); Maine 10 M.R.S.
        §1500-DD (from 2025-09-24).
    """

    code = "DISC001"
    plain = PlainWords(
        action="Tell customers they are chatting with a bot",
        problem="the bot did not say it was a bot at the start",
        fix="Add \"I'm an automated assistant\" to the bot's first message.")
    name = "bot-not-disclosed"
    title = "The bot does not say it is an AI at or before its first turn"
    severity = Severity.HIGH
    remediation = ("Open every conversation with a clear statement that the customer is "
                   "talking to an AI system, e.g. \"Hi, I'm Ava, an AI assistant.\", or show a "
                   "notice with that wording before the first bot message.")
    references = (EU_AIA_ART50_1_5, CA_BP_17941, UT_13_77_104, ME_1500_DD)

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """Look for a disclosure by the first bot turn, then for a late one."""
        first_bot = conversation.first_turn(Role.BOT)
        assert first_bot is not None  # guaranteed by is_relevant
        before = conversation.turns[:first_bot.index]
        if any(_valid_notice(turn) for turn in before) or find_ai_disclosure(first_bot.text):
            return
        severity = self.severity
        if find_self_introduction(first_bot.text):
            severity = Severity.CRITICAL
        late = next((turn for turn in conversation.after(first_bot)
                     if (turn.role is Role.BOT and find_ai_disclosure(turn.text))
                     or _valid_notice(turn)), None)
        if late is not None:
            yield self.finding(
                conversation,
                f"The first AI disclosure came at turn {late.index}, after the bot's first "
                f"turn ({first_bot.index}).",
                turn=late, severity=severity.lowered(), evidence=(first_bot, late),
                data={"first_bot_turn": first_bot.index, "first_disclosure_turn": late.index},
                references=references,
            )
            return
        yield self.finding(
            conversation,
            "The bot never said it is an AI system in this conversation.",
            turn=first_bot, severity=severity,
            data={"first_bot_turn": first_bot.index, "first_disclosure_turn": None},
            references=references,
        )


class WeakDisclosureCheck(_BotConversationCheck):
    """What it checks
        The wording of the bot's opening: a label that suggests a human ("Live chat",
        "Chat with our team"), a self-description that is only weak ("assistant", a
        human-named persona such as "Sam from Support"), and a disclosure buried after
        the first 200 characters.

    Why it matters
        Disclosure must be clear and distinguishable (EU AI Act Art. 50(5)), clear and
        conspicuous (California, Maine). A weak or misleading word leaves a reasonable
        customer thinking a person is typing.

    Fails when
        A misleading label opens a bot conversation without a strong disclosure (`high`);
        the opening uses only a weak term or a personal name (`medium`); the strong
        disclosure comes after the first 200 characters of the opening (`low`).

    Passes when
        The opening bot turn or notice discloses with a strong term near its start.

    Options
        None.

    References
        EU AI Act Art. 50(5) (from 2026-08-02); California B&P Code §17941 (from
        2019-07-01); Maine 10 M.R.S. §1500-DD (from 2025-09-24).
    """

    code = "DISC002"
    plain = PlainWords(
        action="Make the bot notice plain",
        problem=("the bot's notice was vague or came too late, such as \"Live chat\" or \"your "
                 "helper\""),
        fix=("Use the words \"AI assistant\" or \"chatbot\" in the first line, in the "
             "customer's language."))
    name = "weak-or-misleading-disclosure"
    title = "Disclosure wording is weak or misleading"
    severity = Severity.MEDIUM
    remediation = ("Use a strong term (\"AI assistant\", \"virtual agent\", \"automated "
                   "service\", \"chatbot\") in the first sentence, and never label a bot "
                   "conversation \"Live chat\" or \"Chat with our team\".")
    references = (EU_AIA_ART50_5, CA_BP_17941, ME_1500_DD)

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """Judge the opening: notices before the first bot turn and that turn itself."""
        first_bot = conversation.first_turn(Role.BOT)
        assert first_bot is not None  # guaranteed by is_relevant
        opening = [turn for turn in conversation.turns[:first_bot.index + 1]
                   if turn is first_bot or turn.has_event(Event.DISCLOSURE_SHOWN)]
        finding = self._judge_opening(conversation, opening, references)
        if finding is not None:
            yield finding

    def _judge_opening(
        self, conversation: Conversation, opening: Sequence[Turn],
        references: tuple[Reference, ...],
    ) -> Finding | None:
        """The most serious wording problem of the opening, if any."""
        strong = [(turn, match) for turn in opening
                  if (match := find_ai_disclosure(turn.text)) is not None]
        for turn in opening:
            label = find_misleading_label(turn.text)
            if label and not find_ai_disclosure(turn.text):
                return self.finding(
                    conversation, "The bot conversation is labelled with wording that "
                    f"suggests a human ('{label.phrase}').", turn=turn, severity=Severity.HIGH,
                    around=label.phrase, data={"kind": "misleading", "term": label.phrase},
                    references=references)
        if strong:
            turn, match = strong[0]
            if match.start > PROMINENT_PREFIX_CHARS:
                return self.finding(
                    conversation, f"The AI disclosure starts {match.start} characters into "
                    "the opening message, not in its first sentence.", turn=turn,
                    severity=Severity.LOW, around=match.phrase,
                    data={"kind": "buried", "offset": match.start}, references=references)
            return None
        for turn in opening:
            weak = find_weak_disclosure(turn.text) or find_self_introduction(turn.text)
            if weak:
                return self.finding(
                    conversation, "The bot introduces itself only with a weak term or a "
                    f"personal name ('{weak.phrase}').", turn=turn, around=weak.phrase,
                    data={"kind": "weak", "term": weak.phrase}, references=references)
        return None


class BotQuestionNotAnsweredCheck(_BotConversationCheck):
    """What it checks
        When the customer asks whether they are talking to a bot or a human ("are you a
        bot?", "¿eres humano?", "bist du ein Bot?"), whether the next bot turns answer
        truthfully: with a strong term, or indirectly but plainly ("I'm software", "I
        run on servers", "no heartbeat here, just algorithms", "beep boop"), or with a
        short answer that takes the machine side of the question ("Computer." or "The
        latter" to "are you a person or a computer?", "Yes." to "are you a bot?").

    Why it matters
        Utah requires a clear disclosure when asked; the EU AI Act, the FTC and Maine
        forbid leaving the customer misled about talking to a machine.

    Fails when
        None of the next bot turns within the answer window says it is a machine:
        `high` for an evasive answer (a change of subject, a joke that does not say
        what the bot is, "I'm your assistant") or none, `critical` when the bot claims
        to be human, including a short answer taking the human side ("Person.", "The
        former", "Yes." to "are you human?"). An ambiguous question ("who are you?")
        left unanswered is `low`.

    Passes when
        A bot turn within the window says, directly or indirectly, that it is a
        machine, or a human agent has taken over the conversation before the question.
        "I'm not a program" does not count.

    Options
        answer-window: how many bot turns after the question may carry the answer
        (default 2: the reply and one clarifying turn).

    References
        Utah Code §13-77-103(1) (from 2025-05-07); EU AI Act Art. 50(1) (from
        2026-08-02); FTC Act §5; Maine 10 M.R.S. §1500-DD (from 2025-09-24).
    """

    code = "DISC003"
    plain = PlainWords(
        action="Answer \"are you a bot?\" truthfully",
        problem="a customer asked if they were talking to a bot and got no straight answer",
        fix="When asked, reply \"Yes, I'm an automated assistant\" and offer a person.")
    name = "bot-question-not-answered"
    title = "The bot does not truthfully answer \"are you a bot?\""
    severity = Severity.HIGH
    remediation = ("When a customer asks whether they are talking to a bot, answer plainly "
                   "in the next message (\"Yes, I'm an AI assistant\") and offer a human.")
    references = (UT_13_77_103, EU_AIA_ART50_1, FTC_ACT_5, ME_1500_DD)
    default_options = {"answer-window": 2}

    def is_relevant(self, conversation: Conversation) -> bool:
        """Conversations where a bot spoke and the customer asked what it is."""
        return _has_bot_turn(conversation) and any(
            find_bot_question(turn.text) for turn in conversation.turns_by(Role.CUSTOMER))

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """Each question asked while the bot is speaking, against the bot's next turns."""
        window = int(options["answer-window"])
        human_present = False
        for turn in conversation.turns:
            if turn.role is Role.AGENT or turn.has_event(Event.AGENT_JOINED):
                human_present = True
            elif turn.role is Role.BOT:
                human_present = False
            if turn.role is not Role.CUSTOMER or human_present:
                continue
            question = find_bot_question(turn.text)
            if question is None:
                continue
            finding = self._judge_answer(conversation, turn, question.kind, window, references)
            if finding is not None:
                yield finding

    def _judge_answer(
        self, conversation: Conversation, question: Turn, kind: str, window: int,
        references: tuple[Reference, ...],
    ) -> Finding | None:
        """A finding unless a bot turn in the window discloses."""
        replies: list[Turn] = []
        for turn in conversation.after(question):
            if turn.role is Role.AGENT or turn.has_event(Event.AGENT_JOINED):
                return None  # a human took over and answers for themselves
            if turn.role is Role.BOT:
                replies.append(turn)
                if find_answer_disclosure(turn.text, question.text):
                    return None
                if len(replies) >= window:
                    break
        claim = next(((t, c) for t in replies
                      if (c := find_human_claim(t.text, question=question.text))
                      and c.kind == "explicit"), None)
        data = {"question": kind, "replies_checked": len(replies)}
        if claim:
            turn, match = claim
            return self.finding(
                conversation, "Asked whether it is a bot, the bot claimed to be human.",
                turn=turn, severity=Severity.CRITICAL, evidence=(question, turn),
                around=match.phrase, data={**data, "answer": "claims-human"},
                references=references)
        severity = self.severity if kind == "clear" else Severity.LOW
        if not replies:
            message = "The customer asked whether they are talking to a bot; no bot answer came."
        else:
            message = "Asked whether it is a bot, the bot gave an evasive answer."
        return self.finding(
            conversation, message, turn=replies[0] if replies else question,
            severity=severity, evidence=(question, *replies),
            data={**data, "answer": "evasive" if replies else "none"}, references=references)


class BotClaimsHumanCheck(_BotConversationCheck):
    """What it checks
        Every bot turn for a claim to be human: explicit ("I'm a real person", "I'm not
        a bot", "soy una persona real", "ich bin kein Bot", or a short reply taking the
        human side of the customer's question: "Person." to "are you a person or a
        computer?", "Ersteres!" to "bist du ein Mensch oder ein Bot?") or implied ("let
        me ask my manager", "I'm at my desk"). Negations ("I'm not a real person") and
        quotations of the customer are not claims.

    Why it matters
        A bot posing as a person is the core deception the California BOT Act, Maine,
        the FTC and the EU AI Act target.

    Fails when
        A bot turn claims to be human: `critical` when explicit, `medium` when implied.

    Passes when
        No bot turn claims to be human.

    Options
        None.

    References
        California B&P Code §17941 (from 2019-07-01); Maine 10 M.R.S. §1500-DD (from
        2025-09-24); FTC Act §5; EU AI Act Art. 50(1) (from 2026-08-02).
    """

    code = "DISC004"
    plain = PlainWords(
        action="Stop the bot from claiming to be a person",
        problem="the bot said or hinted that it was a person",
        fix="Remove any script or persona text that lets the bot say it is human.")
    name = "bot-claims-human"
    title = "A bot turn claims to be human"
    severity = Severity.CRITICAL
    remediation = ("Remove any persona text or prompt instruction that lets the bot say it "
                   "is a person; make the bot state it is an AI when its identity comes up.")
    references = (CA_BP_17941, ME_1500_DD, FTC_ACT_5, EU_AIA_ART50_1)

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """A finding for every bot turn that claims to be human."""
        for turn, asked in _bot_turns_with_what_they_answer(conversation):
            claim = find_human_claim(turn.text, question=asked)
            if claim is None:
                continue
            explicit = claim.kind == "explicit"
            yield self.finding(
                conversation,
                "A bot turn claims the bot is a human." if explicit else
                "A bot turn implies the bot is a human.",
                turn=turn, severity=self.severity if explicit else Severity.MEDIUM,
                around=claim.phrase, data={"claim": claim.kind, "phrase": claim.phrase},
                references=references)


def _bot_turns_with_what_they_answer(conversation: Conversation) -> Iterator[tuple[Turn, str]]:
    """Each bot turn with the "are you a bot?" question it replies to, or "".

    A short reply ("Person.", "No.") says what the bot is only against the question
    it answers: the last customer turn asking one since the previous bot or agent turn.
    """
    asked = ""
    for turn in conversation.turns:
        if turn.role is Role.CUSTOMER and find_bot_question(turn.text):
            asked = turn.text
        elif turn.role is Role.BOT:
            yield turn, asked
            asked = ""
        elif turn.role is Role.AGENT:
            asked = ""


class SpeakerChangeNotAnnouncedCheck(_BotConversationCheck):
    """What it checks
        Every switch between the bot and a human agent. A human taking over must be
        announced (the agent introduces themselves, or an `agent_joined` notice names
        them); the bot taking back over must disclose again that it is an AI.

    Why it matters
        After a handoff the customer cannot tell who is typing unless told; the EU AI
        Act and the FTC treat that uncertainty as the harm.

    Fails when
        A human agent's first turn after the bot neither introduces them nor follows a
        named `agent_joined` notice, or the bot's first turn after a human does not say
        it is an AI (`medium`).

    Passes when
        Each switch is announced.

    Options
        None.

    References
        EU AI Act Art. 50(1) (from 2026-08-02); FTC Act §5.
    """

    code = "DISC008"
    plain = PlainWords(
        action="Say when a person takes over",
        problem=("a person took over from the bot, or the bot came back, without telling the "
                 "customer"),
        fix=("Have staff say their name when they join. Have the bot say it is a bot again "
             "when it comes back."))
    name = "speaker-change-not-announced"
    title = "A switch between bot and human agent is not announced"
    severity = Severity.MEDIUM
    remediation = ("Have human agents introduce themselves when they take over (\"Hi, I'm "
                   "Dana from the support team\") and have the bot say it is an AI again "
                   "when it takes back over.")
    references = (EU_AIA_ART50_1, FTC_ACT_5)

    def is_relevant(self, conversation: Conversation) -> bool:
        """Conversations where both a bot and a human agent spoke."""
        return _has_bot_turn(conversation) and conversation.first_turn(Role.AGENT) is not None

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """Walk the speakers; judge the first turn after each change."""
        speaker: Role | None = None
        announced = False  # a notice since the last speaker change
        for turn in conversation.turns:
            if turn.role is Role.SYSTEM:
                announced = announced or _announces_agent(turn) or _valid_notice(turn)
                continue
            if turn.role not in (Role.BOT, Role.AGENT):
                continue
            if speaker is not None and turn.role is not speaker:
                finding = self._judge_switch(conversation, turn, announced, references)
                if finding is not None:
                    yield finding
            speaker, announced = turn.role, False

    def _judge_switch(
        self, conversation: Conversation, turn: Turn, announced: bool,
        references: tuple[Reference, ...],
    ) -> Finding | None:
        """A finding when the switch to `turn`'s speaker went unannounced."""
        if turn.role is Role.AGENT:
            if announced or find_self_introduction(turn.text):
                return None
            message = "A human agent took over from the bot without introducing themselves."
        else:
            if announced or find_ai_disclosure(turn.text):
                return None
            message = "The bot took back over from a human agent without saying it is an AI."
        return self.finding(conversation, message, turn=turn,
                            data={"to": turn.role.value}, references=references)


def _announces_agent(turn: Turn) -> bool:
    """An `agent_joined` notice that names or introduces the human."""
    return turn.has_event(Event.AGENT_JOINED) and bool(turn.text.strip())
