"""The year's records behind the annual summary as one workbook, a sheet per kind of record.

Each sheet reads its rows in a fixed number of queries (values only, streamed with
``iterator()``), so the export costs the same number of queries however busy the year, and
memory stays flat: ``unionhub.xlsx`` writes in write-only mode. Records are read, never
written. The period's records are chosen the way the summary's figures choose them, so
the workbook adds up to what the summary says.
"""

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import pgettext

from activities.choices import (
    AssessmentPeriodKind,
    Audience,
    AwardKind,
    AwardLevel,
    AwardRecipientKind,
    AwardStatus,
    EthicsGrade,
    Festival,
    FundingSource,
    HardshipStatus,
    PartnerKind,
    SummarySection,
    VisitedPerson,
    Weekday,
)
from activities.models import (
    TALKS_TARGET,
    TUTORING_TARGET,
    Activity,
    Award,
    CareLog,
    EthicsAssessment,
    HardshipAid,
    HardshipCase,
    MentorMeeting,
    MentorPair,
    MutualAidGrant,
    PledgeSignature,
    Promotion,
    Visit,
    month_start,
    school_year_label,
)
from activities.models.welfare import occasion_label, visited_a_retiree
from activities.periods import school_year_of
from activities.selectors.campaigns import campaigns_between, clubs_with_counts, figures_by, weekly_schedule
from activities.selectors.care import live_pairs
from activities.selectors.partnerships import partnerships_between
from activities.selectors.pledges import ethics_figures
from activities.selectors.provisions import facilities_for, rules_for
from activities.selectors.welfare import greeting_batches, yuan
from activities.validators import chinese_number as edition_number
from congress.choices import ProposalState, SessionKind
from congress.models import Motion, Proposal, Session, SuggestionDrive, Vote
from congress.numerals import chinese_number
from congress.selectors import evaluations_between
from disclosure.choices import NoticeStatus
from disclosure.selectors import manage_notices, notices_published_between
from members.choices import ProfessionalTitle
from unionhub.queries import correlated_count
from unionhub.xlsx import MONTH_FORMAT, PERCENT_FORMAT, Sheet, write_workbook

CHUNK = 2000
Participation = Activity.participants.through
AwardMember = Award.members.through
Visitor = Visit.visitors.through


def _labels(choices):
    """``{code: label}`` in the active language."""
    return {code: str(label) for code, label in choices.choices}


def _yes_no(value):
    return pgettext("records export", "Yes") if value else pgettext("records export", "No")


# Activities and who took part --------------------------------------------------------


def _activities_sheet(school, start, end):
    sections = _labels(SummarySection)
    rows = (
        Activity.objects.filter(school=school, starts_on__range=(start, end))
        .annotate(people=correlated_count(Participation.objects.filter(member__deleted_at__isnull=True), "activity"))
        .order_by("starts_on", "pk")
        .values_list(
            "starts_on",
            "ends_on",
            "title",
            "category__name",
            "category__section",
            "campaign__title",
            "campaign__number",
            "club__name",
            "programme",
            "location",
            "organiser",
            "people",
            "outside_participants",
            "description",
        )
    )

    def lines():
        for starts, ends, title, category, section, campaign, edition, *rest in rows.iterator(chunk_size=CHUNK):
            if campaign and edition:
                campaign = "第{}个{}".format(edition_number(edition), campaign)
            yield [starts, ends, title, category, sections.get(section, section), campaign or "", *rest]

    return Sheet(
        pgettext("records export", "Activities"),
        [
            pgettext("records export", "Date"),
            pgettext("records export", "End date"),
            pgettext("records export", "Activity"),
            pgettext("records export", "Category"),
            pgettext("records export", "Summary section"),
            pgettext("records export", "Campaign"),
            pgettext("records export", "Club or team"),
            pgettext("records export", "Programme"),
            pgettext("records export", "Place"),
            pgettext("records export", "Organiser"),
            pgettext("records export", "Staff taking part"),
            pgettext("records export", "From outside"),
            pgettext("records export", "Description"),
        ],
        lines(),
    )


def _participants_sheet(school, start, end):
    rows = (
        Participation.objects.filter(
            activity__school=school,
            activity__deleted_at__isnull=True,
            activity__starts_on__range=(start, end),
            member__deleted_at__isnull=True,
        )
        .order_by("activity__starts_on", "activity_id", "member__name_pinyin", "member_id")
        .values_list(
            "activity__starts_on",
            "activity__title",
            "activity__category__name",
            "member__name",
            "member__employee_number",
            "member__department__name",
        )
    )
    return Sheet(
        pgettext("records export", "Participants"),
        [
            pgettext("records export", "Date"),
            pgettext("records export", "Activity"),
            pgettext("records export", "Category"),
            pgettext("records export", "Name"),
            pgettext("records export", "Staff number"),
            pgettext("records export", "Department"),
        ],
        (list(row) for row in rows.iterator(chunk_size=CHUNK)),
    )


