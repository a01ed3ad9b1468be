"""The app's URLs plus bare JSON views, for the load test only (``load_settings``).

Each bare view returns the rows of one main page straight to JSON (no template, one query
per list), behind the same middleware as the pages (session, login, school scope, locale),
so that under load a page's requests/s can be told as a share of its floor. The dashboard
and the summary preview share one floor: the year's records they are both built from.
"""

import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.http import Http404, JsonResponse
from django.urls import include, path
from django.utils import timezone

from activities.models import Activity, ActivityPhoto, CareLog, CarePair, Visit
from congress.models import Proposal, Session
from disclosure.choices import NoticeStatus
from disclosure.models import Notice, NoticeRead
from members.models import Member


def _school(request):
    if request.school is None:
        raise Http404
    return request.school


def _year(request):
    value = request.GET.get("year", "")
    return int(value) if value.isdecimal() else timezone.localdate().year


def _counted(model, **outer):
    counted = model.objects.filter(**outer).order_by().values(*outer).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def bare_roster(request):
    """The roster's first page: 50 members with department, post, title, status."""
    rows = (
        Member.objects.filter(school=_school(request))
        .order_by("name_pinyin", "pk")
        .values("pk", "name", "gender", "department__name", "post", "title", "status", "phone", "employee_number")[:50]
    )
    return JsonResponse({"members": list(rows)})


def bare_activities(request):
    """The activity log's first page: 25 activities with category, campaign, location, the
    participant and photo counts and the first photo."""
    Participation = Activity.participants.through
    first_photo = ActivityPhoto.objects.filter(activity=OuterRef("pk")).order_by("uploaded_at", "pk").values("pk")[:1]
    rows = (
        Activity.objects.filter(school=_school(request))
        .order_by("-starts_on", "-pk")
        .annotate(
            participant_count=_counted(Participation, activity=OuterRef("pk")),
            photo_count=_counted(ActivityPhoto, activity=OuterRef("pk")),
            first_photo_id=Subquery(first_photo),
        )
        .values(
            "pk",
            "title",
            "starts_on",
            "ends_on",
            "category__name",
            "campaign__title",
            "location",
            "outside_participants",
            "participant_count",
            "photo_count",
            "first_photo_id",
        )[:25]
    )
    return JsonResponse({"activities": list(rows)})


def bare_care_grid(request):
    """The 168 grid of ``?year=`` (a school year): every pair with its teacher, student and
    each logged month's counts (pairs and logs joined in one query)."""
    rows = (
        CarePair.objects.filter(school=_school(request), school_year=_year(request))
        .order_by("teacher__name_pinyin", "pk", "logs__month")
        .values("pk", "teacher__name", "student_name", "student_class", "logs__month", "logs__talks", "logs__tutoring")
    )
    pairs = {}
    for row in rows:
        pair = pairs.setdefault(
            row["pk"],
            {"teacher": row["teacher__name"], "student": row["student_name"], "class": row["student_class"]},
        )
        if row["logs__month"]:
            pair.setdefault("months", {})[row["logs__month"].isoformat()] = (row["logs__talks"], row["logs__tutoring"])
    return JsonResponse({"pairs": list(pairs.values())})


def bare_visits(request):
    """The welfare list's first page: 50 visits with member, reason, visitors, gifts,
    amount and funding source (visitors joined to a page of visit ids, one query)."""
    page = Visit.objects.filter(school=_school(request)).order_by("-visited_on", "-pk").values("pk")[:50]
    rows = (
        Visit.objects.filter(pk__in=Subquery(page))
        .order_by("-visited_on", "-pk", "visitors__name_pinyin")
        .values(
            "pk",
            "visited_on",
            "member__name",
            "relative",
            "reason",
            "reason_detail",
            "gifts",
            "amount",
            "funding_source",
            "visitors__name",
        )
    )
    visits = {}
    for row in rows:
        visitor = row.pop("visitors__name")
        visit = visits.setdefault(row["pk"], dict(row, visitors=[]))
        if visitor:
            visit["visitors"].append(visitor)
    return JsonResponse({"visits": list(visits.values())})


