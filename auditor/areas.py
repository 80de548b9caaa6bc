"""The areas an audit covers, and which pack (check family) each finding belongs to.

A check's pack is the letters its code starts with (`PII003` is in pack `PII`), the same
rule the policy's `[packs.X]` tables use. The four built-in packs are the areas a report
leads with; a plugin's pack is listed under its own name after them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["AREAS", "Area", "area_for", "pack_of"]

_PACK = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class Area:
    """One area of an audit: its pack prefix, its title and the question it answers.

    `unit` is what the area counts in an owner's report: "chats", or for outcome
    disparities the fairness checks run (group comparisons and statements judged), and
    `problem` completes "In 3 of 60 chats, ..." in plain words.
    """

    pack: str
    title: str
    question: str
    unit: str = "chats"
    problem: str = "a check of an installed plugin found a problem"


AREAS: tuple[Area, ...] = (
    Area("DISC", "AI disclosure", "Is the customer told they are talking to a bot, and "
         "never told it is a person?",
         problem="customers were not told clearly that they were talking to a bot"),
    Area("PII", "Personal data", "Does personal data leak into what the bot writes or "
         "what is logged?",
         problem="personal data was shown or kept where it should not be"),
    Area("FAIR", "Fair treatment", "Do customer segments get different outcomes?",
         unit="fairness checks",
         problem="customers were treated unfairly, or one group got worse outcomes"),
    Area("ESC", "Getting a person", "Does a customer who needs a person get one?",
         problem="a customer who needed a person did not get one"),
)


def pack_of(code: str) -> str:
    """The pack of a check code: its leading letters, upper-cased (`PII003` -> `PII`)."""
    match = _PACK.match(code)
    return match.group(0).upper() if match else code.upper()


def area_for(pack: str) -> Area:
    """The built-in area of `pack`, or an area named after a plugin's pack."""
    return next((area for area in AREAS if area.pack == pack),
                Area(pack, f"{pack} checks", "Checks from an installed plugin."))
