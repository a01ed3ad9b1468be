"""Awards, promotions in professional title and mentor pairs (青蓝工程).

Chair and staff read and write them; the chair deletes and restores. A teacher may open the
page of an award they won and of a pair they belong to (linked from their own timeline),
and gets 404 on the others of the school, as for one that does not exist.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView
from django.views.generic.edit import ModelFormMixin

from unionhub.history import history_entries
from unionhub.pagination import CappedPaginator
from unionhub.record_views import (
    RecordCreateView,
    RecordDeleteView,
    RecordDetailView,
    RecordPermissionMixin,
    RecordRestoreView,
    RecordUpdateView,
    TeacherParticipantMixin,
)
from unionhub.roles import Action, user_can
from unionhub.submissions import OneTimeSubmissionMixin

from ..choices import AwardKind, AwardLevel
from ..forms.awards import (
    AwardFilterForm,
    AwardForm,
    MentorFilterForm,
    MentorMeetingForm,
    MentorPairForm,
    PromotionFilterForm,
    PromotionForm,
)
from ..models import Award, MentorPair, Promotion, school_year_label
from ..periods import school_year_of, year_from_query
from ..selectors import awards as selectors
from ..services import awards as services

PAGE_SIZE = 50


def year_options(years, chosen):
    """The years that have records, plus the one chosen, newest first."""
    return sorted(set(years) | ({chosen} if chosen is not None else set()), reverse=True)


def filter_data(request, key, chosen):
    data = request.GET.copy()
    data[key] = "" if chosen is None else str(chosen)
    return data


# ---------------------------------------------------------------------------------------
# Awards
# ---------------------------------------------------------------------------------------


class AwardListView(RecordPermissionMixin, ListView):
    """The awards with filters, and above them the year's figures in 人次 by kind and level."""

    template_name = "activities/awards/award_list.html"
    context_object_name = "awards"
    paginate_by = PAGE_SIZE
    paginator_class = CappedPaginator

    def get(self, request, *args, **kwargs):
        school = request.school
        self.year = year_from_query(request, "year", timezone.localdate().year, blank=None)
        years = year_options(selectors.award_years(school), self.year)
        self.filter_form = AwardFilterForm(filter_data(request, "year", self.year), school=school, years=years)
        self.filter_form.is_valid()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        cleaned = getattr(self.filter_form, "cleaned_data", {})
        return selectors.awards(
            self.request.school,
            year=self.year,
            kind=cleaned.get("kind") or None,
            level=cleaned.get("level"),
            member=cleaned.get("member"),
            status=cleaned.get("status") or None,
            programme=(cleaned.get("programme") or "").strip() or None,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = selectors.award_figures(self.request.school, *selectors.year_range(self.year))
        levels = list(AwardLevel)
        context.update(
            filter_form=self.filter_form,
            year=self.year,
            figures=figures,
            sentences=selectors.award_sentences(figures),
            levels=levels,
            figure_rows=[
                {
                    "kind": kind,
                    "cells": [figures["by_kind_level"][kind.value][level.value]["person_times"] for level in levels],
                    "total": figures["by_kind"][kind.value]["person_times"],
                }
                for kind in AwardKind
            ],
            level_totals=[figures["by_level"][level.value]["person_times"] for level in levels],
            query=self.request.GET.copy(),
        )
        context["query"].pop("page", None)
        return context


class AwardDetailView(TeacherParticipantMixin, RecordDetailView):
    model = Award
    template_name = "activities/awards/award_detail.html"
    context_object_name = "award"

    def get_queryset(self):
        return super().get_queryset().select_related("club")

    def involves(self, award, member):
        return award.members.filter(pk=member.pk).exists()

    def get_context_data(self, **kwargs):
        # RecordDetailView's plain history is replaced by one that lists the members: skip it.
        context = super(RecordDetailView, self).get_context_data(**kwargs)
        if user_can(self.request.user, Action.VIEW_RECORDS):
            context["history"] = selectors.award_history(self.object)
        context["award_members"] = list(self.object.members.all())
        return context


class AwardCreateView(RecordCreateView):
    model = Award
    form_class = AwardForm
    template_name = "activities/awards/award_form.html"


class AwardUpdateView(RecordUpdateView):
    model = Award
    form_class = AwardForm
    template_name = "activities/awards/award_form.html"


class AwardDeleteView(RecordDeleteView):
    model = Award
    success_url_name = "activities:award_list"


class AwardRestoreView(RecordRestoreView):
    model = Award


# ---------------------------------------------------------------------------------------
# Promotions in professional title
# ---------------------------------------------------------------------------------------


class PromotionListView(RecordPermissionMixin, ListView):
    template_name = "activities/awards/promotion_list.html"
    context_object_name = "promotions"
    paginate_by = PAGE_SIZE
    paginator_class = CappedPaginator

    def get(self, request, *args, **kwargs):
        self.year = year_from_query(request, "year", timezone.localdate().year, blank=None)
        years = year_options(selectors.promotion_years(request.school), self.year)
        self.filter_form = PromotionFilterForm(filter_data(request, "year", self.year), years=years)
        self.filter_form.is_valid()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.promotions(self.request.school, year=self.year)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = selectors.promotion_figures(self.request.school, *selectors.year_range(self.year))
        context.update(
            filter_form=self.filter_form,
            year=self.year,
            figures=figures,
            sentences=selectors.promotion_sentences(figures),
            query=self.request.GET.copy(),
        )
        context["query"].pop("page", None)
        return context


def _title_messages(request, changed):
    for member in changed:
        messages.info(
            request,
            _("The roster now shows %(name)s as %(title)s.")
            % {"name": member.name, "title": member.get_title_display()},
        )


class SavePromotionMixin(ModelFormMixin):
    """Saves through the service, so that the roster's title follows in the same transaction.

    Listed after the record view in the bases: it then comes just before ``ModelFormMixin``
    in the MRO, under the school setting and the concurrent-edit check of the record views.
    """

    success_url = reverse_lazy("activities:promotion_list")

    def form_valid(self, form):
        self.object, changed = services.save_promotion(form)
        _title_messages(self.request, changed)
        return HttpResponseRedirect(self.get_success_url())


class PromotionCreateView(RecordCreateView, SavePromotionMixin):
    model = Promotion
    form_class = PromotionForm
    template_name = "activities/awards/promotion_form.html"


class PromotionUpdateView(RecordUpdateView, SavePromotionMixin):
    model = Promotion
    form_class = PromotionForm
    template_name = "activities/awards/promotion_form.html"

    def get_queryset(self):
        return super().get_queryset().select_related("member")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = history_entries(self.object)
        return context


class PromotionDeleteView(RecordDeleteView):
    model = Promotion
    success_url_name = "activities:promotion_list"

    def post(self, request, *args, **kwargs):
        promotion = self.get_object()
        changed = services.delete_promotion(promotion)
        messages.success(
            request,
            _("“%(record)s” has been deleted. The chair can restore it from the recycle bin.") % {"record": promotion},
        )
        _title_messages(request, changed)
        return redirect(reverse(self.success_url_name))


class PromotionRestoreView(RecordRestoreView):
    model = Promotion

    def post(self, request, pk):
        promotion = self.get_deleted(request, pk)
        changed = services.restore_promotion(promotion)
        messages.success(request, _("“%(record)s” has been restored.") % {"record": promotion})
        _title_messages(request, changed)
        return redirect(promotion)

    def get_deleted(self, request, pk):
        return get_object_or_404(
            Promotion.all_objects.filter(school=request.school, deleted_at__isnull=False).select_related("member"),
            pk=pk,
        )


# ---------------------------------------------------------------------------------------
# Mentor pairs (青蓝工程师徒结对)
# ---------------------------------------------------------------------------------------


class MentorListView(RecordPermissionMixin, ListView):
    template_name = "activities/awards/mentor_list.html"
    context_object_name = "pairs"
    paginate_by = PAGE_SIZE
    paginator_class = CappedPaginator

    def get(self, request, *args, **kwargs):
        self.school_year = year_from_query(request, "school_year", school_year_of(), blank=None)
        years = year_options(selectors.mentor_school_years(request.school), self.school_year)
        self.filter_form = MentorFilterForm(filter_data(request, "school_year", self.school_year), years=years)
        self.filter_form.is_valid()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.mentor_pairs(self.request.school, school_year=self.school_year)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = None
        if self.school_year is not None:
            figures = selectors.mentor_figures(self.request.school, self.school_year)
        context.update(
            filter_form=self.filter_form,
            school_year=self.school_year,
            school_year_label=school_year_label(self.school_year) if self.school_year is not None else "",
            figures=figures,
            sentences=selectors.mentor_sentences(figures) if figures else [],
            query=self.request.GET.copy(),
        )
        context["query"].pop("page", None)
        return context


class MentorDetailView(TeacherParticipantMixin, RecordDetailView):
    """The pair, its dated meetings and, for chair and staff, a form to add one."""

    model = MentorPair
    template_name = "activities/awards/mentor_detail.html"
    context_object_name = "pair"

    def get_queryset(self):
        return super().get_queryset().select_related("mentor", "mentee")

    def involves(self, pair, member):
        return member.pk in (pair.mentor_id, pair.mentee_id)

    def get_context_data(self, **kwargs):
        # RecordDetailView's plain history is replaced by one that says 2025—2026学年: skip it.
        context = super(RecordDetailView, self).get_context_data(**kwargs)
        if user_can(self.request.user, Action.VIEW_RECORDS):
            context["history"] = selectors.mentor_pair_history(self.object)
        context["meetings"] = selectors.meetings_of(self.object)
        if user_can(self.request.user, Action.EDIT_RECORDS) and "meeting_form" not in context:
            context["meeting_form"] = MentorMeetingForm(pair=self.object)
        return context


class MentorMeetingCreateView(OneTimeSubmissionMixin, MentorDetailView):
    """POST only: records a dated meeting; on an error the pair's page shows the form again."""

    required_action = Action.EDIT_RECORDS
    http_method_names = ["post"]

    def has_role_permission(self):
        return user_can(self.request.user, self.required_action)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = MentorMeetingForm(request.POST, pair=self.object)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(meeting_form=form))
        meeting = form.save()
        messages.success(
            request,
            _("The meeting of %(date)s has been recorded.") % {"date": formats.date_format(meeting.met_on)},
        )
        return HttpResponseRedirect(self.object.get_absolute_url() + "#meetings")


class MentorCreateView(RecordCreateView):
    model = MentorPair
    form_class = MentorPairForm
    template_name = "activities/awards/mentor_form.html"


class MentorUpdateView(RecordUpdateView):
    model = MentorPair
    form_class = MentorPairForm
    template_name = "activities/awards/mentor_form.html"


class MentorDeleteView(RecordDeleteView):
    model = MentorPair
    success_url_name = "activities:mentor_list"


class MentorRestoreView(RecordRestoreView):
    model = MentorPair