def _campaigns_sheet(school, start, end):
    """The campaigns launched in the period or carried on in it, with what they did in it
    (three queries)."""
    rows = [
        [
            entry["launched_on"],
            entry["ends_on"],
            entry["title"],
            entry["theme"],
            entry["category"],
            entry["activities"],
            entry["person_times"],
        ]
        for entry in campaigns_between(school, start, end)
    ]
    headers = [
        pgettext("records export", "Launched on"),
        pgettext("records export", "End date"),
        pgettext("records export", "Campaign name"),
        pgettext("records export", "Theme"),
        pgettext("records export", "Category"),
        pgettext("records export", "Activities in the period"),
        pgettext("records export", "Person-times"),
    ]
    return Sheet(pgettext("records export", "Campaigns"), headers, rows)


# Welfare -----------------------------------------------------------------------------


def _visits_sheet(school, start, end):
    visitors = {}
    for visit_id, name in (
        Visitor.objects.filter(
            visit__school=school,
            visit__deleted_at__isnull=True,
            visit__visited_on__range=(start, end),
            member__deleted_at__isnull=True,
        )
        .order_by("visit_id", "member__name_pinyin", "member_id")
        .values_list("visit_id", "member__name")
        .iterator(chunk_size=CHUNK)
    ):
        visitors.setdefault(visit_id, []).append(name)
    sources, persons = _labels(FundingSource), _labels(VisitedPerson)
    rows = []
    total = 0
    for pk, day, member, status, status_changed_on, person, relative, reason, age, detail, gifts, amount, source in (
        Visit.objects.filter(school=school, visited_on__range=(start, end))
        .order_by("visited_on", "pk")
        .values_list(
            "pk",
            "visited_on",
            "member__name",
            "member__status",
            "member__status_changed_on",
            "visited_person",
            "relative",
            "reason",
            "age",
            "reason_detail",
            "gifts",
            "amount",
            "funding_source",
        )
        .iterator(chunk_size=CHUNK)
    ):
        whom = relative if person == VisitedPerson.RELATIVE and relative else persons.get(person, person)
        visited_by = "、".join(visitors.get(pk, []))
        # No amount: gifts in kind only, an empty cell rather than 0.00.
        rows.append(
            [
                day,
                member,
                whom,
                occasion_label(reason, age),
                detail,
                visited_by,
                gifts,
                amount,
                sources[source],
                _yes_no(visited_a_retiree(status, status_changed_on, day)),
            ]
        )
        total += amount or 0
    headers = [
        pgettext("records export", "Date"),
        pgettext("records export", "Member"),
        pgettext("records export", "Who was visited"),
        pgettext("records export", "Reason"),
        pgettext("records export", "Details"),
        pgettext("records export", "Visited by"),
        pgettext("records export", "What was brought"),
        pgettext("records export", "Amount (yuan)"),
        pgettext("records export", "Paid from"),
        pgettext("records export", "To a retiree"),
    ]
    footer = (
        [pgettext("records export", "Total: {count} visits").format(count=len(rows))] + [""] * 6 + [yuan(total), "", ""]
    )
    return Sheet(pgettext("records export", "Visits"), headers, rows, footer=footer)


def _greetings_sheet(school, start, end):
    festivals, audiences, sources = _labels(Festival), _labels(Audience), _labels(FundingSource)
    batches = (
        greeting_batches(school)
        .filter(given_on__range=(start, end))
        .order_by("given_on", "pk")
        .values_list(
            "given_on",
            "festival",
            "year",
            "audience",
            "recipient_count",
            "amount_each",
            "total_amount",
            "gifts",
            "funding_source",
        )
    )
    rows = []
    people_total, amount_total = 0, yuan(0)
    for day, festival, year, audience, people, each, given, gifts, source in batches:
        # No amount: gifts in kind only, empty cells rather than 0.00.
        given = None if given is None else yuan(given)
        each = None if each is None else yuan(each)
        rows.append([day, festivals[festival], year, audiences[audience], people, each, given, gifts, sources[source]])
        people_total += people
        amount_total += given or 0
    headers = [
        pgettext("records export", "Date given"),
        pgettext("records export", "Festival"),
        pgettext("records export", "Year"),
        pgettext("records export", "Given to"),
        pgettext("records export", "Recipients"),
        pgettext("records export", "Amount each (yuan)"),
        pgettext("records export", "Amount in all (yuan)"),
        pgettext("records export", "What was given"),
        pgettext("records export", "Paid from"),
    ]
    footer = [pgettext("records export", "Total"), "", "", "", people_total, "", amount_total, "", ""]
    return Sheet(pgettext("records export", "Holiday greetings"), headers, rows, footer=footer)


