"""Awards (/activities/awards/), promotions (/activities/promotions/) and mentor pairs
(/activities/mentoring/)."""

from django.urls import path

from ..views import awards as views

urlpatterns = [
    path("awards/", views.AwardListView.as_view(), name="award_list"),
    path("awards/new/", views.AwardCreateView.as_view(), name="award_create"),
    path("awards/<int:pk>/", views.AwardDetailView.as_view(), name="award_detail"),
    path("awards/<int:pk>/edit/", views.AwardUpdateView.as_view(), name="award_update"),
    path("awards/<int:pk>/delete/", views.AwardDeleteView.as_view(), name="award_delete"),
    path("awards/<int:pk>/restore/", views.AwardRestoreView.as_view(), name="award_restore"),
    path("promotions/", views.PromotionListView.as_view(), name="promotion_list"),
    path("promotions/new/", views.PromotionCreateView.as_view(), name="promotion_create"),
    path("promotions/<int:pk>/edit/", views.PromotionUpdateView.as_view(), name="promotion_update"),
    path("promotions/<int:pk>/delete/", views.PromotionDeleteView.as_view(), name="promotion_delete"),
    path("promotions/<int:pk>/restore/", views.PromotionRestoreView.as_view(), name="promotion_restore"),
    path("mentoring/", views.MentorListView.as_view(), name="mentor_list"),
    path("mentoring/new/", views.MentorCreateView.as_view(), name="mentor_create"),
    path("mentoring/<int:pk>/", views.MentorDetailView.as_view(), name="mentor_detail"),
    path("mentoring/<int:pk>/edit/", views.MentorUpdateView.as_view(), name="mentor_update"),
    path("mentoring/<int:pk>/delete/", views.MentorDeleteView.as_view(), name="mentor_delete"),
    path("mentoring/<int:pk>/restore/", views.MentorRestoreView.as_view(), name="mentor_restore"),
    path("mentoring/<int:pk>/meetings/", views.MentorMeetingCreateView.as_view(), name="mentor_meeting_create"),
]
