"""Roster, member pages, departments, roster import/export and the school's logins."""

import datetime
import hashlib
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from unionhub import pending_imports, tasks
from unionhub.history import history_entries
from unionhub.models import SensitiveAct
from unionhub.pagination import CappedPaginator
from unionhub.roles import Action, Role, user_can
from unionhub.services import acted_by, record_sensitive_act
from unionhub.submissions import OneTimeSubmissionMixin
from unionhub.views import ConcurrentUpdateMixin, RoleRequiredMixin, SchoolScopedMixin
from unionhub.xlsx import Sheet, write_workbook
from unionhub.years import parse_year

from . import services
from .choices import MemberStatus
from .columns import EXAMPLE_ROW, ROSTER_COLUMNS, member_row
from .filters import MemberFilter
from .forms import DepartmentForm, MemberForm, RosterImportForm, id_card_number_clash
from .importers import data_row_count, read_roster
from .models import Department, Member
from .selectors import roster, roster_year_figures
from .tables import MemberTable
from .tasks import ROSTER_IMPORT
from .timeline import timeline_for

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content, filename, display_name=""):
    """``filename`` is the plain ASCII name; ``display_name`` (e.g. in Chinese) is what browsers save as."""
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = "attachment; filename=\"{}\"; filename*=UTF-8''{}".format(
        filename, quote(display_name or filename)
    )
    return response


class MemberListView(RoleRequiredMixin, SingleTableMixin, FilterView):
    """The roster: search by name or pinyin, filters, sortable columns, 50 a page."""

    required_action = Action.VIEW_RECORDS
    table_class = MemberTable
    filterset_class = MemberFilter
    template_name = "members/member_list.html"
    paginator_class = CappedPaginator

    def get_queryset(self):
        return roster(self.request.school)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["school"] = self.request.school
        return kwargs

    def get_template_names(self):
        # Search-as-you-type swaps only the table.
        if self.request.htmx and not self.request.htmx.boosted:
            return ["members/_member_table.html"]
        return [self.template_name]


class MemberObjectMixin(SchoolScopedMixin):
    model = Member


class OwnRecordMixin(RoleRequiredMixin, MemberObjectMixin):
    """Chair and staff see any member of the school; a teacher only their own record."""

    required_action = Action.VIEW_RECORDS

    def has_role_permission(self):
        return super().has_role_permission() or self.request.user.role == Role.TEACHER

    def get_object(self, queryset=None):
        member = super().get_object(queryset)
        if not user_can(self.request.user, self.required_action) and member.user_id != self.request.user.pk:
            raise Http404
        return member


class MemberDetailView(OwnRecordMixin, DetailView):
    """A member's page: details, photo, timeline and history. A teacher sees only their own."""

    def get_queryset(self):
        return super().get_queryset().select_related("department", "user")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["show_full_id"] = user.role in (Role.CHAIR, Role.STAFF)
        if context["show_full_id"] and self.object.id_card_number:
            record_id_number_view(self.request, self.object)
        context["timeline"] = timeline_for(self.object)
        context["history"] = history_entries(self.object) if user_can(user, Action.VIEW_RECORDS) else []
        return context


def record_id_number_view(request, member):
    record_sensitive_act(SensitiveAct.ID_NUMBER_VIEW, school=request.school, target=member.name, **acted_by(request))


class MemberCreateView(RoleRequiredMixin, OneTimeSubmissionMixin, MemberObjectMixin, CreateView):
    required_action = Action.EDIT_RECORDS
    form_class = MemberForm

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("%(name)s has been added.") % {"name": self.object.name})
        return response


class MemberUpdateView(RoleRequiredMixin, ConcurrentUpdateMixin, MemberObjectMixin, UpdateView):
    required_action = Action.EDIT_RECORDS
    form_class = MemberForm

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # The form's field shows the whole number.
        if self.object.id_card_number:
            record_id_number_view(request, self.object)
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        if not form.errors:
            messages.success(self.request, _("%(name)s has been saved.") % {"name": self.object.name})
        return response


