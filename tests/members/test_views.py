"""The roster, a member's page, adding and editing, delete and restore, and the change history."""

import datetime

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from members.choices import Gender, MemberStatus, ProfessionalTitle
from members.models import Member
from tests.factories import DepartmentFactory, MemberFactory, member_form_data, valid_id_number

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

ROSTER = "/members/"


def listed(response):
    """Names in the roster table, in the order shown."""
    return [row.record.name for row in response.context["table"].page.object_list]


def template_names(response):
    return [template.name for template in response.templates]


def zh(message):
    with translation.override("zh-hans"):
        return gettext(message)


def stored(member):
    with scopes_disabled():
        return Member.all_objects.get(pk=member.pk)


@pytest.fixture
def roster(school):
    maths = DepartmentFactory(school=school, name="数学组", position=1)
    chinese = DepartmentFactory(school=school, name="语文组", position=2)
    return {
        "maths": maths,
        "chinese": chinese,
        "zhang": MemberFactory(
            school=school,
            name="张伟",
            gender=Gender.MALE,
            department=maths,
            title=ProfessionalTitle.SENIOR,
            employee_number="A1",
        ),
        "li": MemberFactory(
            school=school,
            name="李娜",
            gender=Gender.FEMALE,
            department=maths,
            title=ProfessionalTitle.FIRST,
            employee_number="A2",
        ),
        "wang": MemberFactory(
            school=school,
            name="王芳",
            gender=Gender.FEMALE,
            department=chinese,
            title=ProfessionalTitle.SENIOR,
            employee_number="A3",
        ),
        "zhao": MemberFactory(
            school=school,
            name="赵敏",
            gender=Gender.FEMALE,
            department=chinese,
            title=ProfessionalTitle.FIRST,
            status=MemberStatus.RETIRED,
            status_changed_on=datetime.date(2021, 7, 1),
            employee_number="A4",
        ),
    }


# --- the roster --------------------------------------------------------------------------------


def test_it_lists_the_school_s_members_in_pinyin_order(staff_client, roster):
    response = staff_client.get(ROSTER, {"status": "all"})
    assert response.status_code == 200
    assert listed(response) == ["李娜", "王芳", "张伟", "赵敏"]  # li, wang, zhang, zhao
    assert response.context["table"].paginator.count == 4


def test_the_roster_lists_current_members_only_by_default(staff_client, roster, school):
    """Current-only default + filter: leavers and retirees are one status filter away."""
    MemberFactory(
        school=school,
        name="钱进",
        status=MemberStatus.TRANSFERRED,
        status_changed_on=datetime.date(2022, 8, 31),
        employee_number="A5",
    )

    response = staff_client.get(ROSTER)

    assert listed(response) == ["李娜", "王芳", "张伟"]
    assert response.context["filter"].form["status"].value() == MemberStatus.ACTIVE
    assert listed(staff_client.get(ROSTER, {"status": MemberStatus.TRANSFERRED})) == ["钱进"]
    assert listed(staff_client.get(ROSTER, {"status": MemberStatus.RETIRED})) == ["赵敏"]
    everyone = staff_client.get(ROSTER, {"status": "all"})
    assert listed(everyone) == ["李娜", "钱进", "王芳", "张伟", "赵敏"]
    assert 'href="?status=all"' in everyone.content.decode()
    table = staff_client.get(ROSTER, {"status": "all"}, HTTP_HX_REQUEST="true").content.decode()
    assert "调离" in table and "退休" in table, "each leaver's and retiree's status is shown"
    current = staff_client.get(ROSTER, HTTP_HX_REQUEST="true").content.decode()
    assert "调离" not in current and "退休" not in current


def test_it_filters_the_roster_by_department(staff_client, roster):
    response = staff_client.get(ROSTER, {"department": roster["maths"].pk})
    assert sorted(listed(response)) == sorted(["张伟", "李娜"])


