from django.urls import path

from screening import views

app_name = "screening"

urlpatterns = [
    path("", views.start, name="start"),
    path("start/", views.begin, name="begin"),
    path("resume/", views.resume, name="resume"),
    path("privacy/", views.privacy, name="privacy"),
    path("s/<str:token>/", views.continue_screening, name="continue"),
    path("s/<str:token>/step/<int:number>/", views.step, name="step"),
    path("s/<str:token>/review/", views.review, name="review"),
    path("s/<str:token>/report/", views.report, name="report"),
    path("s/<str:token>/report.json", views.report_json, name="report-json"),
    path("s/<str:token>/report.pdf", views.report_pdf, name="report-pdf"),
    path("s/<str:token>/delete/", views.delete, name="delete"),
]
