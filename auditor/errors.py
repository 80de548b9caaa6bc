"""Errors a user can act on; each message says what to do next."""

from __future__ import annotations


class AuditorError(Exception):
    """A problem with the user's input, policy or command line (exit code 2)."""

    exit_code = 2


class InputError(AuditorError):
    """An input file cannot be read at all, or its format is unknown."""


class PolicyError(AuditorError):
    """The policy file is missing, malformed or has unknown keys."""


class UsageError(AuditorError):
    """A command-line value makes no sense (an unknown check code, a bad mapping)."""
