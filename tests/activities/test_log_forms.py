"""Bad input on the activity form is refused with a Chinese message naming the field (or
the file), and refuses everything: nothing of the activity, its photos or files is saved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from activities.models import Activity, ActivityAttachment, ActivityPhoto
from tests.activity_factories import ActivityFactory, default_category
from tests.factories import MemberFactory

from .factories_log import (
    add_photo,
    exe_bytes,
    image_bytes,
    ole2_bytes,
    ooxml_bytes,
    pdf_bytes,
    photo_upload,
    size_text,
    upload,
    zh,
)

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

CREATE = reverse("activities:activity_create")


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


def nothing_saved():
    with scopes_disabled():
        return (
            Activity.all_objects.count() == 0
            and ActivityPhoto.objects.count() == 0
            and ActivityAttachment.objects.count() == 0
        )


def refused(response, field):
    """The form came back (nothing saved) with ``field``'s errors, which are returned."""
    assert response.status_code == 200, "expected the form back, got {}".format(response.status_code)
    form = response.context["form"]
    assert field in form.errors, form.errors
    page = response.content.decode()
    assert "没有保存：请改正下面标出的内容。" in page
    for message in form.errors[field]:
        assert message in page.replace("&#x27;", "'").replace("&quot;", '"')
    return form.errors[field]


def test_it_refuses_an_end_before_the_start(staff_client, school):
    response = staff_client.post(CREATE, form_data(school, starts_on="2025-10-15", ends_on="2025-10-14"))
    assert refused(response, "ends_on") == ["结束日期早于开始日期。"]
    assert nothing_saved()


@pytest.mark.parametrize("field", ["starts_on", "ends_on"])
def test_it_refuses_a_date_in_the_future(staff_client, school, field):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = form_data(school, starts_on=timezone.localdate().isoformat())
    data[field] = tomorrow.isoformat()
    errors = refused(staff_client.post(CREATE, data), field)
    assert errors == [zh("%(date)s is in the future; record it once it has happened.", date=tomorrow.isoformat())]
    assert nothing_saved()


def test_it_accepts_today(staff_client, school):
    response = staff_client.post(CREATE, form_data(school, starts_on=timezone.localdate().isoformat()))
    assert response.status_code == 302


def test_it_refuses_a_participant_of_another_school_posted_by_pk(staff_client, school, other_school):
    with scopes_disabled():
        own = MemberFactory(school=school)
        foreign = MemberFactory(school=other_school, name="外校教师")
    response = staff_client.post(CREATE, form_data(school, participants=[own.pk, foreign.pk]))
    errors = refused(response, "participants")
    assert errors == ["编号 {} 不是本校会员：只能选择本校的会员。".format(foreign.pk)]
    assert "外校教师" not in response.content.decode()
    assert nothing_saved()


def test_it_refuses_a_deleted_member_as_participant(staff_client, school):
    with scopes_disabled():
        gone = MemberFactory(school=school)
        gone.soft_delete()
    refused(staff_client.post(CREATE, form_data(school, participants=[gone.pk])), "participants")
    assert nothing_saved()


def test_it_refuses_another_schools_category_campaign_or_club(staff_client, school, other_school):
    from tests.activity_factories import CampaignFactory, ClubFactory

    with scopes_disabled():
        category = default_category(other_school)
        campaign = CampaignFactory(school=other_school)
        club = ClubFactory(school=other_school)
    response = staff_client.post(CREATE, form_data(school, category=category.pk, campaign=campaign.pk, club=club.pk))
    for field in ("category", "campaign", "club"):
        assert refused(response, field) == [
            zh("Select a valid choice. That choice is not one of the available choices.")
        ]
    assert nothing_saved()


def test_it_refuses_a_retired_category_for_a_new_activity(staff_client, school):
    with scopes_disabled():
        category = default_category(school)
        category.is_active = False
        category.save()
    refused(staff_client.post(CREATE, form_data(school, category=category.pk)), "category")
    assert nothing_saved()


@pytest.mark.parametrize("value", ["-1", "1000000"])
def test_it_refuses_a_negative_or_absurd_count_from_outside(staff_client, school, value):
    errors = refused(staff_client.post(CREATE, form_data(school, outside_participants=value)), "outside_participants")
    if value == "-1":
        assert errors == [zh("Ensure this value is greater than or equal to %(limit_value)s.", limit_value=0)]
    else:
        assert errors == ["校外人员 1000000 人超出了学校活动的合理规模，请核对数字。"]
    assert nothing_saved()


def test_it_refuses_a_missing_title_category_and_date(staff_client, school):
    response = staff_client.post(CREATE, form_data(school, title="", category="", starts_on=""))
    for field in ("title", "category", "starts_on"):
        assert refused(response, field) == [zh("This field is required.")]
    assert nothing_saved()


# --- photos -----------------------------------------------------------------------------


