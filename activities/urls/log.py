"""The activity log, its photos and attachments, and the member picker's search."""

from django.urls import path

from ..views import log as views

urlpatterns = [
    path("", views.ActivityListView.as_view(), name="activity_list"),
    path("calendar/", views.ActivityCalendarView.as_view(), name="activity_calendar"),
    path("new/", views.ActivityCreateView.as_view(), name="activity_create"),
    path("<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("<int:pk>/edit/", views.ActivityUpdateView.as_view(), name="activity_update"),
    path("<int:pk>/delete/", views.ActivityDeleteView.as_view(), name="activity_delete"),
    path("<int:pk>/restore/", views.ActivityRestoreView.as_view(), name="activity_restore"),
    path("photos/<int:pk>/", views.ActivityPhotoView.as_view(), name="activity_photo"),
    path(
        "photos/<int:pk>/thumbnail/",
        views.ActivityPhotoView.as_view(thumbnail=True),
        name="activity_photo_thumbnail",
    ),
    path("photos/<int:pk>/delete/", views.ActivityPhotoDeleteView.as_view(), name="activity_photo_delete"),
    path("attachments/<int:pk>/", views.ActivityAttachmentView.as_view(), name="activity_attachment"),
    path(
        "attachments/<int:pk>/delete/",
        views.ActivityAttachmentDeleteView.as_view(),
        name="activity_attachment_delete",
    ),
]
