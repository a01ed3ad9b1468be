"""The activity log's pages: list with filters and sorting, the month calendar, an
activity's page, recording and editing, delete and restore; and the fixed query counts."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from activities.choices import SummarySection
from activities.models import Activity
from tests.activity_factories import ActivityFactory, CampaignFactory, ClubFactory, default_category
from tests.factories import DepartmentFactory, MemberFactory

from .factories_log import add_attachment, add_members, add_photo

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

LIST = reverse("activities:activity_list")
CALENDAR = reverse("activities:activity_calendar")
CREATE = reverse("activities:activity_create")


def day(month, number, year=2025):
    return datetime.date(year, month, number)


def rows(response):
    """The activity ids the list shows, in order (the table's rows)."""
    table = response.content.decode().split('id="activity-cards"')[0]
    return [int(pk) for pk in re.findall(r'<tr data-activity="(\d+)"', table)]


def fetch(pk):
    with scopes_disabled():
        return Activity.all_objects.get(pk=pk)


# --- the list -----------------------------------------------------------------------------


@pytest.fixture
def log(school, other_school):
    """Five activities of school one over two years, one of school two, one deleted."""
    with scopes_disabled():
        ethics = default_category(school, SummarySection.ETHICS)
        culture = default_category(school, SummarySection.CULTURE)
        campaign = CampaignFactory(school=school)
        alice, bob = MemberFactory(school=school, name="李丽"), MemberFactory(school=school, name="王强")
        activities = {
            "launch": ActivityFactory(
                school=school, title="师德建设月启动仪式", category=ethics, campaign=campaign, starts_on=day(9, 3)
            ),
            "talk": ActivityFactory(
                school=school, title="师德报告会", category=ethics, campaign=campaign, starts_on=day(9, 20)
            ),
            "volleyball": ActivityFactory(
                school=school, title="气排球比赛", category=culture, starts_on=day(10, 15), outside_participants=12
            ),
            "hike": ActivityFactory(school=school, title="秋季登山", category=culture, starts_on=day(11, 2)),
            "old": ActivityFactory(school=school, title="去年的联欢会", category=culture, starts_on=day(12, 30, 2024)),
        }
        activities["volleyball"].participants.set([alice, bob])
        activities["launch"].participants.set([alice])
        ActivityFactory(school=other_school, title="别校的活动", starts_on=day(10, 15))
        ActivityFactory(school=school, title="已删除的活动", starts_on=day(10, 16)).soft_delete()
    return {"activities": activities, "campaign": campaign, "alice": alice, "ethics": ethics}


def ids(log, *names):
    return [log["activities"][name].pk for name in names]


def test_it_lists_the_schools_live_activities_newest_first(staff_client, log):
    response = staff_client.get(LIST)
    assert response.status_code == 200
    assert rows(response) == ids(log, "hike", "volleyball", "talk", "launch", "old")
    page = response.content.decode()
    assert "别校的活动" not in page
    assert "已删除的活动" not in page
    assert "5 项活动" in page


def test_it_shows_participant_counts_outside_participants_and_category(staff_client, log):
    page = staff_client.get(LIST).content.decode()
    volleyball = page.split('<tr data-activity="{}">'.format(log["activities"]["volleyball"].pk))[1].split("</tr>")[0]
    assert re.search(r">\s*2 <small[^>]*>\+12</small>", volleyball)
    assert "文体活动" in volleyball


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"year": "2024"}, ["old"]),
        ({"year": "2025", "month": "9"}, ["talk", "launch"]),
        ({"month": "12"}, ["old"]),
    ],
)
def test_it_filters_by_year_and_month(staff_client, log, params, expected):
    assert rows(staff_client.get(LIST, params)) == ids(log, *expected)


def test_it_filters_by_category_campaign_and_member(staff_client, log):
    assert rows(staff_client.get(LIST, {"category": log["ethics"].pk})) == ids(log, "talk", "launch")
    assert rows(staff_client.get(LIST, {"campaign": log["campaign"].pk})) == ids(log, "talk", "launch")
    response = staff_client.get(LIST, {"member": log["alice"].pk})
    assert rows(response) == ids(log, "volleyball", "launch")
    # Filtering on a member does not shrink the counts to that member.
    volleyball = response.content.decode().split('<tr data-activity="{}">'.format(log["activities"]["volleyball"].pk))
    assert re.search(r">\s*2 <small", volleyball[1].split("</tr>")[0])


