"""Background jobs: who sees a job, its page polling until it ends, and the runners (a
thread in the app server; the RQ queue on a real Redis)."""

import datetime
import os
import time
import uuid

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from unionhub import tasks
from unionhub.models import BackgroundJob, JobState

pytestmark = pytest.mark.django_db

WORDS = "unionhub_test_words"


@pytest.fixture
def words_kind():
    """A small kind of work: a text file of ``params["words"]``, one step per word; a word
    "坏" fails the job with a reason."""

    @tasks.register(WORDS, title="词表", may_use=lambda user: user.role in {"chair", "staff"}, back=lambda job: "/")
    def run(job, progress):
        words = job.params["words"]
        for done, word in enumerate(words):
            if word == "坏":
                raise tasks.JobFailed("第{}个词写不了。".format(done + 1))
            progress(done, len(words))
        return tasks.JobResult(filename="词表.txt", content="、".join(words).encode(), outcome="写好了。")

    yield
    del tasks.KINDS[WORDS]


def make_job(school, user, **fields):
    with scopes_disabled():
        return BackgroundJob.objects.create(school=school, kind=WORDS, requested_by=user, **fields)


def job_url(job, name="jobs:job_detail"):
    return reverse(name, kwargs={"pk": job.pk})


def test_it_runs_a_job_and_offers_its_result(chair_client, chair, school, words_kind):
    job = tasks.start(WORDS, school, chair, {"words": ["团结", "奋进"]})

    job.refresh_from_db()
    assert (job.state, job.outcome, job.result_name) == (JobState.DONE, "写好了。", "词表.txt")
    page = chair_client.get(job_url(job)).content.decode()
    assert "已完成" in page and "100%" in page and "写好了。" in page
    response = chair_client.get(job_url(job, "jobs:job_download"))
    assert b"".join(response.streaming_content).decode() == "团结、奋进"
    assert "attachment" in response["Content-Disposition"]


def test_a_failed_job_says_why_and_offers_nothing(chair_client, chair, school, words_kind):
    job = tasks.start(WORDS, school, chair, {"words": ["团结", "坏"]})

    job.refresh_from_db()
    assert (job.state, job.error, job.result.name) == (JobState.FAILED, "第2个词写不了。", "")
    page = chair_client.get(job_url(job)).content.decode()
    assert "失败" in page and "第2个词写不了。" in page and "job-download" not in page
    assert chair_client.get(job_url(job, "jobs:job_download")).status_code == 404


def test_the_page_polls_every_second_until_the_job_ends(chair_client, chair, school, words_kind):
    job = make_job(school, chair, state=JobState.RUNNING, progress_done=150, progress_total=400, step="正在逐格检查")

    fragment = chair_client.get(job_url(job), headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "<html" not in fragment
    assert "37%" in fragment and "进行中：正在逐格检查（150/400）" in fragment

    with scopes_disabled():
        BackgroundJob.objects.filter(pk=job.pk).update(state=JobState.DONE, result="jobs/x.txt", result_name="x.txt")
    fragment = chair_client.get(job_url(job), headers={"HX-Request": "true"}).content.decode()
    assert "every 1s" not in fragment and 'id="job-download"' in fragment


def test_progress_made_inside_the_jobs_transaction_is_shown_from_the_cache(chair_client, chair, school, words_kind):
    job = make_job(school, chair, state=JobState.RUNNING, progress_done=400, progress_total=800, step="正在写入名册")
    cache.set(tasks.progress_key(job.pk), (600, 800, "正在写入名册"))

    fragment = chair_client.get(job_url(job), headers={"HX-Request": "true"}).content.decode()

    assert "75%" in fragment and "（600/800）" in fragment


def test_a_job_silent_too_long_is_shown_as_stopped(chair_client, chair, school, words_kind):
    job = make_job(school, chair, state=JobState.RUNNING, updated_at=timezone.now() - datetime.timedelta(hours=1))

    page = chair_client.get(job_url(job)).content.decode()

    assert "已中断" in page and "every 1s" not in page


def test_another_schools_job_is_404_and_a_role_without_the_work_403(
    client, chair, staff, teacher, other_chair, district_user, school, words_kind
):
    job = make_job(school, chair, state=JobState.DONE, result_name="词表.txt")
    with scopes_disabled():
        job.result.save("词表.txt", ContentFile("团结".encode()))

    for user, status in [(staff, 200), (other_chair, 404), (district_user, 403), (teacher, 403)]:
        client.force_login(user)
        assert client.get(job_url(job)).status_code == status, user
        assert client.get(job_url(job, "jobs:job_download")).status_code == status, user
    client.logout()
    assert client.get(job_url(job)).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_the_embedded_runner_works_in_a_thread_of_the_app_server(settings, chair, school, words_kind):
    settings.BACKGROUND_TASKS = "thread"

    job = tasks.start(WORDS, school, chair, {"words": ["团结", "奋进", "创新"]})

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            break
        time.sleep(0.1)
    assert job.state == JobState.DONE, job.error
    assert job.result.read().decode() == "团结、奋进、创新"


@pytest.fixture
def redis_queue(settings):
    """The job queue on the local Redis (database 9, a queue name of this test's own)."""
    import django_rq
    import redis

    url = os.environ.get("UNIONHUB_TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
    redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    name = "unionhub-test-{}".format(uuid.uuid4().hex[:8])
    settings.BACKGROUND_TASKS = "rq"
    settings.RQ_QUEUES = {name: {"URL": url, "DEFAULT_TIMEOUT": 60}}
    original = tasks.QUEUE_NAME
    tasks.QUEUE_NAME = name
    queue = django_rq.get_queue(name)
    yield queue
    tasks.QUEUE_NAME = original
    queue.delete(delete_jobs=True)
    for key in queue.connection.scan_iter("rq:*{}*".format(name)):
        queue.connection.delete(key)


def test_on_redis_a_job_waits_in_the_queue_until_a_worker_runs_it(
    redis_queue, chair, school, words_kind, django_capture_on_commit_callbacks
):
    from rq import SimpleWorker

    with django_capture_on_commit_callbacks(execute=True):
        job = tasks.start(WORDS, school, chair, {"words": ["团结", "奋进"]})

    job.refresh_from_db()
    assert job.state == JobState.QUEUED and redis_queue.count == 1

    # A worker in burst mode: it takes what is queued, runs it, and stops.
    SimpleWorker([redis_queue], connection=redis_queue.connection).work(burst=True)

    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    assert job.result.read().decode() == "团结、奋进" and redis_queue.count == 0
    assert not list(redis_queue.connection.scan_iter("rq:job:*")), "RQ keeps no result: the job's row does"
