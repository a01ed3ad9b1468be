"""Filters of the activities app's lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from members.models import Member
from unionhub.years import parse_year

from .models import Activity, Campaign, Category
from .selectors.log import Participation, activity_years

MONTH_CHOICES = [(month, "{}月".format(month)) for month in range(1, 13)]


class ActivityFilter(django_filters.FilterSet):
    """The activity log's filters: year, month, category, campaign and member."""

    year = django_filters.ChoiceFilter(
        label=_("year"), field_name="starts_on", lookup_expr="year", empty_label=_("All")
    )
    month = django_filters.ChoiceFilter(
        label=_("month"),
        field_name="starts_on",
        lookup_expr="month",
        choices=MONTH_CHOICES,
        empty_label=_("All"),
    )
    category = django_filters.ModelChoiceFilter(
        label=_("category"), queryset=Category.objects.none(), empty_label=_("All")
    )
    campaign = django_filters.ModelChoiceFilter(
        label=_("campaign"), queryset=Campaign.objects.none(), empty_label=_("All")
    )
    member = django_filters.ModelChoiceFilter(
        label=_("member"), queryset=Member.objects.none(), empty_label=_("All"), method="filter_member"
    )

    class Meta:
        model = Activity
        fields = ["year", "month", "category", "campaign", "member"]

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        years = activity_years(school)
        selected = parse_year(self.data.get("year")) if self.data else None
        if selected is not None and selected not in years:
            years = sorted({*years, selected}, reverse=True)
        self.filters["year"].extra["choices"] = [(year, "{}年".format(year)) for year in years]
        self.filters["category"].queryset = Category.objects.filter(school=school)
        self.filters["campaign"].queryset = Campaign.objects.filter(school=school)
        self.filters["member"].queryset = Member.objects.filter(school=school).only("pk", "name", "school_id")

    def filter_member(self, queryset, name, value):
        # A subquery, not a join: the participant counts of the list stay whole.
        return queryset.filter(pk__in=Participation.objects.filter(member=value).values("activity"))
