"""The annual plan (工作计划): the chair writes sections and planned items and links the
activities and campaigns that carried them out; everyone who reads the summary reads the
plan and plan versus done (district users through ``?school=``)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from unionhub.forms import parse_id
from unionhub.roles import Action, user_can
from unionhub.submissions import OneTimeSubmissionMixin

from .. import services
from ..forms import GuidanceForm, PlanItemForm, PlanSectionForm
from ..models import PlanItem, PlanSection
from ..models.plan import plan_versus_done
from .summary import SummaryMixin


class PlanView(SummaryMixin, OneTimeSubmissionMixin, TemplateView):
    """GET: the plan with plan versus done. POST (chair): the guiding ideas, a new section,
    or a new item in a section."""

    template_name = "reports/plan/plan.html"

    def has_role_permission(self):
        if self.request.method == "POST":
            return user_can(self.request.user, Action.EDIT_SUMMARY)
        return super().has_role_permission()

    def get_context_data(self, forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = services.plan_for(self.school, self.period)
        can_edit = user_can(self.request.user, Action.EDIT_SUMMARY) and self.school == self.request.school
        rows = plan_versus_done(plan)
        context.update(
            {
                "school": self.school,
                "period": self.period,
                "year": self.period.year,
                "query": self.query,
                "plan": plan,
                "rows": rows,
                "not_done": [row["item"] for section in rows for row in section["items"] if not row["done"]],
                "can_edit": can_edit,
            }
        )
        if can_edit:
            forms = forms or {}
            context["guidance_form"] = forms.get("guidance") or GuidanceForm(initial={"guidance": plan.guidance})
            context["section_form"] = forms.get("section") or PlanSectionForm()
            context["item_form"] = forms.get("item") or PlanItemForm(school=self.school, period=self.period)
            for section in rows:
                for row in section["items"]:
                    row["form"] = PlanItemForm(
                        school=self.school,
                        period=self.period,
                        prefix="item{}".format(row["item"].pk),
                        initial={
                            "title": row["item"].title,
                            "description": row["item"].description,
                            "activities": [a.pk for a in row["activities"]],
                            "campaigns": [c.pk for c in row["campaigns"]],
                        },
                    )
        return context

    def post(self, request, year):
        part = request.POST.get("part")
        school, period = self.school, self.period
        if part == "guidance":
            form = GuidanceForm(request.POST)
            if form.is_valid():
                services.save_guidance(school, period, request.user, form.cleaned_data["guidance"])
                messages.success(request, _("The plan has been saved."))
                return redirect(self.url("reports:plan"))
            return self.render_to_response(self.get_context_data(forms={"guidance": form}))
        if part == "section":
            form = PlanSectionForm(request.POST)
            if form.is_valid():
                services.add_plan_section(school, period, form.cleaned_data["title"])
                messages.success(request, _("The plan has been saved."))
                return redirect(self.url("reports:plan"))
            return self.render_to_response(self.get_context_data(forms={"section": form}))
        if part == "item":
            form = PlanItemForm(request.POST, school=school, period=period)
            section = PlanSection.objects.filter(
                school=school, plan__kind=period.kind, plan__year=period.year, pk=parse_id(request.POST.get("section"))
            ).first()
            if section is None:
                form.add_error(None, _("Choose the section of the plan the item belongs to."))
            if form.is_valid():
                data = form.cleaned_data
                services.add_plan_item(
                    section, data["title"], data["description"], data["activities"], data["campaigns"]
                )
                messages.success(request, _("The plan has been saved."))
                return redirect(self.url("reports:plan") + "#plan-section-{}".format(section.pk))
            return self.render_to_response(self.get_context_data(forms={"item": form}))
        # Only a forged or garbled button sends another part: say so, and change nothing.
        messages.error(request, _("The page's request was not understood; nothing was changed."))
        return redirect(self.url("reports:plan"))


class PlanPartMixin(SummaryMixin):
    """A section or item of this school's plan for this period, or 404."""

    required_action = Action.EDIT_SUMMARY
    model = None
    plan_lookup = None

    def get_object(self, pk):
        return get_object_or_404(
            self.model.objects.filter(
                school=self.request.school,
                **{self.plan_lookup + "__kind": self.period.kind, self.plan_lookup + "__year": self.period.year},
            ),
            pk=pk,
        )

    def moved(self, obj, action):
        if action in ("up", "down"):
            services.move_in_order(obj, self.siblings(obj), -1 if action == "up" else 1)
            return True
        return False


class PlanSectionView(PlanPartMixin, View):
    """Rename, move or delete a section of the plan (its items go with it)."""

    model = PlanSection
    plan_lookup = "plan"

    def siblings(self, section):
        return PlanSection.objects.filter(school=section.school, plan=section.plan).order_by("position", "pk")

    def post(self, request, year, pk):
        section = self.get_object(pk)
        action = request.POST.get("action", "save")
        if action == "delete":
            section.delete()
        elif not self.moved(section, action):
            form = PlanSectionForm(request.POST)
            if form.is_valid():
                section.title = form.cleaned_data["title"]
                section.save()
            else:
                messages.error(request, _("Give the section a title."))
        return redirect(self.url("reports:plan"))


class PlanItemView(PlanPartMixin, View):
    """Edit an item and the records linked to it, move it or delete it."""

    model = PlanItem
    plan_lookup = "section__plan"

    def siblings(self, item):
        return PlanItem.objects.filter(school=item.school, section=item.section).order_by("position", "pk")

    def post(self, request, year, pk):
        item = self.get_object(pk)
        action = request.POST.get("action", "save")
        if action == "delete":
            item.delete()
        elif not self.moved(item, action):
            form = PlanItemForm(request.POST, school=self.school, period=self.period, prefix="item{}".format(item.pk))
            if form.is_valid():
                data = form.cleaned_data
                services.update_plan_item(
                    item, data["title"], data["description"], data["activities"], data["campaigns"]
                )
                messages.success(request, _("The plan has been saved."))
            else:
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
        return redirect(self.url("reports:plan") + "#plan-item-{}".format(item.pk))
