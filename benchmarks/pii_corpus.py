"""A seeded synthetic corpus of support conversations for measuring the PII pack.

The corpus imitates what a support export looks like in bulk: bot replies come from
a few dozen templates (some with a slot for an order number or the customer's first
name), so many bot texts repeat exactly; customers write freely, through a
combinatorial sentence generator with varied vocabulary, casing and typos, and now
and then give personal data (example.com e-mails, 555-01xx phone numbers, documented
test card numbers, invented names and street addresses, a CVV or a password). In a
few conversations the bot mentions another customer's e-mail address, the
cross-customer leak PII006 looks for.

Every value is invented here; nothing comes from real people. `write_corpus` writes
the canonical JSONL transcript format (DESIGN.md section 3): one line per turn, the
conversation's attributes on its first line. The same size and seed always give the
same file.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

__all__ = ["TURNS_PER_CONVERSATION", "CorpusStats", "Customer", "generate", "write_corpus"]

# Turns per conversation the generator makes on average (100,000 turns make 12,191
# conversations): how many turns to ask for to get about so many conversations.
TURNS_PER_CONVERSATION = 8.2

FIRST_NAMES = (
    "Maria", "Jonas", "Priya", "Tomasz", "Aiko", "Kwame", "Elena", "Mateo", "Sofia", "Liam",
    "Noor", "Hannah", "Diego", "Ingrid", "Rafael", "Chloe", "Farah", "Oskar", "Leila", "Marcus",
    "Yuki", "Amara", "Nikolai", "Isabel", "Samir", "Greta", "Tobias", "Lucia", "Emeka", "Freya",
    "Anton", "Beatriz", "Colm", "Dalia", "Emil", "Fatima", "Gustav", "Hana", "Idris", "Julia",
)
LAST_NAMES = (
    "Lopez", "Okafor", "Brennan", "Kowalski", "Tanaka", "Mensah", "Petrova", "Silva", "Rossi",
    "Nguyen", "Haddad", "Schneider", "Moreau", "Lindqvist", "Costa", "Dubois", "Rahman",
    "Novak", "Fischer", "Ortega", "Sato", "Adeyemi", "Ivanova", "Garcia", "Kaur", "Berg",
    "Walsh", "Romano", "Eze", "Jensen", "Alvarez", "Bauer", "Castillo", "Duarte", "Engel",
)
STREETS = (
    "Evergreen Terrace", "Maple Avenue", "Oak Street", "Harbor Road", "Mill Lane",
    "Cedar Drive", "Station Road", "Willow Way", "Beacon Street", "Lakeview Boulevard",
    "Church Street", "Orchard Lane", "Hillcrest Avenue", "River Road", "Park Place",
)
AREA_CODES = ("212", "312", "415", "617", "206", "303", "512", "718")
# Card numbers payment processors document for testing (Luhn-valid, never issued).
TEST_CARDS = ("4111 1111 1111 1111", "5555 5555 5555 4444", "4012 8888 8888 1881",
              "3782 822463 10005", "6011 1111 1111 1117")
PASSWORDS = ("Sunshine42!", "hunter2#", "Tr0ub4dor&3", "blue-Falcon9", "Maple2024?")
REGIONS = ("EU", "US-CA", "US-NY", "UK", "DE", "FR", "US")
PLANS = ("basic", "premium", "business")

PRODUCTS = (
    "blender", "jacket", "headphones", "laptop bag", "coffee grinder", "running shoes",
    "phone case", "desk lamp", "backpack", "water bottle", "keyboard", "monitor stand",
    "yoga mat", "rain coat", "smart watch", "toaster", "kettle", "hoodie", "sofa cover",
    "bike helmet", "camera strap", "travel mug", "air fryer", "e-reader", "gift card",
    "wool scarf", "sneakers", "charger", "router", "vacuum", "winter boots", "tent",
)
PROBLEMS = (
    "never arrived", "arrived broken", "is the wrong size", "stopped working after two days",
    "was charged twice", "is missing a part", "came in the wrong colour", "is still not here",
    "shows delivered but i dont have it", "has a scratch on it", "was cancelled without notice",
    "is stuck in customs", "makes a weird noise", "doesnt turn on", "was sent to my old address",
)
WANTS = (
    "a refund", "a replacement", "to return it", "to cancel the order", "to change the address",
    "to talk to someone", "an update", "to exchange it for another size", "a discount code",
    "to know when it ships", "the invoice", "to update my payment method",
)
OPENERS = ("hi", "hello", "hey", "good morning", "hi there", "hello again", "yo", "hiya", "",
           "", "", "excuse me")
TIMES = ("yesterday", "last week", "on monday", "two weeks ago", "this morning", "on friday",
         "a month ago", "last night", "over the weekend", "3 days ago")
FEELINGS = ("this is really frustrating", "not happy about this", "please help",
            "thanks in advance", "i've been waiting forever", "its urgent", "no rush",
            "appreciate it", "this is the second time", "ugh", "")
FOLLOW_UPS = (
    "ok", "thanks", "thank you!", "great, thanks", "yes", "no", "yes please", "that works",
    "ok cool", "sure", "perfect", "no thats all", "still waiting", "how long will that take?",
    "can you check again?", "is there a tracking link?", "when will i get the money back?",
    "what about the shipping cost?", "ok and then what", "fine", "thx", "cheers",
)

# Bot replies: exact repeats, except for a customer's first name or an order number.
BOT_GREETINGS = (
    "Hi, I'm Ava, an AI assistant for Example Shop. How can I help?",
    "Hello! I'm Max, your virtual agent. What can I do for you today?",
    "Welcome to Example Shop support. I'm an automated assistant; how can I help?",
)
BOT_REPLIES = (
    "I'm sorry to hear that. Could you share your order number?",
    "Thanks for your patience. Let me look into that for you.",
    "I can help with that. Could you tell me a bit more about the problem?",
    "I understand how frustrating that is. One moment while I check.",
    "Refunds usually reach your account within 5 to 7 business days.",
    "You can start a return from the Orders page in your account.",
    "Our returns window is 30 days from delivery.",
    "I've passed this on to our delivery team; they will e-mail you within 24 hours.",
    "Is there anything else I can help you with?",
    "You're welcome! Have a great day.",
    "Tracking updates can take up to 48 hours to appear.",
    "I can't change the address once the parcel has shipped, but the carrier can redirect it.",
    "For security, please never share your password or card details in this chat.",
    "I've created a ticket for this; our team will follow up by e-mail.",
    "Let me connect you with a member of our team.",
    "That item is covered by our one-year warranty.",
    "Could you confirm the e-mail address on your account?",
    "I've applied a 10% discount code to your account as an apology.",
    "The replacement will ship within two business days.",
    "Sorry, I didn't quite get that. Could you rephrase?",
    "The card on file ends in 4242.",
    "Your card ending 1881 was refunded.",
)
BOT_SLOT_REPLIES = (
    "Thanks, {first}! I've found your order #{order}.",
    "Order #{order} shipped yesterday and should arrive within three days.",
    "Hi {first}, your refund for order #{order} has been approved.",
    "Thanks {first}, I can see order {order} was delivered on Monday.",
    "Sorry about that, {first}. I've asked the warehouse to check order #{order}.",
    "Good news, {first}: the replacement for order #{order} is on its way.",
    "I've cancelled order #{order}; you'll get a confirmation e-mail shortly.",
    "Thanks, {first}. Is there anything else I can help with today?",
)
# Rare bot turns that other PII checks look for.
BOT_RISKY_REPLIES = (
    "Please type your full card number here in the chat so I can update it.",
    "Can you tell me your password so I can log in and check?",
    "Do you have any medical conditions we should know about for delivery?",
    "The card on file is 4111 11** **** 1111.",
    "I have your address as {address}, is that still right?",
    "Your card 4111 1111 1111 1111 was charged.",
)
LEAK_TEMPLATE = "I found an account under {email}; is that the one you mean?"
AGENT_REPLIES = (
    "Hi, this is Dana from the support team, I'll take it from here.",
    "Hello, Sam here. I've read the conversation and I'm checking with the warehouse.",
    "Thanks for waiting. I've issued the refund; you'll see it in a few days.",
)


@dataclass(frozen=True, slots=True)
class Customer:
    """One invented customer and the personal data they may give."""

    key: str
    first: str
    last: str
    email: str
    phone: str
    address: str
    card: str


@dataclass(frozen=True, slots=True)
class CorpusStats:
    """What was written: turn and conversation counts, distinct texts, injected leaks."""

    messages: int
    conversations: int
    distinct_texts: int
    leaks: int


def _customers(count: int, rng: random.Random) -> list[Customer]:
    """`count` invented customers with example.com e-mails and 555-01xx numbers."""
    people = []
    for i in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        separator = rng.choice((".", "_", ""))
        email = f"{first.lower()}{separator}{last.lower()}{i}@example.com"
        phone = f"({rng.choice(AREA_CODES)}) 555-01{rng.randrange(100):02d}"
        address = f"{rng.randrange(1, 990)} {rng.choice(STREETS)}"
        people.append(Customer(f"cust-{i:06d}", first, last, email, phone, address,
                               rng.choice(TEST_CARDS)))
    return people


def _typo(word: str, rng: random.Random) -> str:
    """A word with one slip of the keyboard: a swap, a dropped or a doubled letter."""
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    slip = rng.randrange(3)
    if slip == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if slip == 1:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def _roughen(text: str, rng: random.Random) -> str:
    """Casual writing: some typos, sometimes all lower case, sometimes no final stop."""
    words = [_typo(w, rng) if rng.random() < 0.06 else w for w in text.split(" ")]
    text = " ".join(words)
    if rng.random() < 0.3:
        text = text.lower()
    if rng.random() < 0.4:
        text = text.rstrip(".!")
    return text


def _personal_detail(person: Customer, rng: random.Random) -> str:
    """A sentence giving one piece of the customer's personal data."""
    kind = rng.randrange(12)
    if kind < 3:
        return rng.choice(("my email is {v}", "you can email me at {v}", "its {v}",
                           "the account email is {v}")).format(v=person.email)
    if kind < 5:
        return rng.choice(("call me on {v}", "my number is {v}", "phone: {v}",
                           "text me at {v} if needed")).format(v=person.phone)
    if kind < 7:
        return rng.choice(("my name is {f} {l}", "this is {f} {l}", "{f} {l} here",
                           "its under {f} {l}")).format(f=person.first, l=person.last)
    if kind < 9:
        return rng.choice(("ship it to {v}", "i live at {v}", "my address is {v}",
                           "the parcel went to {v}")).format(v=person.address)
    if kind < 10:
        return rng.choice(("my card is {v}", "card number {v}", "i paid with {v}")).format(
            v=person.card)
    if kind < 11:
        return rng.choice(("the cvv is {v}", "CVV {v}", "security code {v}")).format(
            v=rng.randrange(100, 1000))
    return rng.choice(("my password is {v}", "password: {v}")).format(
        v=rng.choice(PASSWORDS))


