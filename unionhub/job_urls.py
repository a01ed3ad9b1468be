"""Background jobs (/jobs/<pk>/): progress and result."""

from django.urls import path

from . import job_views

app_name = "jobs"

urlpatterns = [
    path("<int:pk>/", job_views.JobDetailView.as_view(), name="job_detail"),
    path("<int:pk>/download/", job_views.JobDownloadView.as_view(), name="job_download"),
]
