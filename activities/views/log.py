"""The activity log: list, month calendar, an activity's page, the form, photos and
attachments, and the member picker's search."""

import datetime

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from unionhub.forms import parse_id
from unionhub.pagination import CappedPaginator
from unionhub.record_views import (
    RecordCreateView,
    RecordDeleteView,
    RecordPermissionMixin,
    RecordRestoreView,
    RecordUpdateView,
    TeacherParticipantMixin,
    own_member,
)
from unionhub.roles import Action, Role, user_can
from unionhub.views import RoleRequiredMixin

from ..filters import ActivityFilter
from ..forms.log import ActivityForm
from ..models import Activity, ActivityAttachment, ActivityPhoto, Category
from ..periods import parse_month
from ..selectors import log as selectors
from ..services import log as services

# ?sort= keys of the list and the columns they order by (a leading "-" reverses).
SORTS = {
    "date": ("starts_on", "pk"),
    "title": ("title", "pk"),
    "category": ("category__position", "category__pk", "starts_on", "pk"),
    "participants": ("participant_count", "starts_on", "pk"),
}
DEFAULT_SORT = "-date"


def _sort_key(request):
    sort = request.GET.get("sort", DEFAULT_SORT)
    return sort if sort.lstrip("-") in SORTS else DEFAULT_SORT


