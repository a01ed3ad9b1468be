"""Partnerships (村校共建, 结对共建): list, page with history, create, edit, delete and restore,
and the agreement's download."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import ListView

from unionhub.record_views import (
    RecordCreateView,
    RecordDeleteView,
    RecordDetailView,
    RecordRestoreView,
    RecordUpdateView,
)
from unionhub.roles import Action
from unionhub.views import RoleRequiredMixin

from ..forms.partnerships import PartnershipForm
from ..models import Partnership
from ..selectors import partnerships as selectors
from ..selectors.campaigns import history_with_members
from .campaigns import ConflictHistoryMixin
from .log import _open


def partnership_history(partnership):
    """The history of changes, with the activities linked and unlinked."""
    return history_with_members(partnership, "activities", lister=selectors.activity_lister)


class PartnershipListView(RoleRequiredMixin, ListView):
    required_action = Action.VIEW_RECORDS
    template_name = "activities/partnerships/partnership_list.html"
    context_object_name = "partnerships"

    def get_queryset(self):
        return selectors.partnerships_with_counts(self.request.school)


class PartnershipMixin:
    model = Partnership
    form_class = PartnershipForm
    template_name = "activities/partnerships/partnership_form.html"


class PartnershipDetailView(RecordDetailView):
    model = Partnership
    template_name = "activities/partnerships/partnership_detail.html"

    def get_context_data(self, **kwargs):
        # Not RecordDetailView's history: this one names the activities linked and unlinked.
        context = super(RecordDetailView, self).get_context_data(**kwargs)
        context["activities"] = selectors.partnership_activities(self.object)
        context["history"] = partnership_history(self.object)
        return context


class PartnershipCreateView(PartnershipMixin, RecordCreateView):
    pass


class PartnershipUpdateView(PartnershipMixin, ConflictHistoryMixin, RecordUpdateView):
    def record_history(self, record):
        return partnership_history(record)


class PartnershipDeleteView(RecordDeleteView):
    model = Partnership
    success_url_name = "activities:partnership_list"


class PartnershipRestoreView(RecordRestoreView):
    model = Partnership


class PartnershipAgreementView(RoleRequiredMixin, View):
    """Downloads the agreement under the name it was uploaded with."""

    required_action = Action.VIEW_RECORDS

    def get(self, request, pk):
        partnership = get_object_or_404(Partnership.objects.filter(school=request.school), pk=pk)
        if not partnership.agreement:
            raise Http404
        response = FileResponse(
            _open(partnership.agreement),
            as_attachment=True,
            filename=partnership.agreement_name or partnership.agreement.name.rsplit("/", 1)[-1],
            content_type=partnership.agreement_content_type or "application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, max-age=3600"
        return response
