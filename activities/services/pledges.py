"""Writes of pledge drives and the ethics assessment; each call is one transaction.

Rows are written in bulk (a few queries whatever the number of members) and keep their
history: the bulk writers of django-simple-history record who did it, and deletions are
recorded by ``_bulk_delete_with_history``.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from members.models import Member

from ..choices import EthicsGrade
from ..models import EthicsAssessment, EthicsPeriod, PledgeSignature

# A score without a grade gets the grade of the band it falls in.
GRADE_BANDS = [
    (Decimal("90"), EthicsGrade.EXCELLENT),
    (Decimal("80"), EthicsGrade.GOOD),
    (Decimal("60"), EthicsGrade.PASS),
    (Decimal("0"), EthicsGrade.FAIL),
]


def grade_for_score(score):
    """优秀 from 90, 良好 from 80, 合格 from 60, 不合格 below; None for no score."""
    if score is None:
        return None
    for floor, grade in GRADE_BANDS:
        if score >= floor:
            return grade
    return EthicsGrade.FAIL


def _user(user):
    return user if user is not None and user.is_authenticated else None


def _bulk_delete_with_history(model, objs, user):
    """Deletes ``objs`` in one query and records each deletion in one more.

    ``QuerySet.delete()`` would send ``post_delete`` per row (one history insert each), so
    the rows go with a raw delete: these models have no dependent rows to cascade to.
    """
    if not objs:
        return
    history_model = model.history.model
    now = timezone.now()
    history_model.objects.bulk_create(
        [
            history_model(
                history_date=now,
                history_user=_user(user) or history_model.get_default_history_user(obj),
                history_change_reason="",
                history_type="-",
                **{field.attname: getattr(obj, field.attname) for field in history_model.tracked_fields},
            )
            for obj in objs
        ]
    )
    rows = model._base_manager.filter(pk__in=[obj.pk for obj in objs])
    rows._raw_delete(rows.db)


# ---------------------------------------------------------------------------------------
# Pledge drives
# ---------------------------------------------------------------------------------------


def create_drive(drive, member_ids, user=None):
    """Saves a new ``drive`` (its school set) and binds ``member_ids`` to it, together."""
    with transaction.atomic():
        drive.save()
        bulk_create_with_history(
            [PledgeSignature(drive=drive, member_id=pk) for pk in member_ids],
            PledgeSignature,
            default_user=_user(user),
        )
    return drive


@dataclass
class Rebinding:
    added: int
    removed: int
    kept_signed: int


def rebind_drive(drive, member_ids, remove_signed=False, user=None):
    """Makes the drive bind ``member_ids``: adds who is new, removes who is not in the list.

    Members who already signed stay bound (with their date) unless ``remove_signed``.
    """
    wanted = set(member_ids)
    with transaction.atomic():
        current = list(PledgeSignature.objects.select_for_update().filter(drive=drive).order_by("pk"))
        bound = {signature.member_id for signature in current}
        # A deleted member's row stays: restoring the member brings their signature back.
        deleted_member_ids = set(
            Member.all_objects.filter(school=drive.school_id, pk__in=bound, deleted_at__isnull=False).values_list(
                "pk", flat=True
            )
        )
        outside = [
            signature
            for signature in current
            if signature.member_id not in wanted and signature.member_id not in deleted_member_ids
        ]
        kept = [] if remove_signed else [signature for signature in outside if signature.signed_on is not None]
        kept_ids = {signature.pk for signature in kept}
        removed = [signature for signature in outside if signature.pk not in kept_ids]
        _bulk_delete_with_history(PledgeSignature, removed, user)
        added = [PledgeSignature(drive=drive, member_id=pk) for pk in sorted(wanted - bound)]
        bulk_create_with_history(added, PledgeSignature, default_user=_user(user))
    return Rebinding(added=len(added), removed=len(removed), kept_signed=len(kept))


def sign(drive, member_ids, signed_on, user=None):
    """Records the members as having signed on ``signed_on``; returns how many changed."""
    with transaction.atomic():
        signatures = list(
            PledgeSignature.objects.select_for_update()
            .filter(drive=drive, member_id__in=list(member_ids))
            .exclude(signed_on=signed_on)
        )
        for signature in signatures:
            signature.signed_on = signed_on
        if signatures:
            bulk_update_with_history(signatures, PledgeSignature, ["signed_on"], default_user=_user(user))
    return len(signatures)


def unsign(drive, member_id, user=None):
    """Clears one member's signature (recorded by mistake); True when there was one."""
    with transaction.atomic():
        signature = (
            PledgeSignature.objects.select_for_update()
            .filter(drive=drive, member_id=member_id, signed_on__isnull=False)
            .first()
        )
        if signature is None:
            return False
        signature.signed_on = None
        if _user(user) is not None:
            signature._history_user = user
        signature.save(update_fields=["signed_on"])
    return True


# ---------------------------------------------------------------------------------------
# Ethics assessment
# ---------------------------------------------------------------------------------------


class GridConflict(Exception):
    """Someone saved the grid after it was loaded; ``version`` is the current one."""

    def __init__(self, version):
        super().__init__(version)
        self.version = version


@dataclass
class GridSaving:
    created: int
    updated: int
    cleared: int

    @property
    def changed(self):
        return self.created + self.updated + self.cleared


ASSESSMENT_FIELDS = ["score", "grade", "vetoed", "veto_reason"]


def save_grid(period, rows, loaded_version, user=None):
    """Saves a period's grid all at once: ``rows`` maps member ids to a dict of
    ``ASSESSMENT_FIELDS`` (already checked by the grid form), or to None to clear the row.

    Refuses with ``GridConflict`` when the period was saved since ``loaded_version``; then
    nothing is written. A grid that changes anything moves the period's version on.
    """
    with transaction.atomic():
        current_version = (
            EthicsPeriod.objects.select_for_update().filter(pk=period.pk).values_list("version", flat=True).get()
        )
        if current_version != loaded_version:
            raise GridConflict(current_version)
        existing = {a.member_id: a for a in EthicsAssessment.objects.filter(period=period, member_id__in=list(rows))}
        created, updated, cleared = [], [], []
        for member_id, values in rows.items():
            assessment = existing.get(member_id)
            if values is None:
                if assessment is not None:
                    cleared.append(assessment)
            elif assessment is None:
                created.append(EthicsAssessment(period=period, member_id=member_id, **values))
            elif any(getattr(assessment, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(assessment, name, value)
                updated.append(assessment)
        _bulk_delete_with_history(EthicsAssessment, cleared, user)
        if created:
            bulk_create_with_history(created, EthicsAssessment, default_user=_user(user))
        if updated:
            bulk_update_with_history(updated, EthicsAssessment, ASSESSMENT_FIELDS, default_user=_user(user))
        saving = GridSaving(created=len(created), updated=len(updated), cleared=len(cleared))
        if saving.changed:
            period.version = current_version + 1
            if _user(user) is not None:
                period._history_user = user
            period.save(update_fields=["version"])
    return saving
