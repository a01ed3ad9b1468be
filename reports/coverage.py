"""Which of the period's records the summary tells: every record reaches a paragraph, or
the chair hid it on purpose.

``period_record_index`` lists every live record of the period that the summary could tell,
one small row each, read by the dates the summary reads them by; ``coverage`` sets it
against a document's items, whose ``sources`` name the records their paragraphs use
(``activity:12``). A kind of record is one entry of ``RECORD_KINDS``: a model, its page,
its date and the fields of its title; a kind whose period is not "its date falls in it"
says how it belongs to one.
"""

import dataclasses
import datetime
from collections.abc import Callable

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import pgettext_lazy
from django_scopes import scope

from activities.choices import Festival, HardshipStatus
from activities.models import (
    Activity,
    Award,
    Campaign,
    CarePair,
    Club,
    EthicsPeriod,
    Facility,
    GreetingBatch,
    HardshipCase,
    MentorPair,
    MutualAidGrant,
    Partnership,
    PledgeDrive,
    Promotion,
    StandingRule,
    Visit,
    school_year_label,
)
from activities.models.welfare import occasion_label
from activities.periods import school_year_of
from activities.selectors import care as care_selectors
from activities.selectors import log as log_selectors
from activities.selectors import welfare as welfare_selectors
from activities.validators import chinese_number as edition_number
from congress import selectors as congress_selectors
from congress.choices import SessionKind, TermKind
from congress.models import DemocraticEvaluation, Proposal, Session, SuggestionDrive
from congress.numerals import chinese_number
from disclosure import selectors as disclosure_selectors
from disclosure.models import Notice
from members.choices import ProfessionalTitle
from unionhub.figures_cache import cached_figures


@dataclasses.dataclass(frozen=True)
class RecordRow:
    """One record of the period, as the coverage panel lists it."""

    key: str  # "activity:12", the form of an item's ``sources``
    kind: str  # the model's name: "activity"
    label: str  # the kind in the user's language: "活动"
    title: str  # what the record is, in a few words
    date: datetime.date | None  # the day the summary dates it by; None for a standing record
    url: str  # its page, or its edit page when it has no page of its own


def _joined(*values):
    return " · ".join(str(value) for value in values if value not in (None, ""))


def _in_range(date):
    """The live records of the school whose ``date`` falls in the period."""

    def records(model, school, start, end):
        return model.objects.filter(school=school, **{date + "__range": (start, end)})

    return records


@dataclasses.dataclass(frozen=True)
class RecordKind:
    """A kind of record the summary can tell, and how the index reads it: the model's live
    records of the period (by default those whose ``date`` falls in it), read with ``pk``,
    ``date`` and the ``title`` fields in one query, and worded by ``words``."""

    model: type
    url_name: str  # the record's page where it has one, else its edit page
    date: str | None  # the field the summary dates it by; None for records that stand
    title: tuple = ("title",)
    words: Callable = _joined  # the ``title`` fields' values → the row's title
    records: Callable | None = None  # (model, school, start, end) → a queryset; None: by ``date``
    label: str | None = None  # default: the model's plural name

    @property
    def name(self):
        return self.model._meta.model_name

    def rows(self, school, start, end):
        """The kind's rows for the period, in date order (one query)."""
        read = self.records or _in_range(self.date)
        dated = [self.date] if self.date else []
        queryset = read(self.model, school, start, end).order_by(*dated, "pk")
        label = str(self.label or self.model._meta.verbose_name_plural)
        rows = []
        for pk, *values in queryset.values_list("pk", *dated, *self.title):
            day = values.pop(0) if self.date else None
            rows.append(
                RecordRow(
                    key="{}:{}".format(self.name, pk),
                    kind=self.name,
                    label=label,
                    title=self.words(*values),
                    date=day,
                    url=reverse(self.url_name, args=[pk]),
                )
            )
        return rows


# The period rules of the kinds not dated by one day, as the summary's figures apply them.


