"""Permission-matrix entries of background jobs (/jobs/<pk>/): the chair and staff follow
and download their school's jobs; teachers and district users, who may start none, are
refused before any job is looked up; another school's job is 404."""

from django.core.files.base import ContentFile

from unionhub.models import BackgroundJob, JobState

from ..test_permission_matrix_constants import LOGIN

ANSWERS = {"own": (LOGIN, 200, 200, 403, 403), "other": (LOGIN, 404, 404, 403, 403)}

MATRIX = {
    "jobs:job_detail": {"GET": ANSWERS},
    "jobs:job_download": {"GET": ANSWERS},
}

OBJECT_KINDS = {"jobs:job_detail": "background_job", "jobs:job_download": "background_job"}


def finished_workbook_job(school):
    job = BackgroundJob.objects.create(
        school=school,
        kind="records_xlsx",
        state=JobState.DONE,
        params={"year": 2018, "period": "year"},
        result_name="2018年工会工作记录.xlsx",
    )
    job.result.save(job.result_name, ContentFile(b"PK"))
    return job


OBJECT_MAKERS = {"background_job": finished_workbook_job}
POST_DATA = {}
