"""A busy year's records workbook and the summary's Word file, as background work.

The views call the same functions in the request when the year is quiet; a year with more
records than ``UNIONHUB["EXPORT_BACKGROUND_RECORDS"]`` (as the summary's record index counts
them) gets its file made in the background, its progress shown on the job's page.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.roles import Action, user_can
from unionhub.tasks import JobResult, register

from . import services
from .periods import SCHOOL_YEAR, Period

RECORDS_XLSX = "records_xlsx"
SUMMARY_DOCX = "summary_docx"


def is_busy(school, period):
    """True when the period holds enough records that its files are made in the background."""
    from .coverage import period_record_index

    return len(period_record_index(school, period)) > settings.UNIONHUB["EXPORT_BACKGROUND_RECORDS"]


def period_params(period):
    return {"year": period.year, "period": period.kind}


def job_period(job):
    year = job.params["year"]
    return Period.school_year(year) if job.params.get("period") == SCHOOL_YEAR else Period.calendar_year(year)


def summary_url(job):
    url = reverse("reports:summary", kwargs={"year": job.params["year"]})
    return url + ("?period={}".format(SCHOOL_YEAR) if job.params.get("period") == SCHOOL_YEAR else "")


def records_filename(school, period):
    return "{}{}工会工作记录.xlsx".format(period.label, school.name)


def records_workbook(school, period, progress=None):
    """The period's records as .xlsx bytes, one sheet per kind of record."""
    from .exports.xlsx import records_xlsx

    return records_xlsx(school, period, progress)


def may_download_draft(user):
    """The school's own chair and staff; district users read frozen versions only."""
    return user_can(user, Action.VIEW_SUMMARY) and not user_can(user, Action.VIEW_DISTRICT)


def draft_docx(school, period, figures=False, progress=None, assembled=None):
    """The draft over the period's records as it reads now, as ``(bytes, filename)``;
    ``assembled``: the summary already assembled from them."""
    from .assembly import assemble
    from .exports.docx import summary_docx
    from .models import SummaryTemplate
    from .models.plan import plan_versus_done

    steps = progress or (lambda *args, **kwargs: None)
    steps(0, 3, step=_("Assembling the summary from the year's records"))
    if assembled is None:
        assembled = assemble(school, period)
    steps(1, step=_("Laying the chair's edits over it"))
    draft = services.draft_for(school, period)
    document = services.apply_draft(assembled, draft)
    plan = plan_versus_done(services.plan_for(school, period)) if draft.show_plan else None
    steps(2, step=_("Writing the Word file"))
    data = summary_docx(document, template=SummaryTemplate.content_for(school), plan=plan, figures=figures)
    return data, "{}（草稿）.docx".format(document.title)


@register(
    RECORDS_XLSX,
    title=gettext_lazy("The year's records as a workbook"),
    may_use=lambda user: user_can(user, Action.VIEW_RECORDS),
    back=summary_url,
)
def records_xlsx_job(job, progress):
    period = job_period(job)
    progress(0, step=_("Writing a sheet per kind of record"))
    content = records_workbook(job.school, period, progress)
    return JobResult(filename=records_filename(job.school, period), content=content)


@register(SUMMARY_DOCX, title=gettext_lazy("The summary as a Word file"), may_use=may_download_draft, back=summary_url)
def summary_docx_job(job, progress):
    content, filename = draft_docx(job.school, job_period(job), job.params.get("figures", False), progress)
    return JobResult(filename=filename, content=content)
