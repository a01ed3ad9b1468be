"""The ethics assessment (师德考核): periods, the grid saved all at once or not at all, its bad
input named by row, the distribution, and what a teacher sees (their own, never the grid)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_scopes import scopes_disabled

from activities.choices import EthicsGrade
from activities.models import EthicsAssessment, EthicsPeriod
from members.choices import MemberStatus
from tests.activity_factories import EthicsAssessmentFactory, EthicsPeriodFactory
from tests.factories import DepartmentFactory, MemberFactory

from .factories_pledges import assessments_of, errors_zh, grid_data, grid_row, zh

pytestmark = pytest.mark.usefixtures("fast_password_hasher")


def grid_url(period):
    return reverse("activities:ethics_grid", args=[period.pk])


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def teachers(school):
    """Three teachers in service over two departments, and a retiree (not a row of the grid)."""
    with scopes_disabled():
        chinese = DepartmentFactory(school=school, name="语文组", position=1)
        maths = DepartmentFactory(school=school, name="数学组", position=2)
        return {
            "chinese": chinese,
            "maths": maths,
            "li": MemberFactory(school=school, name="李娜", department=chinese),
            "zhang": MemberFactory(school=school, name="张伟", department=chinese),
            "wang": MemberFactory(school=school, name="王芳", department=maths),
            "retired": MemberFactory(school=school, name="钱老师", department=maths, status=MemberStatus.RETIRED),
        }


@pytest.fixture
def period(school):
    with scopes_disabled():
        return EthicsPeriodFactory(school=school, title="2025年10月")


def stored(period):
    with scopes_disabled():
        return EthicsPeriod.all_objects.get(pk=period.pk)


# ---------------------------------------------------------------------------------------
# The grid
# ---------------------------------------------------------------------------------------


def test_the_grid_has_a_row_for_every_teacher_in_service(staff_client, teachers, period):
    response = staff_client.get(grid_url(period))

    assert response.status_code == 200
    assert [row.member.name for row in response.context["rows"]] == ["李娜", "张伟", "王芳"]
    assert [row.number for row in response.context["rows"]] == [1, 2, 3]
    content = response.content.decode()
    for member in (teachers["li"], teachers["zhang"], teachers["wang"]):
        assert 'name="m{}-score"'.format(member.pk) in content
    assert "钱老师" not in content
    # One department's rows alone, for a phone.
    maths = staff_client.get(grid_url(period), {"department": teachers["maths"].pk})
    assert [row.member.name for row in maths.context["rows"]] == ["王芳"]


def test_a_retiree_assessed_before_retiring_keeps_their_row(staff_client, teachers, period):
    with scopes_disabled():
        EthicsAssessmentFactory(period=period, member=teachers["retired"])
    response = staff_client.get(grid_url(period))
    assert "钱老师" in [row.member.name for row in response.context["rows"]]


def test_the_whole_grid_is_saved_at_once(staff_client, teachers, period):
    data = grid_data(
        period,
        [
            grid_row(teachers["li"], score="96.5"),
            grid_row(teachers["zhang"], grade=EthicsGrade.GOOD),
            grid_row(teachers["wang"], score="88", vetoed=True, reason="组织有偿补课"),
        ],
    )

    response = staff_client.post(grid_url(period), data)

    assert response.status_code == 302
    assert response["Location"] == grid_url(period)
    assert assessments_of(period) == {
        # A score alone gets the grade of its band.
        "李娜": (Decimal("96.5"), EthicsGrade.EXCELLENT, False, ""),
        "张伟": (None, EthicsGrade.GOOD, False, ""),
        # A veto makes the grade 不合格, whatever the score.
        "王芳": (Decimal("88.0"), EthicsGrade.FAIL, True, "组织有偿补课"),
    }
    assert stored(period).version == period.version + 1


@pytest.mark.parametrize(
    "score,grade",
    [
        ("90", "excellent"),
        ("89.9", "good"),
        ("80", "good"),
        ("79.9", "pass"),
        ("60", "pass"),
        ("59.9", "fail"),
        ("0", "fail"),
    ],
)
def test_a_score_alone_is_graded_by_its_band(staff_client, teachers, period, score, grade):
    staff_client.post(grid_url(period), grid_data(period, [grid_row(teachers["li"], score=score)]))
    assert assessments_of(period)["李娜"][:2] == (Decimal(score), grade)


def test_a_veto_without_a_reason_is_refused_naming_the_teachers_row(staff_client, teachers, period):
    data = grid_data(
        period,
        [
            grid_row(teachers["li"], score="95"),
            grid_row(teachers["zhang"], score="70", vetoed=True, reason="   "),
            grid_row(teachers["wang"], score="85"),
        ],
    )

    response = staff_client.post(grid_url(period), data)

    assert response.status_code == 200
    assert assessments_of(period) == {}  # not even the good rows
    form = response.context["form"]
    message = zh(
        "Row %(row)s, %(name)s: %(errors)s", row=2, name="张伟", errors=zh("A veto needs the violation it is for.")
    )
    assert message == "第2行 张伟：一票否决须写明违规事实。"
    content = response.content.decode()
    assert escape(message) in content
    assert errors_zh(form, "m{}-veto_reason".format(teachers["zhang"].pk)) == [
        zh("A veto needs the violation it is for.")
    ]
    # The faulty row is marked, and keeps what was typed.
    assert 'id="row-{}" data-member'.format(teachers["zhang"].pk) in content
    assert (
        'class="grid-row px-2 py-2 border-bottom bg-danger-subtle" id="row-{}"'.format(teachers["zhang"].pk) in content
    )
    assert 'value="95"' in content and 'value="85"' in content
    assert zh("Nothing was saved: correct the rows marked below.") in messages_of(response)


@pytest.mark.parametrize(
    "row,field,message",
    [
        ({"score": "120"}, "score", "Ensure this value is less than or equal to %(limit_value)s."),
        ({"score": "-1"}, "score", "Ensure this value is greater than or equal to %(limit_value)s."),
        ({"score": "95.55"}, "score", None),
        ({"score": "很好"}, "score", "Enter a number."),
        ({"grade": "superb"}, "grade", None),
        ({"reason": "迟到"}, "vetoed", "A violation is written down: tick the veto, or clear the reason."),
        ({"vetoed": True, "reason": "长" * 201}, "veto_reason", None),
    ],
    ids=["score-120", "negative", "two-decimals", "not-a-number", "no-such-grade", "reason-without-veto", "too-long"],
)
def test_one_bad_row_saves_nothing(staff_client, teachers, period, row, field, message):
    with scopes_disabled():
        EthicsAssessmentFactory(period=period, member=teachers["wang"], score=Decimal("91.0"))
    data = grid_data(period, [grid_row(teachers["li"], score="95"), grid_row(teachers["zhang"], **row)])
    data.update(grid_row(teachers["wang"], score="60"))

    response = staff_client.post(grid_url(period), data)

    assert response.status_code == 200
    assert assessments_of(period) == {"王芳": (Decimal("91.0"), EthicsGrade.EXCELLENT, False, "")}
    errors = errors_zh(response.context["form"], "m{}-{}".format(teachers["zhang"].pk, field))
    assert errors
    if message:
        limit = 100 if "less" in message else 0
        assert errors == [zh(message) % {"limit_value": limit} if "%" in message else zh(message)]
    summary = zh("Row %(row)s, %(name)s: %(errors)s", row=2, name="张伟", errors=" ".join(errors))
    assert escape(summary) in response.content.decode()
    assert stored(period).version == period.version


def test_a_member_of_another_school_posted_in_the_grid_is_refused(staff_client, teachers, period, other_member):
    data = grid_data(period, [grid_row(teachers["li"], score="95"), grid_row(other_member, score="80")])

    response = staff_client.post(grid_url(period), data)

    assert response.status_code == 200
    assert assessments_of(period) == {}
    errors = errors_zh(response.context["form"])
    assert len(errors) == 1 and str(other_member.pk) in errors[0]
    assert other_member.name not in response.content.decode()
    with scopes_disabled():
        assert not EthicsAssessment.objects.filter(member=other_member).exists()


def test_a_retiree_who_is_no_row_is_refused_too(staff_client, teachers, period):
    data = grid_data(period, [grid_row(teachers["retired"], score="80")])
    response = staff_client.post(grid_url(period), data)
    assert response.status_code == 200 and assessments_of(period) == {}


def test_rows_not_posted_are_left_and_an_emptied_row_is_cleared(staff_client, teachers, period):
    with scopes_disabled():
        EthicsAssessmentFactory(period=period, member=teachers["li"], score=Decimal("91.0"))
        EthicsAssessmentFactory(period=period, member=teachers["wang"], score=Decimal("82.0"), grade="good")
    # Only 语文组 was shown (a department's part of the grid): 王芳 is untouched.
    data = grid_data(period, [grid_row(teachers["li"]), grid_row(teachers["zhang"], score="75")])
    data["department"] = teachers["chinese"].pk

    response = staff_client.post(grid_url(period), data)

    assert response.status_code == 302
    assert response["Location"] == grid_url(period) + "?department={}".format(teachers["chinese"].pk)
    assert assessments_of(period) == {
        "张伟": (Decimal("75.0"), EthicsGrade.PASS, False, ""),
        "王芳": (Decimal("82.0"), EthicsGrade.GOOD, False, ""),
    }


def test_saving_an_unchanged_grid_changes_nothing(staff_client, teachers, period):
    with scopes_disabled():
        EthicsAssessmentFactory(period=period, member=teachers["li"], score=Decimal("91.0"))
    data = grid_data(period, [grid_row(teachers["li"], score="91.0", grade="excellent"), grid_row(teachers["zhang"])])

    response = staff_client.post(grid_url(period), data, follow=True)

    assert zh("Nothing had changed.") in messages_of(response)
    assert stored(period).version == period.version


def test_a_grid_saved_by_someone_else_meanwhile_is_not_overwritten(staff_client, teachers, period):
    stale = grid_data(period, [grid_row(teachers["li"], score="70")])
    staff_client.post(grid_url(period), grid_data(period, [grid_row(teachers["li"], score="95")]))

    response = staff_client.post(grid_url(period), stale)

    assert response.status_code == 200
    assert assessments_of(period)["李娜"][0] == Decimal("95.0")
    form = response.context["form"]
    assert errors_zh(form)[0].startswith("在您打开本表之后")
    # Saving again, deliberately, goes through.
    assert form.data["loaded_version"] == stored(period).version
    again = staff_client.post(grid_url(period), {**stale, "loaded_version": form.data["loaded_version"]})
    assert again.status_code == 302
    assert assessments_of(period)["李娜"][0] == Decimal("70.0")


def test_a_period_not_yet_begun_cannot_be_assessed(staff_client, school, teachers):
    start = timezone.localdate() + datetime.timedelta(days=3)
    with scopes_disabled():
        period = EthicsPeriodFactory(school=school, starts_on=start, ends_on=start + datetime.timedelta(days=20))

    response = staff_client.post(grid_url(period), grid_data(period, [grid_row(teachers["li"], score="95")]))

    assert response.status_code == 200
    assert errors_zh(response.context["form"]) == [
        zh("This period has not begun: it can be assessed from %(date)s.", date=start.isoformat())
    ]
    assert assessments_of(period) == {}


def test_the_grid_shows_the_periods_distribution(staff_client, teachers, period):
    with scopes_disabled():
        EthicsAssessmentFactory(period=period, member=teachers["li"], score=Decimal("95.0"), grade="excellent")
        EthicsAssessmentFactory(
            period=period,
            member=teachers["zhang"],
            score=Decimal("70.0"),
            grade="fail",
            vetoed=True,
            veto_reason="体罚学生",
        )

    response = staff_client.get(grid_url(period))

    assert response.context["distribution"] == {
        "assessed": 2,
        "grades": {"excellent": 1, "good": 0, "pass": 0, "fail": 1},
        "vetoes": 1,
        "scored": 2,
        "average_score": Decimal("82.5"),
    }
    assert response.context["not_assessed"] == 1
    content = response.content.decode()
    assert "{} 1".format(zh("Excellent")) in content and "{} 1".format(zh("vetoes")) in content
    assert "82.5" in content


def test_the_list_shows_each_periods_distribution(staff_client, teachers, period):
    with scopes_disabled():
        EthicsAssessmentFactory(period=period, member=teachers["li"], score=Decimal("95.0"), grade="excellent")
        EthicsAssessmentFactory(period=period, member=teachers["zhang"], score=Decimal("84.0"), grade="good")

    response = staff_client.get(reverse("activities:ethics_list"))

    (listed,) = response.context["object_list"]
    assert listed.distribution["grades"] == {"excellent": 1, "good": 1, "pass": 0, "fail": 0}
    assert listed.distribution["average_score"] == Decimal("89.5")
    assert "2025年10月" in response.content.decode()


# ---------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------


def period_data(**changes):
    data = {"title": "2025年11月", "kind": "month", "starts_on": "2025-11-01", "ends_on": "2025-11-30"}
    data.update(changes)
    return data


def test_a_new_period_opens_its_grid(staff_client, school):
    response = staff_client.post(reverse("activities:ethics_create"), period_data())
    with scopes_disabled():
        period = EthicsPeriod.objects.get(school=school)
    assert response.status_code == 302 and response["Location"] == grid_url(period)


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"ends_on": "2025-10-31"}, "ends_on", "The end date is before the start date."),
        ({"ends_on": "2025-12-31"}, "ends_on", "A monthly period starts and ends in the same month."),
        ({"title": ""}, "title", None),
    ],
)
def test_a_period_refuses_nonsense(staff_client, school, changes, field, message):
    response = staff_client.post(reverse("activities:ethics_create"), period_data(**changes))
    assert response.status_code == 200
    errors = errors_zh(response.context["form"], field)
    assert errors
    if message:
        assert errors == [zh(message)]
    with scopes_disabled():
        assert not EthicsPeriod.all_objects.filter(school=school).exists()


def test_a_term_may_span_months(staff_client, school):
    response = staff_client.post(
        reverse("activities:ethics_create"),
        period_data(title="2025—2026学年第一学期", kind="term", starts_on="2025-09-01", ends_on="2026-01-31"),
    )
    assert response.status_code == 302


def test_the_chair_deletes_and_restores_a_period(chair_client, period):
    assert chair_client.post(reverse("activities:ethics_delete", args=[period.pk])).status_code == 302
    assert stored(period).is_deleted
    assert chair_client.get(grid_url(period)).status_code == 404
    response = chair_client.post(reverse("activities:ethics_restore", args=[period.pk]))
    assert response.status_code == 302 and response["Location"] == grid_url(period)


# ---------------------------------------------------------------------------------------
# A teacher sees their own assessments only
# ---------------------------------------------------------------------------------------


@pytest.fixture
def own(school, teacher):
    with scopes_disabled():
        return MemberFactory(school=school, name="王伟", user=teacher)


def test_a_teacher_sees_only_their_own_assessments(teacher_client, school, own, teachers, period, other_school):
    with scopes_disabled():
        EthicsAssessmentFactory(period=period, member=own, score=Decimal("93.5"), grade="excellent")
        EthicsAssessmentFactory(
            period=period,
            member=teachers["li"],
            score=Decimal("50.0"),
            grade="fail",
            vetoed=True,
            veto_reason="有偿补课",
        )
        deleted = EthicsPeriodFactory(school=school, title="已删除的考核期")
        EthicsAssessmentFactory(period=deleted, member=own)
        deleted.soft_delete()

    response = teacher_client.get(reverse("activities:ethics_list"))

    assert response.status_code == 200
    assert [(a.period.title, a.score) for a in response.context["object_list"]] == [("2025年10月", Decimal("93.5"))]
    content = response.content.decode()
    assert "93.5" in content and zh("Excellent") in content
    assert "李娜" not in content and "有偿补课" not in content and "50.0" not in content
    assert "已删除的考核期" not in content


def test_a_teacher_never_reaches_the_grid(teacher_client, own, period, other_school):
    assert teacher_client.get(grid_url(period)).status_code == 403
    with scopes_disabled():
        other = EthicsPeriodFactory(school=other_school)
    assert teacher_client.get(grid_url(other)).status_code == 403
    assert teacher_client.post(grid_url(period), grid_data(period, [grid_row(own, score="100")])).status_code == 403
    assert assessments_of(period) == {}


def test_a_teacher_without_a_member_record_is_told(teacher_client):
    response = teacher_client.get(reverse("activities:ethics_list"))
    assert zh("Your login is not linked to a member record yet; ask the union staff.") in response.content.decode()


def test_another_schools_period_is_not_found(staff_client, other_school, other_member):
    with scopes_disabled():
        other = EthicsPeriodFactory(school=other_school)
    for name in ("activities:ethics_grid", "activities:ethics_update"):
        assert staff_client.get(reverse(name, args=[other.pk])).status_code == 404
    response = staff_client.post(grid_url(other), grid_data(other, [grid_row(other_member, score="60")]))
    assert response.status_code == 404
    assert assessments_of(other) == {}


def test_the_timeline_shows_a_members_assessment(staff_client, teachers, period):
    with scopes_disabled():
        EthicsAssessmentFactory(period=period, member=teachers["li"], score=Decimal("95.0"), grade="excellent")
    response = staff_client.get(reverse("members:member_detail", args=[teachers["li"].pk]))
    assert zh("Ethics assessment of %(period)s: %(grade)s", period="2025年10月", grade=zh("Excellent")) in (
        response.content.decode()
    )
