"""Pages about schools themselves: the district administrator's schools and chairs, the
school's profile that its chair keeps, and the access log that its chair reads."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, ListView, UpdateView
from django_filters.views import FilterView

from .filters import AccessLogFilter
from .history import history_entries
from .models import School
from .pagination import CappedPaginator
from .roles import Action, Role, user_can
from .school_forms import ChairForm, SchoolProfileForm, SchoolWithChairForm
from .selectors import access_log
from .services import SchoolSetupError, acted_by, create_chair, create_school_with_chair, reset_password
from .views import ConcurrentUpdateMixin, RoleRequiredMixin

PASSWORD_TEMPLATE = "unionhub/chair_password.html"


class DistrictAdminMixin(RoleRequiredMixin):
    """A district administrator, and only the schools of their own district."""

    required_action = Action.MANAGE_SCHOOLS

    def district_schools(self):
        return School.objects.filter(district_id=self.request.user.district_id)

    def show_password(self, chair, password):
        return render(self.request, PASSWORD_TEMPLATE, {"account": chair, "password": password})


class DistrictSchoolListView(DistrictAdminMixin, ListView):
    """The district's schools, each with its chairs' logins."""

    template_name = "unionhub/district_school_list.html"
    context_object_name = "schools"

    def get_queryset(self):
        chairs = get_user_model().objects.filter(role=Role.CHAIR).order_by("username")
        return self.district_schools().prefetch_related(Prefetch("users", queryset=chairs, to_attr="chairs"))


class DistrictSchoolCreateView(DistrictAdminMixin, FormView):
    """A new school of the district and its chair; the one-time password is shown once."""

    template_name = "unionhub/district_school_form.html"
    form_class = SchoolWithChairForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "district": self.request.user.district}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            created = create_school_with_chair(
                self.request.user.district,
                data["name"],
                data["short_name"],
                data["chair_username"],
                data["chair_name"],
                **acted_by(self.request),
            )
        except SchoolSetupError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("The school %(school)s was added.") % {"school": created.school.name})
        return self.show_password(created.chair, created.password)


class DistrictChairCreateView(DistrictAdminMixin, FormView):
    """A chair's login for a school of the district, one that has none yet (another district:
    404); the one-time password is shown once."""

    template_name = "unionhub/district_chair_form.html"
    form_class = ChairForm

    @cached_property
    def school(self):
        # Read by the page and by the save: another district's school is 404 either way.
        return get_object_or_404(self.district_schools(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(school=self.school, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            chair, password = create_chair(
                self.school, data["chair_username"], data["chair_name"], **acted_by(self.request)
            )
        except SchoolSetupError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("%(school)s has a chair now.") % {"school": self.school.name})
        return self.show_password(chair, password)


class DistrictChairResetPasswordView(DistrictAdminMixin, View):
    """A new one-time password for a chair of the district's schools (another district: 404)."""

    def post(self, request, pk):
        chair = get_object_or_404(
            get_user_model().objects.filter(role=Role.CHAIR, school__in=self.district_schools()), pk=pk
        )
        return self.show_password(chair, reset_password(chair, **acted_by(request)))


class SchoolProfileView(RoleRequiredMixin, ConcurrentUpdateMixin, UpdateView):
    """The school's profile: the chair edits it, staff read it, teachers are refused."""

    model = School
    form_class = SchoolProfileForm
    template_name = "unionhub/school_profile.html"
    success_url = reverse_lazy("schools:profile")

    def has_role_permission(self):
        action = Action.VIEW_RECORDS if self.request.method in ("GET", "HEAD") else Action.EDIT_PROFILE
        return user_can(self.request.user, action)

    def get_object(self, queryset=None):
        return self.request.school

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "school": self.request.school}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = user_can(self.request.user, Action.EDIT_PROFILE)
        context["history"] = history_entries(self.object)
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        if response.status_code == 302:  # saved, not a concurrent-edit conflict
            messages.success(self.request, _("The school's profile was saved."))
        return response


class AccessLogView(RoleRequiredMixin, FilterView):
    """Who exported, looked up or changed what, newest first: for the school's chair only."""

    required_action = Action.VIEW_ACCESS_LOG
    filterset_class = AccessLogFilter
    template_name = "unionhub/access_log.html"
    context_object_name = "entries"
    paginate_by = 50
    paginator_class = CappedPaginator

    def get_queryset(self):
        return access_log(self.request.school)

    def get_context_data(self, **kwargs):
        # Each page link keeps the filter.
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(filter_query=query.urlencode(), **kwargs)
