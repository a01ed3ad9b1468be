"""The 168 care action's pages: the year grid, a month for many teachers on one page, the
pairs, the one-month save behind the grid's cells, and what a teacher may see and fill."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import CareLog, CarePair
from activities.selectors.care import previous_month, school_year_of
from activities.services.care import log_state
from members.timeline import timeline_for

from ..factories import MemberFactory
from .factories_care import CareLogFactory, CarePairFactory, add_pairs, next_month, pair_for, this_month

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

D = datetime.date
GRID = reverse("activities:care_grid")
MONTH = reverse("activities:care_month")


def logs_of(pair):
    with scopes_disabled():
        return {log.month: (log.talks, log.tutoring, log.notes) for log in CareLog.objects.filter(pair=pair)}


def save_url(pair):
    return reverse("activities:care_log_save", args=[pair.pk])


def month_post(month, rows):
    """The month page's post: ``rows`` is a list of (pair, talks, tutoring, notes)."""
    data = {"month": month, "log-TOTAL_FORMS": str(len(rows)), "log-INITIAL_FORMS": str(len(rows))}
    for n, (pair, talks, tutoring, notes) in enumerate(rows):
        data.update(
            {
                "log-{}-pair".format(n): pair if isinstance(pair, int) else pair.pk,
                "log-{}-talks".format(n): talks,
                "log-{}-tutoring".format(n): tutoring,
                "log-{}-notes".format(n): notes,
            }
        )
    return data


@pytest.fixture
def own_pair(school, teacher):
    """The teacher's own member record (王伟), paired for 2025—2026 with October logged."""
    with scopes_disabled():
        member = MemberFactory(school=school, name="王伟", user=teacher)
        pair = CarePairFactory(school=school, teacher=member, student_name="小强", student_class="初一（2）班")
        CareLogFactory(pair=pair, month=D(2025, 10, 1), talks=6, tutoring=8)
    return pair


@pytest.fixture
def colleague_pair(school):
    pair = pair_for(school, "李娜", student_name="小红", student_class="初三（1）班", reason="家庭变故")
    with scopes_disabled():
        CareLogFactory(pair=pair, month=D(2025, 10, 1), talks=2, tutoring=2)
    return pair


@pytest.fixture
def foreign_pair(other_school):
    return pair_for(other_school, "周八", student_name="小刚")


# ---------------------------------------------------------------------------------------
# The grid
# ---------------------------------------------------------------------------------------


def test_staff_see_every_pair_coloured_with_marks_and_figures(staff_client, own_pair, colleague_pair, foreign_pair):
    response = staff_client.get(GRID, {"year": 2025})
    assert response.status_code == 200
    html = response.content.decode()
    rows = response.context["grid"]["rows"]
    assert [row["pair"].teacher.name for row in rows] == ["李娜", "王伟"]
    assert "周八" not in html and "小刚" not in html
    own_row = html[html.index('id="care-row-{}"'.format(own_pair.pk)) :]
    own_row = own_row[: own_row.index("</tr>")]
    # October met both targets: green class AND a mark AND a text for screen readers.
    assert '<td class="care-cell care-both"><span class="care-mark" aria-hidden="true">✔</span>6/8' in own_row
    assert "两项达标" in own_row
    colleague_row = html[html.index('id="care-row-{}"'.format(colleague_pair.pk)) :]
    assert '<td class="care-cell care-none"><span class="care-mark" aria-hidden="true">✘</span>2/2' in colleague_row
    # September has begun and is not logged: a dash, and words for screen readers.
    assert (
        '<td class="care-cell care-missing"><span aria-hidden="true">—</span>'
        '<span class="visually-hidden">未填</span></td>'
    ) in own_row
    assert response.context["grid"]["figures"] == {
        "pairs": 2,
        "logs": 2,
        "both_met": 1,
        "both_met_percent": 50,
        "expected": 24,
    }
    assert "小强" in html and "小红" in html  # student data: staff may see it
    assert "168爱生行动" in html


