"""The year at a glance: the dashboard's figures and charts for one school, and the district
view of every school side by side. Reads only; every function costs a fixed number of
queries whatever the size of the year or the number of schools.
"""

import dataclasses
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.choices import SummarySection
from activities.models import (
    TALKS_TARGET,
    TUTORING_TARGET,
    Activity,
    CareLog,
    GreetingRecipient,
    HardshipAid,
    MutualAidGrant,
    PledgeSignature,
    Visit,
)
from activities.selectors.awards import award_figures
from activities.selectors.care import care_figures
from activities.selectors.log import activity_figures
from activities.selectors.pledges import pledge_figures
from activities.selectors.welfare import (
    greeting_figures,
    hardship_figures,
    mutual_aid_figures,
    visit_totals,
    yuan,
)
from congress.models import Session
from congress.selectors import congress_figures
from disclosure.models import Notice
from disclosure.selectors import current_notices, notice_figures, notices_published_between
from members.choices import Gender, MemberStatus
from members.models import Member, pinyin_keys
from members.selectors import headcounts_by_school, member_figures, upcoming_birthdays
from unionhub.figures_cache import cached_figures

from . import charts
from .periods import Period

ONE_PLACE = Decimal("0.1")
ZERO = Decimal("0.00")
# The statutory retirement ages most teachers reach: men at 60, women at 55.
RETIREMENT_AGE = {Gender.MALE: 60, Gender.FEMALE: 55}
RETIREMENT_HORIZON_DAYS = 90
BIRTHDAY_HORIZON_DAYS = 14


def percent(part, whole):
    """``part`` of ``whole`` in per cent with one place; None when ``whole`` is zero."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def _add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# ---------------------------------------------------------------------------------------
# One school's year
# ---------------------------------------------------------------------------------------


def period_figures(school, period, today):
    """The figures of ``period`` that the dashboard, its charts and the summary read: computed
    once (fixed queries), then cached until the school's records change."""
    return cached_figures(
        school.pk, "period", (period.start, period.end, today), lambda: computed_period_figures(school, period, today)
    )


def computed_period_figures(school, period, today):
    start, end = period.start, period.end
    return {
        "period": period,
        "activities": activity_figures(school, start, end),
        "visits": visit_totals(school, start, end),
        "greetings": greeting_figures(school, start, end),
        "hardship": hardship_figures(school, start, end),
        "mutual_aid": mutual_aid_figures(school, start, end),
        "awards": award_figures(school, start, end),
        "pledges": pledge_figures(school, start, end),
        "care": care_figures(school, start, end, today=today),
        "congress": congress_figures(school, start, end),
        "notices": notice_figures(school, start, end),
    }


def welfare_by_reason(figures):
    """``[(label, yuan)]``: visits by reason, then greetings, hardship aid and mutual aid."""
    rows = [(row["label"], row["amount"]) for row in figures["visits"]["by_reason"].values()]
    rows.append((_("Holiday greetings"), figures["greetings"]["amount"]))
    rows.append((_("Hardship aid"), figures["hardship"]["aid_amount"]))
    rows.append((_("Mutual aid"), figures["mutual_aid"]["amount"]))
    return [(label, amount) for label, amount in rows if amount]


def welfare_total(figures):
    return yuan(sum((amount for _label, amount in welfare_by_reason(figures)), ZERO))


def month_label(month):
    return _("month %(month)d") % {"month": month.month}


def pledge_completion(figures):
    """Per pledge drive of the period: title, signed, bound and per cent signed."""
    return [
        {**drive, "percent": percent(drive["signed"], drive["bound"]) or Decimal("0.0")} for drive in figures["pledges"]
    ]


