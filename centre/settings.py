"""Django settings, read from the environment (names in centre/config.py, meanings in docs/centre.md).

Secure by default: DEBUG only in the demo; argon2 first; secure, HttpOnly, SameSite cookies; CSRF on every form;
HSTS and secure redirects when CENTRE_TLS says a proxy terminates TLS; a Content Security Policy on every page.
"""

from __future__ import annotations

import os
from pathlib import Path

from csp.constants import NONCE

from centre import config
from centre.ops.db_pool import pooled
from centre.ops.logs import logging_config

DEMO = config.flag(config.ENV_DEMO)
TLS = config.flag(config.ENV_TLS)
API_DOCS = config.flag(config.ENV_API_DOCS) or DEMO

SECRET_KEY = config.secret_key()
DEBUG = False  # even in the demo: DEBUG pages would show settings and personal data in tracebacks
ALLOWED_HOSTS = [h.strip() for h in os.environ.get(config.ENV_ALLOWED_HOSTS, "*").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_htmx",
    "centre.terminals",
    "centre.sync",
    "centre.credentials",
    "centre.public",
    "centre.evaluations",
    "centre.ecard",
    "centre.ops",
    "centre.audit",
    "centre.console",
    "centre.complaints",
    "centre.review",
    "centre.policecheck",
    "centre.integrity",
    "centre.analytics",
]

MIDDLEWARE = [
    "centre.ops.metrics.observe_requests",  # first: times the whole answer, counts every status
    "centre.ops.db_router.route_reads_to_replica",
    "centre.ops.activity.record_terminal_activity",
    "django.middleware.security.SecurityMiddleware",
    "centre.console.static_files.StaticFiles",  # WhiteNoise: the console's scripts and styles, from this process (no CDN)
    "centre.middleware.server_time_header",
    "centre.terminals.response_signing.sign_terminal_api_answers",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "centre.console.middleware.idle_time_out",  # after messages: it tells the signed-out user why
    "centre.console.middleware.terminal_contact",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers a locked-out sign-in itself
]

ROOT_URLCONF = "centre.urls"
ASGI_APPLICATION = "centre.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# PostgreSQL through a pool of connections in each process (centre/ops/db_pool.py: why, and why not the replica).
DATABASES = {"default": pooled(config.database_settings(config.default_db_url()))}
if os.environ.get("CENTRE_REPLICA_DB", "").strip():  # a read replica for read-heavy pages (centre/ops/db_router.py)
    DATABASES["replica"] = config.database_settings(os.environ["CENTRE_REPLICA_DB"].strip())
DATABASE_ROUTERS = ["centre.ops.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Cookies: never readable from scripts, never sent cross-site, and only over TLS where TLS is there.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = TLS
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = TLS
if TLS:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The proxy's or load balancer's health check reaches the centre over the plain hop behind the proxy; a
    # redirect to https would make a healthy centre look down.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Every page: our own resources only; inline styles only with the per-response nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # NONCE, django-csp's marker: a plain "nonce" string would be sent as is and block the page's own style.
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# Request bodies: checked by centre.limits in front of Django, before a byte is read or parsed (POST /v1/events
# may carry a push of MAX_PUSH_BATCH events, a few megabytes; nothing else needs more than a few hundred bytes).
# DATA_UPLOAD_MAX_MEMORY_SIZE is Django's own ceiling for anything that reads request.body, kept in step.
CENTRE_PUSH_BODY_LIMIT = 16 * 1024 * 1024
CENTRE_BODY_LIMIT = 64 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = CENTRE_PUSH_BODY_LIMIT

# The terminal API's bulk routes (push, pull, receipt) run in worker processes of their own (centre/bulk_process.py)
# so that a 10,000-event push cannot hold the interpreter lock the public page needs. 0 serves them in-process.
CENTRE_BULK_PROCESSES = config.count(config.ENV_BULK_PROCESSES, 2)

# Per-client rate limits on the public pages (centre/ratelimits.py, django-ratelimit), keyed by the client's
# address: a person checking a card needs a few requests a minute; walking credential numbers needs thousands.
# /healthz is exempt: load balancers and terminals' doctor poll it. The counters live in this process's memory,
# which is right for the one uvicorn process `serve` runs; several processes need a shared cache (Redis or
# memcached) named by RATELIMIT_USE_CACHE.
RATELIMIT_ENABLE = os.environ.get(config.ENV_RATE_LIMITS, "1").strip() != "0"
RATELIMIT_USE_CACHE = "ratelimit"
CENTRE_RATE_VERIFY = config.rate(config.ENV_RATE_VERIFY, "120/m")
CENTRE_RATE_LOGIN = config.rate("CENTRE_RATE_LOGIN", "20/m")  # back-office sign-in attempts per client
# Enrolment is the one unsigned route of the terminal API: anyone may try a code. A site enrols a few terminals.
CENTRE_RATE_ENROL = config.rate(config.ENV_RATE_ENROL, "60/h")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"},
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "/static/"

# Casework (docs/console.md): days an agency has to answer a complaint; days after which a person is checked again.
CENTRE_COMPLAINT_DEADLINE_DAYS = config.count("CENTRE_COMPLAINT_DEADLINE_DAYS", 7)
CENTRE_RECHECK_DAYS = config.count("CENTRE_RECHECK_DAYS", 365)
# WhiteNoise serves static files straight from the apps' static/ folders and the npm packages (package.json,
# installed by ./scripts/dev setup): no collectstatic step, nothing from a CDN.
WHITENOISE_USE_FINDERS = True
_NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"
STATICFILES_DIRS = [(f"vendor/{name}", _NODE_MODULES / name / "dist")
                    for name in ("htmx.org", "qrcode-generator", "echarts") if (_NODE_MODULES / name / "dist").is_dir()]  # fmt: skip

# The console (centre/console, docs/console.md): sign-in, lockout, idle time-out, second factor.
LOGIN_URL = "console:login"
LOGIN_REDIRECT_URL = "console:home"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out name before its password is checked
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = config.count("CENTRE_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = config.count("CENTRE_LOCKOUT_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]  # a name under attack is locked wherever the guesses come from
AXES_LOCKOUT_TEMPLATE = "console/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # its log lines would carry the tried names
CENTRE_CONSOLE_IDLE_SECONDS = config.count("CENTRE_CONSOLE_IDLE_SECONDS", 30 * 60)
OTP_TOTP_ISSUER = "上门服务证 中心"
# The console's words before the contrib apps' (the admin's zh_Hans says 名称 for a person's "name").
LOCALE_PATHS = [Path(__file__).resolve().parent / "console" / "locale"]

# JSON lines on standard error with personal data masked (centre/ops/logs.py); CENTRE_ACCESS_LOG=1 adds a line per
# answered request.
LOGGING = logging_config()
