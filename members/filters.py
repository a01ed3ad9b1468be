import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Gender, MemberStatus, ProfessionalTitle
from .models import Department, Member


class MemberFilter(django_filters.FilterSet):
    """The roster's search and filters; the export applies the same ones."""

    q = django_filters.CharFilter(
        label=_("search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"placeholder": _("name, pinyin or initials (e.g. zs)"), "type": "search"}),
    )
    department = django_filters.ModelChoiceFilter(
        label=_("department"), queryset=Department.objects.none(), empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=MemberStatus.choices, empty_label=_("All"))
    gender = django_filters.ChoiceFilter(label=_("gender"), choices=Gender.choices, empty_label=_("All"))
    title = django_filters.ChoiceFilter(
        label=_("professional title"), choices=ProfessionalTitle.choices, empty_label=_("All")
    )

    class Meta:
        model = Member
        fields = ["q", "department", "status", "gender", "title"]

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["department"].queryset = Department.objects.filter(school=school)

    def filter_search(self, queryset, name, value):
        return queryset.search(value)
