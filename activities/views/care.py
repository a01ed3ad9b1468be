"""The 168 care action (168爱生行动): the year grid, a month for many teachers on one page,
the pairs, and the one-month save behind the grid's cells.

Chair and staff see and fill every pair of the school; a teacher (their ``Member`` is
``request.user.member``) sees and fills only their own. Student data (name, class,
difficulty) is shown to those three only.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django.views.generic.detail import SingleObjectMixin

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

from ..forms.care import (
    CareLogForm,
    CareMonthChoiceForm,
    CareMonthFormSet,
    CareMonthRowForm,
    CarePairForm,
)
from ..models import (
    TALKS_TARGET,
    TUTORING_TARGET,
    CareLog,
    CarePair,
    month_start,
    school_year_label,
    school_year_months,
)
from ..periods import parse_month, school_year_choices, school_year_of, year_from_query
from ..selectors import care as selectors
from ..services.care import LogConflict, log_state, save_log, save_month

GRID_URL = "activities:care_grid"


def sees_everyone(user):
    """Chair and staff see every pair; a teacher only their own."""
    return user_can(user, Action.VIEW_RECORDS)


def grid_url(year, anchor=""):
    return "{}?year={}{}".format(reverse(GRID_URL), year, anchor)


def month_url(month):
    return "{}?month={:%Y-%m}".format(reverse("activities:care_month"), month)


def status_labels():
    """The text beside each colour, so that a cell is not told by colour alone."""
    return {
        selectors.BOTH: {"mark": "✔", "label": _("both targets met")},
        selectors.ONE: {"mark": "◐", "label": _("one target met")},
        selectors.NONE: {"mark": "✘", "label": _("no target met")},
        selectors.MISSING: {"mark": "—", "label": _("not logged")},
        selectors.FUTURE: {"mark": "", "label": _("not begun")},
    }


def cells_html(row, statuses):
    """A row's twelve months as the grid shows them, drawn here rather than in the template:
    1,800 cells are the grid's whole cost, and a format string is many times faster."""
    labels = {status: conditional_escape(entry["label"]) for status, entry in statuses.items()}
    parts = []
    for cell in row["cells"]:
        status = cell["status"]
        log = cell["log"]
        if log is not None:
            parts.append(
                '<td class="care-cell care-{}"><span class="care-mark" aria-hidden="true">{}</span>{}/{}'
                '<span class="visually-hidden">{}</span></td>'.format(
                    status, statuses[status]["mark"], int(log["talks"]), int(log["tutoring"]), labels[status]
                )
            )
        elif status == selectors.MISSING:
            parts.append(
                '<td class="care-cell care-missing"><span aria-hidden="true">{}</span>'
                '<span class="visually-hidden">{}</span></td>'.format(statuses[status]["mark"], labels[status])
            )
        else:
            parts.append(
                '<td class="care-cell care-future"><span class="visually-hidden">{}</span></td>'.format(labels[status])
            )
    return mark_safe("".join(parts))  # noqa: S308 - only integers and escaped labels


ROW_HTML = (
    '<tr id="care-row-{pk}" data-teacher="{teacher}">\n'
    '  <th scope="row" class="care-teacher">\n'
    '    <div class="care-teacher-line"><a href="{url}">{teacher}</a>\n'
    "    {fill}</div>\n"
    '    <span class="care-student" title="{student}">{student}</span>\n'
    "  </th>\n"
    "  {cells}\n"
    "  \n"
    '  <td class="care-total" id="care-talks-{pk}">{talks}</td>\n'
    '  <td class="care-total" id="care-tutoring-{pk}">{tutoring}</td>\n'
    '  <td class="care-total" id="care-met-{pk}">{met}</td>\n'
    "</tr>"
)
FILL_HTML = (
    '<a class="btn btn-outline-primary" href="{grid_url}?year={year}&amp;edit={pk}#care-row-{pk}" '
    'hx-get="{grid_url}?year={year}&amp;edit={pk}" hx-target="#care-row-{pk}" hx-swap="outerHTML" '
    'data-care="edit-row">{label}</a>'
)


