from django.urls import path, register_converter

from screening import views
from screening.models.screenings import TOKEN_PATTERN


class TokenConverter:
    """A screening's token as screening.models.new_token makes it (TOKEN_PATTERN).

    Anything else (a NUL byte, a path of junk) is not a screening address: 404 without a query.
    """

    regex = TOKEN_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenConverter, "token")

app_name = "screening"

urlpatterns = [
    path("", views.start, name="start"),
    path("start/", views.begin, name="begin"),
    path("resume/", views.resume, name="resume"),
    path("privacy/", views.privacy, name="privacy"),
    path("words/", views.words, name="words"),
    path("s/<token:token>/", views.continue_screening, name="continue"),
    path("s/<token:token>/step/<int:number>/", views.step, name="step"),
    path("s/<token:token>/review/", views.review, name="review"),
    path("s/<token:token>/report/", views.report, name="report"),
    path("s/<token:token>/report.json", views.report_json, name="report-json"),
    path("s/<token:token>/report.pdf", views.report_pdf, name="report-pdf"),
    path("s/<token:token>/delete/", views.delete, name="delete"),
]
