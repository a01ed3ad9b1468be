"""Categories, campaigns (师德建设月, 个十百千万行动…) and clubs and teams."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import CreateView, ListView, TemplateView, UpdateView

from unionhub.history import history_entries
from unionhub.record_views import (
    RecordCreateView,
    RecordDeleteView,
    RecordDetailView,
    RecordRestoreView,
    RecordUpdateView,
)
from unionhub.roles import Action
from unionhub.views import RoleRequiredMixin, SchoolScopedMixin

from ..forms.campaigns import CampaignForm, CategoryForm, ClubForm
from ..models import Campaign, Category, Club
from ..periods import year_from_query
from ..selectors import campaigns as selectors
from ..services import campaigns as services

# ---------------------------------------------------------------------------------------
# Categories: edited per school, never deleted
# ---------------------------------------------------------------------------------------


class CategoryListView(RoleRequiredMixin, ListView):
    required_action = Action.VIEW_RECORDS
    template_name = "activities/campaigns/category_list.html"
    context_object_name = "categories"

    def get_queryset(self):
        return selectors.categories_with_counts(self.request.school)


class CategoryFormMixin(RoleRequiredMixin, SchoolScopedMixin):
    required_action = Action.EDIT_RECORDS
    model = Category
    form_class = CategoryForm
    template_name = "activities/campaigns/category_form.html"
    success_url = reverse_lazy("activities:category_list")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("“%(record)s” has been saved.") % {"record": self.object})
        return response


class CategoryCreateView(CategoryFormMixin, CreateView):
    pass


class CategoryUpdateView(CategoryFormMixin, UpdateView):
    def form_valid(self, form):
        with transaction.atomic():
            services.keep_default_category_in_history(self.object.pk)
            return super().form_valid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = history_entries(self.object)
        return context


# ---------------------------------------------------------------------------------------
# Campaigns
# ---------------------------------------------------------------------------------------


class CampaignListView(RoleRequiredMixin, TemplateView):
    """The campaigns of one year (``?year=``; the latest year with campaigns by default),
    each with its figures."""

    required_action = Action.VIEW_RECORDS
    template_name = "activities/campaigns/campaign_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        school = self.request.school
        years = selectors.campaign_years(school)
        year = year_from_query(self.request, "year", years[0] if years else timezone.localdate().year)
        if year not in years:
            years = sorted({*years, year}, reverse=True)
        context.update({"years": years, "year": year, "campaigns": selectors.campaigns_of_year(school, year)})
        return context


class CampaignMixin:
    model = Campaign
    form_class = CampaignForm
    template_name = "activities/campaigns/campaign_form.html"


class CampaignDetailView(RecordDetailView):
    model = Campaign
    template_name = "activities/campaigns/campaign_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("category")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["activities"] = selectors.campaign_activities(self.object)
        context["figures"] = selectors.campaign_figures(self.object)
        return context


class CampaignCreateView(CampaignMixin, RecordCreateView):
    pass


class CampaignUpdateView(CampaignMixin, RecordUpdateView):
    pass


class CampaignDeleteView(RecordDeleteView):
    model = Campaign
    success_url_name = "activities:campaign_list"


class RefuseDuplicateRestoreMixin:
    """A deleted record is not restored beside a live one that took its place meanwhile."""

    def clash(self, record):
        raise NotImplementedError

    def post(self, request, pk):
        record = get_object_or_404(
            self.model.all_objects.filter(school=request.school, deleted_at__isnull=False), pk=pk
        )
        if self.clash(record).exists():
            messages.error(
                request,
                _("“%(record)s” cannot be restored: the school has another one of that name now.") % {"record": record},
            )
            return redirect("activities:trash")
        return super().post(request, pk)


class CampaignRestoreView(RefuseDuplicateRestoreMixin, RecordRestoreView):
    model = Campaign

    def clash(self, record):
        clash = Campaign.objects.filter(school=record.school_id, title=record.title, number=record.number)
        if record.number is None:
            clash = clash.filter(launched_on__year=record.launched_on.year)
        return clash


# ---------------------------------------------------------------------------------------
# Clubs and teams
# ---------------------------------------------------------------------------------------


class ClubListView(RoleRequiredMixin, ListView):
    required_action = Action.VIEW_RECORDS
    template_name = "activities/campaigns/club_list.html"
    context_object_name = "clubs"

    def get_queryset(self):
        return selectors.clubs_with_counts(self.request.school)


class ClubMixin:
    model = Club
    form_class = ClubForm
    template_name = "activities/campaigns/club_form.html"

    def get_queryset(self):
        return super().get_queryset().select_related("leader", "weekly")


class ClubDetailView(ClubMixin, RecordDetailView):
    template_name = "activities/campaigns/club_detail.html"

    def get_context_data(self, **kwargs):
        # Not RecordDetailView's history: this one shows who joined and who left, and the
        # changes of the weekly schedule, as well.
        context = super(RecordDetailView, self).get_context_data(**kwargs)
        club = self.object
        context.update(
            {
                "members": list(selectors.club_members(club)),
                "activities": selectors.club_activities(club),
                "awards": selectors.club_awards(club),
                "history": selectors.club_history(club),
                "schedule": selectors.weekly_schedule(club),
            }
        )
        return context


class ClubCreateView(ClubMixin, RecordCreateView):
    def form_valid(self, form):
        # The club and its members are one write.
        with transaction.atomic():
            return super().form_valid(form)


class ConflictHistoryMixin:
    """A refused save lists the changes made meanwhile as the record's page tells them
    (who joined and left, activities linked and unlinked), not only its own fields."""

    def record_history(self, record):
        raise NotImplementedError

    def conflict(self, form, loaded_version, current_version):
        response = super().conflict(form, loaded_version, current_version)
        entries = [e for e in self.record_history(self.object) if (e["version"] or 0) > loaded_version]
        response.context_data["conflict_entries"] = entries
        return response


class ClubUpdateView(ClubMixin, ConflictHistoryMixin, RecordUpdateView):
    def record_history(self, record):
        return selectors.history_with_members(record)


class ClubDeleteView(RecordDeleteView):
    model = Club
    success_url_name = "activities:club_list"


class ClubRestoreView(RefuseDuplicateRestoreMixin, RecordRestoreView):
    model = Club

    def clash(self, record):
        return Club.objects.filter(school=record.school_id, name=record.name)
