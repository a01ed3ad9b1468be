"""The district view: every school of the district user's district side by side for a year."""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from members.views import xlsx_response
from unionhub.models import School
from unionhub.roles import Action
from unionhub.views import RoleRequiredMixin
from unionhub.xlsx import Sheet, write_workbook

from ..overview import district_overview, sort_rows
from ..periods import SCHOOL_YEAR, Period
from .summary import FIRST_YEAR, LAST_YEAR, period_query


def district_period(request, year):
    """The calendar year, or with ``?kind=school_year`` the school year starting in ``year``;
    a year outside what the app keeps answers 404."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    if request.GET.get("kind") == SCHOOL_YEAR:
        return Period.school_year(year)
    return Period.calendar_year(year)


def district_context(request, year):
    """The table of the user's district for ``year``, sorted as ``?sort=`` asks."""
    period = district_period(request, year)
    # The user's own district, never one taken from the request.
    schools = list(School.objects.filter(district_id=request.user.district_id).order_by("pk"))
    columns, rows = district_overview(schools, period)
    sort_key, descending, rows = sort_rows(columns, rows, request.GET.get("sort", "name"))
    base = reverse("reports:district", kwargs={"year": year})
    kind = "&kind={}".format(SCHOOL_YEAR) if period.kind == SCHOOL_YEAR else ""
    headers = []
    for column in columns:
        active = column.key == sort_key
        # A click on the active column turns its order around; numbers start high.
        next_descending = (not descending) if active else column.kind != "text"
        headers.append(
            {
                "column": column,
                "active": active,
                "descending": descending if active else None,
                "url": "{}?sort={}{}{}".format(base, "-" if next_descending else "", column.key, kind),
            }
        )
    for row in rows:
        row["cells"] = [(column, row[column.key]) for column in columns[1:]]
        row["summary_url"] = reverse("reports:summary", kwargs={"year": year}) + period_query(
            period, row["school"], district=True
        )
    return {
        "district": request.user.district,
        "period": period,
        "year": year,
        "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
        "is_school_year": period.kind == SCHOOL_YEAR,
        "headers": headers,
        "rows": rows,
        "sort": ("-" if descending else "") + sort_key,
        "export_url": "{}?sort={}{}".format(
            reverse("reports:district_export", kwargs={"year": year}), ("-" if descending else "") + sort_key, kind
        ),
    }


class DistrictView(RoleRequiredMixin, TemplateView):
    required_action = Action.VIEW_DISTRICT
    template_name = "reports/district.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(district_context(self.request, self.kwargs["year"]))
        return context


class DistrictExportView(RoleRequiredMixin, View):
    """The same table as a workbook, in the order shown on the page."""

    required_action = Action.VIEW_DISTRICT

    def get(self, request, year):
        context = district_context(request, year)
        headers = [header["column"].label for header in context["headers"]]
        rows = [[row["name"], *[value for _column, value in row["cells"]]] for row in context["rows"]]
        sheet = Sheet(title=str(context["period"].label), headers=headers, rows=rows)
        display_name = _("%(district)s %(period)s schools.xlsx") % {
            "district": context["district"].name,
            "period": context["period"].label,
        }
        return xlsx_response(write_workbook([sheet]), "district-{}-schools.xlsx".format(year), display_name)
