"""Resettle settings: one module, driven by environment variables.

Secure unless told otherwise. Demo mode (RESETTLE_DEMO=1, what `make run` and the tests use) relaxes
only what a laptop on 127.0.0.1 needs: a fixed secret key, local hosts, cookies over plain HTTP and
no MFA. Outside demo mode the service refuses to start without a secret key and allowed hosts.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent  # src/resettle
PROJECT_DIR = BASE_DIR.parent.parent  # the repository root
VAR_DIR = Path(os.environ.get("RESETTLE_VAR_DIR", PROJECT_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


DEMO = env_bool("RESETTLE_DEMO")
TESTING = env_bool("RESETTLE_TESTING")
DEBUG = env_bool("RESETTLE_DEBUG")

SECRET_KEY = env_str("RESETTLE_SECRET_KEY")
if not SECRET_KEY:
    if not DEMO:
        raise ImproperlyConfigured(
            "RESETTLE_SECRET_KEY is not set. Set it to a long random value "
            "(or set RESETTLE_DEMO=1 for a local demo with synthetic data)."
        )
    SECRET_KEY = "demo-only-insecure-key-never-use-with-real-data-0123456789abcdef"  # noqa: S105

# The key of the audit trail's hash chain (docs/audit.md): kept outside the database, so that
# someone who can write to the database cannot rewrite an entry and recompute the hashes after it.
# Never change it: entries written with it are checked with it.
AUDIT_KEY = env_str("RESETTLE_AUDIT_KEY")
if not AUDIT_KEY:
    if not DEMO:
        raise ImproperlyConfigured(
            "RESETTLE_AUDIT_KEY is not set. Set it to a long random value kept outside the "
            "database, and keep a copy with your backups: the audit trail is checked with it."
        )
    AUDIT_KEY = "demo-only-audit-key-never-use-with-real-data-0123456789abcdef"  # noqa: S105
elif len(AUDIT_KEY) < 32 and not DEMO:
    raise ImproperlyConfigured("RESETTLE_AUDIT_KEY must be at least 32 characters long.")

ALLOWED_HOSTS = env_list("RESETTLE_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEMO else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("RESETTLE_ALLOWED_HOSTS is not set (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env_list("RESETTLE_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "resettle.core",
    "resettle.accounts",
    "resettle.access",
    "resettle.audit",
    "resettle.children",
    "resettle.voice",
    "resettle.plans",
    "resettle.privacy",
    "resettle.quality",
    "resettle.journey",
    "resettle.notes",
    "resettle.knowledge",
    "resettle.directory",
    "resettle.release",
    "resettle.network",
    "resettle.referrals",
    "resettle.childview",
    "resettle.web",
    "resettle.api",
    "resettle.estate",
    "resettle.insight",
]

# Background work (web/tasks.py): queued in the database and done by `manage.py db_worker`
# processes. RESETTLE_TASKS=immediate does it in the request instead (the tests' default).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_tasks = env_str("RESETTLE_TASKS", "immediate" if TESTING else "database")
if _tasks not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"RESETTLE_TASKS must be one of {', '.join(TASK_BACKENDS)}, not {_tasks!r}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_tasks]}}

MIDDLEWARE = [
    # First: every log line of the request carries its id (core/logs.py).
    "resettle.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The database gone away mid-request: a clear 503 page, not a server error.
    "resettle.core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Who is acting, for the audit trail and the services (resettle.audit.actors).
    "resettle.audit.actors.ActorMiddleware",
    "resettle.accounts.middleware.SessionTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "resettle.accounts.middleware.MFARequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A form sent twice is saved once (after sign-in and messages: it answers with both).
    "resettle.core.once.OnceOnlyMiddleware",
    # After sessions, sign-in, timeouts and two-factor: keeps a session in child mode on its pages.
    "resettle.childview.middleware.ChildModeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "resettle.core.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "resettle.urls"
WSGI_APPLICATION = "resettle.wsgi.application"

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
                "resettle.web.context_processors.service",
            ],
            # `{% csrf_token %}` with a one-off key, so a form sent twice is saved once.
            "builtins": ["resettle.core.templatetags.once"],
        },
    },
]

# Database: SQLite file under var/ unless DATABASE_URL names another (PostgreSQL in production/CI).
# Every SQLite database, named by DATABASE_URL or not, opens each transaction with BEGIN IMMEDIATE
# (one writer at a time, which the audit chain relies on) and waits up to 20 seconds for the lock
# rather than failing at once with "database is locked".
SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "resettle.sqlite3"}
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Pages join many tables (select_related) and narrow them with a subquery; beyond 8 joins
    # PostgreSQL stops reordering them and can read whole tables first (docs/performance.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", "-c join_collapse_limit=16 -c from_collapse_limit=16"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2id with OWASP's parameters (accounts/hashers.py); older hashes are made again at sign-in.
PASSWORD_HASHERS = [
    "resettle.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # A fast hasher keeps the suite quick; Argon2 is tested explicitly.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:signed-out"

# Links to set or reset a password, sent by email (accounts/passwords.py). Each works once. A link
# an administrator sends (for a new account, or when asked) lasts 3 days; one a person asks for
# themselves on "Reset your password" lasts 2 hours. At most 3 reset emails an hour go to one
# address, and one network address may ask 10 times an hour, whatever the addresses it asks about.
PASSWORD_RESET_TIMEOUT = int(timedelta(days=3).total_seconds())
PASSWORD_SELF_RESET_TIMEOUT = int(timedelta(hours=2).total_seconds())
PASSWORD_RESET_EMAILS_PER_ADDRESS_PER_HOUR = 3
PASSWORD_RESET_REQUESTS_PER_CLIENT_PER_HOUR = 10

# Two-factor sign-in (TOTP authenticator app, with single-use recovery codes). Required for
# everyone outside demo mode; in demo mode people may still set it up from their account page.
MFA_REQUIRED = env_bool("RESETTLE_MFA_REQUIRED", not DEMO)
OTP_TOTP_ISSUER = "Resettle"
# Administrators never see authenticator keys, QR codes or recovery codes (accounts/admin.py also
# makes the device pages read-only).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Changing your password or authenticator app needs your password (and a code) this recently.
MFA_REAUTHENTICATE_SECONDS = 5 * 60

# Lockout after repeated failures, by username and address together.
AXES_FAILURE_LIMIT = env_int("RESETTLE_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("RESETTLE_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The sign-in form's field (and authenticate()'s keyword) is "username", though it holds the
# email address; axes would otherwise look for "email" and record every failure with no username.
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Behind proxies, the client's address is read from X-Forwarded-For by django-ipware, trusting only
# the entries the PROXY_COUNT proxies wrote (resettle.audit.actors.client_address). Lockout, the
# audit trail and the session list all use that one address.
PROXY_COUNT = env_int("RESETTLE_PROXY_COUNT", 0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured("RESETTLE_PROXY_COUNT must be 0 or more")
AXES_CLIENT_IP_CALLABLE = "resettle.audit.actors.client_address"

# Sessions: idle timeout and an absolute limit, enforced by SessionTimeoutMiddleware.
SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("RESETTLE_SESSION_IDLE_MINUTES", 30))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=env_int("RESETTLE_SESSION_ABSOLUTE_HOURS", 12))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "resettle_session"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_NAME = "resettle_csrftoken"

# Transport security: on by default, off only for a local demo over plain HTTP.
SECURE_TRANSPORT = env_bool("RESETTLE_SECURE_TRANSPORT", not DEMO)
SESSION_COOKIE_SECURE = SECURE_TRANSPORT
CSRF_COOKIE_SECURE = SECURE_TRANSPORT
SECURE_SSL_REDIRECT = SECURE_TRANSPORT and env_bool("RESETTLE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31_536_000 if SECURE_TRANSPORT else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_TRANSPORT
SECURE_HSTS_PRELOAD = SECURE_TRANSPORT
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("RESETTLE_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

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
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
# The languages the service's messages are translated into (src/resettle/locale). The tests add
# a pseudo-language, made from the messages by scripts/pseudo-locale, so a page rendered in it
# shows at once any words that were never marked for translation (docs/childs-plan.md).
LANGUAGES = [("en-gb", "English")]
if TESTING:
    LANGUAGES.append(("en-xa", "Pseudo-English (tests)"))
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, g:i a"

# Static files: our own, plus GOV.UK Frontend and MoJ Frontend straight from node_modules.
NODE_MODULES = PROJECT_DIR / "node_modules"
STATIC_URL = "/static/"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("govuk", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    ("moj", NODE_MODULES / "@ministryofjustice" / "frontend" / "moj"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEMO or DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEMO or DEBUG or TESTING
# collectstatic writes here for production; demo and tests serve straight from the finders.
STATIC_ROOT = None if WHITENOISE_USE_FINDERS else VAR_DIR / "static"
# In tests, look static files up when asked rather than scanning every file at start-up: each test
# client starts the middleware afresh, and the scan was most of the suite's time.
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

EMAIL_BACKEND = env_str(
    "RESETTLE_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEMO
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("RESETTLE_FROM_EMAIL", "resettle@resettle.example")
# The address of this service, for links in notification emails.
SITE_URL = env_str("RESETTLE_SITE_URL", "http://127.0.0.1:8000" if DEMO else "")

# The folder of Open Referral's compiled HSDS 3.0 schemas (service.json, tabular.json), which
# `import_hsds` checks every record against. They are not part of Resettle: no default.
HSDS_SCHEMAS = env_str("RESETTLE_HSDS_SCHEMAS")

# A referral's share lasts until the referral closes, and at most this many days.
REFERRAL_SHARE_DAYS = env_int("RESETTLE_REFERRAL_SHARE_DAYS", 365)

# Demo sign-ins share one password unless RESETTLE_DEMO_PASSWORD says otherwise.
DEMO_PASSWORD = env_str("RESETTLE_DEMO_PASSWORD", "resettle-demo")

# Logs carry ids, action codes and event names, never names or other personal data. One JSON object
# a line with the request's id (core/logs.py); RESETTLE_LOG_FORMAT=plain for people reading a
# terminal. Security events (sign-in failures, lockouts, refused access, two-factor and password
# changes, links used) come from the "resettle.security" logger, each with an "event" name.
LOG_FORMAT = env_str("RESETTLE_LOG_FORMAT", "json")
if LOG_FORMAT not in {"json", "plain"}:
    raise ImproperlyConfigured(f"RESETTLE_LOG_FORMAT must be json or plain; got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "resettle.core.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "resettle.core.logs.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("RESETTLE_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # The printable plan: WeasyPrint logs each step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

CASELOAD_PAGE_SIZE = 25
# After a transfer, the old service keeps read-only access for this many days (docs/decisions).
TRANSFER_HANDOVER_DAYS = env_int("RESETTLE_TRANSFER_HANDOVER_DAYS", 28)
# A share made for a placement in a secure establishment ends this many days after the placement.
PLACEMENT_SHARE_DAYS = env_int("RESETTLE_PLACEMENT_SHARE_DAYS", 28)
SILENCED_SYSTEM_CHECKS: list[str] = []

# The REST API (docs/api.md): personal access tokens only, JSON only, errors as RFC 9457 problem
# details, a rate limit per token.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["resettle.api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["resettle.api.permissions.TokenAllows"],
    "DEFAULT_THROTTLE_CLASSES": ["resettle.api.throttling.PerTokenThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": "300/minute"},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "resettle.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": None,
    "DATE_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Resettle API",
    "DESCRIPTION": (
        "Children, legal status, plans, journeys, case notes and the child's words, under the "
        "same access rules as Resettle's pages. Authenticate with a personal access token: "
        "`Authorization: Bearer <token>`. Errors are RFC 9457 problem details."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
