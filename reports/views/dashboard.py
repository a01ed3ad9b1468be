"""The home page: what each role comes for first."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from members.models import Member
from members.selectors import headcounts_by_school, member_figures, upcoming_birthdays
from unionhub.models import School
from unionhub.roles import Action, user_can


class DashboardView(LoginRequiredMixin, TemplateView):
    """Chair and staff: the school's figures; teachers: their own record; district: each school."""

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
            schools = list(School.objects.filter(district_id=user.district_id))
            counts = headcounts_by_school([s.pk for s in schools])
            context["schools"] = [(s, counts.get(s.pk, {})) for s in schools]
        elif user_can(user, Action.VIEW_RECORDS):
            context["figures"] = member_figures(school)
            context["birthdays"] = upcoming_birthdays(school, today)
        else:
            context["member"] = Member.objects.filter(school=school, user=user).select_related("department").first()
        return context
