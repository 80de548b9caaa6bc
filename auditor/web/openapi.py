"""The REST API's OpenAPI 3.1 description, served at /api/v1/openapi.json.

Every status code a route can answer is listed with its body, and the facts the API
shares with the rest of the app (job states, report formats and their media types,
the result JSON's schema) are read from where they are defined, so the document
cannot drift from the code; `tests/test_web_api_fuzz.py` holds the API to it.
"""

from __future__ import annotations

from typing import Any

from auditor import __version__
from auditor.severity import SEVERITY_ORDER
from auditor.web.extensions import MAX_ID
from auditor.web.finding_context import FINGERPRINT
from auditor.web.finding_list import (
    DEFAULT_PER_PAGE,
    NO_CONTROL_PATTERN,
    PER_PAGE_CHOICES,
    SORTS,
    STATES,
)
from auditor.web.models import Status, TriageKind
from auditor.web.reports import served_formats

_PROBLEM = {"$ref": "#/components/schemas/Problem"}
_AUDIT_ID = {"name": "audit_id", "in": "path", "required": True,
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}
_RESULT = "Result"  # the result JSON's schema; its definitions are "Result" + name


def _error(description: str, **headers: dict[str, Any]) -> dict[str, Any]:
    response: dict[str, Any] = {"description": description,
                                "content": {"application/json": {"schema": _PROBLEM}}}
    if headers:
        response["headers"] = headers
    return response


_UNAUTHORIZED = _error("No token, or one that is unknown, expired or revoked (the detail "
                       "says which)", **{"WWW-Authenticate": {
                           "required": True, "schema": {"type": "string"}}})
_NOT_FOUND = _error("No such audit or report format")


def _result_schemas() -> dict[str, Any]:
    """The result JSON's schema (auditor.document) as components: its `$defs` become
    `Result<Name>` so that the references resolve inside this document."""
    from auditor.document import result_schema

    schema = dict(result_schema())
    definitions = schema.pop("$defs", {})
    schema.pop("$id", None)
    schema.pop("$schema", None)

    def relink(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: (f"#/components/schemas/{_RESULT}{value.rsplit('/', 1)[1]}"
                          if key == "$ref" and isinstance(value, str)
                          and value.startswith("#/$defs/") else relink(value))
                    for key, value in node.items()}
        if isinstance(node, list):
            return [relink(item) for item in node]
        return node

    return {_RESULT: relink(schema),
            **{_RESULT + name: relink(body) for name, body in definitions.items()}}


def _report_content() -> dict[str, Any]:
    """The 200 body of a report: one media type per served format."""
    from auditor.render import renderer_for

    content: dict[str, Any] = {}
    for fmt in served_formats():
        media_type = renderer_for(fmt).media_type.split(";", 1)[0]
        if fmt == "json":
            schema: dict[str, Any] = {"$ref": f"#/components/schemas/{_RESULT}"}
        elif media_type.endswith(("/json", "+json")):  # SARIF: a JSON document of its own
            schema = {"type": "object"}
        else:
            schema = {"type": "string"}
        content[media_type] = {"schema": schema}
    return content


def _upload_schema() -> dict[str, Any]:
    """The multipart form: transcripts or a decision log (or both), and a policy of
    this instance (an app context is needed: the policies are its files)."""
    from auditor.web.submission import policy_names

    files = {"type": "array", "minItems": 1, "items": {"type": "string", "format": "binary"}}
    return {"type": "object",
            "properties": {"transcripts": files, "decisions": files,
                           "policy": {"enum": policy_names(), "default": "default"}},
            "anyOf": [{"required": ["transcripts"]}, {"required": ["decisions"]}]}


def _audit_schema() -> dict[str, Any]:
    return {"type": "object", "required": ["id", "status", "progress"], "properties": {
        "id": {"type": "integer"},
        "status": {"enum": [status.value for status in Status]},
        "created_at": {"type": "string", "format": "date-time"},
        "created_by": {"type": "string"},
        "policy": {"type": "string"},
        "inputs": {"type": "array", "items": {"type": "string"}},
        "progress": {"type": "object", "properties": {
            "done": {"type": "integer"}, "total": {"type": "integer"}}},
        "error": {"type": ["string", "null"]},
        "summary": {"type": "object", "properties": {
            "verdict": {"enum": ["passed", "failed", "inconclusive", None]},
            "gate_reasons": {"type": "array", "items": {"type": "string"}},
            "inconclusive_reasons": {"type": "array", "items": {"type": "string"}},
            "overall_score": {"type": ["number", "null"]},
            "grade": {"type": ["string", "null"]},
            "passed": {"type": ["boolean", "null"]},
            "findings": {"type": ["integer", "null"]}}},
        "reports": {"type": "object",
                    "additionalProperties": {"type": "string", "format": "uri"}},
    }}


