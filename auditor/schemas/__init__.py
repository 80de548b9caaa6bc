"""The JSON Schemas the auditor publishes (package data)."""
