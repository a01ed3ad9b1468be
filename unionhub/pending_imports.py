"""Uploaded files an import keeps between its preview and its confirm.

The file is written at the preview and read again at the confirm, so that what is
imported is what was previewed. It is deleted at the confirm and at the cancel; one left
behind (a preview nobody confirmed or cancelled) is deleted once it is older than
``UNIONHUB["IMPORT_PREVIEW_MAX_AGE"]`` seconds, by the next upload or by
``manage.py clean_imports``.
"""

import time
import uuid
from pathlib import Path

from django.conf import settings


def _folder():
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def path_of(token):
    """Where the file of ``token`` is, or None for a token no upload was given."""
    try:
        return _folder() / uuid.UUID(hex=token).hex
    except (TypeError, ValueError):
        return None


def keep(content):
    """Store ``content`` until the confirm; returns its token. Stale files go first."""
    clean_stale()
    token = uuid.uuid4().hex
    (_folder() / token).write_bytes(content)
    return token


def discard(token):
    path = path_of(token)
    if path is not None:
        path.unlink(missing_ok=True)


def clean_stale(max_age=None):
    """Delete the files older than ``max_age`` seconds (by default the setting's); returns
    how many were deleted."""
    if max_age is None:
        max_age = settings.UNIONHUB["IMPORT_PREVIEW_MAX_AGE"]
    cutoff = time.time() - max_age
    removed = 0
    for path in _folder().iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            pass  # removed meanwhile by a confirm, a cancel or another cleaner
    return removed