def _customer_message(person: Customer, rng: random.Random, *, detail: float) -> str:
    """A free-form first message: greeting, problem, what they want, maybe personal data."""
    product = rng.choice(PRODUCTS)
    parts = [
        rng.choice(OPENERS),
        rng.choice((f"my {product} {rng.choice(PROBLEMS)}",
                    f"i ordered a {product} {rng.choice(TIMES)} and it {rng.choice(PROBLEMS)}",
                    f"the {product} i bought {rng.choice(TIMES)} {rng.choice(PROBLEMS)}",
                    f"question about my {product}: it {rng.choice(PROBLEMS)}")),
        rng.choice((f"i want {rng.choice(WANTS)}", f"can i get {rng.choice(WANTS)}?",
                    f"i'd like {rng.choice(WANTS)}", f"how do i get {rng.choice(WANTS)}?")),
    ]
    if rng.random() < detail:
        parts.append(_personal_detail(person, rng))
    parts.append(rng.choice(FEELINGS))
    text = ""
    for part in filter(None, parts):
        text += part if not text else (" " if text.endswith("?") else ". ") + part
    return _roughen(text, rng)


def _follow_up(person: Customer, rng: random.Random) -> str:
    """A short reply, often a stock phrase, sometimes more personal data."""
    if rng.random() < 0.25:
        return _roughen(_personal_detail(person, rng), rng)
    if rng.random() < 0.2:
        return _roughen(f"{rng.choice(FOLLOW_UPS)} {rng.choice(FEELINGS)}".strip(), rng)
    return rng.choice(FOLLOW_UPS)


