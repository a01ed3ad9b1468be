"""Welfare (关爱与维权): visits, holiday greetings, hardship files and mutual-aid grants."""

from django.urls import path

from ..views import welfare as views

urlpatterns = [
    # Visits (慰问): the welfare list is the visits' list.
    path("welfare/", views.VisitListView.as_view(), name="visit_list"),
    path("welfare/visits/new/", views.VisitCreateView.as_view(), name="visit_create"),
    path("welfare/visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit_detail"),
    path("welfare/visits/<int:pk>/edit/", views.VisitUpdateView.as_view(), name="visit_update"),
    path("welfare/visits/<int:pk>/delete/", views.VisitDeleteView.as_view(), name="visit_delete"),
    path("welfare/visits/<int:pk>/restore/", views.VisitRestoreView.as_view(), name="visit_restore"),
    # Holiday greetings (节日慰问)
    path("welfare/greetings/", views.GreetingListView.as_view(), name="greeting_list"),
    path("welfare/greetings/new/", views.GreetingCreateView.as_view(), name="greeting_create"),
    path("welfare/greetings/<int:pk>/", views.GreetingDetailView.as_view(), name="greeting_detail"),
    path("welfare/greetings/<int:pk>/edit/", views.GreetingUpdateView.as_view(), name="greeting_update"),
    path("welfare/greetings/<int:pk>/delete/", views.GreetingDeleteView.as_view(), name="greeting_delete"),
    path("welfare/greetings/<int:pk>/restore/", views.GreetingRestoreView.as_view(), name="greeting_restore"),
    # Hardship files (困难职工档案): chair and staff only.
    path("welfare/hardship/", views.HardshipListView.as_view(), name="hardship_list"),
    path("welfare/hardship/new/", views.HardshipCreateView.as_view(), name="hardship_create"),
    path("welfare/hardship/<int:pk>/", views.HardshipDetailView.as_view(), name="hardship_detail"),
    path("welfare/hardship/<int:pk>/edit/", views.HardshipUpdateView.as_view(), name="hardship_update"),
    path("welfare/hardship/<int:pk>/delete/", views.HardshipDeleteView.as_view(), name="hardship_delete"),
    path("welfare/hardship/<int:pk>/restore/", views.HardshipRestoreView.as_view(), name="hardship_restore"),
    path("welfare/hardship/<int:pk>/aid/", views.HardshipAidCreateView.as_view(), name="hardship_aid_create"),
    # Mutual-aid grants (互济金)
    path("welfare/mutual-aid/", views.MutualAidListView.as_view(), name="mutual_aid_list"),
    path("welfare/mutual-aid/new/", views.MutualAidCreateView.as_view(), name="mutual_aid_create"),
    path("welfare/mutual-aid/<int:pk>/edit/", views.MutualAidUpdateView.as_view(), name="mutual_aid_update"),
    path("welfare/mutual-aid/<int:pk>/delete/", views.MutualAidDeleteView.as_view(), name="mutual_aid_delete"),
    path("welfare/mutual-aid/<int:pk>/restore/", views.MutualAidRestoreView.as_view(), name="mutual_aid_restore"),
]
