"""Categories, campaigns, and clubs and teams."""

from django.urls import path

from ..views import campaigns as views

urlpatterns = [
    path("categories/", views.CategoryListView.as_view(), name="category_list"),
    path("categories/new/", views.CategoryCreateView.as_view(), name="category_create"),
    path("categories/<int:pk>/edit/", views.CategoryUpdateView.as_view(), name="category_update"),
    path("campaigns/", views.CampaignListView.as_view(), name="campaign_list"),
    path("campaigns/new/", views.CampaignCreateView.as_view(), name="campaign_create"),
    path("campaigns/<int:pk>/", views.CampaignDetailView.as_view(), name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", views.CampaignUpdateView.as_view(), name="campaign_update"),
    path("campaigns/<int:pk>/delete/", views.CampaignDeleteView.as_view(), name="campaign_delete"),
    path("campaigns/<int:pk>/restore/", views.CampaignRestoreView.as_view(), name="campaign_restore"),
    path("clubs/", views.ClubListView.as_view(), name="club_list"),
    path("clubs/new/", views.ClubCreateView.as_view(), name="club_create"),
    path("clubs/<int:pk>/", views.ClubDetailView.as_view(), name="club_detail"),
    path("clubs/<int:pk>/edit/", views.ClubUpdateView.as_view(), name="club_update"),
    path("clubs/<int:pk>/delete/", views.ClubDeleteView.as_view(), name="club_delete"),
    path("clubs/<int:pk>/restore/", views.ClubRestoreView.as_view(), name="club_restore"),
]