class MemberDeleteView(RoleRequiredMixin, MemberObjectMixin, DetailView):
    """Asks, then deletes so that the chair can restore the member from the recycle bin."""

    required_action = Action.DELETE_RECORDS
    template_name = "members/member_confirm_delete.html"

    def post(self, request, *args, **kwargs):
        member = self.get_object()
        if member.user_id is not None and member.user_id == request.user.pk:
            messages.error(request, _("You cannot delete your own member record: your login would stop working."))
            return redirect(member)
        services.delete_member(member, **acted_by(self.request))
        messages.success(
            request,
            _("%(name)s has been deleted. The chair can restore the record from the recycle bin.")
            % {"name": member.name},
        )
        return redirect("members:member_list")


class MemberTrashView(RoleRequiredMixin, ListView):
    """Deleted members, newest first, each with a restore button."""

    required_action = Action.DELETE_RECORDS
    template_name = "members/member_trash.html"
    context_object_name = "members"

    def get_queryset(self):
        return (
            Member.all_objects.filter(school=self.request.school, deleted_at__isnull=False)
            .select_related("department")
            .order_by("-deleted_at")
        )


class MemberRestoreView(RoleRequiredMixin, View):
    required_action = Action.DELETE_RECORDS

    def post(self, request, pk):
        member = get_object_or_404(Member.all_objects.filter(school=request.school, deleted_at__isnull=False), pk=pk)
        if (
            member.employee_number
            and Member.objects.filter(school=request.school, employee_number=member.employee_number).exists()
        ):
            messages.error(
                request,
                _("Cannot restore %(name)s: another member now has employee number %(number)s.")
                % {"name": member.name, "number": member.employee_number},
            )
            return redirect("members:member_trash")
        holder = (
            Member.objects.filter(school=request.school, id_card_number=member.id_card_number).first()
            if member.id_card_number
            else None
        )
        if holder is not None:
            messages.error(
                request,
                _("Cannot restore %(name)s: %(reason)s")
                % {"name": member.name, "reason": id_card_number_clash(holder)},
            )
            return redirect("members:member_trash")
        services.restore_member(member, **acted_by(self.request))
        messages.success(request, _("%(name)s has been restored.") % {"name": member.name})
        return redirect(member)


class MemberPhotoView(OwnRecordMixin, DetailView):
    """Serves a member's photo (or thumbnail) to users of the member's school only."""

    thumbnail = False

    def get(self, request, *args, **kwargs):
        member = self.get_object()
        image = member.photo_thumbnail if self.thumbnail else member.photo
        if not image:
            raise Http404
        response = FileResponse(image.open("rb"), content_type="image/jpeg")
        response["Cache-Control"] = "private, max-age=3600"
        return response


class RosterExportView(RoleRequiredMixin, View):
    """The roster with the current filters as .xlsx, in the import template's columns."""

    required_action = Action.VIEW_RECORDS

    def get(self, request):
        members = list(MemberFilter(request.GET, queryset=roster(request.school), school=request.school).qs)
        sheet = Sheet(
            title=_("Roster"),
            headers=[str(header) for _name, header in ROSTER_COLUMNS],
            rows=(member_row(m) for m in members),
        )
        year = parse_year(request.GET.get("year")) or timezone.localdate().year
        content = write_workbook([sheet, year_figures_sheet(request.school, year)])
        record_sensitive_act(
            SensitiveAct.ROSTER_EXPORT,
            school=request.school,
            target=ngettext("%(count)d member", "%(count)d members", len(members)) % {"count": len(members)},
            **acted_by(request),
        )
        return xlsx_response(content, "roster.xlsx", _("roster.xlsx"))


def year_figures_sheet(school, year):
    """The roster's changes in calendar year ``year`` and in the school year that ends in it."""
    periods = [
        (_("year %(year)d") % {"year": year}, datetime.date(year, 1, 1), datetime.date(year, 12, 31)),
        (
            _("%(first)d—%(second)d school year") % {"first": year - 1, "second": year},
            datetime.date(year - 1, 9, 1),
            datetime.date(year, 8, 31),
        ),
    ]
    rows = []
    for label, start, end in periods:
        figures = roster_year_figures(school, start, end)
        rows.append([label, figures["joined"], figures["left"], figures["retired"], "、".join(figures["new_hires"])])
    return Sheet(
        title=_("Year figures"),
        headers=[
            _("Period"),
            _("Came to the school"),
            _("Left the school"),
            _("Retired in the period"),
            _("New hires"),
        ],
        rows=rows,
    )


