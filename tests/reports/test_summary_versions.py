"""Exports of the annual summary: the draft downloads as Word and writes nothing; freezing
(定稿) is a separate, confirmed POST that makes one numbered version however often it is
clicked, and a version downloads again exactly as it was (same text, even after records and
draft change); the records spreadsheet; who may download, freeze and read (district users
read-only, only their own district's schools); the preview's query count does not grow
with the year."""

import io
import threading

import docx
import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from reports import services
from reports.models import SummaryDraft, SummaryVersion
from reports.periods import Period
from tests.activity_factories import ActivityFactory, VisitFactory
from tests.at_once import post_at_once
from tests.factories import DistrictFactory, DistrictUserFactory, SchoolFactory

from .factories import SummaryDraftFactory
from .freezing import freeze, freeze_url
from .seed_year import category, day, seed_year

URL = "/reports/2018/"
DOCX = reverse("reports:summary_docx", kwargs={"year": 2018})


def version_url(number, query=""):
    return reverse("reports:summary_version", kwargs={"year": 2018, "number": number}) + query


def docx_text(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


@pytest.fixture
def year(school):
    return seed_year(school)


def versions(school):
    with scopes_disabled():
        return list(SummaryVersion.objects.filter(school=school).order_by("number"))


def reports_rows():
    with scopes_disabled():
        return (
            SummaryDraft.objects.count(),
            SummaryDraft.history.count(),
            SummaryVersion.objects.count(),
        )


def save_opening(client, loaded_version, opening):
    url = reverse("reports:summary_texts", kwargs={"year": 2018})
    assert client.post(url, {"loaded_version": loaded_version, "opening": opening}).status_code == 302


# --- the draft as Word: a download, not a freeze ------------------------------------------------


def test_downloading_the_draft_as_word_writes_no_version(chair_client, school, year):
    first = chair_client.get(DOCX)
    second = chair_client.get(DOCX)
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "attachment" in first["Content-Disposition"]
    assert "%EF%BC%88%E8%8D%89%E7%A8%BF%EF%BC%89.docx" in first["Content-Disposition"]  # （草稿）.docx
    assert "清溪区实验初级中学2018年度工会工作总结" in docx_text(first)
    assert reports_rows() == (0, 0, 0)


def test_the_draft_download_reads_the_draft_as_it_is_now(chair_client, school, year):
    save_opening(chair_client, 1, "草稿里的开篇。")
    assert "草稿里的开篇" in docx_text(chair_client.get(DOCX))
    assert versions(school) == []


def test_the_draft_download_is_not_a_post(chair_client, school, year):
    assert chair_client.post(DOCX).status_code == 405
    assert versions(school) == []


# --- freezing (定稿): confirmed, once per click, once per unchanged draft ------------------------


def test_the_confirmation_page_names_what_is_frozen_and_that_it_cannot_change(chair_client, school, year):
    page = chair_client.get(freeze_url()).content.decode()
    assert "《清溪区实验初级中学2018年度工会工作总结》将定稿为第1版" in page
    assert "定稿后的版本不能再修改" in page
    assert 'name="confirm"' in page and 'name="submission_token"' in page and "csrfmiddlewaretoken" in page
    assert versions(school) == []


def test_freezing_needs_the_confirmation_ticked(chair_client, school, year):
    response = freeze(chair_client, confirm=False)
    assert response.status_code == 200
    assert "请勾选确认后再定稿" in response.content.decode()
    assert versions(school) == []


def test_a_refused_confirmation_leaves_the_token_for_the_corrected_post(chair_client, school, year):
    token = "a" * 32
    freeze(chair_client, token=token, confirm=False)
    assert freeze(chair_client, token=token).status_code == 302
    assert [v.number for v in versions(school)] == [1]


def test_freezing_makes_version_1_and_lands_on_it(chair_client, chair, school, year):
    response = freeze(chair_client)
    assert response.status_code == 302
    assert response["Location"] == URL + "#version-1"
    frozen = versions(school)
    assert [v.number for v in frozen] == [1]
    assert frozen[0].created_by == chair
    page = chair_client.get(URL).content.decode()
    assert "已定稿为第1版" in page and 'id="version-1"' in page


def test_a_double_click_with_the_same_token_makes_one_version(chair_client, school, year):
    token = "b" * 32
    first = freeze(chair_client, token=token)
    second = freeze(chair_client, token=token)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert [v.number for v in versions(school)] == [1]
    assert "该版本已经定稿" in chair_client.get(URL).content.decode()


def test_a_second_freeze_with_nothing_changed_is_refused_and_lands_on_the_version(chair_client, school, year):
    freeze(chair_client)
    again = freeze(chair_client)
    assert again.status_code == 302
    assert again["Location"] == URL + "#version-1"
    assert [v.number for v in versions(school)] == [1]
    assert "自第1版以来没有任何改动，未生成新版本" in chair_client.get(URL).content.decode()


def test_the_confirmation_page_says_when_nothing_changed_before_the_chair_confirms(chair_client, school, year):
    freeze(chair_client)
    page = chair_client.get(freeze_url()).content.decode()

    assert "自第1版以来没有任何改动，无需定稿新版本。" in page
    assert 'data-summary="freeze-confirm"' not in page
    save_opening(chair_client, 1, "本年度，学校工会全心全意为教职工服务。")
    assert 'data-summary="freeze-confirm"' in chair_client.get(freeze_url()).content.decode()


def test_a_change_then_a_freeze_makes_version_2(chair_client, school, year):
    freeze(chair_client)
    save_opening(chair_client, 1, "定稿之后改过的开篇。")
    response = freeze(chair_client)
    assert response["Location"] == URL + "#version-2"
    assert [v.number for v in versions(school)] == [1, 2]
    assert "定稿之后改过的开篇" in docx_text(chair_client.get(version_url(2)))
    assert "定稿之后改过的开篇" not in docx_text(chair_client.get(version_url(1)))


def test_two_freezes_assembled_at_once_make_one_version(chair, school, year):
    """Both requests assembled the year and read the draft before either froze: the second
    freeze, run against the locked draft row, sees the first's version and is refused."""
    from reports.assembly import assemble

    period = Period.calendar_year(2018)
    with scope(school=[school.pk]):
        assembled = [assemble(school, period), assemble(school, period)]
        drafts = [services.draft_for(school, period), services.draft_for(school, period)]
        services.freeze_version(drafts[0], chair, assembled[0])
        with pytest.raises(services.VersionUnchanged) as refused:
            services.freeze_version(drafts[1], chair, assembled[1])
    assert refused.value.version.number == 1
    assert [v.number for v in versions(school)] == [1]


def test_a_frozen_version_downloads_again_exactly_as_it_was(chair_client, school, year):
    chair_client.post(
        reverse("reports:summary_texts", kwargs={"year": 2018}), {"loaded_version": 1, "opening": "第一版的开篇。"}
    )
    freeze(chair_client)
    exported = docx_text(chair_client.get(version_url(1)))
    again = docx_text(chair_client.get(version_url(1)))
    twice = docx_text(chair_client.get(version_url(1)))
    assert exported == again == twice

    # The records and the draft change; version 1 stays as it was, version 2 has the news.
    with scopes_disabled():
        ActivityFactory(
            school=school, title="教职工趣味运动会", category=category(school, "文体活动"), starts_on=day(11, 20)
        )
    chair_client.post(
        reverse("reports:summary_texts", kwargs={"year": 2018}), {"loaded_version": 2, "opening": "改过的开篇。"}
    )
    assert docx_text(chair_client.get(version_url(1))) == exported
    freeze(chair_client)
    newer = docx_text(chair_client.get(version_url(2)))
    assert "教职工趣味运动会" in newer and "改过的开篇" in newer
    assert "教职工趣味运动会" not in exported and "第一版的开篇" in exported


def test_the_preview_lists_the_versions_with_their_download_links(chair_client, school, year):
    freeze(chair_client)
    page = chair_client.get(URL).content.decode()
    assert 'href="{}"'.format(version_url(1)) in page


def test_a_version_that_does_not_exist_answers_404(chair_client, school, year):
    assert chair_client.get(version_url(7)).status_code == 404


def test_the_records_spreadsheet_of_the_year_downloads(chair_client, school, year):
    response = chair_client.get(reverse("reports:records_xlsx", kwargs={"year": 2018}))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    assert len(book.sheetnames) > 1


# --- who may do what --------------------------------------------------------------------------


def test_the_chair_sees_the_draft_download_and_the_freeze_button(chair_client, school, year):
    page = chair_client.get(URL).content.decode()
    assert 'href="{}"'.format(DOCX) in page and "下载Word（草稿）" in page
    assert 'href="{}"'.format(freeze_url()) in page and "定稿（生成新版本）" in page


def test_staff_download_the_draft_but_cannot_freeze(client, chair, staff, school, year):
    client.force_login(chair)
    freeze(client)
    client.force_login(staff)
    page = client.get(URL).content.decode()
    assert 'name="opening"' not in page and "data-action" not in page
    assert 'href="{}"'.format(DOCX) in page and 'href="{}"'.format(freeze_url()) not in page
    assert client.get(DOCX).status_code == 200
    assert client.get(version_url(1)).status_code == 200
    assert client.get(freeze_url()).status_code == 403
    assert freeze(client).status_code == 403
    assert client.post(reverse("reports:summary_layout", kwargs={"year": 2018}), {"action": "hide"}).status_code == 403
    assert [v.number for v in versions(school)] == [1]


def test_teachers_get_403(teacher_client, school, year):
    assert teacher_client.get(URL).status_code == 403
    assert teacher_client.get(version_url(1)).status_code == 403
    assert teacher_client.get(DOCX).status_code == 403
    assert teacher_client.get(freeze_url()).status_code == 403
    assert freeze(teacher_client).status_code == 403
    assert versions(school) == []


def test_another_schools_chair_freezes_only_her_own_school(client, chair, other_chair, school, other_school, year):
    client.force_login(chair)
    freeze(client)
    client.force_login(other_chair)
    # The school in the query is ignored for a school login; her own summary is frozen.
    freeze(client, query="?school={}".format(school.pk))
    freeze(client, query="?school={}".format(school.pk))
    assert [v.number for v in versions(school)] == [1]
    assert [v.number for v in versions(other_school)] == [1]
    with scopes_disabled():
        own = SummaryVersion.objects.get(school=school)
    assert own.summary_document().school_name == school.name
    # Her version 2 is hers alone: the first school has none of that number.
    save_opening(client, 1, "外校改过的开篇。")
    freeze(client)
    assert client.get(version_url(2)).status_code == 200
    client.force_login(chair)
    assert client.get(version_url(2)).status_code == 404


def test_a_district_user_reads_a_school_of_their_district_read_only(client, chair, district_user, school, year):
    client.force_login(chair)
    freeze(client)
    client.force_login(district_user)
    query = "?school={}".format(school.pk)
    response = client.get(URL + query)
    assert response.status_code == 200
    page = response.content.decode()
    assert "清溪区实验初级中学2018年度工会工作总结" in page
    assert 'name="opening"' not in page and "data-action" not in page
    assert 'data-summary="export-docx"' not in page and 'data-summary="freeze"' not in page
    assert client.get(version_url(1, query)).status_code == 200
    # No edits, no freezing, no draft file, no records of named people.
    assert client.get(DOCX + query).status_code == 403
    assert client.get(freeze_url(query=query)).status_code == 403
    assert freeze(client, query=query).status_code == 403
    assert client.get(reverse("reports:records_xlsx", kwargs={"year": 2018}) + query).status_code == 403
    assert [v.number for v in versions(school)] == [1]
    # Without a school there is nothing to read.
    assert client.get(URL).status_code == 404


def test_a_school_of_another_district_answers_404_to_a_district_user(client, district_user, school):
    with scopes_disabled():
        elsewhere = SchoolFactory(district=DistrictFactory(name="外区教育工会"), name="外区学校")
    client.force_login(district_user)
    assert client.get(URL + "?school={}".format(elsewhere.pk)).status_code == 404
    assert client.get(version_url(1, "?school={}".format(elsewhere.pk))).status_code == 404
    other_district_user = DistrictUserFactory(district=elsewhere.district)
    client.force_login(other_district_user)
    assert client.get(URL + "?school={}".format(school.pk)).status_code == 404


def test_the_school_year_switch_reads_the_school_year_starting_that_year(chair_client, school, year):
    page = chair_client.get(URL + "?period=school_year").content.decode()
    assert "2018—2019学年" in page
    # The spring tug-of-war (April 2018) belongs to the previous school year.
    assert "拔河" not in page
    assert "气排球比赛" in page


# --- query counts -----------------------------------------------------------------------------


def _preview_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_preview_query_count_does_not_grow_with_the_year(chair_client, school, year):
    freeze(chair_client)
    before = _preview_queries(chair_client)
    with scopes_disabled():
        culture = category(school, "文体活动")
        for n in range(15):
            ActivityFactory(
                school=school,
                title="活动{}".format(n),
                category=culture,
                starts_on=day(1 + n % 11, 10),
                participants=year.members[:3],
            )
            VisitFactory(school=school, member=year.members[n % 5], visited_on=day(1 + n % 11, 12))
    freeze(chair_client)
    assert _preview_queries(chair_client) == before


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("written", [False, True], ids=["no-draft-yet", "draft-written"])
def test_two_freezes_posted_at_once_with_different_tokens_make_one_version(chair, school, monkeypatch, written):
    """Two tabs freeze at the same moment: both assemble the year before either writes; the
    lock on the draft row makes the second wait for the first and then find nothing new."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads cannot share an in-memory SQLite database; run it on PostgreSQL")
    from reports.views.summary import SummaryMixin

    seed_year(school)
    if written:
        with scopes_disabled():
            SummaryDraftFactory(school=school, year=2018, opening="两个窗口同时定稿之前写好的开篇。")
    both_assembled = threading.Barrier(2, timeout=10)
    assembled = SummaryMixin.assembled

    def assemble_together(self):
        document = assembled(self)
        both_assembled.wait()
        return document

    monkeypatch.setattr(SummaryMixin, "assembled", assemble_together)
    responses = post_at_once(chair, freeze)

    assert [v.number for v in versions(school)] == [1]
    assert [r.status_code for r in responses] == [302, 302]
    assert {r["Location"] for r in responses} == {URL + "#version-1"}
