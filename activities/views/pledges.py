"""Pledge drives (who is bound, who signed when) and the ethics assessment grid (师德考核)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from members.models import Department
from members.views import xlsx_response
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
from unionhub.roles import Action, Role, user_can
from unionhub.views import RoleRequiredMixin
from unionhub.xlsx import Sheet, write_workbook

from ..choices import EthicsGrade
from ..forms.pledges import (
    EthicsGridForm,
    EthicsPeriodForm,
    PledgeDriveCreateForm,
    PledgeDriveForm,
    PledgeMembersForm,
    SignatureForm,
)
from ..models import EthicsAssessment, EthicsPeriod, PledgeDrive
from ..periods import year_from_query
from ..selectors import pledges as selectors
from ..services import pledges as services

SHOW_CHOICES = ("all", "unsigned", "signed")


def _department_from(request, school, key="department"):
    """The department picked in a filter (by pk, of the school), or None."""
    pk = parse_id(request.GET.get(key) or request.POST.get(key))
    if pk is None:
        return None
    return Department.objects.filter(school=school, pk=pk).first()


def _query(**params):
    params = {key: value for key, value in params.items() if value not in (None, "", "all")}
    return "?" + urlencode(params) if params else ""


# ---------------------------------------------------------------------------------------
# Pledge drives
# ---------------------------------------------------------------------------------------


class PledgeListView(RecordPermissionMixin, ListView):
    """The school's drives with "N of M signed", newest first, filterable by year."""

    template_name = "activities/pledges/pledge_list.html"
    context_object_name = "drives"
    paginate_by = 50
    paginator_class = CappedPaginator

    def get_year(self):
        return year_from_query(self.request, "year", None, first=None, last=None)

    def get_queryset(self):
        drives = selectors.drives_with_counts(self.request.school)
        if self.get_year():
            drives = drives.filter(year=self.get_year())
        return drives

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["years"] = (
            PledgeDrive.objects.filter(school=self.request.school)
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        context["year"] = self.get_year()
        return context


class PledgeCreateView(RecordCreateView):
    """A new drive, binding every member in service unless told otherwise, in one transaction."""

    model = PledgeDrive
    form_class = PledgeDriveCreateForm
    template_name = "activities/pledges/pledge_form.html"

    def form_valid(self, form):
        drive = form.save(commit=False)
        drive.school = self.request.school
        services.create_drive(drive, form.cleaned_data["member_ids"], self.request.user)
        count = len(form.cleaned_data["member_ids"])
        if count:
            messages.success(
                self.request,
                _("“%(record)s” has been saved; it binds %(count)s members.") % {"record": drive, "count": count},
            )
        else:
            messages.warning(
                self.request,
                _("“%(record)s” has been saved, but it binds nobody yet: choose the members it binds.")
                % {"record": drive},
            )
        return redirect(drive)


class PledgeDetailView(RecordDetailView):
    """ "N of M signed", who has not signed, and the ticks that record many signatures at once."""

    model = PledgeDrive
    template_name = "activities/pledges/pledge_detail.html"
    context_object_name = "drive"

    def get_show(self):
        show = self.request.GET.get("show") or self.request.POST.get("show") or "all"
        return show if show in SHOW_CHOICES else "all"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        drive = self.object
        show = self.get_show()
        department = _department_from(self.request, self.request.school)
        counts = selectors.drive_counts(drive)
        counts["percent"] = round(100 * counts["signed"] / counts["bound"]) if counts["bound"] else 0
        context.update(
            {
                "counts": counts,
                "show": show,
                "department": department,
                "departments": Department.objects.filter(school=self.request.school),
                "signatures": selectors.drive_signatures(drive, show, department),
                "form": form or SignatureForm(drive=drive),
                "can_edit": user_can(self.request.user, Action.EDIT_RECORDS),
                "recent_changes": selectors.recent_signature_changes(drive),
                "filter_query": _query(show=show, department=department.pk if department else None),
            }
        )
        return context


class PledgeSignaturesView(PledgeDetailView):
    """POST only: records the ticked members (or one row) as signed on a date, or clears one."""

    required_action = Action.EDIT_RECORDS
    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        self.object = drive = self.get_object()
        form = SignatureForm(request.POST, drive=drive)
        if not form.is_valid():
            messages.error(request, _("Nothing was recorded: correct what is marked below."))
            return self.render_to_response(self.get_context_data(form=form), status=200)
        if form.cleaned_data["action"] == "unsign":
            member = form.cleaned_data["unsign"]
            if services.unsign(drive, member.pk, request.user):
                messages.success(request, _("%(name)s is marked as not signed.") % {"name": member.name})
        else:
            members = form.cleaned_data["members"]
            changed = services.sign(drive, [m.pk for m in members], form.cleaned_data["signed_on"], request.user)
            messages.success(
                request,
                _("%(count)s signatures recorded on %(date)s.")
                % {"count": changed, "date": form.cleaned_data["signed_on"].isoformat()},
            )
        department = _department_from(request, request.school)
        return redirect(
            reverse("activities:pledge_detail", args=[drive.pk])
            + _query(show=self.get_show(), department=department.pk if department else None)
        )


class PledgeMembersView(RecordPermissionMixin, SingleObjectMixin, FormView):
    """Changes whom a drive binds: everyone in service, women staff, a department or a list."""

    required_action = Action.EDIT_RECORDS
    model = PledgeDrive
    context_object_name = "drive"
    form_class = PledgeMembersForm
    template_name = "activities/pledges/pledge_members.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = FormView.get_form_kwargs(self)
        kwargs.update({"school": self.request.school, "drive": self.object})
        return kwargs

    def form_valid(self, form):
        result = services.rebind_drive(
            self.object, form.cleaned_data["member_ids"], form.cleaned_data["remove_signed"], self.request.user
        )
        message = _("Members bound: %(added)s added, %(removed)s removed.") % {
            "added": result.added,
            "removed": result.removed,
        }
        if result.kept_signed:
            message += " " + _("%(count)s members who had signed were kept.") % {"count": result.kept_signed}
        messages.success(self.request, message)
        return redirect(self.object)


class PledgeExportView(RecordPermissionMixin, SingleObjectMixin, View):
    """The bound members with department and signature date (or 未签), as .xlsx."""

    model = PledgeDrive

    def get(self, request, *args, **kwargs):
        drive = self.get_object()
        not_signed = _("Not signed")
        rows = [
            [
                number,
                signature.member.name,
                signature.member.department.name if signature.member.department else "",
                signature.signed_on or not_signed,
            ]
            for number, signature in enumerate(selectors.drive_signatures(drive), start=1)
        ]
        sheet = Sheet(
            title=_("Signatures"),
            headers=[_("No."), _("name"), _("department"), _("signed on")],
            rows=rows,
        )
        display_name = _("%(drive)s signatures.xlsx") % {"drive": drive}
        return xlsx_response(write_workbook([sheet]), "pledge-{}.xlsx".format(drive.pk), display_name)


class PledgeUpdateView(RecordUpdateView):
    model = PledgeDrive
    form_class = PledgeDriveForm
    template_name = "activities/pledges/pledge_form.html"


class PledgeDeleteView(RecordDeleteView):
    model = PledgeDrive
    success_url_name = "activities:pledge_list"


class PledgeRestoreView(RecordRestoreView):
    model = PledgeDrive


# ---------------------------------------------------------------------------------------
# Ethics assessment
# ---------------------------------------------------------------------------------------


def _grade_rows(distribution):
    """``[(label, count, css class)]`` in grade order, for the distribution bar."""
    classes = {
        EthicsGrade.EXCELLENT: "success",
        EthicsGrade.GOOD: "primary",
        EthicsGrade.PASS: "warning",
        EthicsGrade.FAIL: "danger",
    }
    return [
        {
            "value": grade.value,
            "label": grade.label,
            "count": distribution["grades"][grade.value],
            "css": classes[grade],
        }
        for grade in EthicsGrade
    ]


class EthicsListView(RoleRequiredMixin, ListView):
    """Chair and staff: the periods with their distribution. A teacher: their own assessments."""

    required_action = Action.VIEW_RECORDS
    paginate_by = 50
    paginator_class = CappedPaginator

    def has_role_permission(self):
        return super().has_role_permission() or self.request.user.role == Role.TEACHER

    def is_teacher_view(self):
        return not user_can(self.request.user, Action.VIEW_RECORDS)

    def get_template_names(self):
        if self.is_teacher_view():
            return ["activities/pledges/ethics_own.html"]
        return ["activities/pledges/ethics_list.html"]

    def get_queryset(self):
        if self.is_teacher_view():
            return selectors.own_assessments(own_member(self.request.user))
        return selectors.periods_with_distribution(self.request.school)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["own_member"] = own_member(self.request.user)
        if not self.is_teacher_view():
            for period in context["object_list"]:
                period.distribution = selectors.as_distribution(period.__dict__)
                period.grade_rows = _grade_rows(period.distribution)
        return context


class EthicsCreateView(RecordCreateView):
    model = EthicsPeriod
    form_class = EthicsPeriodForm
    template_name = "activities/pledges/ethics_form.html"


class EthicsGridView(RecordPermissionMixin, SingleObjectMixin, FormView):
    """The whole period on one page: every teacher in service a row; saved all at once."""

    model = EthicsPeriod
    context_object_name = "period"
    template_name = "activities/pledges/ethics_grid.html"
    form_class = EthicsGridForm

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not user_can(request.user, Action.EDIT_RECORDS):
            raise PermissionDenied
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = FormView.get_form_kwargs(self)
        self.members = list(selectors.grid_members(self.object))
        self.assessments = {a.member_id: a for a in EthicsAssessment.objects.filter(period=self.object)}
        kwargs.update({"period": self.object, "members": self.members, "assessments": self.assessments})
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        department = _department_from(self.request, self.request.school)
        rows = form.rows
        if department is not None:
            rows = [row for row in rows if row.member.department_id == department.pk]
        distribution = selectors.ethics_distribution(self.object)
        context.update(
            {
                "rows": rows,
                "department": department,
                "departments": Department.objects.filter(school=self.request.school),
                "distribution": distribution,
                "grade_rows": _grade_rows(distribution),
                "not_assessed": max(len(self.members) - distribution["assessed"], 0),
                "can_edit": user_can(self.request.user, Action.EDIT_RECORDS),
                "history": history_entries(self.object),
                "recent_changes": selectors.recent_assessment_changes(self.object),
                "not_begun": self.object.starts_on > timezone.localdate(),
            }
        )
        return context

    def form_invalid(self, form):
        messages.error(self.request, _("Nothing was saved: correct the rows marked below."))
        return super().form_invalid(form)

    def form_valid(self, form):
        period = self.object
        if period.starts_on > timezone.localdate():
            form.add_error(
                None,
                _("This period has not begun: it can be assessed from %(date)s.")
                % {"date": period.starts_on.isoformat()},
            )
            return self.form_invalid(form)
        try:
            saving = services.save_grid(
                period, form.cleaned_data["rows"], form.cleaned_data["loaded_version"], self.request.user
            )
        except services.GridConflict as conflict:
            message = _(
                "Someone else saved this grid after you opened it. Nothing of yours was saved; your entries "
                "are still below. Check the grid and save again."
            )
            form.add_error(None, message)
            data = form.data.copy()
            data["loaded_version"] = conflict.version
            form.data = data
            messages.error(self.request, message)
            return self.render_to_response(self.get_context_data(form=form))
        if saving.changed:
            messages.success(
                self.request,
                _("The grid is saved: %(created)s rows added, %(updated)s changed, %(cleared)s cleared.")
                % {"created": saving.created, "updated": saving.updated, "cleared": saving.cleared},
            )
        else:
            messages.info(self.request, _("Nothing had changed."))
        department = _department_from(self.request, self.request.school)
        return redirect(
            reverse("activities:ethics_grid", args=[period.pk])
            + _query(department=department.pk if department else None)
        )


class EthicsUpdateView(RecordUpdateView):
    model = EthicsPeriod
    form_class = EthicsPeriodForm
    template_name = "activities/pledges/ethics_form.html"


class EthicsDeleteView(RecordDeleteView):
    model = EthicsPeriod
    success_url_name = "activities:ethics_list"


class EthicsRestoreView(RecordRestoreView):
    model = EthicsPeriod
