"""Response headers: no inline script anywhere, no framing, no MIME sniffing.

The app's pages need no script at all (job pages refresh themselves with a meta
tag), so the policy allows none. Report HTML is additionally served sandboxed:
even if transcript text ever slipped past escaping, it could not run as script.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, request

APP_POLICY = ("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
              "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# Reports carry inline CSS and SVG only.
REPORT_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                 "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox")


def report_headers(response: Response) -> Response:
    """Mark a response as report content: the stricter, sandboxed policy."""
    response.headers["Content-Security-Policy"] = REPORT_POLICY
    return response


def install_security_headers(app: Flask) -> None:
    """Add the headers to every response."""

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", APP_POLICY)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        # same-origin, not no-referrer: over HTTPS the CSRF check requires a same-site
        # Referer on form posts, and other sites still learn nothing.
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers.setdefault("Cache-Control", "no-store")
        if app.config.get("HTTPS") and request.is_secure:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        return response


def local_path(target: str | None) -> str | None:
    """`target` when it is a path on this site, else None: where a form or the sign-in
    may send the browser back to (an open redirect would help phishing). Control
    characters are refused outright: browsers drop a tab or newline, so "/\t/evil.com"
    would reach "//evil.com"."""
    if not target or any(ord(char) < 0x20 or ord(char) == 0x7F for char in target):
        return None
    parts = urlsplit(target.replace("\\", "/"))
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
