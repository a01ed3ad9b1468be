"""The annual summary, the plan, the dashboards; the home page lives here."""

from django.urls import path

from .views import dashboard, district, plan, summary, template

app_name = "reports"

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    path("reports/district/<int:year>/", district.DistrictView.as_view(), name="district"),
    path("reports/district/<int:year>/schools.xlsx", district.DistrictExportView.as_view(), name="district_export"),
    path("reports/<int:year>/", summary.SummaryView.as_view(), name="summary"),
    path("reports/<int:year>/texts/", summary.SummaryTextsView.as_view(), name="summary_texts"),
    path("reports/<int:year>/layout/", summary.SummaryLayoutView.as_view(), name="summary_layout"),
    path("reports/<int:year>/title-and-date/", summary.SummaryTitleView.as_view(), name="summary_title"),
    path("reports/<int:year>/headings/", summary.SummaryHeadingView.as_view(), name="summary_heading"),
    path("reports/<int:year>/items/title/", summary.SummaryItemTitleView.as_view(), name="summary_item_title"),
    path("reports/<int:year>/items/added/", summary.SummaryItemAddedView.as_view(), name="summary_item_added"),
    path("reports/<int:year>/items/section/", summary.SummaryItemSectionView.as_view(), name="summary_item_section"),
    path("reports/<int:year>/items/merge/", summary.SummaryItemMergeView.as_view(), name="summary_item_merge"),
    path("reports/<int:year>/summary.docx", summary.SummaryDocxView.as_view(), name="summary_docx"),
    path("reports/<int:year>/versions/new/", summary.SummaryFreezeView.as_view(), name="summary_freeze"),
    path("reports/<int:year>/versions/<int:number>.docx", summary.VersionDocxView.as_view(), name="summary_version"),
    path("reports/<int:year>/records.xlsx", summary.RecordsXlsxView.as_view(), name="records_xlsx"),
    path("reports/template/", template.SummaryTemplateView.as_view(), name="summary_template"),
    path("reports/template/default.docx", template.DefaultTemplateView.as_view(), name="summary_template_default"),
    path("reports/template/<int:pk>/file.docx", template.FileView.as_view(), name="summary_template_file"),
    path("reports/template/<int:pk>/delete/", template.DeleteView.as_view(), name="summary_template_delete"),
    path("reports/<int:year>/plan/", plan.PlanView.as_view(), name="plan"),
    path("reports/<int:year>/plan/sections/<int:pk>/", plan.PlanSectionView.as_view(), name="plan_section"),
    path("reports/<int:year>/plan/items/<int:pk>/", plan.PlanItemView.as_view(), name="plan_item"),
]