def bare_board(request):
    """The board's rows: notices in their window (by end), then the first archive page of
    50, each with its category and whether this user has read it."""
    today = timezone.localdate()
    read = Exists(NoticeRead.objects.filter(notice=OuterRef("pk"), user=request.user))
    visible = (
        Notice.objects.filter(school=_school(request))
        .exclude(status=NoticeStatus.DRAFT)
        .annotate(read=read)
        .values("pk", "title", "category__name", "starts_on", "ends_on", "status", "read")
    )
    current = visible.filter(status=NoticeStatus.PUBLISHED, ends_on__gte=today).order_by("ends_on", "pk")
    archive = visible.filter(Q(status=NoticeStatus.WITHDRAWN) | Q(ends_on__lt=today)).order_by(
        ExtractYear("starts_on").desc(), "category__position", "category_id", "-starts_on", "-pk"
    )[:50]
    return JsonResponse({"notices": list(current) + list(archive)})


def bare_proposals(request):
    """The proposals list's first page: 50 proposals with proposer, department, state and
    the number of seconders."""
    rows = (
        Proposal.objects.filter(school=_school(request))
        .annotate(seconder_count=Count("secondings"))
        .order_by("-submitted_on", "-pk")
        .values("pk", "title", "proposer__name", "department__name", "state", "submitted_on", "seconder_count")[:50]
    )
    return JsonResponse({"proposals": list(rows)})


def bare_year(request):
    """The records of calendar year ``?year=`` that the dashboard and the summary count and
    tell: activities with their participant counts, visits with amounts, the 168 logs per
    pair, proposals, congress sessions and notices."""
    school = _school(request)
    year = _year(request)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    Participation = Activity.participants.through
    activities = (
        Activity.objects.filter(school=school, starts_on__range=(start, end))
        .annotate(participant_count=_counted(Participation, activity=OuterRef("pk")))
        .order_by("starts_on", "pk")
        .values("pk", "title", "starts_on", "category__name", "category__section", "participant_count")
    )
    visits = (
        Visit.objects.filter(school=school, visited_on__range=(start, end))
        .order_by("visited_on", "pk")
        .values("pk", "visited_on", "reason", "amount", "funding_source")
    )
    care = (
        CareLog.objects.filter(pair__school=school, month__range=(start, end))
        .values("pair_id")
        .annotate(talks=Sum("talks"), tutoring=Sum("tutoring"), months=Count("pk"))
        .order_by("pair_id")
    )
    proposals = (
        Proposal.objects.filter(school=school, submitted_on__range=(start, end))
        .order_by("submitted_on", "pk")
        .values("pk", "title", "state")
    )
    sessions = Session.objects.filter(school=school, held_on__range=(start, end)).values("pk", "number", "held_on")
    notices = (
        Notice.objects.filter(school=school, starts_on__range=(start, end))
        .exclude(status=NoticeStatus.DRAFT)
        .values("pk", "title", "category__name", "starts_on")
    )
    return JsonResponse(
        {
            "activities": list(activities),
            "visits": list(visits),
            "care": list(care),
            "proposals": list(proposals),
            "sessions": list(sessions),
            "notices": list(notices),
        }
    )


urlpatterns = [
    path("bench/bare/roster/", bare_roster, name="bare_roster"),
    path("bench/bare/activities/", bare_activities, name="bare_activities"),
    path("bench/bare/care/", bare_care_grid, name="bare_care_grid"),
    path("bench/bare/visits/", bare_visits, name="bare_visits"),
    path("bench/bare/board/", bare_board, name="bare_board"),
    path("bench/bare/proposals/", bare_proposals, name="bare_proposals"),
    path("bench/bare/year/", bare_year, name="bare_year"),
    path("", include("unionhub.urls")),
]
