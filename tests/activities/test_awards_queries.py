"""The award, promotion and mentoring pages cost the same number of queries however many
records the school has."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from activities.choices import AwardKind, AwardLevel, AwardRecipientKind
from activities.models import Award, MentorMeeting, MentorPair, Promotion
from members.models import Member, pinyin_keys

from ..activity_factories import MentorPairFactory
from ..factories import DepartmentFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

TODAY = timezone.localdate()
# The session, the user, the user's school, the menu's "my record"; then each page's own
# queries. A new query here is a new cost on every page: look before raising.
MAX_QUERIES = {
    # + distinct years, the member filter's choices, the figures, the count, a page of
    #   awards with their clubs, and their members.
    "award_list": 10,
    # + distinct years, the figures, the count, a page of promotions with their members.
    "promotion_list": 8,
    # + distinct school years, the figures, the count, a page of pairs with both members.
    "mentor_list": 8,
    # + the award with its club, its members, its history, the club names in the history,
    #   the members of each history record and their names (the club's name only when
    #   one of them names a club).
    "award_detail": 10,
    # + the pair with both members, its meetings, its history, the names in the history
    #   (one query per foreign key: mentor, mentee).
    "mentor_detail": 9,
}

FAMILY = "张王李赵陈刘杨黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平"


def add_members(school, count):
    department = DepartmentFactory(school=school)
    names = ("".join(parts) for parts in itertools.product(FAMILY, GIVEN, GIVEN))
    members = []
    for name in itertools.islice(names, count):
        full, initials = pinyin_keys(name)
        members.append(
            Member(
                school=school, name=name, name_pinyin=full, name_initials=initials, gender="F", department=department
            )
        )
    with scope(school=[school.pk]):
        Member.objects.bulk_create(members)
        return list(Member.objects.filter(school=school).order_by("pk"))


def add_awards(school, count):
    members = add_members(school, max(count, 3))
    kinds, levels = list(AwardKind), list(AwardLevel)
    awards = [
        Award(
            school=school,
            title="第{}个奖".format(n),
            kind=kinds[n % len(kinds)],
            level=levels[n % len(levels)],
            rank="一等奖",
            awarded_on=TODAY - datetime.timedelta(days=n % 200),
            recipient_kind=AwardRecipientKind.MEMBERS if n % 4 else AwardRecipientKind.GROUP,
            group_name="" if n % 4 else "语文组",
        )
        for n in range(count)
    ]
    with scope(school=[school.pk]):
        Award.objects.bulk_create(awards)
        awards = list(Award.objects.filter(school=school))
    through = Award.members.through
    through.objects.bulk_create(
        through(award_id=award.pk, member_id=members[(n + k) % len(members)].pk)
        for n, award in enumerate(awards)
        if award.recipient_kind == AwardRecipientKind.MEMBERS
        for k in range(3)
    )


def add_promotions(school, count):
    members = add_members(school, count)
    with scope(school=[school.pk]):
        Promotion.objects.bulk_create(
            Promotion(
                school=school, member=member, title="senior", promoted_on=TODAY - datetime.timedelta(days=n % 300)
            )
            for n, member in enumerate(members)
        )


def add_pairs(school, count, school_year):
    members = add_members(school, count + 1)
    with scope(school=[school.pk]):
        MentorPair.objects.bulk_create(
            MentorPair(school=school, mentor=members[n], mentee=members[n + 1], school_year=school_year, subject="语文")
            for n in range(count)
        )
        pairs = list(MentorPair.objects.filter(school=school))
    MentorMeeting.objects.bulk_create(
        MentorMeeting(pair=pair, met_on=datetime.date(school_year, 10, 1 + k), topic="听课")
        for pair in pairs
        for k in range(3)
    )


def queries(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return response, len(captured)


def same_cost(client, staff, small_school, large_school, url, params=None):
    """The queries of ``url`` for the same user in a small school and then in a large one."""
    client.get(url, params or {})  # warm up: the session and anything cached per process
    small, small_count = queries(client, url, params)
    staff.school = large_school
    staff.save()
    large, large_count = queries(client, url, params)
    assert small_count == large_count, "{}: {} queries for the small school, {} for the large".format(
        url, small_count, large_count
    )
    return small, large, large_count


def test_the_award_list_costs_the_same_for_5_and_300_awards(staff_client, staff, school, other_school):
    add_awards(school, 5)
    add_awards(other_school, 300)

    for params in ({}, {"year": ""}, {"kind": "research", "level": "3"}, {"year": "", "page": "last"}):
        staff.school = school
        staff.save()
        small, large, count = same_cost(
            staff_client, staff, school, other_school, reverse("activities:award_list"), params
        )
        assert count <= MAX_QUERIES["award_list"], params
    large = staff_client.get(reverse("activities:award_list"), {"year": ""})
    assert large.context["paginator"].count == 300
    assert len(large.context["awards"]) == 50
    assert large.content.decode().count("data-award=") == 50


def test_the_promotion_list_costs_the_same_for_5_and_300_promotions(staff_client, staff, school, other_school):
    add_promotions(school, 5)
    add_promotions(other_school, 300)

    small, large, count = same_cost(
        staff_client, staff, school, other_school, reverse("activities:promotion_list"), {"year": ""}
    )

    assert count <= MAX_QUERIES["promotion_list"]
    assert large.context["paginator"].count == 300
    assert large.content.decode().count("data-promotion=") == 50


def test_the_mentor_list_costs_the_same_for_3_and_150_pairs(staff_client, staff, school, other_school):
    add_pairs(school, 3, 2025)
    add_pairs(other_school, 150, 2025)

    small, large, count = same_cost(
        staff_client, staff, school, other_school, reverse("activities:mentor_list"), {"school_year": "2025"}
    )

    assert count <= MAX_QUERIES["mentor_list"]
    assert large.context["paginator"].count == 150
    assert large.content.decode().count("data-pair=") == 50
    assert "活动3次" in large.content.decode()


def test_a_pairs_page_costs_the_same_for_1_and_80_meetings_and_a_long_history(
    staff_client, school, django_assert_max_num_queries
):
    with scope(school=[school.pk]):
        quiet = MentorPairFactory(school=school, school_year=2025)
        busy = MentorPairFactory(school=school, school_year=2025)
        for n in range(20):
            busy.goals = "目标第{}版".format(n)
            busy.save()
    MentorMeeting.objects.create(pair=quiet, met_on=datetime.date(2025, 10, 1), topic="听课")
    MentorMeeting.objects.bulk_create(
        MentorMeeting(
            pair=busy, met_on=datetime.date(2025, 9, 1) + datetime.timedelta(days=n), topic="第{}次".format(n)
        )
        for n in range(80)
    )
    staff_client.get(quiet.get_absolute_url())

    _response, quiet_count = queries(staff_client, quiet.get_absolute_url())
    response, busy_count = queries(staff_client, busy.get_absolute_url())

    assert quiet_count == busy_count
    assert busy_count <= MAX_QUERIES["mentor_detail"]
    assert response.content.decode().count("data-meeting=") == 80


def test_an_awards_page_costs_the_same_for_a_short_and_a_long_history(staff_client, staff, school):
    from ..activity_factories import AwardFactory

    members = add_members(school, 40)
    with scope(school=[school.pk]):
        short = AwardFactory(school=school, members=members[:1])
        long = AwardFactory(school=school, members=members[:3])
        for n in range(15):  # as the edit form saves: the row at a new version, then the members
            long.rank = "第{}名".format(n)
            long.version += 1
            long.save()
            long.members.add(members[3 + n])
    staff_client.get(short.get_absolute_url())

    _response, short_count = queries(staff_client, short.get_absolute_url())
    response, long_count = queries(staff_client, long.get_absolute_url())

    assert short_count == long_count
    assert long_count <= MAX_QUERIES["award_detail"]
    history = response.context["history"]
    assert len(history) == 1 + 15, "one entry per save, its members folded in"
    assert all(len(entry["changes"]) == 2 for entry in history[:-1]), "the rank and the members"
