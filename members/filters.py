import django_filters
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .choices import Gender, MemberStatus, ProfessionalTitle
from .models import Department, Member

# The status filter's value for every member, whatever their status.
EVERY_STATUS = "all"


class MemberFilter(django_filters.FilterSet):
    """The roster's search and filters; the export applies the same ones.

    Members in service unless another status is asked for: leavers and retirees are one
    filter away.
    """

    q = django_filters.CharFilter(
        label=_("search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"placeholder": _("name, pinyin or initials (e.g. zs)"), "type": "search"}),
    )
    department = django_filters.ModelChoiceFilter(
        label=_("department"), queryset=Department.objects.none(), empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("status"),
        choices=[*MemberStatus.choices, (EVERY_STATUS, _("All, leavers and retirees included"))],
        empty_label=None,
        method="filter_status",
    )
    gender = django_filters.ChoiceFilter(label=_("gender"), choices=Gender.choices, empty_label=_("All"))
    title = django_filters.ChoiceFilter(
        label=_("professional title"), choices=ProfessionalTitle.choices, empty_label=_("All")
    )

    class Meta:
        model = Member
        fields = ["q", "department", "status", "gender", "title"]

    def __init__(self, data=None, *args, school=None, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("status"):
            data["status"] = MemberStatus.ACTIVE
        super().__init__(data, *args, **kwargs)
        self.filters["department"].queryset = Department.objects.filter(school=school)

    def filter_status(self, queryset, name, value):
        if value == EVERY_STATUS:
            return queryset
        return queryset.filter(status=value)

    def filter_search(self, queryset, name, value):
        return queryset.search(value)
