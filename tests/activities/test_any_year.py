"""Any year: mentor pairs (青蓝工程) and 168 pairs take any school year back to 2000—2001 and
refuse the ones further ahead than the coming school year; every date of the awards, the
activity log, the pledges and the ethics assessment takes any past day back to 2000-01-01
and answers a year before 2000 or after 2100 with a Chinese form error."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from activities.models import Activity, Award, CarePair, EthicsPeriod, MentorPair, PledgeDrive, Promotion
from activities.periods import school_year_of
from unionhub.years import validate_record_date

from ..activity_factories import PledgeDriveFactory, PledgeSignatureFactory, default_category
from ..factories import MemberFactory
from .test_awards_outcomes import award_data

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

OUT_OF_RANGE = "不在2000年1月1日至2100年12月31日之间，请检查日期。"


def count(model):
    with scopes_disabled():
        return model._base_manager.count()


@pytest.fixture
def two(school):
    return MemberFactory(school=school, name="周敏"), MemberFactory(school=school, name="吴强")


def mentor_data(two, school_year):
    return {"mentor": two[0].pk, "mentee": two[1].pk, "subject": "语文", "school_year": school_year, "goals": ""}


def care_data(two, school_year):
    return {
        "teacher": two[0].pk,
        "student_name": "小明",
        "student_class": "初二（3）班",
        "reason": "学习困难",
        "school_year": school_year,
    }


PAIR_FORMS = [
    ("activities:mentor_create", MentorPair, mentor_data),
    ("activities:care_pair_create", CarePair, care_data),
]


@pytest.mark.parametrize(("url", "model", "data"), PAIR_FORMS, ids=["mentor pair", "168 pair"])
def test_a_pair_of_2005_2006_is_accepted(staff_client, two, url, model, data):
    response = staff_client.post(reverse(url), data(two, 2005))

    assert response.status_code == 302
    with scopes_disabled():
        assert model.objects.get().school_year == 2005


@pytest.mark.parametrize(("url", "model", "data"), PAIR_FORMS, ids=["mentor pair", "168 pair"])
def test_the_pair_forms_offer_every_school_year_from_2000_2001_to_the_coming_one(staff_client, two, url, model, data):
    page = staff_client.get(reverse(url)).content.decode()

    assert "2000—2001学年" in page and "1999—2000学年" not in page
    coming = school_year_of() + 1
    assert "{}—{}学年".format(coming, coming + 1) in page
    assert "{}—{}学年".format(coming + 1, coming + 2) not in page


@pytest.mark.parametrize(("url", "model", "data"), PAIR_FORMS, ids=["mentor pair", "168 pair"])
@pytest.mark.parametrize("year", [1999, "future"])
def test_a_pair_before_2000_or_beyond_the_coming_school_year_is_refused(staff_client, two, url, model, data, year):
    if year == "future":
        year = school_year_of() + 2

    response = staff_client.post(reverse(url), data(two, year))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["school_year"]
    assert count(model) == 0


def test_the_shared_validator_takes_2000_to_2100_and_nothing_else():
    validate_record_date(datetime.date(2000, 1, 1))
    validate_record_date(datetime.date(2100, 12, 31))
    validate_record_date(None)
    for day in (datetime.date(1999, 12, 31), datetime.date(2101, 1, 1)):
        with pytest.raises(Exception, match="不在2000年1月1日至2100年12月31日之间"):
            validate_record_date(day)


def activity_data(school, **changes):
    return {
        "title": "教职工气排球比赛",
        "category": default_category(school).pk,
        "starts_on": "2005-10-15",
        "ends_on": "",
        "location": "学校体育馆",
        "organiser": "校工会",
        "description": "",
        "outside_participants": "0",
        **changes,
    }


@pytest.fixture
def forms(school, two, in_school):
    """Each dated form of this area: its url, what it creates, the data of a 2005 record
    and the date field to set."""
    return [
        ("activities:award_create", Award, award_data(awarded_on="2005-10-15"), "awarded_on"),
        ("activities:activity_create", Activity, activity_data(school), "starts_on"),
        (
            "activities:promotion_create",
            Promotion,
            {"member": two[0].pk, "title": "first", "promoted_on": "2005-09-01"},
            "promoted_on",
        ),
        (
            "activities:ethics_create",
            EthicsPeriod,
            {"title": "2005年10月", "kind": "month", "starts_on": "2005-10-01", "ends_on": "2005-10-31"},
            "starts_on",
        ),
        (
            "activities:pledge_create",
            PledgeDrive,
            {"title": "拒绝有偿补课承诺", "year": "2005", "opened_on": "2005-09-01", "text": "", "audience": "active"},
            "opened_on",
        ),
    ]


def test_every_dated_record_of_2005_is_accepted(staff_client, forms):
    for url, model, data, _field in forms:
        response = staff_client.post(reverse(url), data)
        assert response.status_code == 302, (url, response.context and response.context["form"].errors)
        assert count(model) == 1, url


@pytest.mark.parametrize("day", ["1999-12-31", "2101-01-01"])
def test_a_date_before_2000_or_after_2100_is_a_chinese_form_error(staff_client, forms, day):
    for url, model, data, field in forms:
        # A drive's year follows its date, or the form would only say they are far apart.
        data = {**data, field: day, **({"year": day[:4]} if "year" in data else {})}
        response = staff_client.post(reverse(url), data)
        assert response.status_code == 200, url
        assert field in response.context["form"].errors, (url, response.context["form"].errors)
        assert OUT_OF_RANGE in response.content.decode(), url
        assert count(model) == 0, url


def test_a_mentoring_meeting_of_1999_is_refused(staff_client, two, school):
    with scope(school=[school.pk]):
        pair = MentorPair.objects.create(school=school, mentor=two[0], mentee=two[1], school_year=2005)

    response = staff_client.post(
        reverse("activities:mentor_meeting_create", args=[pair.pk]), {"met_on": "1999-10-10", "topic": "听课"}
    )

    assert response.status_code == 200
    assert OUT_OF_RANGE in response.content.decode()


def test_a_signature_of_1999_is_refused(staff_client, school, two):
    with scope(school=[school.pk]):
        drive = PledgeDriveFactory(school=school, opened_on=datetime.date(1999, 9, 1), year=1999)
        PledgeSignatureFactory(drive=drive, member=two[0])
        drive_url = reverse("activities:pledge_signatures", args=[drive.pk])

    response = staff_client.post(drive_url, {"member": [two[0].pk], "signed_on": "1999-09-02"})

    assert OUT_OF_RANGE in response.content.decode()


def test_the_168_grid_offers_every_school_year_back_to_2000(staff_client):
    page = staff_client.get(reverse("activities:care_grid"), {"year": 2005}).content.decode()

    assert '<option value="2005" selected>2005—2006学年</option>' in page
    assert '<option value="2000">2000—2001学年</option>' in page
