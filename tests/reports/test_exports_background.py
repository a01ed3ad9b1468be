"""A busy year's records workbook and Word file are made in the background; a quiet year's
come straight back, as before."""

import datetime
import io

import docx
import openpyxl
import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from reports.exports.xlsx import SHEETS
from unionhub.models import BackgroundJob, JobState

from ..activity_factories import ActivityFactory

pytestmark = pytest.mark.django_db

RECORDS_URL = reverse("reports:records_xlsx", kwargs={"year": 2018})
DRAFT_URL = reverse("reports:summary_docx", kwargs={"year": 2018})


@pytest.fixture
def busy_year(settings, school):
    """A year over the threshold: here, any year with a record."""
    settings.UNIONHUB = {**settings.UNIONHUB, "EXPORT_BACKGROUND_RECORDS": 0}
    with scopes_disabled():
        ActivityFactory(school=school, title="迎新年长跑", starts_on=datetime.date(2018, 1, 6))


def finished_job(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    with scopes_disabled():
        job = BackgroundJob.objects.get(pk=int(response["Location"].split("/")[2]))
    assert job.state == JobState.DONE, job.error
    return job


def downloaded(client, job):
    response = client.get(reverse("jobs:job_download", kwargs={"pk": job.pk}))
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_a_busy_years_workbook_is_made_in_the_background(staff_client, busy_year):
    job = finished_job(staff_client, RECORDS_URL)

    assert (job.kind, job.params) == ("records_xlsx", {"year": 2018, "period": "year"})
    assert job.progress_total == len(SHEETS)
    response, content = downloaded(staff_client, job)
    assert "2018%E5%B9%B4" in response["Content-Disposition"]  # 2018年…工会工作记录.xlsx
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert len(workbook.worksheets) == len(SHEETS)
    assert "迎新年长跑" in [cell for row in workbook.worksheets[0].iter_rows(values_only=True) for cell in row]


def test_a_busy_years_word_file_is_made_in_the_background(chair_client, busy_year):
    job = finished_job(chair_client, DRAFT_URL + "?figures=1")

    assert job.kind == "summary_docx" and job.params["figures"] is True
    assert job.result_name.endswith("（草稿）.docx")
    _response, content = downloaded(chair_client, job)
    word = docx.Document(io.BytesIO(content))
    assert "工会工作总结" in word.paragraphs[0].text


def test_a_second_click_while_the_file_is_made_follows_the_same_job(settings, staff_client, busy_year):
    settings.BACKGROUND_TASKS = "rq-that-never-runs"  # left queued: no runner takes it
    first = staff_client.get(RECORDS_URL)
    second = staff_client.get(RECORDS_URL)

    assert first["Location"] == second["Location"]
    with scopes_disabled():
        assert BackgroundJob.objects.count() == 1


def test_a_quiet_year_comes_straight_back(staff_client, school):
    with scopes_disabled():
        ActivityFactory(school=school, starts_on=datetime.date(2018, 1, 6))

    response = staff_client.get(RECORDS_URL)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    with scopes_disabled():
        assert not BackgroundJob.objects.exists()


def test_district_users_still_cannot_download_the_draft(district_user, client, school, busy_year):
    client.force_login(district_user)
    assert client.get(DRAFT_URL + "?school={}".format(school.pk)).status_code == 403
