"""The monthly report by e-mail, through a real SMTP server on loopback (aiosmtpd):
plain SMTP, STARTTLS with a login, SMTPS, and the failures a user meets."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from auditor.cli import main
from tests.conftest import SmtpInbox, conversation, free_port, smtp_server, write_jsonl

SENDER = "reports@example.com"
USER, PASSWORD = "owner", "s3cret p@ss"


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str,
                  auth_data: Any) -> AuthResult:
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode()
          and auth_data.password == PASSWORD.encode())
    return AuthResult(success=ok, handled=False)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, trusted by the client through
    SSL_CERT_FILE in the tests that use TLS."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def _server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*map(str, certificate))
    return context


def _starttls_server(certificate: tuple[Path, Path]) -> Any:
    """An SMTP server that requires STARTTLS and a login (USER, PASSWORD)."""
    return smtp_server(tls_context=_server_context(certificate), require_starttls=True,
                       authenticator=_authenticate, auth_require_tls=True)


@pytest.fixture()
def inbox() -> Iterator[tuple[SmtpInbox, int]]:
    """Plain SMTP on loopback."""
    with smtp_server() as server:
        yield server


@pytest.fixture()
def month_input(tmp_path: Path) -> Path:
    """One October of chats, one of them leaking a card number (a failing month)."""
    records = []
    for number in range(3):
        records += conversation(f"c{number}", ("bot", "Hi, I'm a virtual assistant."),
                                ("customer", "Where is my order?"),
                                ("bot", "It ships tomorrow."), region="US-ME")
    records += conversation("leak", ("bot", "Hi, I'm a virtual assistant."),
                            ("customer", "Which card?"),
                            ("bot", "The card on file is 4111 1111 1111 1111."),
                            region="US-ME")
    return write_jsonl(tmp_path / "october.jsonl", records)


def _send(tmp_path: Path, month_input: Path, *extra: str) -> int:
    return main(["monthly", str(month_input), "--no-policy", "--month", "2026-10",
                 "--organisation", "Inkwell Books", "--created-at", "2026-11-02T08:00:00Z",
                 "--out", str(tmp_path / "out"), "--quiet", *extra])


def test_the_pdf_arrives_with_a_plain_and_an_html_body(
        tmp_path: Path, month_input: Path, inbox: tuple[SmtpInbox, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    handler, port = inbox
    monkeypatch.setenv("AUDITOR_SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setenv("AUDITOR_MAIL_FROM", SENDER)
    code = _send(tmp_path, month_input, "--email-to", "owner@example.com",
                 "--email-to", "manager@example.com", "--bcc", "auditor@example.com")
    assert code == 1  # the month failed; the e-mail still went
    assert len(handler.envelopes) == 1
    envelope = handler.envelopes[0]
    assert sorted(envelope.rcpt_tos) == ["auditor@example.com", "manager@example.com",
                                         "owner@example.com"]
    assert envelope.mail_from == SENDER
    message = handler.messages()[0]
    assert message["To"] == "owner@example.com, manager@example.com"
    assert message["Bcc"] is None and "auditor@example.com" not in envelope.content.decode()
    assert "October 2026" in message["Subject"] and "failed" in message["Subject"]
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert plain is not None and html is not None
    assert "Failed: at least one serious problem needs fixing." in plain.get_content()
    assert "Hide card numbers in replies" in plain.get_content()
    assert "<h1" in html.get_content()
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["monthly-2026-10.pdf"]
    assert attachments[0].get_content_type() == "application/pdf"
    sent = attachments[0].get_content()
    assert sent == (tmp_path / "out" / "monthly-2026-10.pdf").read_bytes()
    # The report is safe to e-mail: the card number is nowhere in the message.
    content = envelope.content.decode("utf-8", "replace")
    assert "4111 1111 1111 1111" not in content and "4111111111111111" not in content


def test_starttls_with_a_login(tmp_path: Path, month_input: Path,
                              certificate: tuple[Path, Path],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    with _starttls_server(certificate) as (handler, port):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
        monkeypatch.setenv("AUDITOR_SMTP_URL",
                           f"smtp+starttls://{USER}:s3cret%20p%40ss@127.0.0.1:{port}")
        monkeypatch.setenv("AUDITOR_MAIL_FROM", f"Inkwell reports <{SENDER}>")
        assert _send(tmp_path, month_input, "--email-to", "owner@example.com",
                     "--exit-zero") == 0
    assert len(handler.envelopes) == 1 and handler.envelopes[0].mail_from == SENDER


def test_smtps_from_the_first_byte(tmp_path: Path, month_input: Path,
                                   certificate: tuple[Path, Path],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    with smtp_server(ssl_context=_server_context(certificate)) as (handler, port):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
        monkeypatch.setenv("AUDITOR_SMTP_URL", f"smtps://127.0.0.1:{port}")
        monkeypatch.setenv("AUDITOR_MAIL_FROM", SENDER)
        assert _send(tmp_path, month_input, "--bcc", "owner@example.com",
                     "--exit-zero") == 0
    assert handler.envelopes[0].rcpt_tos == ["owner@example.com"]


def test_a_wrong_password_is_a_clear_error_that_does_not_repeat_it(
        tmp_path: Path, month_input: Path, certificate: tuple[Path, Path],
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with _starttls_server(certificate) as (handler, port):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
        monkeypatch.setenv("AUDITOR_SMTP_URL",
                           f"smtp+starttls://{USER}:wrong-guess-42@127.0.0.1:{port}")
        monkeypatch.setenv("AUDITOR_MAIL_FROM", SENDER)
        code = _send(tmp_path, month_input, "--email-to", "owner@example.com")
    error = capsys.readouterr().err
    assert code == 2 and "refused the user name or password" in error
    assert "wrong-guess-42" not in error and not handler.envelopes
    assert (tmp_path / "out" / "monthly-2026-10.pdf").exists()


def test_a_server_that_is_down_fails_with_exit_2_and_keeps_the_files(
        tmp_path: Path, month_input: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    port = free_port()  # nothing listens there
    monkeypatch.setenv("AUDITOR_SMTP_URL", f"smtp://{USER}:hidden-value@127.0.0.1:{port}")
    monkeypatch.setenv("AUDITOR_MAIL_FROM", SENDER)
    code = _send(tmp_path, month_input, "--email-to", "owner@example.com")
    error = capsys.readouterr().err
    assert code == 2
    assert f"could not be sent through smtp://127.0.0.1:{port}" in error
    assert "hidden-value" not in error
    for name in ("monthly-2026-10.pdf", "monthly-2026-10.html", "monthly-2026-10.json"):
        assert (tmp_path / "out" / name).stat().st_size > 0


@pytest.mark.parametrize(("environment", "args", "message"), [
    pytest.param({}, ["--email-to", "owner@example.com"], "set AUDITOR_SMTP_URL",
                 id="no-server"),
    pytest.param({"AUDITOR_SMTP_URL": "smtp://127.0.0.1:25"},
                 ["--email-to", "owner@example.com"], "set AUDITOR_MAIL_FROM", id="no-sender"),
    pytest.param({"AUDITOR_SMTP_URL": "http://127.0.0.1", "AUDITOR_MAIL_FROM": SENDER},
                 ["--email-to", "owner@example.com"], "smtp+starttls://", id="not-smtp"),
    pytest.param({"AUDITOR_SMTP_URL": "smtp://127.0.0.1:1", "AUDITOR_MAIL_FROM": SENDER},
                 ["--email-to", "owner@example.com\r\nBcc: x@example.com"],
                 "not an e-mail address", id="header-injection"),
])
def test_mail_settings_are_checked_with_a_clear_message(
        tmp_path: Path, month_input: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], environment: dict[str, str], args: list[str],
        message: str) -> None:
    monkeypatch.delenv("AUDITOR_SMTP_URL", raising=False)
    monkeypatch.delenv("AUDITOR_MAIL_FROM", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert _send(tmp_path, month_input, *args) == 2
    assert message in capsys.readouterr().err
    # Settings are checked before the month is audited.
    assert not (tmp_path / "out").exists()
