"""Each school edits its own notice categories (招生, 财务… and any it adds)."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from unionhub.roles import Action
from unionhub.submissions import OneTimeSubmissionMixin
from unionhub.views import RoleRequiredMixin

from ..forms import CategoryForm
from ..models import NoticeCategory


class CategoryListView(RoleRequiredMixin, OneTimeSubmissionMixin, View):
    """The school's categories with how many notices each holds; a form adds one."""

    required_action = Action.EDIT_RECORDS
    template_name = "disclosure/category_list.html"

    def render(self, form):
        categories = NoticeCategory.objects.filter(school=self.request.school).annotate(
            notice_count=Count("notices", filter=Q(notices__deleted_at__isnull=True))
        )
        return render(self.request, self.template_name, {"categories": categories, "form": form})

    def get(self, request):
        position = NoticeCategory.objects.filter(school=request.school).count()
        return self.render(CategoryForm(school=request.school, initial={"position": position}))

    def post(self, request):
        form = CategoryForm(request.POST, school=request.school)
        if not form.is_valid():
            return self.render(form)
        form.instance.school = request.school
        category = form.save()
        messages.success(request, _("The category “%(name)s” has been added.") % {"name": category.name})
        return redirect("disclosure:category_list")


class CategoryUpdateView(RoleRequiredMixin, View):
    """Rename or move a category; its notices follow."""

    required_action = Action.EDIT_RECORDS
    template_name = "disclosure/category_form.html"

    def get_category(self, pk):
        return get_object_or_404(NoticeCategory.objects.filter(school=self.request.school), pk=pk)

    def get(self, request, pk):
        category = self.get_category(pk)
        form = CategoryForm(instance=category, school=request.school)
        return render(request, self.template_name, {"category": category, "form": form})

    def post(self, request, pk):
        category = self.get_category(pk)
        form = CategoryForm(request.POST, instance=category, school=request.school)
        if not form.is_valid():
            return render(request, self.template_name, {"category": category, "form": form})
        form.save()
        messages.success(request, _("The category has been saved."))
        return redirect("disclosure:category_list")
