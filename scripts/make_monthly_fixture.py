"""Write the monthly fixture: six months of support chats and refund decisions of a
made-up bookshop in Maine (Inkwell Books), whose problems change month by month.

    python scripts/make_monthly_fixture.py [--out fixtures/monthly]

The story, so the monthly report's trend has something to show:
- April 2026: a launch week with only a handful of chats (too few to judge);
- May and June: the bot's greeting often does not say it is a bot;
- July: the greeting is fixed (every greeting says "automated assistant");
- September: a new "update my details" flow echoes e-mail addresses, phone numbers and
  card numbers back (a privacy regression), partly fixed in October;
- every month: a few requests for a person that the bot talks over.
Everything is synthetic: example.com addresses, 555-01xx numbers, a documented test
card number, invented names. The output is deterministic (a fixed random seed).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

SEED = 20260501
MONTHS = ((2026, 4, 6), (2026, 5, 44), (2026, 6, 42), (2026, 7, 45), (2026, 8, 43),
          (2026, 9, 46), (2026, 10, 44))
NAMES = ("Lucia Martin", "Jon Ebert", "Aiko Brandt", "Pablo Ferreira", "Nina Okafor",
         "Tomas Weller", "Ines Ruiz", "Omar Haddad", "Carla Vos", "Dev Patel")
TEST_CARD = "4111 1111 1111 1111"  # Visa's documented test number
UNDISCLOSED = "Hi, I'm Sam from Inkwell Books. How can I help you today?"
DISCLOSED = ("Hi, I'm Sam, Inkwell Books' automated assistant. You can ask for a "
             "person at any time. How can I help?")


def _greeting(year: int, month: int, rng: random.Random) -> str:
    """The bot's first message: often undisclosed before the July fix."""
    if (year, month) < (2026, 7) and rng.random() < 0.45:
        return UNDISCLOSED
    return DISCLOSED


def _order_status(rng: random.Random) -> list[tuple[str, str]]:
    days = rng.choice(("two", "three", "four"))
    return [("customer", "Hi, where is my order? It has not arrived yet."),
            ("bot", f"Your order left our warehouse yesterday and should arrive within {days} "
                    "working days."),
            ("customer", "Great, thanks."),
            ("bot", "You're welcome. Is there anything else I can help with?")]


def _returns(rng: random.Random) -> list[tuple[str, str]]:
    return [("customer", "I'd like to return a book, it arrived with a torn cover."),
            ("bot", "Sorry about that. You can return it within 30 days from the Orders page; "
                    "we will send a free return label by e-mail."),
            ("customer", rng.choice(("OK, will do.", "Thanks, that's easy enough.")))]


def _person_honoured(_: random.Random) -> list[tuple[str, str]]:
    return [("customer", "Can I talk to a person please?"),
            ("bot", "Of course. I'm connecting you with a member of our team now."),
            ("system:handoff_initiated", ""),
            ("system:agent_joined", ""),
            ("agent", "Hi, this is Marta from the Inkwell Books support team. How can I help?"),
            ("customer", "My gift card code does not work."),
            ("agent", "I've checked it and reissued the code. It should work now.")]


def _person_ignored(_: random.Random) -> list[tuple[str, str]]:
    return [("customer", "I want to speak to a real person."),
            ("bot", "I can help with most questions right here! What is your question about?"),
            ("customer", "No, I need a human, please."),
            ("bot", "Let me try to help. Could you tell me more about the problem?"),
            ("customer", "Forget it.")]


def _update_details(rng: random.Random, leaky: bool) -> list[tuple[str, str]]:
    name = rng.choice(NAMES)
    email = name.lower().replace(" ", ".") + "@example.com"
    phone = f"+1 202 555 01{rng.randrange(100):02d}"
    if not leaky:
        return [("customer", "I need to change the e-mail address on my account."),
                ("bot", "You can change it under Account settings. For your safety I can't "
                        "change it in this chat."),
                ("customer", "Fine.")]
    return [("customer", f"Please change my e-mail to {email} and my phone to {phone}."),
            ("bot", f"Done! Your e-mail is now {email} and your phone number is {phone}."),
            ("customer", f"And pay the open invoice with my card {TEST_CARD}."),
            ("bot", f"Thank you, {name}. I've charged card {TEST_CARD} for the invoice.")]


