"""A roster file of more rows than ``IMPORT_BACKGROUND_ROWS`` is checked and imported in
the background: all rows or none, with its progress and outcome on the job's page."""

import io

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django_scopes import scope, scopes_disabled

from members.models import Member
from unionhub.models import BackgroundJob, JobState

from .test_import import good_row, upload, workbook

pytestmark = pytest.mark.django_db


def job_of(response):
    assert response.status_code == 302
    assert response["Location"].startswith("/jobs/")
    with scopes_disabled():
        return BackgroundJob.objects.get(pk=int(response["Location"].split("/")[2]))


def member_count(school):
    with scope(school=[school.pk]):
        return Member.objects.filter(school=school).count()


def stored_job_files():
    if not default_storage.exists("jobs"):
        return []
    found, folders = [], ["jobs"]
    while folders:
        folder = folders.pop()
        subfolders, files = default_storage.listdir(folder)
        found += ["{}/{}".format(folder, name) for name in files]
        folders += ["{}/{}".format(folder, name) for name in subfolders]
    return found


def test_it_imports_a_file_over_the_threshold_in_the_background(staff_client, school):
    rows = [good_row(n) for n in range(1, 321)]

    response = upload(staff_client, workbook(staff_client, rows))

    job = job_of(response)
    assert (job.kind, job.state) == ("roster_import", JobState.DONE)
    assert member_count(school) == 320
    with scope(school=[school.pk]):
        assert Member.objects.get(employee_number="N0320").name == "王老师320"
    page = staff_client.get(response["Location"]).content.decode()
    assert 'id="job-outcome"' in page and "320" in page
    assert 'id="job-download"' in page and "every 1s" not in page

    report = staff_client.get("/jobs/{}/download/".format(job.pk))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(report.streaming_content))).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 321
    assert values[1][1:3] == ("王老师1", "N0001") and values[1][4] == "新增"
    assert not job.source or not default_storage.exists(job.source.name)


def test_a_file_under_the_threshold_is_still_previewed_in_the_request(staff_client, school):
    rows = [good_row(n) for n in range(1, 6)]

    response = upload(staff_client, workbook(staff_client, rows))

    assert response.status_code == 200
    assert 'id="import-preview"' in response.content.decode()
    with scopes_disabled():
        assert not BackgroundJob.objects.exists()
    assert member_count(school) == 0


def test_an_error_on_row_400_imports_nothing_and_says_where_in_chinese(staff_client, school):
    rows = [good_row(n) for n in range(1, 451)]
    rows[398]["phone"] = "电话未知"  # the header is row 1: this is row 400

    job = job_of(upload(staff_client, workbook(staff_client, rows)))

    assert job.state == JobState.FAILED
    assert job.error.startswith("没有导入任何数据")
    assert "第 400 行" in job.error and "联系电话" in job.error
    assert member_count(school) == 0
    assert not job.result and stored_job_files() == []
    page = staff_client.get("/jobs/{}/".format(job.pk)).content.decode()
    assert 'id="job-error"' in page and "第 400 行" in page and "job-download" not in page


def test_a_write_failing_half_way_leaves_no_rows_and_no_file(staff_client, school, monkeypatch):
    rows = [good_row(n) for n in range(1, 451)]
    original_save = Member.save
    saved = []

    def save_until_row_400(member, *args, **kwargs):
        saved.append(member)
        if len(saved) == 399:
            raise RuntimeError("disk full")
        return original_save(member, *args, **kwargs)

    monkeypatch.setattr(Member, "save", save_until_row_400)
    job = job_of(upload(staff_client, workbook(staff_client, rows)))

    assert len(saved) == 399
    assert job.state == JobState.FAILED
    assert job.error == "任务因程序出错而中止，没有保存任何内容。请稍后再试。"
    assert member_count(school) == 0
    assert stored_job_files() == []


def test_teachers_cannot_start_an_import(teacher_client, school):
    response = upload(teacher_client, b"x")
    assert response.status_code == 403