def test_it_offers_only_the_years_that_have_activities(staff_client, log):
    form = staff_client.get(LIST).context["filter"].form
    assert [value for value, _label in form.fields["year"].choices] == ["", 2025, 2024]


def test_it_ignores_another_schools_campaign_in_the_filter(staff_client, log, other_school):
    with scopes_disabled():
        foreign = CampaignFactory(school=other_school)
    response = staff_client.get(LIST, {"campaign": foreign.pk})
    assert response.status_code == 200
    assert rows(response) == []
    assert "campaign" in response.context["filter"].form.errors


@pytest.mark.parametrize(
    "sort,expected",
    [
        ("date", ["old", "launch", "talk", "volleyball", "hike"]),
        ("-participants", ["volleyball", "launch", "hike", "talk", "old"]),
        ("title", None),
        ("nonsense", ["hike", "volleyball", "talk", "launch", "old"]),
    ],
)
def test_it_sorts_by_the_chosen_column(staff_client, log, sort, expected):
    shown = rows(staff_client.get(LIST, {"sort": sort}))
    if expected is None:
        by_title = sorted(log["activities"].values(), key=lambda a: (a.title, a.pk))
        expected_ids = [a.pk for a in by_title]
    else:
        expected_ids = ids(log, *expected)
    assert shown == expected_ids


def test_it_pages_25_activities_at_a_time_keeping_the_filters(staff_client, school):
    with scopes_disabled():
        category = default_category(school)
        Activity.objects.bulk_create(
            Activity(school=school, title="活动{}".format(n), category=category, starts_on=day(10, 1))
            for n in range(30)
        )
    response = staff_client.get(LIST, {"year": "2025"})
    assert len(rows(response)) == 25
    assert "year=2025&amp;page=2" in response.content.decode()
    assert len(rows(staff_client.get(LIST, {"year": "2025", "page": 2}))) == 5


def test_it_shows_cards_for_phones_with_the_same_activities(staff_client, log):
    page = staff_client.get(LIST).content.decode()
    cards = page.split('id="activity-cards"')[1]
    assert re.findall(r'data-activity="(\d+)"', cards) == [
        str(pk) for pk in ids(log, "hike", "volleyball", "talk", "launch", "old")
    ]


def test_it_answers_an_htmx_filter_with_the_results_only(staff_client, log):
    response = staff_client.get(LIST, {"category": log["ethics"].pk}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page
    assert rows(response) == ids(log, "talk", "launch")


def test_it_says_so_when_nothing_matches(staff_client, log):
    page = staff_client.get(LIST, {"year": "2025", "month": "1"}).content.decode()
    assert "没有符合条件的活动" in page


def test_it_shows_the_first_photo_as_a_thumbnail(staff_client, log):
    with scopes_disabled():
        volleyball = log["activities"]["volleyball"]
        first = add_photo(volleyball)
        add_photo(volleyball)
    page = staff_client.get(LIST).content.decode()
    assert reverse("activities:activity_photo_thumbnail", args=[first.pk]) in page
    assert "×2" in page


# --- fixed number of queries ------------------------------------------------------------


def fill_log(school, activities, members_per_activity=8, photos=True):
    """``activities`` activities with participants, and a photo on every fifth."""
    with scopes_disabled():
        members = add_members(school, 40)
        categories = [default_category(school, section) for section in (SummarySection.ETHICS, SummarySection.CULTURE)]
        campaign = CampaignFactory(school=school)
        created = Activity.objects.bulk_create(
            Activity(
                school=school,
                title="活动{}".format(n),
                category=categories[n % 2],
                campaign=campaign if n % 3 == 0 else None,
                starts_on=day(10, 1 + n % 28),
                ends_on=day(10, min(28, 2 + n % 28)) if n % 4 == 0 else None,
            )
            for n in range(activities)
        )
        through = Activity.participants.through
        through.objects.bulk_create(
            through(activity=activity, member=members[(n + k) % len(members)])
            for n, activity in enumerate(created)
            for k in range(members_per_activity)
        )
        if photos:
            for activity in created[::5]:
                add_photo(activity)
    return members


def count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries), response


