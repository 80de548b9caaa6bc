"""Shared test helpers: paths to fixtures and small builders for transcript files."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles. The suite's: hypothesis' own number of examples (the loaders'
# fuzz tests take a share of it per format), and no deadline, as one slow example on a
# busy runner is not a failure. `HYPOTHESIS_PROFILE=fuzz` (`make fuzz`) runs ten times
# as many, outside the default suite.
settings.register_profile("suite", deadline=None)
settings.register_profile("fuzz", deadline=None, max_examples=1000,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
DISCLOSURE_FIXTURE = FIXTURES / "transcripts" / "disclosure.jsonl"


def write_jsonl(path: Path, records: Iterable[Mapping[str, Any] | str]) -> Path:
    """Write records (dicts, or raw strings for broken lines) one per line."""
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def conversation(cid: str, *turns: tuple[str, str], **attributes: str) -> list[dict[str, Any]]:
    """Canonical records for one conversation; the first line carries the attributes."""
    records: list[dict[str, Any]] = []
    for index, (role, text) in enumerate(turns):
        record: dict[str, Any] = {
            "conversation_id": cid,
            "timestamp": f"2026-10-01T10:{index // 60:02d}:{index % 60:02d}Z",
            "role": role,
        }
        if role == "system":
            record["event"] = text
        else:
            record["text"] = text
        if index == 0 and attributes:
            record["attributes"] = dict(attributes)
        records.append(record)
    return records


GREETING = ("bot", "Hi, I'm Ava, an AI assistant. How can I help?")
LEAK = ("bot", "The card on file is 4111 1111 1111 1111.")
EVASIVE = ("bot", "I'm a real person on the support team.")


def release_one(folder: Path) -> Path:
    """A replayed test set: c-1 leaks a card, c-2 claims to be human, c-3 is fine."""
    return write_jsonl(folder / "v1.jsonl", [
                       *conversation("c-1", GREETING, ("customer", "Which card do you have?"),
                                     LEAK, region="EU"),
                       *conversation("c-2", GREETING, ("customer", "Are you a bot?"), EVASIVE,
                                     region="EU"),
                       *conversation("c-3", GREETING, ("customer", "Thanks"), region="EU")])


def release_two(folder: Path) -> Path:
    """The next release of the test set: one old finding fixed, one new leak."""
    # c-1 keeps its leak (with an extra turn inserted before it), c-2 is fixed,
    # c-3 gains a new leak.
    return write_jsonl(folder / "v2.jsonl", [
                       *conversation("c-1", GREETING, ("customer", "Hello"),
                                     ("customer", "Which card do you have?"), LEAK, region="EU"),
                       *conversation("c-2", GREETING, ("customer", "Are you a bot?"),
                                     ("bot", "Yes, I'm a virtual assistant."), region="EU"),
                       *conversation("c-3", GREETING, ("customer", "Thanks"),
                                     ("bot", "Your card 5555 5555 5555 4444 is saved."),
                                     region="EU")])


@pytest.fixture(autouse=True, scope="session")
def every_result_matches_the_published_schema() -> Iterator[None]:
    """Every result the suite produces is validated against the shipped JSON Schema,
    with an independent validator (jsonschema), and its verdict against its findings
    (the typed document's checks), the moment it is written."""
    import jsonschema

    from auditor.document import ResultDocument, result_schema
    from auditor.result import AuditResult

    validator = jsonschema.Draft202012Validator(result_schema())
    produce = AuditResult.to_dict

    def checked(self: AuditResult, *, lazy_findings: bool = False) -> dict[str, Any]:
        document = produce(self)
        validator.validate(document)
        ResultDocument.from_dict(document)
        ResultDocument.check(document)  # the one-finding-at-a-time reading agrees
        return produce(self, lazy_findings=True) if lazy_findings else document

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(AuditResult, "to_dict", checked)
        yield


@pytest.fixture
def ci_workspace(tmp_path: Path) -> Path:
    """A project directory as the docs' examples assume: transcripts/, decisions/,
    vendors/, chats.jsonl and refunds.csv, all copies of the bundled fixtures."""
    import shutil

    (tmp_path / "transcripts").mkdir()
    for name in ("disclosure.jsonl", "escalation.jsonl"):
        shutil.copy(FIXTURES / "transcripts" / name, tmp_path / "transcripts" / name)
    shutil.copytree(FIXTURES / "decisions", tmp_path / "decisions")
    shutil.copytree(FIXTURES / "vendors", tmp_path / "vendors")
    shutil.copy(DISCLOSURE_FIXTURE, tmp_path / "chats.jsonl")
    shutil.copy(FIXTURES / "decisions" / "refunds.csv", tmp_path / "refunds.csv")
    return tmp_path


@pytest.fixture(scope="session")
def disclosure_fixture() -> Path:
    """The bundled disclosure fixture set."""
    return DISCLOSURE_FIXTURE


def only_organisation(session: Any) -> int:
    """The id of the one organisation of a test installation (the migration's default)."""
    from sqlalchemy import select

    from auditor.web.models import Organisation

    ids = list(session.scalars(select(Organisation.id)))
    assert len(ids) == 1, ids
    return int(ids[0])


def free_port() -> int:
    """A TCP port on loopback that nothing listens on (at the moment of asking)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class SmtpInbox:
    """An aiosmtpd handler that keeps every envelope a real SMTP server receives."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted"

    def messages(self) -> list[Any]:
        """The received messages, parsed (email.message.EmailMessage)."""
        import email
        from email.policy import default

        return [email.message_from_bytes(e.content, policy=default) for e in self.envelopes]


@contextmanager
def smtp_server(**options: Any) -> Iterator[tuple[SmtpInbox, int]]:
    """A real SMTP server on loopback (aiosmtpd), with aiosmtpd Controller `options`
    (TLS, authentication); its inbox and port."""
    from aiosmtpd.controller import Controller

    inbox, port = SmtpInbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
