"""The suggestion box (意见箱): any member writes; staff read and answer all; a signed
writer sees their own with the answers."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView, UpdateView

from unionhub.pagination import CappedPaginator
from unionhub.roles import Action
from unionhub.submissions import OneTimeSubmissionMixin, posted_checkbox
from unionhub.views import ConcurrentUpdateMixin, RoleRequiredMixin, SchoolScopedMixin

from .. import services
from ..forms import SuggestionAnswerForm, SuggestionForm
from ..models import Suggestion
from .common import SchoolMemberMixin


class SuggestionListView(SchoolMemberMixin, ListView):
    template_name = "disclosure/suggestion_list.html"
    context_object_name = "suggestions"
    paginate_by = 50
    paginator_class = CappedPaginator

    def get_queryset(self):
        suggestions = Suggestion.objects.filter(school=self.request.school).select_related("member", "answered_by")
        if not self.is_staff_user:
            suggestions = suggestions.filter(author=self.request.user, anonymous=False)
        return suggestions

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.is_staff_user
        return context


class SuggestionCreateView(SchoolMemberMixin, OneTimeSubmissionMixin, View):
    template_name = "disclosure/suggestion_form.html"

    def submission_is_anonymous(self):
        return posted_checkbox(self.request, "anonymous")

    def get(self, request):
        return render(request, self.template_name, {"form": SuggestionForm(school=request.school)})

    def post(self, request):
        form = SuggestionForm(request.POST, school=request.school)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        suggestion = form.save(commit=False)
        suggestion.school = request.school
        services.submit_suggestion(suggestion, request.user)
        if suggestion.anonymous:
            messages.success(request, _("Your anonymous suggestion has been delivered. Nothing about you was kept."))
        else:
            messages.success(request, _("Your suggestion has been delivered; the answer will appear here."))
        return redirect("disclosure:suggestion_list")


class SuggestionAnswerView(RoleRequiredMixin, ConcurrentUpdateMixin, SchoolScopedMixin, UpdateView):
    """Staff answer a suggestion. Two answering the same one at once: the second is refused
    and shown what the first wrote, instead of silently replacing it."""

    required_action = Action.EDIT_RECORDS
    model = Suggestion
    form_class = SuggestionAnswerForm
    template_name = "disclosure/suggestion_answer.html"
    context_object_name = "suggestion"
    slug_field = slug_url_kwarg = "key"
    conflict_message = gettext_lazy(
        "Someone else answered this suggestion after you opened it. Your answer was not saved; "
        "theirs is shown below. To replace it with yours, save again."
    )
    # What is stored now, read when the save is refused.
    stored = None

    def form_valid(self, form):
        form.instance.mark_answered(self.request.user)
        response = super().form_valid(form)
        if not form.errors:
            messages.success(self.request, _("The answer has been saved."))
        return response

    def conflict(self, form, loaded_version, current_version):
        self.stored = Suggestion.objects.select_related("answered_by").get(pk=self.object.pk)
        return super().conflict(form, loaded_version, current_version)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stored"] = self.stored
        return context

    def get_success_url(self):
        return self.object.get_absolute_url()