def row_html(row, grid_url, year_text, can_fill):
    """A row not being filled in, as ``_grid_row.html`` draws it: written here, as a template
    included 150 times cost more than the rest of the page. A row being filled in is drawn
    by that template."""
    pair = row["pair"]
    pk = row["pk"]
    fill = ""
    if can_fill:
        fill = FILL_HTML.format(
            grid_url=conditional_escape(grid_url),
            year=conditional_escape(year_text),
            pk=pk,
            label=conditional_escape(_("Fill")),
        )
    return mark_safe(  # noqa: S308 - the record's texts are escaped, the rest is ours
        ROW_HTML.format(
            pk=pk,
            teacher=conditional_escape(pair.teacher.name),
            url=conditional_escape(row["url"]),
            fill=fill,
            student=conditional_escape("{} · {}".format(pair.student_name, pair.student_class)),
            cells=row["cells_html"],
            talks=row["talks_text"],
            tutoring=row["tutoring_text"],
            met=row["met_text"],
        )
    )


def totals_text(row):
    return {
        "talks_text": str(row["talks"]),
        "tutoring_text": str(row["tutoring"]),
        "met_text": "{}/{}".format(row["both_met"], row["begun"]),
    }


class TeachersToo:
    """Chair and staff, and teachers (who are limited to their own pairs in the view)."""

    def has_role_permission(self):
        return super().has_role_permission() or self.request.user.role == Role.TEACHER


class CareGridMixin:
    """What the grid page and its one-row htmx answers need to draw rows."""

    def grid_context(self, grid, edit_pair_id=None):
        today = timezone.localdate()
        this_month = month_start(today)
        user = self.request.user
        statuses = status_labels()
        detail_url = reverse("activities:care_pair_detail", args=[999999999]).replace("999999999", "{}")
        grid_url, year_text = reverse(GRID_URL), str(grid["year"])
        can_fill = user_can(user, Action.EDIT_RECORDS) or user.role == Role.TEACHER
        for row in grid["rows"]:
            # Strings, not numbers: a number in a template is localized, at a cost per cell.
            row["pk"] = str(row["pair"].pk)
            row["url"] = detail_url.format(row["pk"])
            row["cells_html"] = cells_html(row, statuses)
            row.update(totals_text(row))
            if row["pair"].pk != edit_pair_id:
                row["html"] = row_html(row, grid_url, year_text, can_fill)
        return {
            "grid": grid,
            "year": grid["year"],
            "year_text": year_text,
            "year_label": school_year_label(grid["year"]),
            "months": [
                {"date": month, "begun": month <= this_month, "url": month_url(month)} for month in grid["months"]
            ],
            "statuses": statuses,
            "edit_pair_id": edit_pair_id,
            "can_fill": can_fill,
            "sees_everyone": sees_everyone(user),
            "grid_url": grid_url,
            "talks_target": TALKS_TARGET,
            "tutoring_target": TUTORING_TARGET,
        }


