"""Awards beyond the ones won: applications (申报) and nominations (推荐) beside awards won;
the township level (街道/镇) between school and district; papers published apart from papers
awarded; research projects (课题) with their level and status (立项/结题); the named
programme (一师一优课, 五四微课…) of an award and of an activity, with the names already used
offered in a datalist; and the selectors the summary reads."""

import datetime
from types import SimpleNamespace

import pytest
from django.apps import apps as global_apps
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django_scopes import scope, scopes_disabled

from activities.choices import AwardKind, AwardLevel, AwardRecipientKind, AwardStatus
from activities.models import Activity, Award
from activities.selectors.awards import award_entries, award_figures, award_sentences, awards, awards_by_programme
from activities.selectors.log import activity_programmes, programme_names
from activities.timeline import award_events

from ..activity_factories import ActivityFactory, AwardFactory, default_category
from ..factories import MemberFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

D = datetime.date
YEAR_2025 = (D(2025, 1, 1), D(2025, 12, 31))


@pytest.fixture
def scoped(school):
    with scope(school=[school.pk]):
        yield school


def award_data(**changes):
    return {
        "title": "区优质课评比",
        "kind": "competition",
        "status": "awarded",
        "level": str(AwardLevel.DISTRICT.value),
        "rank": "",
        "awarded_on": "2025-10-15",
        "programme": "",
        "journal": "",
        "issuer": "清溪区教育局",
        "recipient_kind": "school",
        "group_name": "",
        "club": "",
        **changes,
    }


def saved_award(client, **changes):
    response = client.post(reverse("activities:award_create"), award_data(**changes))
    assert response.status_code == 302, response.context and response.context["form"].errors
    with scopes_disabled():
        return Award.objects.latest("pk")


