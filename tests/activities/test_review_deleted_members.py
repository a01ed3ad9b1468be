"""A member deleted from the roster leaves the 168 grid, its "not logged last month" banner and
its figures, as they leave every other list and figure of the activities app."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from activities.models import PledgeSignature
from activities.selectors.care import care_figures, previous_month, school_year_of
from activities.services.pledges import rebind_drive

from ..activity_factories import PledgeDriveFactory, PledgeSignatureFactory
from .factories_care import CareLogFactory, pair_for

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

GRID = reverse("activities:care_grid")


@pytest.fixture
def pairs_with_a_deleted_teacher(school):
    last = previous_month(datetime.date.today())
    year = school_year_of(last)
    kept = pair_for(school, "张三", year=year)
    gone = pair_for(school, "孙七", year=year)
    with scopes_disabled():
        CareLogFactory(pair=kept, month=last, talks=6, tutoring=8)
        CareLogFactory(pair=gone, month=school_year_months_first(year), talks=50, tutoring=50)
        gone.teacher.soft_delete()
    return {"year": year, "last": last, "kept": kept, "gone": gone}


def school_year_months_first(year):
    return datetime.date(year, 9, 1)


def test_the_grid_leaves_out_a_deleted_teacher(staff_client, pairs_with_a_deleted_teacher):
    response = staff_client.get(GRID, {"year": pairs_with_a_deleted_teacher["year"]})

    html = response.content.decode()
    assert [row["pair"].teacher.name for row in response.context["grid"]["rows"]] == ["张三"]
    assert "孙七" not in html
    assert response.context["missing"] == []


def test_the_month_page_leaves_out_a_deleted_teacher(staff_client, pairs_with_a_deleted_teacher):
    last = pairs_with_a_deleted_teacher["last"]
    response = staff_client.get(reverse("activities:care_month"), {"month": "{:%Y-%m}".format(last)})

    assert "孙七" not in response.content.decode()


def test_care_figures_leave_out_a_deleted_teacher(school, pairs_with_a_deleted_teacher):
    year = pairs_with_a_deleted_teacher["year"]
    with scope(school=[school.pk]):
        figures = care_figures(school, datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31))

    assert (figures["pairs"], figures["teachers"], figures["logs"]) == (1, 1, 1)
    assert figures["talks"] == 6
    assert [entry["name"] for entry in figures["teachers_missed"]] in ([], ["张三"])


def test_a_deleted_teachers_pair_page_and_row_answer_404_not_a_server_error(staff_client, pairs_with_a_deleted_teacher):
    gone = pairs_with_a_deleted_teacher["gone"]

    assert staff_client.get(reverse("activities:care_pair_detail", args=[gone.pk])).status_code == 404
    row = staff_client.get(GRID, {"year": gone.school_year, "row": gone.pk}, headers={"HX-Request": "true"})
    assert row.status_code == 404


def test_promotion_and_mentor_figures_leave_out_a_deleted_member(school):
    from activities.selectors.awards import mentor_figures, mentor_pairs, promotion_figures

    from ..activity_factories import MentorPairFactory, PromotionFactory
    from ..factories import MemberFactory

    with scopes_disabled():
        kept, gone, mentor = (MemberFactory(school=school, name=name) for name in ("张三", "孙七", "李老师"))
        PromotionFactory(school=school, member=kept, title="first", promoted_on=datetime.date(2025, 5, 1))
        PromotionFactory(school=school, member=gone, title="senior", promoted_on=datetime.date(2025, 6, 1))
        MentorPairFactory(school=school, mentor=mentor, mentee=kept, school_year=2025)
        MentorPairFactory(school=school, mentor=mentor, mentee=gone, school_year=2025)
        gone.soft_delete()

    with scope(school=[school.pk]):
        promotions = promotion_figures(school, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
        mentoring = mentor_figures(school, 2025)
        pairs = list(mentor_pairs(school, school_year=2025))

    assert (promotions["promotions"], promotions["members"]) == (1, 1)
    assert (mentoring["pairs"], mentoring["mentees"]) == (1, 1)
    assert [pair.mentee.name for pair in pairs] == ["张三"]


def test_rebinding_a_drive_keeps_the_signature_of_a_deleted_member_for_their_restore(school):
    with scope(school=[school.pk]):
        drive = PledgeDriveFactory(school=school)
        leaver = PledgeSignatureFactory(drive=drive, signed_on=datetime.date(2025, 9, 12)).member
        stayer = PledgeSignatureFactory(drive=drive).member
        leaver.soft_delete()

        result = rebind_drive(drive, [stayer.pk])

        assert result.removed == 0
        assert PledgeSignature.objects.filter(drive=drive, member=leaver, signed_on=datetime.date(2025, 9, 12)).exists()