def test_it_filters_the_roster_by_status(staff_client, roster):
    assert listed(staff_client.get(ROSTER, {"status": MemberStatus.RETIRED})) == ["赵敏"]
    assert len(listed(staff_client.get(ROSTER, {"status": MemberStatus.ACTIVE}))) == 3


def test_it_filters_the_roster_by_gender(staff_client, roster):
    assert listed(staff_client.get(ROSTER, {"gender": Gender.MALE})) == ["张伟"]


def test_it_filters_the_roster_by_title(staff_client, roster):
    assert listed(staff_client.get(ROSTER, {"title": ProfessionalTitle.SENIOR})) == ["王芳", "张伟"]


def test_it_lists_women_staff(staff_client, roster):
    # The roster's own "women staff" link: women in service.
    response = staff_client.get(ROSTER, {"gender": Gender.FEMALE, "status": MemberStatus.ACTIVE})
    assert listed(response) == ["李娜", "王芳"]
    assert 'href="?gender=F&status=active"' in staff_client.get(ROSTER).content.decode()


def test_it_combines_filters_with_the_search(staff_client, roster):
    response = staff_client.get(ROSTER, {"q": "w", "gender": Gender.FEMALE})
    assert listed(response) == ["王芳"]
    assert listed(staff_client.get(ROSTER, {"q": "zw"})) == ["张伟"]


def test_it_ignores_a_department_of_another_school(staff_client, roster, other_school):
    foreign = DepartmentFactory(school=other_school)
    response = staff_client.get(ROSTER, {"department": foreign.pk})
    assert response.status_code == 200
    assert "department" in response.context["filter"].form.errors


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("name", ["李娜", "王芳", "张伟", "赵敏"]),
        ("-name", ["赵敏", "张伟", "王芳", "李娜"]),
        ("employee_number", ["张伟", "李娜", "王芳", "赵敏"]),
        ("-employee_number", ["赵敏", "王芳", "李娜", "张伟"]),
    ],
)
def test_it_sorts_the_roster(staff_client, roster, sort, expected):
    assert listed(staff_client.get(ROSTER, {"sort": sort, "status": "all"})) == expected


def test_it_sorts_by_department_order(staff_client, roster):
    names = listed(staff_client.get(ROSTER, {"sort": "department", "status": "all"}))
    assert set(names[:2]) == {"张伟", "李娜"}  # 数学组 comes first
    assert set(names[2:]) == {"王芳", "赵敏"}


def test_it_pages_the_roster_by_fifty(staff_client, school):
    department = DepartmentFactory(school=school)
    MemberFactory.create_batch(51, school=school, department=department)

    first = staff_client.get(ROSTER)
    second = staff_client.get(ROSTER, {"page": 2})

    assert len(listed(first)) == 50
    assert len(listed(second)) == 1
    assert first.context["table"].paginator.num_pages == 2
    assert second.context["table"].page.number == 2
    assert 'href="?page=2"' in first.content.decode()


def test_it_shows_the_last_page_for_a_page_beyond_it(staff_client, roster):
    response = staff_client.get(ROSTER, {"page": 9})
    assert response.status_code == 200
    assert response.context["table"].page.number == 1
    assert len(listed(response)) == 3


