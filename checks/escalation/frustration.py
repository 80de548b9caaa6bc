"""ESC010: a customer's rising frustration that the bot neither acknowledges nor answers
with a person, and the share of conversations with rising frustration per language and
region."""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

from auditor.check import CheckOutcome, ConversationFactsCheck, Options
from auditor.escalation.frustration import FrustratedTurn, FrustrationEpisode, frustration_episodes
from auditor.escalation.metrics import UNKNOWN, FrustrationFacts, frustration_metrics
from auditor.escalation.requests import HandoffWindow
from auditor.findings import Finding, Reference, Severity
from auditor.jurisdiction import applicable_references, region_of
from auditor.language.customer_escalation import find_hardship, find_self_harm
from auditor.language.human_request import find_human_request
from auditor.language.identify import language_of
from auditor.legal import (
    CFPB_DOOM_LOOPS,
    ES_LEY_10_2025_PERSON,
    FCA_CONSUMER_SUPPORT,
    FCA_FG21_1_VULNERABLE,
)
from auditor.model import Conversation, Turn
from auditor.plain_words import PlainWords

from .base import DecisionLogJoin


def claimed_by(turn: Turn) -> str | None:
    """The check that already judges this customer turn: ESC001 for a request for a
    person, ESC004 for self-harm or hardship; None when no other check does."""
    if find_human_request(turn.text) is not None:
        return "ESC001"
    if find_self_harm(turn.text) is not None or find_hardship(turn.text) is not None:
        return "ESC004"
    return None


def unheeded_episode(episodes: Sequence[FrustrationEpisode]) -> FrustrationEpisode | None:
    """The first episode the bot left unheeded on a turn no other check judges."""
    return next((e for e in episodes if not e.heeded and claimed_by(e.later.turn) is None),
                None)


