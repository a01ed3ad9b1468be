"""A background job's page: its progress, polled by htmx every second until it ends, and
its result to download."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import TemplateView

from .models import BackgroundJob, JobState
from .tasks import KINDS, may_use, with_live_progress


def job_for(request, pk):
    """The one door to a job: one of the request's school, or 404. A role that may start no
    kind of work is refused before any job is looked up; one that may not do this job's
    kind gets 403 too."""
    if not any(kind.may_use(request.user) for kind in KINDS.values()):
        raise PermissionDenied
    if request.school is None:
        raise Http404
    job = get_object_or_404(BackgroundJob.objects.filter(school=request.school), pk=pk)
    if not may_use(request.user, job):
        raise PermissionDenied
    return job


class JobDetailView(LoginRequiredMixin, TemplateView):
    """The whole page, or (asked by htmx) only the progress block, which stops asking once
    the job is done or failed."""

    template_name = "unionhub/job_detail.html"

    def get_template_names(self):
        if self.request.htmx:
            return ["unionhub/_job_progress.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = with_live_progress(job_for(self.request, kwargs["pk"]))
        kind = KINDS[job.kind]
        context.update({"job": job, "title": kind.title, "back_url": kind.back(job), "stalled": job.is_stalled()})
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["Cache-Control"] = "no-store"
        return response


class JobDownloadView(LoginRequiredMixin, View):
    """A finished job's result file, under the name it was made with."""

    def get(self, request, pk):
        job = job_for(request, pk)
        if job.state != JobState.DONE or not job.result:
            raise Http404
        response = FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name)
        response["Cache-Control"] = "no-store"
        return response