# Session, user, the user's school, the user's member record (menu), the filter's choices
# (years, categories, campaigns, members), the chosen member when filtering by one, the
# count, and one page of activities with their counts and first photo by subqueries.
# A new query here is a cost on every page: look before raising.
LIST_QUERIES = 11


@pytest.mark.parametrize("params", [{}, {"year": "2025", "sort": "-participants"}, {"member": "first"}])
def test_the_list_costs_the_same_queries_for_few_or_many_activities(staff_client, school, params):
    members = fill_log(school, 3)
    if params.get("member"):
        params = {"member": members[0].pk}
    small, _response = count_queries(staff_client, LIST, params)
    fill_log(school, 60, members_per_activity=30)
    large, response = count_queries(staff_client, LIST, params)
    assert small == large <= LIST_QUERIES
    if not params:
        assert len(rows(response)) == 25


# Session, user, school, member record (menu), the categories, the month's activities.
CALENDAR_QUERIES = 6


def test_the_calendar_costs_the_same_queries_for_few_or_many_activities(staff_client, school):
    fill_log(school, 3)
    small, _response = count_queries(staff_client, CALENDAR, {"month": "2025-10"})
    fill_log(school, 80, members_per_activity=30)
    large, response = count_queries(staff_client, CALENDAR, {"month": "2025-10"})
    assert small == large <= CALENDAR_QUERIES
    assert response.context["activity_count"] == 83


# --- the calendar -------------------------------------------------------------------------


def test_the_calendar_puts_activities_on_their_days(staff_client, school, other_school):
    with scopes_disabled():
        ActivityFactory(school=school, title="气排球比赛", starts_on=day(10, 15))
        ActivityFactory(school=school, title="三天的培训", starts_on=day(9, 30), ends_on=day(10, 2))
        ActivityFactory(school=school, title="十一月的活动", starts_on=day(11, 3))
        ActivityFactory(school=other_school, title="别校的活动", starts_on=day(10, 15))
    response = staff_client.get(CALENDAR, {"month": "2025-10"})
    days = {d["date"]: [a.title for a in d["activities"]] for week in response.context["weeks"] for d in week}
    assert days[day(10, 15)] == ["气排球比赛"]
    assert days[day(10, 1)] == ["三天的培训"] and days[day(10, 2)] == ["三天的培训"]
    assert days[day(10, 3)] == []
    # The grid starts on the Monday before the first: 29 and 30 September are outside the month.
    assert response.context["weeks"][0][0]["date"] == day(9, 29)
    assert not response.context["weeks"][0][0]["in_month"]
    page = response.content.decode()
    assert "2025年10月" in page
    assert "别校的活动" not in page
    assert "十一月的活动" not in page
    assert 'href="?month=2025-09"' in page and 'href="?month=2025-11"' in page
    # The phone's list shows only the days that have activities.
    phone = page.split('id="calendar-list"')[1]
    assert phone.count('class="card mb-2"') == 3


def test_the_calendar_wraps_the_year_and_keeps_the_category(staff_client, school):
    category = default_category(school)
    page = staff_client.get(CALENDAR, {"month": "2025-01", "category": category.pk}).content.decode()
    assert 'href="?month=2024-12&amp;category={}"'.format(category.pk) in page
    page = staff_client.get(CALENDAR, {"month": "2025-12"}).content.decode()
    assert 'href="?month=2026-01"' in page


def test_the_calendar_filters_by_category(staff_client, school):
    with scopes_disabled():
        ethics = default_category(school, SummarySection.ETHICS)
        ActivityFactory(school=school, title="师德报告会", category=ethics, starts_on=day(10, 9))
        ActivityFactory(school=school, title="气排球比赛", starts_on=day(10, 15))
    page = staff_client.get(CALENDAR, {"month": "2025-10", "category": ethics.pk}).content.decode()
    assert "师德报告会" in page and "气排球比赛" not in page