def _bot_reply(person: Customer, order: str, rng: random.Random) -> str:
    """A templated reply: mostly fixed text, some with the first name or order number."""
    roll = rng.random()
    if roll < 0.02:
        return rng.choice(BOT_RISKY_REPLIES).format(address=person.address)
    if roll < 0.3:
        return rng.choice(BOT_SLOT_REPLIES).format(first=person.first, order=order)
    return rng.choice(BOT_REPLIES)


def _conversation(cid: str, person: Customer, others: Sequence[Customer], start: datetime,
                  rng: random.Random, *, leak: bool) -> Iterator[dict[str, Any]]:
    """The turns of one conversation, as canonical records."""
    order = f"A{rng.randrange(10**6, 10**7)}"
    turns: list[tuple[str, str | None, str | None]] = [
        ("bot", rng.choice(BOT_GREETINGS), None),
        ("customer", _customer_message(person, rng, detail=0.35), None),
    ]
    for _ in range(rng.randrange(1, 5)):
        turns.append(("bot", _bot_reply(person, order, rng), None))
        if leak and rng.random() < 0.5:
            turns.append(("bot", LEAK_TEMPLATE.format(email=rng.choice(others).email), None))
            leak = False
        if rng.random() < 0.05:
            turns.append(("system", None, "auth_verified"))
        turns.append(("customer", _follow_up(person, rng), None))
    if leak:
        turns.append(("bot", LEAK_TEMPLATE.format(email=rng.choice(others).email), None))
    if rng.random() < 0.05:
        turns += [("system", None, "handoff_initiated"), ("agent", rng.choice(AGENT_REPLIES),
                                                          None)]
    turns.append(("bot", rng.choice(BOT_REPLIES[8:10]), None))
    for index, (role, text, event) in enumerate(turns):
        record: dict[str, Any] = {
            "conversation_id": cid,
            "timestamp": (start + timedelta(seconds=25 * index)).isoformat()
            .replace("+00:00", "Z"),
            "role": role,
        }
        if text is not None:
            record["text"] = text
        if event is not None:
            record["event"] = event
        if index == 0:
            record["channel"] = "web"
            attributes = {"language": "en", "region": rng.choice(REGIONS),
                          "plan": rng.choice(PLANS), "customer_id": person.key}
            if rng.random() < 0.3:
                attributes["email"] = person.email
            record["attributes"] = attributes
        yield record


