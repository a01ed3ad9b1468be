"""The annual plan (工作计划): the chair writes sections and items, links the year's
activities and campaigns to an item, and reads plan versus done — each planned item with
what was done for it, and the planned items with nothing done — on the plan page and, when
chosen, in the summary preview."""

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from reports.models import AnnualPlan, PlanItem, PlanSection
from reports.models.plan import plan_versus_done
from tests.factories import DistrictFactory, SchoolFactory

from .factories import AnnualPlanFactory, PlanItemFactory, PlanSectionFactory
from .seed_year import seed_year

PLAN = reverse("reports:plan", kwargs={"year": 2018})


@pytest.fixture
def year(school):
    return seed_year(school)


@pytest.fixture
def plan(school, year):
    with scopes_disabled():
        plan = AnnualPlanFactory(school=school)
        ethics = PlanSectionFactory(plan=plan, title="加强队伍建设", position=1)
        care = PlanSectionFactory(plan=plan, title="温暖工程", position=2)
        done = PlanItemFactory(
            section=ethics, title="开展师德培训", activities=[year.discussion], campaigns=[year.month], position=1
        )
        undone = PlanItemFactory(section=ethics, title="评选学校的优秀教师", position=2)
        games = PlanItemFactory(section=care, title="组织文体活动", activities=[year.tug_of_war, year.volleyball])
    return {"plan": plan, "done": done, "undone": undone, "games": games}


def test_the_chair_writes_the_plan_in_sections_and_items(chair_client, school, year):
    chair_client.post(PLAN, {"part": "guidance", "guidance": "紧紧围绕学校中心工作。"})
    chair_client.post(PLAN, {"part": "section", "title": "加强队伍建设"})
    chair_client.post(PLAN, {"part": "section", "title": "民主建设工程"})
    with scopes_disabled():
        first, second = PlanSection.objects.filter(school=school).order_by("position")
    response = chair_client.post(
        PLAN,
        {
            "part": "item",
            "section": second.pk,
            "title": "坚持推进校务公开",
            "description": "网络公开和校务公开栏相结合。",
            "activities": [year.discussion.pk],
            "campaigns": [year.month.pk],
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        plan = AnnualPlan.objects.get(school=school, year=2018)
        item = PlanItem.objects.get(school=school)
        assert plan.guidance == "紧紧围绕学校中心工作。"
        assert [s.title for s in plan.sections.all()] == ["加强队伍建设", "民主建设工程"]
        assert item.section == second
        assert list(item.activities.all()) == [year.discussion]
        assert list(item.campaigns.all()) == [year.month]
    page = chair_client.get(PLAN).content.decode()
    assert "坚持推进校务公开" in page and year.discussion.title in page


def test_plan_versus_done_lists_what_was_done_and_what_was_not(school, plan, year):
    with scope(school=[school.pk]):
        rows = plan_versus_done(plan["plan"])
    assert [block["section"].title for block in rows] == ["加强队伍建设", "温暖工程"]
    done, undone = rows[0]["items"]
    assert done["done"] and list(done["activities"]) == [year.discussion]
    assert list(done["campaigns"]) == [year.month]
    assert not undone["done"]
    assert [a.title for a in rows[1]["items"][0]["activities"]] == [year.tug_of_war.title, year.volleyball.title]


def test_a_deleted_activity_or_one_of_another_year_does_not_count_as_done(school, plan, year):
    with scopes_disabled():
        year.discussion.soft_delete()
        plan["done"].campaigns.clear()
    with scope(school=[school.pk]):
        rows = plan_versus_done(plan["plan"])
    assert not rows[0]["items"][0]["done"]


def test_the_plan_page_names_the_planned_items_with_nothing_done(staff_client, plan):
    page = staff_client.get(PLAN).content.decode()
    assert 'id="plan-not-done"' in page
    not_done = page[page.index('id="plan-not-done"') :]
    assert "评选学校的优秀教师" in not_done
    assert "开展师德培训" not in not_done[: not_done.index("</div>", not_done.index("list-group"))]
    # Staff read the plan, without the chair's forms.
    assert 'name="part"' not in page


def test_the_summary_shows_plan_versus_done_when_the_chair_chooses(chair_client, plan):
    url = "/reports/2018/"
    assert 'id="plan-versus-done"' not in chair_client.get(url).content.decode()
    chair_client.post(reverse("reports:summary_layout", kwargs={"year": 2018}), {"action": "plan_on"})
    page = chair_client.get(url).content.decode()
    assert 'id="plan-versus-done"' in page
    assert "评选学校的优秀教师" in page


def test_items_move_and_are_deleted(chair_client, school, plan):
    url = reverse("reports:plan_item", kwargs={"year": 2018, "pk": plan["undone"].pk})
    chair_client.post(url, {"action": "up"})
    with scopes_disabled():
        assert [i.title for i in plan["done"].section.items.order_by("position", "pk")] == [
            "评选学校的优秀教师",
            "开展师德培训",
        ]
    chair_client.post(url, {"action": "delete"})
    with scopes_disabled():
        assert not PlanItem.objects.filter(pk=plan["undone"].pk).exists()


def test_editing_an_item_links_other_records(chair_client, school, plan, year):
    item = plan["undone"]
    prefix = "item{}-".format(item.pk)
    chair_client.post(
        reverse("reports:plan_item", kwargs={"year": 2018, "pk": item.pk}),
        {
            "action": "save",
            prefix + "title": "评选优秀教师",
            prefix + "description": "",
            prefix + "activities": [year.essays.pk],
        },
    )
    with scopes_disabled():
        item.refresh_from_db()
        assert item.title == "评选优秀教师"
        assert list(item.activities.all()) == [year.essays]


def test_another_schools_plan_item_answers_404(chair_client, other_school):
    with scopes_disabled():
        foreign = PlanItemFactory(section=PlanSectionFactory(plan=AnnualPlanFactory(school=other_school)))
    response = chair_client.post(
        reverse("reports:plan_item", kwargs={"year": 2018, "pk": foreign.pk}), {"action": "delete"}
    )
    assert response.status_code == 404
    with scopes_disabled():
        assert PlanItem.objects.filter(pk=foreign.pk).exists()


def test_a_district_user_reads_the_plan_of_their_district_schools_only(client, district_user, school, plan):
    client.force_login(district_user)
    response = client.get(PLAN + "?school={}".format(school.pk))
    assert response.status_code == 200
    assert "评选学校的优秀教师" in response.content.decode()
    assert client.post(PLAN + "?school={}".format(school.pk), {"part": "section", "title": "x"}).status_code == 403
    with scopes_disabled():
        elsewhere = SchoolFactory(district=DistrictFactory(name="外区教育工会"))
    assert client.get(PLAN + "?school={}".format(elsewhere.pk)).status_code == 404


def test_teachers_get_403_on_the_plan(teacher_client, school):
    assert teacher_client.get(PLAN).status_code == 403


@pytest.mark.parametrize(
    "url, data",
    [
        (PLAN, {"part": "unknown", "title": "加强队伍建设"}),
        (reverse("reports:summary_layout", kwargs={"year": 2018}), {"key": "activity:1", "section": "ethics"}),
    ],
)
def test_a_garbled_button_is_told_in_chinese_and_changes_nothing(chair_client, school, year, url, data):
    with scopes_disabled():
        before = (PlanSection.objects.count(), AnnualPlan.objects.count())
    response = chair_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "页面提交的请求无法识别，未做任何修改。" in response.content.decode()
    with scopes_disabled():
        assert (PlanSection.objects.count(), AnnualPlan.objects.count()) == before
