"""Legal obligations with a start date, for the monthly report's "coming up" list.

Each entry follows the project's rulebook (legal basis and effective dates): what the
law asks of a business that runs a customer-support chatbot, in plain words, and the
day it starts to bind (or, for a law in force with a transition period, the day the
period ends). Obligations that bind other kinds of chatbot only (companion and
mental-health bots) are left out. Not legal advice: a date marked `to_confirm` is
one the rulebook flags for a check against the official journal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from auditor.jurisdiction import profile_codes
from auditor.legal import (
    CA_BOT_ACT,
    CCD_2023_2225,
    CO_SB26_189_URL,
    EU_AI_ACT,
    MAINE_LD_1727,
    REG_B_URL,
    SPAIN_LEY_10_2025,
    UTAH_13_77,
)

__all__ = ["OBLIGATIONS", "UPCOMING_DAYS", "Obligation", "upcoming_obligations"]

# How far ahead the monthly report looks for obligations that start.
UPCOMING_DAYS = 90


@dataclass(frozen=True, slots=True)
class Obligation:
    """A duty that starts on a given day in one jurisdiction."""

    starts: date
    jurisdiction: str
    law: str
    requires: str
    url: str
    to_confirm: bool = False

    def to_dict(self) -> dict[str, object]:
        """The JSON form kept in monthly reports."""
        return {"starts": self.starts.isoformat(), "jurisdiction": self.jurisdiction,
                "law": self.law, "requires": self.requires, "url": self.url,
                "to_confirm": self.to_confirm}


def _on(day: str, jurisdiction: str, law: str, requires: str, url: str, *,
        to_confirm: bool = False) -> Obligation:
    return Obligation(date.fromisoformat(day), jurisdiction, law, requires, url, to_confirm)


OBLIGATIONS: tuple[Obligation, ...] = (
    _on("2019-07-01", "US-CA", "California bot disclosure law (B&P Code §17941)",
        "A bot that sells to people online must not hide that it is a bot.", CA_BOT_ACT),
    _on("2025-05-07", "US-UT", "Utah AI disclosure law (SB 226)",
        "When a customer clearly asks, the bot must say it is AI and not a person.",
        UTAH_13_77),
    _on("2025-09-24", "US-ME", "Maine chatbot law (10 M.R.S. §1500-DD)",
        "A chatbot must not lead a customer to think it is a person unless it says "
        "clearly that it is a bot.", MAINE_LD_1727, to_confirm=True),
    _on("2025-12-28", "ES", "Spain's customer-service law (Ley 10/2025), in force",
        "Customers must be able to reach a person when they ask. Service may not be run "
        "by bots alone.", SPAIN_LEY_10_2025),
    _on("2026-07-21", "US", "Credit rules on off-putting statements (Regulation B, amended)",
        "The bot must not say anything that would put people off applying for credit "
        "because of who they are.", REG_B_URL),
    _on("2026-08-02", "EU", "EU AI Act, Article 50",
        "Tell people clearly that they are talking to an AI system, at the latest when "
        "the chat starts.", EU_AI_ACT),
    _on("2026-11-20", "EU", "EU Consumer Credit Directive (2023/2225)",
        "When a computer decides on credit, the customer can ask for a person to review "
        "it, hear why, and give their side.", CCD_2023_2225),
    _on("2026-12-02", "EU", "EU AI Act, Article 50(2)",
        "Text, sound and images made by AI must be marked as AI-made in a way machines "
        "can read.", EU_AI_ACT, to_confirm=True),
    _on("2026-12-28", "ES", "Spain's customer-service law (Ley 10/2025), end of the "
        "time to adapt",
        "A person on request, complaints answered within 15 working days with a "
        "reference number, and calls answered within 3 minutes.", SPAIN_LEY_10_2025),
    _on("2027-01-01", "US-CO", "Colorado's AI act (SB26-189)",
        "Tell customers before a computer makes an important decision about them. After "
        "a refusal, explain it within 30 days and offer a review by a person.",
        CO_SB26_189_URL),
    _on("2027-07-01", "US-UT", "Utah AI disclosure law (SB 226), end date",
        "Utah's AI disclosure rules end on this day unless they are renewed.", UTAH_13_77),
)


def upcoming_obligations(today: date, jurisdictions: Iterable[str], *,
                         days: int = UPCOMING_DAYS,
                         obligations: Sequence[Obligation] = OBLIGATIONS
                         ) -> tuple[Obligation, ...]:
    """Obligations starting after `today` and within `days` for these jurisdictions.

    `jurisdictions` are region codes as policies and exports write them (EU, ES,
    US-CO). A country covers its states when no state of it is named (a business in
    the US sees Colorado's law; one in US-CA does not). No code at all means every
    jurisdiction, as an audit of customers from unknown places runs every rule.
    """
    codes = profile_codes(tuple(jurisdictions))
    last = today + timedelta(days=days)
    return tuple(sorted((o for o in obligations
                         if today < o.starts <= last and _covers(codes, o.jurisdiction)),
                        key=lambda o: (o.starts, o.jurisdiction, o.law)))


def _covers(codes: frozenset[str] | None, jurisdiction: str) -> bool:
    """Whether an obligation of `jurisdiction` binds a business in `codes`."""
    if codes is None or jurisdiction in codes:
        return True
    country, _, state = jurisdiction.partition("-")
    return bool(state) and country in codes and not any(
        code.startswith(f"{country}-") for code in codes)