class RosterTemplateView(RoleRequiredMixin, View):
    required_action = Action.EDIT_RECORDS

    def get(self, request):
        sheet = Sheet(
            title=_("Roster"),
            headers=[str(header) for _name, header in ROSTER_COLUMNS],
            rows=[[EXAMPLE_ROW[name] for name, _header in ROSTER_COLUMNS]],
        )
        return xlsx_response(write_workbook([sheet]), "roster-template.xlsx", _("roster-template.xlsx"))


class RosterImportView(RoleRequiredMixin, View):
    """Upload → check every cell → preview → confirm. Nothing is written before confirm.

    A file of more than ``IMPORT_BACKGROUND_ROWS`` rows is checked and imported as one
    background job instead (``members.tasks``), all rows or none."""

    required_action = Action.EDIT_RECORDS
    template_name = "members/roster_import.html"
    session_key = "roster_import"

    def get(self, request):
        return self.page(request, {"form": RosterImportForm()})

    def page(self, request, context):
        context["background_rows"] = settings.UNIONHUB["IMPORT_BACKGROUND_ROWS"]
        return render(request, self.template_name, context)

    def post(self, request):
        if "confirm" in request.POST:
            return self.confirm(request)
        if "cancel" in request.POST:
            self.forget_pending(request)
            messages.info(request, _("The import was cancelled; nothing was imported."))
            return redirect("members:roster_import")
        form = RosterImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(request, {"form": form})
        # A new upload replaces the preview before it.
        self.forget_pending(request)
        upload = form.cleaned_data["file"]
        if data_row_count(upload) > settings.UNIONHUB["IMPORT_BACKGROUND_ROWS"]:
            # A large file is checked and written in the background, in one go: its page
            # shows the progress, then what was done or every problem found.
            job = tasks.start(ROSTER_IMPORT, request.school, request.user, params={"name": upload.name}, source=upload)
            return redirect("jobs:job_detail", pk=job.pk)
        result = read_roster(upload, request.school, settings.UNIONHUB["IMPORT_MAX_ROWS"])
        if result.errors:
            messages.error(request, _("Nothing was imported: correct the cells listed below and upload again."))
            return self.page(request, {"form": RosterImportForm(), "result": result})
        upload.seek(0)
        content = upload.read()
        request.session[self.session_key] = {
            "token": pending_imports.keep(content),
            "sha256": hashlib.sha256(content).hexdigest(),
            "name": upload.name,
        }
        return self.page(request, {"form": None, "result": result, "preview": True})

    def forget_pending(self, request):
        """Delete the file of the preview in this session, if there is one."""
        pending = request.session.pop(self.session_key, None)
        if pending:
            pending_imports.discard(pending.get("token"))

    def confirm(self, request):
        pending = request.session.get(self.session_key)
        path = pending_imports.path_of(pending["token"]) if pending else None
        if not pending or pending.get("token") != request.POST.get("token") or not path or not path.exists():
            messages.error(request, _("The upload has expired; please upload the file again."))
            return redirect("members:roster_import")
        content = path.read_bytes()
        self.forget_pending(request)
        upload = SimpleUploadedFile(pending["name"], content)
        result = read_roster(upload, request.school, settings.UNIONHUB["IMPORT_MAX_ROWS"])
        if result.errors or hashlib.sha256(content).hexdigest() != pending["sha256"]:
            messages.error(
                request, _("Nothing was imported: the roster changed since the preview. Upload the file again.")
            )
            return self.page(request, {"form": RosterImportForm(), "result": result})
        created, updated = services.import_roster(request.school, result)
        messages.success(
            request,
            _("Import finished: %(created)s members added, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": created, "updated": updated, "unchanged": result.unchanged_count},
        )
        return redirect("members:member_list")


