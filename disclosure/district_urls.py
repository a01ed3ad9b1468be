"""The district administrator's holidays and make-up working days (/district/holidays/)."""

from django.urls import path

from .views import holidays

app_name = "district_holidays"

urlpatterns = [
    path("", holidays.DistrictHolidayListView.as_view(), name="list"),
    path("<int:pk>/delete/", holidays.DistrictHolidayDeleteView.as_view(), name="delete"),
]
