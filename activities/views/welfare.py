"""Welfare pages (关爱与维权): visits, holiday greetings, hardship files, mutual-aid grants.

Welfare data is personal. Chair and staff see the school's records; a teacher sees only
their own visits, greetings and grants (404 on a colleague's, as on another school's),
and never a hardship file, not even their own.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import ListView

from unionhub.forms import parse_id
from unionhub.history import history_entries
from unionhub.pagination import CappedPaginator
from unionhub.record_views import (
    RecordCreateView,
    RecordDeleteView,
    RecordDetailView,
    RecordPermissionMixin,
    RecordRestoreView,
    RecordUpdateView,
    own_member,
)
from unionhub.roles import Action, user_can
from unionhub.submissions import OneTimeSubmissionMixin
from unionhub.years import parse_year

from ..forms import welfare as forms
from ..models import GreetingBatch, GreetingRecipient, HardshipCase, MutualAidGrant, Visit
from ..selectors import welfare as selectors

PER_PAGE = 50


class WelfareMixin:
    """The tab of the welfare pages this view belongs to, and whether the user sees only their own."""

    tab = "visits"

    @property
    def own_only(self):
        return not user_can(self.request.user, Action.VIEW_RECORDS)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tab"] = self.tab
        context["own_only"] = self.own_only
        return context


class WelfareListView(WelfareMixin, RecordPermissionMixin, ListView):
    paginate_by = PER_PAGE
    paginator_class = CappedPaginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        return context


class UserFormMixin:
    """Forms that write through a service get the user, for the rows' history."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            # The service refused (e.g. the same member twice): nothing was written.
            if self.object is None:
                form.instance.pk = None
            form.add_error(None, error)
            return self.form_invalid(form)


class HistoryMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if getattr(self, "object", None) is not None and user_can(self.request.user, Action.VIEW_RECORDS):
            context["history"] = history_entries(self.object)
        return context


# ---------------------------------------------------------------------------------------
# Visits (慰问)
# ---------------------------------------------------------------------------------------


