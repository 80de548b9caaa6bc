"""Personal data never leaves through evidence, reports or terminal output."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from auditor.pii.context import TextContext
from auditor.pipeline import run_audit
from auditor.redaction import excerpt, redact
from auditor.render import render
from tests.conftest import DISCLOSURE_FIXTURE, conversation, write_jsonl

RAW_VALUES = ["jane.doe@example.com", "4111 1111 1111 1111", "4111111111111111",
              "(212) 555-0147", "DE89370400440532013000", "078-05-1120"]


@pytest.mark.parametrize(("text", "kept", "hidden"), [
    pytest.param("mail jane.doe@example.com now", "<EMAIL_ADDRESS>", "jane.doe", id="email"),
    pytest.param("card 4111 1111 1111 1111 ok", "<CREDIT_CARD ending 1111>", "4111 1111",
                 id="card-keeps-last-four"),
    pytest.param("call (212) 555-0147 today", "call <", "555-0147", id="phone"),
    pytest.param("IBAN DE89370400440532013000", "<IBAN_CODE>", "DE8937", id="iban"),
    pytest.param("ssn 078-05-1120", "ssn <", "078-05", id="ssn"),
    pytest.param("account 99887766554433", "<NUMBER>", "99887766", id="long-digit-run"),
])
def test_redact_masks_values_and_names_the_entity(text: str, kept: str, hidden: str) -> None:
    masked = redact(text)
    assert kept in masked and hidden not in masked


def test_plain_text_is_unchanged() -> None:
    assert redact("Hi, I'm Ava, an AI assistant.") == "Hi, I'm Ava, an AI assistant."


@pytest.mark.parametrize(("text", "speaker", "kept", "hidden"), [
    pytest.param("Hi, I'm Emma from the support team!", "bot",
                 "Hi, I'm Emma from the support team!", None, id="bot-im-name"),
    pytest.param("Hi, I'm Emma from the support team!", "customer",
                 "I'm <PERSON> from", "Emma", id="customer-im-name-twin"),
    pytest.param("Hi, I'm Emma from the support team!", None,
                 "I'm <PERSON> from", "Emma", id="unknown-speaker-twin"),
    pytest.param("My name is Emma, how can I help?", "bot", "My name is Emma,", None,
                 id="bot-my-name-is"),
    pytest.param("Hi John, this is Emma from support.", "bot", "this is Emma from support",
                 "John", id="bot-this-is-name-but-not-the-customer"),
    pytest.param("Emma here, from support.", "bot", "Emma here", None, id="bot-name-here"),
    pytest.param("Emma here, from support.", "agent", "<PERSON> here", "Emma",
                 id="human-agent-name-here-twin"),
    pytest.param("Bonjour, je suis Camille du service client.", "bot", "je suis Camille du",
                 None, id="bot-fr"),
    pytest.param("Hallo, ich bin Lena vom Support-Team.", "bot", "ich bin Lena vom", None,
                 id="bot-de"),
    pytest.param("Hi John, thanks for waiting.", "bot", "Hi <PERSON>,", "John",
                 id="bot-addressing-the-customer"),
    pytest.param("So it's Mara Lindqvist, right?", "bot", "it's <PERSON>", "Lindqvist",
                 id="bot-asking-for-a-customers-name"),
    pytest.param("Thanks, it's Mara Lindqvist on the account.", "bot", "it's <PERSON> on",
                 "Lindqvist", id="bot-naming-the-account-holder"),
    pytest.param("This is John Smith's order.", "bot", "<PERSON>", "Smith",
                 id="bot-naming-an-owner"),
])
def test_only_the_bots_own_persona_name_stays_readable(
    text: str, speaker: str | None, kept: str, hidden: str | None,
) -> None:
    masked = redact(text, speaker=speaker)
    assert kept in masked
    assert hidden is None or hidden not in masked
    assert excerpt(text, speaker=speaker) == masked


@pytest.mark.parametrize(("text", "context", "masked"), [
    pytest.param("Can Luis check my order?", TextContext(persona_names=frozenset({"luis"})),
                 "Can Luis check my order?", id="persona-readable-in-any-turn"),
    pytest.param("Can Luis check my order?", None, "Can <PERSON> check my order?",
                 id="without-the-context-twin"),
    pytest.param("Can Dana call me?", TextContext(agent_names=frozenset({"dana"})),
                 "Can <PERSON> call me?", id="agents-are-people"),
    pytest.param("Thanks Dana!", TextContext(written_by="customer"), "Thanks <PERSON>!",
                 id="greeted-agent-is-masked"),
    pytest.param("No encuentro tu factura de marzo", TextContext(language="es"),
                 "No encuentro tu factura de marzo", id="spanish-common-words-stay"),
    pytest.param("Hola, me llamo Ana García", TextContext(language="es"),
                 "Hola, me llamo <PERSON>", id="spanish-name-masked-twin"),
])
def test_redaction_reads_the_text_in_its_conversations_context(
        text: str, context: TextContext | None, masked: str) -> None:
    assert redact(text, context=context) == masked
    assert excerpt(text, context=context) == masked


def test_excerpt_is_redacted_before_it_is_cut() -> None:
    text = "x" * 300 + " card 4111 1111 1111 1111 " + "y" * 300
    cut = excerpt(text, around="card", width=60)
    assert "4111 1111" not in cut and "<CREDIT_CARD ending 1111>" in cut
    assert cut.startswith("…") and cut.endswith("…")


@pytest.fixture(scope="module")
def leaky_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every report format for a conversation whose flagged turns are full of PII."""
    path = write_jsonl(tmp_path_factory.mktemp("leaky") / "t.jsonl", conversation(
        "leaky", ("bot", "Hello jane.doe@example.com, call us on (212) 555-0147."),
        ("customer", "are you a bot?"),
        ("bot", "No, I'm a real person. Card 4111 1111 1111 1111, IBAN DE89370400440532013000, "
                "SSN 078-05-1120."), region="US-CA"))
    document = run_audit([path]).to_dict()
    assert document["findings"], "the conversation must be flagged for the test to mean much"
    import io

    from pypdf import PdfReader
    pdf_text = "\n".join(page.extract_text() for page in
                         PdfReader(io.BytesIO(render(document, "pdf"))).pages)
    return {"json": render(document, "json").decode("utf-8"),
            "html": render(document, "html").decode("utf-8"), "pdf": pdf_text}