class CareGridView(TeachersToo, RoleRequiredMixin, CareGridMixin, TemplateView):
    """The year grid: every pairing teacher by month, September to August.

    ``?year=2025`` shows 2025—2026. ``?edit=<pair pk>`` opens that row's months for filling;
    with htmx, ``?edit=`` or ``?row=`` answer the one row only.
    """

    required_action = Action.VIEW_RECORDS
    template_name = "activities/care/grid.html"

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        self.year = year_from_query(request, "year", school_year_of(today), first=2000, last=2100)
        self.teacher = None
        if not sees_everyone(request.user):
            self.teacher = own_member(request.user)
        edit = self.pk_from(request.GET.get("edit"))
        row = self.pk_from(request.GET.get("row"))
        if request.htmx and (edit or row):
            return self.render_row(edit or row, editing=bool(edit))
        self.edit_pair_id = edit
        return super().get(request, *args, **kwargs)

    @staticmethod
    def pk_from(value):
        try:
            pk = int(value) if value else None
        except ValueError:
            return None
        return pk if pk is not None and 0 < pk < 2**63 else None

    def render_row(self, pair_id, editing):
        pair = get_object_or_404(selectors.live_pairs(self.request.school), pk=pair_id)
        if not sees_everyone(self.request.user) and (self.teacher is None or pair.teacher_id != self.teacher.pk):
            raise Http404
        grid = selectors.care_grid(self.request.school, pair.school_year, pair_id=pair.pk)
        context = self.grid_context(grid, edit_pair_id=pair.pk if editing else None)
        context["row"] = row = grid["rows"][0]
        if editing:
            row["entries"] = [month_entry(cell) for cell in row["cells"]]
        return render(self.request, "activities/care/_grid_row.html", context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        school = self.request.school
        unlinked = not sees_everyone(user) and self.teacher is None
        if unlinked:
            grid = {"year": self.year, "months": school_year_months(self.year), "rows": [], "figures": {}}
        else:
            grid = selectors.care_grid(school, self.year, teacher=self.teacher)
        context.update(self.grid_context(grid, edit_pair_id=self.edit_pair_id))
        for row in grid["rows"]:
            if row["pair"].pk == self.edit_pair_id:
                row["entries"] = [month_entry(cell) for cell in row["cells"]]
        today = timezone.localdate()
        current = school_year_of(today)
        last_month = selectors.previous_month(today)
        missing = []
        if not unlinked:
            if last_month in grid["months"]:
                missing = [
                    {"pair_id": pair.pk, "name": pair.teacher.name}
                    for pair in selectors.missing_from_grid(grid, last_month)
                ]
            elif self.year == current:
                # September: last month closed the previous school year.
                missing = [
                    entry
                    for entry in selectors.missing_last_month(school, today)["teachers"]
                    if self.teacher is None or entry["teacher_id"] == self.teacher.pk
                ]
        context.update(
            {
                "unlinked": unlinked,
                "missing": missing,
                "last_month": last_month,
                "last_month_url": month_url(last_month),
                "previous_year": self.year - 1,
                "next_year": self.year + 1,
                "current_year": current,
                "years": school_year_choices(self.year),
            }
        )
        return context


class CareMonthView(TeachersToo, RoleRequiredMixin, View):
    """One month for many teachers on one page: every pair of the month's school year with
    its counts and notes, prefilled, saved all or nothing.

    A teacher gets only their own pair. ``?month=2025-10`` (default: this month),
    ``&department=<pk>`` narrows the rows to a department's teachers.
    """

    required_action = Action.VIEW_RECORDS
    template_name = "activities/care/month.html"
    prefix = "log"

    def allowed_pairs(self, month):
        """The pairs this user may log for ``month``, by pk."""
        school = self.request.school
        teacher = None
        if not sees_everyone(self.request.user):
            teacher = own_member(self.request.user)
            if teacher is None:
                return {}
        pairs = selectors.pairs_of_year(school, school_year_of(month), teacher)
        return {pair.pk: pair for pair in pairs}

    def choice_form(self, data):
        data = data.copy()
        if not data.get("month"):
            data["month"] = "{:%Y-%m}".format(timezone.localdate())
        return CareMonthChoiceForm(data, school=self.request.school)

    def get(self, request):
        choice = self.choice_form(request.GET)
        if not choice.is_valid():
            return self.render(choice, None, None)
        month = choice.cleaned_data["month"]
        department = choice.cleaned_data["department"]
        pairs = list(self.allowed_pairs(month).values())
        if department is not None:
            pairs = [pair for pair in pairs if pair.teacher.department_id == department.pk]
        rows = selectors.month_rows(pairs, month)
        initial = [
            {
                "pair": pair.pk,
                "talks": log.talks if log else None,
                "tutoring": log.tutoring if log else None,
                "notes": log.notes if log else "",
                "loaded": log_state(log),
            }
            for pair, log in rows
        ]
        formset = CareMonthFormSet(
            initial=initial, prefix=self.prefix, form_kwargs={"pairs": {pair.pk: pair for pair in pairs}}
        )
        return self.render(choice, month, formset)

    def post(self, request):
        choice = CareMonthChoiceForm(request.POST, school=request.school)
        if not choice.is_valid():
            messages.error(request, _("Nothing was saved: check the month."))
            return self.render(choice, None, None)
        month = choice.cleaned_data["month"]
        pairs = self.allowed_pairs(month)
        formset = CareMonthFormSet(request.POST, prefix=self.prefix, form_kwargs={"pairs": pairs})
        if not formset.is_valid():
            return self.refused(choice, month, formset)
        try:
            counts = save_month(request.school, month, formset.log_entries(), user=request.user)
        except LogConflict as conflict:
            return self.conflict(choice, month, formset, conflict)
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
            return self.refused(choice, month, formset)
        label = "{}年{}月".format(month.year, month.month)
        if any(counts.values()):
            messages.success(
                request,
                _("%(month)s saved: %(created)s logged, %(updated)s changed, %(deleted)s cleared.")
                % {"month": label, **counts},
            )
        else:
            messages.info(request, _("%(month)s: nothing had changed.") % {"month": label})
        return redirect(grid_url(school_year_of(month), "#care-grid"))

    def refused(self, choice, month, formset):
        messages.error(self.request, _("Nothing was saved: correct the rows marked below and save again."))
        return self.render(choice, month, formset)

    def conflict(self, choice, month, formset, conflict):
        # Show what is there now; re-post the current fingerprints so a deliberate second
        # save goes through.
        data = formset.data.copy()
        for form in formset.forms:
            pair = form.cleaned_data["pair"]
            if pair.pk in conflict.current:
                log = conflict.current[pair.pk]
                data[form.add_prefix("loaded")] = log_state(log)
                form.add_error(None, self.conflict_text(log))
        formset.data = data
        for form in formset.forms:
            form.data = data
        messages.error(
            self.request,
            _(
                "Someone else saved some of these rows after you opened the page. Nothing of yours was saved; "
                "the rows are marked below. Check them and save again."
            ),
        )
        return self.render(choice, month, formset)

    @staticmethod
    def conflict_text(log):
        if log is None:
            return _("Meanwhile someone cleared this month.")
        return _("Meanwhile someone saved %(talks)s talks and home visits, %(tutoring)s tutoring sessions.") % {
            "talks": log.talks,
            "tutoring": log.tutoring,
        }

    def render(self, choice, month, formset):
        rows = []
        if formset is not None:
            rows = [(form, form.pair_object) for form in formset.forms]
        context = {
            "choice": choice,
            "month": month,
            "formset": formset,
            "rows": rows,
            "lines": [month_line(form, pair) for form, pair in rows],
            "sees_everyone": sees_everyone(self.request.user),
            "unlinked": not sees_everyone(self.request.user) and own_member(self.request.user) is None,
            "talks_target": TALKS_TARGET,
            "tutoring_target": TUTORING_TARGET,
        }
        if month is not None:
            context.update(
                {
                    "month_label": "{}年{}月".format(month.year, month.month),
                    "previous_month": "{:%Y-%m}".format(selectors.previous_month(month)),
                    "next_month": "{:%Y-%m}".format(month + datetime.timedelta(days=32)),
                    "next_begun": month_start(month + datetime.timedelta(days=32)) <= timezone.localdate(),
                    "year": school_year_of(month),
                }
            )
        return render(self.request, self.template_name, context)


def month_line(form, pair):
    """One row of the month page, as plain strings: rendering 150 rows of bound fields and
    widgets through the template engine would cost several times more."""
    if form.is_bound:
        values = {field: form.data.get(form.add_prefix(field), "") for field in CareMonthRowForm.base_fields}
    else:
        values = {
            field: "" if form.initial.get(field) is None else str(form.initial[field])
            for field in CareMonthRowForm.base_fields
        }
    errors = form.errors
    messages_ = [error for field_errors in errors.values() for error in field_errors]
    return {
        "pair": pair,
        "prefix": form.prefix,
        "values": values,
        "invalid": {field: field in errors for field in ("talks", "tutoring", "notes")},
        "errors": messages_,
    }


class CarePairMixin:
    model = CarePair

    def get_queryset(self):
        # A deleted member's pair is gone with them (404), as from the grid.
        return (
            super()
            .get_queryset()
            .filter(teacher__deleted_at__isnull=True)
            .select_related("teacher", "teacher__department")
        )


class CarePairDetailView(CarePairMixin, RecordDetailView):
    """A pair: the student, the twelve months with their counts (fillable by the pairing
    teacher, staff and chair), and the history of the pair and its logs."""

    template_name = "activities/care/pair_detail.html"
    teacher_owner_field = "teacher"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pair = self.object
        grid = selectors.care_grid(self.request.school, pair.school_year, pair_id=pair.pk)
        row = grid["rows"][0]
        context.update(
            {
                "pair": pair,
                "row": row,
                "months": [month_entry(cell) for cell in row["cells"]],
                "statuses": status_labels(),
                "can_fill": True,  # whoever sees the pair may fill its months
                "talks_target": TALKS_TARGET,
                "tutoring_target": TUTORING_TARGET,
                "grid_url": grid_url(pair.school_year),
            }
        )
        if user_can(self.request.user, Action.VIEW_RECORDS):
            context["log_history"] = log_history(pair)
        return context


def log_history(pair, limit=60):
    """The latest changes to a pair's monthly logs, newest first (one query)."""
    return list(
        CareLog.history.filter(pair_id=pair.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )


class CarePairCreateView(CarePairMixin, RecordCreateView):
    form_class = CarePairForm
    template_name = "activities/care/pair_form.html"

    def get_initial(self):
        initial = super().get_initial()
        year = year_from_query(self.request, "year", None, first=2000, last=2100)
        if year is not None:
            initial["school_year"] = year
        return initial


class CarePairUpdateView(CarePairMixin, RecordUpdateView):
    form_class = CarePairForm
    template_name = "activities/care/pair_form.html"


class CarePairDeleteView(CarePairMixin, RecordDeleteView):
    success_url_name = GRID_URL


class CarePairRestoreView(RecordRestoreView):
    """Restores a deleted pair, unless its teacher has meanwhile been paired for that year."""

    model = CarePair

    def post(self, request, pk):
        pair = get_object_or_404(
            CarePair.all_objects.filter(school=request.school, deleted_at__isnull=False).select_related("teacher"),
            pk=pk,
        )
        if CarePair.objects.filter(school=request.school, teacher=pair.teacher_id, school_year=pair.school_year):
            messages.error(
                request,
                _("Cannot restore “%(record)s”: %(name)s already has a 168 pair in %(school_year)s.")
                % {"record": pair, "name": pair.teacher.name, "school_year": pair.school_year_label},
            )
            return redirect("activities:trash")
        return super().post(request, pk)


class CareLogSaveView(CarePairMixin, RecordPermissionMixin, SingleObjectMixin, View):
    """Saves one pair's month (POST): the grid's cell and the pair page's month forms.

    A teacher may save their own pair only (404 for a colleague's, as for another
    school's). With htmx the answer is the updated cell (``fragment=cell``, with the row's
    totals swapped out of band) or the pair page's month (``fragment=month``); without,
    a redirect to ``next`` (or the pair page), or the form again with its errors.
    """

    required_action = Action.EDIT_RECORDS
    teacher_owner_field = "teacher"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = pair = self.get_object()
        form = CareLogForm(request.POST, pair=pair)
        fragment = "month" if request.POST.get("fragment") == "month" else "cell"
        if form.is_valid():
            month = form.cleaned_data["month"]
            try:
                save_log(request.school, month, form.log_entry(pair), user=request.user)
            except LogConflict as conflict:
                # Nothing saved: show what is there now, with the reason.
                message = CareMonthView.conflict_text(conflict.current[pair.pk])
                if request.htmx:
                    return self.render_fragment(pair, month, fragment, errors=[message])
                form.add_error(None, message)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if request.htmx:
                    return self.render_fragment(pair, month, fragment, saved=True)
                messages.success(
                    request,
                    _("%(month)s of %(name)s saved.")
                    % {"month": "{}年{}月".format(month.year, month.month), "name": pair.teacher.name},
                )
                return HttpResponseRedirect(self.next_url(pair, month))
        if request.htmx:
            month = form.cleaned_data.get("month") or parse_month(request.POST.get("month", ""))
            if month is not None and month in school_year_months(pair.school_year):
                errors = [error for errors in form.errors.values() for error in errors]
                return self.render_fragment(pair, month, fragment, form=form, errors=errors)
        return render(request, "activities/care/log_form.html", {"pair": pair, "form": form, "next": self.safe_next()})

    def safe_next(self):
        target = self.request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, {self.request.get_host()}, self.request.is_secure()):
            return target
        return ""

    def next_url(self, pair, month):
        return self.safe_next() or "{}#m-{:%Y-%m}".format(pair.get_absolute_url(), month)

    def render_fragment(self, pair, month, fragment, form=None, saved=False, errors=()):
        grid = selectors.care_grid(self.request.school, pair.school_year, pair_id=pair.pk)
        row = grid["rows"][0]
        cell = row["cells"][grid["months"].index(month)]
        entry = month_entry(cell, form)
        entry.update(saved=saved, errors=list(errors))
        context = {
            "pair": pair,
            "row": row,
            "cell": cell,
            "entry": entry,
            "statuses": status_labels(),
            "year": pair.school_year,
            "talks_target": TALKS_TARGET,
            "tutoring_target": TUTORING_TARGET,
            "next": self.safe_next(),
            "grid_url": grid_url,
        }
        template = "activities/care/_month_form.html" if fragment == "month" else "activities/care/_cell_saved.html"
        return render(self.request, template, context)


def month_entry(cell, form=None):
    """A month's form values: the log as it stands, or what ``form`` posted (with errors)."""
    log = cell["log"]
    entry = {
        "cell": cell,
        "month": cell["month"],
        "anchor": "m-{:%Y-%m}".format(cell["month"]),
        "talks": log["talks"] if log else "",
        "tutoring": log["tutoring"] if log else "",
        "notes": log["notes"] if log else "",
        "loaded": log_state(log),
        "saved": False,
        "errors": [],
    }
    if form is not None:
        for field in ("talks", "tutoring", "notes", "loaded"):
            if form.add_prefix(field) in form.data:
                entry[field] = form.data[form.add_prefix(field)]
    return entry