def _conversation(year: int, month: int, index: int, rng: random.Random) -> list[dict]:
    # The new "update my details" flow (from September) is busier and echoes what the
    # customer typed; October fixes most of it.
    leaky_share = {9: 0.8, 10: 0.3}.get(month, 0.0) if year == 2026 else 0.0
    details_weight = 30 if (year, month) >= (2026, 9) else 12
    kind = rng.choices(("status", "returns", "honoured", "ignored", "details"),
                       weights=(40, 25, 15, 8, details_weight))[0]
    turns = {"status": _order_status, "returns": _returns, "honoured": _person_honoured,
             "ignored": _person_ignored}.get(kind)
    body = (turns(rng) if turns else
            _update_details(rng, rng.random() < leaky_share))
    day = rng.randrange(1, 28)
    start = datetime(year, month, day, rng.randrange(8, 20), rng.randrange(60), tzinfo=UTC)
    conversation_id = f"ink-{year}{month:02d}-{index:03d}"
    language = "en"
    # Most customers are in Maine, where the shop is; a few order from Colorado.
    region = "US-CO" if index % 9 == 4 else "US-ME"
    lines = []
    for number, (role, text) in enumerate([("bot", _greeting(year, month, rng)), *body]):
        stamp = (start + timedelta(seconds=25 * number)).isoformat().replace("+00:00", "Z")
        record: dict = {"conversation_id": conversation_id, "timestamp": stamp}
        if role.startswith("system:"):
            record.update(role="system", event=role.split(":", 1)[1])
        else:
            record.update(role=role, text=text)
        if number == 0:
            record.update(channel="web", attributes={"language": language, "region": region})
        lines.append(record)
    return lines


def _late_evening() -> list[dict]:
    """A chat at 03:30 UTC on 1 July: still 30 June on the shop's New York clock."""
    start = datetime(2026, 7, 1, 3, 30, tzinfo=UTC)
    turns = [("bot", DISCLOSED), *_order_status(random.Random(1))]
    return [{"conversation_id": "ink-late-june", "role": role, "text": text,
             "timestamp": (start + timedelta(seconds=20 * n)).isoformat().replace("+00:00",
                                                                                  "Z"),
             **({"channel": "web", "attributes": {"language": "en", "region": "US-ME"}}
                if n == 0 else {})}
            for n, (role, text) in enumerate(turns)]


def _decisions(year: int, month: int, rng: random.Random) -> list[dict]:
    """Refund decisions for the month: English and Spanish speakers, both approved four
    times in five."""
    rows = []
    for number in range(70 if month > 4 else 4):
        language = "es" if number % 2 else "en"
        approved = (number // 2) % 5 != 0
        rows.append({
            "decision_id": f"ink-r-{year}{month:02d}-{number:03d}",
            "conversation_id": "",
            "timestamp": datetime(year, month, rng.randrange(1, 28), 12, tzinfo=UTC)
            .isoformat().replace("+00:00", "Z"),
            "decision_type": "refund",
            "outcome": "approved" if approved else "denied",
            "automated": "true", "human_reviewed": "false",
            "reason_codes": "" if approved else "outside_return_window",
            "language": language, "region": "US-ME"})
    return rows


def main() -> int:
    """Write transcripts.jsonl and refunds.csv into the output folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="fixtures/monthly", type=Path)
    args = parser.parse_args()
    rng = random.Random(SEED)
    args.out.mkdir(parents=True, exist_ok=True)
    records, decisions = [], []
    for year, month, count in MONTHS:
        for index in range(count):
            records.extend(_conversation(year, month, index, rng))
        decisions.extend(_decisions(year, month, rng))
    records.extend(_late_evening())
    with (args.out / "transcripts.jsonl").open("w", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    with (args.out / "refunds.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(decisions[0]))
        writer.writeheader()
        writer.writerows(decisions)
    print(f"wrote {len(records)} turns and {len(decisions)} decisions into {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
