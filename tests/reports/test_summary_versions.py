"""Exports of the annual summary: each Word export freezes a numbered version that can be
downloaded again exactly as it was (same text, even after records and draft change); the
records spreadsheet; who may export and read (district users read-only, only their own
district's schools); the preview's query count does not grow with the year."""

import io

import docx
import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from reports.models import SummaryVersion
from tests.activity_factories import ActivityFactory, VisitFactory
from tests.factories import DistrictFactory, DistrictUserFactory, SchoolFactory

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


def test_each_word_export_freezes_the_next_numbered_version(chair_client, chair, school, year):
    first = chair_client.post(DOCX)
    second = chair_client.post(DOCX)
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "attachment" in first["Content-Disposition"]
    with scopes_disabled():
        versions = list(SummaryVersion.objects.filter(school=school).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].created_by == chair
    assert "2018年清溪区实验初级中学工会工作总结" in docx_text(first)


def test_a_frozen_version_downloads_again_exactly_as_it_was(chair_client, school, year):
    chair_client.post(
        reverse("reports:summary_texts", kwargs={"year": 2018}), {"loaded_version": 1, "opening": "第一版的开篇。"}
    )
    exported = docx_text(chair_client.post(DOCX))
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
    newer = docx_text(chair_client.post(DOCX))
    assert "教职工趣味运动会" in newer and "改过的开篇" in newer
    assert "教职工趣味运动会" not in exported and "第一版的开篇" in exported


def test_the_preview_lists_the_versions_with_their_download_links(chair_client, school, year):
    chair_client.post(DOCX)
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


def test_staff_read_the_preview_and_versions_but_do_not_freeze_or_edit(client, chair, staff, school, year):
    client.force_login(chair)
    client.post(DOCX)
    client.force_login(staff)
    page = client.get(URL).content.decode()
    assert 'name="opening"' not in page and "data-action" not in page
    assert client.get(version_url(1)).status_code == 200
    assert client.post(DOCX).status_code == 403
    assert client.post(reverse("reports:summary_layout", kwargs={"year": 2018}), {"action": "hide"}).status_code == 403
    with scopes_disabled():
        assert SummaryVersion.objects.filter(school=school).count() == 1


def test_teachers_get_403(teacher_client, school, year):
    assert teacher_client.get(URL).status_code == 403
    assert teacher_client.get(version_url(1)).status_code == 403


def test_a_district_user_reads_a_school_of_their_district_read_only(client, chair, district_user, school, year):
    client.force_login(chair)
    client.post(DOCX)
    client.force_login(district_user)
    query = "?school={}".format(school.pk)
    response = client.get(URL + query)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2018年清溪区实验初级中学工会工作总结" in page
    assert 'name="opening"' not in page and "data-action" not in page
    assert client.get(version_url(1, query)).status_code == 200
    # No edits, no freezing, no records of named people.
    assert client.post(DOCX + query).status_code == 403
    assert client.get(reverse("reports:records_xlsx", kwargs={"year": 2018}) + query).status_code == 403
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
    chair_client.post(DOCX)
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
    chair_client.post(DOCX)
    assert _preview_queries(chair_client) == before