@pytest.mark.parametrize("fmt", ["json", "html", "pdf"])
@pytest.mark.parametrize("value", RAW_VALUES)
def test_no_raw_value_appears_in_any_report(leaky_reports: dict[str, str], fmt: str,
                                            value: str) -> None:
    assert value not in leaky_reports[fmt]


def test_full_audit_and_pdf_need_no_network(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the audit tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    document = run_audit([DISCLOSURE_FIXTURE]).to_dict()
    assert render(document, "pdf").startswith(b"%PDF")


def test_ids_masked_in_batches_read_as_ids_masked_one_by_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor.result import _IdMasker

    ids = ["jane.roe@example.com-2026", "555-0142", "conv-7", None, "555-0142",
           "conv-555-0199-a", "555-0143", "4111111111111111", "conv-8", "jane.roe@example.com-2026",
           "+1 555 0100", "order-123456789"]
    one_by_one = _IdMasker()
    expected = [one_by_one(conversation_id) for conversation_id in ids]
    assert "<PHONE_NUMBER> #2" in expected and "conv-7" in expected  # masked and kept, numbered
    for batch in (1, 2, 3, 100):
        monkeypatch.setattr(_IdMasker, "BATCH", batch)
        batched = _IdMasker()
        batched.all_of(ids)
        assert [batched(conversation_id) for conversation_id in ids] == expected, batch
