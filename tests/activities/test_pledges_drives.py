"""Pledge drives: creating one binds its members, the page shows who signed, many are ticked
at once, one row signs or is undone, whom it binds changes, the export, and bad input."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from activities.models import PledgeDrive, PledgeSignature
from members.choices import Gender, MemberStatus
from tests.activity_factories import PledgeDriveFactory
from tests.factories import DepartmentFactory, MemberFactory

from .factories_pledges import drive_with, errors_zh, signatures_of, stored_drive, zh

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

OPENED = datetime.date(2025, 9, 10)


def detail_url(drive):
    return reverse("activities:pledge_detail", args=[drive.pk])


def signatures_url(drive):
    return reverse("activities:pledge_signatures", args=[drive.pk])


def members_url(drive):
    return reverse("activities:pledge_members", args=[drive.pk])


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.fixture
def staff_of_school(school):
    """Two departments: 语文组 with 张伟 (m), 李娜 (f); 数学组 with 王芳 (f, retired later) and 赵强 (m)."""
    with scopes_disabled():
        chinese = DepartmentFactory(school=school, name="语文组", position=1)
        maths = DepartmentFactory(school=school, name="数学组", position=2)
        return {
            "chinese": chinese,
            "maths": maths,
            "zhang": MemberFactory(school=school, name="张伟", gender=Gender.MALE, department=chinese),
            "li": MemberFactory(school=school, name="李娜", gender=Gender.FEMALE, department=chinese),
            "wang": MemberFactory(school=school, name="王芳", gender=Gender.FEMALE, department=maths),
            "zhao": MemberFactory(school=school, name="赵强", gender=Gender.MALE, department=maths),
            "retired": MemberFactory(
                school=school, name="钱老师", gender=Gender.FEMALE, department=maths, status=MemberStatus.RETIRED
            ),
        }


def new_drive_data(**changes):
    data = {
        "title": "拒绝有偿补课公开承诺",
        "year": "2025",
        "opened_on": OPENED.isoformat(),
        "text": "我承诺不组织、不参与有偿补课。",
        "audience": "active",
    }
    data.update(changes)
    return data


# ---------------------------------------------------------------------------------------
# Creating a drive binds its members
# ---------------------------------------------------------------------------------------


def test_a_new_drive_binds_every_member_in_service_by_default(staff_client, school, staff_of_school):
    response = staff_client.get(reverse("activities:pledge_create"))
    assert response.status_code == 200
    assert response.context["form"]["audience"].value() == "active"

    response = staff_client.post(reverse("activities:pledge_create"), new_drive_data())

    with scopes_disabled():
        drive = PledgeDrive.objects.get(school=school)
    assert response.status_code == 302
    assert response["Location"] == detail_url(drive)
    assert signatures_of(drive) == {"张伟": None, "李娜": None, "王芳": None, "赵强": None}  # not the retiree
    assert drive.title == "拒绝有偿补课公开承诺" and drive.opened_on == OPENED


@pytest.mark.parametrize(
    "audience,expected",
    [("women", {"李娜", "王芳"}), ("department", {"王芳", "赵强"}), ("chosen", {"张伟", "钱老师"})],
)
def test_a_new_drive_binds_women_a_department_or_a_hand_picked_list(
    staff_client, school, staff_of_school, audience, expected
):
    data = new_drive_data(audience=audience)
    if audience == "department":
        data["department"] = staff_of_school["maths"].pk
    if audience == "chosen":
        data["members"] = [staff_of_school["zhang"].pk, staff_of_school["retired"].pk]

    response = staff_client.post(reverse("activities:pledge_create"), data)

    assert response.status_code == 302
    with scopes_disabled():
        drive = PledgeDrive.objects.get(school=school)
    assert set(signatures_of(drive)) == expected


def test_a_new_drive_and_its_members_are_saved_together_or_not_at_all(
    staff_client, school, staff_of_school, monkeypatch
):
    from activities.services import pledges as services

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "bulk_create_with_history", broken)
    with pytest.raises(RuntimeError):
        staff_client.post(reverse("activities:pledge_create"), new_drive_data())
    with scopes_disabled():
        assert not PledgeDrive.all_objects.filter(school=school).exists()
        assert not PledgeSignature.objects.exists()


def test_a_new_drive_refuses_a_member_of_another_school(staff_client, school, staff_of_school, other_member):
    data = new_drive_data(audience="chosen", members=[staff_of_school["zhang"].pk, other_member.pk])

    response = staff_client.post(reverse("activities:pledge_create"), data)

    assert response.status_code == 200
    errors = errors_zh(response.context["form"], "members")
    assert errors and str(other_member.pk) in errors[0]
    assert escape(errors[0]) in response.content.decode()
    with scopes_disabled():
        assert not PledgeDrive.all_objects.filter(school=school).exists()


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"audience": "department"}, "department", "Choose the department whose members the pledge binds."),
        ({"audience": "chosen"}, "members", "Pick at least one member."),
        ({"opened_on": "2019-09-01"}, "opened_on", None),
        ({"title": ""}, "title", None),
        ({"year": "1999"}, "year", None),
    ],
    ids=["department-missing", "nobody-picked", "opened-far-from-the-year", "no-title", "absurd-year"],
)
def test_a_new_drive_refuses_nonsense(staff_client, school, staff_of_school, changes, field, message):
    response = staff_client.post(reverse("activities:pledge_create"), new_drive_data(**changes))

    assert response.status_code == 200
    errors = errors_zh(response.context["form"], field)
    assert errors
    if message:
        assert errors == [zh(message)]
    # The page says it in Chinese.
    assert any("\u4e00" <= ch <= "\u9fff" for ch in errors[0])
    assert escape(errors[0]) in response.content.decode()
    with scopes_disabled():
        assert not PledgeDrive.all_objects.filter(school=school).exists()


def test_a_department_without_members_in_service_is_refused(staff_client, school, staff_of_school):
    with scopes_disabled():
        empty = DepartmentFactory(school=school, name="后勤组")

    response = staff_client.post(
        reverse("activities:pledge_create"), new_drive_data(audience="department", department=empty.pk)
    )

    assert errors_zh(response.context["form"], "department") == [
        zh("%(department)s has no member in service.", department="后勤组")
    ]


def test_a_drive_of_a_school_with_no_roster_yet_is_saved_with_a_warning(staff_client, school):
    response = staff_client.post(reverse("activities:pledge_create"), new_drive_data(), follow=True)

    with scopes_disabled():
        drive = PledgeDrive.objects.get(school=school)
    assert signatures_of(drive) == {}
    assert any(zh("Members bound") in m or "承诺人" in m for m in messages_of(response))


# ---------------------------------------------------------------------------------------
# The page: N of M signed, who has not signed
# ---------------------------------------------------------------------------------------


def test_the_page_shows_how_many_of_how_many_signed_and_who_has_not(staff_client, school, staff_of_school):
    members = [staff_of_school[key] for key in ("zhang", "li", "wang", "zhao")]
    drive = drive_with(school, members, signed=3)

    response = staff_client.get(detail_url(drive))

    assert response.status_code == 200
    assert response.context["counts"] == {"bound": 4, "signed": 3, "unsigned": 1, "percent": 75}
    content = response.content.decode()
    assert zh("%(signed)s of %(bound)s signed", signed=3, bound=4) in content
    assert 'data-bar-width="75"' in content
    # By department, then pinyin: 李 (li) before 张 (zhang), 王 (wang) before 赵 (zhao).
    assert [s.member.name for s in response.context["signatures"]] == ["李娜", "张伟", "王芳", "赵强"]

    unsigned = staff_client.get(detail_url(drive), {"show": "unsigned"})
    assert [s.member.name for s in unsigned.context["signatures"]] == ["赵强"]
    signed = staff_client.get(detail_url(drive), {"show": "signed"})
    assert [s.member.name for s in signed.context["signatures"]] == ["李娜", "张伟", "王芳"]
    maths = staff_client.get(detail_url(drive), {"department": staff_of_school["maths"].pk})
    assert [s.member.name for s in maths.context["signatures"]] == ["王芳", "赵强"]
    # The figure stays the whole drive's whatever is filtered.
    assert unsigned.context["counts"]["bound"] == maths.context["counts"]["bound"] == 4


def test_a_member_deleted_from_the_roster_no_longer_counts(staff_client, school, staff_of_school):
    drive = drive_with(school, [staff_of_school["zhang"], staff_of_school["li"]], signed=1)
    with scopes_disabled():
        staff_of_school["li"].soft_delete()

    response = staff_client.get(detail_url(drive))

    assert response.context["counts"]["bound"] == 1
    assert [s.member.name for s in response.context["signatures"]] == ["张伟"]


def test_a_deleted_drive_has_no_page_and_the_chair_restores_it(chair_client, school, staff_of_school):
    drive = drive_with(school, [staff_of_school["zhang"]])

    assert chair_client.post(reverse("activities:pledge_delete", args=[drive.pk])).status_code == 302
    assert stored_drive(drive).is_deleted
    assert chair_client.get(detail_url(drive)).status_code == 404
    trash = chair_client.get(reverse("activities:trash"))
    assert drive.title in trash.content.decode()

    response = chair_client.post(reverse("activities:pledge_restore", args=[drive.pk]))
    assert response.status_code == 302 and response["Location"] == detail_url(drive)
    assert not stored_drive(drive).is_deleted


# ---------------------------------------------------------------------------------------
# Recording signatures
# ---------------------------------------------------------------------------------------


def test_ticking_many_records_them_signed_on_one_date(staff_client, school, staff_of_school):
    members = [staff_of_school[key] for key in ("zhang", "li", "wang", "zhao")]
    drive = drive_with(school, members)

    response = staff_client.post(
        signatures_url(drive),
        {"member": [members[0].pk, members[2].pk, members[3].pk], "signed_on": "2025-09-20", "show": "unsigned"},
    )

    assert response.status_code == 302
    assert response["Location"] == detail_url(drive) + "?show=unsigned"
    day = datetime.date(2025, 9, 20)
    assert signatures_of(drive) == {"张伟": day, "李娜": None, "王芳": day, "赵强": day}


def test_the_date_defaults_to_today(staff_client, school, staff_of_school):
    drive = drive_with(school, [staff_of_school["zhang"]])
    response = staff_client.get(detail_url(drive))
    assert response.context["form"]["signed_on"].value() == timezone.localdate()
    assert 'value="{}"'.format(timezone.localdate().isoformat()) in response.content.decode()


def test_one_row_signs_alone_and_is_undone(staff_client, school, staff_of_school):
    members = [staff_of_school["zhang"], staff_of_school["li"]]
    drive = drive_with(school, members)

    # A ticked box elsewhere does not go with a row's own button.
    staff_client.post(
        signatures_url(drive), {"row_sign": members[1].pk, "member": [members[0].pk], "signed_on": "2025-09-11"}
    )
    assert signatures_of(drive) == {"张伟": None, "李娜": datetime.date(2025, 9, 11)}

    response = staff_client.post(signatures_url(drive), {"unsign": members[1].pk, "signed_on": ""}, follow=True)
    assert signatures_of(drive) == {"张伟": None, "李娜": None}
    assert zh("%(name)s is marked as not signed.", name="李娜") in messages_of(response)


@pytest.mark.parametrize(
    "signed_on,message",
    [
        ("future", "%(date)s is in the future; record it once it has happened."),
        ("2025-09-09", "%(date)s is before the drive opened on %(opened)s."),
        ("", "Give the date the members signed."),
        ("2025-02-30", None),
    ],
    ids=["future", "before-opening", "no-date", "no-such-day"],
)
def test_a_signature_date_in_the_future_or_before_the_opening_is_refused(
    staff_client, school, staff_of_school, signed_on, message
):
    drive = drive_with(school, [staff_of_school["zhang"]])
    if signed_on == "future":
        signed_on = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    response = staff_client.post(
        signatures_url(drive), {"member": [staff_of_school["zhang"].pk], "signed_on": signed_on}
    )

    assert response.status_code == 200
    errors = errors_zh(response.context["form"], "signed_on")
    if message:
        assert errors == [zh(message, date=signed_on, opened=OPENED.isoformat()) if "%" in message else zh(message)]
    content = response.content.decode()
    assert escape(errors[0]) in content and zh("signed on") in content
    assert signatures_of(drive) == {"张伟": None}


def test_a_member_of_another_school_or_not_bound_cannot_be_signed(staff_client, school, staff_of_school, other_member):
    drive = drive_with(school, [staff_of_school["zhang"]])

    for posted in (other_member, staff_of_school["li"]):
        response = staff_client.post(
            signatures_url(drive), {"member": [staff_of_school["zhang"].pk, posted.pk], "signed_on": "2025-09-20"}
        )
        assert response.status_code == 200
        assert str(posted.pk) in errors_zh(response.context["form"], "member")[0]
        response = staff_client.post(signatures_url(drive), {"unsign": posted.pk})
        assert response.status_code == 200 and "unsign" in response.context["form"].errors
    assert signatures_of(drive) == {"张伟": None}


def test_nothing_ticked_is_refused(staff_client, school, staff_of_school):
    drive = drive_with(school, [staff_of_school["zhang"]])
    response = staff_client.post(signatures_url(drive), {"signed_on": "2025-09-20"})
    assert errors_zh(response.context["form"]) == [zh("Tick at least one member to record as signed.")]


def test_signatures_of_another_schools_drive_are_not_reached(staff_client, other_school, other_member):
    drive = drive_with(other_school, [other_member])
    response = staff_client.post(signatures_url(drive), {"member": [other_member.pk], "signed_on": "2025-09-20"})
    assert response.status_code == 404
    assert signatures_of(drive) == {"李四": None}


# ---------------------------------------------------------------------------------------
# Whom the drive binds
# ---------------------------------------------------------------------------------------


def test_changing_whom_it_binds_keeps_the_signed_and_their_dates(staff_client, school, staff_of_school):
    members = [staff_of_school[key] for key in ("zhang", "li", "wang")]
    drive = drive_with(school, members, signed=1)  # 张伟 signed

    response = staff_client.get(members_url(drive))
    assert response.status_code == 200
    assert set(response.context["form"]["members"].value()) == {m.pk for m in members}

    response = staff_client.post(
        members_url(drive), {"audience": "department", "department": staff_of_school["maths"].pk}
    )

    assert response.status_code == 302
    signed_day = datetime.date(2025, 9, 15)
    assert signatures_of(drive) == {"张伟": signed_day, "王芳": None, "赵强": None}

    staff_client.post(
        members_url(drive),
        {"audience": "department", "department": staff_of_school["maths"].pk, "remove_signed": "on"},
    )
    assert signatures_of(drive) == {"王芳": None, "赵强": None}


def test_whom_it_binds_refuses_another_schools_member(staff_client, school, staff_of_school, other_member):
    drive = drive_with(school, [staff_of_school["zhang"]])
    response = staff_client.post(members_url(drive), {"audience": "chosen", "members": [other_member.pk]})
    assert response.status_code == 200
    assert str(other_member.pk) in errors_zh(response.context["form"], "members")[0]
    assert signatures_of(drive) == {"张伟": None}


# ---------------------------------------------------------------------------------------
# Editing the drive, and the export
# ---------------------------------------------------------------------------------------


def test_the_opening_cannot_move_after_a_signature(staff_client, school, staff_of_school):
    drive = drive_with(school, [staff_of_school["zhang"], staff_of_school["li"]], signed=2)  # 2025-09-15
    data = {
        "title": drive.title,
        "year": "2025",
        "opened_on": "2025-09-16",
        "text": drive.text,
        "loaded_version": drive.version,
    }

    response = staff_client.post(reverse("activities:pledge_update", args=[drive.pk]), data)

    assert response.status_code == 200
    assert errors_zh(response.context["form"], "opened_on") == [
        zh(
            "%(count)s signatures are dated before %(date)s: the drive cannot open after members signed it.",
            count=2,
            date="2025-09-16",
        )
    ]
    data["opened_on"] = "2025-09-01"
    assert staff_client.post(reverse("activities:pledge_update", args=[drive.pk]), data).status_code == 302
    assert stored_drive(drive).opened_on == datetime.date(2025, 9, 1)


def test_the_export_lists_every_bound_member_with_department_and_date_or_not_signed(
    staff_client, school, staff_of_school
):
    members = [staff_of_school[key] for key in ("zhang", "li", "zhao")]
    drive = drive_with(school, members, signed=2)

    response = staff_client.get(reverse("activities:pledge_export", args=[drive.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "pledge-{}.xlsx".format(drive.pk) in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [zh("No."), zh("name"), zh("department"), zh("signed on")]
    assert rows[1][:3] == [1, "李娜", "语文组"] and rows[1][3].date() == datetime.date(2025, 9, 15)
    assert rows[2][:3] == [2, "张伟", "语文组"] and rows[2][3].date() == datetime.date(2025, 9, 15)
    assert rows[3] == [3, "赵强", "数学组", zh("Not signed")]
    assert len(rows) == 4


def test_the_list_shows_each_drive_with_its_figure_and_filters_by_year(staff_client, school, staff_of_school):
    members = [staff_of_school[key] for key in ("zhang", "li", "wang", "zhao")]
    drive_with(school, members, signed=3, title="拒绝有偿补课公开承诺")
    with scopes_disabled():
        PledgeDriveFactory(school=school, title="师德承诺", year=2024, opened_on=datetime.date(2024, 9, 1))

    response = staff_client.get(reverse("activities:pledge_list"))

    content = response.content.decode()
    assert [(d.title, d.signed, d.bound) for d in response.context["drives"]] == [
        ("拒绝有偿补课公开承诺", 3, 4),
        ("师德承诺", 0, 0),
    ]
    assert zh("%(signed)s of %(bound)s signed", signed=3, bound=4) in content
    only_2024 = staff_client.get(reverse("activities:pledge_list"), {"year": "2024"})
    assert [d.title for d in only_2024.context["drives"]] == ["师德承诺"]


def test_the_timeline_shows_the_pledge_a_member_signed(staff_client, school, staff_of_school):
    drive_with(school, [staff_of_school["zhang"], staff_of_school["li"]], signed=1)
    response = staff_client.get(reverse("members:member_detail", args=[staff_of_school["zhang"].pk]))
    assert "拒绝有偿补课公开承诺（2025年）" in response.content.decode()
    response = staff_client.get(reverse("members:member_detail", args=[staff_of_school["li"].pk]))
    assert "拒绝有偿补课公开承诺（2025年）" not in response.content.decode()
