"""Settings for Stem Cell Offer Check: one module, read from the environment, failing closed.

See .env.example for every variable. With nothing set, DEBUG is off and the app refuses to start
without DJANGO_SECRET_KEY; `make run` sets DJANGO_DEBUG=true for a local run.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_networks

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for local use).")
    SECRET_KEY = "local-development-only-not-secret"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "screening.apps.StaffAdminConfig",  # django.contrib.admin, with the staff site's front page
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    "simple_history",
    "screening",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "screening.ops.PrivacyHeadersMiddleware",
    "screening.ops.RequestSizeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "screening.ops.indexing",
            ],
        },
    },
]

# SQLite for a local run; PostgreSQL (psycopg 3) when DATABASE_URL says so.
_SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 5}
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 0),
    )
}
# PostgreSQL: parameters bound by the server, so that psycopg can prepare the queries a worker
# repeats on every page view (the screening lookup) and the server skips planning them again.
_POSTGRES_OPTIONS = {"server_side_binding": True, "prepare_threshold": 5}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(_SQLITE_OPTIONS)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(_POSTGRES_OPTIONS)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate-limit, lockout and ceiling counters must be shared by every worker and container, so the
# default cache is the database (its table is created by a migration). Set DJANGO_CACHE_URL=redis://...
# to use Redis instead (with maxmemory-policy noeviction, so that no counter is dropped early).
# The database cache deletes entries past MAX_ENTRIES, the oldest-sorting live ones too once the
# expired are gone: at Django's 300, many clients' rate-limit keys would wipe the lockout and
# ceiling counters, so the room is for far more clients than an hour can bring.
_CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "")
if _CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}}
elif _CACHE_URL in ("", "db"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache_table",
            "OPTIONS": {"MAX_ENTRIES": env_int("DJANGO_CACHE_MAX_ENTRIES", 500_000)},
        }
    }
else:
    raise ImproperlyConfigured("DJANGO_CACHE_URL must be redis://..., rediss://... or db")

# Sessions are only used by the admin; they live in the database like everything else.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Messages ("Your answers led to a follow-up question") travel in a cookie, never in the session:
# a page request without that cookie has nothing to show, so a rendered page can be reused
# (screening/pagecache.py).
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Production hardening: on unless DEBUG, each one can be turned off explicitly behind a proxy
# that already does it.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Health checks come from inside the container or the load balancer, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Every page loads everything from this site only: no inline scripts or styles, no other host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)

CSRF_FAILURE_VIEW = "screening.ops.csrf_failure"

# Request size limits: a questionnaire step is a few kilobytes. RequestSizeMiddleware refuses a larger
# body before it is read (413); the admin's forms get more room, and are the only ones with uploads.
REQUEST_MAX_BYTES = 64 * 1024
ADMIN_REQUEST_MAX_BYTES = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024

# The admin lives at /<DJANGO_ADMIN_URL>/ (default "admin"); a less obvious path cuts noise.
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin").strip("/") + "/"

# Who is asking (screening/clients.py): behind a proxy, the header that carries the client's address
# and the proxies whose header is believed. One without the other is a mistake: refused at start-up.
CLIENT_IP_HEADER = os.environ.get("DJANGO_CLIENT_IP_HEADER", "").strip() or None
TRUSTED_PROXIES = env_networks("DJANGO_TRUSTED_PROXIES")
if CLIENT_IP_HEADER and not TRUSTED_PROXIES:
    raise ImproperlyConfigured(
        "DJANGO_CLIENT_IP_HEADER is set: also set DJANGO_TRUSTED_PROXIES to the proxies that set it."
    )

# Admin login lockout (django-axes), counted in the cache. It locks an account name from one client
# (a keyed hash of its address, never the address), so a stranger cannot lock a staff member out
# by guessing at their name; the price is that someone with many addresses gets five tries at each.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "screening.clients.lockout_key"
AXES_FAILURE_LIMIT = env_int("DJANGO_ADMIN_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "errors/locked.html"
AXES_RESET_ON_SUCCESS = True

# Rate limits per client (django-ratelimit), keyed by a keyed hash of the client's network.
RATELIMIT_VIEW = "screening.ops.rate_limited"
RATELIMIT_ENABLE = env_bool("DJANGO_RATELIMIT_ENABLE", True)
RATE_START = os.environ.get("DJANGO_RATE_START", "30/h")
RATE_RESUME = os.environ.get("DJANGO_RATE_RESUME", "10/m")
RATE_PDF = os.environ.get("DJANGO_RATE_PDF", "20/h")  # each new PDF costs half a second of a worker
# Failed resume codes a minute from all clients together before resuming pauses (screening/ceilings.py).
RESUME_FAILURES_PER_MINUTE = env_int("DJANGO_RESUME_FAILURES_PER_MINUTE", 60)

# How long screenings are kept (purge_screenings, run daily by cron).
SCREENING_RETENTION_DAYS = env_int("DJANGO_SCREENING_RETENTION_DAYS", 180)
UNFINISHED_RETENTION_DAYS = env_int("DJANGO_UNFINISHED_RETENTION_DAYS", 30)

# Logs never hold a client address, a user agent, a token or a resume code: tokens are cut out
# of logged paths, the development server's access log is off, and our own messages say what
# happened, not to whom.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "config.privacy_log.RedactingFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s: %(message)s",
        }
    },
    "filters": {
        "database_outage": {"()": "screening.ops.DatabaseOutageFilter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {
            "handlers": ["console"],
            "level": "ERROR",
            "propagate": False,
            "filters": ["database_outage"],
        },
        "django.server": {"handlers": [], "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # WeasyPrint warns about every screen-only CSS rule it skips; only its errors matter.
        "weasyprint": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "fontTools": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "screening": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
