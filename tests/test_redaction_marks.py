"""Platforms' redaction marks are the absence of a value: never a name or a leak, and a
mark where a name was still introduces someone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.language.disclosure import find_self_introduction
from auditor.pii import engine_for
from auditor.pipeline import run_audit
from auditor.policy import Policy
from auditor.redaction import redact

MARKS = ("[PII]", "[PERSON_NAME]", "{{EMAIL}}", "{{ customer.first_name }}", "<REDACTED>",
         "[redacted]", "****", "XXXX", "▇▇▇▇", "(removed)")


@pytest.mark.parametrize("mark", MARKS)
def test_a_mark_is_not_personal_data(mark: str) -> None:
    for text in (f"My name is {mark} and I live nearby.", f"Thanks {mark}, it's on its way.",
                 f"Dear {mark}, your e-mail {mark} is confirmed."):
        assert engine_for().analyze(text) == (), text
        assert mark in redact(text)


def test_real_values_beside_marks_are_still_found() -> None:
    spans = engine_for().analyze("Not [EMAIL], send it to dana.reyes@example.com or "
                                 "call (555) 010-0199, **** ends it.")
    assert {span.entity_type for span in spans} >= {"EMAIL_ADDRESS", "PHONE_NUMBER"}


@pytest.mark.parametrize("text", ["This is [PII] from billing, I'll take it from here.",
                                  "Hi, I'm **** and I can help.",
                                  "My name is {{agent_name}}.",
                                  "[REDACTED] here, happy to help!"])
def test_a_name_mark_is_an_introduction(text: str) -> None:
    found = find_self_introduction(text)
    assert found is not None
    assert found.kind in text and found.phrase in text


@pytest.mark.parametrize("text", ["This is [EMAIL_ADDRESS].", "I'm [PHONE] ok",
                                  "This is [ORDER_ID]."])
def test_a_mark_of_another_type_is_not_a_name(text: str) -> None:
    assert find_self_introduction(text) is None


def _conversation(agent_text: str) -> list[dict[str, str]]:
    turns = [("bot", "Hello, I'm the virtual assistant, an automated bot."),
             ("customer", "My name is [PII] and my card is ****. Can I talk to a person?"),
             ("bot", "Of course, I'm connecting you to a human agent now."),
             ("agent", agent_text),
             ("customer", "Thanks, my email is {{EMAIL}}."),
             ("agent", "Got it, [PII]. Your refund goes to <REDACTED>.")]
    return [{"conversation_id": "m-1", "role": role, "text": text} for role, text in turns]


def _audit(tmp_path: Path, agent_text: str) -> set[str]:
    path = tmp_path / "redacted.jsonl"
    path.write_text("\n".join(json.dumps(t) for t in _conversation(agent_text)), "utf-8")
    return {finding.code for finding in run_audit([path], policy=Policy()).findings}


def test_a_redacted_transcript_has_no_leak_and_its_redacted_introduction_counts(
        tmp_path: Path) -> None:
    assert _audit(tmp_path, "Hi, this is [PII] from the support team.") == set()
    # The twin: the agent takes over without introducing themselves at all.
    assert "DISC008" in _audit(tmp_path, "OK, let me look at your account.")