def _finding_in_context_schema() -> dict[str, Any]:
    nullable_text = {"type": ["string", "null"]}
    turn = {"type": "object", "required": ["index", "role", "flagged", "text", "evidence"],
            "properties": {
                "index": {"type": "integer"}, "role": {"type": "string"},
                "timestamp": nullable_text, "flagged": {"type": "boolean"},
                "text": {"type": "string", "description": "redacted"},
                "evidence": {"type": "array", "items": {
                    "type": "object", "required": ["start", "end"], "properties": {
                        "start": {"type": "integer"}, "end": {"type": "integer"}}}}}}
    return {"type": "object",
            "required": ["finding", "check", "conversation", "other_findings", "triage"],
            "properties": {
                "finding": {"$ref": f"#/components/schemas/{_RESULT}FindingEntry"},
                "check": {"type": "object"},
                "conversation": {"oneOf": [{"type": "null"}, {
                    "type": "object", "required": ["turns"], "properties": {
                        "conversation_id": nullable_text, "channel": nullable_text,
                        "language": nullable_text,
                        "turns": {"type": "array", "items": turn}}}]},
                "not_kept_reason": nullable_text,
                "other_findings": {"type": "array", "items": {"type": "object"}},
                "triage": {"oneOf": [{"type": "null"}, {"type": "object", "properties": {
                    "state": {"enum": [kind.value for kind in TriageKind]},
                    "comment": {"type": "string"}, "by": {"type": "string"},
                    "at": {"type": "string", "format": "date-time"},
                    "expires": {"type": ["string", "null"], "format": "date"},
                    "assignee": nullable_text}}]},
                "history": {"type": "array", "items": {"type": "object", "properties": {
                    "at": {"type": "string", "format": "date-time"},
                    "by": {"type": ["string", "null"],
                           "description": "null: the service (a fixed finding found again)"},
                    "action": {"enum": ["state", "assignee", "comment"]},
                    "from": nullable_text, "to": nullable_text,
                    "text": {"type": "string"}}}}}}


def _listed_finding_schema() -> dict[str, Any]:
    nullable_text = {"type": ["string", "null"]}
    return {"type": "object", "required": ["fingerprint", "code", "severity", "message",
                                           "state"], "properties": {
        "fingerprint": {"type": "string"}, "code": {"type": "string"},
        "check": {"type": "string"}, "pack": {"type": "string"},
        "severity": {"enum": list(SEVERITY_ORDER)},
        "conversation_id": nullable_text, "turn_index": {"type": ["integer", "null"]},
        "message": {"type": "string"},
        "evidence": {"type": "array", "items": {"type": "string"},
                     "description": "redacted excerpts"},
        "segment": {"type": "object", "properties": {
            "channel": nullable_text, "language": nullable_text, "region": nullable_text}},
        "blocks_gate": {"type": "boolean"},
        "new": {"type": ["boolean", "null"],
                "description": "against the previous audit of the same inputs; null when "
                               "there is none"},
        "state": {"enum": list(STATES)}, "assignee": nullable_text}}


def _text(limit: int) -> dict[str, Any]:
    """A text filter: at most `limit` characters, no control character."""
    return {"type": "string", "maxLength": limit, "pattern": NO_CONTROL_PATTERN}


def _list_parameters() -> list[dict[str, Any]]:
    def query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
        return {"name": name, "in": "query", "required": False, "schema": schema,
                "description": description}

    many = {"style": "form", "explode": True}
    return [
        query("check", _text(20),
              "a check code (PII003) or a pack (PII)"),
        # An empty value is no filter, as a form's "any" choice sends it.
        {**query("severity", {"type": "array", "items": {"enum": [*SEVERITY_ORDER, ""]}},
                 "one or more severities (empty: any)"), **many},
        {**query("state", {"type": "array", "items": {"enum": [*STATES, ""]}},
                 "one or more triage states (empty: any)"), **many},
        query("new", {"enum": ["yes", "no", ""]},
              "new, or not, against the previous audit of the same inputs (empty: either)"),
        query("language", _text(64), "the conversation's language"),
        query("region", _text(64), "the conversation's region"),
        query("channel", _text(64), "the conversation's channel"),
        query("assignee", _text(254), "an assignee's e-mail"),
        query("q", _text(200),
              "text in the message, the redacted evidence or the conversation id"),
        query("sort", {"enum": list(SORTS)}, "the order (default: severity)"),
        query("page", {"type": "integer", "minimum": 1, "maximum": 999_999_999},
              "the page, from 1"),
        query("per_page", {"type": "integer", "minimum": 1, "maximum": max(PER_PAGE_CHOICES)},
              f"findings per page (default {DEFAULT_PER_PAGE})"),
    ]


def _triage_request_schema() -> dict[str, Any]:
    return {"type": "object",
            "oneOf": [{"required": ["fingerprints"]}, {"required": ["filter"]}],
            "anyOf": [{"required": ["state"]}, {"required": ["assignee"]}],
            "dependentRequired": {"state": ["reason"], "expires": ["state"]},
            "properties": {
        "fingerprints": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "filter": {"type": "object", "description": "the list's query arguments"},
        "state": {"enum": [kind.value for kind in TriageKind]},
        "assignee": {"type": "string", "description": "a reviewer's e-mail; empty to "
                                                      "unassign"},
        "reason": {"type": "string", "minLength": 1, "pattern": r"\S",
                   "description": "why; required with a state"},
        "expires": {"type": "string", "format": "date",
                    "description": "for a false positive or accepted risk"}}}