def _campaigns(model, school, start, end):
    """Launched in the period, or carried over with an activity begun in it."""
    active = log_selectors.activities_between(school, start, end).filter(campaign__isnull=False)
    return model.objects.filter(school=school).filter(
        Q(launched_on__range=(start, end)) | Q(pk__in=active.order_by().values("campaign"))
    )


def _school_years(start, end):
    return school_year_of(start), school_year_of(end)


def _mentor_pairs(model, school, start, end):
    """The pairs of the school years the period overlaps, mentor and mentee on the roster."""
    return model.objects.filter(
        school=school,
        mentor__deleted_at__isnull=True,
        mentee__deleted_at__isnull=True,
        school_year__range=_school_years(start, end),
    )


def _care_pairs(model, school, start, end):
    return care_selectors.live_pairs(school).filter(school_year__range=_school_years(start, end))


def _hardship_cases(model, school, start, end):
    """Files open at some time in the period."""
    return model.objects.filter(school=school, opened_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=start)
    )


def _clubs(model, school, start, end):
    """Clubs that did something in the period: an activity begun in it, or an award won."""
    club = OuterRef("pk")
    return model.objects.filter(school=school).filter(
        Exists(log_selectors.activities_between(school, start, end).filter(club=club))
        | Exists(Award.objects.filter(school=school, club=club, awarded_on__range=(start, end)))
    )


def _partnerships(model, school, start, end):
    """Partnerships active at some time in the period."""
    return model.objects.filter(school=school, started_on__lte=end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=start)
    )


def _facilities(model, school, start, end):
    """The places the school had by the period's end: the summary tells them every year."""
    return model.objects.filter(school=school).filter(Q(opened_on__isnull=True) | Q(opened_on__lte=end))


def _rules(model, school, start, end):
    """The rules and channels kept by the period's end: the summary tells them every year."""
    return model.objects.filter(school=school).filter(Q(adopted_on__isnull=True) | Q(adopted_on__lte=end))


def _notices(model, school, start, end):
    return disclosure_selectors.notices_published_between(model.objects.filter(school=school), start, end)


# How the kinds' titles read.


def _campaign_title(title, number):
    return "第{}个{}".format(edition_number(number), title) if number else title


def _choice(choices):
    labels = dict(choices.choices)
    return lambda value: labels.get(value, value)


def _with_school_year(*values):
    *names, year = values
    return "{}（{}）".format(_joined(*names), school_year_label(year))


def _session_title(term, number, kind, body):
    label = "{}届{}次{}".format(chinese_number(term), chinese_number(number), _term_kind(body))
    if kind == SessionKind.EXTRAORDINARY:
        label += "（{}）".format(SessionKind(kind).label)
    return label


_title_label = _choice(ProfessionalTitle)
_festival = _choice(Festival)
_hardship_status = _choice(HardshipStatus)
_term_kind = _choice(TermKind)