def generate(messages: int, seed: int, *, leak_rate: float = 0.01) -> Iterator[dict[str, Any]]:
    """Exactly `messages` canonical turn records, the same for the same arguments.

    About one customer per eight conversations, so returning customers share a
    `customer_id`; a `leak_rate` share of conversations leak another customer's
    e-mail. The last conversation is cut short to land on `messages`.
    """
    rng = random.Random(seed)
    people = _customers(max(4, messages // 60), rng)
    start = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
    written = 0
    number = 0
    while written < messages:
        person = rng.choice(people)
        cid = f"bench-{number:07d}"
        for record in _conversation(cid, person, people, start + timedelta(minutes=7 * number),
                                    rng, leak=rng.random() < leak_rate):
            if written == messages:
                break
            yield record
            written += 1
        number += 1


def write_corpus(path: Path, messages: int, seed: int, *, leak_rate: float = 0.01) -> CorpusStats:
    """Write the corpus (see `generate`) as JSONL to `path` and say what it holds."""
    conversations: set[str] = set()
    texts: set[int] = set()
    leaks = 0
    with path.open("w", encoding="utf-8") as out:
        for record in generate(messages, seed, leak_rate=leak_rate):
            conversations.add(record["conversation_id"])
            text = record.get("text", "")
            texts.add(hash(text))
            leaks += text.startswith(LEAK_TEMPLATE.split("{", 1)[0])
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return CorpusStats(messages, len(conversations), len(texts), leaks)
