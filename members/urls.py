from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.MemberListView.as_view(), name="member_list"),
    path("search/", views.MemberSearchView.as_view(), name="member_search"),
    path("new/", views.MemberCreateView.as_view(), name="member_create"),
    path("export.xlsx", views.RosterExportView.as_view(), name="roster_export"),
    path("import/", views.RosterImportView.as_view(), name="roster_import"),
    path("import/template.xlsx", views.RosterTemplateView.as_view(), name="roster_template"),
    path("trash/", views.MemberTrashView.as_view(), name="member_trash"),
    path("trash/<int:pk>/restore/", views.MemberRestoreView.as_view(), name="member_restore"),
    path("<int:pk>/", views.MemberDetailView.as_view(), name="member_detail"),
    path("<int:pk>/edit/", views.MemberUpdateView.as_view(), name="member_update"),
    path("<int:pk>/delete/", views.MemberDeleteView.as_view(), name="member_delete"),
    path("<int:pk>/photo/", views.MemberPhotoView.as_view(), name="member_photo"),
    path("<int:pk>/photo/thumbnail/", views.MemberPhotoView.as_view(thumbnail=True), name="member_photo_thumbnail"),
    path("<int:pk>/account/", views.AccountCreateView.as_view(), name="account_create"),
    path("departments/", views.DepartmentListView.as_view(), name="department_list"),
    path("departments/new/", views.DepartmentCreateView.as_view(), name="department_create"),
    path("departments/<int:pk>/edit/", views.DepartmentUpdateView.as_view(), name="department_update"),
    path("accounts/", views.AccountListView.as_view(), name="account_list"),
    path("accounts/<int:pk>/reset-password/", views.AccountResetPasswordView.as_view(), name="account_reset_password"),
    path("accounts/<int:pk>/active/", views.AccountActiveView.as_view(), name="account_active"),
]