@pytest.mark.parametrize("month", ["", "2025-13", "abc", "2025-1-1"])
def test_the_calendar_shows_this_month_for_a_missing_or_bad_month(staff_client, school, month):
    response = staff_client.get(CALENDAR, {"month": month})
    assert response.status_code == 200
    today = datetime.date.today()
    assert response.context["month_start"] == datetime.date(today.year, today.month, 1)


# --- an activity's page -----------------------------------------------------------------


def test_the_page_shows_every_field_participants_by_department_photos_and_files(staff_client, school):
    with scopes_disabled():
        chinese = DepartmentFactory(school=school, name="语文组", position=1)
        maths = DepartmentFactory(school=school, name="数学组", position=2)
        campaign = CampaignFactory(school=school)
        club = ClubFactory(school=school, name="气排球队")
        activity = ActivityFactory(
            school=school,
            title="教职工气排球比赛",
            campaign=campaign,
            club=club,
            starts_on=day(10, 15),
            ends_on=day(10, 16),
            location="学校体育馆",
            organiser="校工会",
            description="分年级组进行。\n气氛热烈。",
            outside_participants=3,
            participants=[
                MemberFactory(school=school, name="张伟", department=maths),
                MemberFactory(school=school, name="李娜", department=chinese),
                MemberFactory(school=school, name="王芳", department=chinese),
            ],
        )
        photos = [add_photo(activity), add_photo(activity)]
        attachment = add_attachment(activity, "比赛秩序册.pdf")
    response = staff_client.get(activity.get_absolute_url())
    page = response.content.decode()
    for text in (
        "教职工气排球比赛",
        "2025年10月15日",
        "2025年10月16日",
        "学校体育馆",
        "校工会",
        "文体活动",
        "分年级组进行。<br>气氛热烈。",
    ):
        assert text in page, text
    assert "第十一个师德建设月" in page and "气排球队" in page
    assert "3 名会员，另有校外人员 3 人" in page
    participants = page.split('id="participants"')[1]
    assert (
        participants.index("语文组")
        < participants.index("李娜")
        < participants.index("数学组")
        < participants.index("张伟")
    )
    assert "语文组（2）" in participants
    gallery = page.split('id="activity-gallery"')[1].split('id="attachments"')[0]
    for photo in photos:
        assert reverse("activities:activity_photo_thumbnail", args=[photo.pk]) in gallery
        assert reverse("activities:activity_photo", args=[photo.pk]) in gallery
    assert reverse("activities:activity_attachment", args=[attachment.pk]) in page
    assert "比赛秩序册.pdf" in page
    assert 'id="activity-history"' in page


def test_the_page_offers_delete_to_the_chair_only(client, chair, staff, school):
    activity = ActivityFactory(school=school)
    delete = reverse("activities:activity_delete", args=[activity.pk])
    client.force_login(staff)
    assert delete not in client.get(activity.get_absolute_url()).content.decode()
    client.force_login(chair)
    assert delete in client.get(activity.get_absolute_url()).content.decode()


def test_a_deleted_activity_has_no_page(staff_client, school):
    activity = ActivityFactory(school=school)
    activity.soft_delete()
    assert staff_client.get(activity.get_absolute_url()).status_code == 404


# --- recording, editing, deleting --------------------------------------------------------


def form_data(school, **changes):
    data = {
        "title": "教职工气排球比赛",
        "category": default_category(school).pk,
        "starts_on": "2025-10-15",
        "ends_on": "",
        "location": "学校体育馆",
        "organiser": "校工会",
        "description": "",
        "outside_participants": "0",
    }
    data.update(changes)
    return data


def test_staff_record_an_activity_with_participants(staff_client, school):
    with scopes_disabled():
        members = [MemberFactory(school=school) for _n in range(3)]
    response = staff_client.post(CREATE, form_data(school, participants=[m.pk for m in members]))
    assert response.status_code == 302
    with scope(school=[school.pk]):
        activity = Activity.objects.get(school=school)
        assert response["Location"] == activity.get_absolute_url()
        assert set(activity.participants.all()) == set(members)
        assert activity.version == 1
    page = staff_client.get(response["Location"]).content.decode()
    assert "“教职工气排球比赛”已保存。" in page