def openapi_document() -> dict[str, Any]:
    """The document (a plain dict, rendered as JSON), in an app context."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "support-auditor API", "version": __version__,
                 "description": "Start audits of chatbot transcripts and fetch their reports."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"token": []}],
        "components": {
            "securitySchemes": {"token": {
                "type": "http", "scheme": "bearer",
                "description": "A token from `auditor tokens create` or the Account page."}},
            "schemas": {
                "Problem": {"type": "object", "required": ["status", "detail"], "properties": {
                    "status": {"type": "integer"}, "detail": {"type": "string"}}},
                "Audit": _audit_schema(),
                **_result_schemas(),
            },
        },
        "paths": {
            "/audits": {"post": {
                "summary": "Upload exports and start an audit",
                "requestBody": {"required": True, "content": {"multipart/form-data": {
                    "schema": _upload_schema()}}},
                "responses": {
                    "202": {"description": "Queued", "headers": {"Location": {
                        "required": True, "schema": {"type": "string"}}},
                        "content": {"application/json": {
                            "schema": {"$ref": "#/components/schemas/Audit"}}}},
                    "400": _error("No export, an unreadable one, or an unknown policy"),
                    "401": _UNAUTHORIZED,
                    "403": _error("The token's user is a viewer"),
                    "413": _error("The request is over the upload limit (the detail names "
                                  "it and its setting)")}}},
            "/audits/{audit_id}": {"get": {
                "summary": "An audit's status, progress and summary",
                "parameters": [_AUDIT_ID],
                "responses": {"200": {"description": "The audit", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Audit"}}}},
                    "401": _UNAUTHORIZED, "404": _NOT_FOUND}}},
            "/audits/{audit_id}/cancel": {"post": {
                "summary": "Cancel a queued or running audit: no report, uploads deleted",
                "parameters": [_AUDIT_ID],
                "responses": {"200": {"description": "The audit, now cancelled", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Audit"}}}},
                    "401": _UNAUTHORIZED,
                    "403": _error("The token's user is a viewer"),
                    "404": _NOT_FOUND,
                    "409": _error("The audit had already ended (done, failed or "
                                  "cancelled)")}}},
            "/audits/{audit_id}/findings": {"get": {
                "summary": "The audit's findings, filtered, searched, sorted and paged",
                "parameters": [_AUDIT_ID, *_list_parameters()],
                "responses": {"200": {"description": "A page of findings", "content": {
                    "application/json": {"schema": {
                        "type": "object", "required": ["items", "total", "page", "pages"],
                        "properties": {
                            "items": {"type": "array", "items": _listed_finding_schema()},
                            "total": {"type": "integer"}, "page": {"type": "integer"},
                            "per_page": {"type": "integer"},
                            "pages": {"type": "integer"}}}}}},
                    "400": _error("A filter it cannot use (the detail names it)"),
                    "401": _UNAUTHORIZED, "404": _NOT_FOUND,
                    "409": _error("The audit has no report: it is not done")}}},
            "/audits/{audit_id}/triage": {"post": {
                "summary": "Change the triage state or assignee of findings, in bulk",
                "parameters": [_AUDIT_ID],
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": _triage_request_schema()}}},
                "responses": {"200": {"description": "How many were selected and changed",
                                      "content": {"application/json": {"schema": {
                                          "type": "object",
                                          "required": ["selected", "changed"],
                                          "properties": {
                                              "selected": {"type": "integer"},
                                              "changed": {"type": "integer"}}}}}},
                              "400": _error("A change it cannot make, or no finding "
                                            "selected (the detail says which)"),
                              "401": _UNAUTHORIZED,
                              "403": _error("The token's user is a viewer"),
                              "404": _NOT_FOUND,
                              "409": _error("The audit has no report: it is not done")}}},
            "/audits/{audit_id}/findings/{fingerprint}": {"get": {
                "summary": "One finding in its redacted conversation",
                "parameters": [_AUDIT_ID, {
                    "name": "fingerprint", "in": "path", "required": True,
                    "schema": {"type": "string", "pattern": FINGERPRINT.pattern}}],
                "responses": {"200": {"description": "The finding in context", "content": {
                    "application/json": {"schema": _finding_in_context_schema()}}},
                    "401": _UNAUTHORIZED,
                    "404": _error("No such audit, or no finding with that fingerprint in "
                                  "its result")}}},
            "/audits/{audit_id}/report.{format}": {"get": {
                "summary": "A finished audit's report",
                "parameters": [_AUDIT_ID, {"name": "format", "in": "path", "required": True,
                                           "schema": {"enum": list(served_formats())}}],
                "responses": {"200": {"description": "The report", "content": _report_content()},
                              "401": _UNAUTHORIZED, "404": _NOT_FOUND,
                              "409": _error("The audit has no report: it is not done, or "
                                            "was stored in an older result format")}}},
        },
    }
