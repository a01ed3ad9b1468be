"""The year dashboard at ``/``: counts per section against last year, activities per month,
welfare yuan by reason, pledge and 168 completion, upcoming birthdays and retirements,
notices closing this week; the year switch; a fixed number of queries."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from activities.choices import SummarySection, VisitReason
from members.choices import Gender, MemberStatus
from reports.overview import upcoming_retirements, year_charts
from reports.periods import Period

from ..activity_factories import (
    ActivityFactory,
    CareLogFactory,
    CarePairFactory,
    GreetingBatchFactory,
    GreetingRecipientFactory,
    PledgeDriveFactory,
    PledgeSignatureFactory,
    VisitFactory,
    default_category,
)
from ..congress.factories import SessionFactory
from ..disclosure.factories import NoticeFactory
from ..factories import MemberFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")


def make_year(school, year, activities=2, visits=1):
    """A small year of records in ``year``; sizes vary so query counts can be compared."""
    with scopes_disabled():
        members = [MemberFactory(school=school) for _ in range(3)]
        culture = default_category(school, SummarySection.CULTURE)
        ethics = default_category(school, SummarySection.ETHICS)
        for n in range(activities):
            ActivityFactory(
                school=school,
                category=culture if n % 2 else ethics,
                starts_on=datetime.date(year, 1 + n % 12, 10),
                participants=members,
            )
        for _n in range(visits):
            VisitFactory(school=school, visited_on=datetime.date(year, 5, 2), amount=Decimal("500.00"))
        VisitFactory(
            school=school,
            visited_on=datetime.date(year, 6, 2),
            reason=VisitReason.CHILDBIRTH,
            amount=Decimal("800.50"),
        )
        batch = GreetingBatchFactory(school=school, year=year, given_on=datetime.date(year, 9, 20))
        for member in members:
            GreetingRecipientFactory(batch=batch, member=member, amount=Decimal("300.00"))
        drive = PledgeDriveFactory(school=school, year=year, opened_on=datetime.date(year, 3, 1))
        PledgeSignatureFactory(drive=drive, member=members[0], signed_on=datetime.date(year, 3, 2))
        PledgeSignatureFactory(drive=drive, member=members[1], signed_on=datetime.date(year, 3, 2))
        PledgeSignatureFactory(drive=drive, member=members[2])
        pair = CarePairFactory(school=school, school_year=year - 1)
        CareLogFactory(pair=pair, month=datetime.date(year, 3, 1), talks=6, tutoring=8)
        CareLogFactory(pair=pair, month=datetime.date(year, 4, 1), talks=6, tutoring=2)
        SessionFactory(school=school, term__school=school, held_on=datetime.date(year, 3, 14))
    return members


def dashboard(client, **query):
    response = client.get("/", query)
    assert response.status_code == 200
    return response


def test_the_year_dashboard_compares_counts_per_section_with_last_year(chair_client, school):
    make_year(school, 2024, activities=4)
    make_year(school, 2023, activities=2)
    context = dashboard(chair_client, year=2024).context
    sections = {row["code"]: row for row in context["sections"]}
    assert sections[SummarySection.ETHICS]["activities"]["current"] == 2
    assert sections[SummarySection.ETHICS]["activities"]["previous"] == 1
    assert sections[SummarySection.CULTURE]["activities"]["current"] == 2
    assert sections[SummarySection.CULTURE]["participations"]["current"] == 6
    activities, *_rest = context["headlines"]
    assert (activities["current"], activities["previous"], activities["delta"]) == (4, 2, 2)
    sessions = context["headlines"][5]
    assert (sessions["current"], sessions["previous"]) == (1, 1)


def test_the_dashboard_page_is_chinese_and_shows_the_comparison(chair_client, school):
    make_year(school, 2024, activities=4)
    html = dashboard(chair_client, year=2024).content.decode()
    assert "2024年" in html and "2023年" in html
    assert "与2023年相比" in html
    assert "每月活动" in html
    assert "按事由的慰问金（元）" in html


def test_welfare_yuan_by_reason_includes_visits_greetings_with_two_places(chair_client, school):
    make_year(school, 2024, visits=2)
    context = dashboard(chair_client, year=2024).context
    welfare = {str(label): amount for label, amount in context["welfare"]}
    assert welfare[str(VisitReason.ILLNESS.label)] == Decimal("1000.00")
    assert welfare[str(VisitReason.CHILDBIRTH.label)] == Decimal("800.50")
    assert welfare["节日慰问"] == Decimal("900.00")
    assert context["welfare_total"] == Decimal("2700.50")
    assert "800.50元" in context["charts"][1].svg
    assert "2700.50" in dashboard(chair_client, year=2024).content.decode()


def test_pledge_and_168_completion(chair_client, school):
    make_year(school, 2024)
    context = dashboard(chair_client, year=2024).context
    (drive,) = context["pledges"]
    assert (drive["signed"], drive["bound"], drive["percent"]) == (2, 3, Decimal("66.7"))
    care = context["care"]
    assert care["logs"] == 2
    assert care["both_percent"] == Decimal("50.0")
    assert care["talks_percent"] == Decimal("100.0")


def test_activities_per_month_chart_runs_over_the_school_year_from_september(chair_client, school):
    make_year(school, 2024, activities=12)
    context = dashboard(chair_client, year=2024, kind="school_year").context
    assert context["period"] == Period.school_year(2024)
    chart = context["charts"][0]
    labels = [label for label, _value in chart.rows]
    assert labels[0] == "9月" and labels[-1] == "8月" and len(labels) == 12
    # 2024's activities fall on the 10th of each month: September to December are in.
    values = dict(chart.rows)
    assert values["9月"] == "1" and values["12月"] == "1" and values["1月"] == "0"


def test_the_year_switch_defaults_to_the_current_calendar_year(chair_client, school):
    context = dashboard(chair_client).context
    assert context["period"] == Period.calendar_year(timezone.localdate().year)
    assert dashboard(chair_client, year="abc").context["period"].year == timezone.localdate().year


def test_upcoming_birthdays_and_retirements_for_visits(chair_client, school):
    today = timezone.localdate()
    with scopes_disabled():
        retiring = MemberFactory(
            school=school,
            name="退休将至",
            gender=Gender.FEMALE,
            birth_date=today.replace(year=today.year - 55) + datetime.timedelta(days=20),
        )
        MemberFactory(
            school=school,
            name="早已退休",
            gender=Gender.FEMALE,
            status=MemberStatus.RETIRED,
            birth_date=retiring.birth_date,
        )
        MemberFactory(school=school, name="男教师", gender=Gender.MALE, birth_date=retiring.birth_date)
        birthday = MemberFactory(
            school=school, name="生日会员", birth_date=(today + datetime.timedelta(days=3)).replace(year=1990)
        )
    context = dashboard(chair_client).context
    assert [member.name for _day, member in context["retirements"]] == ["退休将至"]
    assert context["retirements"][0][0] == today + datetime.timedelta(days=20)
    assert birthday in [member for _day, member in context["birthdays"]]
    assert "退休将至" in dashboard(chair_client).content.decode()


def test_retirement_ages_are_sixty_for_men_and_fifty_five_for_women(school):
    today = datetime.date(2026, 3, 1)
    with scopes_disabled():
        man = MemberFactory(school=school, gender=Gender.MALE, birth_date=datetime.date(1966, 4, 1))
        MemberFactory(school=school, gender=Gender.MALE, birth_date=datetime.date(1971, 4, 1))
        woman = MemberFactory(school=school, gender=Gender.FEMALE, birth_date=datetime.date(1971, 5, 1))
    with scope(school=[school.pk]):
        found = upcoming_retirements(school, today)
    assert [(day, member.pk) for day, member in found] == [
        (datetime.date(2026, 4, 1), man.pk),
        (datetime.date(2026, 5, 1), woman.pk),
    ]


def test_notices_whose_window_closes_this_week(chair_client, school):
    today = timezone.localdate()
    sunday = today + datetime.timedelta(days=6 - today.weekday())
    with scopes_disabled():
        closing = NoticeFactory(
            school=school, title="本周截止的公示", starts_on=today - datetime.timedelta(days=10), ends_on=sunday
        )
        NoticeFactory(
            school=school, title="下周截止的公示", starts_on=today, ends_on=sunday + datetime.timedelta(days=1)
        )
        NoticeFactory(
            school=school,
            title="已经截止的公示",
            starts_on=today - datetime.timedelta(days=20),
            ends_on=today - datetime.timedelta(days=1),
        )
    context = dashboard(chair_client).context
    assert context["closing_notices"] == [closing]


def test_charts_are_inline_svg_without_outside_addresses(chair_client, school):
    make_year(school, 2024)
    html = dashboard(chair_client, year=2024).content.decode()
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == 4
    for svg in svgs:
        assert "viewBox" in svg and 'width="100%"' in svg and "<title" in svg and "<desc" in svg
        assert "http://" not in svg and "https://" not in svg
    assert "<script" not in "".join(svgs)


def test_year_charts_serve_the_summary_preview(school):
    make_year(school, 2024)
    with scope(school=[school.pk]):
        result = year_charts(school, Period.calendar_year(2024))
    assert result["period"] == Period.calendar_year(2024)
    assert [chart.key for chart in result["charts"]] == [
        "activities-by-month",
        "welfare-by-reason",
        "pledge-completion",
        "care-completion",
    ]
    assert sum(int(value) for _label, value in result["charts"][0].rows) == 2


def test_the_dashboard_costs_a_fixed_number_of_queries(chair_client, school, django_assert_max_num_queries):
    # Both years hold records: an empty year skips a few lookups, which only lowers the count.
    make_year(school, 2024, activities=1, visits=1)
    make_year(school, 2023, activities=1, visits=1)
    with CaptureQueriesContext(connection) as small:
        dashboard(chair_client, year=2024)
    make_year(school, 2024, activities=12, visits=8)
    make_year(school, 2023, activities=6, visits=3)
    with django_assert_max_num_queries(len(small)):
        dashboard(chair_client, year=2024)
    # The hardship files' ids, read for the summary's coverage, cost one query a year.
    assert len(small) <= 76


def test_teachers_keep_their_page_with_the_boards_new_notices(teacher_client, school):
    with scopes_disabled():
        NoticeFactory(school=school, title="食堂采购公示")
    response = dashboard(teacher_client)
    assert [template.name for template in response.templates][0] == "reports/dashboard_teacher.html"
    html = response.content.decode()
    assert "食堂采购公示" in html
    assert "慰问" not in html


def test_district_users_get_the_district_view_at_home(client, district_user, school, other_school):
    client.force_login(district_user)
    response = dashboard(client)
    assert response.templates[0].name == "reports/dashboard_district.html"
    html = response.content.decode()
    assert school.name in html and other_school.name in html


def test_the_year_choice_reaches_back_to_2000_for_a_union_entering_an_earlier_year(chair_client, school):
    page = chair_client.get("/?year=2005").content.decode()

    assert '<option value="2000">' in page
    assert '<option value="2005" selected>' in page
