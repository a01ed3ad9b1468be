"""Writes of the awards concern that touch more than one row, each in one transaction.

A promotion in professional title (职称晋升) is also the member's title on the roster: when
the member's latest promotion changes (a new or edited promotion is the latest, the latest is
deleted, a deleted one is restored as the latest) the roster's ``Member.title`` follows it,
and the member's ``version`` is bumped so that an edit form opened before refuses to
overwrite it. An older promotion entered later leaves the roster alone.
"""

from django.db import transaction

from members.models import Member

from ..models import Promotion


def latest_promotion(member_id):
    """The member's live promotion with the latest date (the last entered on a tie), or None."""
    return Promotion.objects.filter(member_id=member_id).order_by("-promoted_on", "-pk").first()


def _lock_members(member_ids):
    """The members' rows, locked until the transaction ends, by pk."""
    ids = sorted({pk for pk in member_ids if pk is not None})
    return {member.pk: member for member in Member.all_objects.select_for_update().filter(pk__in=ids).order_by("pk")}


def _set_title(member, title):
    """Write ``title`` on the roster; True when it changed."""
    if member.title == title:
        return False
    member.title = title
    member.version += 1
    member.save(update_fields=["title", "version"])
    return True


def save_promotion(form):
    """Save a valid ``PromotionForm`` (new or edited) and bring the roster's title in step.

    Returns ``(promotion, changed_members)``: the members whose roster title was rewritten.
    """
    with transaction.atomic():
        promotion = form.instance
        previous_member_id = None
        if promotion.pk is not None:
            previous_member_id = Promotion.all_objects.filter(pk=promotion.pk).values_list("member_id", flat=True).get()
        members = _lock_members([promotion.member_id, previous_member_id])
        previous_latest = None
        if previous_member_id is not None and previous_member_id != promotion.member_id:
            previous_latest = latest_promotion(previous_member_id)

        promotion = form.save()

        changed = []
        member = members[promotion.member_id]
        latest = latest_promotion(member.pk)
        if latest is not None and latest.pk == promotion.pk and _set_title(member, promotion.title):
            changed.append(member)
        if previous_latest is not None and previous_latest.pk == promotion.pk:
            # The promotion moved to another member: its former member falls back to their
            # latest remaining promotion, if any.
            former = members[previous_member_id]
            fallback = latest_promotion(former.pk)
            if fallback is not None and _set_title(former, fallback.title):
                changed.append(former)
        promotion.member = member
        return promotion, changed


def delete_promotion(promotion):
    """Delete softly; if it was the member's latest, the roster falls back to the one before.

    With no promotion left the roster's title stays as it is (nothing says what it was before).
    Returns the members whose roster title changed.
    """
    with transaction.atomic():
        member = _lock_members([promotion.member_id])[promotion.member_id]
        latest = latest_promotion(member.pk)
        promotion.soft_delete()
        if latest is None or latest.pk != promotion.pk:
            return []
        fallback = latest_promotion(member.pk)
        if fallback is not None and _set_title(member, fallback.title):
            return [member]
        return []


def restore_promotion(promotion):
    """Restore from the recycle bin; if it is the member's latest again, so is its title."""
    with transaction.atomic():
        member = _lock_members([promotion.member_id])[promotion.member_id]
        promotion.restore()
        latest = latest_promotion(member.pk)
        if latest is not None and latest.pk == promotion.pk and _set_title(member, promotion.title):
            return [member]
        return []
