"""URLs of the 168 care action (168爱生行动)."""

from django.urls import path

from ..views import care

urlpatterns = [
    path("care/", care.CareGridView.as_view(), name="care_grid"),
    path("care/month/", care.CareMonthView.as_view(), name="care_month"),
    path("care/pairs/new/", care.CarePairCreateView.as_view(), name="care_pair_create"),
    path("care/pairs/<int:pk>/", care.CarePairDetailView.as_view(), name="care_pair_detail"),
    path("care/pairs/<int:pk>/edit/", care.CarePairUpdateView.as_view(), name="care_pair_update"),
    path("care/pairs/<int:pk>/delete/", care.CarePairDeleteView.as_view(), name="care_pair_delete"),
    path("care/pairs/<int:pk>/restore/", care.CarePairRestoreView.as_view(), name="care_pair_restore"),
    path("care/pairs/<int:pk>/log/", care.CareLogSaveView.as_view(), name="care_log_save"),
]
