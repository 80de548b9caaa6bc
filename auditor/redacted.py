"""The type of redacted text, apart from the redaction itself (which loads presidio and
spaCy), so that modules that only carry redacted text stay light to import."""

from __future__ import annotations

from typing import NewType

__all__ = ["RedactedText"]

# Text that went through `auditor.redaction`: only that module makes one.
RedactedText = NewType("RedactedText", str)