def test_months_not_begun_are_greyed(staff_client, school):
    year = school_year_of(this_month())
    pair_for(school, "张三", year=year)
    response = staff_client.get(GRID, {"year": year})
    cells = response.context["grid"]["rows"][0]["cells"]
    future = [cell["month"] for cell in cells if cell["status"] == "future"]
    assert future and all(month > this_month() for month in future)
    assert response.content.decode().count('class="care-cell care-future"') == len(future)


def test_the_banner_names_who_has_not_logged_last_month(staff_client, school):
    last = previous_month(datetime.date.today())
    year = school_year_of(last)
    logged = pair_for(school, "张三", year=year)
    pair_for(school, "李四", year=year)
    with scopes_disabled():
        CareLogFactory(pair=logged, month=last)
    response = staff_client.get(GRID, {"year": year})
    html = response.content.decode()
    banner = html[html.index('id="care-missing"') :]
    banner = banner[: banner.index("</div>")]
    assert "李四" in banner and "张三" not in banner
    assert "1位教师尚未填写{}年{}月的记录".format(last.year, last.month) in banner


def test_a_teacher_sees_only_their_own_row_and_no_other_student(teacher_client, own_pair, colleague_pair):
    response = teacher_client.get(GRID, {"year": 2025})
    assert response.status_code == 200
    html = response.content.decode()
    assert [row["pair"].pk for row in response.context["grid"]["rows"]] == [own_pair.pk]
    assert "小强" in html
    for hidden in ("李娜", "小红", "初三（1）班", "家庭变故"):
        assert hidden not in html
    assert 'id="care-figures"' not in html  # the school's figures are staff's


def test_a_teacher_without_a_member_record_is_told_why_the_grid_is_empty(teacher_client, colleague_pair):
    response = teacher_client.get(GRID, {"year": 2025})
    assert response.status_code == 200
    html = response.content.decode()
    assert "尚未关联教职工档案" in html
    assert "李娜" not in html


