"""Uploaded files kept between the preview and the confirmation, under var/imports/<random id>/,
readable only through the session that uploaded them, and removed once used, cancelled or a day
old. Each upload's folder holds the two files, what the check found, and the rejected rows."""

from __future__ import annotations

import json
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

SESSION_KEY = "resettle_import"
MAX_AGE_SECONDS = 24 * 60 * 60
CHILDREN, LEGAL_STATUS = "children.csv", "legal_status.csv"
REJECTED, SUMMARY, OWNER = "rejected.csv", "summary.json", "owner.json"


def root() -> Path:
    return Path(settings.VAR_DIR) / "imports"


@dataclass
class Upload:
    id: str
    folder: Path
    source: str

    def path(self, name: str) -> Path:
        return self.folder / name

    def has(self, name: str) -> bool:
        return self.path(name).exists()

    @property
    def summary(self) -> dict | None:
        if not self.has(SUMMARY):
            return None
        return json.loads(self.path(SUMMARY).read_text(encoding="utf-8"))

    def save_summary(self, summary: dict) -> None:
        self.path(SUMMARY).write_text(json.dumps(summary), encoding="utf-8")


def _copy(upload_file, target: Path) -> None:
    with target.open("wb") as out:
        for chunk in upload_file.chunks():
            out.write(chunk)


def save(user, source: str, children, legal_status=None) -> Upload:
    sweep()
    upload_id = uuid.uuid4().hex
    folder = root() / upload_id
    folder.mkdir(parents=True, mode=0o700)
    _copy(children, folder / CHILDREN)
    if legal_status is not None:
        _copy(legal_status, folder / LEGAL_STATUS)
    owner = {"user": user.pk, "service": user.organisation_id, "source": source}
    (folder / OWNER).write_text(json.dumps(owner), encoding="utf-8")
    return Upload(upload_id, folder, source)


def find(upload_id: str | None, user) -> Upload | None:
    """The upload with this id, if `user` made it and it is still here."""
    if not upload_id or not str(upload_id).isalnum():
        return None
    folder = root() / str(upload_id)
    try:
        owner = json.loads((folder / OWNER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if owner.get("user") != user.pk or owner.get("service") != user.organisation_id:
        return None
    return Upload(str(upload_id), folder, owner["source"])


def discard(upload: Upload | None) -> None:
    if upload is not None:
        shutil.rmtree(upload.folder, ignore_errors=True)


def sweep(now: float | None = None) -> None:
    """Remove uploads older than a day."""
    now = now or time.time()
    if not root().exists():
        return
    for folder in root().iterdir():
        try:
            if now - folder.stat().st_mtime > MAX_AGE_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
