from django.urls import path

from .views import categories, holidays, notices, suggestions

app_name = "disclosure"

urlpatterns = [
    path("", notices.BoardView.as_view(), name="board"),
    path("<int:pk>/", notices.NoticeDetailView.as_view(), name="notice_detail"),
    path("<int:pk>/objection/", notices.ObjectionCreateView.as_view(), name="objection_create"),
    path("attachments/<int:pk>/", notices.AttachmentView.as_view(), name="attachment_download"),
    path("manage/", notices.NoticeManageView.as_view(), name="notice_manage"),
    path("manage/new/", notices.NoticeCreateView.as_view(), name="notice_create"),
    path("manage/<int:pk>/edit/", notices.NoticeUpdateView.as_view(), name="notice_update"),
    path("manage/<int:pk>/publish/", notices.NoticePublishView.as_view(), name="notice_publish"),
    path("manage/<int:pk>/withdraw/", notices.NoticeWithdrawView.as_view(), name="notice_withdraw"),
    path("manage/<int:pk>/delete/", notices.NoticeDeleteView.as_view(), name="notice_delete"),
    path("manage/<int:pk>/restore/", notices.NoticeRestoreView.as_view(), name="notice_restore"),
    path("manage/categories/", categories.CategoryListView.as_view(), name="category_list"),
    path("manage/categories/<int:pk>/", categories.CategoryUpdateView.as_view(), name="category_update"),
    path("manage/holidays/", holidays.HolidayListView.as_view(), name="holiday_list"),
    path("manage/holidays/<int:pk>/delete/", holidays.HolidayDeleteView.as_view(), name="holiday_delete"),
    path("objections/<int:pk>/answer/", notices.ObjectionAnswerView.as_view(), name="objection_answer"),
    path("suggestions/", suggestions.SuggestionListView.as_view(), name="suggestion_list"),
    path("suggestions/new/", suggestions.SuggestionCreateView.as_view(), name="suggestion_create"),
    path("suggestions/<slug:key>/answer/", suggestions.SuggestionAnswerView.as_view(), name="suggestion_answer"),
]
