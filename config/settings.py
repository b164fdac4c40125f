"""Settings, driven by the environment. Anything unsafe in production fails loudly."""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from config.database import database_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


PRODUCTION = env_bool("FAZHI_PRODUCTION")
DEBUG = env_bool("FAZHI_DEBUG", default=not PRODUCTION)
SECRET_KEY = os.environ.get("FAZHI_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("生产环境必须设置 FAZHI_SECRET_KEY。")
    SECRET_KEY = "dev-only-insecure-key-not-for-production-use-0123456789abcdef"  # noqa: S105
if PRODUCTION and not (
    os.environ.get("FAZHI_FIELD_KEYS") and os.environ.get("FAZHI_BLIND_INDEX_KEY")
):
    # D2/J4: the development field keys in fazhi/core/crypto.py are public.
    raise ImproperlyConfigured("生产环境必须设置 FAZHI_FIELD_KEYS 和 FAZHI_BLIND_INDEX_KEY。")
ALLOWED_HOSTS = os.environ.get("FAZHI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "unfold",
    "unfold.contrib.filters",
    "unfold.contrib.forms",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "pgtrigger",
    "pghistory",
    "django_htmx",
    "django_tasks_db",
    "fazhi.core",
    "fazhi.deadlines",
    "fazhi.indicators",
    "fazhi.reconsideration",
    "fazhi.litigation",
    "fazhi.meetings",
    "fazhi.review",
    "fazhi.normdocs",
    "fazhi.decisions",
    "fazhi.advisors",
    "fazhi.enforcement",
    "fazhi.legal_aid",
    "fazhi.mediation",
    "fazhi.corrections",
    "fazhi.govservices",
    "fazhi.disclosure",
    "fazhi.employment",
    "fazhi.study",
    "fazhi.publicity",
    "fazhi.assessment",
    "fazhi.reports",
    "fazhi.cockpit",
    "fazhi.api",
    "fazhi.portal",
    "fazhi.demo",
]

MIDDLEWARE = [
    "fazhi.core.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fazhi.core.middleware.RequestGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "fazhi.core.middleware.SessionLifetimeMiddleware",
    "fazhi.core.middleware.SecurityGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "fazhi.deadlines.fixed.FixedRulesMiddleware",
    "axes.middleware.AxesMiddleware",
    "fazhi.core.middleware.LoginThrottleMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

# --- Login safety (security.md A) ---
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "fazhi.core.passwords.CharacterClassValidator"},
    {"NAME": "fazhi.core.passwords.ContextWordValidator"},
    {"NAME": "fazhi.core.passwords.PasswordHistoryValidator"},
]
PASSWORD_MAX_AGE = timedelta(days=int(os.environ.get("FAZHI_PASSWORD_MAX_AGE_DAYS", "90")))
PASSWORD_HISTORY_DEPTH = 5
PASSWORD_RESET_TIMEOUT = 3600

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "fazhi.core.accounts.ActiveAccountBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username"]  # offices share one NAT address (security.md 0.4)
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_CLIENT_IP_CALLABLE = "fazhi.core.audit.client_ip"
# X-Forwarded-For is believed only from these addresses (the front proxy), A4/J7.
TRUSTED_PROXIES = [h for h in os.environ.get("FAZHI_TRUSTED_PROXIES", "").split(",") if h.strip()]
# A4: failed logins from one address across all usernames (offices share one NAT address, so
# far above the per-username lockout).
LOGIN_IP_FAILURE_LIMIT = int(os.environ.get("FAZHI_LOGIN_IP_FAILURE_LIMIT", "60"))
# REST API (fazhi.api, docs/api.md): calls per token per minute, unless the token sets its own
API_RATE_LIMIT = int(os.environ.get("FAZHI_API_RATE_LIMIT", "600"))
LOGIN_IP_WINDOW = timedelta(minutes=15)
# A1: an account unused this long is deactivated (daily job and at login).
STALE_ACCOUNT_AFTER = timedelta(days=int(os.environ.get("FAZHI_STALE_ACCOUNT_DAYS", "90")))

SESSION_COOKIE_AGE = 30 * 60  # idle timeout (A5)
SESSION_REFRESH_INTERVAL = timedelta(minutes=1)  # the idle expiry moves on at most this often
SESSION_ABSOLUTE_LIFETIME = timedelta(hours=12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True

LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "admin:login"
OTP_TOTP_ISSUER = "法治政府建设综合管理平台"

# --- Transport and headers (security.md A8, F4) ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "frame-ancestors": ["'none'"],
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["fazhi.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on a missing folder
# whitenoise serves the collected static files from the WSGI process (make run, gunicorn);
# hashed names only where collectstatic has run, so tests and runserver need no manifest.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("FAZHI_STATIC_MANIFEST")
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = BASE_DIR / "var" / "media"
FILE_UPLOAD_TEMP_DIR = None
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# A3: 调休上班 weekend days count as working days in deadline computation (shown in explanations).
DEADLINES_COUNT_ADJUSTED_WORKDAYS = env_bool(
    "FAZHI_DEADLINES_COUNT_ADJUSTED_WORKDAYS", default=True
)


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "fazhi.core.jsonlog.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "audit": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "loggers": {
        "fazhi.audit": {"handlers": ["audit"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING"},
        # with DEBUG off the visitor sees the Chinese 500 page; the traceback goes to the log
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

from config.unfold import UNFOLD  # noqa: E402,F401
