"""Who owns which identifier: a salted-hash index over the whole input.

An identifier belongs to the customer whose turns or attributes hold it. The index
keeps keyed hashes (HMAC-SHA256 with a random per-run salt), never raw values, so
it can sit in memory for a year of transcripts without becoming a copy of them.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from auditor.check import Options
from auditor.model import Conversation
from auditor.pii.context import TextContext

from .base import spans_of

EMAIL, PHONE, ACCOUNT, PERSON, CARD_LAST4 = (
    "EMAIL_ADDRESS", "PHONE_NUMBER", "ACCOUNT_NUMBER", "PERSON", "CARD_LAST4")

# Order, account and similar numbers: a keyword, then a token with a digit in it.
_ACCOUNT = re.compile(
    r"\b(?:order|account|acct|booking|reservation|policy|membership|member|customer|invoice|"
    r"pedido|cuenta|commande|compte|bestellung|konto)\s*(?:number|no\.?|num|n[º°o]|#|id|"
    r"nummer)?\s*[:#]?\s*((?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,})\b", re.IGNORECASE)
_LAST_FOUR = re.compile(
    r"\b(?:ending(?: in| with)?|ends in|last (?:four|4)(?: digits)?(?: are| of| is)?|"
    r"terminada en|se terminant par|endet auf|endend auf)\s*[:#]?\s*(\d{4})\b", re.IGNORECASE)
# Attributes that carry a customer's identifiers, by the kind they hold.
ATTRIBUTE_KINDS: Mapping[str, str] = {
    "email": EMAIL, "customer_email": EMAIL, "phone": PHONE, "customer_phone": PHONE,
    "name": PERSON, "customer_name": PERSON, "account_id": ACCOUNT, "account": ACCOUNT,
    "order_id": ACCOUNT, "customer_id": ACCOUNT, "card_last4": CARD_LAST4, "last4": CARD_LAST4,
}
# When an export links sessions of the same customer, this attribute says so.
CUSTOMER_KEY_ATTRIBUTES = ("customer_id", "account_id", "user_id", "contact_id")
STRONG_KINDS = frozenset({EMAIL, PHONE, ACCOUNT})


@dataclass(frozen=True, slots=True)
class Identifier:
    """A normalised identifier value and its kind (kept only while hashing)."""

    kind: str
    value: str


def normalise(kind: str, value: str) -> str | None:
    """The comparable form of an identifier, or None when it is too weak to compare."""
    if kind == PHONE:
        digits = re.sub(r"\D", "", value)
        return digits[-10:] if len(digits) >= 7 else None
    if kind == CARD_LAST4:
        digits = re.sub(r"\D", "", value)
        return digits[-4:] if len(digits) >= 4 else None
    if kind == PERSON:
        tokens = value.casefold().split()
        # A single first name ("Ava", "Sam") matches too many people to mean anything.
        return " ".join(tokens) if len(tokens) >= 2 else None
    folded = value.strip().casefold() if kind == EMAIL else value.strip().upper()
    return folded or None


def identifiers_in(text: str, options: Options,
                   context: TextContext | None = None) -> set[Identifier]:
    """Identifiers a text read in `context` holds: e-mails, phones, names, card last
    fours, account numbers."""
    found: list[tuple[str, str]] = []
    for span in spans_of(options, text, EMAIL, PHONE, PERSON, "CREDIT_CARD", context=context):
        kind = CARD_LAST4 if span.entity_type == "CREDIT_CARD" else span.entity_type
        found.append((kind, span.value(text)))
    found += [(ACCOUNT, m.group(1)) for m in _ACCOUNT.finditer(text)]
    found += [(CARD_LAST4, m.group(1)) for m in _LAST_FOUR.finditer(text)]
    return {Identifier(kind, value) for kind, raw in found
            if (value := normalise(kind, raw)) is not None}


def attribute_identifiers(conversation: Conversation) -> set[Identifier]:
    """Identifiers declared in a conversation's customer attributes."""
    found = set()
    for name, raw in conversation.attributes.items():
        kind = ATTRIBUTE_KINDS.get(name.casefold())
        value = normalise(kind, raw) if kind else None
        if kind and value:
            found.add(Identifier(kind, value))
    return found


def customer_key(conversation: Conversation) -> str:
    """Whose conversation this is: a customer id attribute if given, else the conversation."""
    for name in CUSTOMER_KEY_ATTRIBUTES:
        value = conversation.attributes.get(name)
        if value and value.strip():
            return f"customer:{value.strip()}"
    return f"conversation:{conversation.id}"


@dataclass
class OwnershipIndex:
    """Keyed hashes of identifiers -> the customers who own them."""

    salt: bytes = field(default_factory=lambda: os.urandom(16))
    _owners: dict[bytes, set[str]] = field(default_factory=dict)

    def key(self, identifier: Identifier) -> bytes:
        """The salted hash standing in for an identifier."""
        message = f"{identifier.kind}\x1f{identifier.value}".encode()
        return hmac.new(self.salt, message, hashlib.sha256).digest()[:16]

    def add(self, identifiers: Iterable[Identifier], owner: str) -> None:
        """Record that `owner` holds these identifiers."""
        for identifier in identifiers:
            self._owners.setdefault(self.key(identifier), set()).add(owner)

    def owners(self, identifier: Identifier) -> frozenset[str]:
        """The customers who hold this identifier."""
        return frozenset(self._owners.get(self.key(identifier), ()))

    def __len__(self) -> int:
        """How many distinct identifiers are indexed."""
        return len(self._owners)
