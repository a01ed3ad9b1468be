"""The official holidays and make-up working days entered for a year the holiday package does
not know yet: a school's staff enter the school's, a district administrator the district's
(for every school of the district; a school's own entry for the same date wins). The
notices' windows are counted with them."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from unionhub.roles import Action
from unionhub.school_views import DistrictAdminMixin
from unionhub.submissions import OneTimeSubmissionMixin
from unionhub.views import RoleRequiredMixin
from unionhub.years import parse_year

from .. import selectors, services
from ..forms import HolidayDayForm
from ..models import HolidayCalendarDay
from ..workdays import package_knows


class HolidayPagesMixin:
    """What the school's page and the district's share; each says whose days it lists, which
    of them it removes, and how its form is made."""

    template_name = "disclosure/holiday_list.html"
    list_url_name = delete_url_name = None
    for_district = False

    def days(self):
        """The days listed, of every year."""
        raise NotImplementedError

    def removable(self):
        """The days this page removes: 404 for any other."""
        raise NotImplementedError

    def is_removable(self, day):
        raise NotImplementedError

    def make_form(self, data=None):
        raise NotImplementedError

    def year_url(self, year):
        return "{}?year={}".format(reverse(self.list_url_name), year)


class HolidayListMixin(OneTimeSubmissionMixin, HolidayPagesMixin):
    """A year's entered days and a form to add one."""

    def render(self, year, form):
        days = [day for day in self.days() if day.date.year == year]
        for day in days:
            day.removable = self.is_removable(day)
        return render(
            self.request,
            self.template_name,
            {
                "year": year,
                "years": [year - 1, year, year + 1],
                "days": days,
                "form": form,
                "package_knows": package_knows(year),
                "list_url": reverse(self.list_url_name),
                "delete_url_name": self.delete_url_name,
                "for_district": self.for_district,
            },
        )

    def get(self, request):
        year = parse_year(request.GET.get("year")) or timezone.localdate().year
        return self.render(year, self.make_form())

    def post(self, request):
        form = self.make_form(request.POST)
        if not form.is_valid():
            date = form.cleaned_data.get("date")
            return self.render(date.year if date else timezone.localdate().year, form)
        day = services.enter_calendar_day(form)
        messages.success(request, _("%(day)s has been entered.") % {"day": day})
        return redirect(self.year_url(day.date.year))


class HolidayDeleteMixin(HolidayPagesMixin):
    def post(self, request, pk):
        day = get_object_or_404(self.removable(), pk=pk)
        services.remove_calendar_day(day)
        messages.success(request, _("%(day)s has been removed.") % {"day": day})
        return redirect(self.year_url(day.date.year))


class SchoolHolidaysMixin(RoleRequiredMixin):
    """The school's page: its district's days and its own; it removes only its own."""

    required_action = Action.EDIT_RECORDS
    list_url_name = "disclosure:holiday_list"
    delete_url_name = "disclosure:holiday_delete"

    def days(self):
        return selectors.holiday_days(self.request.school)

    def removable(self):
        return HolidayCalendarDay.objects.filter(school=self.request.school)

    def is_removable(self, day):
        return day.school_id == self.request.school.pk

    def make_form(self, data=None):
        return HolidayDayForm(data, school=self.request.school)


class DistrictHolidaysMixin(DistrictAdminMixin):
    """The district administrator's page: the district's own days, for all its schools."""

    list_url_name = "district_holidays:list"
    delete_url_name = "district_holidays:delete"
    for_district = True

    def days(self):
        return self.removable()

    def removable(self):
        return HolidayCalendarDay.objects.filter(district_id=self.request.user.district_id, school__isnull=True)

    def is_removable(self, day):
        return True

    def make_form(self, data=None):
        return HolidayDayForm(data, district=self.request.user.district)


class HolidayListView(SchoolHolidaysMixin, HolidayListMixin, View):
    pass


class HolidayDeleteView(SchoolHolidaysMixin, HolidayDeleteMixin, View):
    """Remove one of the school's own entries (the district's stay)."""


class DistrictHolidayListView(DistrictHolidaysMixin, HolidayListMixin, View):
    pass


class DistrictHolidayDeleteView(DistrictHolidaysMixin, HolidayDeleteMixin, View):
    """Remove one of the district's entries; its schools' windows are counted again."""
