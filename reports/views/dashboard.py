"""The home page: what each role comes for first."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from disclosure.selectors import current_notices
from members.models import Member
from unionhub.roles import Action, user_can
from unionhub.years import FIRST_YEAR

from ..overview import year_overview
from ..periods import SCHOOL_YEAR, Period
from .district import district_context

TEACHER_NOTICES = 5


def dashboard_period(request, today):
    """``?kind=school_year`` for a school year, else the calendar year; ``?year=`` picks it
    (by default the one ``today`` falls in)."""
    school_year = request.GET.get("kind") == SCHOOL_YEAR
    default = (today.year if today.month >= 9 else today.year - 1) if school_year else today.year
    value = request.GET.get("year", "")
    year = int(value) if value.isdecimal() and 2000 <= int(value) <= today.year + 1 else default
    return Period.school_year(year) if school_year else Period.calendar_year(year)


class DashboardView(LoginRequiredMixin, TemplateView):
    """Chair and staff: the school's year; teachers: the board and their own record;
    district users: every school of the district."""

    def get_template_names(self):
        user = self.request.user
        if user_can(user, Action.VIEW_DISTRICT):
            return ["reports/dashboard_district.html"]
        if user_can(user, Action.VIEW_RECORDS):
            return ["reports/dashboard.html"]
        return ["reports/dashboard_teacher.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        school = self.request.school
        today = timezone.localdate()
        context["today"] = today
        if user_can(user, Action.VIEW_DISTRICT):
            context.update(district_context(self.request, today.year))
        elif user_can(user, Action.VIEW_RECORDS):
            period = dashboard_period(self.request, today)
            context.update(year_overview(school, period, today))
            context["is_school_year"] = period.kind == SCHOOL_YEAR
            # A union entering an earlier year reaches it from here: every year back to 2000.
            context["years"] = list(range(today.year, FIRST_YEAR - 1, -1))
        else:
            context["member"] = Member.objects.filter(school=school, user=user).select_related("department").first()
            context["notices"] = list(current_notices(school, today)[:TEACHER_NOTICES])
        return context
