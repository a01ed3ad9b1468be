"""Partnerships (村校共建, 结对共建): created, shown, edited and deleted through the pages, with
the agreement checked for what it really is, the activities done together chosen among the
school's own, the history of changes, the concurrent-edit check, and another school's
partnership answering 404."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from activities.choices import PartnerKind
from activities.models import Partnership
from tests.activity_factories import ActivityFactory

from .factories_partnerships import PDF, PartnershipFactory, pdf_upload

pytestmark = pytest.mark.usefixtures("fast_password_hasher")


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def url(name, *args):
    return reverse("activities:" + name, args=args)


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def partnership_data(**changes):
    data = {
        "partner": "清溪村村委会",
        "kind": PartnerKind.VILLAGE,
        "programme": "村校共建",
        "started_on": "2025-03-01",
        "is_active": "on",
        "ended_on": "",
        "agreement_signed_on": "2025-03-01",
        "description": "送教下乡，关爱留守儿童。",
        "activities": [],
        "loaded_version": 1,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def only_partnership():
    with scopes_disabled():
        return Partnership.objects.get()


def make(school, **fields):
    with scopes_disabled():
        return PartnershipFactory(school=school, **fields)


def activity(school, **fields):
    with scopes_disabled():
        return ActivityFactory(school=school, **fields)


# ---- create, show, list ------------------------------------------------------------------


def test_staff_add_a_partnership_with_its_agreement_and_activities(staff_client, school, media):
    visit = activity(school, title="送教下乡进清溪村", starts_on=datetime.date(2025, 4, 8))
    activity(school, title="教工拔河比赛")

    response = staff_client.post(
        url("partnership_create"), partnership_data(activities=[visit.pk], agreement_file=pdf_upload())
    )

    assert response.status_code == 302
    partnership = only_partnership()
    assert (partnership.partner, partnership.kind, partnership.programme) == ("清溪村村委会", "village", "村校共建")
    assert partnership.agreement_name == "共建协议.pdf" and partnership.agreement_content_type == "application/pdf"
    # Stored under a name that says nothing, in the school's folder.
    assert re.fullmatch(r"partnerships/{}/[0-9a-f]{{32}}\.pdf".format(school.pk), partnership.agreement.name)
    assert (media / partnership.agreement.name).read_bytes() == PDF
    with scopes_disabled():
        assert list(partnership.activities.all()) == [visit]

    page = text_of(staff_client.get(partnership.get_absolute_url()))
    assert "清溪村村委会" in page and "村校共建" in page and "送教下乡进清溪村" in page
    assert "教工拔河比赛" not in page and "共建协议.pdf" in page
    listed = staff_client.get(url("partnership_list"))
    assert [p.activity_count for p in listed.context["partnerships"]] == [1]
    assert "清溪村村委会" in text_of(listed)


def test_the_agreement_downloads_under_its_own_name(staff_client, school):
    staff_client.post(url("partnership_create"), partnership_data(agreement_file=pdf_upload()))
    partnership = only_partnership()

    response = staff_client.get(url("partnership_agreement", partnership.pk))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_partnership_without_an_agreement_has_nothing_to_download(staff_client, school):
    partnership = make(school)
    assert staff_client.get(url("partnership_agreement", partnership.pk)).status_code == 404


def test_the_navigation_leads_to_partnerships_beside_clubs(staff_client):
    page = staff_client.get(url("club_list")).content.decode()
    assert url("partnership_list") in page


# ---- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "upload, message",
    [
        (pdf_upload("协议.pdf", b"not a pdf at all"), "该文件实际上不是 .pdf 文件：内容与文件名不符。"),
        (pdf_upload("协议.exe", b"MZ\x90\x00"), "附件只能是 PDF、Word（.doc、.docx）或 Excel（.xls、.xlsx）文件。"),
    ],
)
def test_an_agreement_that_is_not_what_it_says_is_refused_and_nothing_saved(staff_client, media, upload, message):
    response = staff_client.post(url("partnership_create"), partnership_data(agreement_file=upload))

    assert response.status_code == 200
    assert response.context["form"].errors["agreement_file"] == [message]
    with scopes_disabled():
        assert not Partnership.all_objects.exists()
    assert not (media / "partnerships").exists()


def test_an_agreement_too_large_is_refused(staff_client, settings):
    settings.UNIONHUB = {**settings.UNIONHUB, "ATTACHMENT_MAX_BYTES": 10}
    response = staff_client.post(url("partnership_create"), partnership_data(agreement_file=pdf_upload()))
    assert response.status_code == 200 and "agreement_file" in response.context["form"].errors


def test_another_schools_activity_cannot_be_linked(staff_client, other_school):
    theirs = activity(other_school, title="外校活动")

    response = staff_client.post(url("partnership_create"), partnership_data(activities=[theirs.pk]))

    assert response.status_code == 200
    assert response.context["form"].errors["activities"] == ["只能选择本校的活动。"]


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"is_active": None}, "ended_on", "请填写共建结束的日期。"),
        ({"ended_on": "2025-06-30"}, "ended_on", "仍在进行的共建没有结束日期：请取消勾选“仍在进行”，或清空结束日期。"),
        ({"is_active": None, "ended_on": "2024-06-30"}, "ended_on", "结束日期早于开始日期。"),
        ({"started_on": "2999-01-01"}, "started_on", None),
        ({"partner": ""}, "partner", None),
    ],
)
def test_dates_and_names_that_make_no_sense_are_refused(staff_client, changes, field, message):
    response = staff_client.post(url("partnership_create"), partnership_data(**changes))

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert message is None or errors == [message]


def test_an_ended_partnership_is_saved_with_its_end(staff_client):
    staff_client.post(url("partnership_create"), partnership_data(is_active=None, ended_on="2025-07-31"))
    partnership = only_partnership()
    assert not partnership.is_active and partnership.ended_on == datetime.date(2025, 7, 31)


# ---- another school -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["partnership_detail", "partnership_update", "partnership_agreement"])
def test_another_schools_partnership_is_404(staff_client, other_school, name):
    theirs = make(other_school)
    assert staff_client.get(url(name, theirs.pk)).status_code == 404


def test_another_schools_partnership_is_never_listed(staff_client, school, other_school):
    make(school, partner="清溪村村委会")
    make(other_school, partner="外校的共建单位")
    assert "外校的共建单位" not in text_of(staff_client.get(url("partnership_list")))


# ---- history, concurrent edits, delete and restore -----------------------------------------


def test_changes_and_activities_linked_are_in_the_history(staff_client, chair_client, school):
    first = activity(school, title="送教下乡进清溪村", starts_on=datetime.date(2025, 4, 8))
    second = activity(school, title="清溪村留守儿童关爱活动", starts_on=datetime.date(2025, 6, 1))
    staff_client.post(url("partnership_create"), partnership_data(activities=[first.pk]))
    partnership = only_partnership()

    staff_client.post(
        url("partnership_update", partnership.pk),
        partnership_data(programme="结对共建", activities=[second.pk], loaded_version=1),
    )

    history = text_of(chair_client.get(partnership.get_absolute_url()))
    assert "村校共建 → 结对共建" in history
    assert "共建活动：加入：2025-06-01 清溪村留守儿童关爱活动" in history
    assert "共建活动：退出：2025-04-08 送教下乡进清溪村" in history


def test_a_concurrent_edit_is_refused_and_shows_what_changed(staff_client, school):
    staff_client.post(url("partnership_create"), partnership_data())
    partnership = only_partnership()
    edit = url("partnership_update", partnership.pk)
    staff_client.post(edit, partnership_data(description="第一位的修改", loaded_version=1))

    response = staff_client.post(edit, partnership_data(description="第二位的修改", loaded_version=1))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert response.context["conflict_entries"]
    assert only_partnership().description == "第一位的修改"


def test_the_chair_deletes_and_restores_a_partnership(chair_client, school):
    partnership = make(school)

    assert chair_client.post(url("partnership_delete", partnership.pk)).status_code == 302
    assert chair_client.get(url("partnership_detail", partnership.pk)).status_code == 404
    assert partnership.partner in text_of(chair_client.get(url("trash")))

    chair_client.post(url("partnership_restore", partnership.pk))
    assert chair_client.get(url("partnership_detail", partnership.pk)).status_code == 200


# ---- the list's cost ----------------------------------------------------------------------


def fill(school, size):
    with scopes_disabled():
        for n in range(size):
            done = [ActivityFactory(school=school) for _ in range(3)]
            PartnershipFactory(school=school, partner="共建单位{}".format(n), activities=done)


# The session, the user, the user's school, the menu's member, then one query for the list.
LIST_QUERIES = 5


def test_the_list_costs_the_same_queries_for_many_partnerships_as_for_few(
    staff_client, school, django_assert_max_num_queries
):
    fill(school, 2)
    with django_assert_max_num_queries(LIST_QUERIES):
        few = staff_client.get(url("partnership_list"))
    fill(school, 20)
    with django_assert_max_num_queries(LIST_QUERIES):
        many = staff_client.get(url("partnership_list"))
    assert len(few.context["partnerships"]) == 2 and len(many.context["partnerships"]) == 22
    assert {p.activity_count for p in many.context["partnerships"]} == {3}
