"""The school's Word template of the summary: the chair uploads the school's own .docx (a
letterhead), downloads it or the app's to start from, and goes back to the app's."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from unionhub.roles import Action
from unionhub.views import RoleRequiredMixin

from ..exports import word_template
from ..forms import SummaryTemplateForm
from ..models import SummaryTemplate
from .summary import DOCX


class TemplateMixin(RoleRequiredMixin):
    required_action = Action.EDIT_SUMMARY

    def school_template(self, pk):
        """The one door to a template: the chair's own school's, or 404."""
        return get_object_or_404(SummaryTemplate.objects.filter(school=self.request.school), pk=pk)


def _download(content, filename):
    response = FileResponse(content, as_attachment=True, filename=filename, content_type=DOCX)
    response["X-Content-Type-Options"] = "nosniff"
    return response


class SummaryTemplateView(TemplateMixin, TemplateView):
    """GET: which template the school's summaries use, and the upload form. POST: the
    school's own template, replacing the one before."""

    template_name = "reports/summary/summary_template.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "template": SummaryTemplate.objects.filter(school=self.request.school)
                .select_related("uploaded_by")
                .first(),
                "form": form or SummaryTemplateForm(),
            }
        )
        return context

    def post(self, request):
        form = SummaryTemplateForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        SummaryTemplate.replace(request.school, request.user, form.cleaned_data["file"])
        messages.success(request, _("The summary will be written into your template from now on."))
        return redirect("reports:summary_template")


class DefaultTemplateView(TemplateMixin, View):
    """The app's template, for a school to add its letterhead to."""

    def get(self, request):
        return _download(word_template.TEMPLATE_PATH.open("rb"), _("summary template.docx"))


class FileView(TemplateMixin, View):
    def get(self, request, pk):
        template = self.school_template(pk)
        return _download(template.file.open("rb"), template.original_name)


class DeleteView(TemplateMixin, View):
    """Back to the app's template."""

    def post(self, request, pk):
        self.school_template(pk).remove()
        messages.success(request, _("The summary is written into the app's template again."))
        return redirect("reports:summary_template")
