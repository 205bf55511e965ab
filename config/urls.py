from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from screening import ops

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", ops.healthz, name="healthz"),
    path("ok", ops.ok, name="ok"),
    path("", include("screening.urls")),
]

handler400 = "screening.ops.bad_request"
handler403 = "screening.ops.permission_denied"
handler404 = "screening.ops.page_not_found"
handler500 = "screening.ops.server_error"