# Every kind the summary tells, in the order the panel groups them. A new kind is one entry.
RECORD_KINDS = [
    RecordKind(Activity, "activities:activity_detail", "starts_on"),
    RecordKind(Campaign, "activities:campaign_detail", "launched_on", ("title", "number"), _campaign_title, _campaigns),
    RecordKind(
        PledgeDrive, "activities:pledge_detail", "opened_on", ("title", "year"), lambda t, y: "{}（{}年）".format(t, y)
    ),
    RecordKind(
        EthicsPeriod, "activities:ethics_grid", "starts_on", label=pgettext_lazy("record kind", "Ethics assessment")
    ),
    RecordKind(Award, "activities:award_detail", "awarded_on"),
    RecordKind(
        Promotion,
        "activities:promotion_update",
        "promoted_on",
        ("member__name", "title"),
        lambda name, title: _joined(name, _title_label(title)),
        lambda model, school, start, end: model.objects.filter(
            school=school, member__deleted_at__isnull=True, promoted_on__range=(start, end)
        ),
    ),
    RecordKind(
        MentorPair,
        "activities:mentor_detail",
        None,
        ("mentor__name", "mentee__name", "school_year"),
        lambda mentor, mentee, year: "{} → {}（{}）".format(mentor, mentee, school_year_label(year)),
        _mentor_pairs,
    ),
    RecordKind(
        Session,
        "congress:session_detail",
        "held_on",
        ("term__number", "number", "kind", "body"),
        _session_title,
        lambda model, school, start, end: congress_selectors.sessions_between(school, start, end),
    ),
    RecordKind(Proposal, "congress:proposal_detail", "submitted_on"),
    RecordKind(
        DemocraticEvaluation,
        "congress:evaluation_detail",
        "evaluated_on",
        ("subject",),
        records=lambda model, school, start, end: congress_selectors.evaluations_between(school, start, end),
    ),
    RecordKind(SuggestionDrive, "congress:drive_detail", "opens_on"),
    RecordKind(Notice, "disclosure:notice_detail", "starts_on", records=_notices),
    RecordKind(
        Visit,
        "activities:visit_detail",
        "visited_on",
        ("member__name", "reason", "age"),
        lambda name, reason, age: _joined(name, occasion_label(reason, age)),
        lambda model, school, start, end: welfare_selectors.visits_between(school, start, end),
    ),
    RecordKind(
        GreetingBatch,
        "activities:greeting_detail",
        "given_on",
        ("year", "festival"),
        lambda year, festival: "{}年{}".format(year, _festival(festival)),
    ),
    RecordKind(
        HardshipCase,
        "activities:hardship_detail",
        "opened_on",
        ("member__name", "status"),
        lambda name, status: _joined(name, _hardship_status(status)),
        _hardship_cases,
    ),
    RecordKind(MutualAidGrant, "activities:mutual_aid_update", "granted_on", ("member__name", "reason")),
    RecordKind(
        CarePair,
        "activities:care_pair_detail",
        None,
        ("teacher__name", "student_name", "school_year"),
        _with_school_year,
        _care_pairs,
    ),
    RecordKind(Club, "activities:club_detail", None, ("name",), records=_clubs),
    RecordKind(Facility, "activities:facility_detail", None, ("name",), records=_facilities),
    RecordKind(StandingRule, "activities:rule_detail", None, ("title",), records=_rules),
    RecordKind(
        Partnership, "activities:partnership_detail", "started_on", ("partner", "programme"), records=_partnerships
    ),
]


def period_record_index(school, period, kinds=None):
    """Every live record of ``school`` in ``period`` that the summary could tell, kind by
    kind in the order of ``kinds`` (default ``RECORD_KINDS``), each in date order.

    One query a kind, however many records; every kind's index is cached until the school's
    records change.
    """
    if kinds is None:
        return cached_figures(
            school.pk, "records", (period.start, period.end), lambda: period_record_index(school, period, RECORD_KINDS)
        )
    start, end = period.start, period.end
    with scope(school=[school.pk]):
        return [row for kind in kinds for row in kind.rows(school, start, end)]


def coverage(document, index):
    """``(unused, hidden)``: the rows of ``index`` that no visible item's paragraph uses,
    and those only hidden items use (hidden by the chair on purpose)."""
    visible, hidden = set(), set()
    for section in document.sections:
        for item in section.items:
            (hidden if item.hidden else visible).update(item.sources)
    unused = [row for row in index if row.key not in visible and row.key not in hidden]
    hidden_rows = [row for row in index if row.key in hidden and row.key not in visible]
    return unused, hidden_rows


def by_kind(rows):
    """``[(label, [row, …]), …]`` in the order the rows come."""
    groups = {}
    for row in rows:
        groups.setdefault(row.label, []).append(row)
    return list(groups.items())


# Up to this many unused records the panel shows them all; more, and each kind opens on demand.
FEW_UNUSED = 20


def coverage_panel(document, index, period):
    """What the preview's coverage panel shows: the unused and the hidden rows grouped by
    kind, with their counts."""
    unused, hidden = coverage(document, index)
    return {
        "unused": by_kind(unused),
        "unused_count": len(unused),
        "few": len(unused) <= FEW_UNUSED,
        "hidden": by_kind(hidden),
        "hidden_count": len(hidden),
        "period_label": period.label,
    }
