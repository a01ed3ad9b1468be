"""Partnerships (村校共建, 结对共建)."""

from django.urls import path

from ..views import partnerships as views

urlpatterns = [
    path("partnerships/", views.PartnershipListView.as_view(), name="partnership_list"),
    path("partnerships/new/", views.PartnershipCreateView.as_view(), name="partnership_create"),
    path("partnerships/<int:pk>/", views.PartnershipDetailView.as_view(), name="partnership_detail"),
    path("partnerships/<int:pk>/edit/", views.PartnershipUpdateView.as_view(), name="partnership_update"),
    path("partnerships/<int:pk>/delete/", views.PartnershipDeleteView.as_view(), name="partnership_delete"),
    path("partnerships/<int:pk>/restore/", views.PartnershipRestoreView.as_view(), name="partnership_restore"),
    path("partnerships/<int:pk>/agreement/", views.PartnershipAgreementView.as_view(), name="partnership_agreement"),
]
