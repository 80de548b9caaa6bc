"""The commented starter policy that `auditor policy init` writes."""

from __future__ import annotations

__all__ = ["STARTER_POLICY"]

STARTER_POLICY = '''\
# auditor policy: what runs, what passes, and what has been accepted.
# Keys are kebab-case; unknown keys are errors that list the valid ones.
# `auditor explain CODE` documents each check and its options.

# The overall score (0-100) below which the gate fails (exit code 1).
fail-under = 80

# Also fail on any finding at or above this severity (with --baseline: new ones only).
# One of critical, high, medium, low, info.
fail-on = "critical"

# Reading limits: a longer record (line, CSV row, array item, document) or JSON
# nested deeper is skipped at its line and counted, the rest audited.
# max-record-bytes = "10 MB"   # bytes, or "512 KB", "10 MB", "1 GB"
# max-nesting = 512            # 1 to 800

# Conversations with findings the result keeps, redacted, to read findings in context
# (the most severe first; 0 keeps none).
# keep-conversations = 500

# Which checks run: codes, prefixes or names. Empty means all.
select = []
ignore = []

# Where your customers are, for conversations whose export names no region: EU, a
# country code (ES), a US state (US-CA). Empty means every jurisdiction's rules
# apply to them, the strictest reading.
jurisdictions = []

# Checks kept off one channel's conversations (matched to the `channel` field).
# [channels.voice]
# ignore = ["DISC002"]

# A check may have its own minimum score and options.
# [checks.DISC003]
# min-score = 90
# [checks.DISC003.options]
# answer-window = 2

# Options for every check of a family that has them.
# [packs.ESC]
# handoff-bot-turns = 2
# handoff-seconds = 120
# [packs.FAIR]
# min-group-size = 30
# model-inputs = { credit = ["income", "age", "zip"] }

# How to read decision logs (the command line's --segment, --favourable, --column win).
# [decisions]
# segments = ["language", "region"]
# favourable = ["approved", "refunded"]

# Accepted findings: a reason, who accepted them, and until when.
# [[suppressions]]
# fingerprint = "0123456789abcdef"   # or code = "PII001" and conversation = "c-1"
# justification = "test card number in a replayed fixture"
# accepted-by = "compliance@example.com"
# expires = 2027-03-31
'''
