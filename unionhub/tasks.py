"""Background jobs: long work run off the request, its progress shown on the page.

Each app names its kinds of work in its own ``tasks.py`` with :func:`register` (loaded when
Django starts); ``settings.BACKGROUND_TASKS`` names the runner that carries them out:

- ``thread``, the embedded default: a worker thread inside the app server, no other service;
- ``rq``: the RQ queue on Redis (``REDIS_URL``), run by ``manage.py rqworker unionhub``;
- ``eager``: at once, inside the request (the tests).

A kind's work returns a :class:`JobResult`. Its writes (``commit``) and the saving of the
result file happen in one transaction, so a job either finishes whole or leaves nothing:
no rows, no half-written file.
"""

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import close_old_connections, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scope

from .models import BackgroundJob, JobState

logger = logging.getLogger(__name__)

QUEUE_NAME = "unionhub"
# Progress is written at most this often (seconds): enough for a poll every second.
PROGRESS_INTERVAL = 0.5


@dataclass(frozen=True)
class JobKind:
    """A kind of background work: what it does and who may start, follow and download it."""

    name: str
    run: Callable
    may_use: Callable
    title: str
    back: Callable


@dataclass
class JobResult:
    """What a job hands back: the file to download, a sentence saying what was done, and
    the writes (``commit``, optional) that must land together with the file or not at all."""

    filename: str
    content: bytes
    outcome: str = ""
    commit: Callable | None = None


class JobFailed(Exception):
    """Work that cannot be done, with the reason in the user's words."""


KINDS = {}


def register(name, *, title, may_use, back):
    """Name ``run(job, progress) -> JobResult`` as the work of kind ``name``: ``title`` heads
    its page, ``may_use(user)`` says who may start it and follow its job, ``back(job)`` is the
    address of the page it was started from."""

    def decorator(run):
        KINDS[name] = JobKind(name, run, may_use, title, back)
        return run

    return decorator


def may_use(user, job):
    kind = KINDS.get(job.kind)
    return kind is not None and kind.may_use(user)


def start(kind, school, user, params=None, source=None):
    """Record a job of ``kind`` for ``school`` and hand it to the runner.

    ``source`` (an uploaded file) is kept with the job in the default storage until the
    job ends, so a worker on another machine reads it too.
    """
    job = BackgroundJob(
        school=school,
        kind=kind,
        requested_by=user,
        params=params or {},
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    if source is not None:
        source.seek(0)
        job.source.save(source.name.rsplit("/", 1)[-1] or "upload", source, save=False)
    job.save()
    runner = settings.BACKGROUND_TASKS
    if runner == "eager":
        run_job(job.pk)
    elif runner == "rq":
        # The job's row holds its outcome: RQ keeps none (result_ttl=0).
        transaction.on_commit(
            lambda: rq_queue().enqueue(run_job, job.pk, job_timeout=settings.UNIONHUB["JOB_TIMEOUT"], result_ttl=0)
        )
    else:
        transaction.on_commit(lambda: thread_pool().submit(_run_in_thread, job.pk))
    return job


def start_once(kind, school, user, params):
    """The user's unfinished job of ``kind`` with the same ``params`` (a second click, a
    reload), or a new one."""
    unfinished = BackgroundJob.objects.filter(
        school=school, kind=kind, requested_by=user, state__in=[JobState.QUEUED, JobState.RUNNING]
    )
    for job in unfinished:
        if job.params == params and not job.is_stalled():
            return job
    return start(kind, school, user, params)


def rq_queue():
    import django_rq

    return django_rq.get_queue(QUEUE_NAME)


_pool = None
_pool_lock = threading.Lock()


def thread_pool():
    """The app server's job threads (``BACKGROUND_THREADS``, one by default), made at first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=settings.BACKGROUND_THREADS, thread_name_prefix="unionhub-job")
        return _pool


def _run_in_thread(pk):
    close_old_connections()
    try:
        run_job(pk)
    finally:
        # The thread is reused: its connection is closed, not left for the next job.
        from django.db import connections

        connections.close_all()


def progress_key(pk):
    return "job-progress:{}".format(pk)


def with_live_progress(job):
    """``job`` with the progress written inside its transaction, which its row does not show
    until the commit: kept in the cache, so any app server sees it on Redis."""
    live = None if job.is_finished else cache.get(progress_key(job.pk))
    if live:
        job.progress_done, job.progress_total, job.step = live
    return job


class Progress:
    """Writes a job's progress where the page that polls it reads it: the job's row, and
    inside a transaction (whose writes no other connection sees yet) the cache.

    Writes are spaced by ``PROGRESS_INTERVAL``, except a new step, which is written at once.
    """

    def __init__(self, job):
        self.job = job
        self.total = 0
        self.step = ""
        self.last_written = 0.0

    def __call__(self, done, total=None, step=None):
        if total is not None:
            self.total = total
        now = time.monotonic()
        if step is None and now - self.last_written < PROGRESS_INTERVAL and done < self.total:
            return
        self.last_written = now
        if step is not None:
            self.step = str(step)[:200]
        if connection.in_atomic_block:
            cache.set(progress_key(self.job.pk), (done, self.total, self.step), settings.UNIONHUB["JOB_TIMEOUT"])
            return
        BackgroundJob.objects.filter(pk=self.job.pk, school=self.job.school_id).update(
            progress_done=done, progress_total=self.total, step=self.step, updated_at=timezone.now()
        )


def run_job(pk):
    """Carry out job ``pk`` once: a job already taken (a second worker, a retry) is left alone."""
    from django_scopes import scopes_disabled

    with scopes_disabled():
        job = BackgroundJob.objects.select_related("school", "requested_by").get(pk=pk)
    with scope(school=[job.school_id]), translation.override(job.language or settings.LANGUAGE_CODE):
        now = timezone.now()
        taken = BackgroundJob.objects.filter(pk=pk, school=job.school_id, state=JobState.QUEUED).update(
            state=JobState.RUNNING, started_at=now, updated_at=now
        )
        if not taken:
            return
        try:
            kind = KINDS[job.kind]
            progress = Progress(job)
            _finish(job, kind.run(job, progress), progress)
        except JobFailed as failure:
            _fail(job, str(failure))
        except Exception:
            logger.exception("Background job %s (%s) failed", pk, job.kind)
            _fail(job, _("The work stopped on an error in the app, and nothing was saved. Try again later."))
        finally:
            if job.source:
                job.source.delete(save=False)
                BackgroundJob.objects.filter(pk=pk, school=job.school_id).update(source="")


def _finish(job, result, progress):
    saved = ""
    try:
        with transaction.atomic():
            if result.commit is not None:
                result.commit()
            name = job.result.field.generate_filename(job, result.filename)
            saved = job.result.storage.save(name, ContentFile(result.content))
            BackgroundJob.objects.filter(pk=job.pk, school=job.school_id).update(
                state=JobState.DONE,
                result=saved,
                result_name=result.filename,
                outcome=result.outcome,
                progress_done=progress.total,
                progress_total=progress.total,
                finished_at=timezone.now(),
                updated_at=timezone.now(),
            )
        cache.delete(progress_key(job.pk))
    except BaseException:
        # The writes rolled back; the file, saved outside the database, goes too.
        if saved:
            job.result.storage.delete(saved)
        raise


def _fail(job, message):
    cache.delete(progress_key(job.pk))
    BackgroundJob.objects.filter(pk=job.pk, school=job.school_id).update(
        state=JobState.FAILED, error=message, finished_at=timezone.now(), updated_at=timezone.now()
    )
