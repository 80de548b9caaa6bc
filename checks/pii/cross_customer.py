"""PII006: the bot discloses another customer's identifiers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from auditor.check import Check, CheckOutcome, Options
from auditor.findings import Finding, Reference, Severity
from auditor.jurisdiction import applicable_references, for_sector
from auditor.legal import GDPR_BREACH, HIPAA_BREACH
from auditor.model import AuditInput, Conversation, Role, Turn
from auditor.plain_words import PlainWords

from .base import ENGINE_OPTIONS, analyze_all, contexts_of, engine_notes
from .ownership import (
    ACCOUNT,
    CARD_LAST4,
    EMAIL,
    PERSON,
    PHONE,
    STRONG_KINDS,
    Identifier,
    OwnershipIndex,
    attribute_identifiers,
    customer_key,
    identifiers_in,
)

# GDPR Art. 33: notify the supervisory authority within 72 hours of awareness.
BREACH_NOTIFICATION_WINDOW = timedelta(hours=72)
# What the bot did, one wording per kind of identifier, in the order a message lists
# them. The wording says what kind of data was shown, never the value.
DISCLOSED: dict[str, str] = {
    PERSON: "named another customer",
    EMAIL: "showed another customer's e-mail address",
    PHONE: "showed another customer's phone number",
    ACCOUNT: "showed another customer's account or order number",
    CARD_LAST4: "showed a card ending that belongs to another customer's account",
}


class CrossCustomerLeakCheck(Check):
    """What it checks
        Bot turns that disclose an identifier belonging to a different customer and
        never given in this conversation: an e-mail address, a phone number, an
        account or order number, or a name together with one more identifier (card
        last four, e-mail ...). Ownership comes from customer turns and customer
        attributes (`email`, `phone`, `customer_name`, `account_id`, ...) across the
        whole input; sessions sharing a `customer_id` belong to one customer. The
        index holds salted hashes, not values.

    Why it matters
        Showing one customer's data to another is a personal data breach (GDPR Art.
        4(12)); the controller must notify the authority within 72 hours (Art. 33).

    Fails when
        A bot turn discloses another customer's e-mail, phone, account or order
        number, or name plus another identifier (`critical`, flagged as a breach
        candidate with the turn's time and the 72-hour deadline). A name alone is
        `low`: names collide.

    Passes when
        Bots only repeat identifiers of the customer they are talking to.

    Options
        spacy-model, thresholds, allow-patterns, long-text-chars: the PII engine
        settings shared by the pack.

    References
        GDPR Art. 4(12), 33 and 34 (from 2018-05-25); HIPAA 45 CFR 164.400-414 (from
        2009-09-23), cited only when `sector` is `health`.
    """

    code = "PII006"
    plain = PlainWords(
        action="Stop showing one customer's data to another",
        problem="the bot showed one customer's details to a different customer",
        fix=("Make every lookup use only the signed-in customer's records. Treat each case as "
             "a possible data breach."))
    name = "cross-customer-leak"
    title = "The bot discloses another customer's personal data"
    severity = Severity.CRITICAL
    remediation = ("Scope every lookup the bot makes to the authenticated customer, never "
                   "reuse conversation state across sessions, and treat each finding as a "
                   "possible breach: assess it and notify within 72 hours where required.")
    references = (GDPR_BREACH, HIPAA_BREACH)
    default_options = ENGINE_OPTIONS

    def notes(self, *, options: Options) -> tuple[str, ...]:
        """Say how names were read: by which pipeline per language, or not at all."""
        return engine_notes(options)

    def run(self, audit: AuditInput, *, options: Options) -> CheckOutcome:
        """Index ownership over the whole input, then look at every bot turn."""
        analyze_all(audit, options)
        index = OwnershipIndex()
        present: dict[str, set[bytes]] = {}
        for conversation in audit.conversations:
            # Customer turns count twice (owned, then seen): look at each turn once.
            contexts = contexts_of(conversation)
            found = {t.index: identifiers_in(t.text, options, contexts.of(t))
                     for t in conversation.turns if t.role is not Role.BOT and t.text}
            owned = attribute_identifiers(conversation)
            owned.update(*(found.get(t.index, set())
                           for t in conversation.turns_by(Role.CUSTOMER)))
            index.add(owned, customer_key(conversation))
            seen = set(owned)
            seen.update(*found.values())
            present[conversation.id] = {index.key(identifier) for identifier in seen}
        evaluated = not_applicable = 0
        findings: list[Finding] = []
        for conversation in audit.conversations:
            if conversation.first_turn(Role.BOT) is None:
                continue
            applicability = applicable_references(self.references, conversation)
            if not applicability.applies:
                not_applicable += 1
                continue
            evaluated += 1
            # HIPAA's breach rule is cited for health care only (`sector` = health).
            references = for_sector(applicability.references, conversation)
            findings.extend(self._leaks(conversation, index, present[conversation.id],
                                        options, references))
        return CheckOutcome(evaluated, tuple(findings), not_applicable)

    def _leaks(
        self, conversation: Conversation, index: OwnershipIndex, present: set[bytes],
        options: Options, references: tuple[Reference, ...],
    ) -> Iterator[Finding]:
        """A finding for each bot turn that discloses someone else's identifiers."""
        me = customer_key(conversation)
        contexts = contexts_of(conversation)
        for turn in conversation.turns_by(Role.BOT):
            foreign: dict[Identifier, frozenset[str]] = {}
            for identifier in identifiers_in(turn.text, options, contexts.of(turn)):
                if index.key(identifier) in present:
                    continue
                others = index.owners(identifier) - {me}
                if others:
                    foreign[identifier] = others
            if foreign:
                yield self._finding(conversation, turn, foreign, references)

    def _finding(
        self, conversation: Conversation, turn: Turn,
        foreign: dict[Identifier, frozenset[str]], references: tuple[Reference, ...],
    ) -> Finding:
        """Critical for a strong identifier or a name with another; low for a name alone."""
        owners_of_names = set().union(*(o for i, o in foreign.items() if i.kind == PERSON))
        name_with_more = any(i.kind != PERSON and owners & owners_of_names
                             for i, owners in foreign.items())
        strong = any(i.kind in STRONG_KINDS for i in foreign) or name_with_more
        kinds = sorted({i.kind for i in foreign})
        owners = sorted(set().union(*foreign.values()))
        data: dict[str, object] = {"entity_types": kinds, "breach_candidate": strong,
                                   "other_customers": len(owners)}
        if strong and turn.timestamp is not None:
            data["disclosed_at"] = turn.timestamp.isoformat().replace("+00:00", "Z")
            data["notify_by"] = (turn.timestamp + BREACH_NOTIFICATION_WINDOW).isoformat() \
                .replace("+00:00", "Z")
        message = _message(kinds, len(owners), strong)
        return self.finding(conversation, message, turn=turn,
                            severity=self.severity if strong else Severity.LOW,
                            data=data, references=references)


def _message(kinds: list[str], owners: int, strong: bool) -> str:
    """One sentence saying what kinds of data the bot showed, and how sure the match is."""
    order = list(DISCLOSED)
    ordered = sorted(kinds, key=lambda k: (order.index(k) if k in order else len(order), k))
    shown = [DISCLOSED.get(kind, f"showed another customer's {kind.lower().replace('_', ' ')}")
             for kind in ordered]
    if owners == 1:  # all of it is one other customer's: say so after the first mention
        shown[1:] = [phrase.replace("another customer's", "their") for phrase in shown[1:]]
    what = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    if strong:
        return f"The bot {what}: a possible personal data breach."
    # Names and card endings collide between customers: alone they are a lead to review.
    if set(kinds) == {PERSON}:
        weak = "a name match alone"
    elif set(kinds) == {CARD_LAST4}:
        weak = "a card-ending match alone"
    else:
        weak = "a name and a card ending of different customers"
    return f"The bot {what} ({weak}; review it)."