def care_completion(figures):
    """The 168 action as shares: months logged of months expected, and logged months that
    met the talks target (6), the tutoring target (8) and both."""
    care = figures["care"]
    return {
        "pairs": care["pairs"],
        "logs": care["logs"],
        "expected": care["expected_months"],
        "logged_percent": percent(care["expected_months"] - care["missed_months"], care["expected_months"]),
        "talks_percent": percent(care["months_talks_met"], care["logs"]),
        "tutoring_percent": percent(care["months_tutoring_met"], care["logs"]),
        "both_percent": percent(care["months_both_met"], care["logs"]),
    }


def charts_of(figures):
    """The charts of a period's figures, in the order the page shows them."""
    period = figures["period"]
    by_month = figures["activities"]["by_month"]
    drawn = [
        charts.column_chart(
            "activities-by-month",
            _("Activities per month"),
            [(month_label(month), row["activities"]) for month, row in by_month.items()],
            description=_("Activities held in each month of %(period)s") % {"period": period.label},
        ),
        charts.bar_chart(
            "welfare-by-reason",
            _("Welfare by reason (yuan)"),
            welfare_by_reason(figures),
            unit=_(" yuan"),
            description=_("Yuan given in %(period)s, by reason") % {"period": period.label},
        ),
    ]
    drives = pledge_completion(figures)
    drawn.append(
        charts.bar_chart(
            "pledge-completion",
            _("Pledges signed"),
            [(drive["title"], drive["percent"]) for drive in drives],
            unit="%",
            maximum=100,
            description=_("Share of the bound members who signed, per pledge drive"),
        )
    )
    care = care_completion(figures)
    drawn.append(
        charts.bar_chart(
            "care-completion",
            _("168 care action"),
            [
                (label, value)
                for label, value in (
                    (_("Months logged"), care["logged_percent"]),
                    (_("Talks target (%(n)d) met") % {"n": TALKS_TARGET}, care["talks_percent"]),
                    (_("Tutoring target (%(n)d) met") % {"n": TUTORING_TARGET}, care["tutoring_percent"]),
                    (_("Both targets met"), care["both_percent"]),
                )
                if value is not None
            ],
            unit="%",
            maximum=100,
            description=_("Completion of the 168 care action in %(period)s") % {"period": period.label},
        )
    )
    return drawn


def year_charts(school, period, today=None):
    """What ``reports/_year_charts.html`` needs: ``{"charts": [...], "period": period}``."""
    today = today or timezone.localdate()
    return {"charts": charts_of(period_figures(school, period, today)), "period": period}


def _comparison(label, current, previous, money=False):
    delta = current - previous
    return {"label": label, "current": current, "previous": previous, "delta": delta, "money": money}


def section_comparison(current, previous):
    """Per summary section (those with activities this period or the last): activities and
    person-times now and then."""
    now = current["activities"]["by_section"]
    then = previous["activities"]["by_section"]
    rows = []
    for code, label in SummarySection.choices:
        if code in now or code in then:
            this_year = now.get(code, {"activities": 0, "participations": 0})
            last_year = then.get(code, {"activities": 0, "participations": 0})
            rows.append(
                {
                    "code": code,
                    "label": str(label),
                    "activities": _comparison(label, this_year["activities"], last_year["activities"]),
                    "participations": _comparison(label, this_year["participations"], last_year["participations"]),
                }
            )
    return rows


def headline_comparison(current, previous):
    """The year's main counts against the period before."""

    def rows(f):
        return [
            (_("Activities"), f["activities"]["activities"], False),
            (_("Person-times of members"), f["activities"]["participations"], False),
            (_("Visits"), f["visits"]["count"], False),
            (_("Welfare given (yuan)"), welfare_total(f), True),
            (_("Award person-times"), f["awards"]["person_times"], False),
            (_("Congress sessions"), len(f["congress"]["sessions"]), False),
            (_("Proposals received"), f["congress"]["proposals"]["received"], False),
            (_("Notices published"), f["notices"]["published"], False),
        ]

    return [
        _comparison(label, now, then, money)
        for (label, now, money), (_label, then, _money) in zip(rows(current), rows(previous), strict=True)
    ]


