"""The board every member sees, a notice's page, and the staff's pages to manage notices."""

from django.contrib import messages
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from unionhub.forms import parse_id
from unionhub.history import history_entries
from unionhub.pagination import CappedPaginator
from unionhub.record_views import (
    RecordCreateView,
    RecordDeleteView,
    RecordPermissionMixin,
    RecordRestoreView,
    RecordUpdateView,
)
from unionhub.roles import Action
from unionhub.submissions import OneTimeSubmissionMixin
from unionhub.views import RoleRequiredMixin
from unionhub.years import parse_year

from .. import selectors, services
from ..choices import NoticeStatus, ObjectionStatus
from ..forms import AnswerForm, NoticeForm, ObjectionForm, WithdrawForm
from ..models import Notice, NoticeAttachment, Objection
from ..rendering import render_body
from .common import SchoolMemberMixin, visible_notice


class BoardView(SchoolMemberMixin, TemplateView):
    """Current notices first (working days left), then the archive by year and category."""

    template_name = "disclosure/board.html"
    archive_per_page = 50

    def get_template_names(self):
        if self.request.GET.get("screen") == "1":
            return ["disclosure/board_screen.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        school = self.request.school
        today = timezone.localdate()
        query = (self.request.GET.get("q") or "").strip()[:100]
        year = parse_year(self.request.GET.get("year"))
        category_id = parse_id(self.request.GET.get("category"))
        categories = list(selectors.categories(school))
        category = next((c for c in categories if c.pk == category_id), None)
        current = selectors.current_notices(school, today)
        if query:
            current = current.filter(Q(title__icontains=query) | Q(body__icontains=query))
        if category:
            current = current.filter(category=category)
        current = list(current)
        archive = selectors.archive_notices(school, today, year, category, query)
        page = CappedPaginator(archive, self.archive_per_page).get_page(self.request.GET.get("page"))
        shown = current + list(page.object_list)
        read = selectors.read_ids(self.request.user, [n.pk for n in shown])
        for notice in shown:
            notice.is_new = notice.pk not in read
        calendar = selectors.calendar_for(school) if current else None
        for notice in current:
            notice.left = notice.days_left(today, calendar)
            notice.not_started = notice.starts_on > today
        context.update(
            {
                "current": current,
                "page_obj": page,
                "archive": page.object_list,
                "years": selectors.archive_years(school),
                "categories": categories,
                "category": category,
                "year": year,
                "q": query,
                "today": today,
                "can_manage": self.is_staff_user,
                "new_count": sum(1 for n in shown if n.is_new),
            }
        )
        return context


class NoticeDetailView(SchoolMemberMixin, TemplateView):
    """A notice for members (marked read on opening); ``?print=1`` gives the printable view."""

    template_name = "disclosure/notice_detail.html"

    def get_template_names(self):
        if self.request.GET.get("print") == "1":
            return ["disclosure/notice_print.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notice = visible_notice(
            self.request, kwargs["pk"], Notice.objects.select_related("category").prefetch_related("attachments")
        )
        if notice.status != NoticeStatus.DRAFT:
            services.mark_read(notice, self.request.user)
        objections = notice.objections.select_related("raised_by", "answered_by")
        if not self.is_staff_user:
            objections = objections.filter(raised_by=self.request.user)
        objections = list(objections)
        calendar = selectors.calendar_for(self.request.school)
        context.update(
            {
                "notice": notice,
                "unknown_years": calendar.unknown_years(notice.starts_on, notice.ends_on),
                "body": render_body(notice.body),
                "objections": objections,
                "open_objections": sum(1 for o in objections if o.status == ObjectionStatus.OPEN),
                "can_manage": self.is_staff_user,
                "can_object": notice.in_window(),
                "today": timezone.localdate(),
            }
        )
        if notice.in_window():
            context["left"] = notice.days_left(calendar=calendar)
        history = history_entries(notice)
        if not self.is_staff_user:
            # Members read the notice as published: what it said while a draft stays with staff.
            history = [entry for entry in history if entry["record"].status != NoticeStatus.DRAFT]
        context["history"] = history
        if self.is_staff_user:
            context["read_count"] = notice.reads.count()
        return context


class AttachmentView(SchoolMemberMixin, View):
    def get(self, request, pk):
        attachments = NoticeAttachment.objects.filter(
            notice__school=request.school, notice__deleted_at__isnull=True
        ).select_related("notice")
        attachment = get_object_or_404(attachments, pk=pk)
        if attachment.notice.status == NoticeStatus.DRAFT and not self.is_staff_user:
            raise Http404
        response = FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class NoticeManageView(RecordPermissionMixin, ListView):
    template_name = "disclosure/notice_manage.html"
    context_object_name = "notices"
    paginate_by = 50
    paginator_class = CappedPaginator

    def get_queryset(self):
        return selectors.manage_notices(self.request.school)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        calendar = selectors.calendar_for(self.request.school)
        for notice in context["notices"]:
            notice.current_state = NoticeStatus(notice.state(today)).label
            notice.unknown_years = calendar.unknown_years(notice.starts_on, notice.ends_on)
        return context


class NoticeCreateView(RecordCreateView):
    model = Notice
    form_class = NoticeForm
    template_name = "disclosure/notice_form.html"

    def get_initial(self):
        return {"starts_on": timezone.localdate(), "working_days": 5}


class NoticeUpdateView(RecordUpdateView):
    """Edits after publication stay in the notice's history, which its page shows."""

    model = Notice
    form_class = NoticeForm
    template_name = "disclosure/notice_form.html"

    def get_queryset(self):
        return super().get_queryset().exclude(status=NoticeStatus.WITHDRAWN)


class NoticePublishView(RecordPermissionMixin, View):
    required_action = Action.EDIT_RECORDS

    def post(self, request, pk):
        notice = get_object_or_404(Notice.objects.filter(school=request.school), pk=pk)
        if notice.status != NoticeStatus.DRAFT:
            messages.error(request, _("Only a draft can be published."))
        else:
            services.publish(notice)
            messages.success(request, _("“%(record)s” has been published.") % {"record": notice})
        return redirect(notice)


class NoticeWithdrawView(RecordPermissionMixin, FormView):
    required_action = Action.EDIT_RECORDS
    form_class = WithdrawForm
    template_name = "disclosure/notice_withdraw.html"

    def get_notice(self):
        return get_object_or_404(
            Notice.objects.filter(school=self.request.school, status__in=[NoticeStatus.PUBLISHED, NoticeStatus.CLOSED]),
            pk=self.kwargs["pk"],
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("school", None)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notice"] = self.notice
        return context

    def get(self, request, *args, **kwargs):
        self.notice = self.get_notice()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.notice = self.get_notice()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        services.withdraw(self.notice, form.cleaned_data["reason"])
        messages.success(self.request, _("“%(record)s” has been withdrawn.") % {"record": self.notice})
        return redirect(self.notice)


class NoticeDeleteView(RecordDeleteView):
    model = Notice
    success_url_name = "disclosure:notice_manage"


class NoticeRestoreView(RecordRestoreView):
    model = Notice


class ObjectionCreateView(SchoolMemberMixin, OneTimeSubmissionMixin, View):
    """During the window any member of the school may object to a notice."""

    template_name = "disclosure/objection_form.html"

    def get_notice(self, pk):
        return visible_notice(self.request, pk, Notice.objects.select_related("category"))

    def render(self, notice, form):
        return render(
            self.request,
            self.template_name,
            {"notice": notice, "form": form, "window_closed": not notice.in_window()},
        )

    def get(self, request, pk):
        notice = self.get_notice(pk)
        return self.render(notice, ObjectionForm(school=request.school))

    def post(self, request, pk):
        notice = self.get_notice(pk)
        form = ObjectionForm(request.POST, school=request.school)
        # Outside the window the page says so and nothing is stored, whatever was posted.
        if not notice.in_window() or not form.is_valid():
            return self.render(notice, form)
        services.raise_objection(notice, request.user, form.cleaned_data["text"])
        messages.success(request, _("Your objection has been recorded; the union will answer it."))
        return redirect(reverse("disclosure:notice_detail", args=[notice.pk]) + "#objections")


class ObjectionAnswerView(RoleRequiredMixin, View):
    required_action = Action.EDIT_RECORDS
    template_name = "disclosure/objection_answer.html"

    def get_objection(self, pk):
        objections = Objection.objects.filter(
            school=self.request.school, notice__deleted_at__isnull=True
        ).select_related("notice", "raised_by")
        return get_object_or_404(objections, pk=pk)

    def get(self, request, pk):
        objection = self.get_objection(pk)
        form = AnswerForm(initial={"answer": objection.answer})
        return render(request, self.template_name, {"objection": objection, "form": form})

    def post(self, request, pk):
        objection = self.get_objection(pk)
        form = AnswerForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"objection": objection, "form": form})
        services.answer_objection(objection, request.user, form.cleaned_data["answer"])
        messages.success(request, _("The answer has been saved."))
        return redirect(objection)
