from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ScreeningConfig(AppConfig):
    default = True  # "screening" in INSTALLED_APPS; the admin's config below is named by its path
    name = "screening"
    verbose_name = "Stem cell offer screening"


class StaffAdminConfig(admin_apps.AdminConfig):
    """The admin, with the staff site's grouped front page (screening/staff_site.py)."""

    default = False
    default_site = "screening.staff_site.StaffSite"
