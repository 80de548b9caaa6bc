"""The web service for compliance reviewers: `create_app(config)` builds it.

Blueprints: `auth` (sign in and out), `audits` (upload, history, job pages,
reports) and `api` (the token-authenticated REST API). Audits run in the
background through `run_audit`, the same function the command line uses; views
only parse, call and format.
"""

from __future__ import annotations

import atexit
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, render_template
from jinja2 import PackageLoader
from werkzeug.exceptions import HTTPException

__all__ = ["create_app"]

MB = 1024 * 1024


def _defaults(instance: Path) -> dict[str, Any]:
    return {
        "DATABASE_URL": f"sqlite:///{instance / 'auditor.sqlite3'}",
        "UPLOADS_DIR": str(instance / "uploads"),
        "POLICIES_DIR": str(instance / "policies"),
        "MAX_FILE_BYTES": 50 * MB,
        "MAX_UNZIPPED_BYTES": 200 * MB,
        "MAX_COMPRESSION_RATIO": 100,
        "MAX_CONTENT_LENGTH": 200 * MB,  # a whole upload request
        "AUDIT_WORKERS": 1,
        "RETENTION_SECONDS": 0,  # raw uploads are deleted as soon as the audit ends
        "LOGIN_RATE_LIMIT": "10 per minute",
        "HTTPS": False,  # behind HTTPS: Secure cookies and HSTS
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "RUN_MIGRATIONS": True,
    }


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The configured app. Settings: `config`, else `AUDITOR_*` environment variables
    (`AUDITOR_DATABASE_URL`, `AUDITOR_SECRET_KEY`...), else defaults in the instance
    folder (`AUDITOR_INSTANCE`, default `./instance`)."""
    from auditor.web import api, auth, comparison, triage, views
    from auditor.web.database import Database, migrate
    from auditor.web.extensions import close_session, csrf, limiter, login_manager
    from auditor.web.jobs import AuditRunner, JobSettings, sweep_uploads
    from auditor.web.security import install_security_headers

    config = dict(config or {})
    instance = Path(config.get("INSTANCE_PATH") or os.environ.get("AUDITOR_INSTANCE")
                    or Path.cwd() / "instance").resolve()
    app = Flask(__name__, instance_path=str(instance))
    app.config.from_mapping(_defaults(instance))
    app.config.from_prefixed_env("AUDITOR")
    app.config.from_mapping(config)
    app.config["SESSION_COOKIE_SECURE"] = bool(app.config["HTTPS"])
    instance.mkdir(parents=True, exist_ok=True)
    Path(app.config["POLICIES_DIR"]).mkdir(parents=True, exist_ok=True)
    app.config.setdefault("SECRET_KEY", None)
    app.config["SECRET_KEY"] = app.config["SECRET_KEY"] or _instance_secret(instance)
    app.jinja_loader = PackageLoader("auditor.templates", "web")

    database = Database(str(app.config["DATABASE_URL"]))
    if app.config["RUN_MIGRATIONS"]:
        migrate(database.engine)
    runner = AuditRunner(database, JobSettings(
        workers=int(app.config["AUDIT_WORKERS"]),
        retention_seconds=int(app.config["RETENTION_SECONDS"]),
        policies_dir=Path(app.config["POLICIES_DIR"])))
    app.extensions["auditor.database"] = database
    app.extensions["auditor.runner"] = runner

    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    app.register_blueprint(auth.blueprint)
    app.register_blueprint(views.blueprint)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(triage.blueprint)
    app.register_blueprint(comparison.blueprint)
    csrf.exempt(api.blueprint)  # token-authenticated, no cookies
    app.teardown_appcontext(close_session)
    install_security_headers(app)
    _error_pages(app)

    runner.recover()
    if int(app.config["RETENTION_SECONDS"]) > 0:
        sweep_uploads(Path(app.config["UPLOADS_DIR"]), int(app.config["RETENTION_SECONDS"]))
    atexit.register(runner.shutdown)
    return app


def _instance_secret(instance: Path) -> str:
    """A secret key kept in the instance folder, so sessions survive a restart."""
    path = instance / "secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32), encoding="ascii")
    return path.read_text(encoding="ascii").strip()


def _error_pages(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _page(error: HTTPException) -> tuple[str, int]:
        if error.code == 413:
            limit = int(app.config["MAX_CONTENT_LENGTH"]) // MB
            error.description = f"The upload is larger than the limit of {limit} MB."
        return render_template("error.html", error=error), error.code or 500
