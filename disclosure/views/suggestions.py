"""The suggestion box (意见箱): any member writes; staff read and answer all; a signed
writer sees their own with the answers."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from unionhub.pagination import CappedPaginator
from unionhub.roles import Action
from unionhub.submissions import OneTimeSubmissionMixin, posted_checkbox
from unionhub.views import RoleRequiredMixin

from .. import services
from ..forms import AnswerForm, SuggestionForm
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


class SuggestionAnswerView(RoleRequiredMixin, View):
    required_action = Action.EDIT_RECORDS
    template_name = "disclosure/suggestion_answer.html"

    def get_suggestion(self, pk):
        return get_object_or_404(Suggestion.objects.filter(school=self.request.school), pk=pk)

    def get(self, request, pk):
        suggestion = self.get_suggestion(pk)
        form = AnswerForm(initial={"answer": suggestion.answer})
        return render(request, self.template_name, {"suggestion": suggestion, "form": form})

    def post(self, request, pk):
        suggestion = self.get_suggestion(pk)
        form = AnswerForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"suggestion": suggestion, "form": form})
        services.answer_suggestion(suggestion, request.user, form.cleaned_data["answer"])
        messages.success(request, _("The answer has been saved."))
        return redirect(suggestion)
