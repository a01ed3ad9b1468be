"""The annual summary, the plan, the dashboards; the home page lives here."""

from django.urls import path

from .views import dashboard

app_name = "reports"

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
]