def upcoming_retirements(school, today, days=RETIREMENT_HORIZON_DAYS):
    """Members in service who reach the statutory age within ``days``: ``[(day, member)]``,
    soonest first (one query)."""
    horizon = today + datetime.timedelta(days=days)
    born = Q()
    for gender, age in RETIREMENT_AGE.items():
        born |= Q(gender=gender, birth_date__gte=_add_years(today, -age), birth_date__lte=_add_years(horizon, -age))
    members = Member.objects.filter(born, school=school, status=MemberStatus.ACTIVE).only(
        "pk", "name", "gender", "birth_date", "school_id"
    )
    upcoming = [(_add_years(member.birth_date, RETIREMENT_AGE[member.gender]), member) for member in members]
    return sorted(upcoming, key=lambda pair: (pair[0], pair[1].pk))


def notices_closing_this_week(school, today):
    """Published notices whose window ends between today and this Sunday."""
    sunday = today + datetime.timedelta(days=6 - today.weekday())
    return list(current_notices(school, today).filter(ends_on__lte=sunday))


def year_overview(school, period, today):
    """Everything the chair's dashboard shows for ``period``, cached until the school's
    records change (and computed afresh each day: birthdays and retirements move)."""
    return cached_figures(
        school.pk, "overview", (period.start, period.end, today), lambda: computed_year_overview(school, period, today)
    )


def computed_year_overview(school, period, today):
    current = period_figures(school, period, today)
    previous = period_figures(school, period.previous(), today)
    return {
        "period": period,
        "previous_period": period.previous(),
        "members": member_figures(school),
        "headlines": headline_comparison(current, previous),
        "sections": section_comparison(current, previous),
        "welfare": welfare_by_reason(current),
        "welfare_total": welfare_total(current),
        "pledges": pledge_completion(current),
        "care": care_completion(current),
        "charts": charts_of(current),
        "birthdays": upcoming_birthdays(school, today, days=BIRTHDAY_HORIZON_DAYS),
        "retirements": upcoming_retirements(school, today),
        "closing_notices": notices_closing_this_week(school, today),
    }


# ---------------------------------------------------------------------------------------
# The district: every school side by side
# ---------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "count"  # count, money, percent or text


def _per_school(queryset, school_field, **aggregates):
    rows = queryset.order_by().values(school_field).annotate(**aggregates)
    return {row[school_field]: row for row in rows}


def _midnight(day, days_after=0):
    moment = datetime.datetime.combine(day + datetime.timedelta(days=days_after), datetime.time())
    return timezone.make_aware(moment)


def _money_sum(field):
    return Coalesce(Sum(field), Value(ZERO), output_field=DecimalField(max_digits=14, decimal_places=2))


