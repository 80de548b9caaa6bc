"""Starting an audit from uploaded files (save them, record the job, queue it), and
cancelling one.

Shared by the web pages and the REST API, so both check uploads and end jobs the same way.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from flask import current_app

from auditor.web.extensions import database, db_session, runner
from auditor.web.jobs import DECISIONS, TRANSCRIPTS
from auditor.web.leases import cancel
from auditor.web.models import Audit, Status, User
from auditor.web.permissions import private_dir
from auditor.web.uploads import (
    EXPORTS_IN_WORDS,
    Upload,
    UploadError,
    UploadLimits,
    remove_work_dir,
    save_uploads,
)


def policy_names() -> list[str]:
    """The policies a reviewer can choose: "default" and each TOML in the policies folder."""
    folder = Path(current_app.config["POLICIES_DIR"])
    return ["default", *sorted(p.stem for p in folder.glob("*.toml"))]


def upload_limits() -> UploadLimits:
    """The configured limits."""
    config = current_app.config
    return UploadLimits(max_file_bytes=int(config["MAX_FILE_BYTES"]),
                        max_unzipped_bytes=int(config["MAX_UNZIPPED_BYTES"]),
                        max_compression_ratio=int(config["MAX_COMPRESSION_RATIO"]))


def start_audit(user: User, transcripts: Sequence[Upload], decisions: Sequence[Upload],
                policy_name: str, *, organisation: str | None = None) -> Audit:
    """Save the uploads into a new working directory and queue the audit for
    `organisation` (an id; may be left out by a member of one organisation only).

    Raises UploadError (nothing kept) when a file cannot be audited.
    """
    if policy_name not in policy_names():
        raise UploadError(f"unknown policy {policy_name!r}; choose one of "
                          f"{', '.join(policy_names())}")
    organisation_id = _organisation_for(user, organisation)
    uploads = private_dir(Path(current_app.config["UPLOADS_DIR"]))
    work_dir = Path(tempfile.mkdtemp(prefix="audit-", dir=uploads))
    try:
        limits = upload_limits()
        saved = save_uploads(transcripts, work_dir / TRANSCRIPTS, limits) if any(
            f.filename for f in transcripts) else []
        saved += save_uploads(decisions, work_dir / DECISIONS, limits) if any(
            f.filename for f in decisions) else []
        if not saved:
            raise UploadError(f"no export was uploaded: choose one or more "
                              f"{EXPORTS_IN_WORDS} or .zip files")
    except BaseException:
        remove_work_dir(work_dir)
        raise
    names = [f.filename or "" for f in [*transcripts, *decisions] if f.filename]
    audit = Audit(created_by_id=user.id, organisation_id=organisation_id,
                  policy_name=policy_name, input_names=names, work_dir=str(work_dir))
    session = db_session()
    session.add(audit)
    session.commit()  # the job must exist before a worker looks for it
    runner().submit(audit.id)
    return audit


def _organisation_for(user: User, wanted: str | None) -> int:
    """The organisation an upload is for: the one named (by id), or the user's only one;
    UploadError when it is not one of the user's, or not said among several."""
    from auditor.web.organisations import member_organisations

    choices = member_organisations(db_session(), user)
    if wanted:
        chosen = next((o for o in choices if str(o.id) == wanted.strip()), None)
        if chosen is None:
            raise UploadError("choose one of your organisations for this audit")
        return chosen.id
    if len(choices) == 1:
        return choices[0].id
    if not choices:
        raise UploadError("you are not a member of any organisation yet; ask an admin to "
                          "add you to one")
    raise UploadError("choose the organisation this audit is for: "
                      + ", ".join(f"{o.id} ({o.name})" for o in choices))


def cancel_audit(user: User, audit: Audit) -> bool:
    """Cancel a queued or running audit; False when it had already ended.

    A queued job's uploads are deleted here (no runner holds them); a running job's
    runner stops at its next progress write and deletes them.
    """
    session = db_session()
    # The cancel is its own transaction: the request's (a token's last use, say) is
    # committed first, so that SQLite's single writer is free, and a new one reads the
    # job as it ended.
    session.commit()
    was = cancel(database(), audit.id, f"Cancelled by {user.email}.")
    session.refresh(audit)
    if was is Status.QUEUED and audit.work_dir:
        runner().discard_uploads(Path(audit.work_dir))
    return was is not None