class DepartmentListView(RoleRequiredMixin, ListView):
    required_action = Action.VIEW_RECORDS
    template_name = "members/department_list.html"
    context_object_name = "departments"

    def get_queryset(self):
        return Department.objects.filter(school=self.request.school)


class DepartmentCreateView(RoleRequiredMixin, OneTimeSubmissionMixin, SchoolScopedMixin, CreateView):
    required_action = Action.EDIT_RECORDS
    model = Department
    form_class = DepartmentForm
    success_url = reverse_lazy("members:department_list")


class DepartmentUpdateView(RoleRequiredMixin, SchoolScopedMixin, UpdateView):
    required_action = Action.EDIT_RECORDS
    model = Department
    form_class = DepartmentForm
    success_url = reverse_lazy("members:department_list")


class AccountListView(RoleRequiredMixin, ListView):
    """The school's logins, and the members who have none yet."""

    required_action = Action.MANAGE_ACCOUNTS
    template_name = "members/account_list.html"
    context_object_name = "accounts"

    def get_queryset(self):
        return (
            get_user_model()
            .objects.filter(school=self.request.school)
            .select_related("member")
            .order_by("role", "username")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members_without_login"] = Member.objects.filter(school=self.request.school, user__isnull=True).exclude(
            status="transferred"
        )
        context["roles"] = [
            (Role.TEACHER, Role.TEACHER.label),
            (Role.STAFF, Role.STAFF.label),
            (Role.CHAIR, Role.CHAIR.label),
        ]
        return context


class AccountCreateView(RoleRequiredMixin, OneTimeSubmissionMixin, View):
    """Creates a login for a member and shows its one-time password once."""

    required_action = Action.MANAGE_ACCOUNTS

    def submission_landing(self, response):
        # The password page is shown once; a second click lands on the list of logins.
        return reverse("members:account_list") if response.status_code == 200 else None

    def post(self, request, pk):
        member = get_object_or_404(Member.objects.filter(school=request.school), pk=pk)
        role = request.POST.get("role", Role.TEACHER)
        try:
            user, password = services.create_login(member, role, **acted_by(request))
        except ValueError as error:
            messages.error(request, str(error))
            return redirect("members:account_list")
        return render(request, "members/account_password.html", {"account": user, "password": password})


class AccountObjectMixin(RoleRequiredMixin):
    required_action = Action.MANAGE_ACCOUNTS

    def get_account(self, request, pk):
        return get_object_or_404(get_user_model().objects.filter(school=request.school), pk=pk)


class AccountResetPasswordView(AccountObjectMixin, View):
    def post(self, request, pk):
        account = self.get_account(request, pk)
        password = services.reset_password(account, **acted_by(request))
        return render(request, "members/account_password.html", {"account": account, "password": password})


class AccountActiveView(AccountObjectMixin, View):
    """Disables or re-enables a login; the chair cannot lock themself out."""

    def post(self, request, pk):
        account = self.get_account(request, pk)
        if account == request.user:
            messages.error(request, _("You cannot disable your own account."))
            return redirect("members:account_list")
        active = request.POST.get("active") == "1"
        services.set_active(account, active, **acted_by(request))
        if active:
            messages.success(request, _("The account %(username)s is enabled.") % {"username": account.username})
        else:
            messages.success(request, _("The account %(username)s is disabled.") % {"username": account.username})
        return redirect("members:account_list")


# The picker offers at most this many matches: typing more narrows them.
SEARCH_LIMIT = 20


class MemberSearchView(RoleRequiredMixin, View):
    """The member picker's search: members of the school by pinyin initials, full pinyin
    or name, as buttons the picker adds on a click. One query. Members in service only,
    unless ``former=1`` asks for leavers and retirees too."""

    required_action = Action.EDIT_RECORDS

    def get(self, request):
        query = request.GET.get("q", "").strip()[:30]
        members = []
        if query:
            members = Member.objects.filter(school=request.school)
            if request.GET.get("former") != "1":
                members = members.current()
            members = members.search(query).select_related("department").order_by("name_pinyin", "pk")[:SEARCH_LIMIT]
        return render(
            request,
            "members/widgets/member_search_results.html",
            {"members": members, "query": query, "active": MemberStatus.ACTIVE},
        )
