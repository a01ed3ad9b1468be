"""Root URLs; the URL map of the design is the contract for these paths."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .forms import LoginForm
from .views import PasswordChangeView

urlpatterns = [
    path("", include("reports.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("members/", include("members.urls")),
    path("activities/", include("activities.urls")),
    path("congress/", include("congress.urls")),
    path("disclosure/", include("disclosure.urls")),
    path("district/holidays/", include("disclosure.district_urls")),
    path("jobs/", include("unionhub.job_urls")),
    path("", include("unionhub.school_urls")),
    path("admin/", admin.site.urls),
]
