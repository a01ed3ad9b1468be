"""The official holidays and make-up working days a school enters for a year the holiday
package does not know yet; its notices' windows are counted with them."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from unionhub.roles import Action
from unionhub.submissions import OneTimeSubmissionMixin
from unionhub.views import RoleRequiredMixin
from unionhub.years import parse_year

from .. import selectors, services
from ..forms import HolidayDayForm
from ..models import HolidayCalendarDay
from ..workdays import package_knows


class HolidayListView(OneTimeSubmissionMixin, RoleRequiredMixin, View):
    """A year's entered days (the district's and the school's) and a form to add one."""

    required_action = Action.EDIT_RECORDS
    template_name = "disclosure/holiday_list.html"

    def render(self, year, form):
        school = self.request.school
        days = [day for day in selectors.holiday_days(school) if day.date.year == year]
        return render(
            self.request,
            self.template_name,
            {
                "year": year,
                "years": [year - 1, year, year + 1],
                "days": days,
                "form": form,
                "package_knows": package_knows(year),
                "list_url": reverse("disclosure:holiday_list"),
            },
        )

    def get(self, request):
        year = parse_year(request.GET.get("year")) or timezone.localdate().year
        return self.render(year, HolidayDayForm(school=request.school))

    def post(self, request):
        form = HolidayDayForm(request.POST, school=request.school)
        if not form.is_valid():
            date = form.cleaned_data.get("date")
            return self.render(date.year if date else timezone.localdate().year, form)
        day = services.enter_calendar_day(form)
        messages.success(request, _("%(day)s has been entered.") % {"day": day})
        return redirect("{}?year={}".format(reverse("disclosure:holiday_list"), day.date.year))


class HolidayDeleteView(RoleRequiredMixin, View):
    """Remove one of the school's own entries (the district's stay)."""

    required_action = Action.EDIT_RECORDS

    def post(self, request, pk):
        day = get_object_or_404(HolidayCalendarDay.objects.filter(school=request.school), pk=pk)
        services.remove_calendar_day(request.school, day)
        messages.success(request, _("%(day)s has been removed.") % {"day": day})
        return redirect("{}?year={}".format(reverse("disclosure:holiday_list"), day.date.year))
