from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from screening import views

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("ok", views.ok, name="ok"),
    path("", include("screening.urls")),
]

handler400 = "screening.views.bad_request"
handler403 = "screening.views.permission_denied"
handler404 = "screening.views.page_not_found"
handler500 = "screening.views.server_error"
