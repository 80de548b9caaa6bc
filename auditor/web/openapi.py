"""The REST API's OpenAPI 3.1 description, served at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from auditor import __version__
from auditor.web.reports import served_formats

_ERROR = {"description": "An error", "content": {"application/json": {"schema": {
    "$ref": "#/components/schemas/Problem"}}}}
_AUDIT_ID = {"name": "audit_id", "in": "path", "required": True,
             "schema": {"type": "integer", "minimum": 1}}


def openapi_document() -> dict[str, Any]:
    """The document (a plain dict, rendered as JSON)."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "support-auditor API", "version": __version__,
                 "description": "Start audits of chatbot transcripts and fetch their reports."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"token": []}],
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer",
                                          "description": "A token from `auditor tokens create`."}},
            "schemas": {
                "Problem": {"type": "object", "required": ["status", "detail"], "properties": {
                    "status": {"type": "integer"}, "detail": {"type": "string"}}},
                "Audit": {"type": "object", "required": ["id", "status", "progress"],
                          "properties": {
                    "id": {"type": "integer"},
                    "status": {"enum": ["queued", "running", "done", "failed"]},
                    "created_at": {"type": "string", "format": "date-time"},
                    "created_by": {"type": "string"},
                    "policy": {"type": "string"},
                    "inputs": {"type": "array", "items": {"type": "string"}},
                    "progress": {"type": "object", "properties": {
                        "done": {"type": "integer"}, "total": {"type": "integer"}}},
                    "error": {"type": ["string", "null"]},
                    "summary": {"type": "object", "properties": {
                        "verdict": {"enum": ["passed", "failed", "inconclusive"]},
                        "gate_reasons": {"type": "array", "items": {"type": "string"}},
                        "inconclusive_reasons": {"type": "array",
                                                 "items": {"type": "string"}},
                        "overall_score": {"type": ["number", "null"]},
                        "grade": {"type": ["string", "null"]},
                        "passed": {"type": "boolean"}, "findings": {"type": "integer"}}},
                    "reports": {"type": "object",
                                "additionalProperties": {"type": "string", "format": "uri"}},
                }},
            },
        },
        "paths": {
            "/audits": {"post": {
                "summary": "Upload exports and start an audit",
                "requestBody": {"required": True, "content": {"multipart/form-data": {
                    "schema": {"type": "object", "properties": {
                        "transcripts": {"type": "array", "items": {
                            "type": "string", "format": "binary"}},
                        "decisions": {"type": "array", "items": {
                            "type": "string", "format": "binary"}},
                        "policy": {"type": "string", "default": "default"}}}}}},
                "responses": {
                    "202": {"description": "Queued", "headers": {"Location": {
                        "schema": {"type": "string"}}}, "content": {"application/json": {
                            "schema": {"$ref": "#/components/schemas/Audit"}}}},
                    "400": _ERROR, "401": _ERROR, "403": _ERROR, "413": _ERROR}}},
            "/audits/{audit_id}": {"get": {
                "summary": "An audit's status, progress and summary",
                "parameters": [_AUDIT_ID],
                "responses": {"200": {"description": "The audit", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Audit"}}}},
                    "401": _ERROR, "404": _ERROR}}},
            "/audits/{audit_id}/report.{format}": {"get": {
                "summary": "A finished audit's report",
                "parameters": [_AUDIT_ID, {"name": "format", "in": "path", "required": True,
                                           "schema": {"enum": list(served_formats())}}],
                "responses": {"200": {"description": "The report"}, "401": _ERROR,
                              "404": _ERROR, "409": _ERROR}}},
        },
    }