def test_it_refuses_a_photo_that_is_not_a_picture_naming_the_file(staff_client, school):
    photos = [photo_upload("合影.png"), upload("发言稿.jpg", b"this is not a picture at all", "image/jpeg")]
    errors = refused(staff_client.post(CREATE, form_data(school, photos=photos)), "photos")
    assert errors == ["“发言稿.jpg”：" + zh("The file is not a picture, or it is damaged.")]
    assert nothing_saved(), "one bad picture saves neither the activity nor the good picture"


def test_it_names_every_bad_photo(staff_client, school):
    photos = [upload("一.jpg", b"junk", "image/jpeg"), upload("二.png", exe_bytes(), "image/png")]
    errors = refused(staff_client.post(CREATE, form_data(school, photos=photos)), "photos")
    problem = zh("The file is not a picture, or it is damaged.")
    assert errors == ["“一.jpg”：" + problem, "“二.png”：" + problem]


def test_it_refuses_a_photo_too_large(staff_client, school, settings):
    settings.UNIONHUB = {**settings.UNIONHUB, "PHOTO_MAX_BYTES": 1000}
    big = upload("大照片.png", image_bytes((400, 400), "green"), "image/png")
    errors = refused(staff_client.post(CREATE, form_data(school, photos=[big])), "photos")
    size = len(image_bytes((400, 400), "green"))
    problem = zh("The file is %(size)s; the limit is %(limit)s.", size=size_text(size), limit=size_text(1000))
    assert errors == ["“大照片.png”：" + problem]
    assert nothing_saved()


def test_it_refuses_more_photos_than_an_activity_keeps(staff_client, school, settings):
    settings.UNIONHUB = {**settings.UNIONHUB, "ACTIVITY_MAX_PHOTOS": 3}
    activity = ActivityFactory(school=school)
    with scopes_disabled():
        add_photo(activity)
        add_photo(activity)
    url = reverse("activities:activity_update", args=[activity.pk])
    data = form_data(school, loaded_version=1, photos=[photo_upload("a.png"), photo_upload("b.png")])
    errors = refused(staff_client.post(url, data), "photos")
    assert errors == ["每项活动最多保存 3 张照片；已有 2 张，本次选择了 2 张。请少选一些。"]
    with scopes_disabled():
        assert ActivityPhoto.objects.count() == 2
        assert Activity.objects.get(pk=activity.pk).version == 1
    # One more fits.
    data = form_data(school, loaded_version=1, photos=[photo_upload("a.png")])
    assert staff_client.post(url, data).status_code == 302
    with scopes_disabled():
        assert ActivityPhoto.objects.count() == 3


# --- attachments ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,content",
    [
        ("活动方案.pdf", exe_bytes()),  # a program renamed
        ("活动方案.docx", ooxml_bytes("xl/")),  # a workbook called a document
        ("名单.xlsx", ooxml_bytes("word/")),  # a document called a workbook
        ("名单.xlsx", pdf_bytes()),
        ("旧方案.doc", ole2_bytes("Workbook")),  # an old workbook called a document
        ("旧名单.xls", pdf_bytes()),
        ("旧方案.doc", b"PK\x03\x04 not a real archive"),
    ],
)
def test_it_refuses_an_attachment_that_is_not_what_its_name_says(staff_client, school, name, content):
    errors = refused(staff_client.post(CREATE, form_data(school, attachments=[upload(name, content)])), "attachments")
    extension = name.rsplit(".", 1)[1]
    assert errors == ["“{}”：该文件实际上不是 .{} 文件：内容与文件名不符。".format(name, extension)]
    assert nothing_saved()


def test_it_refuses_a_program_whatever_its_name(staff_client, school):
    errors = refused(
        staff_client.post(CREATE, form_data(school, attachments=[upload("setup.exe", exe_bytes())])), "attachments"
    )
    assert errors == ["“setup.exe”：附件只能是 PDF、Word（.doc、.docx）或 Excel（.xls、.xlsx）文件。"]


def test_it_refuses_an_attachment_too_large(staff_client, school, settings):
    settings.UNIONHUB = {**settings.UNIONHUB, "ATTACHMENT_MAX_BYTES": 100}
    content = pdf_bytes() + b"0" * 200
    errors = refused(
        staff_client.post(CREATE, form_data(school, attachments=[upload("总结.pdf", content)])), "attachments"
    )
    problem = zh("The file is %(size)s; the limit is %(limit)s.", size=size_text(len(content)), limit=size_text(100))
    assert errors == ["“总结.pdf”：" + problem]
    assert nothing_saved()


def test_a_bad_attachment_keeps_the_good_photos_out_too(staff_client, school):
    data = form_data(school, photos=[photo_upload()], attachments=[upload("a.pdf", b"MZ")])
    refused(staff_client.post(CREATE, data), "attachments")
    assert nothing_saved()


def test_the_form_tells_to_choose_files_again_after_a_refusal(staff_client, school):
    data = form_data(school, title="", photos=[photo_upload()])
    page = staff_client.post(CREATE, data).content.decode()
    assert "请重新选择照片和附件" in page