def refused_award(client, field, **changes):
    response = client.post(reverse("activities:award_create"), award_data(**changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field], errors
    with scopes_disabled():
        assert not Award.all_objects.exists()
    return response.content.decode()


# ---- applied / nominated / won ---------------------------------------------------------


@pytest.mark.parametrize("status", ["awarded", "applied", "nominated"])
def test_an_award_is_recorded_won_applied_for_or_nominated(staff_client, status):
    award = saved_award(staff_client, status=status)

    assert award.status == status


def test_an_award_without_a_status_was_won(staff_client):
    assert saved_award(staff_client, status="").status == AwardStatus.AWARDED


def test_an_application_counts_apart_from_the_awards_won(scoped):
    won = MemberFactory(school=scoped, name="周敏")
    waiting = MemberFactory(school=scoped, name="吴强")
    on = D(2025, 5, 1)
    AwardFactory(school=scoped, members=[won], awarded_on=on)
    AwardFactory(school=scoped, members=[waiting, won], awarded_on=on, status=AwardStatus.APPLIED, rank="")
    AwardFactory(school=scoped, members=[waiting], awarded_on=on, status=AwardStatus.NOMINATED, rank="")

    figures = award_figures(scoped, *YEAR_2025)

    assert (figures["awards"], figures["person_times"]) == (1, 1)
    assert figures["competition_person_times_district_and_above"] == 1
    assert figures["pending"] == {"awards": 2, "person_times": 3}
    assert figures["by_status"]["applied"] == {"awards": 1, "person_times": 2}
    assert figures["by_status"]["nominated"] == {"awards": 1, "person_times": 1}
    assert figures["by_status"]["awarded"] == {"awards": 1, "person_times": 1}
    with translation.override("zh-hans"):
        assert award_sentences(figures)[-1] == "3人次申报或被推荐，结果待定"


def test_the_list_filters_by_status_and_marks_applications(staff_client, scoped):
    AwardFactory(school=scoped, title="已获奖", awarded_on=D(2025, 5, 1), recipient_kind="school")
    AwardFactory(school=scoped, title="已申报", awarded_on=D(2025, 5, 2), recipient_kind="school", status="applied")
    AwardFactory(school=scoped, title="被推荐", awarded_on=D(2025, 5, 3), recipient_kind="school", status="nominated")
    url = reverse("activities:award_list")

    def titles(**query):
        return [award.title for award in staff_client.get(url, {"year": 2025, **query}).context["awards"]]

    assert titles() == ["被推荐", "已申报", "已获奖"]
    assert titles(status="pending") == ["被推荐", "已申报"]
    assert titles(status="awarded") == ["已获奖"]
    page = staff_client.get(url, {"year": 2025}).content.decode()
    assert 'data-status="applied">申报<' in page and 'data-status="nominated">推荐<' in page
    assert "另有2项申报或推荐（2人次），未计入以上数字。" in page


def test_a_status_that_does_not_fit_the_kind_is_refused(staff_client):
    page = refused_award(staff_client, "status", kind="honour", status="concluded")

    assert "状态：荣誉称号不能是“结题”" in page


# ---- levels ----------------------------------------------------------------------------


def test_the_township_level_sits_between_school_and_district(scoped):
    assert AwardLevel.SCHOOL < AwardLevel.TOWNSHIP < AwardLevel.DISTRICT < AwardLevel.CITY
    for level in (AwardLevel.CITY, AwardLevel.SCHOOL, AwardLevel.DISTRICT, AwardLevel.TOWNSHIP):
        AwardFactory(school=scoped, level=level, title=level.label, recipient_kind="school")

    ordered = list(awards(scoped).order_by("level").values_list("level", flat=True))
    figures = award_figures(scoped, D(2000, 1, 1), D(2100, 12, 31))

    assert ordered == [AwardLevel.SCHOOL, AwardLevel.TOWNSHIP, AwardLevel.DISTRICT, AwardLevel.CITY]
    assert list(figures["by_level"]) == sorted(AwardLevel.values)
    assert figures["by_level"][AwardLevel.TOWNSHIP] == {"awards": 1, "person_times": 1}
    # 区级及以上 leaves the township out.
    assert figures["competition_person_times_district_and_above"] == 2
    with translation.override("zh-hans"):
        assert str(AwardLevel.TOWNSHIP.label) == "街道/镇级"


def test_the_award_list_has_a_township_column(staff_client, scoped):
    AwardFactory(school=scoped, level=AwardLevel.TOWNSHIP, awarded_on=D(2025, 5, 1), recipient_kind="school")

    page = staff_client.get(reverse("activities:award_list"), {"year": 2025}).content.decode()

    assert page.index("校级") < page.index("街道/镇级") < page.index("区级")


def test_existing_awards_move_to_the_new_levels_kinds_and_statuses(scoped):
    """The data migration: district and above move up one level, papers become papers
    awarded, research projects approved; history rows move with them."""
    migration = __import__(
        "activities.migrations.0004_award_levels_papers_research_data", fromlist=["forwards"]
    )  # a module name starting with a digit
    old = {
        "district": AwardFactory(school=scoped, recipient_kind="school"),
        "nation": AwardFactory(school=scoped, recipient_kind="school"),
        "school": AwardFactory(school=scoped, recipient_kind="school", level=AwardLevel.SCHOOL),
        "paper": AwardFactory(school=scoped, recipient_kind="school"),
        "research": AwardFactory(school=scoped, recipient_kind="school", kind=AwardKind.RESEARCH),
    }
    with scopes_disabled():
        Award.objects.filter(pk=old["district"].pk).update(level=2)
        Award.objects.filter(pk=old["nation"].pk).update(level=5)
        Award.objects.filter(pk=old["paper"].pk).update(kind="paper", level=4)
        Award.history.filter(id=old["paper"].pk).update(kind="paper", level=4)

        migration.forwards(global_apps, SimpleNamespace(connection=connection))

        now = {name: Award.objects.get(pk=award.pk) for name, award in old.items()}
        history = Award.history.filter(id=old["paper"].pk).get()
    assert now["district"].level == AwardLevel.DISTRICT
    assert now["nation"].level == AwardLevel.NATION
    assert now["school"].level == AwardLevel.SCHOOL
    assert (now["paper"].kind, now["paper"].level) == (AwardKind.PAPER_AWARDED, AwardLevel.PROVINCE)
    assert (history.kind, history.level) == (AwardKind.PAPER_AWARDED, AwardLevel.PROVINCE)
    assert now["research"].status == AwardStatus.APPROVED


# ---- papers ----------------------------------------------------------------------------


def test_a_published_paper_names_its_journal_and_is_published(staff_client):
    page = refused_award(staff_client, "journal", kind="paper_published", title="论文《家访中的沟通艺术》")
    assert "刊物：请填写论文发表的刊物名称。" in page

    paper = saved_award(staff_client, kind="paper_published", journal=" 江苏教育 ", title="论文《家访》")

    assert (paper.kind, paper.status, paper.journal) == ("paper_published", "published", "江苏教育")


def test_papers_published_and_papers_awarded_are_counted_apart(scoped):
    on = D(2025, 6, 1)
    for title in ("论文一", "论文二"):
        AwardFactory(
            school=scoped,
            title=title,
            kind=AwardKind.PAPER_PUBLISHED,
            status=AwardStatus.PUBLISHED,
            journal="江苏教育",
            recipient_kind="school",
            awarded_on=on,
        )
    AwardFactory(school=scoped, kind=AwardKind.PAPER_AWARDED, recipient_kind="school", awarded_on=on)

    figures = award_figures(scoped, *YEAR_2025)

    assert (figures["papers_published"], figures["papers_awarded"]) == (2, 1)
    with translation.override("zh-hans"):
        sentences = award_sentences(figures)
    assert "在刊物上发表论文2篇" in sentences and "1篇论文获奖" in sentences


# ---- research projects -----------------------------------------------------------------


def test_a_research_project_is_recorded_with_its_level_and_status(staff_client, scoped):
    project = saved_award(
        staff_client, kind="research", status="approved", level=str(AwardLevel.CITY.value), title="市级课题《作业设计》"
    )
    assert (project.kind, project.level, project.status) == ("research", AwardLevel.CITY, "approved")

    AwardFactory(school=scoped, kind="research", level=AwardLevel.CITY, status="concluded", awarded_on=D(2025, 6, 1))
    AwardFactory(school=scoped, kind="research", level=AwardLevel.DISTRICT, status="applied", awarded_on=D(2025, 6, 1))
    project.awarded_on = D(2025, 3, 1)
    project.save()
    figures = award_figures(scoped, *YEAR_2025)

    assert figures["research_by_level"][AwardLevel.CITY] == 2
    assert figures["research_by_level"][AwardLevel.DISTRICT] == 0, "an application is not a project yet"
    assert figures["research_by_level_status"][AwardLevel.CITY]["approved"] == 1
    assert figures["research_by_level_status"][AwardLevel.CITY]["concluded"] == 1
    assert figures["research_by_level_status"][AwardLevel.DISTRICT]["applied"] == 1


def test_only_a_research_project_is_approved_or_concluded(staff_client):
    refused_award(staff_client, "status", kind="competition", status="approved")
    refused_award(staff_client, "status", kind="research", status="nominated")


# ---- programme -------------------------------------------------------------------------


def test_an_award_and_an_activity_carry_their_programme(staff_client, school):
    award = saved_award(staff_client, kind="open_lesson", programme=" 一师一优课 ", title="部级优课")
    response = staff_client.post(
        reverse("activities:activity_create"),
        {
            "title": "五四青年教师微课展示",
            "category": default_category(school).pk,
            "starts_on": "2025-05-04",
            "ends_on": "",
            "programme": "五四  微课",
            "location": "",
            "organiser": "",
            "description": "",
            "outside_participants": "0",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        activity = Activity.objects.get()

    assert (award.programme, activity.programme) == ("一师一优课", "五四 微课")
    assert 'data-field="programme">一师一优课<' in staff_client.get(award.get_absolute_url()).content.decode()
    assert 'data-field="programme">五四 微课<' in staff_client.get(activity.get_absolute_url()).content.decode()
    listed = staff_client.get(reverse("activities:activity_list"), {"year": 2025}).content.decode()
    assert "五四 微课</span>" in listed


def test_the_forms_offer_the_programmes_the_school_already_used(staff_client, scoped, other_school):
    AwardFactory(school=scoped, programme="一师一优课", recipient_kind="school")
    ActivityFactory(school=scoped, programme="五四微课")
    ActivityFactory(school=scoped, programme="一师一优课")
    with scope(school=[other_school.pk]):
        ActivityFactory(school=other_school, programme="外校的项目")

    assert programme_names(scoped) == ["一师一优课", "五四微课"]
    for url in ("activities:award_create", "activities:activity_create"):
        page = staff_client.get(reverse(url)).content.decode()
        assert 'list="id_programme-names"' in page
        options = '<option value="一师一优课"><option value="五四微课">'
        assert '<datalist id="id_programme-names">{}</datalist>'.format(options) in page


def test_the_award_list_filters_by_programme(staff_client, scoped):
    AwardFactory(school=scoped, title="优课", programme="一师一优课", awarded_on=D(2025, 5, 1), recipient_kind="school")
    AwardFactory(school=scoped, title="其他", awarded_on=D(2025, 5, 1), recipient_kind="school")

    response = staff_client.get(reverse("activities:award_list"), {"year": 2025, "programme": "一师一优课"})

    assert [award.title for award in response.context["awards"]] == ["优课"]


def test_the_selectors_name_people_by_status_and_programme(scoped):
    zhou, wu = MemberFactory(school=scoped, name="周敏"), MemberFactory(school=scoped, name="吴强")
    AwardFactory(
        school=scoped,
        title="部级优课",
        kind=AwardKind.OPEN_LESSON,
        level=AwardLevel.NATION,
        programme="一师一优课",
        members=[zhou],
        awarded_on=D(2025, 3, 1),
    )
    AwardFactory(
        school=scoped,
        title="省级优课",
        kind=AwardKind.OPEN_LESSON,
        level=AwardLevel.PROVINCE,
        programme="一师一优课",
        status=AwardStatus.APPLIED,
        members=[wu, zhou],
        awarded_on=D(2025, 4, 1),
    )
    AwardFactory(
        school=scoped,
        title="先进教研组",
        recipient_kind=AwardRecipientKind.GROUP,
        group_name="语文组",
        awarded_on=D(2025, 5, 1),
    )
    ActivityFactory(school=scoped, title="优课展示", programme="一师一优课", starts_on=D(2025, 3, 2))
    ActivityFactory(school=scoped, title="普通活动", starts_on=D(2025, 3, 3))

    entries = award_entries(scoped, *YEAR_2025)
    grouped = awards_by_programme(entries)

    assert [(e["title"], e["status"], e["pending"], e["names"]) for e in entries] == [
        ("部级优课", "awarded", False, ["周敏"]),
        ("省级优课", "applied", True, ["吴强", "周敏"]),
        ("先进教研组", "awarded", False, ["语文组"]),
    ]
    assert [(g["programme"], [e["title"] for e in g["entries"]]) for g in grouped] == [
        ("一师一优课", ["部级优课", "省级优课"])
    ]
    assert activity_programmes(scoped, *YEAR_2025) == [
        {"programme": "一师一优课", "activities": 1, "titles": ["优课展示"]}
    ]


def test_award_entries_read_in_two_queries(scoped, django_assert_num_queries):
    for n in range(5):
        AwardFactory(school=scoped, members=[MemberFactory(school=scoped)], awarded_on=D(2025, 5, n + 1))

    with django_assert_num_queries(2):
        award_entries(scoped, *YEAR_2025)


def test_a_members_timeline_says_an_award_was_only_applied_for(scoped):
    zhou = MemberFactory(school=scoped, name="周敏")
    AwardFactory(school=scoped, title="区优质课评比", members=[zhou], status=AwardStatus.APPLIED, rank="")
    AwardFactory(school=scoped, title="区基本功比赛", members=[zhou], rank="一等奖")

    with translation.override("zh-hans"):
        texts = sorted(event.title for event in award_events(zhou) if event.kind == "获奖")

    assert texts == ["区级 区优质课评比 申报", "区级 区基本功比赛 一等奖"]
