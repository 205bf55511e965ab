# A slim, non-root image serving the app with gunicorn.
# Migrations are an explicit step: docker run --rm IMAGE python manage.py migrate
FROM python:3.11-slim-bookworm

# TLS ends at the load balancer or reverse proxy in front of this image, which also redirects
# HTTP to HTTPS; HSTS and secure cookies stay on. Set DJANGO_SECURE_SSL_REDIRECT=true to let
# Django redirect instead (it trusts X-Forwarded-Proto from the proxy).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SECURE_SSL_REDIRECT=false

WORKDIR /app

# Pango and HarfBuzz for WeasyPrint (the PDF of the report). Not pinned to exact versions on
# purpose: Debian replaces them with security updates, and an exact pin would then fail to build.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .

# Static files are collected (and compressed by WhiteNoise) at build time, with a throwaway key.
RUN python -c "import weasyprint" \
    && DJANGO_SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --no-create-home app

USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["python", "config/healthcheck.py"]
CMD ["gunicorn", "--config", "config/gunicorn.conf.py", "--bind", "0.0.0.0:8000", "config.wsgi"]
