"""The district view ``/reports/district/<year>/``: every school of the user's district side
by side (members, activities per section, welfare totals, pledge and 168 completion,
congress sessions, notices); sortable; exported to .xlsx; never another district's schools;
a fixed number of queries whatever the number of schools."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from activities.choices import SummarySection
from members.choices import MemberStatus
from members.models import Member
from unionhub.xlsx import MONEY_FORMAT

from ..activity_factories import (
    ActivityFactory,
    CareLogFactory,
    CarePairFactory,
    GreetingRecipientFactory,
    HardshipAidFactory,
    MutualAidGrantFactory,
    PledgeDriveFactory,
    PledgeSignatureFactory,
    VisitFactory,
    default_category,
)
from ..congress.factories import SessionFactory
from ..disclosure.factories import NoticeFactory
from ..factories import DistrictFactory, DistrictUserFactory, MemberFactory, SchoolFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

YEAR = 2024


def url(year=YEAR, **query):
    path = "/reports/district/{}/".format(year)
    return path, query


def fill(school, members=2, activities=1, visits=1, signed=1, bound=2, met=1, logs=2, sessions=1, notices=1):
    """A year of records for ``school`` in ``YEAR`` with the counts asked for."""
    with scopes_disabled():
        people = [MemberFactory(school=school) for _ in range(members)]
        MemberFactory(school=school, status=MemberStatus.RETIRED)
        ethics = default_category(school, SummarySection.ETHICS)
        culture = default_category(school, SummarySection.CULTURE)
        for n in range(activities):
            ActivityFactory(
                school=school,
                category=ethics if n % 2 == 0 else culture,
                starts_on=datetime.date(YEAR, 4, 1),
                participants=people,
            )
        for _n in range(visits):
            VisitFactory(
                school=school, member=people[0], visited_on=datetime.date(YEAR, 5, 1), amount=Decimal("100.25")
            )
        drive = PledgeDriveFactory(school=school, year=YEAR, opened_on=datetime.date(YEAR, 3, 1))
        for n in range(bound):
            PledgeSignatureFactory(
                drive=drive,
                member=MemberFactory(school=school),
                signed_on=datetime.date(YEAR, 3, 2) if n < signed else None,
            )
        pair = CarePairFactory(school=school, school_year=YEAR - 1)
        for n in range(logs):
            CareLogFactory(pair=pair, month=datetime.date(YEAR, 1 + n, 1), talks=6, tutoring=8 if n < met else 1)
        for n in range(sessions):
            SessionFactory(school=school, term__school=school, number=n + 1, held_on=datetime.date(YEAR, 3, 14))
        for _n in range(notices):
            NoticeFactory(
                school=school,
                starts_on=datetime.date(YEAR, 6, 3),
                ends_on=datetime.date(YEAR, 6, 10),
                published_at=timezone.make_aware(datetime.datetime(YEAR, 6, 3, 9)),
            )
    return people


@pytest.fixture
def district_client(client, district_user):
    client.force_login(district_user)
    return client


@pytest.fixture
def far_school(db):
    """A school of another district, with records that must never show."""
    school = SchoolFactory(district=DistrictFactory(name="远方区教育工会"), name="远方区秘密中学")
    fill(school, members=5, activities=3)
    return school


def rows_of(response):
    return {row["school"].pk: row for row in response.context["rows"]}


def test_the_district_view_puts_every_school_side_by_side(district_client, school, other_school):
    fill(school, members=3, activities=3, visits=2, signed=1, bound=2, met=1, logs=2, sessions=1, notices=2)
    fill(other_school, members=1, activities=1, visits=0, signed=3, bound=3, met=0, logs=1, sessions=0, notices=0)
    with scopes_disabled():
        GreetingRecipientFactory(
            batch__school=school, batch__given_on=datetime.date(YEAR, 9, 20), amount=Decimal("300.00")
        )
        HardshipAidFactory(case__school=school, given_on=datetime.date(YEAR, 2, 1), amount=Decimal("1000.00"))
        MutualAidGrantFactory(school=school, granted_on=datetime.date(YEAR, 2, 1), amount=Decimal("2000.00"))
    path, query = url()
    response = district_client.get(path, query)
    assert response.status_code == 200
    rows = rows_of(response)
    mine = rows[school.pk]
    with scopes_disabled():
        in_service = Member.objects.filter(school=school, status=MemberStatus.ACTIVE).count()
        retired = Member.objects.filter(school=school, status=MemberStatus.RETIRED).count()
    assert retired == 1
    assert mine["members"] == in_service
    assert mine["activities"] == 3
    assert mine["section_" + SummarySection.ETHICS] == 2
    assert mine["section_" + SummarySection.CULTURE] == 1
    assert mine["visits"] == 2
    assert mine["welfare"] == Decimal("3500.50")
    assert mine["pledge_percent"] == Decimal("50.0")
    assert mine["care_percent"] == Decimal("50.0")
    assert mine["sessions"] == 1
    assert mine["notices"] == 2
    theirs = rows[other_school.pk]
    assert (theirs["visits"], theirs["welfare"], theirs["pledge_percent"], theirs["care_percent"]) == (
        0,
        Decimal("0.00"),
        Decimal("100.0"),
        Decimal("0.0"),
    )
    html = response.content.decode()
    assert school.name in html and other_school.name in html
    assert "教代会会议" in html and "3500.50" in html


def test_records_of_another_year_do_not_count(district_client, school):
    fill(school, activities=2)
    path, query = url(YEAR + 1)
    rows = rows_of(district_client.get(path, query))
    assert rows[school.pk]["activities"] == 0
    assert rows[school.pk]["pledge_percent"] is None


def test_the_district_view_never_shows_schools_of_another_district(district_client, school, far_school):
    path, query = url()
    response = district_client.get(path, query)
    assert far_school.pk not in rows_of(response)
    assert far_school.name not in response.content.decode()
    export = district_client.get("/reports/district/{}/schools.xlsx".format(YEAR))
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert far_school.name not in [cell.value for cell in sheet["A"]]
    assert school.name in [cell.value for cell in sheet["A"]]


def test_a_district_user_of_the_other_district_sees_only_theirs(client, school, far_school):
    client.force_login(DistrictUserFactory(district=far_school.district))
    path, query = url()
    rows = rows_of(client.get(path, query))
    assert list(rows) == [far_school.pk]


@pytest.mark.parametrize("user_fixture", ["chair", "staff", "teacher"])
def test_only_district_users_may_open_it(request, client, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get("/reports/district/{}/".format(YEAR)).status_code == 403
    assert client.get("/reports/district/{}/schools.xlsx".format(YEAR)).status_code == 403


def test_it_sorts_by_any_column_with_plain_links(district_client, school, other_school):
    fill(school, activities=1, visits=3)
    fill(other_school, activities=4, visits=1)
    path, _query = url()
    by_activities = district_client.get(path, {"sort": "-activities"})
    assert [row["school"] for row in by_activities.context["rows"]] == [other_school, school]
    assert [row["school"] for row in district_client.get(path, {"sort": "activities"}).context["rows"]] == [
        school,
        other_school,
    ]
    assert [row["school"] for row in district_client.get(path, {"sort": "-visits"}).context["rows"]] == [
        school,
        other_school,
    ]
    # The active column's link turns the order around.
    header = next(h for h in by_activities.context["headers"] if h["column"].key == "activities")
    assert header["active"] and header["url"].endswith("?sort=activities")
    assert 'href="{}"'.format(header["url"]) in by_activities.content.decode()


def test_an_unknown_sort_falls_back_to_the_name(district_client, school, other_school):
    path, _query = url()
    response = district_client.get(path, {"sort": "-password"})
    assert response.status_code == 200
    assert response.context["sort"] == "name"


def test_each_school_links_to_its_summary_read_only(district_client, school):
    path, query = url()
    html = district_client.get(path, query).content.decode()
    assert 'href="/reports/{}/?school={}"'.format(YEAR, school.pk) in html


def test_a_school_year_starts_on_the_first_of_september(district_client, school):
    with scopes_disabled():
        ActivityFactory(school=school, starts_on=datetime.date(YEAR, 8, 31))
        ActivityFactory(school=school, starts_on=datetime.date(YEAR, 9, 1))
    path, _query = url()
    response = district_client.get(path, {"kind": "school_year"})
    assert rows_of(response)[school.pk]["activities"] == 1
    assert "{}—{}学年".format(YEAR, YEAR + 1) in response.content.decode()


def test_the_export_is_a_workbook_in_the_order_shown(district_client, school, other_school):
    fill(school, activities=1, visits=1)
    fill(other_school, activities=2, visits=0)
    response = district_client.get("/reports/district/{}/schools.xlsx".format(YEAR), {"sort": "-activities"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    headers = rows[0]
    assert headers[0] == "学校" and "慰问帮扶金额（元）" in headers
    assert [row[0] for row in rows[1:]] == [other_school.name, school.name]
    welfare = headers.index("慰问帮扶金额（元）") + 1
    cell = sheet.cell(row=3, column=welfare)
    assert cell.value == 100.25 and cell.number_format == MONEY_FORMAT
    assert sheet.freeze_panes == "A2"


def test_a_school_name_that_looks_like_a_formula_is_written_as_text(district_client, district):
    SchoolFactory(district=district, name="=HYPERLINK(1)")
    sheet = load_workbook(
        io.BytesIO(district_client.get("/reports/district/{}/schools.xlsx".format(YEAR)).content)
    ).active
    (cell,) = [cell for cell in sheet["A"] if cell.value == "=HYPERLINK(1)"]
    assert cell.data_type == "s" and cell.quotePrefix


def test_a_fixed_number_of_queries_whatever_the_number_of_schools(
    district_client, district, school, django_assert_max_num_queries
):
    fill(school)
    path, query = url()
    with CaptureQueriesContext(connection) as one:
        district_client.get(path, query)
    for n in range(5):
        fill(SchoolFactory(district=district, name="第{}所学校".format(n)), activities=n + 1, visits=n)
    with django_assert_max_num_queries(len(one)):
        response = district_client.get(path, query)
    assert len(response.context["rows"]) == 6
    assert len(one) <= 20


def test_a_notice_published_late_on_new_years_eve_counts_in_that_year(district_client, school):
    with scopes_disabled():
        NoticeFactory(
            school=school,
            starts_on=datetime.date(YEAR, 12, 31),
            ends_on=datetime.date(YEAR + 1, 1, 8),
            published_at=timezone.make_aware(datetime.datetime(YEAR, 12, 31, 23, 30)),
        )
    assert rows_of(district_client.get(*url(YEAR)))[school.pk]["notices"] == 1
    assert rows_of(district_client.get(*url(YEAR + 1)))[school.pk]["notices"] == 0


def test_a_school_year_table_links_to_each_school_year_summary(district_client, school):
    path, _query = url()
    html = district_client.get(path, {"kind": "school_year"}).content.decode()
    assert 'href="/reports/{}/?period=school_year&amp;school={}"'.format(YEAR, school.pk) in html


@pytest.mark.parametrize("name", ["reports:district", "reports:district_export"])
@pytest.mark.parametrize("year", [0, 1999, 9999])
def test_a_year_out_of_range_answers_404(district_client, name, year):
    assert district_client.get(reverse(name, kwargs={"year": year})).status_code == 404
    assert district_client.get(reverse(name, kwargs={"year": year}), {"kind": "school_year"}).status_code == 404
