"""Pledge drives and their signatures; the ethics assessment periods and their grid."""

from django.urls import path

from ..views import pledges as views

urlpatterns = [
    path("pledges/", views.PledgeListView.as_view(), name="pledge_list"),
    path("pledges/new/", views.PledgeCreateView.as_view(), name="pledge_create"),
    path("pledges/<int:pk>/", views.PledgeDetailView.as_view(), name="pledge_detail"),
    path("pledges/<int:pk>/edit/", views.PledgeUpdateView.as_view(), name="pledge_update"),
    path("pledges/<int:pk>/delete/", views.PledgeDeleteView.as_view(), name="pledge_delete"),
    path("pledges/<int:pk>/restore/", views.PledgeRestoreView.as_view(), name="pledge_restore"),
    path("pledges/<int:pk>/signatures/", views.PledgeSignaturesView.as_view(), name="pledge_signatures"),
    path("pledges/<int:pk>/members/", views.PledgeMembersView.as_view(), name="pledge_members"),
    path("pledges/<int:pk>/signatures.xlsx", views.PledgeExportView.as_view(), name="pledge_export"),
    path("ethics/", views.EthicsListView.as_view(), name="ethics_list"),
    path("ethics/new/", views.EthicsCreateView.as_view(), name="ethics_create"),
    path("ethics/<int:pk>/", views.EthicsGridView.as_view(), name="ethics_grid"),
    path("ethics/<int:pk>/edit/", views.EthicsUpdateView.as_view(), name="ethics_update"),
    path("ethics/<int:pk>/delete/", views.EthicsDeleteView.as_view(), name="ethics_delete"),
    path("ethics/<int:pk>/restore/", views.EthicsRestoreView.as_view(), name="ethics_restore"),
]