def _hardship_sheet(school, start, end):
    """The hardship files open at some time in the period with the help given in it (two
    queries), as the summary counts them."""
    aid = {
        row["case"]: row
        for row in HardshipAid.objects.filter(
            case__school=school, case__deleted_at__isnull=True, given_on__range=(start, end)
        )
        .order_by()
        .values("case")
        .annotate(times=Count("pk"), amount=Sum("amount"))
    }
    statuses = _labels(HardshipStatus)
    cases = (
        HardshipCase.objects.filter(school=school, opened_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .order_by("opened_on", "pk")
        .values_list("pk", "member__name", "member__employee_number", "hardship", "status", "opened_on", "closed_on")
    )
    rows = []
    times_total, amount_total = 0, yuan(0)
    for pk, name, number, hardship, status, opened, closed in cases:
        given = aid.get(pk, {"times": 0, "amount": None})
        # No help in the period: an empty cell rather than 0.00.
        amount = None if given["amount"] is None else yuan(given["amount"])
        rows.append([name, number, hardship, statuses.get(status, status), opened, closed, given["times"], amount])
        times_total += given["times"]
        amount_total += amount or 0
    headers = [
        pgettext("records export", "Name"),
        pgettext("records export", "Staff number"),
        pgettext("records export", "Hardship"),
        pgettext("records export", "Status"),
        pgettext("records export", "File opened on"),
        pgettext("records export", "File closed on"),
        pgettext("records export", "Help given in the period"),
        pgettext("records export", "Help in the period (yuan)"),
    ]
    footer = [pgettext("records export", "Total"), "", "", "", "", "", times_total, amount_total]
    return Sheet(pgettext("records export", "Hardship cases"), headers, rows, footer=footer)


def _mutual_aid_sheet(school, start, end):
    rows = (
        MutualAidGrant.objects.filter(school=school, granted_on__range=(start, end))
        .order_by("granted_on", "pk")
        .values_list("granted_on", "member__name", "member__employee_number", "amount", "reason")
    )
    lines = [[day, name, number, yuan(amount), reason] for day, name, number, amount, reason in rows]
    headers = [
        pgettext("records export", "Date"),
        pgettext("records export", "Name"),
        pgettext("records export", "Staff number"),
        pgettext("records export", "Amount (yuan)"),
        pgettext("records export", "Reason"),
    ]
    footer = [pgettext("records export", "Total"), "", "", yuan(sum(line[3] for line in lines)), ""]
    return Sheet(pgettext("records export", "Mutual-aid grants"), headers, lines, footer=footer)


# Clubs and partnerships --------------------------------------------------------------


def _clubs_sheet(school, start, end):
    """Every live club with its weekly schedule, and what it did in the period (three queries)."""
    figures = figures_by(school, "club", start=start, end=end)
    weekdays = _labels(Weekday)
    rows = []
    for club in clubs_with_counts(school):
        schedule = weekly_schedule(club)
        done = figures.get(club.pk, {})
        rows.append(
            [
                club.name,
                club.leader.name if club.leader else "",
                "、".join(weekdays[day] for day in schedule["weekdays"]),
                "{:%H:%M}".format(schedule["starts_at"]) if schedule["starts_at"] else "",
                "{:%H:%M}".format(schedule["ends_at"]) if schedule["ends_at"] else "",
                schedule["place"],
                schedule["notes"],
                club.member_count,
                done.get("activities", 0),
                done.get("person_times", 0),
            ]
        )
    headers = [
        pgettext("records export", "Club or team"),
        pgettext("records export", "Leader"),
        pgettext("records export", "Meets on"),
        pgettext("records export", "From"),
        pgettext("records export", "Until"),
        pgettext("records export", "Place"),
        pgettext("records export", "Schedule notes"),
        pgettext("records export", "Members"),
        pgettext("records export", "Activities"),
        pgettext("records export", "Person-times"),
    ]
    return Sheet(pgettext("records export", "Clubs and teams"), headers, rows)


def _partnerships_sheet(school, start, end):
    """The partnerships active in the period with the activities done together in it (two queries)."""
    kinds = _labels(PartnerKind)
    rows = [
        [
            row["partner"],
            kinds.get(row["kind"], row["kind"]),
            row["programme"],
            row["started_on"],
            row["ended_on"],
            row["agreement_signed_on"],
            row["partnership"].agreement_name if row["has_agreement"] else "",
            len(row["activities"]),
            "、".join(activity["title"] for activity in row["activities"]),
            row["partnership"].description,
        ]
        for row in partnerships_between(school, start, end)
    ]
    headers = [
        pgettext("records export", "Partner"),
        pgettext("records export", "Kind of partner"),
        pgettext("records export", "Partnership"),
        pgettext("records export", "Start date"),
        pgettext("records export", "End date"),
        pgettext("records export", "Agreement signed on"),
        pgettext("records export", "Agreement file"),
        pgettext("records export", "Activities"),
        pgettext("records export", "Activities done together"),
        pgettext("records export", "Description"),
    ]
    return Sheet(pgettext("records export", "Partnerships"), headers, rows)


# The places and rules the union keeps -----------------------------------------------


def _facilities_sheet(school, start, end):
    """The places the school had by the period's end, those opened in it marked (one query)."""
    rows = [
        [
            row["name"],
            row["kind_label"],
            row["place"],
            row["opened_on"],
            _yes_no(row["new"]),
            row["equipment"],
            row["description"],
        ]
        for row in facilities_for(school, start, end)
    ]
    headers = [
        pgettext("records export", "Facility"),
        pgettext("records export", "Kind"),
        pgettext("records export", "Place"),
        pgettext("records export", "In use since"),
        pgettext("records export", "New in the period"),
        pgettext("records export", "Equipment"),
        pgettext("records export", "Notes"),
    ]
    return Sheet(pgettext("records export", "Staff facilities"), headers, rows)


def _rules_sheet(school, start, end):
    """The rules and disclosure channels kept by the period's end, those adopted or revised
    in it marked (one query)."""
    rows = [
        [
            row["title"],
            row["kind_label"],
            row["what_it_does"],
            row["adopted_on"],
            row["revised_on"],
            _yes_no(row["new"]),
            _yes_no(row["revised"]),
        ]
        for row in rules_for(school, start, end)
    ]
    headers = [
        pgettext("records export", "Rule or channel"),
        pgettext("records export", "Kind"),
        pgettext("records export", "What it does"),
        pgettext("records export", "Adopted on"),
        pgettext("records export", "Last revised on"),
        pgettext("records export", "New in the period"),
        pgettext("records export", "Revised in the period"),
    ]
    return Sheet(pgettext("records export", "Rules and channels"), headers, rows)


# Awards and pledges ------------------------------------------------------------------


def _awards_sheet(school, start, end):
    names = {}
    for award_id, name in (
        AwardMember.objects.filter(
            award__school=school,
            award__deleted_at__isnull=True,
            award__awarded_on__range=(start, end),
            member__deleted_at__isnull=True,
        )
        .order_by("award_id", "member__name_pinyin", "member_id")
        .values_list("award_id", "member__name")
        .iterator(chunk_size=CHUNK)
    ):
        names.setdefault(award_id, []).append(name)
    kinds, levels, recipients = _labels(AwardKind), _labels(AwardLevel), _labels(AwardRecipientKind)
    statuses = _labels(AwardStatus)

    def lines():
        for pk, day, title, kind, status, level, rank, programme, journal, issuer, recipient, group, club in (
            Award.objects.filter(school=school, awarded_on__range=(start, end))
            .order_by("awarded_on", "pk")
            .values_list(
                "pk",
                "awarded_on",
                "title",
                "kind",
                "status",
                "level",
                "rank",
                "programme",
                "journal",
                "issuer",
                "recipient_kind",
                "group_name",
                "club__name",
            )
            .iterator(chunk_size=CHUNK)
        ):
            # 人次: once per member, once for a group or the school itself.
            if recipient == AwardRecipientKind.MEMBERS:
                members = names.get(pk, [])
                winners, person_times = "、".join(members), len(members)
            else:
                winners = group or club or (school.name if recipient == AwardRecipientKind.SCHOOL else "")
                person_times = 1
            yield [
                day,
                title,
                kinds[kind],
                statuses[status],
                levels[level],
                rank,
                programme,
                journal,
                issuer,
                recipients[recipient],
                winners,
                person_times,
            ]

    headers = [
        pgettext("records export", "Date"),
        pgettext("records export", "Award"),
        pgettext("records export", "Kind"),
        pgettext("records export", "Status"),
        pgettext("records export", "Level"),
        pgettext("records export", "Rank or prize"),
        pgettext("records export", "Programme"),
        pgettext("records export", "Journal"),
        pgettext("records export", "Issued by"),
        pgettext("records export", "Awarded to"),
        pgettext("records export", "Winners"),
        pgettext("records export", "Person-times"),
    ]
    return Sheet(pgettext("records export", "Awards"), headers, lines())


def _promotions_sheet(school, start, end):
    titles = _labels(ProfessionalTitle)
    rows = (
        Promotion.objects.filter(school=school, promoted_on__range=(start, end), member__deleted_at__isnull=True)
        .order_by("promoted_on", "pk")
        .values_list("promoted_on", "member__name", "member__employee_number", "title", "note")
    )
    headers = [
        pgettext("records export", "Date"),
        pgettext("records export", "Name"),
        pgettext("records export", "Staff number"),
        pgettext("records export", "New professional title"),
        pgettext("records export", "Note"),
    ]
    lines = ([day, name, number, titles.get(title, title), note] for day, name, number, title, note in rows)
    return Sheet(pgettext("records export", "Promotions"), headers, lines)


def _school_years(start, end):
    """The school years a period overlaps, as the summary counts pairs by them."""
    return school_year_of(start), school_year_of(end)


def _school_year_first(rows):
    """``rows`` (a queryset of value lists starting with a school year) with the year as 2025—2026学年."""
    return ([school_year_label(year), *rest] for year, *rest in rows.iterator(chunk_size=CHUNK))


def _mentor_pairs_sheet(school, start, end):
    """The mentor pairs (青蓝工程) of the school years the period touches, as the summary
    counts them, with their meetings in the period."""
    meetings = correlated_count(MentorMeeting.objects.filter(met_on__range=(start, end)), "pair")
    rows = (
        MentorPair.objects.filter(
            school=school,
            school_year__range=_school_years(start, end),
            mentor__deleted_at__isnull=True,
            mentee__deleted_at__isnull=True,
        )
        .annotate(meeting_count=meetings)
        .order_by("school_year", "mentor__name_pinyin", "pk")
        .values_list("school_year", "mentor__name", "mentee__name", "subject", "meeting_count", "goals")
    )
    headers = [
        pgettext("records export", "School year"),
        pgettext("records export", "Mentor"),
        pgettext("records export", "Mentee"),
        pgettext("records export", "Subject"),
        pgettext("records export", "Meetings in the period"),
        pgettext("records export", "Goals"),
    ]
    return Sheet(pgettext("records export", "Mentor pairs"), headers, _school_year_first(rows))


def _pledges_sheet(school, start, end):
    rows = (
        PledgeSignature.objects.filter(
            drive__school=school,
            drive__deleted_at__isnull=True,
            drive__opened_on__range=(start, end),
            member__deleted_at__isnull=True,
        )
        .order_by("drive__opened_on", "drive_id", "member__name_pinyin", "pk")
        .values_list(
            "drive__title",
            "drive__year",
            "drive__opened_on",
            "member__name",
            "member__employee_number",
            "member__department__name",
            "signed_on",
        )
    )

    def lines():
        for title, year, opened, name, number, department, signed in rows.iterator(chunk_size=CHUNK):
            yield [title, year, opened, name, number, department, signed, _yes_no(signed)]

    headers = [
        pgettext("records export", "Pledge"),
        pgettext("records export", "Year"),
        pgettext("records export", "Opened on"),
        pgettext("records export", "Name"),
        pgettext("records export", "Staff number"),
        pgettext("records export", "Department"),
        pgettext("records export", "Signed on"),
        pgettext("records export", "Signed"),
    ]
    return Sheet(pgettext("records export", "Pledges"), headers, lines())


def _months_between(first, last):
    """How many calendar months the days from ``first`` to ``last`` touch (0 when none)."""
    if last < first:
        return 0
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _ethics_periods_sheet(school, start, end):
    """The ethics assessment (师德考核) period by period: the months it covers in the
    period, the people assessed, the grades and vetoes; the closing row counts months and
    people once, as the summary does (two queries)."""
    figures = ethics_figures(school, start, end)
    kinds, grades = _labels(AssessmentPeriodKind), _labels(EthicsGrade)
    rows = [
        [
            period["title"],
            kinds.get(period["kind"], period["kind"]),
            period["starts_on"],
            period["ends_on"],
            _months_between(max(period["starts_on"], start), min(period["ends_on"], end)),
            period["assessed"],
            *(period["grades"][grade] for grade in EthicsGrade.values),
            period["vetoes"],
            period["average_score"],
        ]
        for period in figures["by_period"]
    ]
    headers = [
        pgettext("records export", "Assessment"),
        pgettext("records export", "Period kind"),
        pgettext("records export", "Start date"),
        pgettext("records export", "End date"),
        pgettext("records export", "Months assessed"),
        pgettext("records export", "People assessed"),
        *(grades[grade] for grade in EthicsGrade.values),
        pgettext("records export", "Vetoed"),
        pgettext("records export", "Average score"),
    ]
    footer = [
        pgettext("records export", "Total (months and people counted once)"),
        "",
        "",
        "",
        figures["months_assessed"],
        figures["people_assessed"],
        *(figures["grades"][grade] for grade in EthicsGrade.values),
        figures["people_vetoed"],
        figures["average_score"],
    ]
    return Sheet(pgettext("records export", "Ethics assessment periods"), headers, rows, footer=footer)


def _ethics_sheet(school, start, end):
    """The ethics assessment (师德考核) of the periods starting in the period, one row per
    member assessed, as the summary's figures count them."""
    kinds, grades = _labels(AssessmentPeriodKind), _labels(EthicsGrade)
    rows = (
        EthicsAssessment.objects.filter(
            period__school=school,
            period__deleted_at__isnull=True,
            period__starts_on__range=(start, end),
            member__deleted_at__isnull=True,
        )
        .order_by("period__starts_on", "period_id", "member__name_pinyin", "pk")
        .values_list(
            "period__title",
            "period__kind",
            "period__starts_on",
            "period__ends_on",
            "member__name",
            "member__employee_number",
            "member__department__name",
            "score",
            "grade",
            "vetoed",
            "veto_reason",
        )
    )

    def lines():
        for title, kind, starts, ends, name, number, department, score, grade, vetoed, reason in rows.iterator(
            chunk_size=CHUNK
        ):
            yield [
                title,
                kinds.get(kind, kind),
                starts,
                ends,
                name,
                number,
                department,
                score,
                grades.get(grade, grade),
                _yes_no(vetoed),
                reason,
            ]

    headers = [
        pgettext("records export", "Assessment"),
        pgettext("records export", "Period kind"),
        pgettext("records export", "Start date"),
        pgettext("records export", "End date"),
        pgettext("records export", "Name"),
        pgettext("records export", "Staff number"),
        pgettext("records export", "Department"),
        pgettext("records export", "Score"),
        pgettext("records export", "Grade"),
        pgettext("records export", "Vetoed"),
        pgettext("records export", "Violation recorded"),
    ]
    return Sheet(pgettext("records export", "Ethics assessment"), headers, lines())


# The 168 care action -----------------------------------------------------------------


def _care_pairs_sheet(school, start, end):
    """The pairs of the school years the period overlaps, as the summary counts them, with
    the months they logged in the period (one query)."""
    logged = correlated_count(
        CareLog.objects.filter(month__gte=month_start(start), month__lte=month_start(end)), "pair"
    )
    rows = (
        live_pairs(school)
        .filter(school_year__range=_school_years(start, end))
        .annotate(months_logged=logged)
        .order_by("school_year", "teacher__name_pinyin", "pk")
        .values_list("school_year", "teacher__name", "student_name", "student_class", "reason", "months_logged")
    )
    headers = [
        pgettext("records export", "School year"),
        pgettext("records export", "Teacher"),
        pgettext("records export", "Student"),
        pgettext("records export", "Class"),
        pgettext("records export", "Difficulty"),
        pgettext("records export", "Months logged in the period"),
    ]
    return Sheet(pgettext("records export", "168 pairs"), headers, _school_year_first(rows))


def _care_sheet(school, start, end):
    rows = (
        CareLog.objects.filter(
            pair__school=school,
            pair__deleted_at__isnull=True,
            pair__teacher__deleted_at__isnull=True,
            month__gte=month_start(start),
            month__lte=month_start(end),
        )
        .order_by("month", "pair__teacher__name_pinyin", "pair_id")
        .values_list(
            "month",
            "pair__school_year",
            "pair__teacher__name",
            "pair__student_name",
            "pair__student_class",
            "talks",
            "tutoring",
            "notes",
        )
    )

    def lines():
        for month, year, teacher, student, klass, talks, tutoring, notes in rows.iterator(chunk_size=CHUNK):
            yield [
                month,
                school_year_label(year),
                teacher,
                student,
                klass,
                talks,
                tutoring,
                _yes_no(talks >= TALKS_TARGET),
                _yes_no(tutoring >= TUTORING_TARGET),
                notes,
            ]

    headers = [
        pgettext("records export", "Month"),
        pgettext("records export", "School year"),
        pgettext("records export", "Teacher"),
        pgettext("records export", "Student"),
        pgettext("records export", "Class"),
        pgettext("records export", "Talks and home visits"),
        pgettext("records export", "Tutoring sessions"),
        pgettext("records export", "Talks target ({target}) met").format(target=TALKS_TARGET),
        pgettext("records export", "Tutoring target ({target}) met").format(target=TUTORING_TARGET),
        pgettext("records export", "Notes"),
    ]
    return Sheet(pgettext("records export", "168 care action"), headers, lines(), formats={0: MONTH_FORMAT})


# The congress and the disclosure board -----------------------------------------------


def _session_label(term_number, number, kind):
    label = "{}届{}次".format(chinese_number(term_number), chinese_number(number))
    if kind == SessionKind.EXTRAORDINARY:
        label += "（{}）".format(pgettext("records export", "extraordinary"))
    return label


def _vote_cells(vote, motion_pk):
    if vote is None:
        return [""] + [None] * 6 + [pgettext("records export", "No vote recorded") if motion_pk else ""]
    rate = vote.approval_rate  # a percentage with one decimal; the cell shows it as one
    return [
        vote.clause.title if vote.clause else "",
        vote.votes_for,
        vote.votes_against,
        vote.abstentions,
        vote.present,
        vote.electorate,
        None if rate is None else rate / 100,
        pgettext("records export", "Passed") if vote.passed else pgettext("records export", "Not passed"),
    ]


def _congress_sheet(school, start, end):
    kinds = _labels(SessionKind)
    sessions = list(
        Session.objects.filter(school=school, held_on__range=(start, end))
        .select_related("term")
        .order_by("held_on", "pk")
    )
    in_period = {
        "school": school,
        "agenda_item__session__school": school,
        "agenda_item__session__deleted_at__isnull": True,
        "agenda_item__session__held_on__range": (start, end),
    }
    motions = {}
    for pk, session_id, agenda, title in (
        Motion.objects.filter(**in_period)
        .order_by("agenda_item__order", "agenda_item_id", "pk")
        .values_list("pk", "agenda_item__session_id", "agenda_item__title", "title")
    ):
        motions.setdefault(session_id, []).append((pk, agenda, title))
    # Vote rows as models: whether a vote passed and its approval rate are the model's rules.
    votes = {}
    for vote in (
        Vote.objects.filter(school=school, **{"motion__" + key: value for key, value in in_period.items()})
        .select_related("clause")
        .order_by("clause__order", "pk")
    ):
        votes.setdefault(vote.motion_id, []).append(vote)

    rows = []
    for session in sessions:
        cells = [
            _session_label(session.term.number, session.number, session.kind),
            session.get_body_display(),
            kinds[session.kind],
            session.held_on,
            session.place,
            session.theme,
            "；".join(session.topics),
        ]
        for motion_pk, agenda, title in motions.get(session.pk, [(None, "", "")]):
            for vote in votes.get(motion_pk, [None]):
                rows.append(cells + [agenda, title] + _vote_cells(vote, motion_pk))
    headers = [
        pgettext("records export", "Session"),
        pgettext("records export", "Congress or assembly"),
        pgettext("records export", "Kind"),
        pgettext("records export", "Date"),
        pgettext("records export", "Place"),
        pgettext("records export", "Theme"),
        pgettext("records export", "Report topics"),
        pgettext("records export", "Agenda item"),
        pgettext("records export", "Motion"),
        pgettext("records export", "Clause"),
        pgettext("records export", "For"),
        pgettext("records export", "Against"),
        pgettext("records export", "Abstaining"),
        pgettext("records export", "Present"),
        pgettext("records export", "Voters in all"),
        pgettext("records export", "Approval rate"),
        pgettext("records export", "Result"),
    ]
    return Sheet(pgettext("records export", "Congress"), headers, rows, formats={15: PERCENT_FORMAT})


def _proposals_sheet(school, start, end):
    states = _labels(ProposalState)
    rows = (
        Proposal.objects.filter(school=school, submitted_on__range=(start, end))
        .order_by("submitted_on", "pk")
        .values_list("submitted_on", "title", "proposer__name", "state", "department__name", "replied_on")
    )
    headers = [
        pgettext("records export", "Submitted on"),
        pgettext("records export", "Proposal"),
        pgettext("records export", "Proposer"),
        pgettext("records export", "State"),
        pgettext("records export", "Department in charge"),
        pgettext("records export", "Replied on"),
    ]
    lines = (
        [day, title, name, states[state], department, replied] for day, title, name, state, department, replied in rows
    )
    return Sheet(pgettext("records export", "Proposals"), headers, lines)


def _evaluations_sheet(school, start, end):
    rows = [
        [
            evaluation.evaluated_on,
            evaluation.subject,
            evaluation.excellent,
            evaluation.competent,
            evaluation.basically_competent,
            evaluation.incompetent,
            None if evaluation.satisfaction_rate is None else evaluation.satisfaction_rate / 100,
            evaluation.result,
        ]
        for evaluation in evaluations_between(school, start, end)
    ]
    headers = [
        pgettext("records export", "Date"),
        pgettext("records export", "Evaluated"),
        pgettext("records export", "Excellent"),
        pgettext("records export", "Competent"),
        pgettext("records export", "Basically competent"),
        pgettext("records export", "Incompetent"),
        pgettext("records export", "Satisfaction rate"),
        pgettext("records export", "Result"),
    ]
    return Sheet(pgettext("records export", "Democratic evaluations"), headers, rows, formats={6: PERCENT_FORMAT})


def _suggestion_drives_sheet(school, start, end):
    rows = (
        SuggestionDrive.objects.filter(school=school, opens_on__range=(start, end))
        .annotate(received=Count("suggestions"), adopted=Count("suggestions", filter=Q(suggestions__adopted=True)))
        .order_by("opens_on", "pk")
        .values_list("title", "opens_on", "closes_on", "received", "adopted")
    )
    headers = [
        pgettext("records export", "Title"),
        pgettext("records export", "Opens on"),
        pgettext("records export", "Closes on"),
        pgettext("records export", "Suggestions received"),
        pgettext("records export", "Suggestions adopted"),
    ]
    return Sheet(pgettext("records export", "Suggestion drives"), headers, (list(row) for row in rows))


def _notices_sheet(school, start, end):
    today = timezone.localdate()
    states = _labels(NoticeStatus)
    rows = (
        notices_published_between(manage_notices(school), start, end)
        .order_by("starts_on", "pk")
        .values_list(
            "category__name",
            "title",
            "status",
            "starts_on",
            "ends_on",
            "working_days",
            "read_count",
            "objection_count",
        )
    )

    def lines():
        for category, title, status, starts, ends, days, reads, objections in rows.iterator(chunk_size=CHUNK):
            if status == NoticeStatus.PUBLISHED and ends < today:
                status = NoticeStatus.CLOSED
            # A notice is published on its window's first day, whenever it was entered.
            yield [starts, category, title, states[status], starts, ends, days, reads, objections]

    headers = [
        pgettext("records export", "Published on"),
        pgettext("records export", "Category"),
        pgettext("records export", "Title"),
        pgettext("records export", "Status"),
        pgettext("records export", "Window starts on"),
        pgettext("records export", "Window ends on"),
        pgettext("records export", "Working days"),
        pgettext("records export", "Read by"),
        pgettext("records export", "Objections"),
    ]
    return Sheet(pgettext("records export", "Disclosure notices"), headers, lines())


SHEETS = [
    _activities_sheet,
    _participants_sheet,
    _campaigns_sheet,
    _visits_sheet,
    _greetings_sheet,
    _hardship_sheet,
    _mutual_aid_sheet,
    _clubs_sheet,
    _partnerships_sheet,
    _facilities_sheet,
    _rules_sheet,
    _awards_sheet,
    _promotions_sheet,
    _mentor_pairs_sheet,
    _pledges_sheet,
    _ethics_periods_sheet,
    _ethics_sheet,
    _care_pairs_sheet,
    _care_sheet,
    _congress_sheet,
    _proposals_sheet,
    _evaluations_sheet,
    _suggestion_drives_sheet,
    _notices_sheet,
]


def records_xlsx(school, period, progress=None):
    """The records of ``school`` in ``period`` (a ``reports.periods.Period``) as .xlsx bytes.

    Run inside the school's scope, as every read of its records is. Sheets that stream
    their rows are read while the workbook is written; ``progress(done, total)`` is told
    of each sheet.
    """
    start, end = period.start, period.end
    return write_workbook([sheet(school, start, end) for sheet in SHEETS], progress)
