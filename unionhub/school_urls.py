"""The district administrator's schools (/district/schools/), the school's profile
(/school/profile/) and its access log (/school/access-log/)."""

from django.urls import path

from . import school_views

app_name = "schools"

urlpatterns = [
    path("district/schools/", school_views.DistrictSchoolListView.as_view(), name="district_school_list"),
    path("district/schools/new/", school_views.DistrictSchoolCreateView.as_view(), name="district_school_create"),
    path(
        "district/schools/<int:pk>/chair/new/",
        school_views.DistrictChairCreateView.as_view(),
        name="district_chair_create",
    ),
    path(
        "district/schools/chairs/<int:pk>/reset-password/",
        school_views.DistrictChairResetPasswordView.as_view(),
        name="district_chair_reset_password",
    ),
    path("school/profile/", school_views.SchoolProfileView.as_view(), name="profile"),
    path("school/access-log/", school_views.AccessLogView.as_view(), name="access_log"),
]