class ActivityListView(RecordPermissionMixin, FilterView):
    """The log: filters, sorting, 25 a page, a fixed number of queries."""

    filterset_class = ActivityFilter
    template_name = "activities/log/activity_list.html"
    paginate_by = 25
    paginator_class = CappedPaginator
    context_object_name = "activities"

    def get_queryset(self):
        sort = _sort_key(self.request)
        columns = SORTS[sort.lstrip("-")]
        if sort.startswith("-"):
            columns = ["-" + column for column in columns]
        return selectors.activity_log(self.request.school).order_by(*columns)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["school"] = self.request.school
        return kwargs

    def get_template_names(self):
        # The filters swap only the results.
        if self.request.htmx and not self.request.htmx.boosted:
            return ["activities/log/_activity_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sort = _sort_key(self.request)
        params = self.request.GET.copy()
        params.pop("page", None)
        params.pop("sort", None)
        context["sort"] = sort
        context["sort_links"] = {key: _sort_link(params, key, sort) for key in SORTS}
        page_params = self.request.GET.copy()
        page_params.pop("page", None)
        context["page_query"] = page_params.urlencode()
        context["filtered"] = any(self.request.GET.get(name) for name in self.filterset.filters)
        return context


def _sort_link(params, key, current):
    """The querystring that sorts by ``key``: newest/largest first, then toggles."""
    query = params.copy()
    descending_first = key in ("date", "participants")
    if current.lstrip("-") == key:
        query["sort"] = key if current.startswith("-") else "-" + key
    else:
        query["sort"] = "-" + key if descending_first else key
    return {
        "query": query.urlencode(),
        "active": current.lstrip("-") == key,
        "descending": current.startswith("-"),
    }


def _shift_month(year, month, delta):
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


class ActivityCalendarView(RoleRequiredMixin, TemplateView):
    """A month of activities: a grid on wide screens, a list of days on a phone."""

    required_action = Action.VIEW_RECORDS
    template_name = "activities/log/activity_calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        chosen = parse_month(self.request.GET.get("month"), strict=True, first_year=1900, last_year=2999) or today
        year, month = chosen.year, chosen.month
        categories = Category.objects.filter(school=self.request.school)
        category = None
        category_id = parse_id(self.request.GET.get("category"))
        if category_id is not None:
            category = next((c for c in categories if c.pk == category_id), None)
        weeks = selectors.month_calendar(self.request.school, year, month, category)
        previous, following = _shift_month(year, month, -1), _shift_month(year, month, 1)
        suffix = "&category={}".format(category.pk) if category else ""
        context.update(
            {
                "month_start": datetime.date(year, month, 1),
                "weeks": weeks,
                "busy_days": [day for week in weeks for day in week if day["in_month"] and day["activities"]],
                "today": today,
                "previous_query": "month={:04d}-{:02d}{}".format(*previous, suffix),
                "next_query": "month={:04d}-{:02d}{}".format(*following, suffix),
                "this_month_query": "month={:04d}-{:02d}{}".format(today.year, today.month, suffix),
                "month_value": "{:04d}-{:02d}".format(year, month),
                "categories": categories,
                "category": category,
                "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
                "activity_count": len({a.pk for week in weeks for d in week if d["in_month"] for a in d["activities"]}),
            }
        )
        return context


class ActivityDetailView(TeacherParticipantMixin, RecordPermissionMixin, DetailView):
    """An activity's page; a teacher opens those they took part in (from their timeline)."""

    model = Activity
    template_name = "activities/log/activity_detail.html"

    def involves(self, activity, member):
        return activity.participants.filter(pk=member.pk).exists()

    def get_queryset(self):
        return super().get_queryset().select_related("category", "campaign", "club")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.object
        context["participants"] = list(selectors.participants_by_department(activity))
        context["photos"] = list(activity.photos.all())
        # A teacher who took part sees the activity and its photos; the files and the
        # change history are the union's working papers.
        staff_view = user_can(self.request.user, Action.VIEW_RECORDS)
        context["attachments"] = list(activity.attachments.all()) if staff_view else []
        context["history"] = selectors.activity_history(activity) if staff_view else []
        context["campaign_url"] = _url_of(activity.campaign)
        context["club_url"] = _url_of(activity.club)
        return context


def _url_of(record):
    """The record's page, if its kind has one yet (campaign and club pages are another concern's)."""
    if record is None:
        return ""
    try:
        return record.get_absolute_url()
    except NoReverseMatch:
        return ""


class ActivityFormMixin:
    model = Activity
    form_class = ActivityForm
    template_name = "activities/log/activity_form.html"


class ActivityCreateView(ActivityFormMixin, RecordCreateView):
    def get_initial(self):
        initial = super().get_initial()
        initial.setdefault("starts_on", timezone.localdate())
        campaign = parse_id(self.request.GET.get("campaign"))
        if campaign is not None:
            initial["campaign"] = campaign
        return initial


class ActivityUpdateView(ActivityFormMixin, RecordUpdateView):
    pass


class ActivityDeleteView(RecordDeleteView):
    model = Activity
    success_url_name = "activities:activity_list"


class ActivityRestoreView(RecordRestoreView):
    model = Activity


def _open(field_file):
    """The stored file, or 404 if it is missing (never a server error)."""
    if not field_file:
        raise Http404
    try:
        return field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error


class PhotoMixin(RoleRequiredMixin):
    """A photo of a live activity of the request's school, or 404; a teacher sees the
    photos of activities they took part in."""

    required_action = Action.VIEW_RECORDS
    teachers_may_view = False

    def has_role_permission(self):
        return super().has_role_permission() or (self.teachers_may_view and self.request.user.role == Role.TEACHER)

    def get_photo(self, pk):
        photos = ActivityPhoto.objects.filter(
            activity__school=self.request.school, activity__deleted_at__isnull=True
        ).select_related("activity")
        photo = get_object_or_404(photos, pk=pk)
        if not user_can(self.request.user, self.required_action):
            member = own_member(self.request.user)
            if member is None or not photo.activity.participants.filter(pk=member.pk).exists():
                raise Http404
        return photo


class ActivityPhotoView(PhotoMixin, View):
    thumbnail = False
    teachers_may_view = True

    def get(self, request, pk):
        photo = self.get_photo(pk)
        image = photo.thumbnail if self.thumbnail else photo.image
        response = FileResponse(_open(image), content_type="image/jpeg")
        response["Cache-Control"] = "private, max-age=3600"
        return response


class ActivityPhotoDeleteView(PhotoMixin, View):
    required_action = Action.EDIT_RECORDS

    def post(self, request, pk):
        photo = self.get_photo(pk)
        activity = photo.activity
        services.delete_photo(photo)
        messages.success(request, _("The photo has been removed."))
        return redirect(activity.get_absolute_url() + "#photos")


class AttachmentMixin(RoleRequiredMixin):
    required_action = Action.VIEW_RECORDS

    def get_attachment(self, pk):
        attachments = ActivityAttachment.objects.filter(
            activity__school=self.request.school, activity__deleted_at__isnull=True
        ).select_related("activity")
        return get_object_or_404(attachments, pk=pk)


class ActivityAttachmentView(AttachmentMixin, View):
    """Downloads the file under the name it was uploaded with (Chinese names included)."""

    def get(self, request, pk):
        attachment = self.get_attachment(pk)
        response = FileResponse(
            _open(attachment.file),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, max-age=3600"
        return response


class ActivityAttachmentDeleteView(AttachmentMixin, View):
    required_action = Action.EDIT_RECORDS

    def post(self, request, pk):
        attachment = self.get_attachment(pk)
        activity = attachment.activity
        name = attachment.original_name
        services.delete_attachment(attachment)
        messages.success(request, _("“%(name)s” has been removed.") % {"name": name})
        return redirect(activity.get_absolute_url() + "#attachments")
