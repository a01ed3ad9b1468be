"""URLs of the union's year of work, one module per concern."""

from django.urls import path

from ..views.trash import TrashView
from . import awards, campaigns, care, log, partnerships, pledges, provisions, welfare

app_name = "activities"

urlpatterns = [
    path("trash/", TrashView.as_view(), name="trash"),
    *log.urlpatterns,
    *campaigns.urlpatterns,
    *partnerships.urlpatterns,
    *provisions.urlpatterns,
    *pledges.urlpatterns,
    *awards.urlpatterns,
    *care.urlpatterns,
    *welfare.urlpatterns,
]
