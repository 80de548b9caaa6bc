"""PII006: the bot discloses another customer's identifiers."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from types import MappingProxyType

from auditor.check import CheckOutcome, ConversationFactsCheck, Options, TurnPlace
from auditor.findings import Finding, Reference, Severity
from auditor.jurisdiction import applicable_references, for_sector
from auditor.legal import GDPR_BREACH, HIPAA_BREACH
from auditor.model import AuditInput, Conversation, Role
from auditor.plain_words import PlainWords

from .base import ENGINE_OPTIONS, analyze_all, contexts_of, engine_notes
from .ownership import (
    ACCOUNT,
    CARD_LAST4,
    EMAIL,
    PERSON,
    PHONE,
    STRONG_KINDS,
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


class CrossCustomerLeakCheck(ConversationFactsCheck):
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

    prepare_warms_only = True

    def __init__(self) -> None:
        # One salt for the run: every partition's record hashes identifiers alike, so
        # the index joined from them matches (the salt never leaves the run).
        self._salt = os.urandom(16)

    def notes(self, *, options: Options) -> tuple[str, ...]:
        """Say how names were read: by which pipeline per language, or not at all."""
        return engine_notes(options)

    def prepare(self, audit: AuditInput, *, options: Options) -> None:
        """Analyse all turns in one batched pass before conversations are read."""
        analyze_all(audit, options)

    def fact_of(self, conversation: Conversation, *, options: Options) -> CustomerRecord:
        """What the conversation's customer owns (hashed), and each bot turn that shows
        an identifier this conversation never gave, with its place for a finding."""
        index = OwnershipIndex(salt=self._salt)
        # Customer turns count twice (owned, then seen): look at each turn once.
        contexts = contexts_of(conversation)
        found = {t.index: identifiers_in(t.text, options, contexts.of(t))
                 for t in conversation.turns if t.role is not Role.BOT and t.text}
        owned = attribute_identifiers(conversation)
        owned.update(*(found.get(t.index, set()) for t in conversation.turns_by(Role.CUSTOMER)))
        owner = customer_key(conversation)
        owned_keys = frozenset(index.key(identifier) for identifier in owned)
        if conversation.first_turn(Role.BOT) is None:
            return CustomerRecord(owner, owned_keys, judged=None)
        applicability = applicable_references(self.references, conversation)
        if not applicability.applies:
            return CustomerRecord(owner, owned_keys, judged=False)
        seen = set(owned)
        seen.update(*found.values())
        present = {index.key(identifier) for identifier in seen}
        # HIPAA's breach rule is cited for health care only (`sector` = health).
        references = for_sector(applicability.references, conversation)
        shown = []
        for turn in conversation.turns_by(Role.BOT):
            unseen = sorted({(key, identifier.kind)
                             for identifier in identifiers_in(turn.text, options, contexts.of(turn))
                             if (key := index.key(identifier)) not in present})
            if unseen:
                shown.append(Disclosure(tuple(unseen), TurnPlace.of(conversation, turn),
                                        references))
        return CustomerRecord(owner, owned_keys, judged=True, disclosures=tuple(shown))

    def outcome_from(self, facts: Sequence[object], *, options: Options) -> CheckOutcome:
        """Index who owns what over the whole input, then word a finding for each bot
        turn that showed an identifier some other customer owns."""
        # Two readings of the records, none of them kept: the index is the one thing
        # this check holds of the whole input (its size is reported).
        owners: dict[bytes, set[str]] = {}
        customers: set[str] = set()
        judged = {True: 0, False: 0, None: 0}
        for record in _records(facts):
            customers.add(record.owner)
            judged[record.judged] += 1
            for key in record.owned:
                owners.setdefault(key, set()).add(record.owner)
        findings = [self._finding(disclosure, foreign)
                    for record in _records(facts) if record.judged
                    for disclosure in record.disclosures
                    if (foreign := _foreign(disclosure, owners, record.owner))]
        return CheckOutcome(
            evaluated=judged[True], findings=tuple(findings), not_applicable=judged[False],
            metrics=MappingProxyType({"identifiers_indexed": len(owners),
                                      "customers_indexed": len(customers)}))

    def _finding(self, disclosure: Disclosure,
                 foreign: dict[tuple[bytes, str], frozenset[str]]) -> Finding:
        """Critical for a strong identifier or a name with another; low for a name alone."""
        owners_of_names = set().union(*(o for (_, kind), o in foreign.items() if kind == PERSON))
        name_with_more = any(kind != PERSON and owners & owners_of_names
                             for (_, kind), owners in foreign.items())
        strong = any(kind in STRONG_KINDS for _, kind in foreign) or name_with_more
        kinds = sorted({kind for _, kind in foreign})
        owners = sorted(set().union(*foreign.values()))
        data: dict[str, object] = {"entity_types": kinds, "breach_candidate": strong,
                                   "other_customers": len(owners)}
        disclosed_at = disclosure.place.turn.timestamp
        if strong and disclosed_at is not None:
            data["disclosed_at"] = disclosed_at.isoformat().replace("+00:00", "Z")
            data["notify_by"] = (disclosed_at + BREACH_NOTIFICATION_WINDOW).isoformat() \
                .replace("+00:00", "Z")
        return self.finding_at(disclosure.place, _message(kinds, len(owners), strong),
                               severity=self.severity if strong else Severity.LOW,
                               data=data, references=disclosure.references)


@dataclass(frozen=True, slots=True)
class Disclosure:
    """A bot turn showing identifiers its conversation never gave: their salted hashes
    and kinds, the turn's place and the references in force there. Most such turns show
    the business's own details, which nobody owns: a finding is made only for those
    whose identifiers the index says another customer owns."""

    identifiers: tuple[tuple[bytes, str], ...]
    place: TurnPlace
    references: tuple[Reference, ...]


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    """PII006's record of one conversation: its customer, the salted hashes of what
    the customer owns, and whether the bot's turns were judged (None: no bot turn;
    False: no reference in force) with what they showed."""

    owner: str
    owned: frozenset[bytes]
    judged: bool | None
    disclosures: tuple[Disclosure, ...] = ()


def _records(facts: Sequence[object]) -> Iterator[CustomerRecord]:
    """This check's records among `facts`, read one at a time."""
    return (fact for fact in facts if isinstance(fact, CustomerRecord))


def _foreign(disclosure: Disclosure, owners: dict[bytes, set[str]], me: str
             ) -> dict[tuple[bytes, str], frozenset[str]]:
    """The disclosure's identifiers other customers own, with those customers."""
    foreign = {}
    for identifier in disclosure.identifiers:
        others = frozenset(owners.get(identifier[0], ())) - {me}
        if others:
            foreign[identifier] = others
    return foreign


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
