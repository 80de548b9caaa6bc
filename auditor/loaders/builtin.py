"""The built-in input formats, registered through the `auditor.formats` entry points.

The canonical transcript (JSON or CSV, DESIGN.md section 3), OpenAI-style chat logs,
the canonical decision log, and vendors' exports (one module each in this package).
The generic formats match anything of their container and are tried last, so vendor
formats (which recognise their own fields) win.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from auditor.loaders.botframework import BOT_FRAMEWORK
from auditor.loaders.ccai import CCAI_INSIGHTS
from auditor.loaders.columns import DECISION_COLUMNS, TRANSCRIPT_COLUMNS
from auditor.loaders.connect import CONTACT_LENS
from auditor.loaders.copilot import COPILOT_STUDIO, COPILOT_STUDIO_CSV
from auditor.loaders.decisions import decision_rows
from auditor.loaders.dialogflow import DIALOGFLOW_CX, DIALOGFLOW_CX_CSV
from auditor.loaders.formats import InputFormat
from auditor.loaders.genesys import GENESYS_TRANSCRIPT
from auditor.loaders.intercom import INTERCOM
from auditor.loaders.lex import LEX_V2
from auditor.loaders.livechat import LIVECHAT
from auditor.loaders.openai_chat import openai_turns
from auditor.loaders.rasa import RASA
from auditor.loaders.records import RawRecord, Skipped
from auditor.loaders.salesforce import SALESFORCE_ENTRIES, SALESFORCE_ENTRIES_JSON
from auditor.loaders.transcript import transcript_turns
from auditor.loaders.twitter import TWITTER_THREADS, TWITTER_THREADS_JSON
from auditor.loaders.zendesk import ZENDESK_SUNSHINE

_DECISION_MARKERS = frozenset({"decision_id", "decision_type", "outcome", "favourable",
                               "favorable"})


def _keys(record: Mapping[str, Any]) -> set[str]:
    return {str(key).casefold() for key in record}


def _has_any(record: Mapping[str, Any], field: str, table: Mapping[str, tuple[str, ...]]) -> bool:
    return bool(_keys(record) & set(table[field]))


def _transcripts(path: Path, records: Iterator[RawRecord], options: Any,
                 skipped: list[Skipped]) -> Iterator[Any]:
    return transcript_turns(path, records, options.overrides, skipped)


def _openai(path: Path, records: Iterator[RawRecord], options: Any,
            skipped: list[Skipped]) -> Iterator[Any]:
    return openai_turns(path, records, options.overrides, skipped)


def _decisions(path: Path, records: Iterator[RawRecord], options: Any,
               skipped: list[Skipped]) -> Iterator[Any]:
    return decision_rows(path, records, options.decisions, skipped)


OPENAI_JSONL = InputFormat(
    "openai-jsonl", "transcripts", "json",
    "a record with a `messages` list (OpenAI-style chat log)",
    lambda record: "messages" in _keys(record), _openai, priority=10,
    document_is_record=True, counts_conversations=True, logs_people=False)
DECISIONS_JSONL = InputFormat(
    "decisions-jsonl", "decisions", "json",
    "a record with decision_id, decision_type, outcome or favourable and no role",
    lambda record: bool(_keys(record) & _DECISION_MARKERS)
    and not _has_any(record, "role", TRANSCRIPT_COLUMNS), _decisions, priority=5)
TRANSCRIPT_JSONL = InputFormat(
    "transcript-jsonl", "transcripts", "json",
    "any other JSON record: the canonical transcript (JSON lines, array or document)",
    lambda record: True, _transcripts)
TRANSCRIPT_CSV = InputFormat(
    "transcript-csv", "transcripts", "csv",
    "a CSV header with a speaker or a text column",
    lambda header: _has_any(header, "role", TRANSCRIPT_COLUMNS)
    or _has_any(header, "text", TRANSCRIPT_COLUMNS), _transcripts, priority=5)
DECISIONS_CSV = InputFormat(
    "decisions-csv", "decisions", "csv",
    "a CSV header with an outcome column",
    lambda header: _has_any(header, "outcome", DECISION_COLUMNS), _decisions)

BUILT_IN: tuple[InputFormat, ...] = (
    TRANSCRIPT_JSONL, TRANSCRIPT_CSV, OPENAI_JSONL, DECISIONS_JSONL, DECISIONS_CSV,
    BOT_FRAMEWORK, RASA, LEX_V2, CCAI_INSIGHTS, INTERCOM, COPILOT_STUDIO, COPILOT_STUDIO_CSV,
    CONTACT_LENS,
    DIALOGFLOW_CX, DIALOGFLOW_CX_CSV, ZENDESK_SUNSHINE, SALESFORCE_ENTRIES,
    SALESFORCE_ENTRIES_JSON, LIVECHAT, GENESYS_TRANSCRIPT, TWITTER_THREADS, TWITTER_THREADS_JSON)