class FrustrationUnheededCheck(DecisionLogJoin, ConversationFactsCheck):
    """What it checks
        Customer turns that show frustration with the service, scored from their
        signals: profanity and insults ("wtf", "una mierda", "putain", "Saftladen"),
        words of exasperation ("useless", "ridiculous", "waste of time", "inútil",
        "une honte", "n'importe quoi", "unmöglich", "Frechheit"), complaints of having
        to repeat oneself ("this is the third time", "ya te lo dije", "je vous l'ai déjà
        dit", "zum dritten Mal"), a problem that persists ("still not working"),
        shouting in capitals (acronyms and product names such as "UPS", "PIN" or
        "NETGEAR" do not count), repeated "??" or "!!!", and negative sentiment (VADER
        for English; hand-curated word lists for Spanish, French and German, which
        VADER does not read). Words of exasperation, insults and repetition score 2;
        the other signs 1 (a whole message in capitals 2); a turn is frustrated from 2
        and strongly frustrated from 3. Frustration rises when a frustrated turn
        follows another one at least as strong, or two strongly frustrated turns come
        in a row. Praise is not frustration: "thanks so much!!!" and "this is damn
        good" score nothing. The check then asks whether, within the next two bot
        turns, the bot acknowledged the feeling ("I understand how frustrating this
        is", "lo siento mucho", "je comprends votre agacement", "das tut mir leid") or
        offered or started a handoff to a person. It also measures, per language and
        per region, the share of conversations with rising frustration, which the
        report shows beside FAIR003's rates of access to a person.

    Why it matters
        Support-ethics guidance asks that emotional cues lead to empathy or to a
        person. The CFPB describes customers left frustrated and stuck in "doom
        loops" by chatbots; the FCA's Consumer Duty (PRIN 2A.6) expects support that
        meets customers' needs, and its guidance FG21/1 on customers in vulnerable
        circumstances asks firms to notice emotional cues and offer human help; Spain's
        Ley 10/2025 gives customers a person on request. None of these binds a support
        bot to acknowledge feelings on its own: this check applies the standard of care
        for support bots.

    Fails when
        Frustration rises across two customer turns and, within the next two bot turns
        after the second, the bot neither acknowledges the feeling nor offers,
        promises or starts a handoff, and no person is in the conversation: `medium`.
        A "Sorry, I didn't understand" fallback or a bare "I understand." is not an
        acknowledgement. `high` when the conversation ends in that state: nothing
        after the frustration acknowledges it or brings a person.

    Passes when
        The bot acknowledges the frustration or brings a person in time, or a person is
        already there. A turn in which the customer also asks for a person (ESC001
        judges it) or mentions self-harm or hardship (ESC004 judges it) does not raise
        a second finding here; a frustrated turn after it still can. One finding per
        conversation, at the first unheeded rise. An acknowledgement resets the count:
        frustration must rise again across two more turns.

    Options
        Only the pack's handoff options: `handoff-bot-turns` (default 2) is the
        number of bot turns the bot has to acknowledge the frustration or bring a
        person; `handoff-seconds` and `escalation-decisions` (see ESC001) decide what
        counts as a handoff.

    References
        CFPB, Chatbots in consumer finance (2023); FCA Consumer Duty PRIN 2A.6 and
        FG21/1 (United Kingdom); Spain Ley 10/2025. The standard of care for support
        bots, not a binding rule on its own.
    """

    code = "ESC010"
    plain = PlainWords(
        action="Respond when customers are upset",
        problem="a customer was clearly upset and the bot carried on as if nothing was wrong",
        fix="Have the bot say sorry in plain words and offer a person.")
    name = "frustration-unheeded"
    title = "Rising frustration is neither acknowledged nor answered with a person"
    severity = Severity.MEDIUM
    remediation = ("When a customer's frustration shows (swearing, \"this is the third time\", "
                   "capitals, repeated \"??\"), acknowledge it in plain words and offer a "
                   "person; do not answer it with the same script or a did-not-understand "
                   "fallback.")
    references = (CFPB_DOOM_LOOPS, FCA_CONSUMER_SUPPORT, FCA_FG21_1_VULNERABLE,
                  ES_LEY_10_2025_PERSON)
    needs_bot_turns = True

    def fact_of(self, conversation: Conversation, *, options: Options
                ) -> tuple[FrustrationFacts, Finding | None]:
        """Whether the conversation's frustration rose and went unheeded, with the
        finding when it did."""
        bot_turns = HandoffWindow.from_options(options).bot_turns
        language = language_of(conversation)
        episodes = frustration_episodes(conversation, self.evidence(conversation, options),
                                        language=language, bot_turns=bot_turns)
        missed = unheeded_episode(episodes)
        facts = FrustrationFacts(conversation.id, language, region_of(conversation) or UNKNOWN,
                                 rising=bool(episodes), unheeded=missed is not None)
        finding = (None if missed is None else
                   self._finding(conversation, missed, episodes, bot_turns, language))
        return facts, finding

    def outcome_from(self, facts: Sequence[object], *, options: Options) -> CheckOutcome:
        """The findings, and the rates of rising and unheeded frustration."""
        read = [fact for fact in facts if isinstance(fact, tuple)]
        measured = [measured for measured, _ in read]
        findings = tuple(finding for _, finding in read if finding is not None)
        evaluated = sum(fact.rising for fact in measured)
        metrics = frustration_metrics(measured) if measured else {}
        return CheckOutcome(evaluated, findings, metrics=MappingProxyType(metrics))

    def _references(self, conversation: Conversation) -> tuple[Reference, ...]:
        """The references in force for the conversation, else all of them: like every ESC
        check, this one judges every conversation (see `EscalationCheck`)."""
        in_force = applicable_references(self.references, conversation)
        return in_force.references if in_force.applies else self.references

    def _finding(self, conversation: Conversation, episode: FrustrationEpisode,
                 episodes: Sequence[FrustrationEpisode], bot_turns: int,
                 language: str) -> Finding:
        earlier, later = episode.earlier, episode.later
        outcome = ("nothing acknowledged it or brought a person before the conversation "
                   "ended" if episode.ends_unheeded else
                   f"the bot neither acknowledged it nor offered a person in the next "
                   f"{bot_turns} bot turns")
        shown = [earlier.turn, later.turn, *([episode.reply] if episode.reply else [])]
        return self.finding(
            conversation,
            f"The customer's frustration rose from turn {earlier.turn.index} "
            f"({earlier.frustration.describe()}; score {earlier.frustration.score}) to turn "
            f"{later.turn.index} ({later.frustration.describe()}; score "
            f"{later.frustration.score}), and {outcome}.",
            turn=later.turn,
            severity=Severity.HIGH if episode.ends_unheeded else self.severity,
            evidence=shown,
            around=next((s.phrase for s in later.frustration.signals
                         if s.phrase in later.turn.text), None),
            data={"turns": [_turn_data(earlier), _turn_data(later)],
                  "reply_turn": episode.reply.index if episode.reply else None,
                  "bot_turns": bot_turns, "ends_unheeded": episode.ends_unheeded,
                  "episodes": len(episodes), "language": language},
            references=self._references(conversation),
        )


def _turn_data(frustrated: FrustratedTurn) -> dict[str, Any]:
    """A frustrated turn for the finding's data: its score and the kind and points of each
    signal. The words themselves are in the redacted evidence, not here: a run of
    capitals can hold a name."""
    return {"turn": frustrated.turn.index, "score": frustrated.frustration.score,
            "signals": [{"kind": s.kind, "points": s.points}
                        for s in frustrated.frustration.signals]}
