"""Writes of the 168 care action: a month's logs for many pairs, all or nothing."""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..models import CareLog, month_start, school_year_months
from ..models.care import validate_month_begun

LOGGED_FIELDS = ("talks", "tutoring", "notes")


def log_state(log):
    """A short fingerprint of a log as it stands ("" when there is none).

    Pages post back the fingerprint of what they showed; a save whose fingerprint no longer
    matches the database was opened before someone else's save, and is refused.
    """
    if log is None:
        return ""
    if isinstance(log, dict):
        talks, tutoring, notes = log["talks"], log["tutoring"], log["notes"]
    else:
        talks, tutoring, notes = log.talks, log.tutoring, log.notes
    digest = hashlib.sha1(notes.encode("utf-8")).hexdigest()[:10]
    return "{}:{}:{}".format(talks, tutoring, digest)


@dataclass
class LogEntry:
    """What a page posted for one pair and the month: ``talks`` and ``tutoring`` None means
    "not logged" (an existing log is removed); ``notes`` None keeps the notes as they are."""

    pair: object
    talks: int | None
    tutoring: int | None
    notes: str | None = ""
    loaded: str | None = None  # the fingerprint the page showed; None: do not check

    @property
    def is_empty(self):
        return self.talks is None and self.tutoring is None and not self.notes


class LogConflict(Exception):
    """Someone else saved some of these logs after the page was opened; nothing was saved.

    ``current`` maps each conflicting pair id to its log as it now stands (or None).
    """

    def __init__(self, current):
        super().__init__("care logs changed meanwhile")
        self.current = current


def save_month(school, month, entries, user=None):
    """Saves ``entries`` (``LogEntry``) for ``month`` in one transaction: new logs in one
    bulk insert, changed ones in one bulk update, each with its history row; emptied ones
    deleted. Unchanged logs are left alone (no history noise).

    Raises ``ValidationError`` for a month not begun or a pair of another school or school
    year, and ``LogConflict`` when a log changed since the page showed it. Returns the
    counts ``{"created", "updated", "deleted"}``.
    """
    month = month_start(month)
    validate_month_begun(month)
    for entry in entries:
        if entry.pair.school_id != school.pk:
            raise ValidationError(_("This pair belongs to another school."), code="other_school")
        if month not in school_year_months(entry.pair.school_year):
            raise ValidationError(
                _("%(year)s年%(month)s月 is not in the pair's school year %(school_year)s.")
                % {"year": month.year, "month": month.month, "school_year": entry.pair.school_year_label},
                code="other_year",
            )
    counts = {"created": 0, "updated": 0, "deleted": 0}
    if not entries:
        return counts
    with transaction.atomic():
        existing = {
            log.pair_id: log
            for log in CareLog.objects.select_for_update(of=("self",)).filter(
                pair_id__in=[entry.pair.pk for entry in entries], month=month
            )
        }
        conflicts = {}
        to_create, to_update, to_delete = [], [], []
        for entry in entries:
            log = existing.get(entry.pair.pk)
            if entry.is_empty:
                wanted = None
            else:
                notes = entry.notes if entry.notes is not None else (log.notes if log else "")
                wanted = {"talks": entry.talks or 0, "tutoring": entry.tutoring or 0, "notes": notes}
            unchanged = log_state(wanted) == log_state(log)
            if entry.loaded is not None and entry.loaded != log_state(log) and not unchanged:
                conflicts[entry.pair.pk] = log
                continue
            if unchanged:
                continue
            if wanted is None:
                to_delete.append(log)
            elif log is None:
                to_create.append(CareLog(pair=entry.pair, month=month, **wanted))
            else:
                for field in LOGGED_FIELDS:
                    setattr(log, field, wanted[field])
                to_update.append(log)
        if conflicts:
            raise LogConflict(conflicts)
        for log in to_create + to_update:
            log.full_clean(exclude=["pair"], validate_unique=False, validate_constraints=False)
        if to_create:
            bulk_create_with_history(to_create, CareLog, default_user=user)
        if to_update:
            bulk_update_with_history(to_update, CareLog, list(LOGGED_FIELDS), default_user=user)
        for log in to_delete:
            log.delete()
    counts.update(created=len(to_create), updated=len(to_update), deleted=len(to_delete))
    return counts


def save_log(school, month, entry, user=None):
    """One pair's month (the grid's cell, the pair page's month): ``save_month`` for one."""
    return save_month(school, month, [entry], user=user)