def test_it_answers_an_htmx_request_with_only_the_table(staff_client, roster):
    response = staff_client.get(ROSTER, {"q": "zw"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "members/_member_table.html" in template_names(response)
    assert "members/member_list.html" not in template_names(response)
    assert "base.html" not in template_names(response)
    content = response.content.decode()
    assert "<html" not in content
    assert 'id="roster-filter"' not in content
    assert "张伟" in content and "李娜" not in content


def test_it_answers_a_boosted_htmx_request_with_the_whole_page(staff_client, roster):
    response = staff_client.get(ROSTER, HTTP_HX_REQUEST="true", HTTP_HX_BOOSTED="true")
    assert "members/member_list.html" in template_names(response)
    assert "<html" in response.content.decode()


def test_it_does_not_show_deleted_members_on_the_roster(staff_client, roster):
    roster["li"].soft_delete()
    assert "李娜" not in listed(staff_client.get(ROSTER))


def test_it_keeps_teachers_off_the_roster(teacher_client, roster):
    assert teacher_client.get(ROSTER).status_code == 403


# --- a member's page ---------------------------------------------------------------------------

ID_NUMBER = valid_id_number(datetime.date(1985, 3, 12))


@pytest.fixture
def with_id(member):
    member.id_card_number = ID_NUMBER
    member.save()
    return member


def test_it_shows_the_full_id_number_to_the_chair(chair_client, with_id):
    response = chair_client.get("/members/{}/".format(with_id.pk))
    assert response.status_code == 200
    assert ID_NUMBER in response.content.decode()


def test_it_shows_the_full_id_number_to_staff(staff_client, with_id):
    response = staff_client.get("/members/{}/".format(with_id.pk))
    assert ID_NUMBER in response.content.decode()


def test_it_shows_a_teacher_their_own_record_with_the_id_number_masked(teacher_client, teacher, with_id):
    with_id.user = teacher
    with_id.save()

    response = teacher_client.get("/members/{}/".format(with_id.pk))

    assert response.status_code == 200
    content = response.content.decode()
    assert "张三" in content
    assert ID_NUMBER not in content
    assert ID_NUMBER[6:14] not in content  # not even the birth date part
    assert "320412********" + ID_NUMBER[-4:] in content
    assert response.context["history"] == []


def test_it_refuses_a_teacher_someone_else_s_record(teacher_client, teacher, school, with_id):
    MemberFactory(school=school, name="王伟", user=teacher)
    response = teacher_client.get("/members/{}/".format(with_id.pk))
    assert response.status_code == 403
    assert ID_NUMBER not in response.content.decode()


def test_it_refuses_a_teacher_without_a_record_any_member_page(teacher_client, with_id):
    assert teacher_client.get("/members/{}/".format(with_id.pk)).status_code == 403


def test_it_answers_404_for_a_member_that_does_not_exist(chair_client, db):
    assert chair_client.get("/members/424242/").status_code == 404


def test_it_sends_anonymous_visitors_to_the_login_page(client, member):
    response = client.get("/members/{}/".format(member.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- adding and editing ------------------------------------------------------------------------


def test_it_shows_the_empty_form(staff_client, school):
    response = staff_client.get("/members/new/")
    assert response.status_code == 200
    assert "photo_upload" in response.context["form"].fields


def test_it_adds_a_member(staff_client, school):
    department = DepartmentFactory(school=school, name="英语组")
    data = member_form_data(
        name="孙丽",
        department=department,
        id_card_number=ID_NUMBER,
        employee_number="T0099",
        birth_date=datetime.date(1985, 3, 12),
        phone="0519-88776655",
    )

    response = staff_client.post("/members/new/", data)

    assert response.status_code == 302
    with scopes_disabled():
        created = Member.objects.get(employee_number="T0099")
    assert response["Location"] == "/members/{}/".format(created.pk)
    assert (created.name, created.name_pinyin, created.name_initials) == ("孙丽", "sunli", "sl")
    assert created.department == department
    assert created.school == school
    assert created.version == 1
    assert created.birth_date == datetime.date(1985, 3, 12)
    page = staff_client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == [zh("%(name)s has been added.") % {"name": "孙丽"}]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name": ""}, "name"),
        ({"phone": "12345"}, "phone"),
        ({"id_card_number": ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1")}, "id_card_number"),
        ({"gender": "X"}, "gender"),
        ({"birth_date": "1985-02-30"}, "birth_date"),
        ({"status": "dead"}, "status"),
    ],
)
def test_it_refuses_a_bad_field_and_adds_nothing(staff_client, school, changes, field):
    response = staff_client.post("/members/new/", member_form_data(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    with scopes_disabled():
        assert Member.all_objects.count() == 0


def test_it_refuses_an_employee_number_already_in_use(staff_client, member):
    response = staff_client.post("/members/new/", member_form_data(name="孙丽", employee_number=member.employee_number))
    assert response.status_code == 200
    errors = response.context["form"].errors["employee_number"]
    assert errors == [zh("%(name)s already has employee number %(number)s.") % {"name": "张三", "number": "T0001"}]


def test_it_says_what_is_wrong_next_to_the_field(staff_client, school):
    response = staff_client.post("/members/new/", member_form_data(name="孙丽", phone="12345"))
    expected = zh(
        "“%(value)s” is not a phone number: enter an 11-digit mobile number or a landline such as 0519-88776655."
    ) % {"value": "12345"}
    assert response.context["form"].errors["phone"] == [expected]
    assert expected in response.content.decode()


def test_it_keeps_teachers_from_adding_members(teacher_client, school):
    response = teacher_client.post("/members/new/", member_form_data(name="孙丽"))
    assert response.status_code == 403
    with scopes_disabled():
        assert not Member.objects.filter(name="孙丽").exists()


def test_it_edits_a_member(staff_client, member):
    response = staff_client.get("/members/{}/edit/".format(member.pk))
    assert response.status_code == 200
    assert response.context["form"]["loaded_version"].value() == 1

    data = member_form_data(member, name="张珊", post="年级组长", phone="13900001111")
    response = staff_client.post("/members/{}/edit/".format(member.pk), data)

    assert response.status_code == 302
    assert response["Location"] == "/members/{}/".format(member.pk)
    saved = stored(member)
    assert (saved.name, saved.post, saved.phone) == ("张珊", "年级组长", "13900001111")
    assert saved.name_pinyin == "zhangshan"
    assert saved.version == 2


def test_it_asks_for_the_date_of_a_status_change(staff_client, member):
    data = member_form_data(member, status=MemberStatus.RETIRED, status_changed_on="")
    response = staff_client.post("/members/{}/edit/".format(member.pk), data)
    assert response.status_code == 200
    assert response.context["form"].errors["status_changed_on"] == [zh("Give the date the status changed.")]
    assert stored(member).status == MemberStatus.ACTIVE


def test_it_keeps_teachers_from_editing_even_their_own_record(teacher_client, teacher, member):
    member.user = teacher
    member.save()
    response = teacher_client.post("/members/{}/edit/".format(member.pk), member_form_data(member, name="改名"))
    assert response.status_code == 403
    assert stored(member).name == "张三"


# --- delete, recycle bin, restore --------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_it_keeps_staff_from_deleting(staff_client, member, method):
    response = getattr(staff_client, method)("/members/{}/delete/".format(member.pk))
    assert response.status_code == 403
    assert stored(member).deleted_at is None


def test_it_asks_the_chair_before_deleting(chair_client, member):
    response = chair_client.get("/members/{}/delete/".format(member.pk))
    assert response.status_code == 200
    assert "members/member_confirm_delete.html" in template_names(response)
    assert stored(member).deleted_at is None


def test_it_lets_the_chair_delete_and_restore_a_member(chair_client, member):
    response = chair_client.post("/members/{}/delete/".format(member.pk))

    assert response.status_code == 302
    assert response["Location"] == ROSTER
    deleted = stored(member)
    assert deleted.deleted_at is not None  # the row stays
    assert "张三" not in listed(chair_client.get(ROSTER))
    assert chair_client.get("/members/{}/".format(member.pk)).status_code == 404

    trash = chair_client.get("/members/trash/")
    assert trash.status_code == 200
    assert list(trash.context["members"]) == [deleted]
    assert "张三" in trash.content.decode()

    response = chair_client.post("/members/trash/{}/restore/".format(member.pk))

    assert response.status_code == 302
    assert response["Location"] == "/members/{}/".format(member.pk)
    assert stored(member).deleted_at is None
    assert listed(chair_client.get(ROSTER)) == ["张三"]
    assert list(chair_client.get("/members/trash/").context["members"]) == []


def test_it_keeps_staff_out_of_the_recycle_bin(staff_client, member):
    member.soft_delete()
    assert staff_client.get("/members/trash/").status_code == 403
    assert staff_client.post("/members/trash/{}/restore/".format(member.pk)).status_code == 403
    assert stored(member).deleted_at is not None


def test_it_does_not_restore_over_an_employee_number_now_in_use(chair_client, school, member):
    member.soft_delete()
    MemberFactory(school=school, name="李四", employee_number=member.employee_number)

    response = chair_client.post("/members/trash/{}/restore/".format(member.pk), follow=True)

    assert stored(member).deleted_at is not None
    expected = zh("Cannot restore %(name)s: another member now has employee number %(number)s.") % {
        "name": "张三",
        "number": "T0001",
    }
    assert [str(m) for m in response.context["messages"]] == [expected]


def test_it_answers_404_when_restoring_a_member_that_is_not_deleted(chair_client, member):
    assert chair_client.post("/members/trash/{}/restore/".format(member.pk)).status_code == 404


# --- history -----------------------------------------------------------------------------------


def test_it_shows_who_changed_which_field(staff_client, chair, member):
    data = member_form_data(member, phone="13900001111", post="年级组长")
    assert staff_client.post("/members/{}/edit/".format(member.pk), data).status_code == 302

    chair_client = Client()
    chair_client.force_login(chair)
    response = chair_client.get("/members/{}/".format(member.pk))

    latest = response.context["history"][0]
    assert latest["who"].username == "staff"
    changes = {str(change["field"]): (change["old"], change["new"]) for change in latest["changes"]}
    assert changes == {zh("phone"): ("13812345678", "13900001111"), zh("post"): ("—", "年级组长")}

    content = response.content.decode()
    history = content[content.index('id="member-history"') :]
    assert "陈静" in history  # the staff user's name
    assert '<del class="text-secondary">13812345678</del> → 13900001111' in history
    assert "年级组长" in history


def test_it_lists_every_save_in_the_history_newest_first(staff_client, chair_client, member):
    staff_client.post("/members/{}/edit/".format(member.pk), member_form_data(member, post="教研组长"))
    member = stored(member)
    staff_client.post("/members/{}/edit/".format(member.pk), member_form_data(member, post="年级组长"))

    history = chair_client.get("/members/{}/".format(member.pk)).context["history"]

    assert len(history) == 3  # created, then two edits
    assert [entry["version"] for entry in history] == [3, 2, 1]
    assert [(c["old"], c["new"]) for c in history[0]["changes"]] == [("教研组长", "年级组长")]
    assert history[-1]["who"] is None  # made outside a request


def test_it_shows_departments_and_choices_by_name_in_the_history(staff_client, chair_client, school, member):
    old_department = member.department
    new_department = DepartmentFactory(school=school, name="语文组")
    data = member_form_data(member, department=new_department, title=ProfessionalTitle.SENIOR)
    assert staff_client.post("/members/{}/edit/".format(member.pk), data).status_code == 302

    latest = chair_client.get("/members/{}/".format(member.pk)).context["history"][0]

    changes = {str(c["field"]): (c["old"], c["new"]) for c in latest["changes"]}
    with translation.override("zh-hans"):
        title_names = dict(ProfessionalTitle.choices)
        assert changes == {
            zh("department"): (old_department.name, "语文组"),
            zh("professional title"): (str(title_names["none"]), str(title_names["senior"])),
        }


def test_it_caps_the_page_size_asked_for_in_the_url(chair_client, school):
    from members.models import Member, pinyin_keys
    from unionhub.pagination import MAX_PER_PAGE

    Member.objects.bulk_create(
        Member(
            school=school,
            name="会员{}".format(n),
            name_pinyin=pinyin_keys("会员")[0],
            gender="F",
            employee_number="B{:04d}".format(n),
        )
        for n in range(MAX_PER_PAGE + 20)
    )
    response = chair_client.get("/members/?per_page=100000")
    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) == MAX_PER_PAGE
