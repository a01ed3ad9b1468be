"""The places the union keeps for the staff (教工活动场所, the 职工之家) and its standing rules
and disclosure channels: list, page with history, create, edit, delete and restore.

Chair and staff write them; teachers read them (they are the staff's to use); only the
chair deletes and restores.
"""

from django.views.generic import ListView

from unionhub.record_views import (
    RecordCreateView,
    RecordDeleteView,
    RecordDetailView,
    RecordPermissionMixin,
    RecordRestoreView,
    RecordUpdateView,
    TeachersReadMixin,
)

from ..forms.provisions import FacilityForm, StandingRuleForm
from ..models import Facility, StandingRule


class FacilityListView(TeachersReadMixin, RecordPermissionMixin, ListView):
    model = Facility
    template_name = "activities/provisions/facility_list.html"
    context_object_name = "facilities"


class FacilityDetailView(TeachersReadMixin, RecordDetailView):
    model = Facility
    template_name = "activities/provisions/facility_detail.html"


class FacilityFormMixin:
    model = Facility
    form_class = FacilityForm
    template_name = "activities/provisions/facility_form.html"


class FacilityCreateView(FacilityFormMixin, RecordCreateView):
    pass


class FacilityUpdateView(FacilityFormMixin, RecordUpdateView):
    pass


class FacilityDeleteView(RecordDeleteView):
    model = Facility
    success_url_name = "activities:facility_list"


class FacilityRestoreView(RecordRestoreView):
    model = Facility


class RuleListView(TeachersReadMixin, RecordPermissionMixin, ListView):
    model = StandingRule
    template_name = "activities/provisions/rule_list.html"
    context_object_name = "rules"


class RuleDetailView(TeachersReadMixin, RecordDetailView):
    model = StandingRule
    template_name = "activities/provisions/rule_detail.html"
    context_object_name = "rule"


class RuleFormMixin:
    model = StandingRule
    form_class = StandingRuleForm
    template_name = "activities/provisions/rule_form.html"


class RuleCreateView(RuleFormMixin, RecordCreateView):
    pass


class RuleUpdateView(RuleFormMixin, RecordUpdateView):
    pass


class RuleDeleteView(RecordDeleteView):
    model = StandingRule
    success_url_name = "activities:rule_list"


class RuleRestoreView(RecordRestoreView):
    model = StandingRule
