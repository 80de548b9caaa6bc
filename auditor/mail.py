"""Sending a report by e-mail through the SMTP server the environment names.

    AUDITOR_SMTP_URL   smtp://user:pass@host:port        plain SMTP (port 25 by default)
                       smtp+starttls://user:pass@host:587 upgraded with STARTTLS
                       smtps://user:pass@host:465         TLS from the start
    AUDITOR_MAIL_FROM  the sender, e.g. reports@example.com

A user name or password with special characters is percent-encoded in the URL. A
delivery that fails raises `MailError` (exit code 2) naming the server, never its
password.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from urllib.parse import unquote, urlsplit

from auditor.errors import UsageError

__all__ = ["Attachment", "MailError", "MailSettings", "check_recipients", "send_mail"]

SMTP_URL_VARIABLE = "AUDITOR_SMTP_URL"
MAIL_FROM_VARIABLE = "AUDITOR_MAIL_FROM"
_SCHEMES = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}
TIMEOUT_SECONDS = 30.0


class MailError(UsageError):
    """The e-mail could not be sent (or the settings to send it are wrong)."""


@dataclass(frozen=True, slots=True)
class MailSettings:
    """Where and as whom to send."""

    scheme: str
    host: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None

    @property
    def server(self) -> str:
        """The server as messages name it: scheme, host and port, no credentials."""
        return f"{self.scheme}://{self.host}:{self.port}"

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> MailSettings:
        """Settings from AUDITOR_SMTP_URL and AUDITOR_MAIL_FROM, or a MailError saying
        which is missing or wrong."""
        environ = os.environ if environ is None else environ
        url = environ.get(SMTP_URL_VARIABLE, "").strip()
        sender = environ.get(MAIL_FROM_VARIABLE, "").strip()
        if not url:
            raise MailError(f"to send e-mail, set {SMTP_URL_VARIABLE} (e.g. "
                            "smtp+starttls://user:password@mail.example.com:587)")
        return cls.parse(url, sender)

    @classmethod
    def parse(cls, url: str, sender: str) -> MailSettings:
        """Settings from an SMTP URL and a sender address."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            raise MailError(f"{SMTP_URL_VARIABLE}: not a valid URL") from None
        scheme = parts.scheme.lower()
        if scheme not in _SCHEMES or not parts.hostname:
            raise MailError(f"{SMTP_URL_VARIABLE}: use smtp://, smtp+starttls:// or smtps:// "
                            "with a host, e.g. smtps://user:password@mail.example.com:465")
        if not sender or "@" not in parseaddr(sender)[1]:
            raise MailError(f"to send e-mail, set {MAIL_FROM_VARIABLE} to the sender's "
                            "address, e.g. reports@example.com")
        return cls(scheme=scheme, host=parts.hostname, port=port or _SCHEMES[scheme],
                   sender=sender,
                   username=unquote(parts.username) if parts.username else None,
                   password=unquote(parts.password) if parts.password else None)


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file attached to a message."""

    filename: str
    content: bytes
    maintype: str = "application"
    subtype: str = "pdf"


def build_message(settings: MailSettings, *, to: Sequence[str], subject: str, text: str,
                  html: str | None = None, attachments: Sequence[Attachment] = ()
                  ) -> EmailMessage:
    """A message with a plain-text body, an HTML alternative and attachments.

    Blind copies are not headers: `send_mail` adds them to the envelope only.
    """
    message = EmailMessage()
    message["From"] = settings.sender
    if to:
        message["To"] = ", ".join(to)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2].strip("> "))
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for attachment in attachments:
        message.add_attachment(attachment.content, maintype=attachment.maintype,
                               subtype=attachment.subtype, filename=attachment.filename)
    return message


def _addresses(values: Sequence[str], option: str) -> list[str]:
    """Recipient addresses, each checked to be one address."""
    addresses = []
    for value in values:
        name, address = parseaddr(value)
        if not address or "@" not in address or any(c in value for c in "\r\n,;"):
            raise MailError(f"{option} {value!r}: not an e-mail address")
        addresses.append(address)
    return addresses


def check_recipients(to: Sequence[str], bcc: Sequence[str] = ()) -> tuple[list[str], list[str]]:
    """The addresses of `to` and `bcc`, each checked; MailError naming a wrong one."""
    recipients = _addresses(to, "--email-to")
    hidden = _addresses(bcc, "--bcc")
    if not recipients and not hidden:
        raise MailError("no recipient: give --email-to or --bcc")
    return recipients, hidden


def send_mail(settings: MailSettings, *, to: Sequence[str], bcc: Sequence[str] = (),
              subject: str, text: str, html: str | None = None,
              attachments: Sequence[Attachment] = ()) -> None:
    """Send one message to `to` and, unseen by them, `bcc`; MailError if it fails."""
    recipients, hidden = check_recipients(to, bcc)
    message = build_message(settings, to=recipients, subject=subject, text=text, html=html,
                            attachments=attachments)
    try:
        if settings.scheme == "smtps":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=TIMEOUT_SECONDS,
                context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_SECONDS)
        with client:
            if settings.scheme == "smtp+starttls":
                client.starttls(context=ssl.create_default_context())
            if settings.username:
                client.login(settings.username, settings.password or "")
            refused = client.send_message(message, from_addr=parseaddr(settings.sender)[1],
                                          to_addrs=recipients + hidden)
    except smtplib.SMTPAuthenticationError:
        raise MailError(f"{settings.server} refused the user name or password") from None
    except (smtplib.SMTPException, OSError) as error:
        raise MailError(f"the e-mail could not be sent through {settings.server}: "
                        f"{_reason(error)}") from None
    if refused:
        raise MailError(f"{settings.server} refused {len(refused)} of "
                        f"{len(recipients) + len(hidden)} recipients")


def _reason(error: BaseException) -> str:
    """A short reason without anything the server echoed back about credentials."""
    if isinstance(error, smtplib.SMTPResponseException):
        message = error.smtp_error.decode("utf-8", "replace") if isinstance(
            error.smtp_error, bytes) else str(error.smtp_error)
        return f"{error.smtp_code} {message.splitlines()[0] if message else ''}".strip()
    return type(error).__name__ + (f" ({error})" if str(error) else "")
