"""Assembling the annual summary: a school's records of a period → a ``SummaryDocument``.

Every figure and every sentence comes from records, never typed: the records are read in
one pass (``selectors.year_records``), sorted into sections and sub-points by
``writer.Writer`` and worded by the templates in ``templates/reports/writer/``. The chair's
prose, headings, moves, merges, hidden items and order are laid over this by the draft;
assembly knows nothing of them.
"""

from django.utils import timezone

from unionhub.figures_cache import cached_figures

from .document import SummaryDocument
from .selectors import year_records
from .wording import words
from .writer import Writer


def summary_title(profile, period):
    """坂上初中2018年度工会工作总结, or 常胜小学2021—2022学年工会工作总结."""
    return words("document_title", school=profile.short_name, period=period)


def assemble(school, period, today=None):
    """The summary of ``school`` for ``period`` as assembled from its records.

    ``today`` (default: the local date) caps the signing date and the 168 months expected.
    A fixed number of queries, however large the year; cached until the school's records
    change.
    """
    today = today or timezone.localdate()
    return cached_figures(
        school.pk, "summary", (period.start, period.end, today), lambda: assembled(school, period, today)
    )


def assembled(school, period, today):
    records = year_records(school, period, today=today)
    profile = records.profile
    return SummaryDocument(
        title=summary_title(profile, period),
        school_name=profile.full_name,
        period_label=period.label,
        signed_on=min(period.end, today),
        sections=Writer(records, period).write(),
        signature=profile.union_name,
    )
