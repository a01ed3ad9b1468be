"""Writes of categories, campaigns and clubs that touch more than one row."""

from django.core.exceptions import ObjectDoesNotExist

from ..models import Category, ClubSchedule


def keep_default_category_in_history(category_pk):
    """Give a default category its first history record before its first edit.

    The default categories are bulk-created for every school (migration 0002 and new
    schools), which writes no history; without this record an edit would lose the
    category's original name and section from its history.
    """
    manager = Category.history
    if not manager.filter(id=category_pk).exists():
        original = Category._base_manager.get(pk=category_pk)
        manager.bulk_history_create([original], default_change_reason="default category")


def schedule_of(club):
    """The club's weekly schedule, or None (a new club, or one without a fixed time)."""
    if club.pk is None:
        return None
    try:
        return club.weekly
    except ObjectDoesNotExist:
        return None


def save_club_schedule(club, weekdays, starts_at=None, ends_at=None, place=""):
    """Set when and where ``club`` meets every week; no weekdays: it has no fixed time.

    Called inside the club's own save (one transaction with it); unchanged, nothing is written.
    """
    weekly = schedule_of(club)
    if not weekdays:
        if weekly is not None:
            weekly.delete()
        return None
    fields = {
        "weekdays": "".join(str(day) for day in sorted(set(weekdays))),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": place,
    }
    if weekly is None:
        return ClubSchedule.objects.create(club=club, **fields)
    if any(getattr(weekly, name) != value for name, value in fields.items()):
        for name, value in fields.items():
            setattr(weekly, name, value)
        weekly.save()
    return weekly
