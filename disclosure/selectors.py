"""Reads of the disclosure app: the board, the manage list, and figures for the annual summary."""

import datetime

from django.db.models import Count, Max, Min, Q
from django.db.models.functions import ExtractYear

from unionhub.queries import correlated_count

from .choices import NoticeStatus, ObjectionStatus, Recipient, SuggestionStatus
from .models import HolidayCalendarDay, Notice, NoticeCategory, NoticeRead, Objection, Suggestion
from .workdays import Calendar


def board_notices(school):
    """Notices members may see (everything but drafts), with their category."""
    return Notice.objects.filter(school=school).exclude(status=NoticeStatus.DRAFT).select_related("category")


def current_notices(school, today):
    return board_notices(school).filter(status=NoticeStatus.PUBLISHED, ends_on__gte=today).order_by("ends_on", "pk")


def archive_notices(school, today, year=None, category=None, query=""):
    notices = board_notices(school).filter(Q(status=NoticeStatus.WITHDRAWN) | Q(ends_on__lt=today))
    if year:
        notices = notices.filter(starts_on__year=year)
    if category:
        notices = notices.filter(category=category)
    if query:
        notices = notices.filter(Q(title__icontains=query) | Q(body__icontains=query))
    # Year, then category, then newest: the board groups the page by year and category.
    return notices.order_by(ExtractYear("starts_on").desc(), "category__position", "category_id", "-starts_on", "-pk")


def archive_years(school):
    """The years the board's filter offers, newest first: from the first notice's to the last's.

    Read as a min and a max rather than ``dates()``, which truncates every row's date (a Python
    function per row on SQLite)."""
    span = board_notices(school).aggregate(first=Min("starts_on"), last=Max("starts_on"))
    if span["first"] is None:
        return []
    return [datetime.date(year, 1, 1) for year in range(span["last"].year, span["first"].year - 1, -1)]


def read_ids(user, notice_ids):
    return set(NoticeRead.objects.filter(user=user, notice_id__in=notice_ids).values_list("notice_id", flat=True))


def manage_notices(school):
    """Every notice with how many read it and how many objections (open ones too)."""
    return (
        Notice.objects.filter(school=school)
        .select_related("category")
        .annotate(
            read_count=correlated_count(NoticeRead._base_manager.all(), "notice"),
            objection_count=correlated_count(Objection._base_manager.all(), "notice"),
            open_objection_count=correlated_count(
                Objection._base_manager.filter(status=ObjectionStatus.OPEN), "notice"
            ),
        )
        .order_by("-starts_on", "-pk")
    )


def categories(school):
    return NoticeCategory.objects.filter(school=school)


# ---------------------------------------------------------------------------------------
# The official calendar as the school's district and the school entered it
# ---------------------------------------------------------------------------------------


def holiday_days(school):
    """The days entered for ``school``: its district's and its own (one query)."""
    return HolidayCalendarDay.objects.filter(
        Q(district_id=school.district_id, school__isnull=True) | Q(school=school)
    ).select_related("school")


def calendar_for(school):
    """The working-day calendar of ``school``: its own entries win over its district's."""
    entered = {}
    for day in sorted(holiday_days(school), key=lambda d: d.school_id is not None):
        entered[day.date] = day.is_workday
    return Calendar(entered)


# ---------------------------------------------------------------------------------------
# Figures for the annual summary
# ---------------------------------------------------------------------------------------


def notices_published_between(notices, start, end):
    """``notices`` whose publication date (the window's first day, which staff may enter for
    an earlier year) falls in [start, end]; drafts are not published."""
    return notices.filter(starts_on__range=(start, end)).exclude(status=NoticeStatus.DRAFT)


def notice_figures(school, start, end):
    """Notices published in [start, end] (by publication date), by category and state, and
    the objections raised in that period."""
    notices = notices_published_between(Notice.objects.filter(school=school), start, end)
    by_category = {
        row["category__name"]: row["n"] for row in notices.order_by().values("category__name").annotate(n=Count("pk"))
    }
    objections = Objection.objects.filter(
        school=school, notice__deleted_at__isnull=True, raised_at__date__gte=start, raised_at__date__lte=end
    )
    # Each set counted once, its parts by filtered counts: one query a set, not one a figure.
    counted = notices.aggregate(published=Count("pk"), withdrawn=Count("pk", filter=Q(status=NoticeStatus.WITHDRAWN)))
    raised = objections.aggregate(
        objections=Count("pk"), objections_answered=Count("pk", filter=Q(status=ObjectionStatus.ANSWERED))
    )
    return {**counted, "by_category": by_category, **raised}


def suggestion_figures(school, start, end):
    suggestions = Suggestion.objects.filter(school=school, written_on__gte=start, written_on__lte=end)
    # The aliases differ from the fields they filter on, which an aggregate may not shadow.
    counted = suggestions.aggregate(
        n_total=Count("pk"),
        n_anonymous=Count("pk", filter=Q(anonymous=True)),
        n_signed=Count("pk", filter=Q(anonymous=False)),
        n_to_union=Count("pk", filter=Q(recipient=Recipient.UNION)),
        n_to_principal=Count("pk", filter=Q(recipient=Recipient.PRINCIPAL)),
        n_answered=Count("pk", filter=Q(status=SuggestionStatus.ANSWERED)),
    )
    return {name.removeprefix("n_"): count for name, count in counted.items()}