def district_overview(schools, period):
    """Per school of ``schools`` (a list), the period's figures; and the columns to show.

    Ten grouped queries, whatever the number of schools. Returns ``(columns, rows)``;
    each row is a dict with ``school`` and a value per column key.
    """
    ids = [school.pk for school in schools]
    start, end = period.start, period.end
    members = headcounts_by_school(ids)
    activities = Activity.objects.filter(school_id__in=ids, starts_on__range=(start, end))
    by_section = {}
    for row in activities.order_by().values("school_id", "category__section").annotate(n=Count("pk")):
        by_section.setdefault(row["school_id"], {})[row["category__section"]] = row["n"]
    visits = _per_school(
        Visit.objects.filter(school_id__in=ids, visited_on__range=(start, end)),
        "school_id",
        n=Count("pk"),
        amount=_money_sum("amount"),
    )
    greetings = _per_school(
        GreetingRecipient.objects.filter(
            batch__school_id__in=ids, batch__deleted_at__isnull=True, batch__given_on__range=(start, end)
        ),
        "batch__school_id",
        amount=_money_sum("amount"),
    )
    aid = _per_school(
        HardshipAid.objects.filter(
            case__school_id__in=ids, case__deleted_at__isnull=True, given_on__range=(start, end)
        ),
        "case__school_id",
        amount=_money_sum("amount"),
    )
    grants = _per_school(
        MutualAidGrant.objects.filter(school_id__in=ids, granted_on__range=(start, end)),
        "school_id",
        amount=_money_sum("amount"),
    )
    pledges = _per_school(
        PledgeSignature.objects.filter(
            drive__school_id__in=ids,
            drive__deleted_at__isnull=True,
            drive__opened_on__range=(start, end),
            member__deleted_at__isnull=True,
        ),
        "drive__school_id",
        bound=Count("pk"),
        signed=Count("signed_on"),
    )
    care = _per_school(
        CareLog.objects.filter(
            pair__school_id__in=ids,
            pair__deleted_at__isnull=True,
            pair__teacher__deleted_at__isnull=True,
            month__range=(start, end),
        ),
        "pair__school_id",
        logs=Count("pk"),
        met=Count("pk", filter=Q(talks__gte=TALKS_TARGET, tutoring__gte=TUTORING_TARGET)),
    )
    sessions = _per_school(
        Session.objects.filter(school_id__in=ids, held_on__range=(start, end)), "school_id", n=Count("pk")
    )
    notices = _per_school(
        notices_published_between(Notice.objects.filter(school_id__in=ids), start, end),
        "school_id",
        n=Count("pk"),
    )

    sections = [
        (code, label) for code, label in SummarySection.choices if any(code in counts for counts in by_section.values())
    ]
    columns = [
        Column("name", _("School"), "text"),
        Column("members", _("Members in service")),
        Column("activities", _("Activities")),
        Column("visits", _("Visits")),
        Column("welfare", _("Welfare given (yuan)"), "money"),
        Column("pledge_percent", _("Pledges signed (%)"), "percent"),
        Column("care_percent", _("168 targets met (%)"), "percent"),
        Column("sessions", _("Congress sessions")),
        Column("notices", _("Notices published")),
        # The activities of each summary section last: the table's widest part.
        *[Column("section_" + code, str(label)) for code, label in sections],
    ]

    def amount(table, pk):
        return table.get(pk, {}).get("amount", ZERO)

    rows = []
    for school in schools:
        pk = school.pk
        sections_of = by_section.get(pk, {})
        pledge = pledges.get(pk, {"bound": 0, "signed": 0})
        logs = care.get(pk, {"logs": 0, "met": 0})
        row = {
            "school": school,
            "name": school.name,
            "members": members.get(pk, {}).get("active", 0),
            "activities": sum(sections_of.values()),
            "visits": visits.get(pk, {}).get("n", 0),
            "welfare": yuan(amount(visits, pk) + amount(greetings, pk) + amount(aid, pk) + amount(grants, pk)),
            "pledge_percent": percent(pledge["signed"], pledge["bound"]),
            "care_percent": percent(logs["met"], logs["logs"]),
            "sessions": sessions.get(pk, {}).get("n", 0),
            "notices": notices.get(pk, {}).get("n", 0),
        }
        for code, _label in sections:
            row["section_" + code] = sections_of.get(code, 0)
        rows.append(row)
    return columns, rows


def sort_rows(columns, rows, sort):
    """``rows`` sorted by ``sort`` (a column key, ``-`` first for descending); by name when
    the key is unknown. Empty values (no pledge drive, no 168 log) go last either way."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    keys = {column.key for column in columns}
    if key not in keys:
        key, descending = "name", False

    def value(row):
        return pinyin_keys(row["name"])[0] if key == "name" else row[key]

    present = [row for row in rows if row[key] is not None]
    missing = [row for row in rows if row[key] is None]
    present.sort(key=lambda row: (value(row), row["name"]), reverse=descending)
    return key, descending, present + missing


def period_of(kind, year):
    return Period.school_year(year) if kind == "school_year" else Period.calendar_year(year)
