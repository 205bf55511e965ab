"""The settings the suite runs with: the real settings module, read with test environment defaults.

The suite runs with DEBUG off (production behaviour) but without the HTTPS redirect that the
test client cannot follow. Anything already set in the environment (DATABASE_URL in CI) wins.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from config.settings import *  # noqa: E402, F403

# Static files straight from static/ (no collectstatic step before the tests): WhiteNoise finds
# them through the finders, as it does under `make run`.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Counters in a per-process cache, and rate limits off except in the tests about them (which
# switch them on), so that the many screenings the suite starts are not throttled.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RATELIMIT_ENABLE = False