def test_the_form_offers_the_schools_active_categories_only(staff_client, school, other_school):
    with scopes_disabled():
        retired = default_category(school, SummarySection.RETIREES)
        retired.is_active = False
        retired.save()
    form = staff_client.get(CREATE).context["form"]
    with scope(school=[school.pk]):
        offered = list(form.fields["category"].queryset)
    assert retired not in offered
    assert all(category.school_id == school.pk for category in offered)
    assert len(offered) == 11


def test_editing_keeps_a_retired_category_and_changes_the_participants(staff_client, school):
    with scopes_disabled():
        category = default_category(school, SummarySection.RETIREES)
        first, second = MemberFactory(school=school), MemberFactory(school=school)
        activity = ActivityFactory(school=school, category=category, participants=[first])
        category.is_active = False
        category.save()
    url = reverse("activities:activity_update", args=[activity.pk])
    response = staff_client.get(url)
    assert response.status_code == 200
    data = form_data(
        school, category=category.pk, title="重阳节慰问退休教师", participants=[second.pk], loaded_version=1
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302
    with scopes_disabled():
        saved = Activity.objects.get(pk=activity.pk)
        assert saved.title == "重阳节慰问退休教师"
        assert saved.version == 2
        assert list(saved.participants.all()) == [second]


def test_a_second_editor_is_refused_and_shown_what_changed(staff_client, school):
    activity = ActivityFactory(school=school, title="旧标题")
    url = reverse("activities:activity_update", args=[activity.pk])
    assert staff_client.post(url, form_data(school, title="第一次修改", loaded_version=1)).status_code == 302
    response = staff_client.post(url, form_data(school, title="第二次修改", loaded_version=1))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="conflict"' in page
    assert "第一次修改" in page
    assert fetch(activity.pk).title == "第一次修改"


def test_the_chair_deletes_and_restores_an_activity(chair_client, school):
    activity = ActivityFactory(school=school, title="要删除的活动")
    response = chair_client.post(reverse("activities:activity_delete", args=[activity.pk]))
    assert response["Location"] == LIST
    assert fetch(activity.pk).is_deleted
    assert rows(chair_client.get(LIST)) == []
    response = chair_client.post(reverse("activities:activity_restore", args=[activity.pk]))
    assert response["Location"] == activity.get_absolute_url()
    assert not fetch(activity.pk).is_deleted


def test_a_new_activity_may_start_from_a_campaign(staff_client, school):
    with scopes_disabled():
        campaign = CampaignFactory(school=school)
    form = staff_client.get(CREATE, {"campaign": campaign.pk}).context["form"]
    assert form.initial["campaign"] == campaign.pk
    assert form.initial["starts_on"] == datetime.date.today()


def test_the_many_members_of_a_school_render_in_one_query(staff_client, school):
    add_members(school, 5)
    small, _response = count_queries(staff_client, CREATE)
    add_members(school, 200, start=5)
    large, response = count_queries(staff_client, CREATE)
    assert small == large
    assert response.content.decode().count("data-woman=") == 205


def test_a_members_timeline_shows_the_activities_they_took_part_in(staff_client, school):
    with scopes_disabled():
        member = MemberFactory(school=school)
        took_part = ActivityFactory(school=school, title="气排球比赛", starts_on=day(10, 15), participants=[member])
        ActivityFactory(school=school, title="没参加的活动", starts_on=day(10, 16))
        gone = ActivityFactory(school=school, title="已删除的活动", starts_on=day(10, 17), participants=[member])
        gone.soft_delete()
    page = staff_client.get(member.get_absolute_url()).content.decode()
    assert "气排球比赛" in page
    assert "没参加的活动" not in page and "已删除的活动" not in page
    with scope(school=[school.pk]):
        from activities.timeline import activity_events

        events = list(activity_events(member))
    assert [(e.date, e.title) for e in events] == [(day(10, 15), "气排球比赛")]
    assert events[0].kind.endswith("·文体活动")
    assert events[0].url == took_part.get_absolute_url()
