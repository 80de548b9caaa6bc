"""Which legal references apply to a conversation: by region and by date.

A conversation's region comes from its attributes (`region`, `customer_region`,
`customer_country`, `country`, `jurisdiction`); when none is given, the policy's
`jurisdictions` profile (see `assume_jurisdictions`). An unknown region runs the
strictest profile: every reference counts. A rule whose effective date is after
the conversation's start is not applicable, rather than a failure. A reference that
binds one sector only (`auditor.legal.SECTOR_ONLY`: HIPAA for health care) is cited
only for conversations whose `sector` attribute names that sector (`for_sector`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from auditor.findings import Reference
from auditor.legal import SECTOR_ONLY
from auditor.model import Conversation

SECTOR_ATTRIBUTE = "sector"
REGION_ATTRIBUTES = ("jurisdiction", "region", "customer_region", "customer_country", "country")
ANY_JURISDICTION = "*"
# Placeholders exports (and the decision-log loader) write for a missing region.
UNKNOWN_VALUES = frozenset({"unknown", "n/a", "none", "null", "-"})

EU_MEMBER_STATES = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
})


@dataclass(frozen=True, slots=True)
class Applicability:
    """The references in force for one conversation, or why none is."""

    references: tuple[Reference, ...]
    reason: str | None = None

    @property
    def applies(self) -> bool:
        """True when at least one reference is in force."""
        return self.reason is None


def region_of(conversation: Conversation) -> str | None:
    """The conversation's region as written (first of REGION_ATTRIBUTES), or None."""
    for name in REGION_ATTRIBUTES:
        value = (conversation.attributes.get(name) or "").strip()
        if value and value.casefold() not in UNKNOWN_VALUES:
            return value
    return None


def jurisdictions_of(conversation: Conversation) -> frozenset[str] | None:
    """The jurisdiction codes a conversation falls under, or None when unknown.

    `EU`, an EU member's ISO code or `EU-XX` give {"EU", "XX"}; `US-CA` gives
    {"US", "US-CA"}; `US` gives {"US"}. With no region, the policy's profile.
    """
    value = region_of(conversation)
    if value:
        return _codes(value.upper().replace("_", "-"))
    return conversation.assumed_jurisdictions


def profile_codes(jurisdictions: Sequence[str]) -> frozenset[str] | None:
    """The codes a policy's `jurisdictions` profile covers (None for an empty profile)."""
    if not jurisdictions:
        return None
    return frozenset(code for value in jurisdictions
                     for code in _codes(value.upper().replace("_", "-")))


def assume_jurisdictions(conversations: Sequence[Conversation],
                         jurisdictions: Sequence[str]) -> tuple[Conversation, ...]:
    """Conversations with no region, held to the profile's jurisdictions instead of all."""
    codes = profile_codes(jurisdictions)
    if codes is None:
        return tuple(conversations)
    return tuple(replace(c, assumed_jurisdictions=codes) if region_of(c) is None else c
                 for c in conversations)


# Codes people write for a country that differ from its ISO 3166 code: "UK" for the
# United Kingdom (GB), and the EU's own "EL" for Greece (GR).
_COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}


def _codes(value: str) -> frozenset[str]:
    """Expand one region value into the jurisdictions it belongs to."""
    parts = value.split("-")
    if parts[0] in _COUNTRY_ALIASES:
        parts[0] = _COUNTRY_ALIASES[parts[0]]
        value = "-".join(parts)
    if parts[0] == "EU" or parts[0] in EU_MEMBER_STATES:
        return frozenset({"EU", *([parts[-1]] if parts[-1] != "EU" else [])})
    if parts[0] == "US":
        return frozenset({"US", value}) if len(parts) > 1 else frozenset({"US"})
    return frozenset({value, parts[0]})


def applicable_references(
    references: Sequence[Reference], conversation: Conversation
) -> Applicability:
    """References covering the conversation's region that are in force on its date."""
    if not references:
        return Applicability(())
    regions = jurisdictions_of(conversation)
    covering = [r for r in references
                if regions is None or r.jurisdiction == ANY_JURISDICTION
                or r.jurisdiction in regions]
    if not covering:
        codes = ", ".join(sorted(regions or ()))
        return Applicability((), f"no rule of this check covers region {codes}")
    started = conversation.started_at
    day = started.date() if started else None
    in_force = tuple(r for r in covering if r.applies_on(day))
    if not in_force:
        first = min(r.effective_from for r in covering if r.effective_from)
        return Applicability((), f"not yet in force on {day}: applies from {first}")
    return Applicability(in_force)


def sector_of(conversation: Conversation) -> str | None:
    """The conversation's `sector` attribute, case-folded, or None when not given."""
    value = (conversation.attributes.get(SECTOR_ATTRIBUTE) or "").strip().casefold()
    return value if value and value not in UNKNOWN_VALUES else None


def for_sector(references: Sequence[Reference], conversation: Conversation,
               sector_only: Mapping[Reference, str] = SECTOR_ONLY) -> tuple[Reference, ...]:
    """`references` without those binding another sector than the conversation's.

    A sector-bound reference (HIPAA binds health care) is kept only when the
    conversation names that sector; a conversation naming none is not held to it.
    """
    sector = sector_of(conversation)
    return tuple(r for r in references
                 if r not in sector_only or sector_only[r].casefold() == sector)