class VisitListView(WelfareListView):
    """The welfare list: visits with filters, and totals by reason and funding source.

    A teacher sees the visits to themselves only, without totals.
    """

    model = Visit
    teacher_owner_field = "member"
    template_name = "activities/welfare/visit_list.html"
    context_object_name = "visits"

    def get_queryset(self):
        visits = Visit.objects.filter(school=self.request.school)
        if self.own_only:
            visits = visits.filter(**self.teacher_filter())
        self.filter_form = forms.VisitFilterForm(
            self.request.GET or None, school=self.request.school, own_only=self.own_only
        )
        self.filtered = self.filter_form.filter(visits)
        # A list, not the related manager: fifty managers, each checking the school scope,
        # cost more than the page's rows.
        return self.filtered.select_related("member").prefetch_related(Prefetch("visitors", to_attr="visitor_list"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["period"] = self.filter_form.period()
        if not self.own_only:
            context["totals"] = selectors.totals_of_visits(self.filtered)
        return context


class VisitDetailView(WelfareMixin, RecordDetailView):
    model = Visit
    teacher_owner_field = "member"
    template_name = "activities/welfare/visit_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("member").prefetch_related("visitors")


class VisitCreateView(WelfareMixin, RecordCreateView):
    model = Visit
    form_class = forms.VisitForm
    template_name = "activities/welfare/visit_form.html"

    def get_initial(self):
        initial = super().get_initial()
        member = parse_id(self.request.GET.get("member"))
        if member is not None:
            initial["member"] = member
        return initial


class VisitUpdateView(WelfareMixin, RecordUpdateView):
    model = Visit
    form_class = forms.VisitForm
    template_name = "activities/welfare/visit_form.html"


class VisitDeleteView(RecordDeleteView):
    model = Visit
    success_url_name = "activities:visit_list"


class VisitRestoreView(RecordRestoreView):
    model = Visit


# ---------------------------------------------------------------------------------------
# Holiday greetings (节日慰问)
# ---------------------------------------------------------------------------------------


class GreetingListView(WelfareListView):
    """Chair and staff: the batches with recipients and yuan. A teacher: their own greetings."""

    model = GreetingBatch
    teacher_owner_field = "member"
    template_name = "activities/welfare/greeting_list.html"
    context_object_name = "rows"
    tab = "greetings"

    def get_queryset(self):
        self.filter_form = forms.GreetingFilterForm(self.request.GET or None)
        if self.own_only:
            rows = selectors.greetings_of_member(self.request.school, own_member(self.request.user))
            return self.filter_form.filter(rows, prefix="batch__")
        return self.filter_form.filter(selectors.greeting_batches(self.request.school))


class GreetingDetailView(WelfareMixin, RecordDetailView):
    """The batch and its recipients with the total; a teacher sees only their own row."""

    model = GreetingBatch
    teacher_owner_field = "member"
    template_name = "activities/welfare/greeting_detail.html"
    tab = "greetings"

    def get_object(self, queryset=None):
        # The batch has no owner field: a teacher may open it when they are among its recipients.
        batch = super(RecordPermissionMixin, self).get_object(queryset)
        if self.own_only:
            member = own_member(self.request.user)
            self.recipients = list(
                GreetingRecipient.objects.filter(batch=batch, member=member).select_related("member")
            )
            if member is None or not self.recipients:
                raise Http404
        else:
            self.recipients = list(selectors.recipients_of(batch))
        return batch

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recipients"] = self.recipients
        context["total"] = selectors.yuan(sum(recipient.amount or 0 for recipient in self.recipients))
        return context


class FestivalDatesMixin:
    """The festivals' dates of the form's year, shown beside the greeting form."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        year = parse_year(self.request.GET.get("year") or form["year"].value())
        context["festival_year"] = year
        context["festival_dates"] = forms.festival_table(year) if year else []
        return context


class GreetingCreateView(WelfareMixin, UserFormMixin, FestivalDatesMixin, RecordCreateView):
    model = GreetingBatch
    form_class = forms.GreetingBatchForm
    template_name = "activities/welfare/greeting_form.html"
    tab = "greetings"

    def get_initial(self):
        # ?year=2024 (the year field changed without JavaScript's help, or a bookmark).
        initial = super().get_initial()
        year = parse_year(self.request.GET.get("year"))
        if year is not None and forms.festival_table(year):
            initial["year"] = year
        return initial


class GreetingUpdateView(WelfareMixin, UserFormMixin, FestivalDatesMixin, RecordUpdateView):
    model = GreetingBatch
    form_class = forms.GreetingBatchUpdateForm
    template_name = "activities/welfare/greeting_form.html"
    tab = "greetings"


class GreetingDeleteView(RecordDeleteView):
    model = GreetingBatch
    success_url_name = "activities:greeting_list"


class GreetingRestoreView(RecordRestoreView):
    model = GreetingBatch


# ---------------------------------------------------------------------------------------
# Hardship files (困难职工档案): chair and staff only
# ---------------------------------------------------------------------------------------


class HardshipListView(WelfareListView):
    model = HardshipCase
    template_name = "activities/welfare/hardship_list.html"
    context_object_name = "cases"
    tab = "hardship"

    def get_queryset(self):
        self.filter_form = forms.HardshipFilterForm(self.request.GET or None)
        return self.filter_form.filter(selectors.hardship_cases(self.request.school))


class HardshipDetailView(WelfareMixin, RecordDetailView):
    model = HardshipCase
    template_name = "activities/welfare/hardship_detail.html"
    tab = "hardship"

    def get_queryset(self):
        return super().get_queryset().select_related("member")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        aid = list(selectors.aid_of(self.object))
        context["aid"] = aid
        context["aid_total"] = selectors.yuan(sum(entry.amount for entry in aid))
        context.setdefault("aid_form", forms.HardshipAidForm(case=self.object))
        return context


class HardshipCreateView(WelfareMixin, RecordCreateView):
    model = HardshipCase
    form_class = forms.HardshipCaseForm
    template_name = "activities/welfare/hardship_form.html"
    tab = "hardship"


class HardshipUpdateView(WelfareMixin, RecordUpdateView):
    model = HardshipCase
    form_class = forms.HardshipCaseForm
    template_name = "activities/welfare/hardship_form.html"
    tab = "hardship"


class HardshipDeleteView(RecordDeleteView):
    model = HardshipCase
    success_url_name = "activities:hardship_list"


class HardshipRestoreView(RecordRestoreView):
    model = HardshipCase


class HardshipAidCreateView(OneTimeSubmissionMixin, HardshipDetailView):
    """Records help given to a case (POST); a refused form shows the case page with its errors."""

    required_action = Action.EDIT_RECORDS
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = forms.HardshipAidForm(request.POST, case=self.object)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(object=self.object, aid_form=form))
        aid = form.save(commit=False)
        aid.case = self.object
        aid.save()
        messages.success(request, _("The help given on %(date)s has been recorded.") % {"date": aid.given_on})
        return redirect(self.object)


# ---------------------------------------------------------------------------------------
# Mutual-aid grants (互济金)
# ---------------------------------------------------------------------------------------


class MutualAidListView(WelfareListView):
    """Grants with the total of each year; a teacher sees their own grants only."""

    model = MutualAidGrant
    teacher_owner_field = "member"
    template_name = "activities/welfare/mutual_aid_list.html"
    context_object_name = "grants"
    tab = "mutual_aid"

    def get_queryset(self):
        grants = MutualAidGrant.objects.filter(school=self.request.school)
        if self.own_only:
            grants = grants.filter(**self.teacher_filter())
        self.filter_form = forms.MutualAidFilterForm(
            self.request.GET or None, school=self.request.school, own_only=self.own_only
        )
        self.filtered = self.filter_form.filter(grants)
        return self.filtered.select_related("member")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["yearly_totals"] = selectors.yearly_totals(self.filtered)
        return context


class MutualAidFormMixin(WelfareMixin):
    model = MutualAidGrant
    form_class = forms.MutualAidGrantForm
    template_name = "activities/welfare/mutual_aid_form.html"
    success_url = reverse_lazy("activities:mutual_aid_list")
    tab = "mutual_aid"


class MutualAidCreateView(MutualAidFormMixin, RecordCreateView):
    pass


class MutualAidUpdateView(MutualAidFormMixin, HistoryMixin, RecordUpdateView):
    pass


class MutualAidDeleteView(RecordDeleteView):
    model = MutualAidGrant
    success_url_name = "activities:mutual_aid_list"


class MutualAidRestoreView(RecordRestoreView):
    model = MutualAidGrant
