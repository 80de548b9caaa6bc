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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Flask loads only with the app: the command line imports this package
    from flask import Flask

__all__ = ["close_app", "create_app"]

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
        # This process claims and runs audit jobs (admin commands turn it off).
        "RUN_JOBS": True,
        "JOB_LEASE_SECONDS": 60,  # a claimed job whose runner is silent this long is taken over
        "JOB_HEARTBEAT_SECONDS": 15,  # how often a runner renews the leases it holds
        "JOB_POLL_SECONDS": 5,  # how often a runner looks for jobs submitted elsewhere
        "LOGIN_RATE_LIMIT": "10 per minute",
        # A sign-in ends after this long without a request, and after the absolute
        # lifetime in any case (sessions are recorded server-side: auditor.web.accounts).
        "SESSION_IDLE_SECONDS": 30 * 60,
        "SESSION_ABSOLUTE_SECONDS": 12 * 60 * 60,
        "HTTPS": False,  # behind HTTPS: Secure cookies and HSTS
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "RUN_MIGRATIONS": True,
        # Monthly reports: the SMTP server and sender (AUDITOR_SMTP_URL, AUDITOR_MAIL_FROM;
        # see auditor.mail), how often to look for due reports, the hour (UTC) they go
        # out on their day, and this service's address for the links in them.
        "SMTP_URL": "",
        "MAIL_FROM": "",
        "MONTHLY_CHECK_SECONDS": 300,
        "MONTHLY_SEND_HOUR": 6,
        "BASE_URL": "",
        # A Dask scheduler's address (AUDITOR_DASK_SCHEDULER=tcp://HOST:8786): audits
        # then judge conversations on that cluster (see auditor.cluster).
        "DASK_SCHEDULER": "",
    }


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The configured app. Settings: `config`, else `AUDITOR_*` environment variables
    (`AUDITOR_DATABASE_URL`, `AUDITOR_SECRET_KEY`...), else defaults in the instance
    folder (`AUDITOR_INSTANCE`, default `./instance`)."""
    from flask import Flask
    from jinja2 import PackageLoader

    from auditor.web import (
        api,
        auth,
        comparison,
        findings,
        monthly_views,
        noise,
        organisation_views,
        triage,
        views,
    )
    from auditor.web.database import Database, migrate
    from auditor.web.extensions import close_session, csrf, limiter, login_manager
    from auditor.web.jobs import AuditRunner, JobSettings
    from auditor.web.monthly_delivery import (
        DeliverySettings,
        MonthlyScheduler,
        mail_environment,
    )
    from auditor.web.permissions import private_dir
    from auditor.web.security import install_security_headers

    config = dict(config or {})
    instance = Path(config.get("INSTANCE_PATH") or os.environ.get("AUDITOR_INSTANCE")
                    or Path.cwd() / "instance").resolve()
    app = Flask(__name__, instance_path=str(instance))
    app.config.from_mapping(_defaults(instance))
    app.config.from_prefixed_env("AUDITOR")
    app.config.from_mapping(config)
    app.config["SESSION_COOKIE_SECURE"] = bool(app.config["HTTPS"])
    private_dir(instance)
    private_dir(Path(app.config["UPLOADS_DIR"]))
    Path(app.config["POLICIES_DIR"]).mkdir(parents=True, exist_ok=True)
    app.config.setdefault("SECRET_KEY", None)
    app.config["SECRET_KEY"] = app.config["SECRET_KEY"] or _instance_secret(instance)
    app.jinja_loader = PackageLoader("auditor.templates", "web")
    # Check descriptions are Markdown: rendered as the HTML report renders them.
    from auditor.render.html import markdown

    app.add_template_filter(markdown, "markdown")

    database = Database(str(app.config["DATABASE_URL"]))
    if app.config["RUN_MIGRATIONS"]:
        migrate(database.engine)
    runner = AuditRunner(database, JobSettings(
        workers=int(app.config["AUDIT_WORKERS"]),
        retention_seconds=int(app.config["RETENTION_SECONDS"]),
        policies_dir=Path(app.config["POLICIES_DIR"]),
        uploads_dir=Path(app.config["UPLOADS_DIR"]),
        lease_seconds=float(app.config["JOB_LEASE_SECONDS"]),
        heartbeat_seconds=float(app.config["JOB_HEARTBEAT_SECONDS"]),
        poll_seconds=float(app.config["JOB_POLL_SECONDS"]),
        scheduler=str(app.config["DASK_SCHEDULER"]) or None))
    app.extensions["auditor.database"] = database
    app.extensions["auditor.runner"] = runner
    app.extensions["auditor.monthly"] = MonthlyScheduler(
        database, DeliverySettings(mail=mail_environment(app.config),
                                   send_hour=int(app.config["MONTHLY_SEND_HOUR"]),
                                   base_url=str(app.config["BASE_URL"])),
        runner.runner_id, float(app.config["MONTHLY_CHECK_SECONDS"]))

    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    app.register_blueprint(auth.blueprint)
    app.register_blueprint(views.blueprint)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(triage.blueprint)
    app.register_blueprint(findings.blueprint)
    app.register_blueprint(noise.blueprint)
    app.register_blueprint(comparison.blueprint)
    app.register_blueprint(organisation_views.blueprint)
    app.register_blueprint(monthly_views.blueprint)
    csrf.exempt(api.blueprint)  # token-authenticated, no cookies
    app.teardown_appcontext(close_session)
    install_security_headers(app)
    _error_pages(app)

    if app.config["RUN_JOBS"]:
        runner.start()  # claims queued jobs and those of runners that died
        atexit.register(runner.shutdown)
        app.extensions["auditor.monthly"].start()  # sends monthly reports when due
        atexit.register(app.extensions["auditor.monthly"].shutdown)
    return app


def close_app(app: Flask, wait_seconds: float = 30.0) -> None:
    """Stop the app's job runner, waiting up to `wait_seconds` for running audits to end,
    then close its database connections (a server stopping, or a test ending)."""
    app.extensions["auditor.runner"].shutdown(wait_seconds=wait_seconds)
    app.extensions["auditor.monthly"].shutdown()
    app.extensions["auditor.database"].engine.dispose()


def _instance_secret(instance: Path) -> str:
    """A secret key kept in the instance folder, so sessions survive a restart."""
    from auditor.web.permissions import create_private_file_once

    path = instance / "secret_key"
    create_private_file_once(path, secrets.token_hex(32).encode("ascii"))
    return path.read_text(encoding="ascii").strip()


def _error_pages(app: Flask) -> None:
    from flask import Response, make_response, render_template
    from werkzeug.exceptions import HTTPException

    from auditor.web.api import is_api_request, problem
    from auditor.web.extensions import too_large_message

    @app.errorhandler(HTTPException)
    def _page(error: HTTPException) -> Response:
        if error.code == 413:
            error.description = too_large_message()
        if is_api_request():  # also errors before routing (404, 405): JSON, as documented
            response = problem(error.code or 500, error.description or error.name)[0]
        else:
            response = make_response(render_template("error.html", error=error))
        response.status_code = error.code or 500
        for name, value in error.get_headers():  # such as a 405's Allow
            if name.lower() != "content-type":
                response.headers[name] = value
        return response