def test_the_row_editor_answers_htmx_with_one_row(staff_client, own_pair, colleague_pair):
    response = staff_client.get(GRID, {"year": 2025, "edit": own_pair.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<tr id="care-row-{}"'.format(own_pair.pk))
    assert html.count('name="talks"') == 12  # 2025—2026 has begun entirely
    assert 'value="{}"'.format(log_state(CareLog(talks=6, tutoring=8, notes=""))) in html
    assert "李娜" not in html


def test_without_javascript_the_row_editor_is_the_whole_page(staff_client, own_pair):
    response = staff_client.get(GRID, {"year": 2025, "edit": own_pair.pk})
    html = response.content.decode()
    assert "<html" in html and html.count('name="talks"') == 12


def test_a_teacher_cannot_open_a_colleagues_row_editor(teacher_client, own_pair, colleague_pair, foreign_pair):
    answer = teacher_client.get(GRID, {"year": 2025, "edit": colleague_pair.pk}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 404
    answer = teacher_client.get(GRID, {"year": 2025, "edit": foreign_pair.pk}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 404
    answer = teacher_client.get(GRID, {"year": 2025, "edit": own_pair.pk}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200


# ---------------------------------------------------------------------------------------
# A month for many teachers on one page
# ---------------------------------------------------------------------------------------


def test_the_month_page_lists_every_pair_prefilled(staff_client, own_pair, colleague_pair, foreign_pair):
    response = staff_client.get(MONTH, {"month": "2025-10"})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [pair.teacher.name for _form, pair in rows] == ["李娜", "王伟"]
    assert [(form["talks"].value(), form["tutoring"].value()) for form, _pair in rows] == [(2, 2), (6, 8)]
    assert "周八" not in response.content.decode()


def test_the_month_page_narrows_to_a_department(staff_client, school):
    pairs = add_pairs(school, 10, months=0)
    with scopes_disabled():
        department = pairs[0].teacher.department
    response = staff_client.get(MONTH, {"month": "2025-10", "department": department.pk})
    assert [pair.teacher.department_id for _form, pair in response.context["rows"]] == [department.pk] * 2


def test_staff_save_a_month_for_many_teachers_in_one_post(staff_client, school, own_pair, colleague_pair):
    five = add_pairs(school, 5, months=0)
    rows = [(pair, 6 + n, 8, "第{}次".format(n)) for n, pair in enumerate(five)]
    rows += [(own_pair, 3, 4, "改了"), (colleague_pair, "", "", "")]
    response = staff_client.post(MONTH, month_post("2025-10", rows))
    assert response.status_code == 302
    assert response["Location"] == GRID + "?year=2025#care-grid"
    for n, pair in enumerate(five):
        assert logs_of(pair) == {D(2025, 10, 1): (6 + n, 8, "第{}次".format(n))}
    assert logs_of(own_pair) == {D(2025, 10, 1): (3, 4, "改了")}
    assert logs_of(colleague_pair) == {}  # both counts emptied: no longer logged
    followed = staff_client.get(response["Location"])
    assert "2025年10月已保存：新填 5 条，修改 1 条，清除 1 条。" in followed.content.decode()


def test_one_bad_row_saves_nothing_and_names_the_field(staff_client, school, own_pair, colleague_pair):
    rows = [(colleague_pair, 9, 9, ""), (own_pair, -1, 8, "")]
    response = staff_client.post(MONTH, month_post("2025-10", rows))
    assert response.status_code == 200
    html = response.content.decode()
    assert "王伟：谈心家访次数不能为负数。" in html
    assert "未保存任何内容" in html
    assert logs_of(colleague_pair) == {D(2025, 10, 1): (2, 2, "")}


@pytest.mark.parametrize(
    "talks,tutoring,message",
    [
        ("100", "8", "谈心家访次数每月最多 99 次。"),
        ("6", "-3", "辅导次数不能为负数。"),
        ("六", "8", "谈心家访次数请填写整数。"),
        ("6", "2.5", "辅导次数请填写整数。"),
    ],
)
def test_the_month_page_refuses_nonsense_counts(staff_client, own_pair, talks, tutoring, message):
    response = staff_client.post(MONTH, month_post("2025-11", [(own_pair, talks, tutoring, "")]))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert D(2025, 11, 1) not in logs_of(own_pair)


def test_a_month_not_begun_is_refused(staff_client, school):
    future = next_month()
    pair = pair_for(school, "张三", year=school_year_of(future))
    text = "{}年{}月尚未开始，月份开始后才能填写。".format(future.year, future.month)
    response = staff_client.get(MONTH, {"month": "{:%Y-%m}".format(future)})
    assert response.status_code == 200
    assert text in response.content.decode()
    assert response.context["formset"] is None
    response = staff_client.post(MONTH, month_post("{:%Y-%m}".format(future), [(pair, 6, 8, "")]))
    assert response.status_code == 200
    assert text in response.content.decode()
    assert logs_of(pair) == {}


def test_a_month_that_is_not_a_month_is_refused(staff_client, own_pair):
    response = staff_client.get(MONTH, {"month": "2025-13"})
    assert "月份请按“年-月”填写，例如 2025-10。" in response.content.decode()


def test_another_schools_pair_posted_by_id_is_refused(staff_client, own_pair, foreign_pair):
    rows = [(own_pair, 1, 1, ""), (foreign_pair, 6, 8, "")]
    response = staff_client.post(MONTH, month_post("2025-10", rows))
    assert response.status_code == 200
    assert "不能为这个结对填写本月记录" in response.content.decode()
    assert logs_of(foreign_pair) == {}
    assert logs_of(own_pair) == {D(2025, 10, 1): (6, 8, "")}


def test_a_pair_of_another_school_year_is_refused(staff_client, school, own_pair):
    old = pair_for(school, "赵六", year=2024)
    response = staff_client.post(MONTH, month_post("2025-10", [(old, 6, 8, "")]))
    assert response.status_code == 200
    assert logs_of(old) == {}


def test_the_same_pair_twice_is_refused(staff_client, own_pair):
    rows = [(own_pair, 1, 1, ""), (own_pair, 6, 8, "")]
    response = staff_client.post(MONTH, month_post("2025-10", rows))
    assert response.status_code == 200
    assert "王伟 在本页出现了两次，未保存任何内容。" in response.content.decode()
    assert logs_of(own_pair) == {D(2025, 10, 1): (6, 8, "")}


def test_a_row_saved_meanwhile_by_someone_else_is_not_overwritten(staff_client, own_pair, colleague_pair):
    page = staff_client.get(MONTH, {"month": "2025-10"})
    loaded = {form["pair"].value(): form["loaded"].value() for form, _pair in page.context["rows"]}
    with scopes_disabled():
        CareLog.objects.filter(pair=own_pair).update(talks=9)  # another staff member's save
    data = month_post("2025-10", [(colleague_pair, 6, 8, ""), (own_pair, 1, 1, "")])
    data.update({"log-0-loaded": loaded[colleague_pair.pk], "log-1-loaded": loaded[own_pair.pk]})
    response = staff_client.post(MONTH, data)
    assert response.status_code == 200
    assert "在此期间有人已保存：谈心家访 9 次，辅导 8 次。" in response.content.decode()
    assert logs_of(colleague_pair) == {D(2025, 10, 1): (2, 2, "")}  # all or nothing
    assert logs_of(own_pair) == {D(2025, 10, 1): (9, 8, "")}
    # The page now carries the current fingerprint: saving again is deliberate and goes through.
    again = response.context["formset"].data.copy()
    assert staff_client.post(MONTH, again).status_code == 302
    assert logs_of(own_pair) == {D(2025, 10, 1): (1, 1, "")}


def test_a_teacher_gets_only_their_own_pair_on_the_month_page(teacher_client, own_pair, colleague_pair):
    response = teacher_client.get(MONTH, {"month": "2025-11"})
    assert [pair.pk for _form, pair in response.context["rows"]] == [own_pair.pk]
    html = response.content.decode()
    assert "李娜" not in html and "小红" not in html
    response = teacher_client.post(MONTH, month_post("2025-11", [(own_pair, 7, 9, "辅导数学")]))
    assert response.status_code == 302
    assert logs_of(own_pair)[D(2025, 11, 1)] == (7, 9, "辅导数学")


def test_a_teacher_cannot_post_a_colleagues_pair_on_the_month_page(teacher_client, own_pair, colleague_pair):
    rows = [(own_pair, 7, 9, ""), (colleague_pair, 6, 8, "")]
    response = teacher_client.post(MONTH, month_post("2025-11", rows))
    assert response.status_code == 200
    assert logs_of(colleague_pair) == {D(2025, 10, 1): (2, 2, "")}
    assert D(2025, 11, 1) not in logs_of(own_pair)


# ---------------------------------------------------------------------------------------
# One pair's month: care_log_save
# ---------------------------------------------------------------------------------------


def test_the_cell_saves_and_answers_htmx_with_the_cell_and_the_rows_totals(staff_client, own_pair):
    data = {"month": "2025-11", "talks": "5", "tutoring": "9", "loaded": "", "fragment": "cell"}
    response = staff_client.post(save_url(own_pair), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<td class="care-cell care-one" id="care-cell-{}-2025-11"'.format(own_pair.pk))
    assert '<td class="care-total" id="care-talks-{}" hx-swap-oob="true">11</td>'.format(own_pair.pk) in html
    assert '<td class="care-total" id="care-met-{}" hx-swap-oob="true">1/12</td>'.format(own_pair.pk) in html
    assert logs_of(own_pair)[D(2025, 11, 1)] == (5, 9, "")


def test_the_cell_keeps_the_notes_it_does_not_show(staff_client, own_pair):
    with scopes_disabled():
        CareLog.objects.filter(pair=own_pair).update(notes="家访两次")
    staff_client.post(save_url(own_pair), {"month": "2025-10", "talks": "7", "tutoring": "8"})
    assert logs_of(own_pair)[D(2025, 10, 1)] == (7, 8, "家访两次")


def test_the_pair_pages_month_answers_htmx_with_the_month(staff_client, own_pair):
    data = {"month": "2025-12", "talks": "6", "tutoring": "8", "notes": "好", "fragment": "month"}
    response = staff_client.post(save_url(own_pair), data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<form method="post" action="{}" id="m-2025-12"'.format(save_url(own_pair)))
    assert "已保存" in html and "两项达标" in html


def test_without_htmx_the_save_redirects_to_next_or_the_pair(staff_client, own_pair):
    response = staff_client.post(save_url(own_pair), {"month": "2025-12", "talks": "1", "tutoring": "1"})
    assert response["Location"] == own_pair.get_absolute_url() + "#m-2025-12"
    response = staff_client.post(
        save_url(own_pair), {"month": "2025-12", "talks": "1", "tutoring": "2", "next": GRID + "?year=2025"}
    )
    assert response["Location"] == GRID + "?year=2025"
    response = staff_client.post(
        save_url(own_pair), {"month": "2025-12", "talks": "1", "tutoring": "2", "next": "https://evil.example/"}
    )
    assert response["Location"] == own_pair.get_absolute_url() + "#m-2025-12"


@pytest.mark.parametrize(
    "data,message",
    [
        ({"month": "2025-10", "talks": "-2", "tutoring": "8"}, "谈心家访次数不能为负数。"),
        ({"month": "2024-10", "talks": "6", "tutoring": "8"}, "2024年10月不在该结对的2025—2026学年内。"),
        ({"month": "十月", "talks": "6", "tutoring": "8"}, "月份请按“年-月”填写，例如 2025-10。"),
        ({"month": "", "talks": "6", "tutoring": "8"}, "请选择月份。"),
    ],
)
def test_the_save_refuses_nonsense_with_a_chinese_message(staff_client, own_pair, data, message):
    before = logs_of(own_pair)
    for htmx in (False, True):
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        response = staff_client.post(save_url(own_pair), data, **headers)
        assert response.status_code == 200
        if htmx and data["month"].startswith("2025"):
            assert "<html" not in response.content.decode()
        assert message in response.content.decode()
    assert logs_of(own_pair) == before


def test_the_save_refuses_a_month_not_begun(staff_client, school):
    future = next_month()
    pair = pair_for(school, "张三", year=school_year_of(future))
    response = staff_client.post(save_url(pair), {"month": "{:%Y-%m}".format(future), "talks": "6", "tutoring": "8"})
    assert "{}年{}月尚未开始".format(future.year, future.month) in response.content.decode()
    assert logs_of(pair) == {}


def test_a_teacher_saves_their_own_month_only(teacher_client, own_pair, colleague_pair, foreign_pair):
    data = {"month": "2025-11", "talks": "6", "tutoring": "8"}
    assert teacher_client.post(save_url(own_pair), data).status_code == 302
    assert logs_of(own_pair)[D(2025, 11, 1)] == (6, 8, "")
    assert teacher_client.post(save_url(colleague_pair), data).status_code == 404
    assert teacher_client.post(save_url(foreign_pair), data).status_code == 404
    assert D(2025, 11, 1) not in logs_of(colleague_pair)
    assert logs_of(foreign_pair) == {}


# ---------------------------------------------------------------------------------------
# Pairs
# ---------------------------------------------------------------------------------------


def pair_data(teacher, **overrides):
    return {
        "teacher": teacher.pk,
        "student_name": " 小明 ",
        "student_class": "初二（3）班",
        "reason": "学习困难",
        "school_year": 2025,
        **overrides,
    }


def test_staff_create_a_pair(staff_client, school):
    with scopes_disabled():
        teacher = MemberFactory(school=school, name="张三")
    response = staff_client.post(reverse("activities:care_pair_create"), pair_data(teacher))
    with scopes_disabled():
        pair = CarePair.objects.get(teacher=teacher)
    assert response["Location"] == pair.get_absolute_url()
    assert (pair.school_id, pair.student_name, pair.school_year) == (school.pk, "小明", 2025)


def test_one_pair_per_teacher_per_school_year(staff_client, own_pair):
    response = staff_client.post(reverse("activities:care_pair_create"), pair_data(own_pair.teacher))
    assert response.status_code == 200
    assert "王伟 在2025—2026学年已有168结对：每位教师每学年只结对一名学生。" in response.content.decode()
    response = staff_client.post(reverse("activities:care_pair_create"), pair_data(own_pair.teacher, school_year=2024))
    assert response.status_code == 302


def test_the_pair_form_refuses_a_teacher_of_another_school_and_blanks(staff_client, other_school):
    with scopes_disabled():
        stranger = MemberFactory(school=other_school)
    data = pair_data(stranger, student_name="", student_class="", reason="", school_year=1990)
    response = staff_client.post(reverse("activities:care_pair_create"), data)
    html = response.content.decode()
    for message in (
        "请选择本校的教职工作为结对教师。",
        "请填写学生姓名。",
        "请填写学生所在班级。",
        "请填写学生的困难情况。",
    ):
        assert message in html
    assert "请从列表中选择学年。" in html
    with scopes_disabled():
        assert not CarePair.objects.exists()


def test_the_pair_page_shows_the_student_the_months_and_the_history(staff_client, own_pair):
    response = staff_client.get(own_pair.get_absolute_url())
    html = response.content.decode()
    assert "小强" in html and "初一（2）班" in html
    assert html.count('class="list-group-item care-month-form') == 12
    assert 'id="care-pair-history"' in html and 'id="care-log-history"' in html


def test_a_teacher_sees_their_pair_but_not_a_colleagues(teacher_client, own_pair, colleague_pair, foreign_pair):
    response = teacher_client.get(own_pair.get_absolute_url())
    assert response.status_code == 200
    assert "小强" in response.content.decode()
    assert 'id="care-log-history"' not in response.content.decode()
    assert teacher_client.get(colleague_pair.get_absolute_url()).status_code == 404
    assert teacher_client.get(foreign_pair.get_absolute_url()).status_code == 404
    update = reverse("activities:care_pair_update", args=[own_pair.pk])
    assert teacher_client.get(update).status_code == 403


def test_an_edit_opened_before_anothers_save_is_refused(staff_client, own_pair):
    url = reverse("activities:care_pair_update", args=[own_pair.pk])
    data = pair_data(own_pair.teacher, loaded_version=own_pair.version)
    with scopes_disabled():
        pair = CarePair.objects.get(pk=own_pair.pk)
        pair.reason = "已改"
        pair.version += 1
        pair.save()
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert 'id="conflict"' in response.content.decode()
    with scopes_disabled():
        assert CarePair.objects.get(pk=own_pair.pk).reason == "已改"


def test_the_chair_deletes_and_restores_a_pair(chair_client, own_pair):
    response = chair_client.post(reverse("activities:care_pair_delete", args=[own_pair.pk]))
    assert response["Location"] == GRID
    assert chair_client.get(GRID, {"year": 2025}).context["grid"]["rows"] == []
    response = chair_client.post(reverse("activities:care_pair_restore", args=[own_pair.pk]))
    assert response["Location"] == own_pair.get_absolute_url()
    assert len(chair_client.get(GRID, {"year": 2025}).context["grid"]["rows"]) == 1


def test_a_pair_is_not_restored_over_a_new_pair_of_the_same_teacher(chair_client, school, own_pair):
    with scopes_disabled():
        own_pair.soft_delete()
        CarePairFactory(school=school, teacher=own_pair.teacher, school_year=own_pair.school_year)
    response = chair_client.post(reverse("activities:care_pair_restore", args=[own_pair.pk]))
    assert response["Location"] == reverse("activities:trash")
    with scopes_disabled():
        assert CarePair.all_objects.get(pk=own_pair.pk).is_deleted


def test_the_pair_is_on_the_teachers_timeline(school, own_pair):
    with scopes_disabled():
        CareLogFactory(pair=own_pair, month=D(2025, 11, 1))
        events = [event for event in timeline_for(own_pair.teacher) if event.url == own_pair.get_absolute_url()]
    assert len(events) == 1
    assert events[0].date == D(2025, 9, 1)
    assert str(events[0].title) == "2025—2026学年：与小强结对，已记录2个月"


def test_a_cell_saved_meanwhile_by_someone_else_is_not_overwritten(staff_client, own_pair):
    loaded = log_state(CareLog(talks=6, tutoring=8, notes=""))
    with scopes_disabled():
        CareLog.objects.filter(pair=own_pair).update(tutoring=3)  # someone else's save
    data = {"month": "2025-10", "talks": "1", "tutoring": "1", "loaded": loaded, "fragment": "cell"}
    response = staff_client.post(save_url(own_pair), data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "在此期间有人已保存：谈心家访 6 次，辅导 3 次。" in html
    assert 'name="talks" min="0" max="99" inputmode="numeric" value="6"' in html  # what is there now
    assert logs_of(own_pair)[D(2025, 10, 1)] == (6, 3, "")
