"""Ethics and transparency audits of customer-support chatbot transcripts.

The public API: `run_audit` runs an audit and returns an `AuditResult`;
`auditor.render.render` turns its JSON form into reports.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("support-auditor")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
